// List recall, "select all that apply" and ordering: scoring what the learner gave against the
// card's items. Typed items are matched one to one to the list with the typed-answer grader, by
// the best assignment over all of them (not the first item that fits).

import { gradePrepared, prepareAnswer, type Verdict } from './typed.ts';
import type { GradeContext } from './glossary.ts';
import type { SelectOption } from './choice.ts';
import { seeded, shuffle } from './rng.ts';

export interface ListResult {
	verdict: Verdict;
	/** Indexes of the card's items the learner gave. */
	found: number[];
	/** Indexes of the items they did not give. */
	missed: number[];
	/** What they gave that is not an item. */
	extra: string[];
	/** Found share, less a penalty for wrong picks (0–1): the partial credit. */
	score: number;
	/** Items found only "close": the grader could not be sure, the learner checks them. */
	unsure: number[];
	/** For each found item, what differed, when something did (by item index). */
	notes: Record<number, string>;
}

function verdictOf(found: number, total: number, extra: number, unsure: number): Verdict {
	if (found === total && extra === 0) return unsure ? 'close' : 'right';
	if (found * 2 >= total && found >= extra && found > 0) return 'partly';
	return 'wrong';
}

const VALUE: Record<Verdict, number> = { right: 3, close: 2, partly: 1, wrong: 0 };

/** The best one-to-one assignment of rows to columns by value (small lists: exact search over subsets). */
function bestAssignment(value: number[][], cols: number): number[] {
	const rows = value.length;
	// dp over rows, with the set of columns used as a bit mask (items are at most a dozen).
	const memo = new Map<string, { total: number; pick: number[] }>();
	const go = (r: number, used: number): { total: number; pick: number[] } => {
		if (r === rows) return { total: 0, pick: [] };
		const k = `${r}:${used}`;
		const hit = memo.get(k);
		if (hit) return hit;
		let best = go(r + 1, used);
		best = { total: best.total, pick: [-1, ...best.pick] };
		for (let c = 0; c < cols; c++) {
			if (used & (1 << c) || value[r]![c]! <= 0) continue;
			const rest = go(r + 1, used | (1 << c));
			if (rest.total + value[r]![c]! > best.total) best = { total: rest.total + value[r]![c]!, pick: [c, ...rest.pick] };
		}
		memo.set(k, best);
		return best;
	};
	return go(0, 0).pick;
}

/** Each typed line graded against each item, and the best one-to-one assignment of lines to items. */
function assign(typed: string[], items: string[], opts: { question?: string; ctx?: GradeContext }) {
	const lines = typed.map((t) => t.trim()).filter(Boolean).slice(0, 16);
	const keys = items.map((item) => prepareAnswer(item, { question: opts.question, ctx: opts.ctx }));
	const results = lines.map((line) => keys.map((k) => gradePrepared(line, k)));
	// A right match is worth more than any number of close ones; partial matches count least.
	const value = results.map((row) => row.map((r) => (r.verdict === 'wrong' ? 0 : VALUE[r.verdict] * 10 + r.score)));
	const pick = items.length <= 12 ? bestAssignment(value, items.length) : lines.map(() => -1);
	return { lines, results, pick };
}

/** Typed items (one per line, any order) matched to the list one to one, each graded as a typed answer. */
export function scoreTypedList(typed: string[], items: string[], opts: { question?: string; ctx?: GradeContext } = {}): ListResult {
	const { lines, results, pick } = assign(typed, items, opts);
	const found: number[] = [];
	const unsure: number[] = [];
	const extra: string[] = [];
	const notes: Record<number, string> = {};
	let partial = 0;
	pick.forEach((c, r) => {
		const res = c >= 0 ? results[r]![c]! : null;
		if (!res || res.verdict === 'wrong') {
			extra.push(lines[r]!);
			return;
		}
		if (res.verdict === 'partly') {
			partial++;
			notes[c] = res.reason;
			extra.push(lines[r]!);
			return;
		}
		found.push(c);
		if (res.verdict === 'close') unsure.push(c);
		if (res.reason) notes[c] = res.reason;
	});
	// A line that is partly one item is not a wrong item: it costs nothing, and earns nothing.
	const wrongExtra = extra.length - partial;
	const missed = items.map((_, i) => i).filter((i) => !found.includes(i));
	const score = Math.max(0, (found.length + partial * 0.5 - wrongExtra * 0.5) / items.length);
	let verdict = verdictOf(found.length, items.length, wrongExtra, unsure.length);
	if (verdict === 'right' && partial) verdict = 'partly';
	if (verdict === 'wrong' && found.length + partial >= items.length / 2 && partial) verdict = 'partly';
	return { verdict, found: found.sort((a, b) => a - b), missed, extra, score, unsure: unsure.sort((a, b) => a - b), notes };
}

