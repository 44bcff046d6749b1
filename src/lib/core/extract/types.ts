// The extractor's shapes: a document's text becomes draft cards, each tied to the span of the
// text it came from.

import type { CardContent, Passage } from '../model.ts';

/** Character offsets into the extracted (term-mapped) text: [start, end). */
export interface Span {
	start: number;
	end: number;
}

export type Detector = 'definition' | 'threshold' | 'list' | 'chain' | 'emphasis' | 'limitation' | 'cause' | 'statement';

/** A card the extractor proposes; `passage` names the passage holding `span`. */
export interface Draft extends CardContent {
	detector: Detector;
	span: Span;
	/** The source text the card comes from (the passage's text). */
	passageText: string;
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
}

/** Documents larger than this are refused before extraction (a 20 MB paste, say). */
export const MAX_DOCUMENT_CHARS = 5_000_000;
