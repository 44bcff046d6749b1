import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { zipSync, strToU8 } from 'fflate';
import { buildApkg, type ApkgFixture } from '../../../../tests/fixtures/apkg';
import path from 'node:path';
import { readApkg } from './package.ts';
import { ankiToDataset } from './convert.ts';
import { clozeNumbers, renderTemplate } from './template.ts';
import { stripHtml } from '../strip-html.ts';
import { createScheduler, DAY, MINUTE } from '../schedule.ts';
import { DEFAULT_SETTINGS } from '../settings.ts';
import { replay } from '../replay.ts';
import { Queue } from '../model.ts';

let SQL: SqlJsStatic;
beforeAll(async () => {
	SQL = await initSqlJs({ locateFile: (f) => path.resolve(import.meta.dirname, '../../../../node_modules/sql.js/dist', f) });
});

const scheduler = createScheduler(DEFAULT_SETTINGS);
const T = Date.UTC(2025, 5, 1, 8, 0);

type Fixture = ApkgFixture;
const apkg = (f: Fixture, extra: Record<string, Uint8Array> = {}) => buildApkg(SQL, f, extra);

const FIXTURE: Fixture = {
	notes: [
		[1, '1001', ['What protein is lost in the urine in <b>nephrotic</b> syndrome?', 'Albumin', 'Also antithrombin III']],
		[2, '1002', ['Podocyte', 'Visceral epithelial cell of the glomerulus']],
		[3, '1003', ['{{c1::Minimal change}} disease is the commonest cause in {{c2::children::age group}}. [sound:lecture.mp3]', '']]
	],
	cards: [
		[11, 1, '2001', 0, 2, 2, 100],
		[21, 2, '2001', 0, 0, 0, 2],
		[22, 2, '2001', 1, 0, -1, 3, 1],
		[31, 3, '2001', 0, 0, 0, 4],
		[32, 3, '2001', 1, 0, 0, 5]
	],
	revlog: [
		[T, 11, 1, 12_000, 0],
		[T + 10 * MINUTE, 11, 3, 8_000, 0],
		[T + 2 * DAY, 11, 3, 5_000, 1],
		[T + 3 * DAY, 11, 0, 0, 4] // a manual reschedule: not an answer
	],
	media: { '0': 'lecture.mp3', '1': 'kidney.png' }
};

const OPTS = { fileName: 'nephro.apkg', now: T + 10 * DAY, scheduler, dayStartHour: 4, utcOffsetMinutes: 0 };

function importFixture(f: Fixture = FIXTURE) {
	const r = readApkg(apkg(f), SQL, 'nephro.apkg');
	if (!r.ok) throw new Error(r.problem);
	return ankiToDataset(r.collection, OPTS);
}

describe('Anki package → DocDeck', () => {
	it('Basic, Basic-and-reversed and Cloze notes become cards with their fields', () => {
		const { data, report } = importFixture();
		expect(report).toMatchObject({ deckTitle: 'Nephrology', notes: 3, cards: 5, reviews: 3, skippedCards: 0, media: 0, mediaMissing: ['lecture.mp3'], mediaUnused: 1, suspended: 1 });
		const byId = new Map(data.cards.map((c) => [c.id, c]));
		expect(byId.get('a1-0')).toMatchObject({ kind: 'basic', format: 'html', question: 'What protein is lost in the urine in <b>nephrotic</b> syndrome?', section: 'Glomerular disease' });
		expect(byId.get('a1-0')!.answer).toBe('Albumin<br><i>Also antithrombin III</i>');
		expect(byId.get('a2-0')).toMatchObject({ question: 'Podocyte', answer: 'Visceral epithelial cell of the glomerulus' });
		expect(byId.get('a2-1')).toMatchObject({ question: 'Visceral epithelial cell of the glomerulus', answer: 'Podocyte' });
		expect(byId.get('a3-0')!.question).toBe('<span class="cloze">[…]</span> disease is the commonest cause in children. [sound:lecture.mp3]');
		expect(byId.get('a3-1')!.question).toContain('Minimal change disease is the commonest cause in <span class="cloze">[age group]</span>');
		expect(byId.get('a3-1')!.answer).toContain('<span class="cloze">children</span>');
		// The deck tree: "Nephrology::Glomerular disease" under a "Nephrology" deck made for it.
		expect(data.decks.map((d) => [d.title, d.parentId ?? null])).toEqual([
			['Nephrology', null],
			['Glomerular disease', data.decks[0]!.id]
		]);
		expect(data.decks[1]).toMatchObject({ id: 'anki-2001', origin: 'imported', ref: 'anki:2001' });
		expect(data.cards.every((c) => c.deckId === 'anki-2001')).toBe(true);
		expect(byId.get('a1-0')).toMatchObject({ tags: ['tag1'], refs: ['anki:g:g1/0', 'anki:n:1/0'] });
	});

	it("Anki's review history comes along and FSRS starts from it", () => {
		const { data } = importFixture();
		const reviews = data.reviews.filter((r) => r.cardKey === 'anki-2001/a1-0');
		expect(reviews.map((r) => [r.rating, r.at, r.durationMs])).toEqual([
			[1, T, 12_000],
			[3, T + 10 * MINUTE, 8_000],
			[3, T + 2 * DAY, 5_000]
		]);
		expect(new Set(reviews.map((r) => r.id)).size).toBe(3);
		const state = data.states.find((s) => s.key === 'anki-2001/a1-0')!;
		const rebuilt = replay(scheduler, state.key, reviews);
		expect(state.schedule).toEqual(rebuilt.schedule);
		expect(state.schedule.reps).toBe(3);
		expect(reviews[1]!.before).toEqual(reviews[0]!.after);
	});

	it('keeps suspension and flags; new cards come in Anki\'s order', () => {
		const { data } = importFixture();
		const state = new Map(data.states.map((s) => [s.key, s]));
		expect(state.get('anki-2001/a2-1')).toMatchObject({ queue: Queue.Suspended, flag: 1 });
		expect(state.get('anki-2001/a2-0')!.queue).toBe(Queue.New);
		const fresh = data.cards.filter((c) => state.get(c.key)!.schedule.state === 0).map((c) => c.id);
		expect(fresh).toEqual(['a2-0', 'a2-1', 'a3-0', 'a3-1']);
	});

	it('the same collection imported twice gives the same ids (so a re-import updates, never duplicates)', () => {
		const a = importFixture();
		const b = importFixture();
		expect(b.data.cards.map((c) => c.key)).toEqual(a.data.cards.map((c) => c.key));
		expect(b.data.reviews.map((r) => r.id)).toEqual(a.data.reviews.map((r) => r.id));
	});

	it('reads an old collection.anki2 too', () => {
		const r = readApkg(apkg({ ...FIXTURE, fileName: 'collection.anki2' }), SQL, 'old.apkg');
		expect(r.ok).toBe(true);
	});
});

