// Seeded randomness for quizzes, so the same card on the same repetition shuffles the same way
// (reproducible tests, and no reshuffle when the screen re-renders).

import { checksum } from '../hash.ts';

export type Rng = () => number;

/** mulberry32 over a seed derived from text. */
export function seeded(seed: string): Rng {
	let a = parseInt(checksum(seed).slice(-8), 16) >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rng() * (i + 1));
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}
