// Multiple choice and "select all that apply": the right answer (or the list's items) among
// distractors of the same kind. The deck author's distractors come first; the rest are facts of
// sibling cards of the same kind (a lipoprotein for a lipoprotein, a number with the same unit, a
// clause for a clause), never also right (checked with the grader against the answer, its
// accepted wordings and every card of the deck that states a related fact), never empty or twice,
// and no longer or shorter than the key in a way that gives it away. Null when too few qualify:
// the card is then asked another way.

import type { CardContent } from '../model.ts';
import { analyze, type Lexicon } from './normalize.ts';
import { gradePrepared, mayMatch, prepareAnswer, type PreparedAnswer } from './typed.ts';
import { gradeContext, type GradeContext } from './glossary.ts';
import { answerKind, sizeOf, type AnswerKind } from './kinds.ts';
import { seeded, shuffle } from './rng.ts';

export interface ChoiceOption {
	text: string;
	correct: boolean;
	/** The card a distractor was taken from: choosing it means the two facts were confused. */
	fromCard?: string;
}

export interface ChoiceQuestion {
	prompt: string;
	options: ChoiceOption[];
}

/** A card of the same deck a distractor may come from. */
export interface Sibling {
	key: string;
	card: CardContent;
}

const clean = (t: string) => t.replace(/\s+/g, ' ').trim().replace(/\.$/, '');

/** The text a cloze card's blank stands for, found by lining up its question and answer. */
export function extractBlank(question: string, answer: string): string | null {
	const at = question.indexOf('[…]');
	if (at < 0) return null;
	const before = question.slice(0, at);
	const after = question.slice(at + 3);
	if (!answer.startsWith(before) || !answer.endsWith(after)) return null;
	const blank = answer.slice(before.length, answer.length - after.length);
	return blank.includes('[…]') ? null : blank.trim() || null;
}

/** What a typed or chosen answer to a card is compared with: the answer, or a cloze's blank. */
export function expectedAnswer(card: CardContent): string {
	return (card.kind === 'cloze' ? extractBlank(card.question, card.answer) : null) ?? card.answer;
}

/** Candidate texts a sibling offers. */
function offers(c: CardContent): string[] {
	if (c.format === 'html') return [];
	if (c.kind === 'basic') return [clean(c.answer)];
	if (c.kind === 'cloze') {
		const b = extractBlank(c.question, c.answer);
		return b ? [clean(b)] : [];
	}
	return c.items.map(clean);
}

/** Options start with the key's case, so capitals give nothing away (acronyms stay). */
function caseLike(text: string, model: string): string {
	const first = model.charAt(0);
	if (!text || first.toLowerCase() === first.toUpperCase() || /^[A-Z]{2}/.test(text) || /^[a-z]+[A-Z]/.test(text)) return text;
	const upper = first === first.toUpperCase();
	return (upper ? text.charAt(0).toUpperCase() : text.charAt(0).toLowerCase()) + text.slice(1);
}

/** Words common to much of the deck ("nephrotic syndrome"): they say nothing about which fact a card holds. */
function commonWords(siblings: Sibling[], lexicon: Lexicon): Set<string> {
	const counts = new Map<string, number>();
	for (const s of siblings) for (const n of new Set(wordsOf(`${s.card.question} ${s.card.answer}`, lexicon))) counts.set(n, (counts.get(n) ?? 0) + 1);
	const limit = Math.max(3, siblings.length * 0.2);
	return new Set([...counts].filter(([, c]) => c >= limit).map(([n]) => n));
}

/** What a pool knows of one candidate text: its kind, its size, its distinctive terms. */
interface TextFacts {
	kind: AnswerKind;
	size: number;
	/** Distinctive terms outside any parenthesis, sorted: two wordings of one fact share it. */
	meaning: string;
	/** Distinctive terms of the whole text. */
	terms: string[];
}

/** A text a sibling card offers as a distractor. */
interface Offer {
	text: string;
	from: string;
	/** Index of the sibling in the pool. */
	index: number;
	section: string;
}

/**
 * A deck (or a stretch of one) read once for quizzes: the grading context, the deck's common
 * words, every card's distinctive terms and every text a card offers, by kind, with indexes that
 * answer "does another card relate these two facts?" without reading the deck again. The caller
 * keeps it for the session; what a card's quiz needs beyond it (its right answers read, an
 * option read as an answer) is remembered in it the first time.
 */
