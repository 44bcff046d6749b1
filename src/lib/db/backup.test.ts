import { afterEach, describe, expect, it } from 'vitest';
import { DocDeckDB, SCHEMA_VERSION } from './db';
import { syncDeck } from './decks';
import { answerCard, suspendCard } from './study';
import { saveSettings } from './settings';
import { cardsCsv, checkDatabase, exportData, mergeBackup, repairCards, restoreBackup, reviewLogCsv, reviewsNotIn, StaleBackupError } from './backup';
import { backupOverdue, noteBackupMade, noteInstalled } from './reminders';
import { parseBackup, serializeBackup, type Backup } from '$lib/core/backup';
import { parseDeck } from '$lib/core/deck-file';
import { canonical } from '$lib/core/merge';
import { numericCardId } from '$lib/core/hash';
import { createScheduler, DAY, MINUTE } from '$lib/core/schedule';
import { DEFAULT_SETTINGS } from '$lib/core/settings';
import type { RatingValue } from '$lib/core/model';

const T = Date.UTC(2026, 2, 3, 9, 0);
const scheduler = createScheduler(DEFAULT_SETTINGS);
const SOURCE = ['---', 'title: Notes', '---', '', '# Salt', '', '{#na} Low sodium in the blood is called hyponatraemia.'].join('\n');
const DECK = (n: number) =>
	['---', 'id: salt', 'title: Salt', '---', '', '# Salt', ...Array.from({ length: n }, (_, i) => ['', `## s${i}`, 'kind: basic', 'passage: na', `Q: Sodium question ${i}?`, `A: Answer ${i}.`]).flat()].join('\n');

const dbs: DocDeckDB[] = [];
async function freshDb(cards = 4): Promise<DocDeckDB> {
	const db = new DocDeckDB('t-' + crypto.randomUUID());
	dbs.push(db);
	await syncDeck(db, parseDeck({ deckFile: 'deck.md', deckText: DECK(cards), sourceFile: 'source.md', sourceText: SOURCE }), 'bundled', T);
	return db;
}
afterEach(async () => {
	for (const db of dbs.splice(0)) await db.delete();
});

async function answer(db: DocDeckDB, key: string, rating: RatingValue, at: number, id: string = crypto.randomUUID()) {
	const s = await db.states.get(key);
	return answerCard(db, scheduler, { cardKey: key, rating, clock: { now: at, utcOffsetMinutes: 0 }, dayStartHour: 4, durationMs: 2000, expectedReps: s!.schedule.reps, reviewId: id });
}

async function backupOf(db: DocDeckDB, at = T + DAY): Promise<Backup> {
	const text = serializeBackup(await exportData(db), { createdAt: at, schemaVersion: SCHEMA_VERSION, app: 'DocDeck test' });
	const parsed = parseBackup(text, { schemaVersion: SCHEMA_VERSION, now: at, bundledDeckIds: [] });
	if (!parsed.ok) throw new Error(parsed.problems.join('; '));
	return parsed.backup;
}

/** Runs `work` with IndexedDB refusing every write after the first `allowed` (a full disk). */
async function withFullDisk(allowed: number, work: () => Promise<unknown>): Promise<number> {
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
		await work();
	} finally {
		proto.add = original.add;
		proto.put = original.put;
	}
	return writes;
}

async function snapshot(db: DocDeckDB) {
	const sortBy = <T>(rows: T[]) => rows.map(canonical).sort();
	return { decks: sortBy(await db.decks.toArray()), cards: sortBy(await db.cards.toArray()), states: sortBy(await db.states.toArray()), reviews: sortBy(await db.reviews.toArray()), settings: await db.meta.get('studySettings') };
}

