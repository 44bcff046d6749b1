import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocDeckDB } from './db';
import { syncDeck } from './decks';
import { answerCard, buryCard, deckCounts, deckSummaries, doneOnDay, loadQueue, MAX_ANSWER_MS, recentRightDurations, restoreCard, setFlag, StudyError, suspendCard, undoAnswer, unburyAllBefore, unburyBefore, queueCounts, type Clock } from './study';
import { parseDeck } from '$lib/core/deck-file';
import { FsrsState, Queue, Rating, type RatingValue } from '$lib/core/model';
import { dayWindow, studyDay } from '$lib/core/queue';
import { createScheduler, DAY, HOUR, MINUTE } from '$lib/core/schedule';
import { DEFAULT_SETTINGS, type StudySettings } from '$lib/core/settings';

const DECK = 'urine';
const SOURCE = ['---', 'title: Urine notes', '---', '', '# Urine', '', '{#foam} Frothy urine can be a sign that protein is leaking through the filter.'].join('\n');

function deck(n: number, without: number[] = []) {
	const body = Array.from({ length: n }, (_, i) => i + 1)
		.filter((k) => !without.includes(k))
		.flatMap((k) => ['', `## c${k}`, 'kind: basic', 'passage: foam', `Q: Made-up question number ${k}?`, `A: Made-up answer ${k}.`]);
	return parseDeck({
		deckFile: 'cards/urine/deck.md',
		deckText: ['---', `id: ${DECK}`, 'title: Urine', '---', '', '# Urine', ...body].join('\n'),
		sourceFile: 'cards/urine/source.md',
		sourceText: SOURCE
	});
}

const key = (n: number) => `${DECK}/c${n}`;
const scheduler = createScheduler(DEFAULT_SETTINGS);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Epoch ms of a local wall-clock time in a zone `offset` minutes east of UTC. */
const local = (offset: number, y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h, mi) - offset * MINUTE;

let db: DocDeckDB;
beforeEach(() => {
	db = new DocDeckDB('t-' + crypto.randomUUID());
});
afterEach(async () => {
	await db.delete();
});

async function setup(n: number, now: number) {
	await syncDeck(db, deck(n), 'bundled', now);
}

async function answer(n: number, rating: RatingValue, clock: Clock, extra: { expectedReps?: number; durationMs?: number; dayStartHour?: number } = {}) {
	const state = await db.states.get(key(n));
	return answerCard(db, scheduler, {
		cardKey: key(n),
		rating,
		clock,
		dayStartHour: extra.dayStartHour ?? 4,
		durationMs: extra.durationMs ?? 5000,
		expectedReps: extra.expectedReps ?? state!.schedule.reps,
		reviewId: crypto.randomUUID()
	});
}

async function queue(clock: Clock, settings: Partial<StudySettings> = {}, size = 20) {
	return loadQueue(db, DECK, clock, { ...DEFAULT_SETTINGS, ...settings }, size);
}
const ids = (q: Awaited<ReturnType<typeof queue>>) => q.items.map((i) => i.card.id);

