// A DocDeck export brought back onto the device it came from: recognised as the deck already
// here, its reviews united by their own ids (none doubled, none lost), Anki's edits taken, and the
// cards deleted in Anki offered for retirement.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlJsStatic } from 'sql.js';
import { freshDatabases, loadSqlJs } from '../../../tests/fixtures/test-db';
import { unzipSync, zipSync } from 'fflate';
import { buildPackage, type CollectionDef } from '../../../tests/fixtures/apkg';
import { ankiToDataset, readApkg } from '$lib/core/anki';
import { exportApkg } from '$lib/core/anki/export';
import { parseDeck } from '$lib/core/deck-file';
import { createScheduler, DAY, MINUTE } from '$lib/core/schedule';
import { DEFAULT_SETTINGS } from '$lib/core/settings';
import { DocDeckDB } from './db';
import { syncDeck } from './decks';
import { answerCard } from './study';
import { apkgExportData, importAnki, previewAnkiImport } from './anki';

let SQL: SqlJsStatic;
beforeAll(async () => {
	SQL = await loadSqlJs();
});
const fresh = freshDatabases();
const T = Date.UTC(2026, 1, 9, 8, 0);
const scheduler = createScheduler(DEFAULT_SETTINGS);

function read(bytes: Uint8Array, now: number) {
	const r = readApkg(bytes, SQL, 'back.apkg');
	if (!r.ok) throw new Error(r.problem);
	const entries = new Map(r.collection.media.map((m) => [m.name, m]));
	return ankiToDataset(r.collection, { fileName: 'back.apkg', now, scheduler, dayStartHour: 4, utcOffsetMinutes: 0, mediaBytes: (n) => r.mediaBytes(entries.get(n)!) });
}

/** The package as it is after someone worked on it in Anki: `edit` runs SQL on its collection. */
function inAnki(bytes: Uint8Array, edit: (db: InstanceType<SqlJsStatic['Database']>) => void): Uint8Array {
	const files = unzipSync(bytes);
	const db = new SQL.Database(files['collection.anki21']);
	try {
		edit(db);
		const out = db.export();
		return zipSync({ ...files, 'collection.anki21': out, 'collection.anki2': out });
	} finally {
		db.close();
	}
}
const cardIdOf = (db: InstanceType<SqlJsStatic['Database']>, docdeckId: string) =>
	db.exec(`select c.id from cards c join notes n on n.id = c.nid where n.flds like '%"id":"${docdeckId}"%'`)[0]!.values[0]![0] as number;

async function answer(db: DocDeckDB, key: string, rating: 1 | 2 | 3 | 4, at: number) {
	const s = await db.states.get(key);
	return answerCard(db, scheduler, { cardKey: key, rating, clock: { now: at, utcOffsetMinutes: 0 }, dayStartHour: 4, durationMs: 3000, expectedReps: s!.schedule.reps, reviewId: crypto.randomUUID() });
}
const everything = async (db: DocDeckDB) => JSON.stringify([await db.decks.toArray(), await db.cards.toArray(), await db.states.toArray(), await db.reviews.toArray()]);
const doubled = async (db: DocDeckDB) => {
	const facts = (await db.reviews.toArray()).map((r) => `${r.cardKey} ${r.at} ${r.rating}`);
	return facts.length - new Set(facts).size;
};

const SOURCE = ['---', 'title: Potassium', '---', '', '# Potassium', '', '{#k} A serum potassium above 5.5 mmol/L is hyperkalaemia; peaked T waves are its early ECG sign.'].join('\n');
const DECK = ['---', 'id: potassium', 'title: Potassium', '---', '', '# Potassium', '', '## k-high', 'kind: basic', 'passage: k', 'Q: What is a serum potassium above 5.5 mmol/L called?', 'A: Hyperkalaemia', '', '## k-ecg', 'kind: basic', 'passage: k', 'Q: Early ECG sign of hyperkalaemia?', 'A: Peaked T waves'].join('\n');

