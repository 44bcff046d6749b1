// A deck out as an .apkg and back in: the same cards and the same history.
import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { SqlJsStatic } from 'sql.js';
import { freshDatabases, loadSqlJs } from '../../../tests/fixtures/test-db';
import { unzipSync } from 'fflate';
import { buildPackage, type CollectionDef } from '../../../tests/fixtures/apkg';
import { readApkg } from '$lib/core/anki';
import { ankiToDataset } from '$lib/core/anki';
import { exportApkg } from '$lib/core/anki/export';
import { parseDeck } from '$lib/core/deck-file';
import { createScheduler, DAY, MINUTE } from '$lib/core/schedule';
import { DEFAULT_SETTINGS } from '$lib/core/settings';
import { DocDeckDB } from './db';
import { syncDeck } from './decks';
import { answerCard, suspendCard } from './study';
import { apkgExportData, importAnki } from './anki';

let SQL: SqlJsStatic;
beforeAll(async () => {
	SQL = await loadSqlJs();
});
const fresh = freshDatabases();
const T = Date.UTC(2026, 0, 5, 9, 0);
const scheduler = createScheduler(DEFAULT_SETTINGS);

async function reimport(bytes: Uint8Array, now: number) {
	const read = readApkg(bytes, SQL, 'out.apkg');
	if (!read.ok) throw new Error(read.problem);
	const entries = new Map(read.collection.media.map((m) => [m.name, m]));
	const r = ankiToDataset(read.collection, { fileName: 'out.apkg', now, scheduler, dayStartHour: 4, utcOffsetMinutes: 0, mediaBytes: (n) => read.mediaBytes(entries.get(n)!) });
	const db = fresh();
	await importAnki(db, r.data, scheduler, r.media);
	return { db, read, report: r.report };
}

const SOURCE = ['---', 'title: Sodium', '---', '', '# Sodium', '', '{#na} Low sodium in the blood is called hyponatraemia; below 125 mmol/L < danger.'].join('\n');
const DECK = [
	'---',
	'id: sodium',
	'title: Sodium',
	'---',
	'',
	'# Sodium',
	'',
	'## na-def',
	'kind: basic',
	'passage: na',
	'Q: What is low blood sodium called?',
	'A: Hyponatraemia (< 135 mmol/L).',
	'',
	'## na-list',
	'kind: list',
	'passage: na',
	'Q: Two causes of hyponatraemia?',
	'A:',
	'- SIADH',
	'- Diuretics'
].join('\n');

