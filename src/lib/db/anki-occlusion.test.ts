// Image Occlusion notes in, studied as masks, out again as the same note type, and back.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlJsStatic } from 'sql.js';
import { freshDatabases, loadSqlJs } from '../../../tests/fixtures/test-db';
import { unzipSync } from 'fflate';
import { buildPackage, NOTE_TYPES, type CollectionDef } from '../../../tests/fixtures/apkg';
import { diagram } from '../../../tests/fixtures/png';
import { ankiToDataset, readApkg } from '$lib/core/anki';
import { exportApkg } from '$lib/core/anki/export';
import { createScheduler, DAY } from '$lib/core/schedule';
import { DEFAULT_SETTINGS } from '$lib/core/settings';
import { DocDeckDB } from './db';
import { apkgExportData, importAnki } from './anki';

let SQL: SqlJsStatic;
beforeAll(async () => {
	SQL = await loadSqlJs();
});
const fresh = freshDatabases();
const T = Date.UTC(2026, 2, 3, 10, 0);
const scheduler = createScheduler(DEFAULT_SETTINGS);

const OCCLUSION = '{{c1::image-occlusion:rect:left=.1:top=.1:width=.3:height=.1:oi=1}}<br>{{c2::image-occlusion:ellipse:left=.55:top=.4:rx=.1:ry=.08:oi=1}}<br>{{c3::image-occlusion:polygon:left=.2:top=.6:points=.2,.6 .4,.65 .3,.85:oi=1}}';
const COL: CollectionDef = {
	noteTypes: [NOTE_TYPES.occlusion!, NOTE_TYPES.basic!],
	decks: [
		{ id: '1', name: 'Default' },
		{ id: '1670000000001', name: 'Anatomy' }
	],
	notes: [
		{ id: 1, guid: 'io1', mid: '1005', fields: [OCCLUSION, '<img src="kidney.png">', 'Parts of the nephron', 'Glomerulus, loop of Henle, collecting duct', ''], tags: ['Renal::Anatomy'] },
		{ id: 2, guid: 'b1', mid: '1001', fields: ['Where is renin made?', 'Juxtaglomerular cells', ''] }
	],
	cards: [
		{ id: 10, nid: 1, did: '1670000000001', ord: 0, type: 2, queue: 2, due: 5, ivl: 4 },
		{ id: 11, nid: 1, did: '1670000000001', ord: 1, due: 1 },
		{ id: 12, nid: 1, did: '1670000000001', ord: 2, due: 2 },
		{ id: 20, nid: 2, did: '1670000000001', ord: 0, due: 3 }
	],
	revlog: [
		{ id: T - 8 * DAY, cid: 10, ease: 3, type: 0 },
		{ id: T - 4 * DAY, cid: 10, ease: 3, type: 1 }
	],
	media: { 'kidney.png': diagram(40, 30, [{ left: 0.1, top: 0.1, width: 0.3, height: 0.1 }]) }
};

function read(bytes: Uint8Array, now: number) {
	const r = readApkg(bytes, SQL, 'io.apkg');
	if (!r.ok) throw new Error(r.problem);
	const entries = new Map(r.collection.media.map((m) => [m.name, m]));
	return ankiToDataset(r.collection, { fileName: 'io.apkg', now, scheduler, dayStartHour: 4, utcOffsetMinutes: 0, mediaBytes: (n) => r.mediaBytes(entries.get(n)!) });
}

describe('Image Occlusion notes', () => {
	it('one card per cloze number, with its image stored; exported as one Image Occlusion note Anki opens, and back as the same cards and history', async () => {
		const a = fresh();
		const first = read(buildPackage(SQL, COL), T);
		expect(first.report).toMatchObject({ cards: 4, skippedCards: 0, media: 1 });
		await importAnki(a, first.data, scheduler, first.media);
		const io = (await a.cards.toArray()).filter((c) => c.occlusion).sort((x, y) => x.occlusion!.ordinal - y.occlusion!.ordinal);
		expect(io.map((c) => [c.id, c.question, c.occlusion!.ordinal, c.occlusion!.masks.length])).toEqual([
			['a1-0', 'Parts of the nephron', 1, 3],
			['a1-1', 'Parts of the nephron', 2, 3],
			['a1-2', 'Parts of the nephron', 3, 3]
		]);
		expect((await a.media.toArray()).map((m) => m.name)).toEqual(['kidney.png']);

		const bytes = exportApkg(SQL, (await apkgExportData(a, 'anki-1670000000001', T + DAY))!);
		const col = new SQL.Database(unzipSync(bytes)['collection.anki21']);
		const models = JSON.parse(col.exec('select models from col')[0]!.values[0]![0] as string) as Record<string, { name: string; type: number; originalStockKind?: number; flds: { name: string }[] }>;
		const ioModel = Object.values(models).find((m) => m.originalStockKind === 6)!;
		expect(ioModel).toMatchObject({ type: 1 });
		expect(ioModel.flds.map((f) => f.name).slice(0, 5)).toEqual(['Occlusion', 'Image', 'Header', 'Back Extra', 'Comments']);
		const notes = col.exec(`select n.flds, group_concat(c.ord) from notes n join cards c on c.nid = n.id where n.flds like '%image-occlusion%' group by n.id`)[0]!.values;
		col.close();
		expect(notes).toHaveLength(1);
		const [flds, ords] = notes[0]! as [string, string];
		expect(ords.split(',').map(Number).sort()).toEqual([0, 1, 2]);
		const fields = flds.split('\u001f');
		expect(fields.slice(1, 4)).toEqual(['<img src="kidney.png">', 'Parts of the nephron', 'Glomerulus, loop of Henle, collecting duct']);
		expect(fields[0]).toContain('{{c3::image-occlusion:polygon:');

		// Into another device: the same cards, masks and history.
		const b = fresh();
		const second = read(bytes, T + DAY);
		await importAnki(b, second.data, scheduler, second.media);
		const shape = async (d: DocDeckDB) => (await d.cards.toArray()).map((c) => [c.id, c.kind, c.question, c.answer, c.occlusion ?? null, c.tags ?? null]).sort();
		expect(await shape(b)).toEqual(await shape(a));
		const log = async (d: DocDeckDB) => (await d.reviews.toArray()).map((r) => [r.id, r.cardKey, r.at, r.rating]).sort();
		expect(await log(b)).toEqual(await log(a));
		// And back onto the first: nothing added, nothing doubled.
		const again = await importAnki(a, read(bytes, T + DAY).data, scheduler);
		expect(again).toMatchObject({ cardsAdded: 0, reviewsAdded: 0 });
		expect(await a.reviews.count()).toBe(2);
	});

	it('a note with no image, or without the asked region, is left out with the reason', () => {
		const bad: CollectionDef = {
			...COL,
			notes: [{ ...COL.notes[0]!, fields: [OCCLUSION, 'no picture here', '', '', ''] }],
			cards: [{ id: 10, nid: 1, did: '1670000000001', ord: 0 }]
		};
		expect(read(buildPackage(SQL, bad), T).report.skipped).toContainEqual({ item: 'card', reason: 'its Image Occlusion note has no image to show', count: 1, places: ['card 10 (note 1)'] });
	});
});
