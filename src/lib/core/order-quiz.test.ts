import { describe, expect, it } from 'vitest';
import { fairStart, inversions, judgeSteps, pairsInPlace, startOrder } from './order-quiz';

describe('where an ordering attempt starts', () => {
	for (const n of [3, 4, 5, 6, 8]) {
		it(`${n} steps: never in order, never near-reversed, no neighbours already together, and each attempt unlike the last`, () => {
			const max = (n * (n - 1)) / 2;
			let last: number[] | undefined;
			const seen = new Set<string>();
			for (let attempt = 0; attempt < 40; attempt++) {
				const start = startOrder(n, `card:${attempt}`, last);
				expect([...start].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
				expect(inversions(start)).toBeGreaterThan(0);
				expect(inversions(start)).toBeLessThanOrEqual(0.75 * max);
				expect(pairsInPlace(start)).toBe(0);
				if (last) expect(start).not.toEqual(last);
				last = start;
				seen.add(start.join());
			}
			// Attempts do not all start alike.
			expect(seen.size).toBeGreaterThan(1);
		});
	}

	it('the reversed chain is never a fair start', () => {
		expect(fairStart([3, 2, 1, 0])).toBe(false);
		expect(fairStart([2, 1, 0])).toBe(false);
		expect(fairStart([0, 1, 2])).toBe(false);
		expect(fairStart([1, 0, 2])).toBe(true);
	});

	it('the same seed gives the same start (a screen drawn again does not reshuffle)', () => {
		expect(startOrder(6, 'x')).toEqual(startOrder(6, 'x'));
	});
});

describe('judging an arrangement', () => {
	const start = [1, 3, 0, 2];
	it('all in place is right; most of it right is partly (Hard); little right is wrong', () => {
		expect(judgeSteps([0, 1, 2, 3], start).verdict).toBe('right');
		expect(judgeSteps([0, 2, 1, 3], start).verdict).toBe('partly'); // two swapped
		expect(judgeSteps([1, 2, 3, 0], start).verdict).toBe('partly'); // one step at the wrong end
		expect(judgeSteps([3, 2, 1, 0], start).verdict).toBe('wrong');
	});
	it('left as it started is wrong, even where the start happens to be close', () => {
		expect(judgeSteps([1, 0, 2], [1, 0, 2]).verdict).toBe('wrong');
		expect(judgeSteps([1, 0, 2], [0, 2, 1]).verdict).toBe('partly');
		expect(judgeSteps(start, start).verdict).toBe('wrong');
	});
	it('marks each position', () => {
		expect(judgeSteps([0, 2, 1, 3], start)).toEqual({ verdict: 'partly', inPlace: [true, false, false, true], pairs: 0 });
	});
});
