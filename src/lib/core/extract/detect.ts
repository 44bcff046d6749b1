// Detect and build: definitions, thresholds, lists, cause → effect chains and emphasis, each
// turned into cards of the deck's kinds that name their context and keep their source span.

import { checksum } from '../hash.ts';
import type { CardKind } from '../model.ts';
import { sentences, type Block, type Enumeration, type Piece } from './segment.ts';
import type { Detector, Draft, Span } from './types.ts';

const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const countWord = (n: number) => NUMBER_WORDS[n - 1] ?? String(n);

function wordCount(s: string): number {
	return s.trim().split(/\s+/).filter(Boolean).length;
}

const clean = (s: string) =>
	s
		.replace(/\*\*/g, '')
		.replace(/\s+/g, ' ')
		.replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/g, '')
		.trim();
const sentenceCase = (s: string) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);
const noEnd = (s: string) => s.replace(/[.;:,!?。]+$/, '').trim();
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

/** Sentences that carry no fact: questions, appeals to the reader, meta talk. */
export function isFiller(s: string): boolean {
	const t = s.trim();
	if (wordCount(t) < 4) return true;
	if (/[?？]\s*$/.test(t)) return true;
	return /\b(many (people|patients) (ask|wonder)|you (may|might) (ask|wonder)|let us|let's|as we all know|in this (article|chapter|section)|read on|click|subscribe|we will (discuss|see|look))\b/i.test(t);
}

/** Numbers with their unit or time window, as they must be kept whole. */
export const NUMBER_PHRASE =
	/(?:(?:≥|≤|>=|<=|>|<|more than|less than|at least|at most|below|above|over|under|within|after|for|up to|about)\s*)?(?:\d+(?:[.,]\d+)?(?:\s*(?:[-–]|to)\s*\d+(?:[.,]\d+)?)?|(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|twenty|thirty)\b)\s*(?:%|(?:mg|mmol|µmol|umol|g|mL|ml|L|mEq|U|IU|mm|cm|kg)(?:\/(?:dL|L|kg|h|min|day|24 ?h|mL|m²|1\.73 ?m²))*(?:\/(?:h|min|day))?|mm ?Hg|(?:times?|hours?|h\b|days?|weeks?|months?|years?|minutes?|min\b|seconds?)(?:\s+(?:a|per|in a)\s+(?:day|week|month|year))?|(?:or more|or fewer|or less)(?:\s+(?:times?|relapses?|episodes?))?)/gi;

const BARE_ONLY = /^(?:type|stage|grade|class)\s|^\d+\.\d+$/i;

/** Ranges, pH values, labelled stages and types, and bare decimals: numbers with no unit after them. */
const BARE_NUMBER = /\b(?:between\s+\d+(?:[.,]\d+)?\s+and\s+\d+(?:[.,]\d+)?|pH\s*(?:(?:of|above|below|under|over)\s+)?\d+(?:\.\d+)?|(?:type|stage|grade|class)\s+\d+[a-z]?|\d+\.\d+|\d+\/\d+\s*mm ?Hg)\b/gi;

export function numberPhrases(s: string): { text: string; index: number }[] {
	const out: { text: string; index: number }[] = [];
	for (const m of s.matchAll(NUMBER_PHRASE)) {
		const t = m[0].trim();
		const index = m.index! + (m[0].length - m[0].trimStart().length);
		if (out.some((o) => index < o.index + o.text.length && o.index < index + t.length)) continue;
		if (/\d/.test(t) || /^(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|twenty|thirty)\s+\S/i.test(t)) out.push({ text: t, index });
	}
	// Then numbers without a unit after them, where no phrase with a unit already holds them.
	for (const m of s.matchAll(BARE_NUMBER)) {
		const t = m[0].trim();
		if (!out.some((o) => m.index! < o.index + o.text.length && o.index < m.index! + t.length)) out.push({ text: t, index: m.index! });
	}
	return out.sort((a, b) => a.index - b.index);
}

interface Context {
	text: string;
	passageOf: (span: Span) => string;
	add: (d: Omit<Draft, 'id' | 'passage' | 'passageText' | 'explanation' | 'items'> & { items?: string[]; explanation?: string; target: string }) => void;
}

/** The topic a question names: the section heading, or the title, as a noun phrase. */
function topic(block: Block, title: string): string {
	return topicName(block.section || title) || 'This document';
}

export function topicName(t: string): string {
	return t
		.replace(/[?？!]+$/, '')
		.replace(/^(why|how|what|when|where)\s+(is|are|do|does|can|to)?\s*/i, '')
		.replace(/^(the\s+)?(causes?|reasons?)\s+(of|for)\s+/i, '')
		.trim();
}

/** "Hypercoagulable state: what does X lead to?" — the question names its context. */
function ask(t: string, q: string): string {
	return `${sentenceCase(noEnd(t))}: ${q}`;
}

// ---------- definitions ----------

const DEF_PATTERNS: { re: RegExp; term: number; def: number; reverse?: boolean }[] = [
	{ re: /^(?:the\s+)?so-called\s+(.{2,80}?)\s*[,:]\s*(?:[^:]{0,80}:\s*)?(.{8,})$/i, term: 1, def: 2 },
	{ re: /^(?:an?\s+|the\s+)?(.{2,70}?)\s+(?:is|are)\s+(?:defined as|referred to as|described as)\s+(.{5,})$/i, term: 1, def: 2 },
	{ re: /^(?:an?\s+|the\s+)?(.{2,70}?)\s+(?:refers? to|means|denotes|is the term for|stands for)\s+(.{5,})$/i, term: 1, def: 2 },
	// "… is called X" / "is termed X" / "is known as X": the right side is the term.
	{ re: /^(.{8,}?)\s+(?:is|are)\s+(?:called|termed|known as|named)\s+(.{2,60})$/i, term: 2, def: 1 },
	// Glossary lines and bold terms: "Term: explanation", "**Term** – explanation".
	{ re: /^\*\*(.{2,60}?)\*\*\s*(?:[:–—-]\s*|\s+(?:is|are)\s+)(.{5,})$/, term: 1, def: 2 },
	{ re: /^([A-Z][^:.;]{1,60}?)\s*[:–—]\s+(.{5,})$/, term: 1, def: 2 }
];

/** "X is a/an/the Y": a definition when X is a short name at the start of the sentence. */
const COPULA = /^(?:the\s+)?([A-Z][\w\s()'\-/αβγ–]{1,60}?)\s+(?:is|are)\s+((?:a|an|the)\s+(?!(?:primary|main|most|major|leading|key|first|only|commonest)\b).{5,})$/;

/** A sentence that only introduces what follows ("The main causes are the following:"). */
const LEAD_IN = /(?:[:：]\s*$)|\b(?:the following|as follows)\b/i;

function detectDefinition(s: Piece, block: Block, title: string, ctx: Context): boolean {
	if (LEAD_IN.test(s.text.trim())) return false;
	const text = noEnd(clean(s.text));
	const bold = /^\*\*(.{2,60}?)\*\*\s*(?:[:–—-]\s*|\s+(?:is|are)\s+|\s*\(([^)]{2,60})\)\s*[:–—-]?\s*)(.{5,})$/.exec(noEnd(s.text.trim()));
	if (bold) {
		buildDefinition(clean(bold[1]!), sentenceCase(clean(bold[3]!)), s, block, title, ctx);
		return true;
	}
	for (const p of DEF_PATTERNS) {
		const m = p.re.exec(text);
		if (!m) continue;
		let term = clean(m[p.term]!.replace(/^(the|an?)\s+/i, ''));
		let def = clean(m[p.def]!);
		// "… is called X, because …": the term ends at the first comma; the reason stays with the definition.
		if (p.term === 2) {
			const cut = /,|\s(?:because|as|which|since|when)\s/.exec(term);
			if (cut) {
				def = `${def}${term.slice(cut.index)}`;
				term = term.slice(0, cut.index).trim();
			}
		}
		if (!term || !def || wordCount(term) > 8 || wordCount(def) < 2 || /^(it|this|that|these|they|there|which)\b/i.test(term)) continue;
		if (p.term === 2 && wordCount(term) > wordCount(def)) continue;
		buildDefinition(term, def, s, block, title, ctx);
		return true;
	}
	const c = COPULA.exec(text);
	if (c && wordCount(c[1]!) <= 5 && !/^(it|this|that|these|they|there|which|he|she|patients?)\b/i.test(c[1]!)) {
		buildDefinition(clean(c[1]!), clean(c[2]!), s, block, title, ctx);
		return true;
	}
	return false;
}

function buildDefinition(term: string, def: string, s: Piece, block: Block, title: string, ctx: Context): void {
	const t = topic(block, title);
	const inTopic = t.toLowerCase().includes(term.toLowerCase()) || term.toLowerCase().includes(t.toLowerCase());
	const what = `What is ${lowerFirst(term)}?`;
	ctx.add({ detector: 'definition', kind: 'basic', question: inTopic ? what : ask(t, lowerFirst(what)), answer: sentenceCase(def), section: t, span: s.span, target: `term:${term}` });
	ctx.add({ detector: 'definition', kind: 'basic', question: `${ask(t, 'what term is this')} — ${noEnd(def)}?`, answer: sentenceCase(term), section: t, span: s.span, target: `def:${term}` });
}

// ---------- thresholds ----------

function detectThresholds(s: Piece, block: Block, title: string, ctx: Context): void {
	const text = clean(s.text);
	// At most four clozes a sentence, the numbers with units first.
	const all = numberPhrases(text);
	const phrases = [...all.filter((p) => !BARE_ONLY.test(p.text)), ...all.filter((p) => BARE_ONLY.test(p.text))].slice(0, 4);
	const t = topic(block, title);
	for (const p of phrases) {
		const at = text.indexOf(p.text);
		if (at < 0) continue;
		// Question and answer carry the same context, as a cloze card in a deck file does.
		const prefix = `${sentenceCase(noEnd(t))}: `;
		const question = `${prefix}${text.slice(0, at)}[…]${text.slice(at + p.text.length)}`;
		ctx.add({ detector: 'threshold', kind: 'cloze', question, answer: `${prefix}${text}`, section: t, span: s.span, target: `num:${p.text}` });
	}
}

// ---------- emphasis ----------

const ADJ = '(?:primary|main|most important|most common|commonest|major|leading|central|key|chief|principal|most dangerous|most serious|most frequent|first|predominant|core|mainstay|cornerstone)';
const EMPH_SUBJECT = new RegExp(`^(.{2,80}?)\\s+(?:is|are|was|were|remains?|becomes?)\\s+(?:now\\s+|also\\s+)?(?:generally\\s+|widely\\s+|usually\\s+|often\\s+)?(?:considered|regarded as|thought to be|seen as|recognised as|recognized as|known as)?\\s*(?:to be\\s+)?(the|one of the)\\s+(${ADJ})\\s+(.{3,120}?)$`, 'i');
const EMPH_FRONT = new RegExp(`^(?:the|a)\\s+(${ADJ})\\s+(.{3,80}?)\\s+(?:is|are|was|were)\\s+(.{2,120})$`, 'i');

function detectEmphasis(s: Piece, block: Block, title: string, ctx: Context): void {
	if (LEAD_IN.test(s.text.trim())) return;
	const text = noEnd(clean(s.text));
	const t = topic(block, title);
	let m = EMPH_SUBJECT.exec(text.replace(/^(?:in|at|for|among|during|after|before|with|in most)\s+[^,]{1,30},\s*/i, '').replace(/^(?:because|since|although|as|while|when|if)\s+/i, ''));
	if (m && wordCount(m[1]!) <= 12 && !/^(it|this|that|these|they|there|which)$/i.test(m[1]!.trim())) {
		const what = noEnd(clean(m[4]!.split(/[;,](?=\s)|\s(?:is|are|was|were)\s/)[0]!));
		const article = m[2]!.toLowerCase();
		// The card is about this clause only: its span ends where the emphasised phrase does.
		const end = s.text.indexOf(what);
		const span = end >= 0 ? { start: s.span.start, end: s.span.start + end + what.length } : s.span;
		ctx.add({ detector: 'emphasis', kind: 'basic', question: ask(t, `what is ${article} ${m[3]!.toLowerCase()} ${what}?`), answer: sentenceCase(clean(m[1]!)), section: t, span, target: `emph:${m[3]}:${what}` });
		return;
	}
	m = EMPH_FRONT.exec(text);
	if (m) {
		const what = noEnd(clean(m[2]!));
		ctx.add({ detector: 'emphasis', kind: 'basic', question: ask(t, `what is the ${m[1]!.toLowerCase()} ${what}?`), answer: sentenceCase(clean(m[3]!)), section: t, span: s.span, target: `emph:${m[1]}:${what}` });
	}
}

// ---------- cause → effect chains ----------

const CONNECTIVE =
	/(?:,\s*|\s+)(?:and\s+)?(?:which\s+(?:in turn\s+|then\s+)?|that\s+|this\s+|thus\s+|thereby\s+|so\s+(?:that\s+)?|and\s+so\s+|therefore\s+)?(?:(?:likely\s+to\s+|can\s+|may\s+|will\s+|could\s+)?(?:easily\s+|further\s+|eventually\s+|ultimately\s+|directly\s+)?(?:leads?\s+to|leading\s+to|lead\s+to|led\s+to|results?\s+in|resulting\s+in|causes|causing|cause|gives?\s+rise\s+to|giving\s+rise\s+to|triggers?|triggering|promotes?|promoting|induces?|inducing|contributes?\s+to|brings?\s+about|forming|activating|accelerat(?:es|ing)))\b\s*|(?:,\s*|\s+)(?:thereby|thus|therefore|consequently|hence|so(?!\s+(?:on|far|much|many|long|called)\b))(?!-)\b,?\s*/gi;

interface Step {
	text: string;
	span: Span;
}

/** Openers that join a sentence to the one before; they are not part of any step. */
const OPENER = /^(?:in addition|moreover|furthermore|however|also|besides|in short|in general|generally|importantly|notably|at the same time)\s*,\s*/i;

function splitChain(s: Piece): Step[] {
	const steps: Step[] = [];
	const text = s.text;
	let from = OPENER.exec(text)?.[0].length ?? 0;
	const push = (a: number, b: number) => {
		let raw = text.slice(a, b);
		const lead = raw.length - raw.trimStart().length;
		raw = raw.trim().replace(/[.;,]+$/, '');
		// Loose ends a connective leaves behind: "…, as well as", "while …", "likely to".
		raw = raw.replace(/[,\s]+(as well as|and|but also|while|or|likely to|which|so|thus)$/i, '').replace(/[.;,]+$/, '');
		const stripped = raw.replace(/^(and|which|it|to|that|this|then|also|further|so|as well as)\s+/i, '');
		const cut = raw.length - stripped.length;
		if (wordCount(stripped) >= 2 || (stripped.length >= 6 && /^[\p{L}-]+$/u.test(stripped))) steps.push({ text: stripped, span: { start: s.span.start + a + lead + cut, end: s.span.start + a + lead + cut + stripped.length } });
	};
	// Bracket depth at each position, so no step is cut inside parentheses (computed once).
	const depths = new Int32Array(text.length + 1);
	for (let k = 0; k < text.length; k++) depths[k + 1] = depths[k]! + (text[k] === '(' ? 1 : text[k] === ')' ? -1 : 0);
	const depth = (upTo: number) => depths[upTo]!;
	for (const m of text.matchAll(CONNECTIVE)) {
		if (m.index! - from < 8 || depth(m.index!) > 0) continue;
		push(from, m.index!);
		from = m.index! + m[0].length;
	}
	if (steps.length) push(from, text.length);
	// A long step that is itself a run of comma-separated events (common in translated text)
	// becomes several steps, so no part of it is lost from the chain.
	return steps.flatMap((st) => {
		if (wordCount(st.text) <= 20) return [st];
		const parts: Step[] = [];
		let at = 0;
		for (const piece of st.text.split(/,\s+/)) {
			const start = st.text.indexOf(piece, at);
			at = start + piece.length;
			if (wordCount(piece) >= 3 || !parts.length) parts.push({ text: piece.trim(), span: { start: st.span.start + start, end: st.span.start + start + piece.length } });
			else {
				const last = parts.at(-1)!;
				last.text = `${last.text}, ${piece.trim()}`;
				last.span.end = st.span.start + start + piece.length;
			}
		}
		return parts.length >= 2 ? parts : [st];
	});
}

const short = (s: string, max = 18) => {
	const w = s.split(/\s+/);
	if (w.length <= max || /\d/.test(w.slice(max).join(' '))) return s;
	return w.slice(0, max).join(' ') + '…';
};

function detectChain(s: Piece, block: Block, title: string, ctx: Context): boolean {
	const steps = splitChain(s);
	if (steps.length < 2) return false;
	const t = topic(block, title);
	for (let k = 0; k + 1 < steps.length; k++) {
		const a = steps[k]!;
		const b = steps[k + 1]!;
		ctx.add({ detector: 'chain', kind: 'basic', question: ask(t, `what does ${lowerFirst(noEnd(short(a.text)))} lead to?`), answer: sentenceCase(noEnd(b.text)), section: t, span: { start: a.span.start, end: b.span.end }, target: `link:${a.text}` });
	}
	if (steps.length >= 3) {
		const first = steps[0]!;
		const last = steps.at(-1)!;
		ctx.add({
			detector: 'chain',
			kind: 'steps',
			question: ask(t, `put in order how ${lowerFirst(noEnd(short(first.text, 12)))} leads to ${lowerFirst(noEnd(short(last.text, 12)))}.`),
			answer: steps.map((x, i) => `${i + 1}. ${sentenceCase(noEnd(x.text))}`).join('\n'),
			items: steps.map((x) => sentenceCase(noEnd(x.text))),
			section: t,
			span: { start: first.span.start, end: last.span.end },
			target: `chain:${first.text}`
		});
	}
	return true;
}

// ---------- lists ----------

const LIST_NOUN = /\b(reasons|causes|mechanisms|factors|types|forms|kinds|complications|features|signs|symptoms|steps|stages|criteria|effects|ways|risk factors|consequences|findings|components|categories|classes|principles|points|characteristics|indications|contraindications|options|measures|treatments|drugs)\b/i;

function listNoun(lead: string): string {
	const m = LIST_NOUN.exec(lead);
	if (m) return m[1]!.toLowerCase();
	if (/\b(due to|because of|caused by|results from|owing to)\b/i.test(lead)) return 'causes';
	return '';
}

/** A list item's own words, shortened to its first clause unless that would drop a number. */
function itemText(s: string): string {
	const t = noEnd(clean(s));
	if (wordCount(t) <= 30) return t;
	const first = t.split(/;\s|\.\s|,\s+(?:which|so|thus|thereby|while)\s/)[0]!;
	return /\d/.test(t.slice(first.length)) ? t : first;
}

function detectList(e: Enumeration, block: Block, title: string, ctx: Context, text: string): void {
	if (e.items.length < 2 || e.items.length > 15) return;
	const leadText = e.lead ? clean(e.lead.text) : '';
	const t = topic(block, title);
	let noun = listNoun(leadText);
	if (!noun && e.style === 'headings') noun = 'reasons';
	// "Three mechanisms:" followed by "Term: explanation" lines: the terms are what to recall
	// (each line is also its own definition card). Without such a lead it is a glossary, not a list.
	const glossary = glossaryLike(e.items);
	if (glossary && !noun) return;
	const items = e.items.map((it) => sentenceCase(glossary ? clean(it.text.split(':')[0]!) : itemText(it.text))).filter(Boolean);
	if (items.length < 2) return;
	const count = countWord(items.length);
	const about = leadText && !/^(the following|these|as follows)/i.test(leadText) && wordCount(leadText) <= 20 ? noEnd(leadText.replace(/\b(are|is|include|includes|as follows|the following)\b.*$/i, '').trim()) : '';
	const subject = about && !listNoun(about) ? ` (${lowerFirst(about)})` : '';
	const question = noun ? ask(e.style === 'headings' ? title || t : t, `name the ${count} ${noun} given${subject}.`) : ask(t, `name the ${count} points listed${subject}.`);
	// The span stays inside this block: a lead written in the block before, or a list of headings
	// (announced by this paragraph), points at what this block itself holds.
	const inBlock = (sp: { start: number; end: number }) => sp.start >= block.span.start && sp.end <= block.span.end;
	const span = e.style === 'headings' ? (e.lead?.span ?? block.span) : e.lead && inBlock(e.lead.span) ? { start: e.lead.span.start, end: e.span.end } : e.span;
	ctx.add({ detector: 'list', kind: e.style === 'ordinal' && /\b(steps|stages)\b/.test(noun) ? 'steps' : 'list', question, answer: items.map((x) => `• ${x}`).join('\n'), items, section: e.style === 'headings' ? title || t : t, span, target: `list:${items.join('|')}` });
	void text;
}

/** "such as A, B and C" / "include A, B and C" inside a sentence, with a list noun before it. */
const INLINE_LIST = /\b(reasons|causes|mechanisms|factors|types|complications|features|signs|symptoms|effects|consequences)\b[^.;:]{0,40}?\b(?:include|includes|including|such as|are|namely|why|:)\s+([^.;]{4,300}?(?:,\s*|\s+)(?:and|or)\s+[^.;]{2,120})/i;

function detectInlineList(s: Piece, block: Block, title: string, ctx: Context): void {
	const m = INLINE_LIST.exec(s.text);
	if (!m) return;
	const parts = m[2]!
		.split(/,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+/)
		.map((x) => noEnd(clean(x)).replace(/\s*(and so on|etc)$/i, ''))
		.filter((x) => x && wordCount(x) <= 14 && !/^(so on|etc)$/i.test(x));
	if (parts.length < 2) return;
	const t = topic(block, title);
	ctx.add({ detector: 'list', kind: 'list', question: ask(t, `name the ${countWord(parts.length)} ${m[1]!.toLowerCase()} given.`), answer: parts.map((x) => `• ${sentenceCase(x)}`).join('\n'), items: parts.map(sentenceCase), section: t, span: s.span, target: `inline:${parts.join('|')}` });
}

// ---------- limitations ----------

const LIMIT = /^(?:at this (?:point|stage|time),?\s*|by then,?\s*|at this\s+)?(.{3,80}?),?\s+(?:has been unable to|have been unable to|is unable to|are unable to|cannot|can no longer|could not|fails? to|is not able to|are not able to|is no longer able to)\s+(.{3,160})$/i;

/** "X can no longer Y" / "X has been unable to Y": what X cannot do is a fact worth a card. */
function detectLimitation(s: Piece, block: Block, title: string, ctx: Context): void {
	const m = LIMIT.exec(noEnd(clean(s.text)));
	if (!m || wordCount(m[1]!) > 12 || /^(it|this|that|these|they|there|which|we|you)$/i.test(m[1]!.trim())) return;
	const t = topic(block, title);
	ctx.add({ detector: 'limitation', kind: 'basic', question: ask(t, `what can ${lowerFirst(clean(m[1]!))} not do?`), answer: sentenceCase(noEnd(clean(m[2]!))), section: t, span: s.span, target: `limit:${m[1]}` });
}

/** A sentence's clauses joined by semicolons, each with its own span. */
function clauses(s: Piece): Piece[] {
	const out: Piece[] = [];
	let at = 0;
	for (const part of s.text.split(/;\s+/)) {
		const start = s.text.indexOf(part, at);
		at = start + part.length;
		if (part.trim()) out.push({ text: part, span: { start: s.span.start + start, end: s.span.start + start + part.length } });
	}
	return out.length ? out : [s];
}

// ---------- causes ("results from", "is caused by") ----------

const CAUSED = /^(.{3,90}?)\s+(?:results? from|is caused by|are caused by|is due to|are due to|arises? from|stems? from|is the result of|is a consequence of)\s+(.{3,})$/i;

function detectCause(s: Piece, block: Block, title: string, ctx: Context): boolean {
	const text = noEnd(clean(s.text));
	const m = CAUSED.exec(text);
	if (!m || /^(it|this|that|these|they|there|which)$/i.test(m[1]!.trim()) || wordCount(m[1]!) > 14) return false;
	const t = topic(block, title);
	const full = clean(m[2]!);
	const first = full.split(/,\s+(?:and|but|which|while|so)\s|;\s/)[0]!;
	ctx.add({ detector: 'cause', kind: 'basic', question: ask(t, `what causes ${lowerFirst(clean(m[1]!))}?`), answer: sentenceCase(noEnd(first)), explanation: first.length < full.length ? sentenceCase(text) + '.' : '', section: t, span: s.span, target: `cause:${m[1]}` });
	return true;
}

// ---------- statements: a sentence no detector took, asked as a cloze on its key term ----------

const STOP = new Set('the a an of in on by with to and or is are was were be been being has have had can may will would should could which that this these those it its as at for from into than then so only also not no but if when while where who whose their there they he she we you our your such other more most very both each all any some'.split(' '));

/** The phrase a teacher would blank: a named term (capitals, digits, Greek), else the longest technical phrase. */
function keyTerm(sentence: string): { text: string; index: number } | null {
	const chunks: { text: string; index: number; score: number }[] = [];
	// Split at punctuation and function words; what is left are content-word runs.
	let pos = 0;
	for (const part of sentence.split(/([,;:()]|\s+)/)) {
		const word = part.trim();
		const start = pos;
		pos += part.length;
		if (!word) continue; // spaces join words; punctuation and function words part them
		if (/^[,;:()]$/.test(word) || STOP.has(word.toLowerCase())) {
			chunks.push({ text: '', index: start, score: -1 });
			continue;
		}
		const last = chunks.at(-1);
		if (last && last.score >= 0 && last.text) last.text += sentence.slice(last.index + last.text.length, start) + word;
		else chunks.push({ text: word, index: start, score: 0 });
	}
	let best: { text: string; index: number; score: number } | null = null;
	chunks.forEach((c, i) => {
		if (!c.text) return;
		const words = c.text.split(/\s+/);
		if (words.length > 4) return;
		let score = 0;
		if (/[A-Z]{2,}|\d|[αβγ]/.test(c.text)) score += 3;
		if (words.some((w) => w.replace(/[^\p{L}]/gu, '').length >= 9)) score += 2;
		if (words.length >= 2) score += 1;
		if (i > 0 && c.index > 0) score += 1;
		if (/^(?:patients?|people|doctors?|cases?|time|way|part|kind|use|level|amount|number)$/i.test(c.text)) score -= 3;
		c.score = score;
		if (!best || score > best.score) best = c;
	});
	const b = best as { text: string; index: number; score: number } | null;
	return b && b.score >= 2 ? { text: b.text, index: b.index } : null;
}

/** Items that are themselves "Term: explanation" lines make a glossary, not a list to recall. */
function glossaryLike(items: { text: string }[]): boolean {
	return items.filter((i) => /^[^:]{1,60}:\s+\S/.test(i.text)).length >= items.length / 2;
}

function detectStatement(s: Piece, block: Block, title: string, ctx: Context): void {
	const text = clean(s.text);
	if (wordCount(text) < 6 || wordCount(text) > 60) return;
	const k = keyTerm(text);
	if (!k) return;
	const t = topic(block, title);
	const prefix = `${sentenceCase(noEnd(t))}: `;
	ctx.add({ detector: 'statement', kind: 'cloze', question: `${prefix}${text.slice(0, k.index)}[…]${text.slice(k.index + k.text.length)}`, answer: `${prefix}${text}`, section: t, span: s.span, target: `stmt:${k.text}` });
}

// ---------- the whole document ----------

export interface DetectInput {
	title: string;
	text: string;
	blocks: Block[];
}

/** Runs every detector over a segmented document and returns the drafts, duplicates removed. */
export function detectAll(doc: DetectInput, passageFor: (block: Block) => { id: string; text: string }): Draft[] {
	const drafts: Draft[] = [];
	const seen = new Set<string>();
	let current: Block | null = null;
	const ctx: Context = {
		text: doc.text,
		passageOf: (span) => doc.text.slice(span.start, span.end),
		add: (d) => {
			if (!current) return;
			const q = d.question.replace(/\s+/g, ' ').trim();
			const a = d.answer.replace(/[ \t]+/g, ' ').trim();
			if (!q || !a || q.length > 600) return;
			const key = `${q.toLowerCase()}|${a.toLowerCase()}`;
			if (seen.has(key) || seen.has(`q:${q.toLowerCase()}`)) return;
			seen.add(key);
			seen.add(`q:${q.toLowerCase()}`);
			const passage = passageFor(current);
			const passageText = doc.text.slice(d.span.start, d.span.end).replace(/\s+/g, ' ');
			const norm = passageText.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
			const id = `${d.detector.slice(0, 4)}-${checksum(`${norm}|${d.kind}|${d.target.toLowerCase()}`).slice(0, 10)}`;
			drafts.push({
				id,
				kind: d.kind as CardKind,
				question: q,
				answer: a,
				items: d.items ?? [],
				explanation: d.explanation ?? '',
				section: d.section,
				passage: passage.id,
				detector: d.detector as Detector,
				span: d.span,
				passageText
			});
		}
	};
	for (const block of doc.blocks) {
		current = block;
		if (block.kind === 'heading') continue;
		for (const e of block.enumerations) detectList(e, block, doc.title, ctx, doc.text);
		// Sentences through the sentence detectors; where a paragraph holds an enumeration, its items
		// (each split into sentences) take the place of the sentences they run through.
		const inline = block.kind === 'paragraph' ? block.enumerations.filter((e) => e.style !== 'headings') : [];
		const overlaps = (p: Piece) => inline.some((e) => p.span.start < e.span.end && p.span.end > e.span.start);
		const pieces: Piece[] = block.sentences.filter((p) => !overlaps(p));
		for (const e of inline) {
			if (e.lead && !isFiller(e.lead.text)) pieces.push(e.lead);
			for (const it of e.items) pieces.push(...sentences(doc.text.replace(/[\r\n]/g, ' '), it.span));
		}
		pieces.sort((a, b) => a.span.start - b.span.start);
		for (const s of pieces) {
			if (isFiller(s.text)) continue;
			const before = drafts.length;
			detectThresholds(s, block, doc.title, ctx);
			detectInlineList(s, block, doc.title, ctx);
			// A definition takes the whole sentence; other detectors go clause by clause (a semicolon
			// often joins two facts), and a clause no detector takes is still asked, as a cloze.
			const defined = detectDefinition(s, block, doc.title, ctx);
			const parts = clauses(s);
			for (const c of parts) {
				const n = drafts.length;
				detectEmphasis(c, block, doc.title, ctx);
				detectLimitation(c, block, doc.title, ctx);
				const caused = detectCause(c, block, doc.title, ctx);
				if (!defined && !caused) detectChain(c, block, doc.title, ctx);
				const alone = parts.length === 1 ? drafts.length === before : drafts.length === n;
				if (!defined && alone) detectStatement(c, block, doc.title, ctx);
			}
		}
	}
	// Cards in the order of the text; for one sentence, the definition before its clozes.
	const RANK: Record<Detector, number> = { definition: 0, emphasis: 1, cause: 2, limitation: 3, chain: 4, list: 5, threshold: 6, statement: 7 };
	return drafts
		.map((d, i) => ({ d, i }))
		.sort((a, b) => a.d.span.start - b.d.span.start || RANK[a.d.detector] - RANK[b.d.detector] || a.i - b.i)
		.map(({ d }) => d);
}
