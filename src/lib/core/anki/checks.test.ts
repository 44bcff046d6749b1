// Every value from an Anki package is range-checked where it enters: nothing absurd reaches a schedule.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import path from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { unzipSync, zipSync } from 'fflate';
import { buildApkg } from '../../../../tests/fixtures/apkg';
import { ankiToDataset } from './convert.ts';
import { readApkg } from './package.ts';
import { safeId } from './checks.ts';
import type { AnkiCollection, AnkiModel } from './types.ts';
import { createScheduler, DAY } from '../schedule.ts';
import { DEFAULT_SETTINGS } from '../settings.ts';

let SQL: SqlJsStatic;
beforeAll(async () => {
	SQL = await initSqlJs({ locateFile: (f) => path.resolve(import.meta.dirname, '../../../../node_modules/sql.js/dist', f) });
});

const NOW = Date.UTC(2026, 0, 10, 12, 0);
const scheduler = createScheduler(DEFAULT_SETTINGS);
const OPTS = { fileName: 'odd.apkg', now: NOW, scheduler, dayStartHour: 4, utcOffsetMinutes: 0 };
const basic: AnkiModel = { id: '1001', name: 'Basic', type: 0, fields: ['Front', 'Back'], templates: [{ name: 'Card 1', ord: 0, qfmt: '{{Front}}', afmt: '{{Back}}' }] };

function collection(parts: Partial<AnkiCollection>): AnkiCollection {
	return {
		format: 'collection.anki21',
		models: new Map([['1001', basic]]),
		decks: new Map([['1', { id: '1', name: 'Renal', description: '', filtered: false }]]),
		notes: [],
		cards: [],
		revlog: [],
		media: [],
		schedulerVersion: 2,
		skipped: [],
		...parts
	};
}
const card = (id: number, extra: Partial<AnkiCollection['cards'][number]> = {}) => ({ id, nid: 1, did: '1', odid: '0', ord: 0, type: 2, queue: 2, due: 10, ivl: 3, factor: 2500, flags: 0, ...extra });

/** Any number a damaged or hand-made package might hold. */
const anyNumber = fc.oneof(
	fc.integer({ min: -10, max: 10 }),
	fc.integer(),
	fc.constantFrom(NaN, Infinity, -Infinity, 1e300, -1e300, 0.5, Number.MAX_SAFE_INTEGER, 253402300800000 /* year 10000 */, Date.UTC(1990, 0, 1)),
	fc.integer({ min: Date.UTC(2005, 0, 1), max: NOW + 30 * DAY })
);

