// A made-up but lifelike review history: cards learned and reviewed by a simulated learner whose
// memory follows FSRS with given parameters. Seeded, so the same call gives the same log: the
// optimiser's test fixtures, the benchmark and the end-to-end tests study with it.

import { seeded, type Rng } from '../quiz/rng.ts';
import { memoryModel, type MemoryState } from '../schedule.ts';
import type { RatingValue } from '../model.ts';
import { DAY, MINUTE } from '../time.ts';

export interface SyntheticAnswer {
	/** The card's number, 0-based. */
	card: number;
	day: number;
	/** Minutes into the study day. */
	minute: number;
	rating: RatingValue;
	/** Seconds the answer took. */
	seconds: number;
}

export interface SyntheticOptions {
	seed: string;
	/** How many answers to stop at (the last card may be cut short). */
	answers: number;
	/** New cards a day. */
	newPerDay: number;
	/** The learner's true memory (FSRS-6 parameters); defaults when absent. */
	parameters?: readonly number[];
	/** The retention the simulated scheduler aims at. */
	retention?: number;
}

function pick(rng: Rng, weights: readonly number[]): number {
	let x = rng() * weights.reduce((a, b) => a + b, 0);
	for (let i = 0; i < weights.length; i++) if ((x -= weights[i]!) < 0) return i;
	return weights.length - 1;
}

/**
 * Simulates study from day 0 until `answers` answers: `newPerDay` new cards a day, each card
 * reviewed when its predicted recall falls to the retention (a little spread), passed with the
 * probability its true memory gives. A first Again or Hard and every lapse is followed by a
 * same-day step. Answers come out in the order they were given.
 */
export function syntheticLog(o: SyntheticOptions): SyntheticAnswer[] {
	const rng = seeded(o.seed);
	const model = memoryModel(o.parameters);
	const retention = o.retention ?? 0.9;
	const out: SyntheticAnswer[] = [];
	// Cards due on a day, with their memory and last review day.
	const due = new Map<number, { card: number; state: MemoryState; last: number }[]>();
	const seconds = () => Math.round(4 + rng() * 10 + (rng() < 0.1 ? rng() * 30 : 0));
	const schedule = (card: number, state: MemoryState, day: number) => {
		const days = Math.max(1, Math.round(model.interval(state.stability, retention) * (0.9 + rng() * 0.2)));
		const list = due.get(day + days) ?? [];
		list.push({ card, state, last: day });
		due.set(day + days, list);
	};
	let next = 0;
	for (let day = 0; out.length < o.answers; day++) {
		let minute = 0;
		const answer = (card: number, rating: RatingValue) => {
			minute += 1 + Math.floor(rng() * 3);
			out.push({ card, day, minute, rating, seconds: seconds() });
		};
		for (const c of due.get(day) ?? []) {
			if (out.length >= o.answers) break;
			const p = model.recall(day - c.last, c.state.stability);
			const passed = rng() < p;
			const rating = (passed ? [2, 3, 4][pick(rng, [0.12, 0.8, 0.08])] : 1) as RatingValue;
			answer(c.card, rating);
			let state = model.step(c.state, day - c.last, rating);
			if (rating === 1) {
				answer(c.card, 3);
				state = model.step(state, 0, 3);
			}
			schedule(c.card, state, day);
		}
		due.delete(day);
		for (let n = 0; n < o.newPerDay && out.length < o.answers; n++) {
			const card = next++;
			const first = (pick(rng, [0.25, 0.1, 0.55, 0.1]) + 1) as RatingValue;
			answer(card, first);
			let state = model.step(null, 0, first);
			if (first <= 2) {
				const again = (rng() < 0.15 ? 1 : 3) as RatingValue;
				answer(card, again);
				state = model.step(state, 0, again);
				if (again === 1) {
					answer(card, 3);
					state = model.step(state, 0, 3);
				}
			}
			schedule(card, state, day);
		}
	}
	return out.slice(0, o.answers);
}

/** An answer's time, for a log whose day 0 begins at `start` (ms). */
export function answerTime(a: SyntheticAnswer, start: number): number {
	return start + a.day * DAY + a.minute * MINUTE;
}
