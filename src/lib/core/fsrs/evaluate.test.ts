import { describe, expect, it } from 'vitest';
import log from './fixtures/log.json';
import reference from './fixtures/reference.json';
import { fixtureRows, type FixtureLog } from './fixture-log.ts';
import { fsrsItems, type FsrsItem } from './items.ts';
import { evaluate, itemBin, predictItem, recencyWeight } from './evaluate.ts';
import { DEFAULT_PARAMETERS, memoryModel } from '../schedule.ts';

const item = (reviews: [rating: 1 | 2 | 3 | 4, deltaT: number][]): FsrsItem => ({ reviews: reviews.map(([rating, deltaT]) => ({ rating, deltaT })), length: reviews.length, at: 0 });

describe('evaluate on a known log', () => {
	it('scores two items by hand: recall after a first Good, then the recency-weighted log loss and bins', () => {
		const w = DEFAULT_PARAMETERS;
		// After a first Good the stability is w[2]; recall t days later is FSRS-6's power curve.
		const decay = -w[20]!;
		const factor = Math.pow(0.9, 1 / decay) - 1;
		const r = (t: number) => Math.pow(1 + (factor * t) / w[2]!, decay);
		const a = item([[3, 0], [3, 3]]); // passed after 3 days
		const b = item([[3, 0], [1, 10]]); // failed after 10 days
		const model = memoryModel(w);
		expect(predictItem(model, a)).toBeCloseTo(r(3), 6);
		expect(predictItem(model, b)).toBeCloseTo(r(10), 6);
		const e = evaluate(model, [a, b]);
		// Weights 0.25 (older) and 1 (newer).
		expect(recencyWeight(0, 2)).toBe(0.25);
		expect(recencyWeight(1, 2)).toBe(1);
		expect(e.logLoss).toBeCloseTo(-(0.25 * Math.log(r(3)) + 1 * Math.log(1 - r(10))) / 1.25, 6);
		// Different intervals, different bins: each bin's error is its own prediction's.
		expect(itemBin(a)).not.toBe(itemBin(b));
		expect(e.rmseBins).toBeCloseTo(Math.sqrt((0.25 * (r(3) - 1) ** 2 + 1 * r(10) ** 2) / 1.25), 6);
	});

	it('bins items as fsrs-rs does (interval, long-term reviews, lapses)', () => {
		// One long-term review: length 2, binned as round(1.99 × 1.89) = 4.
		expect(itemBin(item([[3, 0], [3, 1]]))).toBe('248:4:0');
		expect(itemBin(item([[3, 0], [3, 4]]))).toBe('898:4:0');
		expect(itemBin(item([[3, 0], [3, 4], [3, 9], [3, 30]]))).toBe('3250:7:0');
		expect(itemBin(item([[3, 0], [1, 2], [3, 0], [3, 5]]))).toBe('898:4:2');
	});
});

describe('evaluate against the reference on the fixture log', () => {
	// fsrs-rs computes in f32 and the fixture keeps six decimals.
	const close = (ours: { logLoss: number; rmseBins: number }, theirs: { logLoss: number; rmseBins: number }) => {
		expect(Math.abs(ours.logLoss - theirs.logLoss)).toBeLessThan(1e-5);
		expect(Math.abs(ours.rmseBins - theirs.rmseBins)).toBeLessThan(1e-5);
	};
	for (const set of ['full', 'short'] as const) {
		it(`gives fsrs-rs' log loss and RMSE(bins) for the default and the fitted parameters (${set} history)`, () => {
			const ref = reference[set];
			// The items past each card's first long-term review (see scripts/fsrs-reference.ts for why).
			const items = fsrsItems(fixtureRows(log as FixtureLog, ref.answers)).items.filter((it) => it.reviews.slice(0, it.length).filter((r) => r.deltaT > 0).length >= 2);
			expect(items).toHaveLength(ref.evaluatedItems);
			close(evaluate(memoryModel(DEFAULT_PARAMETERS), items), ref.evaluation.default);
			close(evaluate(memoryModel(ref.parameters), items), ref.evaluation.fitted);
		});
	}
});
