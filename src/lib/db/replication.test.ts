import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocDeckDB } from './db';
import { syncDeck } from './decks';
import { answerCard, undoAnswer } from './study';
import { applyPulled, clearSent, readOutbox, saveReplication } from './replication';
import { forgetReplication, loadReplication, outboxCount, type ReplicationConfig } from './replication-config';
import { parseDeck } from '$lib/core/deck-file';
import { createScheduler, HOUR } from '$lib/core/schedule';
import { DEFAULT_SETTINGS } from '$lib/core/settings';
import { replay } from '$lib/core/replay';
import type { RatingValue } from '$lib/core/model';

const scheduler = createScheduler(DEFAULT_SETTINGS);
const T0 = Date.UTC(2026, 3, 6, 8, 0);
const CONFIG: ReplicationConfig = { url: 'http://127.0.0.1:5984', database: 'learner', user: 'ana', password: 'pw', running: true, appliedSeq: 0, lastSyncedAt: null };

const parsed = parseDeck({
	deckFile: 'cards/sync/deck.md',
	deckText: ['---', 'id: sync', 'title: Sync', '---', '', '# Sync', '', '## c1', 'kind: basic', 'passage: p1', 'Q: First made-up question?', 'A: First made-up answer.', '', '## c2', 'kind: basic', 'passage: p1', 'Q: Second made-up question?', 'A: Second made-up answer.'].join('\n'),
	sourceFile: 'cards/sync/source.md',
	sourceText: ['---', 'title: Sync notes', '---', '', '# Sync', '', '{#p1} A short made-up passage for the tests.'].join('\n')
});

let db: DocDeckDB;
let other: DocDeckDB;
beforeEach(async () => {
	db = new DocDeckDB('t-' + crypto.randomUUID());
	other = new DocDeckDB('t-' + crypto.randomUUID());
	await syncDeck(db, parsed, 'bundled', T0);
	await syncDeck(other, parsed, 'bundled', T0);
});
afterEach(async () => {
	await db.delete();
	await other.delete();
});

async function answer(on: DocDeckDB, card: string, rating: RatingValue, at: number) {
	const state = (await on.states.get(`sync/${card}`))!;
	return answerCard(on, scheduler, { cardKey: state.key, rating, clock: { now: at, utcOffsetMinutes: 0 }, dayStartHour: 4, durationMs: 1000, expectedReps: state.schedule.reps, reviewId: crypto.randomUUID() });
}

describe('the outbox', () => {
	it('stays empty until a server is set up; then it holds every earlier review and each later answer and undo', async () => {
		const early = await answer(db, 'c1', 3, T0);
		expect(await outboxCount(db)).toBe(0);
		await saveReplication(db, CONFIG);
		expect(await db.outbox.toArray()).toEqual([{ id: early.id, op: 'put' }]);
		const later = await answer(db, 'c2', 1, T0 + HOUR);
		expect(await db.outbox.get(later.id)).toEqual({ id: later.id, op: 'put' });
		const { entries, rows } = await readOutbox(db);
		expect(entries).toHaveLength(2);
		expect(rows.get(later.id)).toEqual(later);
		await undoAnswer(db, later.id);
		// Sent meanwhile (the put), then undone: clearing what was sent keeps the undo queued.
		await clearSent(db, entries);
		expect(await db.outbox.toArray()).toEqual([{ id: later.id, op: 'delete' }]);
		await forgetReplication(db);
		expect(await outboxCount(db)).toBe(0);
		expect(await loadReplication(db)).toBeNull();
		expect(await db.reviews.count()).toBe(1);
	});
});

describe('joining pulled reviews', () => {
	it('adds them, replays the card, and removes a review undone elsewhere, in one step each', async () => {
		await saveReplication(db, CONFIG);
		const mine = await answer(db, 'c1', 3, T0);
		const theirs = [await answer(other, 'c1', 1, T0 + HOUR), await answer(other, 'c2', 4, T0 + 2 * HOUR)];
		const plan = await applyPulled(db, scheduler, theirs.map((row) => ({ id: row.id, deleted: false, row })), 7);
		expect(plan.added).toBe(2);
		const log = await db.reviews.where('cardKey').equals('sync/c1').toArray();
		expect(log.map((r) => r.id).sort()).toEqual([mine.id, theirs[0]!.id].sort());
		expect((await db.states.get('sync/c1'))!.schedule).toEqual(replay(scheduler, 'sync/c1', log).schedule);
		expect((await loadReplication(db))!.appliedSeq).toBe(7);
		// Pulled answers are not sent back: the outbox still holds only this device's own answer.
		expect((await db.outbox.toArray()).map((e) => e.id)).toEqual([mine.id]);

		await applyPulled(db, scheduler, [{ id: theirs[1]!.id, deleted: true }], 8);
		expect(await db.reviews.get(theirs[1]!.id)).toBeUndefined();
		// Its only answer undone: the card is new again, back in the new queue.
		expect((await db.states.get('sync/c2'))!).toMatchObject({ queue: 0, schedule: { reps: 0, state: 0, lastReview: null } });
	});

	it('leaves an answer alone whose undo here has not been sent yet', async () => {
		await saveReplication(db, CONFIG);
		const row = await answer(db, 'c1', 3, T0);
		await undoAnswer(db, row.id);
		await applyPulled(db, scheduler, [{ id: row.id, deleted: false, row }], 3);
		expect(await db.reviews.get(row.id)).toBeUndefined();
		expect((await db.states.get('sync/c1'))!.schedule.reps).toBe(0);
	});
});
