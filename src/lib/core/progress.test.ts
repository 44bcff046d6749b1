import { describe, expect, it } from 'vitest';
import { streak, summarize } from './progress.ts';

describe('streak', () => {
	it('counts the days in a row up to today', () => {
		expect(streak([7, 8, 9, 10], 10)).toEqual({ current: 4, longest: 4, studiedToday: true });
	});
	it('still holds yesterday\'s streak before today\'s first answer, and breaks on a missed day', () => {
		expect(streak([7, 8, 9], 10)).toEqual({ current: 3, longest: 3, studiedToday: false });
		expect(streak([1, 2, 3, 4, 5, 8, 9], 11)).toEqual({ current: 0, longest: 5, studiedToday: false });
		expect(streak([], 3)).toEqual({ current: 0, longest: 0, studiedToday: false });
	});
});

describe('summarize', () => {
	it('counts answers, cards, time and Again', () => {
		expect(
			summarize([
				{ key: 'a', rating: 1, durationMs: 4000 },
				{ key: 'a', rating: 3, durationMs: 2000 },
				{ key: 'b', rating: 4, durationMs: 1500 }
			])
		).toEqual({ answers: 3, cards: 2, ms: 7500, again: 1 });
	});
});
