// Today's progress and the streak, across every deck, read on the review log's index.

import { dayWindow } from '$lib/core/queue';
import { streak } from '$lib/core/progress';
import { MAX, MIN, type DocDeckDB } from './db';
import type { Clock } from './study';

export interface TodayProgress {
	answers: number;
	ms: number;
	again: number;
	streak: number;
	longestStreak: number;
	studiedToday: boolean;
}

export async function todayProgress(db: DocDeckDB, clock: Clock, dayStartHour: number): Promise<TodayProgress> {
	const today = dayWindow(clock.now, dayStartHour, clock.utcOffsetMinutes).day;
	return db.transaction('r', db.decks, db.reviews, async () => {
		const idx = db.reviews.where('[deckId+day+stateBefore]');
		const decks = await db.decks.toCollection().primaryKeys();
		// One key per deck, day and state: the study days without reading the reviews themselves.
		const [keys, rows] = await Promise.all([
			db.reviews.orderBy('[deckId+day+stateBefore]').uniqueKeys(),
			Promise.all(decks.map((d) => idx.between([d, today, MIN], [d, today, MAX]).toArray()))
		]);
		const todays = rows.flat();
		const s = streak(
			(keys as unknown as [string, number, number][]).map((k) => k[1]),
			today
		);
		return { answers: todays.length, ms: todays.reduce((t, r) => t + r.durationMs, 0), again: todays.filter((r) => r.rating === 1).length, streak: s.current, longestStreak: s.longest, studiedToday: s.studiedToday };
	});
}