describe('range checks on what an Anki package holds', () => {
	it('out-of-range values anywhere: no crash, no NaN, no Infinity, no due time past 2200, and every row left out is named', () => {
		const revlogRow = fc.record({ id: anyNumber, cid: fc.constantFrom(1, 2, 3, 77), ease: anyNumber, time: anyNumber, type: fc.oneof(fc.constantFrom(0, 1, 2, 3), anyNumber) });
		const cardRow = fc.record({ id: fc.constantFrom(1, 2, 3), nid: fc.constantFrom(1, 5), did: fc.constantFrom('1', '9'), odid: fc.constantFrom('0', '1', '8'), ord: fc.oneof(fc.constant(0), anyNumber), type: fc.oneof(fc.constantFrom(0, 2), anyNumber), queue: fc.oneof(fc.constantFrom(0, 2, -1), anyNumber), due: anyNumber, ivl: anyNumber, factor: anyNumber, flags: fc.oneof(fc.constant(0), anyNumber) });
		fc.assert(
			fc.property(fc.uniqueArray(cardRow, { selector: (c) => c.id, maxLength: 3 }), fc.array(revlogRow, { maxLength: 25 }), (cards, revlog) => {
				const col = collection({ notes: [{ id: 1, guid: 'g1', mid: '1001', tags: '', fields: ['Where is renin made?', 'Juxtaglomerular cells'] }], cards, revlog });
				const { data, report } = ankiToDataset(col, OPTS);
				for (const s of [...data.states.map((x) => x.schedule), ...data.reviews.flatMap((r) => [r.before, r.after])]) {
					for (const v of Object.values(s)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
					expect(s.due).toBeLessThan(Date.UTC(2200, 0, 1));
				}
				for (const st of data.states) expect(Number.isFinite(st.due)).toBe(true);
				for (const r of data.reviews) {
					expect(r.at).toBeGreaterThanOrEqual(Date.UTC(2006, 0, 1));
					expect(r.at).toBeLessThanOrEqual(NOW + DAY);
					expect(r.durationMs).toBeGreaterThanOrEqual(0);
					expect(r.durationMs).toBeLessThanOrEqual(60_000);
					expect(Number.isInteger(r.day)).toBe(true);
				}
				// Every row is either kept or counted under a reason with its place.
				const skippedReviews = report.skipped.filter((g) => g.item === 'review').reduce((n, g) => n + g.count, 0);
				expect(data.reviews.length + skippedReviews).toBe(revlog.length);
				expect(report.cards + report.skippedCards).toBe(cards.length);
				for (const g of [...report.skipped, ...report.adjusted]) {
					expect(g.count).toBeGreaterThan(0);
					expect(g.places.length).toBeGreaterThan(0);
					expect(g.places.length).toBeLessThanOrEqual(Math.min(5, g.count));
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('names each reason: answers before Anki existed or in the future, unknown buttons, impossible durations, unknown cards', () => {
		const col = collection({
			notes: [{ id: 1, guid: 'g1', mid: '1001', tags: '', fields: ['Where is renin made?', 'Juxtaglomerular cells'] }],
			cards: [card(1), card(2, { ord: 7 }), card(3, { type: 9 })],
			revlog: [
				{ id: Date.UTC(2024, 0, 1), cid: 1, ease: 3, time: 5000, type: 1 },
				{ id: Date.UTC(2024, 0, 9), cid: 1, ease: 3, time: -40, type: 1 },
				{ id: 1000, cid: 1, ease: 3, time: 5000, type: 1 },
				{ id: NOW + 40 * DAY, cid: 1, ease: 3, time: 5000, type: 1 },
				{ id: Date.UTC(2024, 1, 1), cid: 1, ease: 7, time: 5000, type: 1 },
				{ id: Date.UTC(2024, 1, 2), cid: 1, ease: 0, time: 0, type: 4 },
				{ id: Date.UTC(2024, 1, 3), cid: 55, ease: 3, time: 5000, type: 1 }
			]
		});
		const { data, report } = ankiToDataset(col, OPTS);
		expect(data.reviews.map((r) => [r.at, r.durationMs])).toEqual([
			[Date.UTC(2024, 0, 1), 5000],
			[Date.UTC(2024, 0, 9), 0]
		]);
		const reasons = Object.fromEntries(report.skipped.map((g) => [g.reason, g.places]));
		expect(reasons).toMatchObject({
			'its time is before 2006, older than Anki': ['review 1000 of card 1'],
			'its time is in the future': [`review ${NOW + 40 * DAY} of card 1`],
			"answer button 7 is not one of Anki's four": [`review ${Date.UTC(2024, 1, 1)} of card 1`],
			'a change of schedule by hand, not an answer': [`review ${Date.UTC(2024, 1, 2)} of card 1`],
			'its card is not in the package': [`review ${Date.UTC(2024, 1, 3)} of card 55`],
			'its note type has no template number 8': ['card 2 (note 1)'],
			'its scheduling state (type 9, queue 2) is not one Anki uses': ['card 3 (note 1)']
		});
		expect(report.adjusted).toEqual([{ item: 'review', reason: expect.stringMatching(/impossible.*kept as 0 s/), count: 1, places: [`review ${Date.UTC(2024, 0, 9)} of card 1`] }]);
		expect(report.skippedCards).toBe(2);
	});

	it('ids that are not whole numbers JavaScript holds exactly are refused by place, not rounded onto another row', () => {
		const bytes = buildApkg(SQL, {
			notes: [
				[1, '1001', ['Renin is made by?', 'Juxtaglomerular cells', '']],
				[2, '1001', ['Aldosterone acts on?', 'Principal cells', '']]
			],
			cards: [
				[11, 1, '2001', 0, 0, 0, 1],
				[12, 2, '2001', 0, 0, 0, 2]
			],
			revlog: []
		});
		// Rewrite one card's id to 2^53 + 1, which a JavaScript number would round to 2^53.
		const r = readApkg(bytes, SQL, 'big.apkg');
		if (!r.ok) throw new Error(r.problem);
		expect(r.collection.skipped).toEqual([]);
		const files = unzipSync(bytes);
		const db = new SQL.Database(files['collection.anki21']);
		db.run('update cards set id = 9007199254740993 where id = 12');
		files['collection.anki21'] = new Uint8Array(db.export());
		db.close();
		const big = readApkg(zipSync(files), SQL, 'big.apkg');
		if (!big.ok) throw new Error(big.problem);
		expect(big.collection.cards.map((c) => c.id)).toEqual([11]);
		expect(big.collection.skipped).toEqual([{ item: 'card', reason: expect.stringMatching(/not a whole number/), count: 1, places: ['card row 2 (id 9007199254740993, note 2)'] }]);
		expect(ankiToDataset(big.collection, OPTS).report.skippedCards).toBe(1);
	});

	it('safeId takes whole numbers only', () => {
		expect([safeId('12'), safeId(' -5 '), safeId(12), safeId('1.5'), safeId('9007199254740993'), safeId('abc'), safeId(null), safeId('')]).toEqual([12, -5, 12, null, null, null, null, null]);
	});
});