export type PickOption = SelectOption;

/** The options to pick from: every item and as many distractors, shuffled with a seed. */
export function pickOptions(items: string[], distractors: string[], seed: string): PickOption[] {
	const rng = seeded(seed);
	const others = shuffle(distractors, rng).slice(0, Math.max(2, Math.min(items.length, 6)));
	return shuffle([...items.map((text, item) => ({ text, item })), ...others.map((text) => ({ text, item: -1 }))], rng);
}

/**
 * "Select all that apply": each item ticked earns its share, each wrong tick costs half a share.
 * All items and no wrong tick: right; at least half, and more right than wrong: partly.
 */
export function scorePicks(picked: PickOption[], items: string[]): ListResult {
	const found = [...new Set(picked.filter((p) => p.item >= 0).map((p) => p.item))].sort((a, b) => a - b);
	const extra = picked.filter((p) => p.item < 0).map((p) => p.text);
	const missed = items.map((_, i) => i).filter((i) => !found.includes(i));
	const score = Math.max(0, (found.length - extra.length * 0.5) / items.length);
	return { verdict: verdictOf(found.length, items.length, extra.length, 0), found, missed, extra, score, unsure: [], notes: {} };
}

/**
 * A chain typed step by step: each line matched to a step as in list recall, then the order of
 * the steps found. All steps in order: right; one swap or one step missing: partly.
 */
export function scoreTypedSteps(typed: string[], steps: string[], opts: { question?: string; ctx?: GradeContext } = {}): Verdict {
	const { results, pick } = assign(typed, steps, opts);
	const order = pick.map((c, r) => (c >= 0 && results[r]![c]!.verdict !== 'wrong' && results[r]![c]!.verdict !== 'partly' ? c : -1)).filter((c) => c >= 0);
	const unsure = pick.some((c, r) => c >= 0 && results[r]![c]!.verdict === 'close');
	const extra = pick.length - order.length;
	if (order.length === steps.length && extra === 0) {
		const verdict = scoreOrder(order.map((c) => order.slice().sort((a, b) => a - b).indexOf(c))).verdict;
		return verdict === 'right' && unsure ? 'close' : verdict;
	}
	const inOrder = longestIncreasing(order);
	if (order.length >= steps.length - 1 && inOrder >= order.length - 1 && order.length > 1) return 'partly';
	return order.length * 2 >= steps.length && inOrder * 2 >= steps.length ? 'partly' : 'wrong';
}

export interface OrderResult {
	verdict: Verdict;
	/** For each position, whether the step there is the right one. */
	inPlace: boolean[];
	/** Steps already in the right relative order (longest increasing run). */
	ordered: number;
}

/** The steps shuffled with a seed, never left in their right order. */
export function shuffledSteps(count: number, seed: string): number[] {
	const idx = Array.from({ length: count }, (_, i) => i);
	if (count < 2) return idx;
	const rng = seeded(seed);
	let out = shuffle(idx, rng);
	for (let n = 0; out.every((v, i) => v === i) && n < 5; n++) out = shuffle(idx, rng);
	if (out.every((v, i) => v === i)) out = [...idx.slice(1), idx[0]!];
	return out;
}

function longestIncreasing(xs: number[]): number {
	const tails: number[] = [];
	for (const x of xs) {
		let lo = 0;
		let hi = tails.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (tails[mid]! < x) lo = mid + 1;
			else hi = mid;
		}
		tails[lo] = x;
	}
	return tails.length;
}

/** `order` lists the right index of the step at each position. All in place: right; one step out: partly. */
export function scoreOrder(order: number[]): OrderResult {
	const inPlace = order.map((v, i) => v === i);
	const ordered = longestIncreasing(order);
	const verdict: Verdict = inPlace.every(Boolean) ? 'right' : ordered >= order.length - 1 ? 'partly' : 'wrong';
	return { verdict, inPlace, ordered };
}
