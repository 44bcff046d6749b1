// Both of Anki's package layouts read alike, and the placeholder collection is never taken for the real one.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import path from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { buildPackage, compressZstd, initZstd, NOTE_TYPES, type CollectionDef, type PackageLayout } from '../../../../tests/fixtures/apkg';
import { readApkg } from './package.ts';
import { ankiToDataset } from './convert.ts';
import { Message } from './protobuf.ts';
import { declaredSize, unzstd } from './zstd.ts';
import { createScheduler, DAY, MINUTE } from '../schedule.ts';
import { DEFAULT_SETTINGS } from '../settings.ts';

let SQL: SqlJsStatic;
beforeAll(async () => {
	SQL = await initSqlJs({ locateFile: (f) => path.resolve(import.meta.dirname, '../../../../node_modules/sql.js/dist', f) });
	await initZstd();
});

const T = Date.UTC(2025, 8, 1, 9, 0);
const OPTS = { fileName: 'renal.apkg', now: T + 30 * DAY, scheduler: createScheduler(DEFAULT_SETTINGS), dayStartHour: 4, utcOffsetMinutes: 0 };
const RENAL: CollectionDef = {
	decks: [
		{ id: '1', name: 'Default' },
		{ id: '1700000000001', name: 'Renal::Tubule', desc: 'Where the filtrate is reworked.' }
	],
	notes: [
		{ id: 1, mid: '1001', fields: ['Which hormone acts on the collecting duct to retain water?', 'Vasopressin (ADH)', ''], tags: ['physiology::renal'] },
		{ id: 2, mid: '1003', fields: ['The {{c1::proximal tubule}} reabsorbs most filtered {{c2::sodium}}.', ''] }
	],
	cards: [
		{ id: 11, nid: 1, did: '1700000000001', ord: 0, type: 2, queue: 2, due: 40, ivl: 9 },
		{ id: 21, nid: 2, did: '1700000000001', ord: 0, due: 1 },
		{ id: 22, nid: 2, did: '1700000000001', ord: 1, due: 2 }
	],
	revlog: [
		{ id: T, cid: 11, ease: 3, type: 0, time: 7000 },
		{ id: T + 10 * MINUTE, cid: 11, ease: 3, type: 0, time: 4000 },
		{ id: T + 3 * DAY, cid: 11, ease: 3, type: 1, time: 3000 }
	],
	media: { 'nephron.png': 'not really a png', 'adh.mp3': 'not really a sound' }
};

const read = (bytes: Uint8Array, name = 'renal.apkg') => {
	const r = readApkg(bytes, SQL, name);
	if (!r.ok) throw new Error(r.problem);
	return r;
};

