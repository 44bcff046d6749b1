import { describe, expect, it } from 'vitest';
import { dayWindow, nextStudyTime, scopeCounts, studyDay, studyDayStart, type DeckTotals } from './queue';
import { DAY, HOUR, MINUTE } from './schedule.ts';

/** Epoch ms of a local wall-clock time in a zone `offset` minutes east of UTC. */
const local = (offset: number, y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h, mi) - offset * MINUTE;

describe('studyDay and dayWindow: the study day turns over at 4 a.m. local time', () => {
	for (const offset of [0, 60, -300, 330]) {
		it(`at UTC${offset >= 0 ? '+' : ''}${offset / 60}`, () => {
			const evening = local(offset, 2025, 3, 9, 21, 0);
			const lateNight = local(offset, 2025, 3, 10, 3, 59);
			const fourAm = local(offset, 2025, 3, 10, 4, 0);
			const noonNext = local(offset, 2025, 3, 10, 12, 0);
			const day = studyDay(evening, 4, offset);
			expect(studyDay(lateNight, 4, offset)).toBe(day);
			expect(studyDay(fourAm - 1, 4, offset)).toBe(day);
			expect(studyDay(fourAm, 4, offset)).toBe(day + 1);
			expect(studyDay(noonNext, 4, offset)).toBe(day + 1);

			const w = dayWindow(lateNight, 4, offset);
			expect(w.day).toBe(day);
			expect(w.end).toBe(fourAm);
			expect(w.start).toBe(local(offset, 2025, 3, 9, 4, 0));
			expect(w.end - w.start).toBe(DAY);
			expect(dayWindow(fourAm, 4, offset).start).toBe(fourAm);
		});
	}

	it('the same instant can fall on different study days in different zones', () => {
		const instant = Date.UTC(2025, 2, 10, 3, 30); // 03:30 UTC
		// UTC: 03:30, before 4 a.m. → still 9 March's day. UTC+1: 04:30 → already 10 March's day.
		expect(studyDay(instant, 4, 60)).toBe(studyDay(instant, 4, 0) + 1);
		// UTC−5: 22:30 on 9 March → 9 March's day, like UTC.
		expect(studyDay(instant, 4, -300)).toBe(studyDay(instant, 4, 0));
	});

	it('a day starting at midnight turns over at midnight', () => {
		expect(studyDay(local(60, 2025, 3, 10, 0, 0), 0, 60)).toBe(studyDay(local(60, 2025, 3, 9, 23, 59), 0, 60) + 1);
	});

	it('studyDayStart is the first instant of its day', () => {
		const day = studyDay(local(-300, 2025, 7, 1, 15), 4, -300);
		const start = studyDayStart(day, 4, -300);
		expect(start).toBe(local(-300, 2025, 7, 1, 4));
		expect(studyDay(start, 4, -300)).toBe(day);
		expect(studyDay(start - 1, 4, -300)).toBe(day - 1);
	});
});

const LIMITS = { newPerDay: 20, maxReviewsPerDay: 200 };

describe('nextStudyTime', () => {
	const off = 60;
	const now = local(off, 2025, 5, 14, 18, 0);
	const tomorrow4 = local(off, 2025, 5, 15, 4, 0);
	const base = { nextLearning: null, nextReview: null, newWaiting: false, reviewsWaiting: false, dayStartHour: 4, utcOffsetMinutes: off, now };

	it('is null when nothing is scheduled at all', () => {
		expect(nextStudyTime(base)).toBeNull();
	});

	it('is the next learning card when it comes before the day ends', () => {
		expect(nextStudyTime({ ...base, nextLearning: now + 10 * MINUTE, newWaiting: true })).toBe(now + 10 * MINUTE);
	});

	it('is the start of the next study day when new cards or reviews wait only for the daily limit', () => {
		expect(nextStudyTime({ ...base, newWaiting: true })).toBe(tomorrow4);
		expect(nextStudyTime({ ...base, reviewsWaiting: true })).toBe(tomorrow4);
		expect(nextStudyTime({ ...base, nextLearning: tomorrow4 + HOUR, newWaiting: true })).toBe(tomorrow4);
	});

	it('is the start of the study day a future review falls due in', () => {
		const review = local(off, 2025, 5, 17, 15, 30);
		expect(nextStudyTime({ ...base, nextReview: review })).toBe(local(off, 2025, 5, 17, 4, 0));
		// A review due at 02:00 belongs to the previous evening's study day.
		expect(nextStudyTime({ ...base, nextReview: local(off, 2025, 5, 17, 2, 0) })).toBe(local(off, 2025, 5, 16, 4, 0));
	});

	it('honours a negative utc offset', () => {
		const o = -300;
		const n = local(o, 2025, 5, 14, 23, 30);
		expect(nextStudyTime({ ...base, utcOffsetMinutes: o, now: n, newWaiting: true })).toBe(local(o, 2025, 5, 15, 4, 0));
	});
});

describe('scopeCounts', () => {
	const totals = (t: Partial<DeckTotals>): DeckTotals => ({ done: { newCards: 0, reviews: 0 }, learning: 0, review: 0, fresh: 0, learningAhead: 0, nextLearning: null, ...t });
	it('caps each deck by its own limits and the whole by the studied deck\'s', () => {
		const c = scopeCounts(
			[
				{ totals: totals({ fresh: 30, review: 10, done: { newCards: 5, reviews: 0 } }), limits: { newPerDay: 20, maxReviewsPerDay: 200 } },
				{ totals: totals({ fresh: 8, review: 50, learning: 4 }), limits: { newPerDay: 5, maxReviewsPerDay: 30 } }
			],
			{ newPerDay: 18, maxReviewsPerDay: 35 }
		);
		// New: 15 + 5 = 20, but 18 − 5 done = 13 for the whole; reviews 10 + 30 = 40 capped at 35.
		expect(c).toEqual({ new: 13, learning: 4, review: 35, ahead: false, nextLearning: null });
	});
	it('counts learning cards due soon only when nothing else is left, and says when the first falls due', () => {
		const busy = scopeCounts([{ totals: totals({ fresh: 1, learningAhead: 3, nextLearning: 500 }), limits: LIMITS }], LIMITS);
		expect(busy).toEqual({ new: 1, learning: 0, review: 0, ahead: false, nextLearning: 500 });
		const idle = scopeCounts([{ totals: totals({ fresh: 4, learningAhead: 3, nextLearning: 500, done: { newCards: 20, reviews: 0 } }), limits: LIMITS }], LIMITS);
		expect(idle).toEqual({ new: 0, learning: 3, review: 0, ahead: true, nextLearning: 500 });
		expect(scopeCounts([{ totals: totals({ nextLearning: 9_000_000 }), limits: LIMITS }], LIMITS).ahead).toBe(false);
	});
});