describe('loadQueue', () => {
	it('heads only: the same first cards as the full read, at once, with the counts left to queueCounts', async () => {
		const t = Date.UTC(2025, 5, 1, 12, 0);
		await setup(30, t);
		const at = { now: t, utcOffsetMinutes: 0 };
		// An empty queue (no new cards allowed today) is read whole: it says when the next card is.
		const empty = await loadQueue(db, DECK, at, { ...DEFAULT_SETTINGS, newPerDay: 0 }, 12, { headsOnly: true });
		expect(empty.items).toEqual([]);
		expect(empty.countsPending).toBeUndefined();
		expect(empty.nextAt).not.toBeNull();
		expect(empty.nextAt).toBe((await queue(at, { newPerDay: 0 }, 12)).nextAt);
		for (let n = 1; n <= 6; n++) await answer(n, n % 2 ? Rating.Again : Rating.Good, at);
		const later = { now: t + 15 * MINUTE, utcOffsetMinutes: 0 };
		for (const size of [1, 4, 12]) {
			const full = await queue(later, {}, size);
			const heads = await loadQueue(db, DECK, later, DEFAULT_SETTINGS, size, { headsOnly: true });
			expect(ids(heads)).toEqual(ids(full));
			expect(heads.countsPending).toBe(true);
			expect(full.countsPending).toBeUndefined();
			expect(await queueCounts(db, DECK, later, DEFAULT_SETTINGS)).toEqual(full.counts);
		}
		// Within the day's limits too: with no new cards left today, none is among the heads.
		const limited = await loadQueue(db, DECK, later, { ...DEFAULT_SETTINGS, newPerDay: 6 }, 12, { headsOnly: true });
		expect(ids(limited)).toEqual(ids(await queue(later, { newPerDay: 6 }, 12)));
		expect(limited.items.every((i) => i.state.queue !== Queue.New)).toBe(true);
	});

	it('shows new cards in deck order, at most `size`, counting them all', async () => {
		const t = Date.UTC(2025, 5, 1, 12, 0);
		await setup(5, t);
		const q = await queue({ now: t, utcOffsetMinutes: 0 }, {}, 3);
		expect(ids(q)).toEqual(['c1', 'c2', 'c3']);
		expect(q.counts).toEqual({ new: 5, learning: 0, review: 0 });
		expect(q.nextAt).toBeNull();
		expect(q.items[0]!.card.question).toBe('Made-up question number 1?');
	});

	it('counts new cards only as far as the day can show, exactly at each side of the limit', async () => {
		const t = Date.UTC(2025, 5, 1, 12, 0);
		await setup(12, t);
		const at = { now: t, utcOffsetMinutes: 0 };
		for (const [newPerDay, shown] of [
			[11, 11],
			[12, 12],
			[13, 12],
			[1, 1],
			[50, 12]
		] as const) {
			const q = await queue(at, { newPerDay }, 3);
			expect(q.counts.new, `newPerDay ${newPerDay}`).toBe(shown);
		}
		// With the day's new cards spent, the deck still knows new cards wait for tomorrow.
		const spent = await queue(at, { newPerDay: 0 }, 3);
		expect(spent.counts.new).toBe(0);
		expect(spent.nextAt).toBe(dayWindow(t, 4, 0).end);
	});

	it('orders learning cards due now, then reviews due today, then new cards', async () => {
		const t0 = Date.UTC(2025, 5, 1, 12, 0);
		const utc = (now: number): Clock => ({ now, utcOffsetMinutes: 0 });
		await setup(5, t0);
		await answer(1, Rating.Easy, utc(t0)); // straight to review, due some days later
		const c1 = (await db.states.get(key(1)))!;
		expect(c1.queue).toBe(Queue.Review);
		const T = c1.schedule.due;
		await answer(2, Rating.Again, utc(T - 2 * MINUTE)); // learning, due T − 1m

		const q = await queue(utc(T));
		expect(ids(q)).toEqual(['c2', 'c1', 'c3', 'c4', 'c5']);
		// One new card was introduced today, so 19 of 20 remain: the 3 left are all shown.
		expect(q.counts).toEqual({ learning: 1, review: 1, new: 3 });

		// A review due later the same study day is due already.
		const morning = dayWindow(T, 4, 0).start + HOUR;
		expect(ids(await queue(utc(morning)))).toContain('c1');
		// Before its study day it is not.
		expect(ids(await queue(utc(dayWindow(T, 4, 0).start - MINUTE)))).not.toContain('c1');
	});

	it('caps reviews by the daily review limit, counting reviews answered today', async () => {
		const t0 = Date.UTC(2025, 5, 1, 12, 0);
		const utc = (now: number): Clock => ({ now, utcOffsetMinutes: 0 });
		await setup(3, t0);
		for (const n of [1, 2, 3]) await answer(n, Rating.Easy, utc(t0));
		const later = Math.max(...(await db.states.toArray()).map((s) => s.schedule.due)) + MINUTE;
		const q = await queue(utc(later), { maxReviewsPerDay: 2 });
		expect(q.items).toHaveLength(2);
		expect(q.counts.review).toBe(2);
		await answer(Number(q.items[0]!.card.id.slice(1)), Rating.Good, utc(later));
		const q2 = await queue(utc(later + MINUTE), { maxReviewsPerDay: 2 });
		expect(q2.items).toHaveLength(1);
		expect(q2.counts.review).toBe(1);
	});

	it('stops new cards at the daily limit until the next study day begins at 4 a.m. local time', async () => {
		const off = 60;
		const clock = (now: number): Clock => ({ now, utcOffsetMinutes: off });
		const t0 = local(off, 2025, 4, 2, 22, 0);
		await setup(6, t0);
		const limits = { newPerDay: 3 };
		expect(ids(await queue(clock(t0), limits))).toEqual(['c1', 'c2', 'c3']);
		for (const n of [1, 2, 3]) await answer(n, Rating.Good, clock(t0 + n * MINUTE));
		expect(await doneOnDay(db, DECK, studyDay(t0, 4, off))).toEqual({ newCards: 3, reviews: 0 });

		const isNew = (q: Awaited<ReturnType<typeof queue>>) => q.items.filter((i) => i.state.queue === Queue.New).map((i) => i.card.id);
		const evening = await queue(clock(t0 + 5 * MINUTE), limits);
		expect(isNew(evening)).toEqual([]);
		expect(evening.counts.new).toBe(0);

		const lateNight = await queue(clock(local(off, 2025, 4, 3, 3, 59)), limits);
		expect(isNew(lateNight)).toEqual([]);
		expect(lateNight.counts.new).toBe(0);
		expect(ids(lateNight)).toEqual(['c1', 'c2', 'c3']); // their learning steps are due

		const nextDay = await queue(clock(local(off, 2025, 4, 3, 4, 0)), limits);
		expect(isNew(nextDay)).toEqual(['c4', 'c5', 'c6']);
		expect(nextDay.counts.new).toBe(3);
	});

	it('shows a learning card up to 20 minutes early only when nothing else is left', async () => {
		const t0 = Date.UTC(2025, 5, 1, 12, 0);
		const utc = (now: number): Clock => ({ now, utcOffsetMinutes: 0 });
		await setup(2, t0);
		await answer(1, Rating.Good, utc(t0)); // due t0 + 10m
		expect(ids(await queue(utc(t0 + MINUTE)))).toEqual(['c2']);
		await answer(2, Rating.Easy, utc(t0 + MINUTE));
		const ahead = await queue(utc(t0 + 2 * MINUTE));
		expect(ids(ahead)).toEqual(['c1']);
		expect(ahead.counts.learning).toBe(1);
	});

	it('tells when studying can go on once the queue is empty', async () => {
		const off = -300;
		const clock = (now: number): Clock => ({ now, utcOffsetMinutes: off });
		const t0 = local(off, 2025, 6, 10, 20, 0);
		await setup(2, t0);
		await answer(1, Rating.Easy, clock(t0));
		const q = await queue(clock(t0 + MINUTE), { newPerDay: 1 });
		expect(q.items).toEqual([]);
		// c2 waits only for the daily limit: the next study day starts at 04:00 local.
		expect(q.nextAt).toBe(local(off, 2025, 6, 11, 4, 0));
	});
});

