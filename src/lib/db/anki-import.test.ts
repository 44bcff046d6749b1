// An Anki package imported into the database, and imported again: it must always be itself.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { buildApkg, buildPackage, type ApkgFixture, type CollectionDef } from '../../../tests/fixtures/apkg';
import { readApkg } from '$lib/core/anki';
import { ankiToDataset } from '$lib/core/anki';
import { createScheduler, DAY, MINUTE } from '$lib/core/schedule';
import { DEFAULT_SETTINGS, type StudySettings } from '$lib/core/settings';
import { replay } from '$lib/core/replay';
import { DocDeckDB } from './db';
import { mergeDataset } from './backup';
import { importAnki, previewAnkiImport } from './anki';

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

function importedFrom(col: CollectionDef, now = T + 10 * DAY, fileName = 'deck.apkg') {
	const read = readApkg(buildPackage(SQL, col), SQL, fileName);
	if (!read.ok) throw new Error(read.problem);
	return ankiToDataset(read.collection, { fileName, now, scheduler: createScheduler(DEFAULT_SETTINGS), dayStartHour: 4, utcOffsetMinutes: 0 }).data;
}

async function fresh() {
	const db = new DocDeckDB('t-' + crypto.randomUUID());
	dbs.push(db);
	return db;
}

const scheduler = createScheduler(DEFAULT_SETTINGS);
const TREE: CollectionDef = {
	decks: [
		{ id: '1', name: 'Default' },
		{ id: '1650000000001', name: '医学' },
		{ id: '1650000000002', name: '医学::肾脏' },
		{ id: '1650000000003', name: '医学::心脏' }
	],
	notes: [
		{ id: 1, guid: 'Kq3#rT9!aa', mid: '1001', fields: ['肾小球滤过率的正常值？', '约 125 mL/min', ''], tags: ['生理::肾'] },
		{ id: 2, guid: 'Zp0$wE4@bb', mid: '1001', fields: ['心输出量等于？', '每搏输出量 × 心率', ''], tags: ['生理::心'] }
	],
	cards: [
		{ id: 10, nid: 1, did: '1650000000002', ord: 0, type: 2, queue: 2, due: 10, ivl: 3 },
		{ id: 20, nid: 2, did: '1650000000003', ord: 0, due: 1 }
	],
	revlog: [
		{ id: T, cid: 10, ease: 3, type: 0 },
		{ id: T + 2 * DAY, cid: 10, ease: 3, type: 1 }
	]
};

