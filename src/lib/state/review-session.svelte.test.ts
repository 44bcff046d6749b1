// The study session as the screen drives it, on fake-indexeddb with a clock the test moves.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocDeckDB } from '$lib/db/db';
import { syncDeck } from '$lib/db/decks';
import { parseDeck } from '$lib/core/deck-file';
import { DEFAULT_SETTINGS, type StudySettings } from '$lib/core/settings';
import { ReviewSession } from './review-session.svelte';

const DECK = `---
id: demo
title: Demo
---

# Basics

## one
kind: basic
passage: p1
Q: Which organ filters the blood to make urine?
A: The kidney.

## two
kind: cloze
passage: p1
Cloze: The filtering unit of the kidney is the {{nephron}}.

## three
kind: list
passage: p2
Q: Name two plasma proteins that prevent clotting.
A:
- Antithrombin
- Protein C
`;

const SOURCE = `---
title: Demo source
---

# Basics

{#p1} The kidney filters blood through about a million nephrons.

{#p2} Antithrombin and protein C keep clotting in check.
`;

let db: DocDeckDB;
let now: number;
let ids = 0;

function session(settings: Partial<StudySettings> = {}) {
	return new ReviewSession('demo', {
		db,
		settings: () => ({ ...DEFAULT_SETTINGS, fuzz: false, quizMode: 'flip' as const, ...settings }),
		clock: () => ({ now, utcOffsetMinutes: 0 }),
		newId: () => `review-${++ids}`
	});
}

beforeEach(async () => {
	db = new DocDeckDB(`session-${crypto.randomUUID()}`);
	now = Date.UTC(2026, 4, 10, 9, 0);
	await syncDeck(db, parseDeck({ deckFile: 'deck.md', deckText: DECK, sourceFile: 'source.md', sourceText: SOURCE }), 'bundled', now);
});

afterEach(async () => {
	await db.delete();
});

describe('ReviewSession', () => {
	it('shows new cards in deck order with their source passage once revealed', async () => {
		const s = session();
		await s.start();
		expect(s.phase).toBe('question');
		expect(s.counts).toEqual({ new: 3, learning: 0, review: 0 });
		expect(s.current?.card.id).toBe('one');
		expect(s.passage?.text).toContain('million nephrons');
		s.reveal();
		expect(s.phase).toBe('answer');
		expect(s.outcomes?.[1].intervalMs).toBe(60_000);
		expect(s.outcomes?.[3].intervalMs).toBe(10 * 60_000);
	});

	it('grading is ignored until the answer is shown, then moves to the next card', async () => {
		const s = session();
		await s.start();
		await s.answer(3);
		expect(await db.reviews.count()).toBe(0);
		s.reveal();
		now += 4_000;
		await s.answer(3);
		expect(s.current?.card.id).toBe('two');
		expect(s.counts).toEqual({ new: 2, learning: 0, review: 0 });
		const [row] = await db.reviews.toArray();
		expect(row).toMatchObject({ id: 'review-1', cardKey: 'demo/one', rating: 3, durationMs: 4_000, stateBefore: 0 });
	});

	it('undo brings the card back as it was and removes its review', async () => {
		const s = session();
		await s.start();
		s.reveal();
		await s.answer(1);
		expect(s.canUndo).toBe(true);
		await s.undo();
		expect(s.current?.card.id).toBe('one');
		expect(s.phase).toBe('question');
		expect(s.canUndo).toBe(false);
		expect(await db.reviews.count()).toBe(0);
		const state = await db.states.get('demo/one');
		expect(state?.schedule.reps).toBe(0);
		expect(state?.queue).toBe(0);
	});

	it('undo shows the undone card again even when another card is due first', async () => {
		const s = session();
		await s.start();
		s.reveal();
		await s.answer(1); // "one" → learning, due in 1 minute
		now += 30_000;
		expect(s.current?.card.id).toBe('two');
		s.reveal();
		await s.answer(3);
		now += 2 * 60_000; // "one" is due again and would come first
		await s.undo();
		expect(s.current?.card.id).toBe('two');
		expect(s.phase).toBe('question');
		expect(s.notice).toMatch(/undone/);
		expect(await db.reviews.count()).toBe(1);
	});

	it('undo takes back a bury or a suspend, and the card comes back', async () => {
		const s = session();
		await s.start();
		await s.suspend();
		expect(s.current?.card.id).toBe('two');
		await s.bury();
		expect(s.current?.card.id).toBe('three');
		await s.undo();
		expect(s.current?.card.id).toBe('two');
		expect((await db.states.get('demo/two'))?.queue).toBe(0);
		await s.undo();
		expect(s.current?.card.id).toBe('one');
		expect((await db.states.get('demo/one'))?.queue).toBe(0);
		expect(s.canUndo).toBe(false);
	});

	it('an answer to a card that moved on elsewhere writes nothing and shows what is due', async () => {
		const s = session();
		await s.start();
		s.reveal();
		const other = session();
		await other.start();
		other.reveal();
		await other.answer(3); // another tab answers the same card first
		await expect(s.answer(4)).rejects.toThrow(/already answered elsewhere/);
		expect(await db.reviews.count()).toBe(1);
		expect(s.current?.card.id).toBe('two');
		expect(s.busy).toBe(false);
	});

	it('a card answered Again returns after its step; the end of the queue says when', async () => {
		const s = session({ newPerDay: 1 });
		await s.start();
		s.reveal();
		await s.answer(3);
		// The only card left is learning, due in 10 minutes: shown early (learn-ahead, 20 minutes).
		expect(s.current?.card.id).toBe('one');
		s.reveal();
		await s.answer(3);
		expect(s.phase).toBe('done');
		// New cards wait for the next study day, which starts at 04:00 UTC here.
		expect(s.nextAt).toBe(Date.UTC(2026, 4, 11, 4, 0));
	});

	it('bury hides the card until the next study day; suspend until restored', async () => {
		const s = session();
		await s.start();
		await s.bury();
		expect(s.current?.card.id).toBe('two');
		await s.suspend();
		expect(s.current?.card.id).toBe('three');
		expect(s.counts.new).toBe(1);

		now = Date.UTC(2026, 4, 11, 5, 0);
		const tomorrow = session();
		await tomorrow.start();
		expect(tomorrow.current?.card.id).toBe('one');
		expect(tomorrow.counts.new).toBe(2);
	});

	it('flagging marks the card without moving on', async () => {
		const s = session();
		await s.start();
		await s.toggleFlag();
		expect(s.current?.card.id).toBe('one');
		expect(s.current?.state.flag).toBe(1);
		expect((await db.states.get('demo/one'))?.flag).toBe(1);
	});

	it('a deck that is not stored reports missing', async () => {
		const s = new ReviewSession('nope', { db, settings: () => DEFAULT_SETTINGS, clock: () => ({ now, utcOffsetMinutes: 0 }), newId: () => 'x' });
		await s.start();
		expect(s.phase).toBe('missing');
	});
});
