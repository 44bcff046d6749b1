// The database: the only module that declares tables. A released version() is never edited; a
// change is a new version below the last one, with an upgrade() when data must move and a test.

import Dexie, { type EntityTable } from 'dexie';
import type { CardRow, DeckRow, ReviewRow, StateRow } from '$lib/core/records';

export type { CardRow, DeckRow, ReviewRow, StateRow } from '$lib/core/records';

export interface MetaRow {
	key: string;
	value: unknown;
}

export class DocDeckDB extends Dexie {
	decks!: EntityTable<DeckRow, 'id'>;
	cards!: EntityTable<CardRow, 'key'>;
	states!: EntityTable<StateRow, 'key'>;
	reviews!: EntityTable<ReviewRow, 'id'>;
	meta!: EntityTable<MetaRow, 'key'>;

	constructor(name = 'docdeck') {
		super(name);
		// Version 1 (released with the study foundation). Never edit: add version(2) below.
		this.version(1).stores({
			decks: 'id',
			cards: 'key, [deckId+position]',
			states: 'key, [deckId+queue+due]',
			reviews: 'id, cardKey, [deckId+day+stateBefore]',
			meta: 'key'
		});
		// Version 2 (quiz forms): reviews that confused two cards are found through their own
		// index; rows without `confusedWith` are simply not in it, so no data moves.
		this.version(2).stores({
			reviews: 'id, cardKey, [deckId+day+stateBefore], confusedWith'
		});
	}
}

export const SCHEMA_VERSION = 2;

/** Dexie's lowest and highest keys, for open-ended ranges on compound indexes. */
export const MIN = -Infinity;
export const MAX = Infinity;
