import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseBackup, serializeBackup, type BackupData } from './backup.ts';
import { checksum } from './hash.ts';
import { createScheduler, newSchedule } from './schedule.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { Queue } from './model.ts';

const T = Date.UTC(2026, 3, 1, 12, 0);
const scheduler = createScheduler(DEFAULT_SETTINGS);

function data(): BackupData {
	const s0 = newSchedule(T);
	const s1 = scheduler.grade('liver/bile', s0, 3, T + 1000).schedule;
	return {
		decks: [{ id: 'liver', title: 'Liver', description: '', origin: 'imported', source: { title: 'Notes', origin: '', passages: [{ id: 'p1', section: 'Bile', text: 'Bile flows to the gut.' }] }, fingerprint: 'abc', updatedAt: T }],
		cards: [{ id: 'bile', key: 'liver/bile', deckId: 'liver', kind: 'basic', question: 'Where does bile go?', answer: 'To the gut.', items: [], explanation: '', section: 'Bile', passage: 'p1', position: 0, retired: 0 }],
		states: [{ key: 'liver/bile', deckId: 'liver', queue: Queue.Learning, due: s1.due, position: 0, schedule: { ...s1 }, flag: 0, buriedDay: 0 }],
		reviews: [{ id: 'r-1', cardKey: 'liver/bile', deckId: 'liver', at: T + 1000, day: 1, rating: 3, stateBefore: 0, before: s0, after: s1, elapsedDays: 0, durationMs: 3000 }],
		settings: DEFAULT_SETTINGS
	};
}

const META = { createdAt: T, schemaVersion: 1, app: 'DocDeck test' };
const read = (text: string) => parseBackup(text, { schemaVersion: 1 });

/** A backup whose data was changed and whose checksum was recomputed: only the row checks can catch it. */
function tampered(change: (d: BackupData) => void): string {
	const d = data();
	change(d);
	return serializeBackup(d, META);
}

function problems(text: string): string[] {
	const r = read(text);
	if (r.ok) throw new Error('expected problems');
	return r.problems;
}

describe('backup file', () => {
	it('round-trips: what is written is read back whole', () => {
		const r = read(serializeBackup(data(), META));
		expect(r.ok).toBe(true);
		if (r.ok) {
			expect(r.backup.data).toEqual(data());
			expect(r.backup.counts).toEqual({ decks: 1, cards: 1, reviews: 1 });
			expect(r.backup.schemaVersion).toBe(1);
		}
	});

	it('keeps the question form of every review, select-all-that-apply included, and refuses one it does not know', () => {
		const selected = read(tampered((d) => (d.reviews[0]!.form = 'select')));
		expect(selected.ok && selected.backup.data.reviews[0]!.form).toBe('select');
		const bogus = tampered((d) => ((d.reviews[0] as { form?: string }).form = 'bogus'));
		expect(problems(bogus).join(' ')).toMatch(/form "bogus" is not a quiz form/);
	});

	it('says what is wrong with a file that is not a backup, cut short, damaged or too new', () => {
		const good = serializeBackup(data(), META);
		expect(problems('hello')[0]).toMatch(/^The file is not a DocDeck backup: it is not valid JSON/);
		expect(problems(good.slice(0, good.length - 40))[0]).toMatch(/not valid JSON/);
		expect(problems('{"format":"anki"}')).toEqual(['The file is not a DocDeck backup (it has no "format": "docdeck-backup").']);
		expect(problems(good.replace('Where does bile go?', 'Where does bile flow?'))).toEqual([
			'The backup is damaged: its checksum does not match its contents (was the file edited or cut short?).'
		]);
		expect(problems(good.replace('"version":1', '"version":2'))[0]).toMatch(/newer DocDeck \(backup format 2\)/);
		expect(read(good).ok).toBe(true);
		expect(problems(serializeBackup(data(), { ...META, schemaVersion: 5 }))[0]).toMatch(/newer DocDeck \(database version 5\)/);
	});

	it('names the row and the field of every broken reference or value', () => {
		expect(problems(tampered((d) => (d.reviews[0]!.rating = 7 as 1)))).toEqual(['reviews[0] (r-1): rating 7 is not a grade (1–4)']);
		expect(problems(tampered((d) => (d.reviews[0]!.cardKey = 'liver/gone')))).toEqual(['reviews[0] (r-1): its card "liver/gone" is not in the backup']);
		expect(problems(tampered((d) => d.reviews.push({ ...d.reviews[0]! })))).toEqual(['reviews: review id "r-1" appears twice']);
		expect(problems(tampered((d) => (d.states = [])))).toEqual(['cards: "liver/bile" has no scheduling state']);
		expect(problems(tampered((d) => (d.cards[0]!.deckId = 'kidney')))).toContain('cards[0] (liver/bile): its deck "kidney" is not in the backup');
		expect(problems(tampered((d) => (d.states[0]!.schedule.state = 9 as 0)))).toEqual(['states[0] (liver/bile).schedule.state: 9 is not an FSRS state (0–3)']);
		expect(problems(tampered((d) => (d.cards[0]!.question = '  ')))).toEqual(['cards[0] (liver/bile): empty question']);
		expect(problems(tampered((d) => (d.reviews = 'none' as unknown as BackupData['reviews'])))).toEqual(['data.reviews: missing (it must be a list)']);
	});

	it('stops listing after a dozen problems and says how many more', () => {
		const text = tampered((d) => {
			for (let i = 0; i < 30; i++) d.reviews.push({ ...d.reviews[0]!, id: `x${i}`, rating: 0 as 1 });
		});
		const list = problems(text);
		expect(list).toHaveLength(13);
		expect(list.at(-1)).toBe('… and 18 more problems.');
	});

	it('checksum tells apart texts that differ by one character', () => {
		expect(checksum('abc')).not.toBe(checksum('abd'));
		expect(checksum('abc')).toBe(checksum('abc'));
		expect(checksum('')).toMatch(/^[0-9a-f]{14}$/);
	});
});