describe('answerCard', () => {
	const t = Date.UTC(2025, 5, 1, 12, 0);
	const clock: Clock = { now: t, utcOffsetMinutes: 0 };

	it('writes exactly one review row and moves a new card to learning after Good', async () => {
		await setup(2, t);
		const before = (await db.states.get(key(1)))!;
		const row = await answer(1, Rating.Good, clock);

		const rows = await db.reviews.toArray();
		expect(rows).toEqual([row]);
		expect(row.id).toMatch(UUID);
		expect(row).toMatchObject({ cardKey: key(1), deckId: DECK, at: t, day: studyDay(t, 4, 0), rating: Rating.Good, stateBefore: FsrsState.New, elapsedDays: 0 });
		expect(row.before).toEqual(before.schedule);

		const after = (await db.states.get(key(1)))!;
		expect(after.schedule).toEqual(row.after);
		expect(after.queue).toBe(Queue.Learning);
		expect(after.schedule).toMatchObject({ state: FsrsState.Learning, reps: 1, lastReview: t });
		expect(after.due).toBe(t + 10 * MINUTE);
		// The other card is untouched.
		expect((await db.states.get(key(2)))!.queue).toBe(Queue.New);
	});

	it('records the answer time capped at a minute and never negative', async () => {
		await setup(2, t);
		expect((await answer(1, Rating.Good, clock, { durationMs: 5 * MINUTE })).durationMs).toBe(MAX_ANSWER_MS);
		expect((await answer(2, Rating.Good, clock, { durationMs: -20 })).durationMs).toBe(0);
	});

	it('records the study day by the local clock', async () => {
		await setup(1, t);
		const off = 60;
		const at = local(off, 2025, 6, 2, 3, 30); // 03:30 local: still the 1 June study day
		const row = await answer(1, Rating.Good, { now: at, utcOffsetMinutes: off });
		expect(row.day).toBe(studyDay(local(off, 2025, 6, 1, 12, 0), 4, off));
	});

	it('rejects a stale expectedReps (answered elsewhere) and writes nothing', async () => {
		await setup(1, t);
		await answer(1, Rating.Good, clock, { expectedReps: 0 });
		const state = await db.states.get(key(1));
		await expect(answer(1, Rating.Easy, { now: t + MINUTE, utcOffsetMinutes: 0 }, { expectedReps: 0 })).rejects.toThrow(StudyError);
		expect(await db.reviews.count()).toBe(1);
		expect(await db.states.get(key(1))).toEqual(state);
	});

	it('rejects answering a suspended or buried card and writes nothing', async () => {
		await setup(2, t);
		await suspendCard(db, key(1));
		await buryCard(db, key(2), studyDay(t, 4, 0));
		await expect(answer(1, Rating.Good, clock)).rejects.toThrow(StudyError);
		await expect(answer(2, Rating.Good, clock)).rejects.toThrow(StudyError);
		expect(await db.reviews.count()).toBe(0);
	});

	it('rejects a card that is not stored', async () => {
		await setup(1, t);
		await expect(answer(9, Rating.Good, clock, { expectedReps: 0 })).rejects.toThrow(StudyError);
		expect(await db.reviews.count()).toBe(0);
	});
});

