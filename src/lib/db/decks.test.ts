import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocDeckDB } from './db';
import { DeckFileError, previewSync, retireMissingDecks, syncDeck } from './decks';
import { bundledUpToDate, getDeck, noteBundledSynced } from './deck-rows';
import { answerCard, deckCounts, loadQueue, suspendCard } from './study';
import { parseDeck } from '$lib/core/deck-file';
import { FsrsState, Queue, Rating, type RatingValue } from '$lib/core/model';
import { createScheduler, DAY, MINUTE } from '$lib/core/schedule';
import { DEFAULT_SETTINGS } from '$lib/core/settings';

const T0 = Date.UTC(2025, 3, 2, 10, 0);
const CLOCK = (now: number) => ({ now, utcOffsetMinutes: 0 });
const scheduler = createScheduler(DEFAULT_SETTINGS);

const SOURCE = ['---', 'title: Fluid notes', 'origin: Written for the tests.', '---', '', '# Fluids', '', '{#salt} The kidney keeps sodium when the circulation seems underfilled.'].join('\n');

type Spec = { id: string; q?: string };
function deckText(cards: Spec[], title = 'Fluid balance'): string {
	const body = cards.flatMap(({ id, q }) => ['', `## ${id}`, 'kind: basic', 'passage: salt', `Q: ${q ?? `Question about ${id}?`}`, `A: Answer about ${id}.`]);
	return ['---', 'id: fluids', `title: ${title}`, '---', '', '# Fluids', ...body].join('\n');
}
const parsed = (cards: Spec[], title?: string) =>
	parseDeck({ deckFile: 'cards/fluids/deck.md', deckText: deckText(cards, title), sourceFile: 'cards/fluids/source.md', sourceText: SOURCE });

const ABC: Spec[] = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

let db: DocDeckDB;
beforeEach(() => {
	db = new DocDeckDB('t-' + crypto.randomUUID());
});
afterEach(async () => {
	await db.delete();
});

async function answer(key: string, rating: RatingValue, now: number) {
	const state = await db.states.get(key);
	return answerCard(db, scheduler, {
		cardKey: key,
		rating,
		clock: CLOCK(now),
		dayStartHour: 4,
		durationMs: 3000,
		expectedReps: state!.schedule.reps,
		reviewId: crypto.randomUUID()
	});
}

async function snapshot() {
	const byKey = <T extends { key?: string; id?: string }>(rows: T[]) => rows.sort((x, y) => String(x.key ?? x.id).localeCompare(String(y.key ?? y.id)));
	return {
		decks: await db.decks.toArray(),
		cards: byKey(await db.cards.toArray()),
		states: byKey(await db.states.toArray()),
		reviews: byKey(await db.reviews.toArray())
	};
}

const queueKeys = async (now: number) => (await loadQueue(db, 'fluids', CLOCK(now), DEFAULT_SETTINGS, 50)).items.map((i) => i.card.key);

