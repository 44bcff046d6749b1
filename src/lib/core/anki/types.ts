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
	due: number;
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
}