describe('undoAnswer', () => {
	const t = Date.UTC(2025, 5, 1, 12, 0);
	const utc = (now: number): Clock => ({ now, utcOffsetMinutes: 0 });

	it('restores the previous schedule and removes the review row', async () => {
		await setup(3, t);
		const before = (await db.states.get(key(1)))!;
		const row = await answer(1, Rating.Good, utc(t));
		const restored = await undoAnswer(db, row.id);
		expect(restored).toEqual(before);
		expect(await db.states.get(key(1))).toEqual(before);
		expect(await db.reviews.count()).toBe(0);
		// It is a new card again, first in the queue, and it no longer uses up today's new-card limit.
		const q = await queue(utc(t + MINUTE), { newPerDay: 1 });
		expect(ids(q)).toEqual(['c1']);
		expect(q.counts.new).toBe(1);
	});

	it('refuses to undo an answer that is not the card’s latest, then undoes them newest first', async () => {
		await setup(1, t);
		const fresh = (await db.states.get(key(1)))!;
		const r1 = await answer(1, Rating.Good, utc(t));
		const afterFirst = (await db.states.get(key(1)))!;
		const r2 = await answer(1, Rating.Good, utc(t + 10 * MINUTE));
		const afterSecond = (await db.states.get(key(1)))!;

		await expect(undoAnswer(db, r1.id)).rejects.toThrow(StudyError);
		expect(await db.states.get(key(1))).toEqual(afterSecond);
		expect(await db.reviews.count()).toBe(2);

		expect(await undoAnswer(db, r2.id)).toEqual(afterFirst);
		expect(await undoAnswer(db, r1.id)).toEqual(fresh);
		expect(await db.reviews.count()).toBe(0);
	});

	// BUG (study.ts undoAnswer): the restored queue is always queueOf(before.state), even when the card
	// was retired by a deck update since the answer. The card row says retired: 1, yet the state is
	// back in an active queue, so a card that left the deck file is studied again (and no later
	// sync fixes it, since planSync skips cards already marked retired).
	it('undoing an answer to a card retired since keeps it out of study', async () => {
		await setup(2, t);
		const row = await answer(1, Rating.Good, utc(t));
		await syncDeck(db, deck(2, [1]), 'bundled', t + MINUTE);
		expect((await db.states.get(key(1)))!.queue).toBe(Queue.Retired);
		await undoAnswer(db, row.id).catch(() => undefined);
		expect(ids(await queue(utc(t + 2 * MINUTE)))).toEqual(['c2']);
	});

	it('refuses an answer that is not in the log', async () => {
		await setup(1, t);
		const row = await answer(1, Rating.Good, utc(t));
		await undoAnswer(db, row.id);
		await expect(undoAnswer(db, row.id)).rejects.toThrow(StudyError);
	});
});

