// Document text → draft cards: term map, segment, detect and build. Pure; runs in a Web Worker
// in the app and in Node for the command line.

import { checksum } from '../hash.ts';
import { applyTermMap, parseTermMap } from './terms.ts';
import { segment, type Block } from './segment.ts';
import { candidates, leadingNounPhrase } from './detect.ts';
import { review } from './review.ts';
import { forgetTags } from './nlp.ts';
import type { ExtractedPassage, Extraction } from './types.ts';

export type { Draft, DroppedDraft, Extraction, ExtractedPassage, Span } from './types.ts';

import { MAX_DOCUMENT_CHARS } from './types.ts';
export { MAX_DOCUMENT_CHARS };

export interface ExtractOptions {
	/** A term map ("from => to" lines) applied before extraction. */
	terms?: string;
	/** A title to use when the document has none. */
	title?: string;
}

/** A passage id from the passage's own words, so the same paragraph keeps its id across editions. */
export function passageId(text: string): string {
	return `p-${checksum(text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()).slice(0, 10)}`;
}

export function extract(input: string, opts: ExtractOptions = {}): Extraction {
	forgetTags();
	const source = input.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ');
	const mapped = opts.terms ? applyTermMap(source, parseTermMap(opts.terms).rules).text : source;
	// Roman numerals typed as one character ("antithrombin Ⅲ", "factor ⅷ") are letters to the reader and to the parse.
	const text = mapped.replace(/[\u2160-\u217f]/g, (c) => c.normalize('NFKC'));
	const doc = segment(text);
	const title = doc.title || opts.title || 'Imported document';
	const passages = new Map<Block, ExtractedPassage>();
	const passageFor = (block: Block) => {
		let p = passages.get(block);
		if (!p) {
			const body = text.slice(block.span.start, block.span.end).replace(/\s+/g, ' ').trim();
			p = { id: passageId(body), section: block.section || title, text: body, span: block.span };
			passages.set(block, p);
		}
		return p;
	};
	const flat = text.replace(/[\r\n]/g, ' ');
	const { drafts, dropped } = review(candidates(doc.blocks, { title, flat, topic: leadingNounPhrase(title) }), text, title, passageFor);
	// Every paragraph and list is a passage, so the whole document can be read beside the cards.
	for (const b of doc.blocks) if (b.kind !== 'heading') passageFor(b);
	const all = [...passages.values()].sort((a, b) => a.span.start - b.span.start);
	const unique = all.filter((p, i) => all.findIndex((q) => q.id === p.id) === i);
	return { title, text, passages: unique, drafts, dropped };
}