describe('backup and restore', () => {
	it('a backup restored on a fresh device gives back every deck, card, schedule, review and setting', async () => {
		const a = await freshDb();
		await answer(a, 'salt/s0', 3, T);
		await answer(a, 'salt/s1', 1, T + MINUTE);
		await suspendCard(a, 'salt/s2');
		await saveSettings(a, { ...DEFAULT_SETTINGS, newPerDay: 7 });
		const backup = await backupOf(a);
		expect(backup.counts).toEqual({ decks: 1, cards: 4, reviews: 2 });

		const b = new DocDeckDB('t-' + crypto.randomUUID());
		dbs.push(b);
		await restoreBackup(b, backup, await reviewsNotIn(b, backup));
		expect(await snapshot(b)).toEqual(await snapshot(a));
	});

	it('restore replaces this device\'s data, and says beforehand how many reviews that would lose', async () => {
		const a = await freshDb();
		await answer(a, 'salt/s0', 3, T);
		const backup = await backupOf(a);
		const b = await freshDb(2);
		await answer(b, 'salt/s1', 3, T + 5 * MINUTE);
		await answer(b, 'salt/s0', 4, T + 6 * MINUTE);
		const warned = await reviewsNotIn(b, backup);
		expect(warned.ids).toHaveLength(2);
		await restoreBackup(b, backup, warned);
		expect(await snapshot(b)).toEqual(await snapshot(a));
	});

	it('a device that changed after the warning (an answer in another tab) is not replaced, and the new loss is told', async () => {
		const a = await freshDb();
		await answer(a, 'salt/s0', 3, T);
		const backup = await backupOf(a);
		const b = await freshDb(4);
		await answer(b, 'salt/s1', 3, T + 5 * MINUTE);
		const warned = await reviewsNotIn(b, backup);
		expect(warned.ids).toHaveLength(1);
		// Three more answers, as from another tab, after the learner read "1 review would be lost".
		for (const k of ['salt/s1', 'salt/s2', 'salt/s3']) await answer(b, k, 3, T + 20 * MINUTE);
		const before = await snapshot(b);
		const refused = await restoreBackup(b, backup, warned).then(
			() => null,
			(e: unknown) => e
		);
		expect(refused).toBeInstanceOf(StaleBackupError);
		expect((refused as StaleBackupError).loss.ids).toHaveLength(4);
		expect((refused as StaleBackupError).message).toMatch(/would now lose 4 reviews/);
		expect(await snapshot(b)).toEqual(before);
		// Told again, the learner can go ahead with the loss they now know.
		await restoreBackup(b, backup, (refused as StaleBackupError).loss);
		expect(await snapshot(b)).toEqual(await snapshot(a));
	});

	it('a restore that fails half-way (storage full) leaves the database exactly as it was', async () => {
		const a = await freshDb(30);
		for (let i = 0; i < 30; i++) await answer(a, `salt/s${i}`, 3, T + i * MINUTE);
		const backup = await backupOf(a);
		const b = await freshDb(3);
		await answer(b, 'salt/s0', 1, T);
		const before = await snapshot(b);

		const writes = await withFullDisk(40, async () => {
			await expect(restoreBackup(b, backup, await reviewsNotIn(b, backup))).rejects.toThrow(/quota/);
			await expect(mergeBackup(b, backup, scheduler)).rejects.toThrow(/quota/);
		});
		expect(writes).toBeGreaterThan(40);
		expect(await snapshot(b)).toEqual(before);
	});

	it('an import (a deck file, a CSV) that fills the disk half-way leaves the database as it was', async () => {
		const db = await freshDb(3);
		await answer(db, 'salt/s0', 3, T);
		const before = await snapshot(db);
		const bigger = parseDeck({ deckFile: 'deck.md', deckText: DECK(200), sourceFile: 'source.md', sourceText: SOURCE });
		await withFullDisk(50, () => expect(syncDeck(db, bigger, 'bundled', T + DAY)).rejects.toThrow(/quota/));
		expect(await snapshot(db)).toEqual(before);
	});
});

describe('merging a backup from another device', () => {
	it('unites the review logs and replays the cards both devices studied; twice is the same as once', async () => {
		const a = await freshDb();
		const b = await freshDb();
		await answer(a, 'salt/s0', 3, T);
		await answer(b, 'salt/s0', 1, T + 2 * MINUTE);
		await answer(b, 'salt/s1', 3, T + 3 * MINUTE);
		await answer(a, 'salt/s0', 3, T + 2 * DAY);

		const report = await mergeBackup(b, await backupOf(a), scheduler);
		expect(report).toMatchObject({ reviewsAdded: 2, cardsAdded: 0, decksAdded: 0 });
		expect(await b.reviews.count()).toBe(4);
		// s0's schedule is the replay of its three answers in time order.
		const s0 = (await b.states.get('salt/s0'))!;
		expect(s0.schedule.reps).toBe(3);
		expect(s0.schedule.lastReview).toBe(T + 2 * DAY);
		expect((await checkDatabase(b, scheduler)).mismatches).toEqual([]);

		const again = await mergeBackup(b, await backupOf(a), scheduler);
		expect(again).toMatchObject({ reviewsAdded: 0, cardsRescheduled: 0 });

		// And the other way round gives the same histories and schedules.
		await mergeBackup(a, await backupOf(b), scheduler);
		const [sa, sb] = [await snapshot(a), await snapshot(b)];
		expect(sa.reviews).toEqual(sb.reviews);
		expect(sa.states).toEqual(sb.states);
	});

	it('refuses a backup whose review ids clash with different answers here, and writes nothing', async () => {
		const a = await freshDb();
		const b = await freshDb();
		await answer(a, 'salt/s0', 3, T, 'same-id');
		await answer(b, 'salt/s1', 1, T, 'same-id');
		const before = await snapshot(b);
		await expect(mergeBackup(b, await backupOf(a), scheduler)).rejects.toThrow(/same id as a different review/);
		expect(await snapshot(b)).toEqual(before);
	});
});