describe('bury, suspend, restore, flag', () => {
	const off = 60;
	const clock = (now: number): Clock => ({ now, utcOffsetMinutes: off });
	const t = local(off, 2025, 6, 1, 21, 0);
	const today = studyDay(t, 4, off);

	it('a buried card is hidden for the rest of the study day and comes back with unburyBefore the next day', async () => {
		await setup(3, t);
		await answer(1, Rating.Good, clock(t));
		const learning = (await db.states.get(key(1)))!;
		await buryCard(db, key(1), today);
		await buryCard(db, key(2), today);
		expect(ids(await queue(clock(t + HOUR)))).toEqual(['c3']);

		// Still the same study day at 03:59: unburying "before today" brings nothing back.
		expect(await unburyBefore(db, DECK, studyDay(local(off, 2025, 6, 2, 3, 59), 4, off))).toBe(0);
		expect(ids(await queue(clock(local(off, 2025, 6, 2, 3, 59))))).toEqual(['c3']);

		const next = local(off, 2025, 6, 2, 4, 0);
		expect(await unburyAllBefore(db, studyDay(next, 4, off) - 1)).toBe(0);
		expect(await unburyAllBefore(db, studyDay(next, 4, off))).toBe(2);
		expect(await unburyBefore(db, DECK, studyDay(next, 4, off))).toBe(0);
		expect(ids(await queue(clock(next)))).toEqual(['c1', 'c2', 'c3']);
		const back = (await db.states.get(key(1)))!;
		expect(back.queue).toBe(Queue.Learning);
		expect(back.schedule).toEqual(learning.schedule);
	});

	it('a suspended card stays hidden across days until it is restored', async () => {
		await setup(2, t);
		await suspendCard(db, key(1));
		expect(ids(await queue(clock(t)))).toEqual(['c2']);
		expect(await unburyBefore(db, DECK, today + 5)).toBe(0);
		expect(ids(await queue(clock(t + 5 * DAY)))).toEqual(['c2']);
		const restored = await restoreCard(db, key(1));
		expect(restored.queue).toBe(Queue.New);
		expect(ids(await queue(clock(t + 5 * DAY)))).toEqual(['c1', 'c2']);
	});

	it('a buried card can be restored the same day', async () => {
		await setup(1, t);
		await buryCard(db, key(1), today);
		await restoreCard(db, key(1));
		expect(ids(await queue(clock(t)))).toEqual(['c1']);
	});

	it('burying a suspended card keeps it suspended', async () => {
		await setup(1, t);
		await suspendCard(db, key(1));
		await buryCard(db, key(1), today);
		expect(await unburyBefore(db, DECK, today + 1)).toBe(0);
		expect((await db.states.get(key(1)))!.queue).toBe(Queue.Suspended);
	});

	it('flagging a card changes nothing about when it is studied', async () => {
		await setup(2, t);
		const before = (await db.states.get(key(2)))!;
		const flagged = await setFlag(db, key(2), 1);
		expect(flagged).toEqual({ ...before, flag: 1 });
		expect(ids(await queue(clock(t)))).toEqual(['c1', 'c2']);
		expect((await setFlag(db, key(2), 0)).flag).toBe(0);
	});

	it('commands on a card that is not stored fail with a sentence', async () => {
		await setup(1, t);
		await expect(suspendCard(db, `${DECK}/missing`)).rejects.toThrow(/no longer in the deck/);
	});
});

