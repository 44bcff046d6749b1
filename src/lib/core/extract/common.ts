// What the detectors share: the candidate's shape, the document's context, number phrases,
// content words, the pieces of text answers are cut from, and the topic a question names when
// it needs one.

import type { CardKind } from '../model.ts';
import type { Block, Piece } from './segment.ts';
import { inside, textOf, upperStart, words, type Clause } from './clause.ts';
import { tag, type Token } from './nlp.ts';
import type { Detector, Span } from './types.ts';

export const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
export const countWord = (n: number) => NUMBER_WORDS[n - 1] ?? String(n);

export const clean = (s: string) =>
	s
		.replace(/\*\*/g, '')
		.replace(/\s+/g, ' ')
		.replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/g, '')
		.trim();
export const noEnd = (s: string) => s.replace(/[.;:,!?。]+$/, '').trim();

/** Sentences that carry no fact: questions, appeals to the reader, meta talk. */
export function isFiller(s: string): boolean {
	const t = s.trim();
	if (words(t) < 4) return true;
	if (/[?？]\s*$/.test(t)) return true;
	return /\b(many (people|patients) (ask|wonder)|you (may|might) (ask|wonder)|let us|let's|as we all know|in this (article|chapter|section)|read on|click|subscribe|we will (discuss|see|look))\b/i.test(t);
}

/** Numbers with their unit or time window, as they must be kept whole. */
export const NUMBER_PHRASE =
	/(?:(?:≥|≤|>=|<=|>|<|more than|less than|at least|at most|below|above|over|under|within|after|for|up to|about|between)\s*)?(?:\d+\/\d+|\d+(?:[.,]\d+)?(?:\s*(?:[-–]|to|and)\s*\d+(?:[.,]\d+)?)?|(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|twenty|thirty)\b)\s*(?:%|mm ?Hg|(?:mOsm|mosm|mg|mmol|µmol|umol|pg|ng|µg|mcg|g|mL|ml|L|mEq|U|IU|mm|cm|kg)(?:\/(?:dL|L|kg|g|h|min|day|24 ?h|mL|m²|1\.73 ?m²))*(?:\/(?:h|min|day))?|mm ?Hg|(?:times?|hours?|h\b|days?|weeks?|months?|years?|minutes?|min\b|seconds?)(?:\s+(?:a|per|in a)\s+(?:day|week|month|year))?|(?:or more|or fewer|or less)(?:\s+(?:times?|relapses?|episodes?))?)(?![A-Za-z])/gi;

/** Ranges, pH values, labelled stages and types, and bare decimals: numbers with no unit after them. */
const BARE_NUMBER = /\b(?:between\s+\d+(?:[.,]\d+)?\s+and\s+\d+(?:[.,]\d+)?|pH\s*(?:(?:of|above|below|under|over)\s+)?\d+(?:\.\d+)?|\d+\.\d+|\d+\/\d+\s*mm ?Hg|\d+ of \d+)\b/gi;

export function numberPhrases(s: string): { text: string; index: number }[] {
	const out: { text: string; index: number }[] = [];
	// Both passes find matches left to right, so an overlap is only ever with the phrase before.
	for (const m of s.matchAll(NUMBER_PHRASE)) {
		const t = m[0].trim();
		const index = m.index! + (m[0].length - m[0].trimStart().length);
		const last = out.at(-1);
		if (last && index < last.index + last.text.length) continue;
		if (/\d/.test(t) || /^(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|twenty|thirty)\s+\S/i.test(t)) out.push({ text: t, index });
		if (out.length >= 200) break;
	}
	const bare: { text: string; index: number }[] = [];
	let k = 0;
	for (const m of s.matchAll(BARE_NUMBER)) {
		const t = m[0].trim();
		const a = m.index!;
		while (k < out.length && out[k]!.index + out[k]!.text.length <= a) k++;
		const o = out[k];
		if (!o || a + t.length <= o.index) bare.push({ text: t, index: a });
		if (bare.length >= 200) break;
	}
	return [...out, ...bare].sort((a, b) => a.index - b.index);
}

/** A candidate card, before review. Spans are offsets into the document's text. */
export interface Candidate {
	detector: Detector;
	kind: CardKind;
	question: string;
	answer: string;
	items?: string[];
	explanation?: string;
	span: Span;
	answerSpans: Span[];
	why: string;
	/** What the id is made of besides the span's words: the fact and its direction. */
	target: string;
	needsLook?: string;
	block: Block;
}

export interface Doc {
	title: string;
	/** The text with line breaks as spaces: offsets are those of the document's text. */
	flat: string;
	/** The topic a question names when it needs context: the title's leading noun phrase. */
	topic: string;
	/** Its sentences often break English grammar: a machine translation, read with more care. */
	translated: boolean;
}

export const GENERIC_HEADING = /^(definitions?|causes?|management|treatment|complications?|staging|diagnosis|first steps|overview|introduction|summary|background|notes?|signs?|symptoms?|signs and symptoms|investigations?|after the episode|when to \w+|who is at risk|how .*|why .*|what .*|dangerous complications|adequacy and prescription|vascular access)$/i;

/** The leading noun phrase of a title or heading: "Acute kidney injury in adults: …" → "acute kidney injury". */
const npMemo = new Map<string, string>();
export function leadingNounPhrase(s: string): string {
	let np = npMemo.get(s);
	if (np === undefined) {
		if (npMemo.size > 5000) npMemo.clear();
		npMemo.set(s, (np = nounPhraseOf(s)));
	}
	return np;
}

function nounPhraseOf(s: string): string {
	const t = s
		.replace(/[?？!]+$/, '')
		.replace(/^(why|how|what|when|where)\s+(is|are|do|does|can|to)?\s*/i, '')
		.replace(/\s*[:(].*$/, '')
		.replace(/\b(glossary|lecture notes|notes|in brief|guideline|an overview|overview)\b/gi, '')
		.trim();
	const toks = tag(t);
	const out: Token[] = [];
	for (const k of toks) {
		if (k.pos === 'VERB' || k.pos === 'AUX' || k.pos === 'ADV' || (k.pos === 'PUNCT' && k.text !== '-') || k.pos === 'CCONJ' || (k.pos === 'ADP' && out.length && k.lower !== 'of')) break;
		if (k.pos === 'DET' && !out.length) continue;
		out.push(k);
	}
	if (!out.some((k) => k.pos === 'NOUN' || k.pos === 'PROPN')) return '';
	return inside(textOf(t, out));
}

// ---------- helpers ----------

/** Content lemmas of a text: what "the same words" means for duplicates and give-aways. */
export function contentLemmas(toks: Token[]): string[] {
	return toks.filter((t) => /^(NOUN|PROPN|ADJ|VERB|NUM)$/.test(t.pos) && !STOP.has(t.lower) && t.lower.length > 1).map((t) => t.lemma.replace(/s$/, ''));
}

/**
 * The content words of a text without the parse: lower case, stop words out, a plural "s" off.
 * Good enough to compare two short texts (give-aways, duplicates, context), and far cheaper than
 * tagging every question and answer again.
 */
export function contentWords(s: string): string[] {
	const out: string[] = [];
	for (const w of s.toLowerCase().split(/[^a-z0-9\u00c0-\u024f\u0370-\u03ff-]+/)) {
		if (w.length < 2 || STOP.has(w) || /^-+$/.test(w)) continue;
		out.push(w.length > 3 && /[^s]s$/.test(w) && !/(sis|us|ss|ia)$/.test(w) ? w.slice(0, -1) : w);
	}
	return out;
}

export const STOP = new Set('the a an of in on by with to and or is are was were be been being has have had can may will would should could which that this these those it its as at for from into than then so only also not no but if when while where who whose their there they he she we you our your such other more most very both each all any some does do did what why how'.split(' '));

/** A piece of text at absolute offsets, trimmed of spaces and end punctuation. */
export function piece(flat: string, start: number, end: number): Piece {
	let a = start;
	let b = end;
	while (a < b && /[\s,;:–—-]/.test(flat[a]!)) a++;
	while (b > a && /[\s,;:.。!–—-]/.test(flat[b - 1]!)) b--;
	return { text: flat.slice(a, b), span: { start: a, end: b } };
}

/** An answer as shown: its first letter up, no end punctuation. */
export const shown = (s: string) => upperStart(noEnd(clean(s)));

/** "In acute kidney injury, …" when the question names nothing of its topic and the topic does not hold the answer. */
export function withContext(q: string, answer: string, doc: Doc, topic = doc.topic, mode: 'front' | 'tail' = 'front'): string {
	if (!topic) return q;
	const qWords = new Set(contentWords(q));
	const tWords = contentWords(topic);
	if (!tWords.length || tWords.some((w) => qWords.has(w))) return q;
	const aWords = new Set(contentWords(answer));
	if (tWords.every((w) => aWords.has(w))) return q;
	// "What is the most common intrinsic cause of acute kidney injury?"
	// A question that already says of what ("… risk factor for kidney injury") needs no more, unless that is only "management" or "treatment".
	const pp = /\b(?:most|main|primary|leading|major|only|key|core|first)\s+[\w\s-]*?\b(?:of|in|for|among|during)\s+([\w\s-]+)\?$/.exec(q);
	if (mode === 'tail' && pp && !/^(?:the\s+)?(?:early\s+|initial\s+|first\s+)?(?:management|treatment|therapy|care|diagnosis)$/i.test(pp[1]!.trim())) return q;
	if (mode === 'tail' && /\?$/.test(q)) return q.replace(/\?$/, ` ${/\b(causes?|factors?|complications?|signs?|features?|markers?|goals?|mechanisms?|reasons?|criteri(?:a|on)|forms?|types?)\s*\?$/.test(q) ? 'of' : 'in'} ${topic}?`);
	if (/^In\s[^,]+,\s/.test(q)) return q;
	// A question that names three things or more reads on its own.
	const own = contentWords(q.replace(/^(?:when|if)\s+/i, '')).filter((w) => !/^(happen|follow|cause|lead|result|mean|refer|do|be|have)$/.test(w));
	if (mode === 'front' && own.length >= 4) return q;
	return `In ${topic}, ${q.charAt(0).toLowerCase()}${q.slice(1)}`;
}

/** The topic of a block: its heading when that names a thing, else the document's. */
export function blockTopic(block: Block, doc: Doc): string {
	if (block.section && !GENERIC_HEADING.test(block.section) && words(block.section) <= 6) {
		const np = leadingNounPhrase(block.section.replace(/^(?:the\s+)?(?:treatment|management|diagnosis|causes|signs|symptoms|complications)\s+of\s+/i, ''));
		if (np && !/factors?$/.test(np)) return np;
	}
	return doc.topic;
}

// ---------- definitions ----------

/** A sentence that only introduces what follows ("The main causes are the following:"). */
export const LEAD_IN = /(?:[:：]\s*$)|\b(?:the following|as follows)\b/i;

/** A long answer cut at its first clause boundary, unless that would drop a number. */
export function trimAnswer(flat: string, s: Span, max = 16): { span: Span; cut: boolean } {
	const text = flat.slice(s.start, s.end);
	if (words(text) <= max) return { span: s, cut: false };
	const re = /;\s|:\s|,\s+(?:for instance|for example|such as|e\.g\.)|,\s+(?:which|because|so|and it|but|while|whereas|usually|mostly|mainly|with|thereby)\b|\s+(?:because|so that)\s|,\s+(?=(?!during|including|according)[a-z]+ing\b)/g;
	for (const m of text.matchAll(re)) {
		const head = text.slice(0, m.index);
		if (words(head) < 3) continue;
		if (/\d/.test(text.slice(m.index)) && numberPhrases(text.slice(m.index)).length) return { span: s, cut: false };
		return { span: { start: s.start, end: s.start + head.length }, cut: true };
	}
	return { span: s, cut: false };
}

/** The phrase a teacher would blank: a named term (capitals, digits, Greek) or a long technical noun phrase, never the subject repeated. */
export function keyTerm(toks: Token[], c: Clause | null, min = 3): Token[] | null {
	const chunks: Token[][] = [];
	let cur: Token[] = [];
	let depth = 0;
	for (const t of toks) {
		// An acronym or gloss in brackets restates the term before it: never the blank.
		depth += t.text === '(' ? 1 : t.text === ')' ? -1 : 0;
		if (depth > 0 || t.text === ')') {
			if (cur.length) chunks.push(cur);
			cur = [];
			continue;
		}
		if ((t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'ADJ' || (t.pos === 'NUM' && cur.length)) && !STOP.has(t.lower)) cur.push(t);
		else if (t.text === '-' && cur.length) cur.push(t);
		else {
			if (cur.length) chunks.push(cur);
			cur = [];
		}
	}
	if (cur.length) chunks.push(cur);
	const subjectEnd = c && c.verb.length ? c.verb[0]!.start : -1;
	let best: { chunk: Token[]; score: number } | null = null;
	for (const ch of chunks) {
		while (ch.length > 1 && ((ch[0]!.pos === 'ADJ' && ch[0]!.lemma.length < 5) || /^(time|way|day|year|end|fact|case|part)$/.test(ch[0]!.lemma))) ch.shift();
		while (ch.length && ch.at(-1)!.pos === 'ADJ') ch.pop();
		if (!ch.length || ch.length > 4) continue;
		const text = ch.map((t) => t.text).join(' ');
		let score = 0;
		if (/[A-Z]{2,}|\d|[αβγ]/.test(text)) score += 3;
		if (ch.some((t) => t.text.replace(/[^\p{L}]/gu, '').length >= 9)) score += 2;
		if (ch.length >= 2) score += 1;
		if (subjectEnd >= 0 && ch[0]!.start > subjectEnd) score += 1;
		if (/^(?:patients?|people|doctors?|cases?|time|way|part|kind|use|level|amount|number|body|disease|treatment|function|effect|factors?|difficulty)$/i.test(text)) score -= 4;
		// A term that occurs twice in the sentence is given away by its other occurrence.
		const lemma = ch.map((t) => t.lemma).join(' ');
		if (toks.filter((t) => t.lemma === ch[0]!.lemma).length > 1 && ch.length === 1) score -= 3;
		void lemma;
		if (!best || score > best.score) best = { chunk: ch, score };
	}
	return best && best.score >= min ? best.chunk : null;
}
