// The shapes of what is stored, shared by the storage layer and the pure code that reads or
// writes whole datasets (backups, merges, checks).

import type { DeckMeta, FsrsStateValue, QueueValue, RatingValue, Schedule, SourceDoc } from './model.ts';
import type { StoredCard } from './sync.ts';
import type { QuizForm } from './quiz/forms.ts';

export interface DeckRow extends DeckMeta {
	origin: 'bundled' | 'imported';
	source: SourceDoc;
	/** Fingerprint of the deck file last synced, so an unchanged bundled deck costs one read. */
	fingerprint: string;
	updatedAt: number;
	/** 1 when a bundled deck is no longer shipped: hidden, its cards retired, its reviews kept. */
	retired?: 1;
	/** The deck this one sits under (Anki's "Parent::Child"); studying the parent includes it. */
	parentId?: string;
	/** Where an imported deck came from ("anki:<deck id>"), so a re-import finds it after a rename. */
	ref?: string;
}

export type CardRow = StoredCard;

/** A card's scheduling state. Kept apart from its content so a wording edit never touches it. */
export interface StateRow {
	key: string;
	deckId: string;
	queue: QueueValue;
	/** Sort key inside the queue: deck position while new, due time (ms) otherwise. */
	due: number;
	position: number;
	schedule: Schedule;
	/** 1 when the learner flagged the card for attention (booleans can't be indexed). */
	flag: 0 | 1;
	/** The study day a buried card was buried on; it comes back the next study day. */
	buriedDay: number;
	/** Set while retired: whether the learner had suspended the card, so a revival keeps that. */
	retiredFrom?: QueueValue;
}

/** One answer. Append-only: removed only by undo. */
export interface ReviewRow {
	/** A UUID, so logs from two devices can be united without clashes. */
	id: string;
	cardKey: string;
	deckId: string;
	/** When the answer was given (ms). */
	at: number;
	/** Local study day of the answer (see core/queue studyDay). */
	day: number;
	rating: RatingValue;
	/** FSRS state before the answer (0 new, 1 learning, 2 review, 3 relearning): indexed for the daily limits. */
	stateBefore: FsrsStateValue;
	before: Schedule;
	after: Schedule;
	/** Whole days since the card's previous review. */
	elapsedDays: number;
	/** How long the learner took, from the question shown to the grade (ms, capped). */
	durationMs: number;
	/** The question form the card was asked in (absent: flip, as before quizzes existed). */
	form?: QuizForm;
	/** The rating the quiz result proposed; `rating` is the one the learner chose. */
	proposed?: RatingValue;
	/** A wrong multiple-choice option the learner picked (its text). */
	chosen?: string;
	/** The card that wrong option was taken from: the two facts were confused. Indexed (v2). */
	confusedWith?: string;
}

/** Everything a learner has, as plain rows: what a backup holds. */
export interface Dataset {
	decks: DeckRow[];
	cards: CardRow[];
	states: StateRow[];
	reviews: ReviewRow[];
}
