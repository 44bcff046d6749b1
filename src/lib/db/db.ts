// The database: the only module that declares tables. A released version() is never edited; a
// change is a new version below the last one, with an upgrade() when data must move and a test.

import Dexie, { type EntityTable } from 'dexie';
import type { CardRow, DeckRow, ReviewRow, StateRow } from '$lib/core/records';

export type { CardRow, DeckRow, ReviewRow, StateRow } from '$lib/core/records';

export interface MetaRow {
	key: string;
	value: unknown;
}

/** A media file an imported deck's cards show or play (an image, a sound), kept by deck and name. */
export interface MediaRow {
	deckId: string;
	/** The file name the cards refer to ("kidney.png"). */
	name: string;
	/** Its type ("image/png"), from its name. */
	type: string;
	bytes: Uint8Array;
}

/** A review to send to the sync server (`put`: answered here) or to remove there (`delete`: undone here). */
export interface OutboxRow {
	/** The review's id. */
	id: string;
	op: 'put' | 'delete';
}

export class DocDeckDB extends Dexie {
	decks!: EntityTable<DeckRow, 'id'>;
	cards!: EntityTable<CardRow, 'key'>;
	states!: EntityTable<StateRow, 'key'>;
	reviews!: EntityTable<ReviewRow, 'id'>;
	meta!: EntityTable<MetaRow, 'key'>;
	media!: Dexie.Table<MediaRow, [string, string]>;
	outbox!: EntityTable<OutboxRow, 'id'>;

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
		// Version 3 (Anki packages in full): cards found by tag and by their identity in the package
		// they came from, and the media files of imported decks. Cards imported before this version
		// ("a<note id>-<template>" in an "anki-" deck) get that identity, so importing the same
		// package again finds them.
		this.version(3)
			.stores({
				cards: 'key, [deckId+position], *tags, *refs',
				media: '[deckId+name], deckId'
			})
			.upgrade((tx) =>
				tx
					.table<CardRow, string>('cards')
					.filter((c) => c.deckId.startsWith('anki-') && !c.refs && /^a\d+-\d+$/.test(c.id))
					.modify((c) => {
						const [nid, ord] = c.id.slice(1).split('-');
						c.refs = [`anki:n:${nid}/${ord}`];
					})
			);
		// Version 4 (sync): the answers and undos not yet sent to the learner's sync server. Written
		// in the answer's own transaction only once a server is set up; no data moves.
		this.version(4).stores({
			outbox: 'id'
		});
	}
}

export const SCHEMA_VERSION = 4;

/** Dexie's lowest and highest keys, for open-ended ranges on compound indexes. */
export const MIN = -Infinity;
export const MAX = Infinity;