describe('hostile or broken backups (fuzzing)', () => {
	const good = serializeBackup(data(), META);

	it('any damage to the text: no crash, a clear refusal or a whole backup', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.nat(good.length), fc.nat(4), fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 6 }), (edits) => {
				let text = good;
				for (const [at, del, ins] of edits) text = text.slice(0, at) + ins + text.slice(at + del);
				const r = read(text);
				if (r.ok) expect(r.backup.data.cards.length + r.backup.data.reviews.length).toBeGreaterThan(0);
				else expect(r.problems.length).toBeGreaterThan(0);
			}),
			{ numRuns: 400 }
		);
	});

	it('any value in any field, checksum and all: no crash, and only well-formed rows get through', () => {
		const tables = ['decks', 'cards', 'states', 'reviews'] as const;
		fc.assert(
			fc.property(fc.constantFrom(...tables), fc.string({ maxLength: 12 }), fc.anything({ maxDepth: 3 }), (table, field, value) => {
				const text = tampered((d) => {
					const row = d[table][0] as unknown as Record<string, unknown>;
					const keys = Object.keys(row);
					row[keys.includes(field) ? field : keys[field.length % keys.length]!] = value;
				});
				const r = read(text);
				if (r.ok) {
					const c = r.backup.data.cards[0]!;
					expect(typeof c.question).toBe('string');
					expect(Number.isFinite(r.backup.data.reviews[0]!.at)).toBe(true);
				} else {
					expect(r.problems[0]).toMatch(/\S/);
				}
			}),
			{ numRuns: 500 }
		);
	});

	it('deep nesting, huge strings and prototype keys are refused without harm', () => {
		const deep = '['.repeat(20_000) + ']'.repeat(20_000);
		expect(read(deep).ok).toBe(false);
		expect(read(tampered((d) => (d.cards[0]!.answer = 'x'.repeat(300_000)))).ok).toBe(false);
		const proto = read(tampered((d) => ((d.cards[0] as unknown as Record<string, unknown>)['__proto__'] = { polluted: true })));
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(proto.ok).toBe(true);
	});
});