describe('syncDeck', () => {
	it('adds every card on the first sync, each new with a fresh schedule, in deck order', async () => {
		const report = await syncDeck(db, parsed(ABC), 'bundled', T0);
		expect(report).toEqual({ deckId: 'fluids', skipped: false, added: 3, updated: 0, retired: 0, revived: 0 });
		const cards = await db.cards.orderBy('key').toArray();
		expect(cards.map((c) => [c.key, c.position, c.retired, c.question])).toEqual([
			['fluids/a', 0, 0, 'Question about a?'],
			['fluids/b', 1, 0, 'Question about b?'],
			['fluids/c', 2, 0, 'Question about c?']
		]);
		const states = await db.states.orderBy('key').toArray();
		expect(states.map((s) => [s.queue, s.schedule.state, s.schedule.reps])).toEqual([
			[Queue.New, FsrsState.New, 0],
			[Queue.New, FsrsState.New, 0],
			[Queue.New, FsrsState.New, 0]
		]);
		const deck = await getDeck(db, 'fluids');
		expect(deck).toMatchObject({ id: 'fluids', title: 'Fluid balance', origin: 'bundled', updatedAt: T0 });
		expect(deck!.source.passages.map((p) => p.id)).toEqual(['salt']);
		expect(await queueKeys(T0)).toEqual(['fluids/a', 'fluids/b', 'fluids/c']);
	});

	it('skips a deck whose files are unchanged and writes nothing', async () => {
		await syncDeck(db, parsed(ABC), 'bundled', T0);
		const before = await snapshot();
		const report = await syncDeck(db, parsed(ABC), 'bundled', T0 + DAY);
		expect(report.skipped).toBe(true);
		expect(await snapshot()).toEqual(before);
	});

	it('a changed deck title alone is synced (not skipped) without touching any card', async () => {
		await syncDeck(db, parsed(ABC), 'bundled', T0);
		const before = await snapshot();
		const report = await syncDeck(db, parsed(ABC, 'Fluids and salt'), 'bundled', T0 + DAY);
		expect(report).toMatchObject({ skipped: false, added: 0, updated: 0, retired: 0, revived: 0 });
		expect((await getDeck(db, 'fluids'))!.title).toBe('Fluids and salt');
		const after = await snapshot();
		expect(after.cards).toEqual(before.cards);
		expect(after.states).toEqual(before.states);
	});

	it('editing a card’s wording keeps its schedule and its reviews, and stores the new wording', async () => {
		await syncDeck(db, parsed(ABC), 'bundled', T0);
		await answer('fluids/b', Rating.Good, T0 + MINUTE);
		await answer('fluids/b', Rating.Good, T0 + 12 * MINUTE);
		const before = await snapshot();
		expect(before.reviews).toHaveLength(2);

		const report = await syncDeck(db, parsed([{ id: 'a' }, { id: 'b', q: 'Why does the kidney hold on to sodium?' }, { id: 'c' }]), 'bundled', T0 + DAY);
		expect(report).toMatchObject({ added: 0, updated: 1, retired: 0, revived: 0 });

		const after = await snapshot();
		expect(after.states).toEqual(before.states);
		expect(after.reviews).toEqual(before.reviews);
		expect((await db.cards.get('fluids/b'))!.question).toBe('Why does the kidney hold on to sodium?');
		expect(after.cards).toHaveLength(3);
	});

	it('moving cards in the file changes the order new cards come in, not their schedules', async () => {
		await syncDeck(db, parsed(ABC), 'bundled', T0);
		await answer('fluids/a', Rating.Good, T0);
		const aBefore = await db.states.get('fluids/a');
		await syncDeck(db, parsed([{ id: 'c' }, { id: 'b' }, { id: 'a' }]), 'bundled', T0 + MINUTE);
		expect((await db.states.get('fluids/a'))!.schedule).toEqual(aBefore!.schedule);
		const fresh = (await loadQueue(db, 'fluids', CLOCK(T0 + 2 * MINUTE), DEFAULT_SETTINGS, 50)).items.filter((i) => i.state.queue === Queue.New);
		expect(fresh.map((i) => i.card.id)).toEqual(['c', 'b']);
	});

	it('removing a card retires it (kept with its reviews, no longer studied); putting it back revives its old schedule', async () => {
		await syncDeck(db, parsed(ABC), 'bundled', T0);
		await answer('fluids/b', Rating.Good, T0); // learning, due T0 + 10m
		const bBefore = (await db.states.get('fluids/b'))!;
		const reviewsBefore = await db.reviews.toArray();

		const gone = await syncDeck(db, parsed([{ id: 'a' }, { id: 'c' }]), 'bundled', T0 + MINUTE);
		expect(gone).toMatchObject({ added: 0, retired: 1, revived: 0 });
		const retired = (await db.states.get('fluids/b'))!;
		expect(retired.queue).toBe(Queue.Retired);
		expect(retired.schedule).toEqual(bBefore.schedule);
		expect((await db.cards.get('fluids/b'))!.retired).toBe(1);
		expect(await db.reviews.toArray()).toEqual(reviewsBefore);

		// Well past its learning step it would be first in the queue; retired, it is not there at all.
		expect(await queueKeys(T0 + 30 * MINUTE)).toEqual(['fluids/a', 'fluids/c']);
		const counts = await deckCounts(db, 'fluids', CLOCK(T0 + 30 * MINUTE), DEFAULT_SETTINGS);
		expect(counts).toMatchObject({ learning: 0, new: 2, total: 2 });

		const back = await syncDeck(db, parsed(ABC), 'bundled', T0 + 40 * MINUTE);
		expect(back).toMatchObject({ added: 0, retired: 0, revived: 1 });
		const revived = (await db.states.get('fluids/b'))!;
		expect(revived.queue).toBe(Queue.Learning);
		expect(revived.schedule).toEqual(bBefore.schedule);
		expect((await db.cards.get('fluids/b'))!.retired).toBe(0);
		expect(await queueKeys(T0 + 40 * MINUTE)).toEqual(['fluids/b', 'fluids/a', 'fluids/c']);
	});

	it('a suspended card that leaves the deck and comes back is still suspended', async () => {
		await syncDeck(db, parsed(ABC), 'bundled', T0);
		await suspendCard(db, 'fluids/b');
		await syncDeck(db, parsed([{ id: 'a' }, { id: 'c' }]), 'bundled', T0 + MINUTE);
		expect((await db.states.get('fluids/b'))!.queue).toBe(Queue.Retired);
		await syncDeck(db, parsed(ABC), 'bundled', T0 + 2 * MINUTE);
		const back = (await db.states.get('fluids/b'))!;
		expect(back.queue).toBe(Queue.Suspended);
		expect(back.retiredFrom).toBeUndefined();
		expect(await queueKeys(T0 + 3 * MINUTE)).toEqual(['fluids/a', 'fluids/c']);
	});

	it('a bundled deck no longer shipped is retired with its history, and comes back whole', async () => {
		await syncDeck(db, parsed(ABC), 'bundled', T0);
		await answer('fluids/a', Rating.Good, T0);
		const history = await db.reviews.toArray();
		expect(await retireMissingDecks(db, 'bundled', ['fluids'], T0)).toEqual([]);
		expect(await retireMissingDecks(db, 'bundled', ['other'], T0 + MINUTE)).toEqual(['fluids']);
		expect((await getDeck(db, 'fluids'))!.retired).toBe(1);
		expect((await db.states.toArray()).every((s) => s.queue === Queue.Retired)).toBe(true);
		expect(await queueKeys(T0 + 30 * MINUTE)).toEqual([]);
		expect(await db.reviews.toArray()).toEqual(history);

		const back = await syncDeck(db, parsed(ABC), 'bundled', T0 + 2 * MINUTE);
		expect(back).toMatchObject({ skipped: false, revived: 3 });
		expect((await getDeck(db, 'fluids'))!.retired).toBeUndefined();
		expect((await db.states.get('fluids/a'))!.queue).toBe(Queue.Learning);
	});

	it('start-up skips loading the bundled decks only while this build synced them and they are stored as synced', async () => {
		expect(await bundledUpToDate(db, 'build-1')).toBe(false); // a new device
		await syncDeck(db, parsed(ABC), 'bundled', T0);
		await noteBundledSynced(db, 'build-1', ['fluids']);
		expect(await bundledUpToDate(db, 'build-1')).toBe(true);
		expect(await bundledUpToDate(db, 'build-2')).toBe(false); // an update of the app
		// A restore that brought another edition of the deck: synced again at the next start.
		await db.decks.update('fluids', { fingerprint: 'older' });
		expect(await bundledUpToDate(db, 'build-1')).toBe(false);
		await syncDeck(db, parsed(ABC), 'bundled', T0 + MINUTE);
		await noteBundledSynced(db, 'build-1', ['fluids']);
		await retireMissingDecks(db, 'bundled', [], T0 + MINUTE);
		expect(await bundledUpToDate(db, 'build-1')).toBe(false); // retired meanwhile
		await db.decks.delete('fluids');
		expect(await bundledUpToDate(db, 'build-1')).toBe(false); // gone
	});

	it('a card whose row was lost but whose schedule survived comes back with that schedule', async () => {
		await syncDeck(db, parsed(ABC), 'bundled', T0);
		await answer('fluids/b', Rating.Good, T0);
		const schedule = (await db.states.get('fluids/b'))!.schedule;
		await db.cards.delete('fluids/b'); // damage: the content row is gone, the state is not
		await db.decks.update('fluids', { fingerprint: 'stale' });
		await syncDeck(db, parsed(ABC), 'bundled', T0 + MINUTE);
		expect((await db.states.get('fluids/b'))!.schedule).toEqual(schedule);
		expect(await db.cards.get('fluids/b')).toBeDefined();
	});

	it('never duplicates a card, whatever the sequence of syncs', async () => {
		const versions: Spec[][] = [ABC, [{ id: 'a', q: 'Edited?' }, { id: 'b' }, { id: 'c' }], [{ id: 'a' }, { id: 'c' }], ABC, [{ id: 'c' }, { id: 'a' }, { id: 'b' }], ABC];
		let t = T0;
		for (const v of versions) {
			await syncDeck(db, parsed(v), 'bundled', (t += MINUTE));
			const keys = (await db.cards.toArray()).map((c) => c.key);
			expect(keys.sort()).toEqual(['fluids/a', 'fluids/b', 'fluids/c']);
			expect(await db.states.count()).toBe(3);
		}
		expect(await db.decks.count()).toBe(1);
	});

	it('a deck file with problems throws DeckFileError and changes nothing', async () => {
		await syncDeck(db, parsed(ABC), 'bundled', T0);
		await answer('fluids/a', Rating.Good, T0);
		const before = await snapshot();
		const broken = parseDeck({
			deckFile: 'cards/fluids/deck.md',
			deckText: deckText([{ id: 'a' }]) + '\n\n## d\nkind: essay\npassage: salt\nQ: x\nA: y',
			sourceFile: 'cards/fluids/source.md',
			sourceText: SOURCE
		});
		expect(broken.problems.length).toBeGreaterThan(0);
		const error = await syncDeck(db, broken, 'bundled', T0 + DAY).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DeckFileError);
		expect((error as Error).message).toContain('cards/fluids/deck.md line');
		expect(await snapshot()).toEqual(before);
	});

	it('keeps two decks apart', async () => {
		await syncDeck(db, parsed(ABC), 'bundled', T0);
		const other = parseDeck({
			deckFile: 'cards/salt/deck.md',
			deckText: deckText([{ id: 'a' }]).replace('id: fluids', 'id: salt'),
			sourceFile: 'cards/salt/source.md',
			sourceText: SOURCE
		});
		await syncDeck(db, other, 'imported', T0);
		expect(await db.cards.count()).toBe(4);
		expect(await queueKeys(T0)).toEqual(['fluids/a', 'fluids/b', 'fluids/c']);
		// Removing every card but one from fluids does not retire the other deck's card with the same id.
		await syncDeck(db, parsed([{ id: 'b' }]), 'bundled', T0 + MINUTE);
		expect((await db.states.get('salt/a'))!.queue).toBe(Queue.New);
		expect((await db.states.get('fluids/a'))!.queue).toBe(Queue.Retired);
	});
});

