import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseBackup, serializeBackup, type BackupData } from './backup.ts';
import { checksum } from './hash.ts';
import { createScheduler, newSchedule } from './schedule.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { Queue } from './model.ts';
import { studyDay } from './queue.ts';

const T = Date.UTC(2026, 3, 1, 12, 0);
const scheduler = createScheduler(DEFAULT_SETTINGS);

function data(): BackupData {
	const s0 = newSchedule(T);
	const s1 = scheduler.grade('liver/bile', s0, 3, T + 1000).schedule;
	return {
		decks: [{ id: 'liver', title: 'Liver', description: '', origin: 'imported', source: { title: 'Notes', origin: '', passages: [{ id: 'p1', section: 'Bile', text: 'Bile flows to the gut.' }] }, fingerprint: 'abc', updatedAt: T }],
		cards: [{ id: 'bile', key: 'liver/bile', deckId: 'liver', kind: 'basic', question: 'Where does bile go?', answer: 'To the gut.', items: [], explanation: '', section: 'Bile', passage: 'p1', position: 0, retired: 0 }],
		states: [{ key: 'liver/bile', deckId: 'liver', queue: Queue.Learning, due: s1.due, position: 0, schedule: { ...s1 }, flag: 0, buriedDay: 0 }],
		reviews: [{ id: 'r-1', cardKey: 'liver/bile', deckId: 'liver', at: T + 1000, day: studyDay(T + 1000, 4, 0), rating: 3, stateBefore: 0, before: s0, after: s1, elapsedDays: 0, durationMs: 3000 }],
		settings: DEFAULT_SETTINGS
	};
}

const META = { createdAt: T, schemaVersion: 1, app: 'DocDeck test' };
const NOW = T + 2 * 86_400_000;
const read = (text: string, bundledDeckIds: string[] = []) => parseBackup(text, { schemaVersion: 1, now: NOW, bundledDeckIds });

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
		expect(problems(good.replace('"version":2', '"version":3'))[0]).toMatch(/newer DocDeck \(backup format 3\)/);
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

