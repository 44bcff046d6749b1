// How a deck file's cards meet the cards already stored, by id. Pure: the storage layer applies
// the plan in one transaction. Review history hangs off the card id, so nothing here can reset it.

import type { CardContent } from './model.ts';

/** A card as stored: the deck file's content plus its place in the deck and whether it was retired. */
export interface StoredCard extends CardContent {
	/** `${deckId}/${id}`: unique across decks. */
	key: string;
	deckId: string;
	/** Order in the deck file; new cards are introduced in this order. */
	position: number;
	/** 1 when the card has left the deck file: kept with its reviews, no longer studied. */
	retired: 0 | 1;
	/**
	 * Identities of an imported card in the package it came from (Anki's note guid or note id with
	 * the template number), so importing the package again finds it wherever it now is.
	 */
	refs?: string[];
}

export function cardKey(deckId: string, id: string): string {
	return `${deckId}/${id}`;
}

export interface SyncPlan {
	/** Cards new to the deck: store them with a fresh schedule. */
	add: StoredCard[];
	/** Cards whose wording or place changed: store the content, keep the schedule and history. */
	update: StoredCard[];
	/** Cards that left the deck file: mark retired, keep everything. */
	retire: StoredCard[];
	/** Retired cards that are back in the deck file: study them again from their old schedule. */
	revive: StoredCard[];
	unchanged: number;
}

const FIELDS = ['kind', 'question', 'answer', 'explanation', 'section', 'passage', 'position'] as const;

const sameList = (a: readonly string[] = [], b: readonly string[] = []) => a.length === b.length && a.every((x, i) => x === b[i]);

function sameContent(a: StoredCard, b: StoredCard): boolean {
	return FIELDS.every((f) => a[f] === b[f]) && sameList(a.items, b.items) && sameList(a.accept, b.accept) && sameList(a.distractors, b.distractors);
}

export function toStored(deckId: string, cards: CardContent[]): StoredCard[] {
	return cards.map((c, position) => ({ ...c, key: cardKey(deckId, c.id), deckId, position, retired: 0 }));
}

/** Compares the stored cards of a deck with the deck file's cards. */
export function planSync(deckId: string, stored: StoredCard[], incoming: CardContent[]): SyncPlan {
	const plan: SyncPlan = { add: [], update: [], retire: [], revive: [], unchanged: 0 };
	const byKey = new Map(stored.map((c) => [c.key, c]));
	const present = new Set<string>();
	for (const next of toStored(deckId, incoming)) {
		present.add(next.key);
		const old = byKey.get(next.key);
		if (!old) plan.add.push(next);
		else if (old.retired) plan.revive.push(next);
		else if (!sameContent(old, next)) plan.update.push(next);
		else plan.unchanged++;
	}
	for (const old of stored) {
		if (!present.has(old.key) && !old.retired) plan.retire.push({ ...old, retired: 1 });
	}
	return plan;
}

/** A short, stable fingerprint of text (FNV-1a, 32 bit), to skip a sync when a deck is unchanged. */
export function fingerprint(...parts: string[]): string {
	let h = 0x811c9dc5;
	for (const part of parts) {
		for (let i = 0; i < part.length; i++) {
			h ^= part.charCodeAt(i);
			h = Math.imul(h, 0x01000193);
		}
		h ^= 0xff;
		h = Math.imul(h, 0x01000193);
	}
	return (h >>> 0).toString(16).padStart(8, '0');
}
