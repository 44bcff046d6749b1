// Decks: syncing a parsed deck file into the tables, and reading decks back.

import { newSchedule } from '$lib/core/schedule';
import { fingerprint, planSync, type SyncPlan } from '$lib/core/sync';
import { Queue, queueOf, queueKey } from '$lib/core/model';
import type { ParsedDeck } from '$lib/core/deck-file';
import { MAX, MIN, type CardRow, type DeckRow, type DocDeckDB, type StateRow } from './db';

/** Bump when the way a deck is stored changes, so every deck is synced again once. */
const SYNC_FORMAT = '1';

export interface SyncReport {
	deckId: string;
	/** True when the deck file was unchanged since the last sync and nothing was read or written. */
	skipped: boolean;
	added: number;
	updated: number;
	retired: number;
	revived: number;
}

export class DeckFileError extends Error {
	override name = 'DeckFileError';
}

function freshState(card: CardRow, now: number): StateRow {
	const schedule = newSchedule(now);
	return { key: card.key, deckId: card.deckId, queue: Queue.New, due: queueKey(schedule, card.position), position: card.position, schedule, flag: 0, buriedDay: 0 };
}

/**
 * Brings a deck's stored cards in line with its deck file, by card id, in one transaction: new
 * cards are added, edited cards keep their schedule and history, removed cards are retired (kept,
 * no longer studied), returning cards are revived. A deck file with problems changes nothing.
 */
export async function syncDeck(db: DocDeckDB, parsed: ParsedDeck, origin: DeckRow['origin'], now: number): Promise<SyncReport> {
	const deckId = parsed.deck.id;
	if (parsed.problems.length) {
		const first = parsed.problems[0]!;
		throw new DeckFileError(`The deck "${parsed.deck.title || deckId}" has ${parsed.problems.length} problem(s) and was not updated; the first: ${first.file} line ${first.line}: ${first.message}`);
	}
	const print = fingerprint(SYNC_FORMAT, origin, JSON.stringify(parsed.deck), JSON.stringify(parsed.source), JSON.stringify(parsed.cards));
	return db.transaction('rw', db.decks, db.cards, db.states, async () => {
		const existing = await db.decks.get(deckId);
		const stored = await db.cards.where('[deckId+position]').between([deckId, MIN], [deckId, MAX]).toArray();
		if (existing && existing.origin !== origin && !mislabelledBuiltIn(existing, origin, stored, parsed)) {
			throw new DeckFileError(`The deck id "${deckId}" already belongs to ${existing.origin === 'bundled' ? 'a built-in' : 'an imported'} deck ("${existing.title}"); nothing was changed. Choose another deck name.`);
		}
		const report: SyncReport = { deckId, skipped: false, added: 0, updated: 0, retired: 0, revived: 0 };
		if (existing?.fingerprint === print && existing.origin === origin && !existing.retired) return { ...report, skipped: true };
		const plan = planSync(deckId, stored, parsed.cards);
		await applyPlan(db, plan, now);
		await db.decks.put({ ...parsed.deck, origin, source: parsed.source, fingerprint: print, updatedAt: now }); // (clears `retired`)
		return { ...report, added: plan.add.length, updated: plan.update.length, retired: plan.retire.length, revived: plan.revive.length };
	});
}

/**
 * The built-in deck stored as "imported" (as an older restore could leave it): every stored card is
 * one of the built-in deck's own. The built-in deck takes its rows back, reviews and all, rather
 * than failing at every start. An imported deck of the learner's own is never taken over.
 */
function mislabelledBuiltIn(existing: DeckRow, origin: DeckRow['origin'], stored: CardRow[], parsed: ParsedDeck): boolean {
	if (origin !== 'bundled' || existing.origin !== 'imported' || stored.length === 0) return false;
	const ids = new Set(parsed.cards.map((c) => c.id));
	return stored.every((c) => ids.has(c.id) || c.retired === 1);
}