describe('deck identity: Anki’s ids, not names', () => {
	it('keeps the tree with its Unicode names: two Chinese subdecks are two decks under their parent', async () => {
		const db = await fresh();
		const report = await importAnki(db, importedFrom(TREE), scheduler);
		const decks = await db.decks.toArray();
		expect(decks.map((d) => [d.id, d.title, d.parentId ?? null]).sort()).toEqual([
			['anki-1650000000001', '医学', null],
			['anki-1650000000002', '肾脏', 'anki-1650000000001'],
			['anki-1650000000003', '心脏', 'anki-1650000000001']
		]);
		expect(report).toMatchObject({ deckId: 'anki-1650000000001', cardsAdded: 2, reviewsAdded: 2 });
		expect((await db.cards.get('anki-1650000000002/a1-0'))?.tags).toEqual(['生理::肾']);
	});

	it('importing again after decks were renamed in Anki updates them: same decks, new titles, nothing refused or doubled', async () => {
		const db = await fresh();
		await importAnki(db, importedFrom(TREE), scheduler);
		const renamed: CollectionDef = { ...TREE, decks: [{ id: '1', name: 'Default' }, { id: '1650000000001', name: 'Physiology' }, { id: '1650000000002', name: 'Physiology::Kidney' }, { id: '1650000000003', name: 'Physiology::Heart' }] };
		const data = importedFrom(renamed, T + 20 * DAY);
		expect(await previewAnkiImport(db, data)).toMatchObject({ existing: 2, stayed: 0, updated: expect.arrayContaining([{ id: 'anki-1650000000002', title: '肾脏', newTitle: 'Kidney' }]) });
		const report = await importAnki(db, data, scheduler);
		expect(report).toMatchObject({ cardsAdded: 0, reviewsAdded: 0, decksAdded: 0 });
		expect((await db.decks.toArray()).map((d) => d.title).sort()).toEqual(['Heart', 'Kidney', 'Physiology']);
		expect(await db.reviews.count()).toBe(2);
		expect(await db.cards.count()).toBe(2);
	});

	it('a note that moved to another deck in Anki stays where it is here, with its history', async () => {
		const db = await fresh();
		await importAnki(db, importedFrom(TREE), scheduler);
		const moved = { ...TREE, cards: [{ ...TREE.cards[0]!, did: '1650000000003' }, TREE.cards[1]!] };
		const report = await importAnki(db, importedFrom(moved, T + 20 * DAY), scheduler);
		expect(report.placement).toMatchObject({ existing: 2, stayed: 1 });
		expect(await db.cards.count()).toBe(2);
		expect((await db.reviews.toArray()).every((r) => r.cardKey === 'anki-1650000000002/a1-0')).toBe(true);
	});

	it('two packages’ "Default" decks (Anki id 1 in every collection) stay two decks', async () => {
		const db = await fresh();
		const one: CollectionDef = { decks: [{ id: '1', name: 'Default' }], notes: [{ id: 5, guid: 'one', mid: '1001', fields: ['Q one', 'A one', ''] }], cards: [{ id: 50, nid: 5, did: '1', ord: 0 }] };
		const two: CollectionDef = { decks: [{ id: '1', name: 'Default' }], notes: [{ id: 6, guid: 'two', mid: '1001', fields: ['Q two', 'A two', ''] }], cards: [{ id: 60, nid: 6, did: '1', ord: 0 }] };
		await importAnki(db, importedFrom(one), scheduler);
		await importAnki(db, importedFrom(two), scheduler);
		expect((await db.decks.toArray()).map((d) => d.id).sort()).toEqual(['anki-1', 'anki-1-2']);
		// And each again lands on its own.
		await importAnki(db, importedFrom(two), scheduler);
		expect(await db.cards.count()).toBe(2);
	});

	it('a deck imported by the first importer (one deck per package, named by slug) is found again through its cards', async () => {
		const db = await fresh();
		// As the first importer stored it: deck "anki-nephrology", card "a1-0", review "anki-10-<time>".
		const first = importedFrom(TREE);
		const old = structuredClone(first);
		const key = (k: string) => k.replace(/^anki-\d+\//, 'anki-nephrology/');
		old.decks = [{ ...old.decks[0]!, id: 'anki-nephrology', title: 'Nephrology', ref: undefined, parentId: undefined }];
		old.cards = old.cards.map((c) => ({ ...c, key: key(c.key), deckId: 'anki-nephrology', refs: [`anki:n:${c.id.slice(1).replace('-', '/')}`], tags: undefined }));
		old.states = old.states.map((s) => ({ ...s, key: key(s.key), deckId: 'anki-nephrology' }));
		old.reviews = old.reviews.map((r) => ({ ...r, cardKey: key(r.cardKey), deckId: 'anki-nephrology' }));
		await mergeDataset(db, JSON.parse(JSON.stringify(old)), scheduler);
		const report = await importAnki(db, importedFrom(TREE, T + 20 * DAY), scheduler);
		expect(report).toMatchObject({ cardsAdded: 0, reviewsAdded: 0 });
		expect(await db.reviews.count()).toBe(2);
		expect(await db.cards.count()).toBe(2);
	});
});

/** Runs `work` with IndexedDB refusing every write after the first `allowed` (a full disk); gives its error (or result) and the writes tried. */
async function withFullDisk(allowed: number, work: () => Promise<unknown>): Promise<{ outcome: unknown; writes: number }> {
	const proto = IDBObjectStore.prototype;
	const original = { add: proto.add, put: proto.put };
	let writes = 0;
	const guard = (fn: (...a: unknown[]) => IDBRequest) =>
		function (this: IDBObjectStore, ...args: unknown[]) {
			if (++writes > allowed) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			return fn.apply(this, args);
		};
	proto.add = guard(original.add as (...a: unknown[]) => IDBRequest) as typeof proto.add;
	proto.put = guard(original.put as (...a: unknown[]) => IDBRequest) as typeof proto.put;
	try {
		const outcome = await work().catch((e: unknown) => e);
		return { outcome, writes };
	} finally {
		proto.add = original.add;
		proto.put = original.put;
	}
}

describe('media come with their cards', () => {
	const WITH_MEDIA: CollectionDef = {
		...TREE,
		notes: [
			{ id: 1, mid: '1001', fields: ['<img src="kidney.png">', 'Left kidney [sound:say.mp3]', ''] },
			{ id: 2, mid: '1001', fields: ['Heart sounds?', '<img src="heart.png">', ''] }
		],
		media: { 'kidney.png': 'png bytes', 'say.mp3': 'mp3 bytes', 'heart.png': 'heart bytes', 'unused.jpg': 'nobody uses me' }
	};
	const prepared = () => {
		const read = readApkg(buildPackage(SQL, WITH_MEDIA), SQL, 'media.apkg');
		if (!read.ok) throw new Error(read.problem);
		const entries = new Map(read.collection.media.map((m) => [m.name, m]));
		return ankiToDataset(read.collection, { fileName: 'media.apkg', now: T + 10 * DAY, scheduler, dayStartHour: 4, utcOffsetMinutes: 0, mediaBytes: (n) => read.mediaBytes(entries.get(n)!) });
	};

	it('each file a card uses is stored under the card’s deck; unused ones are not', async () => {
		const db = await fresh();
		const { data, media, report } = prepared();
		expect(report).toMatchObject({ media: 3, mediaMissing: [], mediaUnused: 1 });
		const done = await importAnki(db, data, scheduler, media);
		expect(done.mediaWritten).toBe(3);
		const rows = await db.media.toArray();
		expect(rows.map((r) => [r.deckId, r.name, r.type, new TextDecoder().decode(r.bytes)]).sort()).toEqual([
			['anki-1650000000002', 'kidney.png', 'image/png', 'png bytes'],
			['anki-1650000000002', 'say.mp3', 'audio/mpeg', 'mp3 bytes'],
			['anki-1650000000003', 'heart.png', 'image/png', 'heart bytes']
		]);
	});

	it('a disk that fills up half-way leaves the database exactly as it was', async () => {
		const db = await fresh();
		await importAnki(db, importedFrom(TREE), scheduler);
		const snapshot = async () => JSON.stringify([await db.decks.toArray(), await db.cards.toArray(), await db.states.toArray(), await db.reviews.toArray(), (await db.media.toArray()).length]);
		const before = await snapshot();
		const { data, media } = prepared();
		// How many writes the import makes, on a copy of this database.
		const copy = await fresh();
		await importAnki(copy, importedFrom(TREE), scheduler);
		const { writes } = await withFullDisk(1e9, () => importAnki(copy, structuredClone(data), scheduler, media));
		expect(writes).toBeGreaterThan(1);
		for (const allowed of [...new Set([0, Math.floor(writes / 2), writes - 1])]) {
			const { outcome } = await withFullDisk(allowed, () => importAnki(db, structuredClone(data), scheduler, media));
			expect(`${(outcome as Error).name} ${(outcome as Error).message}`).toMatch(/quota/i);
			expect(await snapshot()).toBe(before);
		}
		// With room again, the same import goes through.
		expect((await importAnki(db, data, scheduler, media)).mediaWritten).toBe(3);
	});
});
