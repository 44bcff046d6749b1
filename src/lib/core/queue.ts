// Which card comes next. Pure: the storage layer reads the heads of the three queues through its
// indexes (never a whole table) and hands them here with the day's counts.

import { DAY, HOUR, MINUTE } from './time.ts';
import type { StudySettings } from './settings.ts';

/** When nothing else is left, learning cards due within this window are shown early (as Anki does). */
export const LEARN_AHEAD_MS = 20 * MINUTE;

/**
 * The local study day `now` falls in, as a day number. A study day begins at `dayStartHour`
 * local time (4 a.m. by default), so a session past midnight still counts as the evening's.
 * `utcOffsetMinutes` is the local offset east of UTC (the negation of Date#getTimezoneOffset).
 */
export function studyDay(now: number, dayStartHour: number, utcOffsetMinutes: number): number {
	return Math.floor((now + utcOffsetMinutes * MINUTE - dayStartHour * HOUR) / DAY);
}

/** The instant a study day begins. */
export function studyDayStart(day: number, dayStartHour: number, utcOffsetMinutes: number): number {
	return day * DAY + dayStartHour * HOUR - utcOffsetMinutes * MINUTE;
}

export interface DayWindow {
	day: number;
	start: number;
	/** The instant the next study day begins: reviews due before it are due today. */
	end: number;
}

export function dayWindow(now: number, dayStartHour: number, utcOffsetMinutes: number): DayWindow {
	const day = studyDay(now, dayStartHour, utcOffsetMinutes);
	return { day, start: studyDayStart(day, dayStartHour, utcOffsetMinutes), end: studyDayStart(day + 1, dayStartHour, utcOffsetMinutes) };
}

export interface DoneToday {
	/** New cards seen for the first time today. */
	newCards: number;
	/** Review cards answered today. */
	reviews: number;
}

/** How many new cards and reviews the day's limits still allow. */
export function limitsLeft(settings: Pick<StudySettings, 'newPerDay' | 'maxReviewsPerDay'>, done: DoneToday) {
	return {
		newLeft: Math.max(0, settings.newPerDay - done.newCards),
		reviewsLeft: Math.max(0, settings.maxReviewsPerDay - done.reviews)
	};
}

export interface QueueCounts {
	new: number;
	learning: number;
	review: number;
}

/**
 * When studying can go on, once today's queue is empty: the earliest of the next learning card,
 * the next review, and (if new cards are held back only by today's limit) the next study day.
 * Null when nothing is scheduled at all.
 */
export function nextStudyTime(input: {
	nextLearning: number | null;
	/** Due time of the first review due after today. */
	nextReview: number | null;
	newWaiting: boolean;
	reviewsWaiting: boolean;
	dayStartHour: number;
	utcOffsetMinutes: number;
	now: number;
}): number | null {
	const { dayStartHour: h, utcOffsetMinutes: off } = input;
	const dayEnd = dayWindow(input.now, h, off).end;
	const times: number[] = [];
	if (input.nextLearning !== null) times.push(input.nextLearning);
	// A review is shown from the start of the study day it falls due in.
	if (input.nextReview !== null) times.push(Math.max(dayEnd, studyDayStart(studyDay(input.nextReview, h, off), h, off)));
	if (input.newWaiting || input.reviewsWaiting) times.push(dayEnd);
	return times.length ? Math.min(...times) : null;
}

type Limits = Pick<StudySettings, 'newPerDay' | 'maxReviewsPerDay'>;

/** One deck's cards as its indexes count them, with what was studied in it today. */
export interface DeckTotals {
	done: DoneToday;
	/** Learning and relearning cards due now. */
	learning: number;
	/** Reviews due before the study day ends (counted no further than the day's limit needs). */
	review: number;
	/** New cards (counted no further than the day's limit needs). */
	fresh: number;
	/** Learning cards not due yet but due within LEARN_AHEAD_MS. */
	learningAhead: number;
	/** When the first learning card not due yet falls due (null: none). */
	nextLearning: number | null;
}

export interface ScopeCounts extends QueueCounts {
	/**
	 * True when nothing is left today but learning cards due within the learn-ahead window: they
	 * are counted as learning and shown early, and `nextLearning` says when the first falls due.
	 */
	ahead: boolean;
	nextLearning: number | null;
}

/**
 * The day's counts for a deck studied with the decks under it (`decks`, the deck itself first):
 * each deck's own limits cap its own cards, and the studied deck's limits cap them all, counted
 * against everything studied in the scope today (as in Anki). Learning cards are never held back.
 * Home and the study screen both count this way, so they always agree.
 */
export function scopeCounts(decks: readonly { totals: DeckTotals; limits: Limits }[], limits: Limits): ScopeCounts {
	const done = decks.reduce((d, x) => ({ newCards: d.newCards + x.totals.done.newCards, reviews: d.reviews + x.totals.done.reviews }), { newCards: 0, reviews: 0 });
	const top = limitsLeft(limits, done);
	let fresh = 0;
	let review = 0;
	let learning = 0;
	let ahead = 0;
	let next: number | null = null;
	for (const { totals, limits: own } of decks) {
		const left = limitsLeft(own, totals.done);
		fresh += Math.min(totals.fresh, left.newLeft);
		review += Math.min(totals.review, left.reviewsLeft);
		learning += totals.learning;
		ahead += totals.learningAhead;
		if (totals.nextLearning !== null && (next === null || totals.nextLearning < next)) next = totals.nextLearning;
	}
	const counts = { new: Math.min(fresh, top.newLeft), learning, review: Math.min(review, top.reviewsLeft) };
	const onlyAhead = counts.new + counts.learning + counts.review === 0 && ahead > 0;
	return { ...counts, learning: onlyAhead ? ahead : learning, ahead: onlyAhead, nextLearning: next };
}