async function applyPlan(db: DocDeckDB, plan: SyncPlan, now: number): Promise<void> {
	const touched = [...plan.add, ...plan.update, ...plan.retire, ...plan.revive];
	if (touched.length === 0) return;
	await db.cards.bulkPut(touched);
	// States of added cards exist only if card rows were lost; a deck with no states at all (a first
	// import) skips looking them up one by one: 35 000 reads for nothing.
	const deckId = touched[0]!.deckId;
	const anyState = (await db.states.where('[deckId+queue+due]').between([deckId, MIN, MIN], [deckId, MAX, MAX]).limit(1).primaryKeys()).length > 0;
	const keys = (anyState ? touched : [...plan.update, ...plan.retire, ...plan.revive]).map((c) => c.key);
	const states = new Map((await db.states.bulkGet(keys)).filter((s): s is StateRow => !!s).map((s) => [s.key, s]));
	const writes: StateRow[] = [];
	for (const card of plan.add) {
		// A state can only exist here if the card row was lost; never overwrite a schedule.
		if (!states.has(card.key)) writes.push(freshState(card, now));
	}
	for (const card of plan.update) {
		const s = states.get(card.key);
		if (!s) writes.push(freshState(card, now));
		else if (s.position !== card.position) writes.push({ ...s, position: card.position, due: queueKey(s.schedule, card.position) });
	}
	for (const card of plan.retire) {
		const s = states.get(card.key);
		if (s) writes.push({ ...s, queue: Queue.Retired, retiredFrom: s.queue });
	}
	for (const card of plan.revive) {
		const s = states.get(card.key);
		if (!s) {
			writes.push(freshState(card, now));
			continue;
		}
		const { retiredFrom, ...rest } = s;
		const queue = retiredFrom === Queue.Suspended ? Queue.Suspended : queueOf(s.schedule.state);
		writes.push({ ...rest, position: card.position, queue, due: queueKey(s.schedule, card.position) });
	}
	await db.states.bulkPut(writes);
}

/**
 * Retires the decks of an origin that are no longer present (a bundled deck dropped or renamed
 * in a new version of the app): the deck is hidden and its cards retired, with every review kept.
 * Syncing the deck again brings it back with its history.
 */
export async function retireMissingDecks(db: DocDeckDB, origin: DeckRow['origin'], present: string[], now: number): Promise<string[]> {
	const keep = new Set(present);
	return db.transaction('rw', db.decks, db.cards, db.states, async () => {
		const gone = (await db.decks.toArray()).filter((d) => d.origin === origin && !d.retired && !keep.has(d.id));
		for (const deck of gone) {
			const stored = await db.cards.where('[deckId+position]').between([deck.id, MIN], [deck.id, MAX]).toArray();
			await applyPlan(db, planSync(deck.id, stored, []), now);
			await db.decks.put({ ...deck, retired: 1 });
		}
		return gone.map((d) => d.id);
	});
}

export interface SyncPreview {
	existing: DeckRow | undefined;
	added: number;
	updated: number;
	retired: number;
	revived: number;
	unchanged: number;
	/** The cards behind the counts, for a learner to decide about (a new edition of a document). */
	plan: SyncPlan;
	stored: CardRow[];
}

/** What syncing a deck file would do, without doing it. */
export async function previewSync(db: DocDeckDB, parsed: ParsedDeck): Promise<SyncPreview> {
	const deckId = parsed.deck.id;
	return db.transaction('r', db.decks, db.cards, async () => {
		const existing = await db.decks.get(deckId);
		const stored = await db.cards.where('[deckId+position]').between([deckId, MIN], [deckId, MAX]).toArray();
		const plan = planSync(deckId, stored, parsed.cards);
		return { existing, added: plan.add.length, updated: plan.update.length, retired: plan.retire.length, revived: plan.revive.length, unchanged: plan.unchanged, plan, stored };
	});
}
