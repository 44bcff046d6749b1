import { afterEach, describe, expect, it } from 'vitest';
import { DocDeckDB } from './db';
import { syncDeck } from './decks';
import { answerCard, reviewsDueTomorrow } from './study';
import { todayProgress } from './progress';
import { parseDeck } from '$lib/core/deck-file';
import { createScheduler, DAY, HOUR } from '$lib/core/schedule';
import { DEFAULT_SETTINGS } from '$lib/core/settings';
import type { RatingValue } from '$lib/core/model';

const T = Date.UTC(2026, 2, 3, 9, 0);
const SOURCE = ['---', 'title: Notes', '---', '', '# Salt', '', '{#na} Low sodium in the blood is called hyponatraemia.'].join('\n');
const DECK = ['---', 'id: salt', 'title: Salt', '---', '', '# Salt', ...Array.from({ length: 4 }, (_, i) => ['', `## s${i}`, 'kind: basic', 'passage: na', `Q: Sodium question ${i}?`, `A: Answer ${i}.`]).flat()].join('\n');
const scheduler = createScheduler({ ...DEFAULT_SETTINGS, fuzz: false, learningSteps: [] });

let db: DocDeckDB;
afterEach(async () => db.delete());

async function answer(key: string, rating: RatingValue, at: number, ms = 5000) {
	const s = await db.states.get(key);
	await answerCard(db, scheduler, { cardKey: key, rating, clock: { now: at, utcOffsetMinutes: 0 }, dayStartHour: 4, durationMs: ms, expectedReps: s!.schedule.reps, reviewId: crypto.randomUUID() });
}

describe('todayProgress', () => {
	it('counts today\'s answers, time and Again, and the days in a row studied', async () => {
		db = new DocDeckDB('t-' + crypto.randomUUID());
		await syncDeck(db, parseDeck({ deckFile: 'deck.md', deckText: DECK, sourceFile: 'source.md', sourceText: SOURCE }), 'bundled', T);
		const [a, b, c] = (await db.states.toArray()).map((s) => s.key);
		await answer(a!, 3, T - 2 * DAY);
		await answer(b!, 3, T - DAY);
		await answer(c!, 1, T, 30_000);
		await answer(c!, 3, T + HOUR, 6000);
		const clock = { now: T + 2 * HOUR, utcOffsetMinutes: 0 };
		expect(await todayProgress(db, clock, 4)).toEqual({ answers: 2, ms: 36_000, again: 1, streak: 3, longestStreak: 3, studiedToday: true });
		// The next morning before any answer: the streak holds, today is empty.
		expect(await todayProgress(db, { now: T + DAY, utcOffsetMinutes: 0 }, 4)).toMatchObject({ answers: 0, streak: 3, studiedToday: false });
		// Tomorrow's cards, counted on the index, are the studied cards due in tomorrow's study day.
		const tomorrow = [Date.UTC(2026, 2, 4, 4), Date.UTC(2026, 2, 5, 4)];
		const expected = (await db.states.toArray()).filter((s) => s.schedule.reps > 0 && s.due >= tomorrow[0]! && s.due < tomorrow[1]!).length;
		expect(expected).toBeGreaterThan(0);
		expect(await reviewsDueTomorrow(db, 'salt', clock, 4)).toBe(expected);
	});
});
