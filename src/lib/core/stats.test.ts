import { describe, expect, it } from 'vitest';
import { computeStats, passRate, type StatsCard, type StatsInput } from './stats.ts';
import { DAY } from './time.ts';
import { FsrsState, Queue } from './model.ts';

const TODAY = 20_000;
const NOW = TODAY * DAY + 10 * 3_600_000;
const END = (TODAY + 1) * DAY + 4 * 3_600_000;

const card = (key: string, over: Partial<StatsCard>): StatsCard => ({ key, passage: 'p1', queue: Queue.Review, state: FsrsState.Review, stability: 10, difficulty: 5, scheduledDays: 10, lastReview: NOW - 5 * DAY, due: NOW + 5 * DAY, ...over });

function input(over: Partial<StatsInput>): StatsInput {
	return { reviews: [], cards: [], passages: [{ id: 'p1', section: 'A', text: 'First.' }, { id: 'p2', section: 'A', text: 'Second.' }], now: NOW, today: TODAY, todayEnd: END, desiredRetention: 0.9, parameters: null, ...over };
}

describe('computeStats', () => {
	it('counts answers per day, the streak, grades and minutes of the last 30 days', () => {
		const s = computeStats(
			input({
				reviews: [
					{ day: TODAY, rating: 3, durationMs: 60_000, stateBefore: 2, scheduledDaysBefore: 4 },
					{ day: TODAY, rating: 1, durationMs: 30_000, stateBefore: 2, scheduledDaysBefore: 30 },
					{ day: TODAY - 1, rating: 4, durationMs: 6_000, stateBefore: 0, scheduledDaysBefore: 0 },
					{ day: TODAY - 40, rating: 2, durationMs: 6_000, stateBefore: 2, scheduledDaysBefore: 2 }
				]
			})
		);
		expect(s.daily.at(-1)).toBe(2);
		expect(s.daily.at(-2)).toBe(1);
		expect(s.daily.at(-41)).toBe(1);
		expect(s.daily.reduce((a, b) => a + b)).toBe(4);
		expect(s.streak).toBe(2);
		expect(s.buttons.at(-1)).toEqual({ again: 1, hard: 0, good: 1, easy: 0 });
		expect(s.minutes.at(-1)).toBe(1.5);
		// True retention: only reviews; young and mature apart; a new card's first answer is not one.
		expect(s.retention[0]).toEqual({ period: 'Today', young: { passed: 1, total: 1 }, mature: { passed: 0, total: 1 } });
		expect(s.retention[1]!.young.total + s.retention[1]!.mature.total).toBe(0);
		expect(s.retention[4]!.young).toEqual({ passed: 2, total: 2 });
		expect(passRate(s.retention[4]!.young)).toBe('100.0 % of 2');
		expect(passRate(s.retention[1]!.young)).toBe('—');
	});

	it('forecasts due cards by day, counts states and draws distributions of the studied cards', () => {
		const s = computeStats(
			input({
				cards: [
					card('a', { due: NOW - DAY }), // overdue: due today
					card('b', { due: END + 2 * 3_600_000 }), // tomorrow
					card('c', { scheduledDays: 40, due: END + 3 * DAY }),
					card('d', { state: FsrsState.New, lastReview: null, passage: 'p2' }),
					card('e', { queue: Queue.Suspended }),
					card('f', { queue: Queue.Retired })
				]
			})
		);
		expect(s.forecast.slice(0, 5)).toEqual([1, 1, 0, 0, 1]);
		expect(s.counts).toEqual({ new: 1, learning: 0, young: 2, mature: 1, relearning: 0, suspended: 1, buried: 0, retired: 1 });
		expect(s.stability.reduce((a, b) => a + b.count, 0)).toBe(4);
		expect(s.stability.find((b) => b.label === '7 d–14 d')!.count).toBe(4);
		// Five days after the last review at stability 10, recall is about 0.94 (FSRS-6's default curve).
		expect(s.retrievability.find((b) => b.label === '90–95 %')!.count).toBe(4);
		expect(s.passages).toMatchObject([
			{ id: 'p1', cards: 4, studied: 4 },
			{ id: 'p2', cards: 1, studied: 0, recall: null }
		]);
		expect(s.passages[0]!.recall).toBeGreaterThan(0.9);
		expect(s.passages[0]!.recall).toBeLessThan(1);
	});
});