describe('packages DocDeck cannot read say why', () => {
	it('a damaged zstd collection, even beside the placeholder collection Anki adds for old versions', () => {
		const placeholder = apkg({ notes: [[9, '1001', ['Please update to the latest Anki version', '']]], cards: [[91, 9, '1', 0, 0, 0, 1]], revlog: [], fileName: 'collection.anki2' });
		const zipped = zipSync({ 'collection.anki21b': new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]), 'collection.anki2': placeholder });
		const r = readApkg(zipped, SQL, 'new.apkg');
		expect(r).toEqual({ ok: false, problem: expect.stringMatching(/^The collection inside “new\.apkg” cannot be unpacked: it is damaged/) });
	});

	it('not a zip, no collection inside, a damaged database', () => {
		expect(readApkg(new TextEncoder().encode('hello'), SQL, 'x.apkg')).toEqual({ ok: false, problem: '“x.apkg” is not an Anki package (it is not a zip file, or it is damaged).' });
		expect(readApkg(zipSync({ 'readme.txt': strToU8('hi') }), SQL, 'y.apkg')).toMatchObject({ ok: false, problem: expect.stringMatching(/holds no Anki collection/) });
		expect(readApkg(zipSync({ 'collection.anki21': strToU8('not sqlite at all, just text') }), SQL, 'z.apkg')).toMatchObject({ ok: false, problem: expect.stringMatching(/could not be read|not a readable SQLite/) });
	});

	it('any bytes (fuzzing): no crash, a reason', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
				const r = readApkg(bytes, SQL, 'f.apkg');
				if (!r.ok) expect(r.problem).toMatch(/f\.apkg/);
			}),
			{ numRuns: 200 }
		);
		const good = apkg(FIXTURE);
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
});

describe('templates and clozes', () => {
	const ctx = (fields: Record<string, string>) => ({ fields: new Map(Object.entries(fields)), cloze: 1, side: 'q' as const, frontSide: '', tags: 't', deck: 'A::B', card: 'Card 1' });

	it('fills fields, conditional sections and filters', () => {
		expect(renderTemplate('{{Front}}{{#Extra}} ({{Extra}}){{/Extra}}{{^Extra}} (none){{/Extra}}', ctx({ Front: 'Q', Extra: '' }))).toBe('Q (none)');
		expect(renderTemplate('{{Front}}{{#Extra}} ({{Extra}}){{/Extra}}', ctx({ Front: 'Q', Extra: 'x' }))).toBe('Q (x)');
		expect(renderTemplate('{{text:Front}}|{{type:Front}}|{{Subdeck}}', ctx({ Front: '<b>bold</b>' }))).toBe('bold||B');
		expect(renderTemplate('{{Missing}}', ctx({}))).toBe('');
	});

	it('finds cloze numbers and survives hostile cloze text', () => {
		expect(clozeNumbers('{{c2::b}} {{c1::a::hint}} {{c2::c}}')).toEqual([1, 2]);
		expect(clozeNumbers('{{c1::' + '{{c1::'.repeat(50_000))).toEqual([]);
		expect(stripHtml('a<br>b&nbsp;&amp;')).toBe('a\nb &');
	});
});