describe('a built-in deck’s export coming back to its own device', () => {
	async function studied() {
		const db = fresh();
		await syncDeck(db, parseDeck({ deckFile: 'deck.md', deckText: DECK, sourceFile: 'source.md', sourceText: SOURCE }), 'bundled', T);
		await answer(db, 'potassium/k-high', 3, T);
		await answer(db, 'potassium/k-high', 3, T + 10 * MINUTE);
		await answer(db, 'potassium/k-ecg', 1, T + 20 * MINUTE);
		return db;
	}

	it('changes nothing that is already here: no deck, card, schedule or review written, none doubled', async () => {
		const db = await studied();
		const bytes = exportApkg(SQL, (await apkgExportData(db, 'potassium', T + DAY))!);
		const before = await everything(db);
		const incoming = read(bytes, T + DAY);
		const preview = await previewAnkiImport(db, incoming.data);
		expect(preview).toMatchObject({ existing: 2, reviewsHere: 3, builtIn: [{ id: 'potassium', title: 'Potassium' }], vanished: [], notInBuiltIn: 0 });
		const report = await importAnki(db, incoming.data, scheduler, incoming.media);
		expect(report).toMatchObject({ decksAdded: 0, cardsAdded: 0, reviewsAdded: 0, cardsRescheduled: 0, deckId: 'potassium' });
		expect(await db.reviews.count()).toBe(3);
		expect(await everything(db)).toBe(before);
	});

	it('answers given in Anki since are added (and only they); a note added there is left out, said so', async () => {
		const db = await studied();
		const bytes = exportApkg(SQL, (await apkgExportData(db, 'potassium', T + DAY))!);
		const studiedInAnki = inAnki(bytes, (col) => {
			const cid = cardIdOf(col, 'k-ecg');
			col.run('insert into revlog values (?, ?, -1, 3, 1, 0, 2500, 4000, 0)', [T + 2 * DAY, cid]);
			const [mid, did] = col.exec('select n.mid, c.did from notes n join cards c on c.nid = n.id limit 1')[0]!.values[0]!;
			col.run("insert into notes values (777, 'newInAnki', ?, 0, -1, '', 'Potassium-sparing diuretic?\u001fSpironolactone\u001f', 'x', 0, 0, '')", [mid!]);
			col.run('insert into cards values (7770, 777, ?, 0, 0, -1, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, \'\')', [did!]);
		});
		const incoming = read(studiedInAnki, T + 3 * DAY);
		const preview = await previewAnkiImport(db, incoming.data);
		expect(preview).toMatchObject({ existing: 2, reviewsHere: 3, notInBuiltIn: 1 });
		const report = await importAnki(db, incoming.data, scheduler, incoming.media);
		expect(report).toMatchObject({ cardsAdded: 0, reviewsAdded: 1 });
		expect(await db.reviews.count()).toBe(4);
		expect(await doubled(db)).toBe(0);
		expect((await db.reviews.where('cardKey').equals('potassium/k-ecg').toArray()).map((r) => r.at).sort()).toEqual([T + 20 * MINUTE, T + 2 * DAY]);
		expect((await db.states.get('potassium/k-ecg'))!.schedule.reps).toBe(2);
		expect(await db.cards.count()).toBe(2);
		expect(await db.decks.count()).toBe(1);
	});
});

const TREE: CollectionDef = {
	decks: [
		{ id: '1', name: 'Default' },
		{ id: '1660000000001', name: 'Renal' }
	],
	notes: [
		{ id: 1, guid: 'gA', mid: '1001', fields: ['Normal GFR?', 'About 125 mL/min', ''] },
		{ id: 2, guid: 'gB', mid: '1001', fields: ['First-line drug for hyperkalaemia with ECG changes?', 'Calcium gluconate', ''] },
		{ id: 3, guid: 'gC', mid: '1001', fields: ['Loop diuretic acting on NKCC2?', 'Furosemide', ''] }
	],
	cards: [
		{ id: 10, nid: 1, did: '1660000000001', ord: 0, type: 2, queue: 2, due: 10, ivl: 3 },
		{ id: 20, nid: 2, did: '1660000000001', ord: 0, due: 1 },
		{ id: 30, nid: 3, did: '1660000000001', ord: 0, due: 2 }
	],
	revlog: [
		{ id: T - 9 * DAY, cid: 10, ease: 3, type: 0 },
		{ id: T - 6 * DAY, cid: 10, ease: 3, type: 1 }
	]
};

