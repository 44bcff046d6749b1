// What a desired retention costs: the learner's collection studied forward, day by day, with
// their own FSRS parameters and answer times. fsrs-rs has a simulator, but the browser build the
// app uses (fsrs-browser) does not expose it, so this is a small one of our own: cards come due
// when their predicted recall falls to the retention, are passed with that probability (seeded,
// so the same inputs give the same figures), and new cards come in at the daily limit.

import { seeded } from '../quiz/rng.ts';
import { memoryModel, type MemoryState } from '../schedule.ts';
import type { RatingValue } from '../model.ts';

export interface SimCard {
	/** null for a card never studied. */
	memory: MemoryState | null;
	/** Days since its last answer (for a studied card). */
	elapsedDays: number;
}

export interface AnswerCosts {
	/** Seconds for a passed review, a failed one (with its relearning step), and a new card (with its learning steps). */
	pass: number;
	fail: number;
	learn: number;
}

export interface SimOptions {
	cards: SimCard[];
	newPerDay: number;
	days: number;
	retention: number;
	parameters: readonly number[] | null;
	costs: AnswerCosts;
	maximumInterval: number;
	seed?: string;
	/** An exam on this simulated day: until then cards are kept at the target recall, as the scheduler does. */
	exam?: { day: number; target: number };
}

export interface SimResult {
	retention: number;
	/** Reviews (not new cards) on each simulated day. */
	reviews: number[];
	/** Minutes of study on each simulated day, new cards included. */
	minutes: number[];
	/** Expected number of cards recalled at the end (sum of predicted recall over studied cards). */
	remembered: number;
}

export const RETENTIONS = [0.8, 0.85, 0.9, 0.95];

/** Median of a list (0 when empty). */
export function median(xs: number[]): number {
	if (!xs.length) return 0;
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The learner's typical answer times from their log (seconds), with plain defaults when the log is short. */
export function answerCosts(log: { rating: RatingValue; durationMs: number; first: boolean }[]): AnswerCosts {
	const pick = (f: (r: (typeof log)[number]) => boolean, fallback: number) => {
		const xs = log.filter(f).map((r) => r.durationMs / 1000);
		return xs.length >= 10 ? median(xs) : fallback;
	};
	const pass = pick((r) => !r.first && r.rating > 1, 8);
	const fail = pick((r) => !r.first && r.rating === 1, 15);
	const learn = pick((r) => r.first, 12);
	// A failed review is followed by a relearning step; a new card by its learning steps.
	return { pass, fail: fail + pass, learn: learn + pass };
}

export function simulate(o: SimOptions): SimResult {
	const model = memoryModel(o.parameters);
	const rng = seeded(o.seed ?? `sim:${o.retention}`);
	const due: { memory: MemoryState; last: number }[][] = Array.from({ length: o.days }, () => []);
	const reviews = new Array<number>(o.days).fill(0);
	const seconds = new Array<number>(o.days).fill(0);
	const at = (memory: MemoryState, day: number) => {
		let days = Math.max(1, Math.min(o.maximumInterval, Math.round(model.interval(memory.stability, o.retention))));
		const e = o.exam;
		if (e && day < e.day && day >= 0 && model.recall(e.day - day, memory.stability) < e.target) days = Math.min(days, Math.max(1, Math.floor(model.interval(memory.stability, e.target))));
		return days + day;
	};
	const put = (memory: MemoryState, last: number, day: number) => {
		if (day < o.days) due[Math.max(0, day)]!.push({ memory, last });
	};
	let fresh = 0;
	const ended: { memory: MemoryState; last: number }[] = [];
	for (const c of o.cards) {
		if (!c.memory) fresh++;
		else {
			// Whole days: the simulation steps a day at a time.
			const last = -Math.max(0, Math.round(c.elapsedDays));
			put(c.memory, last, at(c.memory, last));
		}
	}
	const keepOrEnd = (memory: MemoryState, last: number) => {
		const next = at(memory, last);
		if (next < o.days) put(memory, last, next);
		else ended.push({ memory, last });
	};
	for (let day = 0; day < o.days; day++) {
		for (const c of due[day]!) {
			const p = model.recall(day - c.last, c.memory.stability);
			reviews[day]!++;
			let m: MemoryState;
			if (rng() < p) {
				m = model.step(c.memory, day - c.last, 3);
				seconds[day]! += o.costs.pass;
			} else {
				m = model.step(model.step(c.memory, day - c.last, 1), 0, 3);
				seconds[day]! += o.costs.fail;
			}
			keepOrEnd(m, day);
		}
		due[day] = [];
		for (let n = 0; n < o.newPerDay && fresh > 0; n++, fresh--) {
			const first = (rng() < 0.25 ? 1 : 3) as RatingValue;
			let m = model.step(null, 0, first);
			if (first === 1) m = model.step(m, 0, 3);
			seconds[day]! += o.costs.learn;
			keepOrEnd(m, day);
		}
	}
	// Cards still waiting at the end, and those whose next review falls after it.
	for (const list of due) for (const c of list) ended.push(c);
	const remembered = ended.reduce((t, c) => t + model.recall(o.days - c.last, c.memory.stability), 0);
	return { retention: o.retention, reviews, minutes: seconds.map((s) => s / 60), remembered };
}

/** The average of a day series over its first `days` days. */
export function perDay(xs: number[], days = xs.length): number {
	const part = xs.slice(0, days);
	return part.length ? part.reduce((a, b) => a + b, 0) / part.length : 0;
}

/** The simulations the workload screens ask for: each retention, or one deck without and with its exam. */
export function workloadRuns(
	q: { days: number; newPerDay: number; maximumInterval: number; parameters: number[] | null; exam?: { day: number; target: number; retention: number } },
	input: { cards: SimCard[]; costs: AnswerCosts }
): SimResult[] {
	const base = { ...input, days: q.days, newPerDay: q.newPerDay, maximumInterval: q.maximumInterval, parameters: q.parameters };
	if (q.exam) return [simulate({ ...base, retention: q.exam.retention }), simulate({ ...base, retention: q.exam.retention, exam: q.exam })];
	return RETENTIONS.map((retention) => simulate({ ...base, retention }));
}
