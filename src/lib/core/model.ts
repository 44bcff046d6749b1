// The shapes every layer shares. Pure types and a few constants: nothing here touches the browser.

import type { Occlusion } from './anki/occlusion.ts';

/** How a card asks. `list` items can be recalled in any order; `steps` are a chain in order. */
export type CardKind = 'basic' | 'cloze' | 'list' | 'steps';
export const CARD_KINDS: readonly CardKind[] = ['basic', 'cloze', 'list', 'steps'];
/** What a cloze card's question shows in place of the hidden words. */
export const CLOZE_BLANK = '[…]';

/** A card's content as the deck file states it. `id` is the id written in the file. */
export interface CardContent {
	id: string;
	kind: CardKind;
	/** What the learner sees first; for cloze cards the sentence with its blanks shown as […]. */
	question: string;
	/** The full answer; for cloze cards the whole sentence; for list/steps cards the items joined. */
	answer: string;
	/** The items of a list or steps card, in the file's order; empty for other kinds. */
	items: string[];
	/** Optional short explanation shown after the answer ('' when none). */
	explanation: string;
	/** The section (heading) the card sits under. */
	section: string;
	/** Id of the source passage the card comes from ('' when there is none, e.g. an Anki card). */
	passage: string;
	/** 'html' for content imported as HTML (sanitised on import and when shown); plain text otherwise. */
	format?: 'html';
	/**
	 * For a card whose Anki template asks for the answer to be typed (`{{type:…}}`): the text to
	 * type, plain. Such a card is always asked as a typed answer.
	 */
	typeIn?: string;
	/**
	 * Other wordings a grader accepts as this card's answer (the deck's `Accept:` lines): for a basic
	 * card, whole answers; for a cloze, the blank; for a list or steps card, unused.
	 */
	accept?: string[];
	/** Tags, Anki style: "::" separates a tag from its parent ("Step1::Renal::Diuretics"). */
	tags?: string[];
	/**
	 * Wrong options the deck's author wrote for multiple choice (`Distractors:` lines): the same kind
	 * of thing as the answer (or, for a list card, as its items), and never also true.
	 */
	distractors?: string[];
	/**
	 * For an Anki Image Occlusion card: the image, the note's masks and the region this card asks.
	 * Such a card is studied as masks over the image (its question is the note's header).
	 */
	occlusion?: Occlusion;
}

/** One passage of a deck's source document: the unit a card points back to. */
export interface Passage {
	id: string;
	section: string;
	text: string;
	/**
	 * An editor's note about the passage, kept apart from its text (how a garbled translation was
	 * read, what the original leaves unclear): shown beside the passage, never as the document's words.
	 */
	note?: string;
}

export interface DeckMeta {
	id: string;
	title: string;
	description: string;
}

export interface SourceDoc {
	title: string;
	/** Where the text comes from and how it was rendered (shown on the source page). */
	origin: string;
	passages: Passage[];
}

/** A problem found in a deck or source file, with the place it was found (1-based line). */
export interface Problem {
	file: string;
	line: number;
	message: string;
}

/** FSRS memory states. */
export const FsrsState = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;
export type FsrsStateValue = (typeof FsrsState)[keyof typeof FsrsState];

/** The four grades a learner gives. */
export const Rating = { Again: 1, Hard: 2, Good: 3, Easy: 4 } as const;
export type RatingValue = (typeof Rating)[keyof typeof Rating];
export const RATINGS: readonly RatingValue[] = [1, 2, 3, 4];
export const RATING_NAMES: Record<RatingValue, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };

/** A card's FSRS scheduling state, with times as epoch milliseconds so it stores as plain data. */
export interface Schedule {
	due: number;
	stability: number;
	difficulty: number;
	elapsedDays: number;
	scheduledDays: number;
	learningSteps: number;
	reps: number;
	lapses: number;
	state: FsrsStateValue;
	lastReview: number | null;
}

/**
 * Which study queue a card is in. Active queues are derived from the FSRS state; the negative
 * ones are set by the learner (suspend, bury) or by a deck update (retired).
 */
export const Queue = { New: 0, Learning: 1, Review: 2, Suspended: -1, Buried: -2, Retired: -3 } as const;
export type QueueValue = (typeof Queue)[keyof typeof Queue];

/** The active queue a schedule belongs in. */
export function queueOf(state: FsrsStateValue): QueueValue {
	if (state === FsrsState.New) return Queue.New;
	if (state === FsrsState.Review) return Queue.Review;
	return Queue.Learning;
}

/**
 * The key a card sorts by inside its queue: its deck position while new (new cards come in deck
 * order), its due time otherwise.
 */
export function queueKey(schedule: Schedule, position: number): number {
	return schedule.state === FsrsState.New ? position : schedule.due;
}