describe('.apkg export and re-import', () => {
	it('a built-in deck with its history: same cards (ids, kinds, wording, items), same answers, same schedules', async () => {
		const a = fresh();
		await syncDeck(a, parseDeck({ deckFile: 'deck.md', deckText: DECK, sourceFile: 'source.md', sourceText: SOURCE }), 'bundled', T);
		const answer = async (key: string, rating: 1 | 2 | 3 | 4, at: number) => {
			const s = await a.states.get(key);
			return answerCard(a, scheduler, { cardKey: key, rating, clock: { now: at, utcOffsetMinutes: 0 }, dayStartHour: 4, durationMs: 4321, expectedReps: s!.schedule.reps, reviewId: crypto.randomUUID() });
		};
		await answer('sodium/na-def', 3, T);
		await answer('sodium/na-def', 3, T + 10 * MINUTE);
		await answer('sodium/na-def', 2, T + 3 * DAY);
		await suspendCard(a, 'sodium/na-list');
		const out = await apkgExportData(a, 'sodium', T + 4 * DAY);
		const bytes = exportApkg(SQL, out!);
		expect(Object.keys(unzipSync(bytes)).sort()).toEqual(['collection.anki2', 'collection.anki21', 'media']);
		// Each note's checksum is Anki's: the first 8 hex digits of the SHA-1 of its first field's text.
		const col = new SQL.Database(unzipSync(bytes)['collection.anki21']);
		const notes = col.exec('select flds, sfld, csum from notes')[0]!.values as [string, string, number][];
		col.close();
		const sha = (t: string) => parseInt(createHash('sha1').update(t, 'utf8').digest('hex').slice(0, 8), 16);
		expect(notes.map(([flds, sfld, csum]) => [flds.split('\u001f')[0], sfld, csum]).sort()).toEqual([
			['Two causes of hyponatraemia?', 'Two causes of hyponatraemia?', sha('Two causes of hyponatraemia?')],
			['What is low blood sodium called?', 'What is low blood sodium called?', sha('What is low blood sodium called?')]
		]);

		const { db: b } = await reimport(bytes, T + 4 * DAY);
		const before = await a.cards.toArray();
		const after = await b.cards.toArray();
		const content = (c: (typeof before)[number]) => ({ id: c.id, kind: c.kind, question: c.question, answer: c.answer, items: c.items, explanation: c.explanation, section: c.section, format: c.format });
		expect(after.map(content).sort((x, y) => (x.id < y.id ? -1 : 1))).toEqual(before.map(content).sort((x, y) => (x.id < y.id ? -1 : 1)));
		const log = async (d: DocDeckDB) => (await d.reviews.toArray()).map((r) => [r.cardKey.split('/')[1], r.at, r.rating, r.durationMs]).sort();
		expect(await log(b)).toEqual(await log(a));
		// (The due time itself may move by the fuzz, which is seeded by the card's key, and the key's deck part is new.)
		const sched = async (d: DocDeckDB) => (await d.states.toArray()).map((s) => [s.key.split('/')[1], s.queue, s.schedule.state, s.schedule.reps, s.schedule.lapses, s.schedule.stability, s.schedule.difficulty, s.schedule.lastReview]).sort();
		expect(await sched(b)).toEqual(await sched(a));
	});

	it('an imported Anki deck tree with tags, a typed card and an image goes back out and in unchanged', async () => {
		const col: CollectionDef = {
			decks: [
				{ id: '1', name: 'Default' },
				{ id: '1650000000001', name: 'Anatomy' },
				{ id: '1650000000002', name: 'Anatomy::Upper limb' }
			],
			notes: [
				{ id: 1, mid: '1001', fields: ['<img src="plexus.png">', 'Brachial plexus', ''], tags: ['Anatomy::Nerves'] },
				{ id: 2, mid: '1004', fields: ['Nerve of the deltoid?', 'Axillary nerve'] },
				{ id: 3, mid: '1003', fields: ['The {{c1::radial}} nerve supplies the triceps.', ''] }
			],
			cards: [
				{ id: 10, nid: 1, did: '1650000000002', ord: 0, type: 2, queue: 2 },
				{ id: 20, nid: 2, did: '1650000000002', ord: 0, due: 1 },
				{ id: 30, nid: 3, did: '1650000000001', ord: 0, due: 2 }
			],
			revlog: [
				{ id: T - 20 * DAY, cid: 10, ease: 3, type: 0, time: 6000 },
				{ id: T - 10 * DAY, cid: 10, ease: 4, type: 1, time: 3000 }
			],
			media: { 'plexus.png': 'image bytes' }
		};
		const first = await reimport(buildPackage(SQL, col), T);
		const out = await apkgExportData(first.db, 'anki-1650000000001', T + DAY);
		expect(out!.decks.map((d) => d.title)).toEqual(['Anatomy', 'Upper limb']);
		const second = await reimport(exportApkg(SQL, out!), T + DAY);
		expect(second.report).toMatchObject({ cards: 3, reviews: 2, media: 1, skippedCards: 0 });
		expect(second.read.collection.decks.get('1650000000002')?.name).toBe('Anatomy::Upper limb');
		const cards = async (d: DocDeckDB) => (await d.cards.toArray()).map((c) => [c.deckId, c.id, c.kind, c.question, c.answer, c.typeIn ?? null, c.tags ?? null]).sort();
		expect(await cards(second.db)).toEqual(await cards(first.db));
		const log = async (d: DocDeckDB) => (await d.reviews.toArray()).map((r) => [r.cardKey, r.at, r.rating, r.durationMs]).sort();
		expect(await log(second.db)).toEqual(await log(first.db));
		expect((await second.db.media.toArray()).map((m) => [m.deckId, m.name])).toEqual([['anki-1650000000002', 'plexus.png']]);
	});
});
