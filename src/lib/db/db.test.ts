import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { checksum } from '$lib/core/hash';
import { canonical } from '$lib/core/merge';
import { DocDeckDB, SCHEMA_VERSION, type CardRow, type DeckRow, type ReviewRow, type StateRow } from './db';
import { cardReviews } from './browse';
import { doneOnDay, loadQueue } from './study';
import { FsrsState, Queue, Rating, type Schedule } from '$lib/core/model';
import { studyDay } from '$lib/core/queue';
import { DEFAULT_SETTINGS } from '$lib/core/settings';
import { DAY, MINUTE } from '$lib/core/schedule';

// Rows as a version-1 install would have written them.
const T = Date.UTC(2025, 1, 3, 8, 0);
const DAY_NO = studyDay(T, 4, 0);

const deck: DeckRow = {
	id: 'liver',
	title: 'Liver',
	description: 'Made-up test deck.',
	origin: 'bundled',
	source: { title: 'Liver notes', origin: 'tests', passages: [{ id: 'bile', section: 'Bile', text: 'Bile leaves the liver through the ducts.' }] },
	fingerprint: '0badf00d',
	updatedAt: T
};
const card: CardRow = {
	id: 'bile-route',
	key: 'liver/bile-route',
	deckId: 'liver',
	kind: 'basic',
	question: 'How does bile leave the liver?',
	answer: 'Through the bile ducts.',
	items: [],
	explanation: '',
	section: 'Bile',
	passage: 'bile',
	position: 0,
	retired: 0
};
const s0: Schedule = { due: T, stability: 0, difficulty: 0, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, state: FsrsState.New, lastReview: null };
const s1: Schedule = { ...s0, due: T + MINUTE, stability: 0.2, difficulty: 6.4, reps: 1, state: FsrsState.Learning, lastReview: T };
const s2: Schedule = { ...s1, due: T + 3 * DAY, stability: 2.3, difficulty: 5.3, reps: 2, scheduledDays: 3, learningSteps: 0, state: FsrsState.Review, lastReview: T + 2 * MINUTE };
const state: StateRow = { key: card.key, deckId: 'liver', queue: Queue.Review, due: s2.due, position: 0, schedule: s2, flag: 1, buriedDay: 0 };
const reviews: ReviewRow[] = [
	{ id: '6f1c2d0e-1111-4a2b-8c3d-000000000001', cardKey: card.key, deckId: 'liver', at: T, day: DAY_NO, rating: Rating.Again, stateBefore: FsrsState.New, before: s0, after: s1, elapsedDays: 0, durationMs: 4200 },
	{ id: '6f1c2d0e-1111-4a2b-8c3d-000000000002', cardKey: card.key, deckId: 'liver', at: T + 2 * MINUTE, day: DAY_NO, rating: Rating.Good, stateBefore: FsrsState.Learning, before: s1, after: s2, elapsedDays: 0, durationMs: 3100 }
];

function request<T>(r: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		r.onsuccess = () => resolve(r.result);
		r.onerror = () => reject(r.error);
	});
}

/** Creates the version-1 database with plain IndexedDB calls, the way Dexie lays it out (version × 10). */
async function createVersion1(name: string): Promise<void> {
	const open = indexedDB.open(name, 10);
	open.onupgradeneeded = () => {
		const idb = open.result;
		idb.createObjectStore('decks', { keyPath: 'id' });
		idb.createObjectStore('cards', { keyPath: 'key' }).createIndex('[deckId+position]', ['deckId', 'position']);
		idb.createObjectStore('states', { keyPath: 'key' }).createIndex('[deckId+queue+due]', ['deckId', 'queue', 'due']);
		const r = idb.createObjectStore('reviews', { keyPath: 'id' });
		r.createIndex('cardKey', 'cardKey');
		r.createIndex('[deckId+day+stateBefore]', ['deckId', 'day', 'stateBefore']);
		idb.createObjectStore('meta', { keyPath: 'key' });
	};
	const idb = await request(open);
	const tx = idb.transaction(['decks', 'cards', 'states', 'reviews'], 'readwrite');
	tx.objectStore('decks').put(deck);
	tx.objectStore('cards').put(card);
	tx.objectStore('states').put(state);
	for (const r of reviews) tx.objectStore('reviews').put(r);
	await new Promise<void>((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error);
	});
	idb.close();
}

let db: DocDeckDB | undefined;
afterEach(async () => {
	await db?.delete();
	db = undefined;
});

