// The shape of an Anki collection as DocDeck reads it, whichever package format it came in.

export interface AnkiTemplate {
	name: string;
	ord: number;
	qfmt: string;
	afmt: string;
}

export interface AnkiModel {
	id: string;
	name: string;
	/** 0 standard, 1 cloze */
	type: number;
	fields: string[];
	templates: AnkiTemplate[];
	/** Set when Anki says which of its built-in note types this one began as. */
	stock?: 'image-occlusion';
}

export interface AnkiDeck {
	id: string;
	/** Full name with its parents, "Parent::Child", as Anki shows it. */
	name: string;
	description: string;
	/** Filtered decks hold cards only for a while; their cards belong to their home deck. */
	filtered: boolean;
}

export interface AnkiNote {
	id: number;
	/** Anki's globally unique id of the note, kept when a note travels between collections. */
	guid: string;
	mid: string;
	tags: string;
	fields: string[];
}

export interface AnkiCard {
	id: number;
	nid: number;
	did: string;
	/** The home deck of a card in a filtered deck ('0' when it is in its home deck). */
	odid: string;
	ord: number;
	/** 0 new, 1 learning, 2 review, 3 relearning */
	type: number;
	/** -3/-2 buried, -1 suspended, 0 new, 1/3 learning, 2 review */
	queue: number;
	/** New cards: their place in the new queue; review cards: a day number; learning: epoch seconds. */
	due: number;
	/** Days for review cards (negative seconds while learning in old versions). */
	ivl: number;
	/** Ease in permille (2500 = 250 %). */
	factor: number;
	flags: number;
}

export interface AnkiReview {
	/** Epoch milliseconds of the answer (Anki's revlog id). */
	id: number;
	cid: number;
	/** 1–4; 0 for a manual reschedule */
	ease: number;
	/** Milliseconds taken */
	time: number;
	/** 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled */
	type: number;
	/** The interval Anki gave: days when positive, seconds when negative. */
	ivl?: number;
}

/** A media file the package says it holds, and where in the zip its bytes are. */
export interface AnkiMediaEntry {
	name: string;
	/** The zip entry holding it ("0", "1", …). */
	entry: string;
}

/** Which of Anki's package layouts a package used. */
export type AnkiFormat = 'collection.anki2' | 'collection.anki21' | 'collection.anki21b';

export interface AnkiCollection {
	format: AnkiFormat;
	models: Map<string, AnkiModel>;
	decks: Map<string, AnkiDeck>;
	notes: AnkiNote[];
	cards: AnkiCard[];
	revlog: AnkiReview[];
	/** The media files the package lists. */
	media: AnkiMediaEntry[];
	/**
	 * The scheduler the collection was last used with: 1 for Anki's first (before 2.1), whose
	 * learning answers are numbered differently, else 2 or 3.
	 */
	schedulerVersion: number;
	/** Rows the reader could not take (ids that are not whole numbers JavaScript holds exactly). */
	skipped: AnkiSkip[];
}

/** What a row of a package is, as the summary names it. */
export type AnkiItem = 'note' | 'card' | 'review' | 'note type' | 'deck' | 'media file';

/** Rows left out (or values set aside) for one reason: how many, and the first few by place. */
export interface AnkiSkip {
	item: AnkiItem;
	reason: string;
	count: number;
	/** Where, e.g. "card 1688 (note 1201)": the first few only. */
	places: string[];
}
