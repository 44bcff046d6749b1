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
}

export interface AnkiNote {
	id: number;
	mid: string;
	tags: string;
	fields: string[];
}

export interface AnkiCard {
	id: number;
	nid: number;
	did: string;
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
}

export interface AnkiCollection {
	models: Map<string, AnkiModel>;
	/** deck id → full name ("Parent::Child") */
	decks: Map<string, string>;
	notes: AnkiNote[];
	cards: AnkiCard[];
	revlog: AnkiReview[];
	mediaCount: number;
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