describe('deckCounts', () => {
	it('counts due cards within the daily limits, answers today and the cards in the deck', async () => {
		const t = Date.UTC(2025, 5, 1, 12, 0);
		const utc = (now: number): Clock => ({ now, utcOffsetMinutes: 0 });
		const settings = { ...DEFAULT_SETTINGS, newPerDay: 3 };
		await setup(6, t);
		expect(await deckCounts(db, DECK, utc(t), settings)).toEqual({ new: 3, learning: 0, review: 0, studiedToday: 0, total: 6 });

		await answer(1, Rating.Good, utc(t)); // learning, due t + 10m
		await answer(2, Rating.Easy, utc(t)); // review, due days later
		await suspendCard(db, key(6));
		const soon = await deckCounts(db, DECK, utc(t + MINUTE), settings);
		// 2 new cards introduced today leave 1 of 3; c1 is not due yet; suspended cards still belong to the deck.
		expect(soon).toEqual({ new: 1, learning: 0, review: 0, studiedToday: 2, total: 6 });

		expect((await deckCounts(db, DECK, utc(t + 11 * MINUTE), settings)).learning).toBe(1);

		// The next study day: limits and "studied today" start again; the review comes due on its day.
		const c2due = (await db.states.get(key(2)))!.schedule.due;
		const c = await deckCounts(db, DECK, utc(c2due), settings);
		expect(c).toEqual({ new: 3, learning: 1, review: 1, studiedToday: 0, total: 6 });
	});
});

describe('deckSummaries', () => {
	it('lists every deck by title with its own counts', async () => {
		const t = Date.UTC(2025, 5, 1, 12, 0);
		await setup(2, t);
		const other = parseDeck({
			deckFile: 'cards/bladder/deck.md',
			deckText: ['---', 'id: bladder', 'title: Bladder', '---', '', '# Bladder', '', '## b1', 'kind: basic', 'passage: foam', 'Q: A made-up bladder question?', 'A: A made-up answer.'].join('\n'),
			sourceFile: 'cards/bladder/source.md',
			sourceText: SOURCE
		});
		await syncDeck(db, other, 'imported', t);
		await answer(1, Rating.Good, { now: t, utcOffsetMinutes: 0 });
		const list = await deckSummaries(db, { now: t + MINUTE, utcOffsetMinutes: 0 }, DEFAULT_SETTINGS);
		expect(list.map((d) => [d.id, d.title, d.counts.new, d.counts.studiedToday, d.counts.total])).toEqual([
			['bladder', 'Bladder', 1, 0, 1],
			['urine', 'Urine', 1, 1, 2]
		]);
	});
});

describe('the learner\'s typical answer time', () => {
	it('is taken from their right answers to cards of the same kind in the same form, over the last week', async () => {
		const t = Date.UTC(2025, 5, 10, 12, 0);
		await setup(6, t);
		const clock = { now: t, utcOffsetMinutes: 0 };
		const quiz = (n: number, form: 'typed' | 'choice', rating: RatingValue, durationMs: number, proposed: RatingValue) =>
			answerCard(db, scheduler, { cardKey: key(n), rating, clock, dayStartHour: 4, durationMs, expectedReps: 0, reviewId: crypto.randomUUID(), quiz: { form, proposed } });
		await quiz(1, 'typed', 3, 8000, 3);
		await quiz(2, 'typed', 3, 9000, 3);
		await quiz(3, 'typed', 1, 30000, 1); // wrong: not a measure of speed
		await quiz(4, 'choice', 3, 2000, 3); // another form
		const day = studyDay(t, 4, 0);
		expect((await recentRightDurations(db, DECK, day, 'typed', 'basic')).sort()).toEqual([8000, 9000]);
		expect(await recentRightDurations(db, DECK, day, 'typed', 'cloze')).toEqual([]);
		expect(await recentRightDurations(db, DECK, day + 8, 'typed', 'basic')).toEqual([]);
	});
});