export interface ChoicePool {
	siblings: Sibling[];
	ctx: GradeContext;
	common: Set<string>;
	/** Per sibling key: the distinctive terms of its question and of its answer. */
	terms: Map<string, { q: Set<string>; a: Set<string> }>;
	/** Per candidate text: its kind (cached). */
	kinds: Map<string, AnswerKind>;
	/** The siblings' offers by kind, in deck order. */
	offers: Map<AnswerKind, Offer[]>;
	/** Which siblings hold a distinctive term in their question, and in their answer. */
	inQuestion: Map<string, Set<number>>;
	inAnswer: Map<string, Set<number>>;
	facts: Map<string, TextFacts>;
	/** Prepared answers by question and text. */
	prepared: Map<string, PreparedAnswer>;
}

/** The content words of a text, an abbreviation read as its words ("SRNS": steroid, resistant…). */
function wordsOf(text: string, lexicon: Lexicon): string[] {
	return analyze(text, lexicon).tokens.flatMap((t) => (t.kind === 'concept' && t.parts ? t.parts : t.kind === 'word' || t.kind === 'named' || t.kind === 'code' || t.kind === 'concept' ? [t.norm] : []));
}

/**
 * Reads a deck for quizzes once: pass the result to buildChoice and buildSelect for each of its
 * cards. `ctx` is the deck's grading context (its abbreviations and terms, from its cards and
 * document); without one it is learnt from the cards and `extraTexts`.
 */
export function prepareDeck(siblings: Sibling[], ctx?: GradeContext, extraTexts: string[] = []): ChoicePool {
	const c = ctx ?? gradeContext([...siblings.map((s) => `${s.card.question}\n${s.card.answer}\n${s.card.items.join('\n')}`), ...extraTexts]);
	const common = commonWords(siblings, c.lexicon);
	const distinct = (t: string) => new Set(wordsOf(t, c.lexicon).filter((n) => !common.has(n)));
	const pool: ChoicePool = { siblings, ctx: c, common, terms: new Map(), kinds: new Map(), offers: new Map(), inQuestion: new Map(), inAnswer: new Map(), facts: new Map(), prepared: new Map() };
	const index = (map: Map<string, Set<number>>, terms: Set<string>, i: number) => {
		for (const t of terms) map.set(t, (map.get(t) ?? new Set()).add(i));
	};
	siblings.forEach((s, i) => {
		const t = { q: distinct(s.card.question), a: distinct(`${s.card.answer} ${s.card.items.join(' ')}`) };
		pool.terms.set(s.key, t);
		index(pool.inQuestion, t.q, i);
		index(pool.inAnswer, t.a, i);
		for (const text of offers(s.card)) {
			if (!text) continue;
			const kind = factsOf(text, pool).kind;
			pool.offers.set(kind, [...(pool.offers.get(kind) ?? []), { text, from: s.key, index: i, section: s.card.section }]);
		}
	});
	return pool;
}

/** The same as prepareDeck (the name the study session has used). */
export const choicePool = prepareDeck;

function factsOf(text: string, pool: ChoicePool): TextFacts {
	let f = pool.facts.get(text);
	if (!f) {
		const terms = [...new Set(wordsOf(text, pool.ctx.lexicon).filter((n) => !pool.common.has(n)))];
		f = { kind: kindOf(text, pool), size: sizeOf(text), meaning: meaningKey(text, pool), terms };
		pool.facts.set(text, f);
	}
	return f;
}

function kindOf(text: string, pool: ChoicePool): AnswerKind {
	let k = pool.kinds.get(text);
	if (!k) pool.kinds.set(text, (k = answerKind(text, pool.ctx.lexicon)));
	return k;
}

/** An answer read for grading, once per pool. */
function preparedIn(pool: ChoicePool, text: string, question: string, accept?: string[]): PreparedAnswer {
	const key = `${question}\u0000${text}\u0000${(accept ?? []).join('\u0000')}`;
	let p = pool.prepared.get(key);
	if (!p) {
		if (pool.prepared.size >= 5_000) pool.prepared.clear();
		pool.prepared.set(key, (p = prepareAnswer(text, { question, accept, ctx: pool.ctx })));
	}
	return p;
}

