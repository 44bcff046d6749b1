// List recall and ordering: scoring what the learner gave against the card's items.

import { gradeTyped, type Verdict } from './typed.ts';
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
}

function verdictOf(found: number, total: number, extra: number): Verdict {
	if (found === total && extra === 0) return 'right';
	if (found * 2 >= total && found > extra) return 'partly';
	return 'wrong';
}

/** Typed items (one per line, any order) matched to the list, leniently per item. */
export function scoreTypedList(typed: string[], items: string[]): ListResult {
	const free = new Set(items.map((_, i) => i));
	const found: number[] = [];
	const extra: string[] = [];
	for (const line of typed.map((t) => t.trim()).filter(Boolean)) {
		let best = -1;
		let bestScore = 0;
		for (const i of free) {
			const r = gradeTyped(line, items[i]!);
			const s = r.verdict === 'right' ? 2 + r.score : r.verdict === 'partly' ? 1 + r.score : r.score >= 0.5 && r.reason === '' ? r.score : 0;
			if (s > bestScore) {
				bestScore = s;
				best = i;
			}
		}
		if (best >= 0) {
			free.delete(best);
			found.push(best);
		} else extra.push(line);
	}
	const missed = [...free].sort((a, b) => a - b);
	const score = Math.max(0, (found.length - extra.length * 0.5) / items.length);
	return { verdict: verdictOf(found.length, items.length, extra.length), found: found.sort((a, b) => a - b), missed, extra, score };
}

export interface PickOption {
	text: string;
	/** Index in the card's items, or -1 for a distractor. */
	item: number;
}

/** The options to pick from: every item and as many distractors, shuffled with a seed. */
export function pickOptions(items: string[], distractors: string[], seed: string): PickOption[] {
	const rng = seeded(seed);
	const others = shuffle(distractors, rng).slice(0, Math.max(2, Math.min(items.length, 6)));
	return shuffle([...items.map((text, item) => ({ text, item })), ...others.map((text) => ({ text, item: -1 }))], rng);
}

export function scorePicks(picked: PickOption[], items: string[]): ListResult {
	const found = [...new Set(picked.filter((p) => p.item >= 0).map((p) => p.item))].sort((a, b) => a - b);
	const extra = picked.filter((p) => p.item < 0).map((p) => p.text);
	const missed = items.map((_, i) => i).filter((i) => !found.includes(i));
	const score = Math.max(0, (found.length - extra.length * 0.5) / items.length);
	return { verdict: verdictOf(found.length, items.length, extra.length), found, missed, extra, score };
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