// One fixture per released schema version, written the way that version laid the database out.
// When version 2 comes, add createVersion2 and run the same checks on both.
describe('schema', () => {
	it('upgrades a database written at version 1 to the current version with every row intact', async () => {
		const name = 't-' + crypto.randomUUID();
		await createVersion1(name);
		db = new DocDeckDB(name);
		await db.open();
		expect(db.verno).toBe(SCHEMA_VERSION);
		expect(SCHEMA_VERSION).toBe(4);
		// Version 2's index exists and answers: no review of version 1 confused two cards.
		expect(db.reviews.schema.idxByName['confusedWith']).toBeDefined();
		expect(await db.reviews.where('confusedWith').above('').count()).toBe(0);

		expect(await db.decks.toArray()).toEqual([deck]);
		expect(await db.cards.toArray()).toEqual([card]);
		expect(await db.states.toArray()).toEqual([state]);
		// Nothing lost: the count and the checksum of the review log are those of the fixture.
		expect(await db.reviews.count()).toBe(reviews.length);
		const logSum = (rows: ReviewRow[]) => checksum(rows.map(canonical).sort().join('\n'));
		expect(logSum(await db.reviews.toArray())).toBe(logSum(reviews));
		expect(await db.reviews.orderBy('id').toArray()).toEqual(reviews);

		// The old indexes still answer the app's queries.
		expect((await cardReviews(db, card.key)).map((r) => r.id)).toEqual([reviews[1]!.id, reviews[0]!.id]);
		expect(await doneOnDay(db, 'liver', DAY_NO)).toEqual({ newCards: 1, reviews: 0 });
		const q = await loadQueue(db, 'liver', { now: s2.due, utcOffsetMinutes: 0 }, DEFAULT_SETTINGS);
		expect(q.items.map((i) => i.card.key)).toEqual([card.key]);
		expect(q.counts.review).toBe(1);
	});

	it('after the upgrade, a confusion is written and found through the new index', async () => {
		const name = 't-' + crypto.randomUUID();
		await createVersion1(name);
		db = new DocDeckDB(name);
		await db.reviews.add({ ...reviews[0]!, id: 'later', form: 'choice', proposed: 1, chosen: 'Bilirubin', confusedWith: 'liver/other' });
		expect((await db.reviews.where('confusedWith').equals('liver/other').toArray()).map((r) => r.id)).toEqual(['later']);
		expect(await db.reviews.count()).toBe(3);
	});

	it('a fresh database has its seven tables', async () => {
		db = new DocDeckDB('t-' + crypto.randomUUID());
		await db.open();
		expect(db.tables.map((t) => t.name).sort()).toEqual(['cards', 'decks', 'media', 'meta', 'outbox', 'reviews', 'states']);
	});

	it('version 2 → 3: cards imported from Anki before get their package identity; tags and media can be stored', async () => {
		const name = 't-' + crypto.randomUUID();
		await createVersion1(name);
		// A version-2 database with a card from the first Anki importer.
		const v2 = new Dexie(name);
		v2.version(1).stores({ decks: 'id', cards: 'key, [deckId+position]', states: 'key, [deckId+queue+due]', reviews: 'id, cardKey, [deckId+day+stateBefore]', meta: 'key' });
		v2.version(2).stores({ reviews: 'id, cardKey, [deckId+day+stateBefore], confusedWith' });
		const ankiCard: CardRow = { ...card, id: 'a1612345678901-1', key: 'anki-renal/a1612345678901-1', deckId: 'anki-renal', format: 'html' };
		await v2.table('cards').add(ankiCard);
		v2.close();
		db = new DocDeckDB(name);
		await db.open();
		expect(await db.cards.get(ankiCard.key)).toEqual({ ...ankiCard, refs: ['anki:n:1612345678901/1'] });
		// Other cards are as they were.
		expect(await db.cards.get(card.key)).toEqual(card);
		expect(await db.cards.where('refs').equals('anki:n:1612345678901/1').primaryKeys()).toEqual([ankiCard.key]);
		await db.cards.put({ ...card, tags: ['Liver::Bile', 'HY'] });
		expect(await db.cards.where('tags').startsWith('Liver').primaryKeys()).toEqual([card.key]);
		await db.media.put({ deckId: 'anki-renal', name: 'kidney.png', type: 'image/png', bytes: new Uint8Array([137, 80]) });
		expect((await db.media.get(['anki-renal', 'kidney.png']))?.bytes).toEqual(new Uint8Array([137, 80]));
		expect(await reviewsIntact(db)).toBe(true);
	});
});

async function reviewsIntact(d: DocDeckDB): Promise<boolean> {
	return canonical(await d.reviews.orderBy('id').toArray()) === canonical(reviews);
}