/**
 * Would the grader take this option as a right answer to the card (or one of the texts that are
 * right), or the other way round? Anything but "wrong" counts: an option the grader is unsure of
 * is not a safe distractor.
 */
function alsoRight(option: string, right: PreparedAnswer[], pool: ChoicePool, authored: boolean): boolean {
	// The author's near neighbours ("secondary" for "refractory nephrotic syndrome") are what good
	// distractors are: only one the grader takes as right, or cannot tell from it, is refused. A
	// generated one is refused on anything short of wrong.
	const refuses = (v: string) => v === 'right' || v === 'close' || (!authored && v === 'partly');
	// Only the right answers with something the grader could pair with the option are graded: the
	// others are wrong against it, both ways round.
	const read = analyze(option, pool.ctx.lexicon);
	const near = right.filter((r) => r.keys.some((k) => mayMatch(read, k.analysis)));
	if (!near.length) return false;
	if (near.some((r) => refuses(gradePrepared(option, r).verdict))) return true;
	const asKey = preparedIn(pool, option, '');
	return near.some((r) =>
		r.keys.some((k) => {
			if (!mayMatch(read, k.analysis)) return false;
			const v = gradePrepared(k.text, asKey).verdict;
			return v === 'right' || (!authored && v === 'close');
		})
	);
}

/** Kinds whose siblings make fair distractors: things of one class that exclude each other. */
const SIBLING_KINDS = new Set<string>(['lipoprotein', 'haemostasis protein', 'cell type', 'pathogen class', 'drug', 'classification']);

/** The siblings that hold every one of these terms (in their question, or in their answer). */
function holding(index: Map<string, Set<number>>, terms: string[]): Set<number> {
	if (!terms.length) return new Set();
	const sets = terms.map((t) => index.get(t) ?? new Set<number>()).sort((a, b) => a.size - b.size);
	return new Set([...sets[0]!].filter((i) => sets.every((s) => s.has(i))));
}

/**
 * A sibling card relates the two facts (one in its question, the other in its answer): the option
 * may be a wider or narrower name for the key ("refractory" for "steroid-resistant"), so not a
 * safe distractor.
 */
function related(optionTerms: string[], keyTerms: string[][], pool: ChoicePool, from: string): boolean {
	if (!optionTerms.length) return false;
	const oq = holding(pool.inQuestion, optionTerms);
	const oa = holding(pool.inAnswer, optionTerms);
	const other = (i: number) => pool.siblings[i]!.key !== from;
	for (const k of keyTerms) {
		if (!k.length) continue;
		const ka = holding(pool.inAnswer, k);
		const kq = holding(pool.inQuestion, k);
		for (const i of oq) if (ka.has(i) && other(i)) return true;
		for (const i of kq) if (oa.has(i) && other(i)) return true;
	}
	return false;
}

interface Candidate {
	text: string;
	fromCard?: string;
	score: number;
	tie: number;
}

const FLIPS: Record<string, string> = {};
for (const [a, b] of <[string, string][]>[
	['rises', 'falls'],
	['rise', 'fall'],
	['raises', 'lowers'],
	['raise', 'lower'],
	['raised', 'lowered'],
	['increases', 'decreases'],
	['increase', 'decrease'],
	['increased', 'decreased'],
	['higher', 'lower'],
	['high', 'low'],
	['more', 'less'],
	['worsens', 'improves'],
	['worsen', 'improve'],
	['enhanced', 'reduced'],
	['enhances', 'reduces'],
	['promotes', 'inhibits'],
	['induces', 'inhibits'],
	['prolonged', 'shortened']
]) {
	FLIPS[a] = b;
	FLIPS[b] = a;
}

