// The study session as the screen drives it, on fake-indexeddb with a clock the test moves.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

/**
 * A queue read that is slow to come back: while `held`, every read's result (taken at once, from
 * the database as it then is) waits until `release()`. The session's fast path must not wait for it.
 */
const slowWrites = vi.hoisted(() => ({ held: null as Promise<void> | null, fail: null as Error | null }));
/** While set, reading a card's confusions (part of asking it in its form) waits for it. */
const slowForms = vi.hoisted(() => ({ held: null as Promise<void> | null }));
const slowReads = vi.hoisted(() => {
	const gate = { held: false, reads: 0, waiting: [] as (() => void)[] };
	return {
		gate,
		release() {
			gate.held = false;
			for (const go of gate.waiting.splice(0)) go();
		}
	};
});
vi.mock('$lib/db/study', async (original) => {
	const m = await original<typeof import('$lib/db/study')>();
	return {
		...m,
		// An answer's write that commits only once `slowWrites.held` resolves, or fails with `fail`
		// (as a full disk would), writing nothing.
		answerCard: async (...args: Parameters<typeof m.answerCard>) => {
			if (slowWrites.held) await slowWrites.held;
			if (slowWrites.fail) throw slowWrites.fail;
			return m.answerCard(...args);
		},
		cardConfusions: async (...args: Parameters<typeof m.cardConfusions>) => {
			if (slowForms.held) await slowForms.held;
			return m.cardConfusions(...args);
		},
		loadQueue: async (...args: Parameters<typeof m.loadQueue>) => {
			slowReads.gate.reads++;
			const view = await m.loadQueue(...args);
			if (slowReads.gate.held) await new Promise<void>((go) => slowReads.gate.waiting.push(go));
			return view;
		}
	};
});

/** Resolves with `promise`, or with 'still waiting' after a second. */
const within = <T>(promise: Promise<T>) => Promise.race([promise.then(() => 'done' as const), new Promise<'still waiting'>((r) => setTimeout(() => r('still waiting'), 1000))]);

