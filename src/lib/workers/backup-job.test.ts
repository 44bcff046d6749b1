import { afterEach, describe, expect, it } from 'vitest';
import { parseDeck } from '$lib/core/deck-file';
import { serializeBackup } from '$lib/core/backup';
import { DEFAULT_SETTINGS } from '$lib/core/settings';
import { createScheduler, MINUTE } from '$lib/core/schedule';
import { DocDeckDB, SCHEMA_VERSION } from '$lib/db/db';
import { syncDeck } from '$lib/db/decks';
import { exportData, StaleBackupError } from '$lib/db/backup';
import { answerCard } from '$lib/db/study';
import { openBackup } from './backup-client';
import type { Stage } from './backup-job';

const T = Date.UTC(2026, 5, 1, 9);
const DECK = ['---', 'id: salt', 'title: Salt', '---', '# Salt', '## s0', 'kind: basic', 'passage: p', 'Q: Q0?', 'A: A0.', '## s1', 'kind: basic', 'passage: p', 'Q: Q1?', 'A: A1.'].join('\n');
const SOURCE = ['---', 'title: Notes', '---', '# Salt', '{#p} Salt text.'].join('\n');
const dbs: DocDeckDB[] = [];
afterEach(async () => {
	for (const db of dbs.splice(0)) await db.delete();
});

async function device(): Promise<DocDeckDB> {
	const db = new DocDeckDB('t-' + crypto.randomUUID());
	dbs.push(db);
	await syncDeck(db, parseDeck({ deckFile: 'deck.md', deckText: DECK, sourceFile: 'source.md', sourceText: SOURCE }), 'imported', T);
	return db;
}

const answer = async (db: DocDeckDB, key: string, at: number) =>
	answerCard(db, createScheduler(DEFAULT_SETTINGS), { cardKey: key, rating: 3, clock: { now: at, utcOffsetMinutes: 0 }, dayStartHour: 4, durationMs: 1000, expectedReps: (await db.states.get(key))!.schedule.reps, reviewId: crypto.randomUUID() });

describe('bringing a backup back as one job (the path the worker runs)', () => {
	it('reads and checks the file, tells the stages and the loss, and merges or replaces on request', async () => {
		const a = await device();
		await answer(a, 'salt/s0', T + MINUTE);
		const file = new File([serializeBackup(await exportData(a), { createdAt: T + 2 * MINUTE, schemaVersion: SCHEMA_VERSION, app: 'test' })], 'a.json');
		const b = await device();
		await answer(b, 'salt/s1', T + MINUTE);

		const stages: Stage[] = [];
		const open = openBackup(b, (s) => stages.push(s));
		const read = await open.read(file, { schemaVersion: SCHEMA_VERSION, now: T + 3 * MINUTE, bundledDeckIds: [] });
		expect(read.ok && read.summary).toEqual({ createdAt: T + 2 * MINUTE, decks: 1, cards: 2, reviews: 1 });
		expect(read.ok && read.loss.ids).toHaveLength(1);
		expect(await open.merge(DEFAULT_SETTINGS)).toMatchObject({ reviewsAdded: 1 });
		expect(await b.reviews.count()).toBe(2);
		// An answer given since the warning makes it stale: replacing is refused and told again.
		await answer(b, 'salt/s0', T + 4 * MINUTE);
		await expect(open.replace(read.ok ? read.loss : { ids: [] })).rejects.toBeInstanceOf(StaleBackupError);
		expect(stages).toEqual(['reading', 'checking', 'merging', 'replacing']);
	});

	it('a file that is not a backup comes back as its problems', async () => {
		const open = openBackup(await device(), () => {});
		expect(await open.read(new File(['{"format":"anki"}'], 'x.json'), { schemaVersion: SCHEMA_VERSION, now: T, bundledDeckIds: [] })).toEqual({ ok: false, problems: ['The file is not a DocDeck backup (it has no "format": "docdeck-backup").'] });
	});
});