/** The answer with one or every direction word turned round: same kind, same length, never right. */
function flipped(text: string): string[] {
	// Not the comparator of a threshold ("two or more": the number's distractors cover it), not a name (low-density).
	const words = [...text.matchAll(/[A-Za-z]+/g)].filter((m) => FLIPS[m[0].toLowerCase()] && !/-(density|molecular)/i.test(text.slice(m.index!, m.index! + m[0].length + 9)) && !/\bor $/i.test(text.slice(Math.max(0, m.index! - 3), m.index!)));
	if (!words.length) return [];
	const flip = (which: number[]) => {
		let out = text;
		for (const k of [...which].sort((a, b) => b - a)) {
			const m = words[k]!;
			const to = FLIPS[m[0].toLowerCase()]!;
			const cased = m[0][0] === m[0][0]!.toUpperCase() ? to[0]!.toUpperCase() + to.slice(1) : to;
			out = out.slice(0, m.index!) + cased + out.slice(m.index! + m[0].length);
		}
		return out;
	};
	const all = words.map((_, k) => k);
	return [flip(all), ...(words.length > 1 ? all.map((k) => flip([k])) : [])];
}

const SMALL = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** The answer with its number changed: half, double, one less and one more (same unit, same words). */
function renumbered(text: string): string[] {
	const m = /\b(\d+(?:\.\d+)?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/i.exec(text);
	if (!m) return [];
	const word = !/\d/.test(m[1]!);
	const value = word ? SMALL.indexOf(m[1]!.toLowerCase()) : Number(m[1]);
	// Plausible neighbours, not a near miss of one ("15 days" for 14 is a slip, not a distractor).
	const options = [value * 2, value / 2, value * 3, ...(value < 10 ? [value + 1, value - 1] : [])].filter((v) => v > 0 && v !== value && (Number.isInteger(v) || !Number.isInteger(value)));
	const out = [...new Set(options)].map((v) => {
		const shown = word && v <= 12 && Number.isInteger(v) ? SMALL[v]! : String(v);
		const cased = word && m[1]![0] === m[1]![0]!.toUpperCase() ? shown[0]!.toUpperCase() + shown.slice(1) : shown;
		return text.slice(0, m.index) + cased + text.slice(m.index + m[1]!.length);
	});
	return out;
}

/** Distinctive terms of an option, for telling two wordings of one fact apart from two facts. */
function meaningKey(text: string, pool: ChoicePool): string {
	const norms = wordsOf(text.replace(/\([^)]*\)/g, ' '), pool.ctx.lexicon);
	return [...new Set(norms.filter((n) => !pool.common.has(n)))].sort().join(' ');
}

const PRONOUN_START = /^(it|they|its|their|this|these|both)\b/i;

/** Candidates graded against the answer for one card at most, beyond the author's own: the work a card may cost. */
const MAX_GRADED = 12;

/**
 * Distractors of the key's kind, best first: the author's, then the answer turned round (the
 * other direction, another number), then facts of sibling cards of the same kind. Stops once
 * enough good ones are found, or once MAX_GRADED candidates have been graded.
 */
function distractorsFor(opts: { key: string; card: CardContent; answers: string[]; kind: AnswerKind; size: number; authored: string[]; pool: ChoicePool; rng: () => number; itemsOfList?: boolean; want: number }): Candidate[] {
	const { key, card, answers, kind, pool, rng } = opts;
	const seen = new Set(answers.map((a) => a.toLowerCase()));
	const meanings = new Set(answers.map((a) => factsOf(a, pool).meaning));
	const out: Candidate[] = [];
	const question = card.kind === 'list' ? '' : card.question;
	const right = [...answers, ...(card.accept ?? [])].map((a) => preparedIn(pool, a, question));
	const keyTerms = answers.map((a) => factsOf(a, pool).terms);
	let graded = 0;
	const consider = (raw: string, from: string | undefined, origin: 'author' | 'variant' | 'sibling') => {
		const text = caseLike(clean(raw), answers[0]!);
		if (!text || seen.has(text.toLowerCase())) return;
		seen.add(text.toLowerCase());
		// The author's own are kept unless the grader would take one as right (never two right options).
		if (origin !== 'author') {
			const facts = factsOf(text, pool);
			// No length tell: within one size class of the key.
			if (Math.abs(facts.size - opts.size) > Math.max(1, Math.round(opts.size * 0.6))) return;
			if (origin === 'sibling' && meanings.has(facts.meaning)) return;
			meanings.add(facts.meaning);
			if (origin === 'sibling' && related(facts.terms, keyTerms, pool, key)) return;
			if (origin === 'sibling' && kind === 'clause') {
				// A clause for a clause: the same shape, and about the same things as the key.
				if (PRONOUN_START.test(text) !== PRONOUN_START.test(answers[0]!)) return;
				const words = new Set(facts.meaning.split(' '));
				if (!opts.itemsOfList && !keyTerms.some((k) => k.some((n) => words.has(n)))) return;
			}
			if (graded >= MAX_GRADED) return;
			graded++;
		}
		if (alsoRight(text, right, pool, origin === 'author')) return;
		out.push({ text, fromCard: from, score: 0, tie: rng() });
	};
	for (const d of opts.authored) consider(d, undefined, 'author');
	if (out.length >= opts.want) return out;
	const variants = answers.flatMap((a) => [...flipped(a), ...(kind.startsWith('number:') ? renumbered(a) : [])]);
	for (const v of shuffle(variants, rng)) if (out.length < opts.want) consider(v, undefined, 'variant');
	// A clause, a process or a plain term is matched by shape only: siblings of those kinds are
	// facts about other things, easy to rule out. Only the author or a variant stands beside them
	// (a list's select-all keeps siblings from other sections, as wrong items of the same shape).
	if ((!SIBLING_KINDS.has(kind) && !kind.startsWith('number:') && !opts.itemsOfList) || out.length >= opts.want) return out;
	const candidates = shuffle(
		(pool.offers.get(kind) ?? []).filter((o) => o.from !== key && !(opts.itemsOfList && o.section === card.section) && !(kind === 'clause' && !opts.itemsOfList && o.section !== card.section)),
		rng
	).sort((a, b) => Number(b.section === card.section) - Number(a.section === card.section));
	for (const o of candidates) {
		if (out.length >= opts.want || graded >= MAX_GRADED) break;
		consider(o.text, o.from, 'sibling');
	}
	return out;
}

