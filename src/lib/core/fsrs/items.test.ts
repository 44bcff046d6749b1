import { describe, expect, it } from 'vitest';
import { flatItems, fsrsItems, readiness, type LoggedReview } from './items.ts';
import { syntheticLog } from './synthetic.ts';
import type { RatingValue } from '../model.ts';

const row = (cardKey: string, day: number, rating: RatingValue, minute = 0): LoggedReview => ({ id: `${cardKey}-${day}-${minute}`, cardKey, day, at: day * 86_400_000 + minute * 60_000, rating });

describe('fsrsItems', () => {
	it('makes one item per answer on a later day than the one before, holding the whole history up to it', () => {
		const { items, cards, reviews } = fsrsItems([row('a', 0, 1), row('a', 0, 3, 10), row('a', 2, 3), row('a', 9, 1), row('a', 9, 3, 10), row('a', 12, 3)]);
		expect(cards).toBe(1);
		expect(reviews).toBe(6);
		expect(items.map((i) => i.reviews.slice(0, i.length).map((r) => [r.rating, r.deltaT]))).toEqual([
			[[1, 0], [3, 0], [3, 2]],
			[[1, 0], [3, 0], [3, 2], [1, 7]],
			[[1, 0], [3, 0], [3, 2], [1, 7], [3, 0], [3, 3]]
		]);
	});

	it('orders items by the time of their last answer across cards, whatever order the log comes in', () => {
		const { items } = fsrsItems([row('b', 5, 3), row('a', 3, 3), row('b', 0, 3), row('a', 0, 3), row('a', 8, 3)]);
		expect(items.map((i) => i.at / 86_400_000)).toEqual([3, 5, 8]);
	});

	it('flattens items as fsrs-browser takes them', () => {
		const { items } = fsrsItems([row('a', 0, 2), row('a', 1, 3), row('a', 4, 4)]);
		const flat = flatItems(items);
		expect([...flat.lengths]).toEqual([2, 3]);
		expect([...flat.ratings]).toEqual([2, 3, 2, 3, 4]);
		expect([...flat.deltaTs]).toEqual([0, 1, 0, 1, 3]);
	});
});

describe('readiness', () => {
	it('says how many more items each level of fitting needs', () => {
		expect(readiness(0)).toEqual({ fit: 'none', more: 8 });
		expect(readiness(7)).toEqual({ fit: 'none', more: 1 });
		expect(readiness(8)).toEqual({ fit: 'first', more: 56 });
		expect(readiness(64)).toEqual({ fit: 'all' });
	});
});

describe('syntheticLog', () => {
	it('is the same for the same seed and studies day by day', () => {
		const a = syntheticLog({ seed: 's', answers: 500, newPerDay: 10 });
		expect(syntheticLog({ seed: 's', answers: 500, newPerDay: 10 })).toEqual(a);
		expect(a).toHaveLength(500);
		for (let i = 1; i < a.length; i++) expect(a[i]!.day * 10000 + a[i]!.minute).toBeGreaterThan(a[i - 1]!.day * 10000 + a[i - 1]!.minute);
		// Most reviews pass, some fail: a learner aiming at 90 %.
		const reviews = a.filter((x, i) => a.findIndex((y) => y.card === x.card) !== i);
		const passed = reviews.filter((r) => r.rating > 1).length / reviews.length;
		expect(passed).toBeGreaterThan(0.6);
		expect(passed).toBeLessThan(0.97);
	});
});