/** Lets background reads finish, as the seconds a learner spends on a card would. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

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
	slowReads.release();
	slowWrites.held = null;
	slowWrites.fail = null;
	slowForms.held = null;
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

	it('answers in a row, each next card prepared ahead: every answer saved once, no card twice', async () => {
		const s = session({ quizMode: 'mixed' });
		await s.start();
		const seen: string[] = [];
		for (let i = 0; i < 3; i++) {
			await settle(); // the learner reads the card while the next one is prepared
			seen.push(s.current!.card.id);
			expect(s.quiz?.card.key).toBe(s.current?.card.key);
			if (s.quiz?.form === 'flip') s.reveal();
			else s.quiz?.giveUp();
			await s.answer(3);
			// The answer is committed by the time the next card is shown.
			expect(await db.reviews.count()).toBe(i + 1);
			expect(s.quiz?.card.key).toBe(s.current?.card.key);
		}
		expect(seen).toEqual(['one', 'two', 'three']);
		await settle();
		// The queue read behind the learner's back: counts as stored, no answered card again.
		expect(s.counts.new).toBe(0);
		expect(new Set((await db.reviews.toArray()).map((r) => r.cardKey)).size).toBe(3);
	});

	it('the card prepared ahead shows the moment the answer commits, without waiting for any queue read', async () => {
		const s = session({ quizMode: 'mixed' });
		await s.start();
		await settle(); // the next card is prepared while the learner reads this one
		slowReads.gate.held = true; // from now on every queue read is slow to come back
		s.reveal();
		expect(await within(s.answer(3))).toBe('done');
		expect(s.current?.card.id).toBe('two');
		expect(s.phase).toBe('question');
		expect(s.quiz?.card.key).toBe('demo/two');
		expect(await db.reviews.count()).toBe(1);
		// Again with settings built afresh on every read (as the app's settings object may be): still at once.
		await settle();
		s.reveal();
		expect(await within(s.answer(3))).toBe('done');
		expect(s.current?.card.id).toBe('three');
	});

	it('the next card is painted while the answer commits; "Saved" and the count wait for the commit', async () => {
		const s = session();
		await s.start();
		await settle();
		let commit!: () => void;
		slowWrites.held = new Promise<void>((go) => (commit = go));
		s.reveal();
		const answering = s.answer(3);
		await Promise.resolve();
		// Painted at once, before anything is stored; not yet acknowledged.
		expect(s.current?.card.id).toBe('two');
		expect(s.phase).toBe('question');
		expect(s.notice).not.toMatch(/^Saved/);
		expect(s.answeredThisSession).toBe(0);
		// A grade on the next card given meanwhile waits for the first write, then is saved after it.
		s.reveal();
		const second = s.answer(4);
		// So does an undo pressed meanwhile: it takes back what is stored, the latest answer.
		commit();
		await answering;
		expect(s.notice).toBe('Saved: Good (1 this session).');
		await second;
		expect(s.notice).toBe('Saved: Easy (2 this session).');
		expect((await db.reviews.toArray()).map((r) => [r.cardKey, r.rating]).sort()).toEqual([
			['demo/one', 3],
			['demo/two', 4]
		]);
		expect(s.current?.card.id).toBe('three');
	});

	it('an answer whose write fails brings its card back, unacknowledged, and nothing is stored', async () => {
		const s = session();
		await s.start();
		await settle();
		slowWrites.fail = Object.assign(new Error('The device is out of space.'), { name: 'QuotaExceededError' });
		s.reveal();
		await expect(s.answer(3)).rejects.toThrow(/out of space/);
		expect(s.current?.card.id).toBe('one');
		expect(s.phase).toBe('question');
		expect(s.answeredThisSession).toBe(0);
		expect(s.notice).not.toMatch(/^Saved/);
		expect(await db.reviews.count()).toBe(0);
		expect(s.counts.new).toBe(3);
		// Once the write can be made again, the same card is answered and saved once.
		slowWrites.fail = null;
		await settle();
		s.reveal();
		await s.answer(3);
		expect(await db.reviews.count()).toBe(1);
		expect(s.current?.card.id).toBe('two');
	});

	it('"Show answer" pressed before the card\'s form is known shows it once the form is there (flip)', async () => {
		let go!: () => void;
		slowForms.held = new Promise<void>((r) => (go = r));
		const s = session();
		const starting = s.start();
		while (!s.current) await new Promise((r) => setTimeout(r, 5));
		expect(s.quiz).toBeNull();
		s.reveal(); // the key comes while the form is still being read
		expect(s.phase).toBe('question');
		go();
		await starting;
		expect(s.phase).toBe('answer');
		expect(s.outcomes).not.toBeNull();
	});

	it('a quick key never reveals a typed card before its form is known', async () => {
		let go!: () => void;
		slowForms.held = new Promise<void>((r) => (go = r));
		const s = session({ quizMode: 'typed' });
		const starting = s.start();
		while (!s.current) await new Promise((r) => setTimeout(r, 5));
		s.reveal();
		go();
		await starting;
		expect(s.quiz?.form).toBe('typed');
		expect(s.phase).toBe('question');
	});

	it('an undo pressed while an answer is still being written takes back that answer', async () => {
		const s = session();
		await s.start();
		await settle();
		let commit!: () => void;
		slowWrites.held = new Promise<void>((go) => (commit = go));
		s.reveal();
		const answering = s.answer(3);
		await Promise.resolve();
		const undoing = s.undo();
		commit();
		await answering;
		await undoing;
		expect(await db.reviews.count()).toBe(0);
		expect(s.current?.card.id).toBe('one');
		expect(s.notice).toBe('Answer undone: the card is back.');
	});

	it('faster than the queue is read behind: a read begun before an answer never brings that card back', async () => {
		const s = session();
		await s.start();
		await settle();
		slowReads.gate.held = true;
		s.reveal();
		await s.answer(3); // "one" saved, "two" shown at once; the rest of the queue is read behind (held)
		await settle(); // "three" prepared ahead
		s.reveal();
		await s.answer(3); // "two" answered while that read is still out
		expect(s.current?.card.id).toBe('three');
		expect(s.counts).toEqual({ new: 1, learning: 0, review: 0 });
		expect(slowReads.gate.waiting.length).toBeGreaterThan(0); // a read taken before "two" was answered is still out
		// The reads come back one by one, the first taken when "two" was still due: "two" must not
		// come back, nor the stale counts, at any moment.
		while (slowReads.gate.waiting.length) {
			slowReads.gate.waiting.shift()!();
			await settle();
			expect(s.current?.card.id).toBe('three');
			expect(s.items.map((i) => i.card.id)).toEqual(['three']);
			expect(s.counts.new).toBe(1);
		}
		slowReads.release();
		await settle();
		expect(s.items.map((i) => i.card.id)).toEqual(['three']);
		s.reveal();
		await s.answer(3);
		expect(await db.reviews.count()).toBe(3);
		expect(new Set((await db.reviews.toArray()).map((r) => r.cardKey)).size).toBe(3);
	});

	it('answering faster than the queue is read behind: each card once, in order, every answer saved', async () => {
		const s = session();
		await s.start();
		await settle();
		s.reveal();
		await s.answer(3); // "one" saved; "two" shown at once; the queue is read behind
		s.reveal();
		await s.answer(3); // "two" answered while that read is still out
		await settle();
		expect(s.current?.card.id).toBe('three');
		expect(s.items.map((i) => i.card.id)).not.toContain('two');
		s.reveal();
		await s.answer(3);
		expect(await db.reviews.count()).toBe(3);
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
		expect(s.quiz?.card.id).toBe('two'); // asked as itself, not as the card due first
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

describe('ReviewSession quizzes', () => {
	// A deck where multiple choice has siblings to draw from.
	const TERMS = `---
id: terms
title: Terms
---

# Clotting

${['Antithrombin III', 'Protein S', 'Fibrinogen', 'Plasminogen', 'Factor VIII']
	.map((t, i) => `## t${i}\nkind: basic\npassage: p1\nQ: Which clotting protein is number ${i + 1} on the handout?\nA: ${t}.\n`)
	.join('\n')}
## chain
kind: steps
passage: p1
Q: Put the cascade in order.
A:
1. First step
2. Second step
3. Third step
`;

	async function quizSession(mode: 'choice' | 'typed' | 'mixed') {
		await syncDeck(db, parseDeck({ deckFile: 'deck.md', deckText: TERMS, sourceFile: 'source.md', sourceText: SOURCE }), 'bundled', now);
		return new ReviewSession('terms', {
			db,
			settings: () => ({ ...DEFAULT_SETTINGS, fuzz: false, quizMode: mode }),
			clock: () => ({ now, utcOffsetMinutes: 0 }),
			newId: () => `review-${++ids}`
		});
	}

	it('typed: a right answer proposes Good, is recorded with its form and proposal', async () => {
		const s = await quizSession('typed');
		await s.start();
		expect(s.quiz?.form).toBe('typed');
		s.quiz!.type('antithrombin 3');
		now += 5_000;
		s.quiz!.checkTyped();
		expect(s.phase).toBe('answer');
		expect(s.quiz!.result?.verdict).toBe('right');
		expect(s.proposed).toBe(3);
		await s.answer(3);
		expect((await db.reviews.toArray())[0]).toMatchObject({ form: 'typed', proposed: 3, rating: 3 });
	});

	it("typed: a hint makes a right answer Hard; \"I don't know\" proposes Again", async () => {
		const s = await quizSession('typed');
		await s.start();
		s.quiz!.showHint();
		s.quiz!.type('Antithrombin III');
		s.quiz!.checkTyped();
		expect(s.proposed).toBe(2);
		await s.answer(4); // the learner may choose another grade
		expect((await db.reviews.toArray())[0]).toMatchObject({ proposed: 2, rating: 4 });
		s.quiz!.giveUp();
		expect(s.proposed).toBe(1);
	});

	it("multiple choice: picking a sibling's answer records the confusion, and twice makes it often", async () => {
		const s = await quizSession('choice');
		await s.start();
		const q = s.quiz!;
		expect(q.form).toBe('choice');
		const wrong = q.choice!.options.findIndex((o) => !o.correct);
		const from = q.choice!.options[wrong]!.fromCard!;
		q.choose(wrong);
		expect(s.proposed).toBe(1);
		await s.answer(1);
		const row = (await db.reviews.toArray())[0];
		expect(row).toMatchObject({ form: 'choice', proposed: 1, rating: 1, confusedWith: from, chosen: q.choice!.options[wrong]!.text });
		// Same card again later (Again → 1 minute), confused again.
		now += 2 * 60_000;
		await s.reload();
		expect(s.current?.card.id).toBe('t0');
		expect(s.confusions).toEqual([expect.objectContaining({ other: from, count: 1 })]);
		const options = s.quiz!.choice!.options;
		const same = options.findIndex((o) => o.fromCard === from);
		const pick = same >= 0 ? same : options.findIndex((o) => !o.correct);
		s.quiz!.choose(pick);
		await s.answer(1);
		now += 2 * 60_000;
		await s.reload();
		expect(s.current?.card.id).toBe('t0');
		const counts = Object.fromEntries(s.confusions.map((c) => [c.other, c.count]));
		if (same >= 0) expect(counts).toEqual({ [from]: 2 });
		else expect(counts).toEqual({ [from]: 1, [options[pick]!.fromCard!]: 1 });
	});

	it('ordering: steps come shuffled; put right, the result proposes Good', async () => {
		const s = await quizSession('typed');
		await s.start();
		// Skip to the chain card.
		for (let i = 0; i < 5; i++) {
			s.quiz!.giveUp();
			await s.bury();
		}
		expect(s.current?.card.id).toBe('chain');
		const q = s.quiz!;
		expect(q.form).toBe('order');
		expect(q.order).not.toEqual([0, 1, 2]);
		while (q.order.join() !== '0,1,2') {
			const pos = q.order.findIndex((v, i) => v !== i);
			q.move(q.order.indexOf(pos), pos);
		}
		q.checkOrder();
		expect(s.proposed).toBe(3);
	});
});