/**
 * A four-option question for a basic or cloze card, or null when fewer than three good
 * distractors exist (the caller then uses another form). A list card is never a single pick.
 * Shuffled with a seed: the same seed gives the same options.
 */
export function buildChoice(key: string, card: CardContent, siblings: Sibling[] | ChoicePool, seed: string): ChoiceQuestion | null {
	if (card.format === 'html' || (card.kind !== 'basic' && card.kind !== 'cloze')) return null;
	const pool = Array.isArray(siblings) ? choicePool(siblings) : siblings;
	const rng = seeded(seed);
	const answer = clean(expectedAnswer(card));
	if (!answer) return null;
	const { kind, size } = factsOf(answer, pool);
	const found = distractorsFor({ key, card, answers: [answer], kind, size, authored: card.distractors ?? [], pool, rng, want: 3 });
	if (found.length < 3) return null;
	const distractors = found.slice(0, 3).map(({ text, fromCard }) => ({ text, correct: false, ...(fromCard ? { fromCard } : {}) }));
	return { prompt: card.question, options: shuffle([{ text: answer, correct: true }, ...distractors], rng) };
}

export interface SelectOption {
	text: string;
	/** Index in the card's items, or -1 for a distractor. */
	item: number;
	fromCard?: string;
}

/**
 * "Select all that apply" for a list card: every item mixed with same-kind wrong items, or null
 * when fewer than two good ones exist.
 */
export function buildSelect(key: string, card: CardContent, siblings: Sibling[] | ChoicePool, seed: string): SelectOption[] | null {
	if (card.format === 'html' || card.kind !== 'list' || card.items.length < 2 || card.items.length > 8) return null;
	const pool = Array.isArray(siblings) ? choicePool(siblings) : siblings;
	const rng = seeded(seed);
	const items = card.items.map(clean);
	const kinds = items.map((i) => factsOf(i, pool).kind);
	const kind = [...new Set(kinds)].sort((a, b) => kinds.filter((k) => k === b).length - kinds.filter((k) => k === a).length)[0]!;
	const size = Math.round(items.reduce((s, i) => s + factsOf(i, pool).size, 0) / items.length);
	const want = Math.max(2, Math.min(items.length, 4));
	const found = distractorsFor({ key, card, answers: items, kind, size, authored: card.distractors ?? [], pool, rng, itemsOfList: true, want });
	if (found.length < 2) return null;
	const others = found.slice(0, want).map(({ text, fromCard }) => ({ text, item: -1, ...(fromCard ? { fromCard } : {}) }));
	return shuffle([...items.map((text, item) => ({ text, item })), ...others], rng);
}
