import { describe, expect, it } from 'vitest';
import { answerCosts, perDay, RETENTIONS, simulate, type SimCard } from './simulate.ts';

// Days since the last answer as a device clock gives them: fractions of a day too.
const studied = (n: number): SimCard[] => Array.from({ length: n }, (_, i) => ({ memory: { stability: 2 + (i % 40), difficulty: 5 }, elapsedDays: (i % 10) + (i % 3) * 0.37 }));
const base = { newPerDay: 10, days: 120, parameters: null, costs: { pass: 8, fail: 20, learn: 25 }, maximumInterval: 36500 };

describe('simulate', () => {
	it('costs more reviews and minutes a day the higher the retention, and keeps more remembered', () => {
		const cards = [...studied(800), ...Array.from({ length: 600 }, () => ({ memory: null, elapsedDays: 0 }))];
		const results = RETENTIONS.map((retention) => simulate({ ...base, cards, retention }));
		for (let i = 1; i < results.length; i++) {
			expect(perDay(results[i]!.reviews)).toBeGreaterThan(perDay(results[i - 1]!.reviews));
			expect(perDay(results[i]!.minutes)).toBeGreaterThan(perDay(results[i - 1]!.minutes));
			expect(results[i]!.remembered).toBeGreaterThan(results[i - 1]!.remembered);
		}
		// Every card is accounted for: at most all of them remembered.
		expect(results.at(-1)!.remembered).toBeLessThan(1400);
	});

	it('is reproducible, and new cards come in at the daily limit', () => {
		const cards = Array.from({ length: 50 }, () => ({ memory: null, elapsedDays: 0 }));
		const a = simulate({ ...base, cards, retention: 0.9 });
		expect(simulate({ ...base, cards, retention: 0.9 })).toEqual(a);
		// Five days of ten new cards, each costing 25 s.
		expect(a.minutes.slice(0, 1)[0]).toBeGreaterThanOrEqual((10 * 25) / 60);
		expect(a.reviews[0]).toBe(0);
	});
});

describe('simulate with an exam date', () => {
	it('costs extra reviews before the exam and leaves more remembered on the day', () => {
		const cards = studied(600);
		const o = { ...base, cards, retention: 0.9, days: 40 };
		const plain = simulate(o);
		const exam = simulate({ ...o, exam: { day: 40, target: 0.97 } });
		expect(perDay(exam.reviews)).toBeGreaterThan(perDay(plain.reviews));
		expect(exam.remembered).toBeGreaterThan(plain.remembered);
		expect(exam.remembered / 600).toBeGreaterThan(0.9);
	});
});

describe('answerCosts', () => {
	it('takes the learner\'s median times, adding the step that follows a lapse or a first answer', () => {
		const log = [
			...Array.from({ length: 12 }, () => ({ rating: 3 as const, durationMs: 6000, first: false })),
			...Array.from({ length: 12 }, () => ({ rating: 1 as const, durationMs: 14000, first: false })),
			...Array.from({ length: 3 }, () => ({ rating: 3 as const, durationMs: 9000, first: true }))
		];
		expect(answerCosts(log)).toEqual({ pass: 6, fail: 20, learn: 18 });
	});
});