describe('check database', () => {
	it('finds a card whose stored schedule is not what its reviews give, and repair rebuilds it', async () => {
		const db = await freshDb();
		await answer(db, 'salt/s0', 3, T);
		await answer(db, 'salt/s0', 3, T + 11 * MINUTE);
		await answer(db, 'salt/s1', 1, T);
		expect(await checkDatabase(db, scheduler)).toMatchObject({ cards: 4, reviews: 3, mismatches: [], orphanReviews: 0, stateless: [] });

		const s0 = (await db.states.get('salt/s0'))!;
		await db.states.put({ ...s0, schedule: { ...s0.schedule, reps: 9, stability: 99 } });
		const s3 = (await db.states.get('salt/s3'))!;
		await db.states.put({ ...s3, schedule: { ...s3.schedule, reps: 2 } });
		const report = await checkDatabase(db, scheduler);
		expect(report.mismatches.map((m) => m.key)).toEqual(['salt/s0', 'salt/s3']);
		expect(report.mismatches[0]!.differences).toContain('reps: 9 → 2');
		expect(report.mismatches[0]!.question).toBe('Sodium question 0?');

		expect(await repairCards(db, scheduler, ['salt/s0'])).toBe(1);
		expect((await db.states.get('salt/s0'))!.schedule).toEqual(s0.schedule);
		expect((await checkDatabase(db, scheduler)).mismatches.map((m) => m.key)).toEqual(['salt/s3']);
	});

	it('a review log no schedule can come from (left by an older version) is reported, and the check still runs', async () => {
		const db = await freshDb();
		await answer(db, 'salt/s0', 3, T);
		await answer(db, 'salt/s1', 3, T);
		const row = (await db.reviews.where('cardKey').equals('salt/s0').first())!;
		await db.reviews.put({ ...row, id: 'absurd', at: 1e300 });
		const s1 = (await db.states.get('salt/s1'))!;
		await db.states.put({ ...s1, schedule: { ...s1.schedule, reps: 7 } });
		const report = await checkDatabase(db, scheduler);
		expect(report.unreplayable).toEqual([{ key: 'salt/s0', question: 'Sodium question 0?', reason: expect.stringMatching(/not a valid time|cannot be graded|not a number/) as string }]);
		expect(report.mismatches.map((m) => m.key)).toEqual(['salt/s1']);
		expect(await repairCards(db, scheduler, ['salt/s0', 'salt/s1'])).toBe(1);
		expect((await checkDatabase(db, scheduler)).mismatches).toEqual([]);
	});
});

describe('exports', () => {
	it('the review log CSV has the FSRS optimizer\'s columns, one row per answer in time order', async () => {
		const db = await freshDb();
		await answer(db, 'salt/s1', 1, T + MINUTE, 'r2');
		await answer(db, 'salt/s0', 3, T, 'r1');
		const lines = (await reviewLogCsv(db)).trim().split('\r\n');
		expect(lines[0]).toBe('card_id,review_time,review_rating,review_state,review_duration,review_id,deck_id,card_key');
		const [s0, s1] = [numericCardId('salt/s0'), numericCardId('salt/s1')];
		expect(lines.slice(1)).toEqual([`${s0},${T},3,0,2000,r1,salt,salt/s0`, `${s1},${T + MINUTE},1,0,2000,r2,salt,salt/s1`]);
		// A whole number an optimizer reads as is, the same in every export, and one per card.
		expect(Number.isSafeInteger(s0)).toBe(true);
		expect(s0).not.toBe(s1);
		expect(numericCardId('salt/s0')).toBe(s0);
	});

	it('the cards CSV has each card with its schedule', async () => {
		const db = await freshDb(2);
		await answer(db, 'salt/s0', 4, T);
		const lines = (await cardsCsv(db)).trim().split('\r\n');
		expect(lines).toHaveLength(3);
		expect(lines[1]).toMatch(/^salt,s0,basic,Salt,Sodium question 0\?,Answer 0\.,,na,review,2026-/);
		expect(lines[2]).toMatch(/^salt,s1,basic,Salt,Sodium question 1\?,Answer 1\.,,na,new,,/);
	});
});

describe('backup reminder', () => {
	it('is due only with reviews to lose and no backup for the given days', async () => {
		const db = await freshDb();
		await noteInstalled(db, T);
		expect((await backupOverdue(db, T + 30 * DAY, 14)).overdue).toBe(false); // nothing to lose yet
		await answer(db, 'salt/s0', 3, T);
		expect((await backupOverdue(db, T + 13 * DAY, 14)).overdue).toBe(false);
		expect((await backupOverdue(db, T + 15 * DAY, 14)).overdue).toBe(true);
		await noteBackupMade(db, T + 15 * DAY);
		expect(await backupOverdue(db, T + 16 * DAY, 14)).toEqual({ overdue: false, lastBackupAt: T + 15 * DAY });
	});
});

