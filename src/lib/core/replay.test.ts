import { describe, expect, it } from 'vitest';
import { createScheduler, MINUTE, DAY, newSchedule } from './schedule.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { answerOrder, replay, scheduleDifferences, type LoggedAnswer } from './replay.ts';
import type { RatingValue } from './model.ts';

const scheduler = createScheduler(DEFAULT_SETTINGS);
const T = Date.UTC(2026, 0, 5, 9, 0);

/** Studies a card live, answer by answer, as the app does. */
function live(key: string, answers: [number, RatingValue][]) {
	let s = newSchedule(T - DAY);
	for (const [at, rating] of answers) s = scheduler.grade(key, s, rating, at).schedule;
	return s;
}

describe('replay', () => {
	it('rebuilds exactly the schedule live study produced, fuzz included', () => {
		const answers: [number, RatingValue][] = [
			[T, 1],
			[T + MINUTE, 3],
			[T + 11 * MINUTE, 3],
			[T + 3 * DAY, 2],
			[T + 9 * DAY, 1],
			[T + 9 * DAY + 10 * MINUTE, 3],
			[T + 20 * DAY, 4]
		];
		const logged: LoggedAnswer[] = answers.map(([at, rating], i) => ({ id: `r${i}`, at, rating }));
		const { schedule, steps } = replay(scheduler, 'deck/card', logged);
		expect(scheduleDifferences(live('deck/card', answers), schedule)).toEqual([]);
		expect(steps).toHaveLength(7);
		expect(steps[1]!.before).toEqual(steps[0]!.after);
		expect(schedule.lapses).toBe(1);
	});

	it('orders answers by time, whatever order the log holds them in', () => {
		const logged: LoggedAnswer[] = [
			{ id: 'b', at: T + 2 * DAY, rating: 3 },
			{ id: 'a', at: T, rating: 3 },
			{ id: 'c', at: T + 10 * MINUTE, rating: 3 }
		];
		const forward = replay(scheduler, 'k', logged).schedule;
		const backward = replay(scheduler, 'k', [...logged].reverse()).schedule;
		expect(forward).toEqual(backward);
		expect(forward.reps).toBe(3);
		expect([...logged].sort(answerOrder).map((a) => a.id)).toEqual(['a', 'c', 'b']);
	});

	it('a card with no answers is new', () => {
		expect(replay(scheduler, 'k', []).schedule).toMatchObject({ state: 0, reps: 0, lastReview: null });
	});

	it('names each field that differs', () => {
		const a = live('k', [[T, 3]]);
		expect(scheduleDifferences(a, a)).toEqual([]);
		expect(scheduleDifferences(a, { ...a, reps: 5, stability: a.stability + 1 })).toEqual([`reps: 1 → 5`, `stability: ${a.stability} → ${a.stability + 1}`]);
	});
});