describe('decks of different origins', () => {
	it('an imported deck can never overwrite a built-in one (and nothing changes)', async () => {
		await syncDeck(db, parsed(ABC), 'bundled', T0);
		const before = await snapshot();
		await expect(syncDeck(db, parsed([{ id: 'x' }]), 'imported', T0 + MINUTE)).rejects.toThrow(/already belongs to a built-in deck/);
		expect(await snapshot()).toEqual(before);
	});

	it('the built-in deck stored as "imported" (left by an old restore) is taken back with its reviews', async () => {
		await syncDeck(db, parsed(ABC), 'bundled', T0);
		await answer('fluids/a', Rating.Good, T0 + MINUTE);
		await db.decks.update('fluids', { origin: 'imported' });
		const report = await syncDeck(db, parsed([...ABC, { id: 'd' }]), 'bundled', T0 + DAY);
		expect(report).toMatchObject({ skipped: false, added: 1 });
		expect((await db.decks.get('fluids'))!.origin).toBe('bundled');
		expect(await db.reviews.where('cardKey').equals('fluids/a').count()).toBe(1);
		expect((await db.states.get('fluids/a'))!.schedule.reps).toBe(1);
	});

	it('a learner\'s own imported deck under a built-in deck\'s id is never taken over', async () => {
		await syncDeck(db, parsed([{ id: 'mine' }, { id: 'a' }]), 'imported', T0);
		const before = await snapshot();
		await expect(syncDeck(db, parsed(ABC), 'bundled', T0 + 2 * DAY)).rejects.toThrow(/already belongs to an imported deck/);
		expect(await snapshot()).toEqual(before);
	});

	it('previewSync tells what an import would do, and does nothing', async () => {
		await syncDeck(db, parsed(ABC), 'imported', T0);
		const before = await snapshot();
		const p = await previewSync(db, parsed([{ id: 'a', q: 'New wording?' }, { id: 'b' }, { id: 'd' }]));
		expect(p).toMatchObject({ added: 1, updated: 1, retired: 1, revived: 0, unchanged: 1 });
		expect(p.existing?.origin).toBe('imported');
		expect(await snapshot()).toEqual(before);
	});
});