describe('an imported deck’s export coming back, after work in Anki', () => {
	async function setUp() {
		const db = fresh();
		const first = read(buildPackage(SQL, TREE), T);
		await importAnki(db, first.data, scheduler, first.media);
		await answer(db, 'anki-1660000000001/a2-0', 3, T + MINUTE);
		return db;
	}

	it('an export brought straight back: nothing added, nothing doubled, nothing lost', async () => {
		const db = await setUp();
		const bytes = exportApkg(SQL, (await apkgExportData(db, 'anki-1660000000001', T + DAY))!);
		const reviews = await db.reviews.count();
		const report = await importAnki(db, read(bytes, T + DAY).data, scheduler);
		expect(report).toMatchObject({ cardsAdded: 0, reviewsAdded: 0, decksAdded: 0, retired: 0 });
		expect(report.placement).toMatchObject({ existing: 3, reviewsHere: 3, vanished: [] });
		expect(await db.reviews.count()).toBe(reviews);
		expect(await db.cards.count()).toBe(3);
		// It is still found by the original Anki package too.
		const again = await importAnki(db, read(buildPackage(SQL, TREE), T + 2 * DAY).data, scheduler);
		expect(again).toMatchObject({ cardsAdded: 0, reviewsAdded: 0 });
		expect(await db.reviews.count()).toBe(reviews);
	});

	it('an edit in Anki updates the card, a new note is a new card, a deleted note is offered for retirement', async () => {
		const db = await setUp();
		const bytes = exportApkg(SQL, (await apkgExportData(db, 'anki-1660000000001', T + DAY))!);
		const worked = inAnki(bytes, (col) => {
			const edited = cardIdOf(col, 'a1-0');
			// Anki's editor changes the Back field; the DocDeck field still holds the card as exported.
			const [nid, flds] = col.exec(`select n.id, n.flds from notes n join cards c on c.nid = n.id where c.id = ${edited}`)[0]!.values[0]! as [number, string];
			const fields = flds.split('\u001f');
			fields[1] = 'About 120–125 mL/min';
			col.run('update notes set flds = ? where id = ?', [fields.join('\u001f'), nid]);
			const deleted = cardIdOf(col, 'a3-0');
			col.run('delete from notes where id = (select nid from cards where id = ?)', [deleted]);
			col.run('delete from cards where id = ?', [deleted]);
			col.run('insert into revlog values (?, ?, -1, 4, 9, 3, 2500, 5000, 1)', [T + 3 * DAY, edited]);
			const [mid, did] = col.exec('select n.mid, c.did from notes n join cards c on c.nid = n.id limit 1')[0]!.values[0]!;
			col.run("insert into notes values (888, 'addedInAnki', ?, 0, -1, '', 'Thiazides act where?\u001fDistal convoluted tubule\u001f', 'x', 0, 0, '')", [mid!]);
			col.run("insert into cards values (8880, 888, ?, 0, 0, -1, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, '')", [did!]);
		});
		const reviews = await db.reviews.count();
		const incoming = read(worked, T + 4 * DAY);
		const preview = await previewAnkiImport(db, incoming.data);
		expect(preview.vanished).toEqual([{ key: 'anki-1660000000001/a3-0', question: 'Loop diuretic acting on NKCC2?' }]);

		// Kept: the vanished card stays as it was.
		const kept = fresh();
		const first = read(buildPackage(SQL, TREE), T);
		await importAnki(kept, first.data, scheduler);
		await importAnki(kept, read(exportApkg(SQL, (await apkgExportData(kept, 'anki-1660000000001', T + DAY))!), T + DAY).data, scheduler);
		expect((await importAnki(kept, read(worked, T + 4 * DAY).data, scheduler)).retired).toBe(0);

		const report = await importAnki(db, incoming.data, scheduler, [], { retire: preview.vanished.map((v) => v.key) });
		expect(report).toMatchObject({ cardsAdded: 1, reviewsAdded: 1, retired: 1 });
		expect(await db.reviews.count()).toBe(reviews + 1);
		expect(await doubled(db)).toBe(0);
		const gfr = await db.cards.get('anki-1660000000001/a1-0');
		expect(gfr?.answer).toContain('About 120–125 mL/min');
		const gone = await db.cards.get('anki-1660000000001/a3-0');
		expect(gone?.retired).toBe(1);
		expect((await db.states.get('anki-1660000000001/a3-0'))?.queue).toBe(-3);
		expect((await db.cards.toArray()).filter((c) => !c.retired).map((c) => c.question).sort()).toEqual([
			'First-line drug for hyperkalaemia with ECG changes?',
			'Normal GFR?',
			'Thiazides act where?'
		]);
	});
});