describe("Anki's package layouts", () => {
	it.each<PackageLayout>(['collection.anki2', 'collection.anki21', 'collection.anki21b'])('%s gives the same cards, history, decks and media list', (layout) => {
		const r = read(buildPackage(SQL, RENAL, layout));
		expect(r.collection.format).toBe(layout);
		expect(r.collection.decks.get('1700000000001')).toEqual({ id: '1700000000001', name: 'Renal::Tubule', description: 'Where the filtrate is reworked.', filtered: false });
		expect(r.collection.models.get('1003')).toMatchObject({ name: 'Cloze', type: 1, fields: ['Text', 'Back Extra'], templates: [{ name: 'Cloze', ord: 0, qfmt: '{{cloze:Text}}' }] });
		expect(r.collection.notes.map((n) => [n.id, n.guid, n.tags.trim()])).toEqual([
			[1, 'g1', 'physiology::renal'],
			[2, 'g2', '']
		]);
		expect(r.collection.media.map((m) => m.name).sort()).toEqual(['adh.mp3', 'nephron.png']);
		const png = r.collection.media.find((m) => m.name === 'nephron.png')!;
		expect(new TextDecoder().decode(r.mediaBytes(png)!)).toBe('not really a png');
		const { data, report } = ankiToDataset(r.collection, OPTS);
		expect(report).toMatchObject({ cards: 3, reviews: 3, skippedCards: 0 });
		expect(data.cards.map((c) => c.question).sort()).toEqual([
			'The <span class="cloze">[…]</span> reabsorbs most filtered sodium.',
			'The proximal tubule reabsorbs most filtered <span class="cloze">[…]</span>.',
			'Which hormone acts on the collecting duct to retain water?'
		]);
	});

	it('a current package is read from collection.anki21b; its placeholder collection.anki2 is never imported', () => {
		const bytes = buildPackage(SQL, RENAL, 'collection.anki21b');
		const files = unzipSync(bytes);
		expect(Object.keys(files).sort()).toEqual(['0', '1', 'collection.anki2', 'collection.anki21b', 'media', 'meta']);
		const r = read(bytes);
		expect(r.collection.notes.some((n) => /update/i.test(n.fields[0]!))).toBe(false);
		// Only the placeholder: refused with the reason, never imported as one "update Anki" card.
		const { 'collection.anki21b': _real, meta: _meta, ...rest } = files;
		const only = readApkg(zipSync(rest), SQL, 'old.apkg');
		expect(only).toEqual({ ok: false, problem: expect.stringMatching(/holds only the placeholder Anki adds for old versions/) });
	});

	it('the meta record decides: a newer version is refused by name, a missing collection is damage', () => {
		const files = unzipSync(buildPackage(SQL, RENAL, 'collection.anki21b'));
		const newer = readApkg(zipSync({ ...files, meta: new Uint8Array([0x08, 0x07]) }), SQL, 'future.apkg');
		expect(newer).toEqual({ ok: false, problem: expect.stringMatching(/newer Anki than DocDeck can read \(package version 7\)/) });
		const { 'collection.anki21b': _gone, ...without } = files;
		expect(readApkg(zipSync(without), SQL, 'cut.apkg')).toEqual({ ok: false, problem: '“cut.apkg” is damaged: it says it holds collection.anki21b, but that file is not in it.' });
		// A legacy package from current Anki says "collection.anki21" in its meta and is read as such.
		const legacy = unzipSync(buildPackage(SQL, RENAL, 'collection.anki21'));
		expect(read(zipSync({ ...legacy, meta: new Uint8Array([0x08, 0x02]) })).collection.format).toBe('collection.anki21');
	});

	it('damaged compressed parts are refused with what and where', () => {
		const files = unzipSync(buildPackage(SQL, RENAL, 'collection.anki21b'));
		expect(readApkg(zipSync({ ...files, media: compressZstd(new Uint8Array([0x0a, 0x50, 1])) }), SQL, 'm.apkg')).toEqual({ ok: false, problem: expect.stringMatching(/^The media list inside “m\.apkg” cannot be read: a field runs past the end/) });
		expect(readApkg(zipSync({ ...files, 'collection.anki21b': compressZstd(strToU8('not a database at all')) }), SQL, 'd.apkg')).toMatchObject({ ok: false, problem: expect.stringMatching(/d\.apkg/) });
		// A media file that is not zstd is not imported, but the package still is.
		const r = read(zipSync({ ...files, '0': strToU8('plain bytes') }));
		expect(r.mediaBytes(r.collection.media.find((m) => m.entry === '0')!)).toBeNull();
	});

	it('a damaged current package, byte by byte: no crash, a reason naming the file', () => {
		const good = buildPackage(SQL, { ...RENAL, media: {} }, 'collection.anki21b');
		fc.assert(
			fc.property(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 }), (at, value) => {
				const damaged = good.slice();
				damaged[at] = value;
				const r = readApkg(damaged, SQL, 'f.apkg');
				if (r.ok) ankiToDataset(r.collection, OPTS);
				else expect(r.problem).toMatch(/f\.apkg/);
			}),
			{ numRuns: 150 }
		);
	}, 60_000);

	it('custom note types keep their own templates in schema 18', () => {
		const custom: CollectionDef = {
			noteTypes: [{ id: '77', name: 'Drug card', type: 0, fields: ['Drug', 'Class', 'Mechanism'], templates: [{ name: 'Class?', qfmt: '{{Drug}}: which class?', afmt: '{{Class}}<br>{{Mechanism}}' }] }],
			decks: [{ id: '1', name: 'Pharmacology' }],
			notes: [{ id: 5, mid: '77', fields: ['Furosemide', 'Loop diuretic', 'Blocks NKCC2'] }],
			cards: [{ id: 50, nid: 5, did: '1', ord: 0 }]
		};
		const { data } = ankiToDataset(read(buildPackage(SQL, custom, 'collection.anki21b')).collection, OPTS);
		expect(data.cards[0]).toMatchObject({ question: 'Furosemide: which class?', answer: 'Loop diuretic<br>Blocks NKCC2' });
		expect(NOTE_TYPES.basic!.name).toBe('Basic');
	});
});

describe('the small readers', () => {
	it('protobuf: varints, strings, nested messages, negative 64-bit numbers; damage is an error', () => {
		const m = Message.decode(new Uint8Array([0x08, 0x96, 0x01, 0x12, 0x02, 0x68, 0x69, 0x1a, 0x02, 0x08, 0x05, 0x20, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]));
		expect([m.number(1), m.string(2), m.message(3).number(1), m.number(4), m.number(9)]).toEqual([150, 'hi', 5, -1, 0]);
		expect(() => Message.decode(new Uint8Array([0x12, 0x05, 0x01]))).toThrow(/runs past the end/);
		expect(() => Message.decode(new Uint8Array([0x0b]))).toThrow(/wire type/);
	});

	it('zstd: round trip, declared size, and a bomb refused before it unpacks', () => {
		const text = strToU8('glomerulus '.repeat(20_000));
		const packed = compressZstd(text);
		expect(declaredSize(packed)).toBe(text.length);
		expect(unzstd(packed, 1e6)).toEqual(text);
		expect(() => unzstd(packed, 1000)).toThrow(/more than DocDeck can hold/);
		expect(() => unzstd(strToU8('plain'), 1000)).toThrow(/not zstd/);
	}, 30_000);
});