describe('values out of range, inconsistent rows and headers', () => {
	const refusedWith = (change: (d: BackupData) => void, pattern: RegExp) => expect(problems(tampered(change)).join(' | ')).toMatch(pattern);

	it('refuses absurd times, schedules and durations, naming the row and the field', () => {
		refusedWith((d) => (d.reviews[0]!.at = 1e300), /^reviews\[0\] \(r-1\)\.at: 1e\+300 is in the future/);
		refusedWith((d) => (d.reviews[0]!.at = 12), /^reviews\[0\] \(r-1\)\.at: 12 is before 1990/);
		refusedWith((d) => (d.reviews[0]!.at = NOW + 400 * 86_400_000), /\.at: 2027-\d\d-\d\d is in the future \(today is 2026-04-03\): was that device's clock wrong\?/);
		refusedWith((d) => (d.reviews[0]!.after.stability = 1e300), /^reviews\[0\] \(r-1\)\.after\.stability: 1e\+300 is not between 0\.001 and 36500/);
		refusedWith((d) => (d.states[0]!.schedule.difficulty = -2), /^states\[0\] \(liver\/bile\)\.schedule\.difficulty: -2 is not between 1 and 10/);
		refusedWith((d) => (d.states[0]!.schedule.due = d.states[0]!.schedule.lastReview! + 200 * 365 * 86_400_000), /schedule\.due: .* not within the longest interval after its last review/);
		refusedWith((d) => (d.states[0]!.schedule.lastReview = null), /schedule\.lastReview: a studied card must have a last review/);
		refusedWith((d) => (d.states[0]!.schedule.lapses = 5), /schedule\.lapses: 5 is more than its 1 repetitions/);
		refusedWith((d) => (d.reviews[0]!.durationMs = 86_400_000), /\.durationMs: 86400000 is not between 0 and 60000 ms/);
		refusedWith((d) => (d.reviews[0]!.day = 3), /\.day: 3 is not the study day of its time/);
		refusedWith((d) => (d.reviews[0]!.elapsedDays = 0.5), /\.elapsedDays: 0\.5 is not a whole number/);
		refusedWith((d) => (d.states[0]!.buriedDay = -1), /\.buriedDay: -1 is not between 0 and 200000/);
		refusedWith((d) => (d.decks[0]!.updatedAt = 9e15), /^decks\[0\] \(liver\)\.updatedAt: 9000000000000000 is in the future/);
	});

	it('refuses a row that contradicts itself or its card', () => {
		refusedWith((d) => (d.states[0]!.queue = Queue.Review), /queue 2 does not match its schedule's state 1/);
		refusedWith((d) => (d.states[0]!.due = 5), /due 5 does not match its schedule/);
		refusedWith((d) => (d.states[0]!.position = 3), /position 3 differs from its card's \(0\)/);
		refusedWith((d) => (d.reviews[0]!.stateBefore = 2), /stateBefore 2 differs from its schedule before \(0\)/);
		refusedWith((d) => (d.cards[0]!.passage = 'p9'), /its passage "p9" is not in its deck's source/);
	});

	it('a JSON number too large to hold (1e999 reads as Infinity) is refused', () => {
		const text = tampered(() => {}).replace(/"at":\d+/, '"at":1e999');
		// The checksum no longer matches either way; with it recomputed the row check catches it.
		const doc = JSON.parse(text) as { data: BackupData };
		expect(doc.data.reviews[0]!.at).toBe(Infinity);
		expect(problems(serializeBackup(doc.data as BackupData, META)).join(' ')).toMatch(/\.at: null is not a time|\.at: .* is not a time/);
	});

	it('refuses settings a scheduler cannot use', () => {
		refusedWith((d) => (d.settings = { ...DEFAULT_SETTINGS, desiredRetention: 5 }), /^data\.settings\.desiredRetention: Desired retention must be between 0\.70 and 0\.99\./);
		refusedWith((d) => (d.settings = { ...DEFAULT_SETTINGS, learningSteps: ['soon'] }), /^data\.settings\.learningSteps:/);
		refusedWith((d) => (d.settings = 'fast'), /^data\.settings: must be an object or null/);
		expect(read(tampered((d) => (d.settings = null))).ok).toBe(true);
	});

	it('a deck posing as imported under a built-in deck\'s id is refused', () => {
		const text = tampered((d) => {
			d.decks[0]!.id = 'nephrotic-syndrome';
			d.cards[0]!.deckId = d.states[0]!.deckId = d.reviews[0]!.deckId = 'nephrotic-syndrome';
			d.cards[0]!.key = d.states[0]!.key = d.reviews[0]!.cardKey = 'nephrotic-syndrome/bile';
		});
		expect(read(text).ok).toBe(true);
		const r = read(text, ['nephrotic-syndrome']);
		expect(r.ok ? [] : r.problems[0]).toBe('decks[0] (nephrotic-syndrome): is marked imported, but "nephrotic-syndrome" is the id of a deck built into DocDeck');
	});

	it('the header is covered by the checksum: faked counts or dates are told as damage', () => {
		const good = serializeBackup(data(), META);
		expect(read(good).ok).toBe(true);
		for (const fake of [good.replace('"reviews":1}', '"reviews":99999}'), good.replace(`"createdAt":${T}`, `"createdAt":${T - 1000}`), good.replace('"app":"DocDeck test"', '"app":"Other"')]) {
			expect(fake).not.toBe(good);
			expect(problems(fake)).toEqual(['The backup is damaged: its checksum does not match its contents (was the file edited or cut short?).']);
		}
	});

	it('an older (format 1) file, whose checksum covers only its data, must still have counts that match', () => {
		const d = data();
		const body = JSON.stringify(d);
		const v1 = (reviews: number) => JSON.stringify({ format: 'docdeck-backup', version: 1, schemaVersion: 1, app: 'DocDeck', createdAt: T, counts: { decks: 1, cards: 1, reviews }, checksum: checksum(body) }).slice(0, -1) + `,"data":${body}}`;
		expect(read(v1(1)).ok).toBe(true);
		expect(problems(v1(99999))).toEqual(["The backup's header says 99999 reviews, but it holds 1."]);
	});

	it('property: any out-of-range number in any numeric field of a schedule, state or review is refused and named', () => {
		const bad = fc.oneof(fc.constant(1e300), fc.constant(-1), fc.constant(-1e300), fc.constant(Number.MAX_SAFE_INTEGER), fc.constant(0.5), fc.double({ min: 1e16, max: 1e300, noNaN: true }));
		const places = [
			['states', 'schedule', 'due'],
			['states', 'schedule', 'stability'],
			['states', 'schedule', 'difficulty'],
			['states', 'schedule', 'elapsedDays'],
			['states', 'schedule', 'scheduledDays'],
			['states', 'schedule', 'reps'],
			['states', 'schedule', 'lapses'],
			['states', 'schedule', 'lastReview'],
			['reviews', 'before', 'due'],
			['reviews', 'after', 'stability'],
			['reviews', 'after', 'lastReview'],
			['reviews', null, 'at'],
			['reviews', null, 'day'],
			['reviews', null, 'elapsedDays'],
			['reviews', null, 'durationMs'],
			['states', null, 'buriedDay'],
			['decks', null, 'updatedAt']
		] as const;
		fc.assert(
			fc.property(fc.constantFrom(...places), bad, ([table, inner, field], value) => {
				const text = tampered((d) => {
					const row = d[table][0] as unknown as Record<string, Record<string, unknown>>;
					const target = inner ? row[inner]! : (row as unknown as Record<string, unknown>);
					target[field] = value;
				});
				const r = read(text);
				// A fraction is a fair value where fractions are allowed: only the other fields must refuse it.
				const fractional: readonly string[] = inner ? ['stability', 'elapsedDays', 'scheduledDays'] : ['durationMs'];
				const inRange = value === 0.5 && fractional.includes(field);
				if (inRange) return;
				expect(r.ok).toBe(false);
				if (!r.ok) expect(r.problems.join(' ')).toContain(field);
			}),
			{ numRuns: 300 }
		);
	});

	it('property: real histories written by the scheduler always pass', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 90 * 86_400_000 })), { minLength: 1, maxLength: 25 }), (answers) => {
				const d = data();
				let sched = newSchedule(T);
				let at = T;
				d.reviews = [];
				for (const [i, [rating, gap]] of answers.entries()) {
					at += gap;
					const before = sched;
					const g = scheduler.grade('liver/bile', sched, rating as 1, at);
					sched = g.schedule;
					d.reviews.push({ id: `r-${i}`, cardKey: 'liver/bile', deckId: 'liver', at, day: studyDay(at, 4, 60), rating: rating as 1, stateBefore: before.state, before, after: sched, elapsedDays: g.elapsedDays, durationMs: 4000 });
				}
				d.states[0] = { ...d.states[0]!, schedule: sched, queue: sched.state === 2 ? Queue.Review : Queue.Learning, due: sched.due };
				const r = parseBackup(serializeBackup(d, META), { schemaVersion: 1, now: at, bundledDeckIds: [] });
				expect(r.ok ? [] : r.problems).toEqual([]);
			}),
			{ numRuns: 80 }
		);
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
