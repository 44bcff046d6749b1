// The extractor's shapes: a document's text becomes draft cards, each tied to the span of the
// text it came from.

import type { CardContent, Passage } from '../model.ts';

/** Character offsets into the extracted (term-mapped) text: [start, end). */
export interface Span {
	start: number;
	end: number;
}

export type Detector = 'definition' | 'threshold' | 'list' | 'item' | 'chain' | 'emphasis' | 'limitation' | 'cause' | 'exception' | 'change' | 'statement';

/** A card the extractor proposes; `passage` names the passage holding `span`. */
export interface Draft extends CardContent {
	detector: Detector;
	/** Why it was made, as the import screen says it: "definition", "list of 3", "cause → effect". */
	why: string;
	/** The sentence or clause the card comes from. */
	span: Span;
	/** The pieces of the source the answer is made of (a list card: one per item). */
	answerSpans: Span[];
	/** The source text the card comes from (the text of `span`). */
	passageText: string;
	/** Set when the draft could not be made clear: what a teacher should look at. */
	needsLook?: string;
}

/** A candidate the extractor made and set aside, with the reason; the learner may revive it. */
export interface DroppedDraft extends Draft {
	dropped: string;
}

export interface ExtractedPassage extends Passage {
	span: Span;
}

export interface Extraction {
	title: string;
	/** The document's text after the term map, which every span points into. */
	text: string;
	passages: ExtractedPassage[];
	drafts: Draft[];
	/** Candidates set aside (duplicates, answers given away, unreadable questions), with why. */
	dropped: DroppedDraft[];
}

/** Documents larger than this are refused before extraction (a 20 MB paste, say). */
export const MAX_DOCUMENT_CHARS = 5_000_000;
