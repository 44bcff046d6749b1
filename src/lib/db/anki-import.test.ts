// An Anki package imported into the database, and imported again: it must always be itself.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { buildApkg, type ApkgFixture } from '../../../tests/fixtures/apkg';
import { readApkg } from '$lib/core/anki';
import { ankiToDataset } from '$lib/core/anki';
import { createScheduler, DAY, MINUTE } from '$lib/core/schedule';
import { DEFAULT_SETTINGS, type StudySettings } from '$lib/core/settings';
import { replay } from '$lib/core/replay';
import { DocDeckDB } from './db';
import { mergeDataset } from './backup';

let SQL: SqlJsStatic;
beforeAll(async () => {
	SQL = await initSqlJs({ locateFile: (f) => path.resolve(import.meta.dirname, '../../../node_modules/sql.js/dist', f) });
});

const dbs: DocDeckDB[] = [];
afterEach(async () => {
	for (const db of dbs.splice(0)) await db.delete();
});

const T = Date.UTC(2025, 3, 2, 21, 30);
const PACKAGE: ApkgFixture = {
	notes: [
		[1, '1001', ['Which protein is lost in the urine in nephrotic syndrome?', 'Albumin', '']],
		[2, '1002', ['Podocyte', 'Visceral epithelial cell of the glomerulus']]
	],
	cards: [
		[11, 1, '2001', 0, 2, 2, 100],
		[21, 2, '2001', 0, 2, 2, 100],
		[22, 2, '2001', 1, 0, 0, 3]
	],
	// Answers late in the evening, so a later day-start hour moves them to another study day.
	revlog: [
		[T, 11, 1, 9_000, 0],
		[T + 10 * MINUTE, 11, 3, 7_000, 0],
		[T + 3 * DAY, 11, 3, 5_000, 1],
		[T + DAY, 21, 3, 4_000, 0],
		[T + 5 * DAY, 21, 2, 8_000, 1]
	]
};

function imported(settings: StudySettings, now: number) {
	const read = readApkg(buildApkg(SQL, PACKAGE), SQL, 'nephro.apkg');
	if (!read.ok) throw new Error(read.problem);
	return ankiToDataset(read.collection, { fileName: 'nephro.apkg', now, scheduler: createScheduler(settings), dayStartHour: settings.dayStartHour, utcOffsetMinutes: 0 });
}

describe('importing the same Anki package again', () => {
	it('after the desired retention and the day-start hour changed, it imports as itself: nothing added, no refusal, schedules replayed', async () => {
		const db = new DocDeckDB('t-' + crypto.randomUUID());
		dbs.push(db);
		const first = imported(DEFAULT_SETTINGS, T + 10 * DAY);
		await mergeDataset(db, first.data, createScheduler(DEFAULT_SETTINGS));
		expect(await db.reviews.count()).toBe(5);

		const changed: StudySettings = { ...DEFAULT_SETTINGS, desiredRetention: 0.8, dayStartHour: 0 };
		const scheduler = createScheduler(changed);
		const again = imported(changed, T + 20 * DAY);
		// The rows really are derived differently: a whole-row comparison would call them conflicts.
		expect(again.data.reviews.map((r) => JSON.stringify(r))).not.toEqual(first.data.reviews.map((r) => JSON.stringify(r)));
		const report = await mergeDataset(db, again.data, scheduler);
		expect(report).toMatchObject({ cardsAdded: 0, reviewsAdded: 0 });
		expect(await db.reviews.count()).toBe(5);
		// The stored log and schedules now agree with a replay under the settings in force.
		for (const state of await db.states.toArray()) {
			const log = (await db.reviews.where('cardKey').equals(state.key).toArray()).sort((a, b) => a.at - b.at);
			const replayed = replay(scheduler, state.key, log);
			if (log.length) expect(state.schedule).toEqual(replayed.schedule);
			log.forEach((r, i) => expect(r.after).toEqual(replayed.steps[i]!.after));
		}
		// And a third time changes nothing at all.
		const before = JSON.stringify(await db.reviews.toArray());
		expect(await mergeDataset(db, imported(changed, T + 21 * DAY).data, scheduler)).toMatchObject({ cardsAdded: 0, reviewsAdded: 0, cardsRescheduled: 0 });
		expect(JSON.stringify(await db.reviews.toArray())).toBe(before);
	});

	it('an answer that really differs under the same id is still refused, with nothing written', async () => {
		const db = new DocDeckDB('t-' + crypto.randomUUID());
		dbs.push(db);
		const first = imported(DEFAULT_SETTINGS, T + 10 * DAY);
		await mergeDataset(db, first.data, createScheduler(DEFAULT_SETTINGS));
		const tampered = imported(DEFAULT_SETTINGS, T + 10 * DAY);
		tampered.data.reviews[0] = { ...tampered.data.reviews[0]!, rating: 4 };
		const before = JSON.stringify(await db.reviews.toArray());
		await expect(mergeDataset(db, tampered.data, createScheduler(DEFAULT_SETTINGS))).rejects.toThrow(/1 review\(s\) have the same id as a different review/);
		expect(JSON.stringify(await db.reviews.toArray())).toBe(before);
	});
});
