// Ordering questions: where the steps start, and how an arrangement is judged. Pure; the caller
// hands in the seed, so each attempt at a card starts from its own arrangement.

import { seeded, shuffle } from './quiz/rng.ts';
import type { Verdict } from './quiz/typed.ts';

/** Pairs of steps in the wrong relative order: 0 in order, n(n−1)/2 reversed. */
export function inversions(order: readonly number[]): number {
	let n = 0;
	for (let i = 0; i < order.length; i++) for (let j = i + 1; j < order.length; j++) if (order[i]! > order[j]!) n++;
	return n;
}

/** Neighbouring steps already in place next to each other (step k directly before step k+1). */
export function pairsInPlace(order: readonly number[]): number {
	let n = 0;
	for (let i = 0; i + 1 < order.length; i++) if (order[i + 1] === order[i]! + 1) n++;
	return n;
}

const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Whether an arrangement is a fair place to start: not in order, no two neighbouring steps already
 * together (nothing to find for free), and not near-reversed (which a learner turns round without
 * knowing the chain): at most three quarters of the pairs out of order.
 */
export function fairStart(order: readonly number[]): boolean {
	const n = order.length;
	const inv = inversions(order);
	return inv > 0 && pairsInPlace(order) === 0 && inv <= Math.floor((0.75 * n * (n - 1)) / 2);
}

/**
 * The arrangement an attempt starts from: each entry is the right position of the step shown
 * there. Drawn with the seed among the fair starts, and never the one the last attempt had.
 */
export function startOrder(count: number, seed: string, last?: readonly number[]): number[] {
	const idx = Array.from({ length: count }, (_, i) => i);
	if (count < 2) return idx;
	if (count === 2) return [1, 0];
	const rng = seeded(seed);
	let fallback: number[] | null = null;
	for (let tries = 0; tries < 500; tries++) {
		const out = shuffle(idx, rng);
		if (!fairStart(out)) continue;
		if (!last || !same(out, last)) return out;
		fallback ??= out;
	}
	// Every fair start was the last one (three steps have only two): take it rather than none.
	return fallback ?? [...idx.slice(1), idx[0]!];
}

export interface StepsResult {
	verdict: Verdict;
	/** For each position, whether the step there is the right one. */
	inPlace: boolean[];
	/** Neighbouring steps put together in the right order, of `order.length − 1`. */
	pairs: number;
}

/**
 * Judges an arrangement. All in place: right. Most of it right (at least half the neighbouring
 * pairs together, or one step out of place): partly, which proposes Hard. Left as it started, or
 * mostly out of order: wrong.
 */
export function judgeSteps(order: readonly number[], start: readonly number[]): StepsResult {
	const inPlace = order.map((v, i) => v === i);
	const pairs = pairsInPlace(order);
	if (inPlace.every(Boolean)) return { verdict: 'right', inPlace, pairs };
	const oneOut = inPlace.filter((x) => !x).length <= 2 && inversions(order) === 1;
	const most = pairs >= Math.ceil((order.length - 1) / 2);
	const verdict: Verdict = !same(order, start) && (oneOut || most) ? 'partly' : 'wrong';
	return { verdict, inPlace, pairs };
}
