import { afterEach, describe, expect, it } from 'vitest';
import { DocDeckDB } from './db';
import { syncDeck } from './decks';
import { answerCard } from './study';
import { loadSettings, saveSettings } from './settings';
import { applyParameters, readReviewLog, setExam } from './parameters';
import { checkDatabase } from './backup';
import { readWorkload } from './workload';
import { parseDeck } from '$lib/core/deck-file';
import { replay } from '$lib/core/replay';
import { createScheduler, DAY, HOUR } from '$lib/core/schedule';
import { DEFAULT_SETTINGS } from '$lib/core/settings';
import type { RatingValue } from '$lib/core/model';

const T = Date.UTC(2026, 2, 3, 9, 0);
const OWN = [0.39, 1.55, 3.43, 8.3, 6.58, 0.67, 3.14, 0.05, 1.7, 0.32, 0.63, 1.48, 0.1, 0.3, 1.65, 0.58, 1.9, 0.57, 0.03, 0.03, 0.1];
const SOURCE = ['---', 'title: Notes', '---', '', '# Salt', '', '{#na} Low sodium in the blood is called hyponatraemia.'].join('\n');
const DECK = ['---', 'id: salt', 'title: Salt', '---', '', '# Salt', ...Array.from({ length: 6 }, (_, i) => ['', `## s${i}`, 'kind: basic', 'passage: na', `Q: Sodium question ${i}?`, `A: Answer ${i}.`]).flat()].join('\n');

const dbs: DocDeckDB[] = [];
afterEach(async () => {
	for (const db of dbs.splice(0)) await db.delete();
});

/** Six cards, each answered over three weeks with its own pattern of grades. */
async function studied(): Promise<DocDeckDB> {
	const db = new DocDeckDB('t-' + crypto.randomUUID());
	dbs.push(db);
	await syncDeck(db, parseDeck({ deckFile: 'deck.md', deckText: DECK, sourceFile: 'source.md', sourceText: SOURCE }), 'bundled', T);
	const scheduler = createScheduler(DEFAULT_SETTINGS);
	const keys = (await db.states.toArray()).map((s) => s.key);
	for (const [i, key] of keys.entries()) {
		for (const [n, day] of [0, 0, 1, 4, 11, 21].entries()) {
			const s = await db.states.get(key);
			const rating = ((i + n) % 5 === 0 ? 1 : 2 + ((i * n) % 3)) as RatingValue;
			await answerCard(db, scheduler, { cardKey: key, rating, clock: { now: T + day * DAY + n * HOUR, utcOffsetMinutes: 0 }, dayStartHour: 4, durationMs: 3000 + i * 100, expectedReps: s!.schedule.reps, reviewId: `${key}-${n}` });
		}
	}
	return db;
}

describe('applyParameters', () => {
	it('reschedules every card to exactly what replaying its log with the new set gives, and keeps the old set', async () => {
		const db = await studied();
		const before = await db.states.toArray();
		const report = await applyParameters(db, OWN);
		expect(report.rescheduled).toBe(6);
		expect(report.settings).toMatchObject({ parameters: OWN, previousParameters: null });
		expect(await loadSettings(db)).toEqual(report.settings);
		const scheduler = createScheduler(report.settings);
		for (const state of await db.states.toArray()) {
			const log = await db.reviews.where('cardKey').equals(state.key).toArray();
			expect(state.schedule).toEqual(replay(scheduler, state.key, log).schedule);
		}
		// The cards did move, and Check database agrees with what was written.
		expect((await db.states.toArray()).map((s) => s.schedule.due)).not.toEqual(before.map((s) => s.schedule.due));
		expect((await checkDatabase(db, scheduler)).mismatches).toEqual([]);
	});

	it('is undone by applying the previous set: the schedules come back as they were', async () => {
		const db = await studied();
		const before = await db.states.toArray();
		await applyParameters(db, OWN);
		const undone = await applyParameters(db, (await loadSettings(db)).previousParameters);
		expect(undone.settings).toMatchObject({ parameters: null, previousParameters: OWN });
		expect(await db.states.toArray()).toEqual(before);
	});

	it('keeps the other settings and refuses a set that is not one, changing nothing', async () => {
		const db = await studied();
		await saveSettings(db, { ...DEFAULT_SETTINGS, newPerDay: 7 });
		const before = await db.states.toArray();
		await expect(applyParameters(db, [1, 2, 3])).rejects.toThrow(/Nothing was changed: FSRS parameters are a list of 21 numbers/);
		expect(await db.states.toArray()).toEqual(before);
		expect((await applyParameters(db, OWN)).settings.newPerDay).toBe(7);
	});
});

describe('setExam', () => {
	it('keeps the deck\'s cards at the target until the exam, rescheduled from their logs, and removing it restores them', async () => {
		const db = await studied();
		const before = await db.states.toArray();
		const exam = { at: T + 200 * DAY, target: 0.97 };
		const report = await setExam(db, 'salt', exam);
		expect(report.settings.exams).toEqual({ salt: exam });
		const after = await db.states.toArray();
		// Some card had a next review later than its recall allows for the exam: it comes sooner now.
		expect(after.some((s, i) => s.schedule.due < before[i]!.schedule.due)).toBe(true);
		expect(after.every((s, i) => s.schedule.due <= before[i]!.schedule.due)).toBe(true);
		expect((await checkDatabase(db, createScheduler(report.settings))).mismatches).toEqual([]);
		await setExam(db, 'salt', null);
		expect(await db.states.toArray()).toEqual(before);
		expect((await loadSettings(db)).exams).toEqual({});
	});
	it('on a parent deck covers its subdecks: their cards are kept at the target and simulated with it', async () => {
		const db = await studied();
		const salt = (await db.decks.get('salt'))!;
		await db.decks.put({ ...salt, id: 'course', title: 'Course', parentId: undefined });
		await db.decks.put({ ...salt, parentId: 'course' });
		const before = await db.states.toArray();
		const report = await setExam(db, 'course', { at: T + 200 * DAY, target: 0.97 });
		expect(report.settings.exams.course?.decks).toEqual(['course', 'salt']);
		const after = await db.states.toArray();
		expect(after.some((s, i) => s.schedule.due < before[i]!.schedule.due)).toBe(true);
		expect((await checkDatabase(db, createScheduler(report.settings))).mismatches).toEqual([]);
		expect((await readWorkload(db, T + 30 * DAY, 'course')).cards).toHaveLength(6);
	});
});

describe('readReviewLog', () => {
	it('reads every answer with its study day and time, or one deck\'s', async () => {
		const db = await studied();
		const log = await readReviewLog(db);
		expect(log).toHaveLength(36);
		expect(log[0]).toMatchObject({ cardKey: expect.any(String), deckId: 'salt', rating: expect.any(Number), day: expect.any(Number), durationMs: expect.any(Number) });
		expect(await readReviewLog(db, 'salt')).toHaveLength(36);
		expect(await readReviewLog(db, 'other')).toHaveLength(0);
	});
});
