// Grading a typed answer as a clinician would. Lenient where the meaning is the same (spelling,
// word forms, abbreviations, units, filler words); exact on what names a thing (factor VIII,
// protein S, type 2), on numbers, units, comparators and time windows; direction, negation and
// order are checked clause by clause. When it cannot tell, it says so ("close"): it never calls
// an answer right that it has not understood. Every verdict names what differed.

import { analyze, contentNorms, contrasting, editDistance, stem, typoOf, wordNorm, type Analysis, type Comparator, type Direction, type Token } from './normalize.ts';
import { gradeContext, type GradeContext } from './glossary.ts';
import { ID_HEADS, KNOWN_TERMS, LIGHT_OPPOSITES, NEGATIVE_MEANING, OPPOSITE_WORDS } from './lexicon.ts';

/** right · close (the grader cannot tell: the learner checks) · partly · wrong. */
export type Verdict = 'right' | 'close' | 'partly' | 'wrong';

export interface DiffPart {
	text: string;
	/** same: in both; missing: in the answer, not typed; extra: typed, not in the answer */
	kind: 'same' | 'missing' | 'extra';
}

export type DifferenceKind = 'identity' | 'term' | 'number' | 'comparator' | 'direction' | 'negation' | 'order' | 'opposite' | 'missing' | 'added' | 'spelling' | 'unsure';

export interface Difference {
	kind: DifferenceKind;
	message: string;
	typed?: string;
	expected?: string;
}

export interface TypedResult {
	verdict: Verdict;
	/** Share of the answer's key parts that were typed (0–1). */
	score: number;
	/** What differed, in one sentence ('' when nothing did). */
	reason: string;
	differences: Difference[];
	diff: DiffPart[];
}

/** One right wording, read; with the pairs of its words that make one term together (steroid-resistant, factor V Leiden). */
export interface PreparedKey {
	text: string;
	analysis: Analysis;
	bound: [string, string][];
}

/** An answer read once, ready to grade many attempts against (a card's answer and its accepted wordings). */
export interface PreparedAnswer {
	keys: PreparedKey[];
	question: Analysis;
	questionNorms: Set<string>;
	questionCmps: Set<Comparator>;
	questionNegated: boolean;
	/** The question's words as written (no abbreviation read as its long form): an answer made only of them restates it. */
	questionWords: Set<string>;
	/** The question's words as written, lower case: where it gives a blank's unit ("mL/kg/h"). */
	questionText: string[];
	ctx: GradeContext;
}

const CONTENT = new Set(['word', 'concept', 'named', 'code']);
const isContent = (t: Token) => CONTENT.has(t.kind);
/** Heads that mean nothing without their number or letter. */
const BARE_HEADS = new Set(['factor', 'type', 'class', 'stage', 'grade', 'phase', 'group', 'vitamin', 'protein', 'hepatitis', 'complex', 'lead', 'nerve']);

/** Drug names and other terms a learner may confuse: one of them added is never harmless detail. */
let namedTerms: Set<string> | null = null;
const isNamedTerm = (norm: string) => (namedTerms ??= new Set(KNOWN_TERMS.map((w) => stem(w)))).has(norm);

const OPPOSITE_STEMS: [string, string][] = [...OPPOSITE_WORDS, ...LIGHT_OPPOSITES].map(([a, b]) => [stem(a), stem(b)]);
const NEGATIVE_STEMS = new Set([...NEGATIVE_MEANING].map(stem));
const OPPOSITE_DIR: Record<Direction, Direction> = { up: 'down', down: 'up', worse: 'better', better: 'worse' };
const CMP_TEXT: Record<Comparator, string> = { '>=': 'at least', '>': 'more than', '<=': 'at most', '<': 'less than', within: 'within', beyond: 'beyond' };

export function prepareAnswer(answer: string, opts: { question?: string; accept?: string[]; ctx?: GradeContext } = {}): PreparedAnswer {
	const ctx = opts.ctx ?? gradeContext([answer, opts.question ?? '', ...(opts.accept ?? [])]);
	const question = analyze((opts.question ?? '').replace(/\[…\]/g, ' , '), ctx.lexicon);
	const keys = [answer, ...(opts.accept ?? [])]
		.filter((a) => a.trim())
		.map((text) => {
			const analysis = analyze(text, ctx.lexicon);
			return { text, analysis, bound: boundPairs(text, analysis, ctx) };
		});
	return {
		keys,
		question,
		questionNorms: new Set(question.tokens.filter(isContent).flatMap((t) => [t.norm, ...(t.parts ?? []), ...(t.head ? [t.head] : [])])),
		questionCmps: askedComparators(opts.question ?? ''),
		questionNegated: question.tokens.some((t) => t.kind === 'neg'),
		questionWords: new Set(question.tokens.filter(isContent).flatMap(rawWords)),
		questionText: (opts.question ?? '').toLowerCase().split(/\s+/).map((w) => w.replace(/[.,;:?!)]+$/, '')),
		ctx
	};
}

/** Grades a typed answer against a prepared one; the best of the answer and its accepted wordings wins. */
export function gradePrepared(typed: string, prepared: PreparedAnswer): TypedResult {
	const t = analyze(typed, prepared.ctx.lexicon);
	const results = prepared.keys.map((k) => {
		const [tt, kk] = expandConcepts(t, k.analysis, prepared.questionNorms);
		return compare(tt, kk, prepared, k.bound);
	});
	if (!results.length) return { verdict: 'wrong', score: 0, reason: 'the card has no answer to compare with', differences: [], diff: [] };
	return results.reduce((best, r) => (rank(r) > rank(best) ? r : best));
}

interface Signature {
	words: string[];
	ids: Set<string>;
	quantity: boolean;
	dir: boolean;
	named: boolean;
}
const signatures = new WeakMap<Analysis, Signature>();

/** What of a reading could ever pair with another's: its words in every form, ids, numbers, directions. */
function signature(a: Analysis): Signature {
	let sig = signatures.get(a);
	if (!sig) {
		const words = new Set<string>();
		const ids = new Set<string>();
		for (const t of a.tokens) {
			if (!isContent(t)) continue;
			for (const w of [t.norm, t.surface, t.head, ...(t.parts ?? []), ...rawWords(t)]) if (w) words.add(w);
			if (t.id) ids.add(t.id);
		}
		sig = { words: [...words], ids, quantity: a.tokens.some((t) => t.kind === 'quantity'), dir: a.tokens.some((t) => t.kind === 'dir'), named: a.tokens.some((t) => t.kind === 'named') };
		signatures.set(a, sig);
	}
	return sig;
}

/**
 * Could grading one of these readings against the other give anything but "wrong"? False only
 * where the grader could pair nothing: no word alike in any of its forms (equal, one inside the
 * other, or within two edits), no shared numeral or letter, no number or direction on both
 * sides. A cheap test that lets a distractor search skip certain misses; never a verdict.
 */
export function mayMatch(a: Analysis, b: Analysis): boolean {
	const x = signature(a);
	const y = signature(b);
	if ((x.quantity && (y.quantity || y.named)) || (y.quantity && x.named) || (x.dir && y.dir)) return true;
	for (const id of x.ids) if (y.ids.has(id)) return true;
	for (const u of x.words) {
		for (const v of y.words) {
			if (u === v) return true;
			if (u.length >= 4 && v.length >= 4 && (u.includes(v) || v.includes(u))) return true;
			if (Math.abs(u.length - v.length) <= 2 && editDistance(u, v, 2) <= 2) return true;
		}
	}
	return false;
}

/** One-off grading (the command line, tests): reads the answer and grades against it. */
export function gradeTyped(typed: string, answer: string, opts: { question?: string; alternatives?: string[]; ctx?: GradeContext } = {}): TypedResult {
	return gradePrepared(typed, prepareAnswer(answer, { question: opts.question, accept: opts.alternatives, ctx: opts.ctx }));
}

/**
 * An abbreviation typed where the answer spells the words out (or the other way round) is read
 * as its words: "SRNS" for "steroid-resistant", "T2DM" for "type 2 diabetes".
 */
function expandConcepts(typed: Analysis, key: Analysis, question: Set<string>): [Analysis, Analysis] {
	const expand = (a: Analysis, other: Analysis): Analysis => {
		const has = new Set(other.tokens.map((t) => t.norm));
		// Only where the other side says most of its words: "PAI" is not "plasminogen".
		const fits = (parts: string[]) => parts.filter((p) => has.has(p) || question.has(p)).length * 3 >= parts.length * 2;
		// A concept of the same kind on the other side (HDL against LDL) is compared as a concept.
		const kinds = new Set(other.tokens.filter((t) => t.kind === 'concept').map((t) => t.norm.split(' ').at(-1)));
		return {
			clauses: a.clauses,
			tokens: a.tokens.flatMap((t) => (t.kind === 'concept' && t.parts?.length && !has.has(t.norm) && !kinds.has(t.norm.split(' ').at(-1)) && fits(t.parts) ? t.parts.map((norm, k) => ({ ...t, kind: 'word' as const, norm, raw: t.partRaws?.[k] ?? t.raw, parts: undefined, partRaws: undefined })) : [t]))
		};
	};
	const t = expand(typed, key);
	return [t, expand(key, t)];
}

const BEFORE_CMP: [RegExp, Comparator][] = [
	[/(at least|no fewer than|no less than|a minimum of|not less than|≥|>=)$/, '>='],
	[/(more than|greater than|in excess of|longer than|over|above|exceeding|>)$/, '>'],
	[/(at most|no more than|not more than|a maximum of|≤|<=)$/, '<='],
	[/(less than|fewer than|shorter than|under|below|<)$/, '<'],
	[/(up to|within|inside)$/, 'within'],
	[/(beyond)$/, 'beyond']
];
const AFTER_CMP: [RegExp, Comparator][] = [
	[/^(\w+ )?(or more|or greater|or above|or over|and above|and over|or higher|or longer)\b/, '>='],
	[/^\+/, '>='],
	[/^(\w+ )?(or less|or fewer|or below|or under|or shorter)\b/, '<=']
];

/**
 * The comparator the question itself puts on the number asked for, so that a bare number can be
 * right: "at least […]" or "[…] or more" around a cloze's blank, "above what value…" in a
 * question. An "or more" elsewhere in the sentence belongs to another number and supplies nothing.
 */
export function askedComparators(question: string): Set<Comparator> {
	const out = new Set<Comparator>();
	const q = question.toLowerCase().replace(/\s+/g, ' ');
	const at = q.indexOf('[…]');
	const pairs: [string, string][] = [];
	if (at >= 0) pairs.push([q.slice(0, at).trimEnd(), q.slice(at + 3).trimStart()]);
	else for (const m of q.matchAll(/\b(what|which|how)\b/g)) pairs.push([q.slice(0, m.index).trimEnd(), '']);
	for (const [before, after] of pairs) {
		for (const [re, c] of BEFORE_CMP) if (re.test(before)) out.add(c);
		for (const [re, c] of AFTER_CMP) if (re.test(after)) out.add(c);
	}
	return out;
}

/**
 * Words of an answer that name one thing together: the halves of a hyphenated compound (in the
 * answer or in the long form of an abbreviation it holds), and a named thing with the proper name
 * after it (factor V Leiden), also inside the answer's parenthesis ("Factor V (factor V Leiden)").
 */
function boundPairs(text: string, analysis: Analysis, ctx: GradeContext): [string, string][] {
	const out: [string, string][] = [];
	const longForms = analysis.tokens.filter((t) => t.kind === 'concept').map((t) => ctx.lexicon.phrases.find((p) => p.entry.norm === t.norm)?.entry.display ?? '');
	for (const source of [text, ...longForms]) {
		for (const m of source.matchAll(/([A-Za-z]{3,})-([A-Za-z]{3,})/g)) {
			const [a] = contentNorms(m[1]!);
			const [b] = contentNorms(m[2]!);
			if (a && b && a !== b) out.push([a, b]);
		}
	}
	const tokens = analysis.tokens;
	for (let i = 0; i + 1 < tokens.length; i++) {
		const t = tokens[i]!;
		const next = tokens[i + 1]!;
		if (t.kind === 'named' && next.kind === 'word' && next.clause === t.clause && !next.paren === !t.paren && /^[A-Z][a-z]/.test(next.raw)) out.push([t.norm, next.norm]);
	}
	return out;
}

/** An -ing word does the action; an -ed, -able or -ible word undergoes it. */
function voice(word: string): 'active' | 'passive' | null {
	const w = word.toLowerCase();
	if (w.length < 6) return null;
	if (/ing$/.test(w)) return 'active';
	if (/(ed|able|ible)$/.test(w)) return 'passive';
	return null;
}

/** The first word of a compound ("thrombin-activatable") whose voice the typed wording turns round. */
function voiceClash(typed: string, key: string): [string, string] | null {
	const a = typed.split(/[\s-]+/);
	const b = key.split(/[\s-]+/);
	if (a.length !== b.length) return null;
	const hyphenBefore = new Set([...key.matchAll(/-([A-Za-z]+)/g)].map((m) => m[1]!.toLowerCase()));
	for (let i = 0; i < a.length; i++) {
		const va = voice(a[i]!);
		const vb = voice(b[i]!);
		if (va && vb && va !== vb && hyphenBefore.has(b[i]!.toLowerCase()) && wordNorm(a[i]!) === wordNorm(b[i]!)) return [a[i]!, b[i]!];
	}
	return null;
}

/** A token's words as written, each in its one spelling and form. */
function rawWords(t: Token): string[] {
	return t.raw
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter(Boolean)
		.map(wordNorm);
}

const RANK: Record<Verdict, number> = { right: 3, close: 2, partly: 1, wrong: 0 };
function rank(r: TypedResult): number {
	return RANK[r.verdict] + r.score / 10;
}

interface Unit {
	t: Token;
	index: number;
	optional: boolean;
	/** Other words the key gives for it in a parenthesis right after: "standard (regular)". */
	alts: string[];
	/** Asked for only because it makes one term with these words (see boundPairs): it counts only beside them. */
	boundOnly?: string[];
}

type MatchLevel = 'exact' | 'typo' | 'unsure';
interface Pair {
	key: number;
	typed: number;
	level: MatchLevel;
}

const byLetter = new WeakMap<Set<string>, Map<string, string[]>>();

/** Is another known term as close to what was typed as the expected word is? */
function ambiguous(typed: string, expected: string, ctx: GradeContext): boolean {
	let index = byLetter.get(ctx.known);
	if (!index) {
		index = new Map();
		for (const k of ctx.known) index.set(k[0] ?? '', [...(index.get(k[0] ?? '') ?? []), k]);
		byLetter.set(ctx.known, index);
	}
	const d = Math.min(2, editDistance(typed, expected, 2));
	for (const k of index.get(typed[0] ?? '') ?? []) {
		if (k === expected || k === typed || Math.abs(k.length - typed.length) > d) continue;
		if (editDistance(typed, k, d) <= d) return true;
	}
	return false;
}

/** How a typed token stands to a key unit: the same, a forgiven typo, a maybe, or not at all. */
function sameId(typed: string, expected: string): boolean {
	if (typed === expected) return true;
	const roman: Record<string, string> = { i: '1', v: '5', x: '10' };
	return roman[typed] === expected;
}

function matchLevel(u: Unit, t: Token, ctx: GradeContext, questionHas: (n: string) => boolean = () => false): MatchLevel | 'conflict' | null {
	const k = u.t;
	if (t.norm === k.norm || u.alts.includes(t.norm)) return 'exact';
	if (k.kind === 'named' && t.kind === 'named') {
		// "II, VII, IX, X" for "factor II…" when the question already says "factors".
		if (t.head === '?') return sameId(t.id!, k.id!) && questionHas(k.head!) ? 'exact' : questionHas(k.head!) && /^\d/.test(k.id!) === /^\d|^[ivx]$/.test(t.id!) ? 'conflict' : null;
		if (t.id !== k.id) return k.head === t.head || typoOf(k.head!, t.head!) ? 'conflict' : null;
		if (typoOf(k.head!, t.head!)) return ctx.known.has(t.head!) && t.head !== k.head ? null : 'typo';
		return null;
	}
	if (k.kind === 'code' && t.kind === 'code') return k.norm.replace(/\d.*$/, '') === t.norm.replace(/\d.*$/, '') ? 'conflict' : null;
	// Two terms of one kind (LDL and HDL are both lipoproteins): the learner named the other one.
	if (k.kind === 'concept' && t.kind === 'concept') return k.norm.split(' ').at(-1) === t.norm.split(' ').at(-1) ? 'conflict' : null;
	if (k.kind === 'code' || t.kind === 'code' || k.kind === 'concept' || t.kind === 'concept' || k.kind === 'named' || t.kind === 'named') return null;
	let memo = wordLevels.get(ctx);
	if (!memo) wordLevels.set(ctx, (memo = new Map()));
	const key = `${k.norm}\u0001${k.surface ?? ''}\u0001${t.norm}\u0001${t.surface ?? ''}`;
	let level = memo.get(key);
	if (level === undefined) {
		if (memo.size >= 50_000) memo.clear();
		memo.set(key, (level = wordLevel(k, t, ctx)));
	}
	return level;
}

/** Two words, read in one deck: remembered per deck, since a distractor search compares the same ones often. */
const wordLevels = new WeakMap<GradeContext, Map<string, MatchLevel | 'conflict' | null>>();

function wordLevel(k: Token, t: Token, ctx: GradeContext): MatchLevel | 'conflict' | null {
	if (contrasting(k.norm, t.norm) && editDistance(k.norm, t.norm, 4) <= 4) return 'conflict';
	// "infrequently" for "frequently", "insensitive" for "sensitive": a negating prefix, not a typo.
	const negated = /^(in|un|non|dis|im|ir|il)(.{4,})$/.exec(t.surface ?? '');
	if (negated && (stem(negated[2]!) === k.norm || negated[2] === k.surface)) return 'conflict';
	const byNorm = typoOf(k.norm, t.norm);
	if (!byNorm && !(k.surface && t.surface && typoOf(k.surface, t.surface))) return null;
	if (ctx.known.has(t.norm)) return 'conflict';
	return byNorm ? (ambiguous(t.norm, k.norm, ctx) ? 'unsure' : 'typo') : ambiguous(t.surface!, k.surface!, ctx) && ambiguous(t.norm, k.norm, ctx) ? 'unsure' : 'typo';
}

/** The figures a quantity is written with, in its own unit ("500 ms": 500; "45–59 mL/min": 45, 59). */
function figures(q: Token): number[] {
	return [...q.raw.matchAll(/\d+(?:\.\d+)?/g)].slice(0, q.hi === undefined ? 1 : 2).map((m) => Number(m[0]));
}

/** A bare number and one with its unit: the same figures as written ("500" for "500 ms"). */
function sameFigures(bare: Token, united: Token): boolean {
	const want = figures(united);
	const got = bare.hi === undefined ? [bare.value!] : [bare.value!, bare.hi];
	return want.length === got.length && want.every((v, i) => Math.abs(v - got[i]!) < 1e-9);
}

function sameQuantity(a: Token, b: Token): boolean {
	// Weeks against months or years (26 weeks = 6 months, 52 weeks = a year): a month is no whole
	// number of weeks, so long spans of time agree within 1 %; all else within 0.2 %.
	const long = a.dim === 'time' && b.dim === 'time' && Math.min(a.value!, b.value!) >= 28;
	const close = (x: number, y: number) => Math.abs(x - y) <= Math.max(1e-9, Math.abs(x) * (long ? 0.01 : 0.002));
	const dimA = a.dim === 'times' ? '' : a.dim;
	const dimB = b.dim === 'times' ? '' : b.dim;
	return dimA === dimB && close(a.value!, b.value!) && (a.hi === undefined) === (b.hi === undefined) && (a.hi === undefined || close(a.hi, b.hi!));
}

/** ">= 3" and "> 2" say the same of a count. */
function countBound(q: Token): { lo: number; strict: boolean } | null {
	if (q.dim || !Number.isInteger(q.value)) return null;
	if (q.cmp === '>') return { lo: q.value! + 1, strict: false };
	if (q.cmp === '>=') return { lo: q.value!, strict: false };
	return null;
}

function opposedCmp(a: Comparator | undefined, b: Comparator | undefined): boolean {
	const up = (c: Comparator | undefined) => c === '>=' || c === '>' || c === 'beyond';
	const down = (c: Comparator | undefined) => c === '<=' || c === '<' || c === 'within';
	return (up(a) && down(b)) || (down(a) && up(b));
}

/** Words that say which way a thing goes, by axis: a direction, or one of a pair of opposites (constrict/dilate). */
const POLAR_ALIAS: Record<string, string> = { vasoconstrict: 'constrict', vasodilat: 'dilate', vasodilate: 'dilate', vasoconstriction: 'constrict', vasodilation: 'dilate' };
let POLAR: Map<string, { axis: string; sign: number }> | null = null;
function polarity(t: Token): { axis: string; sign: number } | null {
	if (t.kind === 'dir') return t.dir === 'up' || t.dir === 'down' ? { axis: 'up', sign: t.dir === 'up' ? 1 : -1 } : { axis: 'better', sign: t.dir === 'better' ? 1 : -1 };
	if (t.kind !== 'word' && t.kind !== 'light') return null;
	if (!POLAR) {
		POLAR = new Map();
		for (const [a, b] of [...OPPOSITE_STEMS].reverse()) {
			POLAR.set(a, { axis: `${a}|${b}`, sign: 1 });
			POLAR.set(b, { axis: `${a}|${b}`, sign: -1 });
		}
	}
	return POLAR.get(POLAR_ALIAS[t.norm] ?? (t.kind === 'light' ? stem(t.norm) : t.norm)) ?? null;
}

type Bindings = Map<string, Map<string, { sign: number; raw: string; subject: string }>>;

/**
 * For each content word, which way each axis goes in its clause (sign 0: both ways, so unknown).
 * A typed clause holding both ends of one axis joined by "and" is read as two.
 */
function polarBindings(tokens: Token[], splitAnd: boolean): Bindings {
	const clauses = new Map<number, Token[]>();
	for (const t of tokens) clauses.set(t.clause, [...(clauses.get(t.clause) ?? []), t]);
	const groups: Token[][] = [];
	for (const list of clauses.values()) {
		const axes = list.map(polarity).filter((p): p is { axis: string; sign: number } => !!p);
		const twoWays = axes.some((p) => axes.some((q) => q.axis === p.axis && q.sign !== p.sign));
		if (!splitAnd || !twoWays) {
			groups.push(list);
			continue;
		}
		let part: Token[] = [];
		let seen = false;
		for (const t of list) {
			if (t.kind === 'light' && t.norm === 'and' && seen) {
				groups.push(part);
				part = [];
				seen = false;
				continue;
			}
			if (polarity(t)) seen = true;
			part.push(t);
		}
		groups.push(part);
	}
	const out: Bindings = new Map();
	for (const g of groups) {
		const polar = g.map((t) => ({ t, p: polarity(t) })).filter((x): x is { t: Token; p: { axis: string; sign: number } } => !!x.p);
		if (!polar.length) continue;
		for (const s of g) {
			if (!isContent(s)) continue;
			// A word may itself lie on another axis (afferent/efferent) and still be what a direction is said of.
			const own = polarity(s)?.axis;
			const m = out.get(s.norm) ?? new Map<string, { sign: number; raw: string; subject: string }>();
			for (const { t, p } of polar) {
				if (p.axis === own) continue;
				const had = m.get(p.axis);
				m.set(p.axis, had && had.sign !== p.sign ? { ...had, sign: 0 } : { sign: p.sign, raw: t.raw, subject: s.raw });
			}
			out.set(s.norm, m);
		}
	}
	return out;
}

function show(q: Token): string {
	return q.raw;
}

function compare(T: Analysis, K: Analysis, prep: PreparedAnswer, bound: [string, string][] = []): TypedResult {
	const ctx = prep.ctx;
	const typedTokens = T.tokens;
	const keyTokens = K.tokens;
	const differences: Difference[] = [];
	const conflict = (d: Difference) => differences.push(d);
	if (!typedTokens.some((t) => t.kind !== 'light')) return finish('wrong', 0, [{ kind: 'missing', message: 'nothing was typed' }], [], []);
	// "TAFI" for "What does TAFI stand for?": only the question's own words, where the answer has
	// words of its own, says nothing (a bare letter or numeral is read against the answer below).
	const typedContent = typedTokens.filter((t) => isContent(t) && !(t.kind === 'named' && t.head === '?'));
	const echoes = (t: Token) => rawWords(t).every((w) => prep.questionWords.has(w));
	if (typedContent.length && typedContent.every(echoes) && !typedTokens.some((t) => t.kind === 'quantity' || t.kind === 'dir') && keyTokens.some((t) => isContent(t) && !t.paren && !echoes(t))) {
		return finish('wrong', 0, [{ kind: 'missing', message: `${typedContent.map((t) => t.raw).join(' ')} is what the question names; the answer is ${keyTokens.filter((t) => !t.paren && t.kind !== 'light').map((t) => t.raw).join(' ')}` }], [], []);
	}

	// ---- the key's parts: what must be typed and what may be --------------------------------
	const units: Unit[] = [];
	keyTokens.forEach((t, index) => {
		if (!isContent(t)) return;
		units.push({ t, index, optional: t.paren || prep.questionNorms.has(t.norm), alts: [] });
	});
	for (let i = 0; i < units.length; i++) {
		const u = units[i]!;
		if (u.t.paren) continue;
		const group = units.slice(i + 1).filter((v) => v.t.paren && v.t.clause === units[i + 1]?.t.clause);
		const nextToken = keyTokens[u.index + 1];
		// Not where the parenthesis's words name one thing together ("factor V Leiden"): then "Leiden"
		// alone would stand for the whole.
		const oneName = group.length === 2 && bound.some(([a, b]) => group.some((g) => g.t.norm === a) && group.some((g) => g.t.norm === b));
		if (!oneName && group.length && group.length <= 2 && nextToken?.paren && keyTokens.slice(u.index + 1).filter((t) => t.paren && t.clause === nextToken.clause).every((t) => isContent(t))) {
			u.alts = group.map((g) => g.t.norm);
		}
	}
	// A word the question says is still asked for where it makes one term with a word it does not
	// say: "resistant" alone is not steroid-resistant, "Leiden" alone is not factor V Leiden.
	// Such a word is asked for, but earns nothing by itself.
	for (const u of units) {
		if (!u.optional || u.t.paren) continue;
		const partners = bound.flatMap(([a, b]) => (a === u.t.norm ? [{ p: b }] : b === u.t.norm ? [{ p: a }] : []));
		if (partners.some(({ p }) => !prep.questionNorms.has(p) && units.some((v) => v.t.norm === p && !v.optional))) {
			u.optional = false;
			u.boundOnly = partners.map(({ p }) => p);
		}
	}
	// All of the answer's words in the question: they are asked for, unless the answer's number is
	// what it asks ("5 mg IV" for "what dose of IV vitamin K…": the route is the question's).
	if (units.every((u) => u.optional) && !keyTokens.some((t) => t.kind === 'quantity' && !t.paren)) for (const u of units) if (!u.t.paren) u.optional = false;
	// A word the answer repeats ("two relapses …, or three relapses …") is asked for once.
	const seenNorms = new Set<string>();
	for (const u of units) {
		if (u.optional) continue;
		if (seenNorms.has(u.t.norm)) u.optional = true;
		seenNorms.add(u.t.norm);
	}
	const inQuestion = (n: string) => prep.questionNorms.has(n);
	const keyQuantities = keyTokens.filter((t) => t.kind === 'quantity' && !t.paren);
	const typedUnits = typedTokens.map((t, i) => ({ t, i })).filter(({ t }) => isContent(t));
	const typedQuantities0 = typedTokens.map((t, i) => ({ t, i })).filter(({ t }) => t.kind === 'quantity');
	/** Typed numbers already read as a numeral naming a thing. */
	const usedQ0 = new Set<number>();

	// ---- content: exact matches first, then typos, then what conflicts ----------------------
	const pairs: Pair[] = [];
	const usedTyped = new Set<number>();
	const unitPair = new Map<Unit, Pair>();
	const order = [...units].sort((a, b) => Number(a.optional) - Number(b.optional));
	const levels = new Map<number, MatchLevel | 'conflict' | null>();
	const levelOf = (u: Unit, t: Token, i: number) => {
		const key = u.index * 4096 + i;
		let l = levels.get(key);
		if (l === undefined) levels.set(key, (l = matchLevel(u, t, ctx, inQuestion)));
		return l;
	};
	for (const want of ['exact', 'typo', 'unsure'] as const) {
		for (const u of order) {
			if (unitPair.has(u)) continue;
			for (const { t, i } of typedUnits) {
				if (usedTyped.has(i)) continue;
				if (levelOf(u, t, i) !== want) continue;
				const pair = { key: u.index, typed: i, level: want };
				pairs.push(pair);
				unitPair.set(u, pair);
				usedTyped.add(i);
				break;
			}
		}
	}
	// A parenthesis that words the same thing another way: "hypokalaemia (a low potassium level)".
	for (const u of units) {
		if (unitPair.has(u) || u.t.paren) continue;
		const next = keyTokens[u.index + 1];
		if (!next?.paren) continue;
		const group = keyTokens.map((t, i) => ({ t, i })).filter(({ t }) => t.paren && t.clause === next.clause);
		const content = group.filter(({ t }) => isContent(t));
		if (!content.length || content.length > 4) continue;
		const hits = content.map(({ t }) => typedUnits.find(({ t: x, i }) => !usedTyped.has(i) && x.norm === t.norm));
		const dirs = group.filter(({ t }) => t.kind === 'dir');
		const typedDirs = typedTokens.filter((t) => t.kind === 'dir');
		if (hits.every(Boolean) && dirs.every(({ t }) => typedDirs.some((d) => d.dir === t.dir))) {
			for (const h of hits) usedTyped.add(h!.i);
			const pair = { key: u.index, typed: hits[0]!.i, level: 'exact' as const };
			pairs.push(pair);
			unitPair.set(u, pair);
			for (const { t, i } of group) if (t.kind === 'dir') pairs.push({ key: i, typed: typedTokens.indexOf(typedDirs.find((d) => d.dir === t.dir)!), level: 'exact' });
		}
	}
	// Words run together or split by a hyphen: "micro-circulation", "glomerulosclerosis".
	for (const u of units) {
		if (unitPair.has(u) || u.t.kind !== 'word' || !u.t.surface) continue;
		const free = typedUnits.filter(({ i }) => !usedTyped.has(i));
		for (let k = 0; k + 1 < free.length; k++) {
			const a = free[k]!;
			const b = free[k + 1]!;
			if (b.i === a.i + 1 && a.t.surface && b.t.surface && typoOf(u.t.surface, a.t.surface + b.t.surface)) {
				usedTyped.add(a.i);
				usedTyped.add(b.i);
				const pair = { key: u.index, typed: a.i, level: 'exact' as const };
				pairs.push(pair);
				unitPair.set(u, pair);
				break;
			}
		}
		if (unitPair.has(u)) continue;
		const joined = free.find(({ t }) => t.surface && u.t.surface!.length >= 6 && t.surface.endsWith(u.t.surface!) && t.surface.length - u.t.surface!.length >= 4 && [...prep.questionNorms].some((q) => q.length >= 4 && t.surface!.startsWith(q.slice(0, 5))));
		if (joined) {
			usedTyped.add(joined.i);
			const pair = { key: u.index, typed: joined.i, level: 'exact' as const };
			pairs.push(pair);
			unitPair.set(u, pair);
		}
	}
	for (const u of order) {
		if (unitPair.has(u) || u.optional) continue;
		for (const { t, i } of typedUnits) {
			if (usedTyped.has(i)) continue;
			if (levelOf(u, t, i) !== 'conflict') continue;
			usedTyped.add(i);
			const kind: DifferenceKind = u.t.kind === 'named' ? 'identity' : contrasting(u.t.norm, t.norm) ? 'opposite' : 'term';
			conflict({ kind, typed: t.raw, expected: u.t.raw, message: `you wrote ${t.raw}; the answer is ${u.t.raw}` });
			break;
		}
	}
	// A numeral on its own: "2" or "class 2" for "II"; "VIII", "8" or "K" where the question names the thing.
	const onlyThis = typedUnits.length + typedQuantities0.length === 1;
	for (const u of units) {
		if (unitPair.has(u) || u.t.kind !== 'named') continue;
		const byValue = typedQuantities0.find(({ t, i }) => !usedQ0.has(i) && !t.dim && !t.cmp && t.hi === undefined && String(t.value) === u.t.id && (u.t.head === '?' || inQuestion(u.t.head!) || onlyThis));
		const byName = typedUnits.find(({ t, i }) => !usedTyped.has(i) && t.kind === 'named' && sameId(t.id!, u.t.id!) && (u.t.head === '?' ? true : t.head === '?' && (inQuestion(u.t.head!) || onlyThis)));
		if (byName) {
			usedTyped.add(byName.i);
			const pair = { key: u.index, typed: byName.i, level: 'exact' as const };
			pairs.push(pair);
			unitPair.set(u, pair);
		} else if (byValue) {
			usedQ0.add(byValue.i);
			const pair = { key: u.index, typed: byValue.i, level: 'exact' as const };
			pairs.push(pair);
			unitPair.set(u, pair);
		}
	}
	// A name without its number or letter ("factor" for factor VIII).
	for (const u of units) {
		if (unitPair.has(u) || u.optional || u.t.kind !== 'named') continue;
		const bare = typedUnits.find(({ t, i }) => !usedTyped.has(i) && t.kind === 'word' && (t.norm === u.t.head || typoOf(u.t.head!, t.norm)));
		if (!bare) continue;
		usedTyped.add(bare.i);
		if (BARE_HEADS.has(u.t.head!)) conflict({ kind: 'identity', typed: bare.t.raw, expected: u.t.raw, message: `you wrote ${bare.t.raw} without its ${/\d/.test(u.t.id!) ? 'number' : 'letter'}; the answer is ${u.t.raw}` });
		else {
			// "Antithrombin" for antithrombin III, where the deck names no other antithrombin: the same
			// protein by its current name. Where it names another (angiotensin I and II), the learner checks.
			const sole = /^\d+$/.test(u.t.id!) && [...(ctx.ids.get(u.t.head!) ?? [])].every((id) => id === u.t.id);
			const pair = { key: u.index, typed: bare.i, level: sole ? ('exact' as const) : ('unsure' as const) };
			pairs.push(pair);
			unitPair.set(u, pair);
			if (!sole) differences.push({ kind: 'unsure', typed: bare.t.raw, expected: u.t.raw, message: `you wrote ${bare.t.raw}; the answer is ${u.t.raw}` });
		}
	}

	// ---- voice in a compound: "thrombin-activatable" (thrombin acts on it) is not "thrombin-activating"
	for (const p of pairs) {
		const k = keyTokens[p.key]!;
		const t = typedTokens[p.typed]!;
		let clash: [string, string] | null = null;
		if (k.kind === 'concept' && t.kind === 'concept') {
			// The long form as the lexicon holds it keeps its hyphens; the key may be written as its abbreviation.
			const display = ctx.lexicon.phrases.find((ph) => ph.entry.norm === k.norm)?.entry.display;
			clash = voiceClash(t.raw, display ?? k.raw) ?? (display && /\s/.test(k.raw) ? voiceClash(t.raw, k.raw.replace(/\s+/g, ' ')) : null);
		} else if (k.kind === 'word' && bound.some(([, b]) => b === k.norm)) {
			const a = voice(t.surface ?? t.raw);
			const b = voice(k.surface ?? k.raw);
			if (a && b && a !== b) clash = [t.raw, k.raw];
		}
		if (clash) differences.push({ kind: 'unsure', typed: clash[0], expected: clash[1], message: `you wrote “${clash[0]}”; the answer says “${clash[1]}”, which turns round what acts on what` });
	}

	// ---- quantities ---------------------------------------------------------------------------
	const typedQuantities = typedTokens.map((t, i) => ({ t, i })).filter(({ t }) => t.kind === 'quantity');
	const usedQ = new Set<number>(usedQ0);
	let quantityScore = 0;
	const quantityPairs: [Token, number][] = [];
	let comparatorPartial = false;
	let comparatorUnsure = false;
	// A number in a parenthesis right after a number is the same value in other units: "48 mmol/mol (6.5%)".
	const altOf = (q: Token): Token | undefined => {
		const next = keyTokens[keyTokens.indexOf(q) + 1];
		return next?.kind === 'quantity' && next.paren ? next : undefined;
	};
	const questionText = prep.question.tokens.map((t) => t.raw.toLowerCase()).join(' ');
	const unitInQuestion = (q: Token) => {
		const unit = q.raw.replace(/^[\d.,–\s-]+|\s*(or|and)\s+\w+$/gi, '').toLowerCase().split(/[\s/]+/)[0] ?? '';
		return !!unit && questionText.split(/[^a-z0-9%]+/).includes(unit);
	};
	// The unit a blank's number is given in by the question ("below […] mL/kg/h"), typed in full.
	const unitOfQuestion = (t: Token) => {
		const unit = t.raw.replace(/^[\d.,–\s-]+/, '').replace(/\s+/g, '').toLowerCase();
		if (!unit) return false;
		const words = prep.questionText;
		for (let w = 0; w < words.length; w++) {
			let run = '';
			for (const next of words.slice(w, w + 3)) {
				run += next;
				// All of it, or all but a body-surface divisor ("mL/min" for "mL/min/1.73 m²").
				if (run === unit || (run.startsWith(`${unit}/`) && /^\d/.test(run.slice(unit.length + 1)))) return true;
			}
		}
		return false;
	};
	let unitUnsure = false;
	for (const q of keyQuantities) {
		const alt = altOf(q);
		let hit = typedQuantities.find(({ t, i }) => !usedQ.has(i) && (sameQuantity(q, t) || (alt && sameQuantity(alt, t)))) ?? typedQuantities.find(({ t, i }) => !usedQ.has(i) && countBound(q) && countBound(t) && countBound(q)!.lo === countBound(t)!.lo);
		if (!hit) {
			// The number without its unit, or with a unit the key leaves to the question.
			const loose = typedQuantities.find(({ t, i }) => !usedQ.has(i) && (t.hi === undefined) === (q.hi === undefined) && (!t.dim || !q.dim) && t.dim !== q.dim && (t.dim ? Math.abs(t.value! - q.value!) < 1e-9 || (sameFigures(q, t) && unitOfQuestion(t)) : sameFigures(t, q)));
			if (loose) {
				hit = loose;
				if (!loose.t.dim && !unitInQuestion(q)) {
					differences.push({ kind: 'comparator', typed: show(loose.t), expected: show(q), message: `you wrote ${show(loose.t)} without its unit; the answer is ${show(q)}` });
					comparatorPartial = true;
					quantityScore -= 0.5;
				} else if (loose.t.dim && !q.dim) unitUnsure = !questionText.includes(loose.t.raw.replace(/^[\d.,–\s-]+/, '').toLowerCase().split(/[\s/]/)[0] ?? '#');
			}
		}
		if (!hit) continue;
		usedQ.add(hit.i);
		quantityPairs.push([q, hit.i]);
		const tc = hit.t.cmp;
		const kc = q.cmp;
		const sameBound = countBound(q) && countBound(hit.t) && countBound(q)!.lo === countBound(hit.t)!.lo;
		if (tc === kc || sameBound) quantityScore++;
		else if (opposedCmp(kc, tc)) conflict({ kind: 'comparator', typed: `${CMP_TEXT[tc!]} ${show(hit.t)}`, expected: `${CMP_TEXT[kc!]} ${show(q)}`, message: `you wrote ${tc ? CMP_TEXT[tc] + ' ' : ''}${show(hit.t)}; the answer is ${kc ? CMP_TEXT[kc] + ' ' : ''}${show(q)}` });
		else if (!tc && kc && (prep.questionCmps.has(kc) || kc === 'within')) quantityScore++;
		else if (!kc && tc && (prep.questionCmps.has(tc) || tc === 'within')) quantityScore++;
		// A measured cut-off given as its figure and unit ("48 mmol/mol" for "48 mmol/mol or above",
		// "for 12 hours" for "12 hours or more"): the value that defines it. A bare count is not ("two"
		// for "two or more" relapses says nothing of more).
		else if (!tc && kc === '>=' && q.dim && hit.t.dim) quantityScore++;
		else if (!tc && kc) {
			quantityScore += 0.5;
			comparatorPartial = true;
			differences.push({ kind: 'comparator', typed: show(hit.t), expected: `${CMP_TEXT[kc]} ${show(q)}`, message: `you wrote ${show(hit.t)}; the answer is ${CMP_TEXT[kc]} ${show(q)}` });
		} else {
			quantityScore += 1;
			comparatorUnsure = true;
			differences.push({ kind: 'comparator', typed: `${tc ? CMP_TEXT[tc] + ' ' : ''}${show(hit.t)}`, expected: `${kc ? CMP_TEXT[kc] + ' ' : ''}${show(q)}`, message: `you wrote ${tc ? CMP_TEXT[tc] + ' ' : ''}${show(hit.t)}; the answer is ${kc ? CMP_TEXT[kc] + ' ' : ''}${show(q)}` });
		}
	}
	for (const q of keyQuantities) {
		if (quantityPairs.some(([k]) => k === q)) continue;
		const other = typedQuantities.find(({ t, i }) => !usedQ.has(i) && (t.dim === q.dim || (!t.dim && !q.dim) || t.dim?.split('/')[0] === q.dim?.split('/')[0]));
		if (other) {
			usedQ.add(other.i);
			conflict({ kind: 'number', typed: show(other.t), expected: show(q), message: `you wrote ${show(other.t)}; the answer is ${show(q)}` });
		}
	}
	const strayQuantities = typedQuantities.filter(({ i }) => !usedQ.has(i));
	for (const { t } of strayQuantities) {
		if (keyQuantities.some((q) => q.dim === t.dim)) conflict({ kind: 'number', typed: show(t), message: `you wrote ${show(t)}, which the answer does not have` });
	}
	// Numbers that belong together stay together: "two within six months, three within a year".
	for (let a = 0; a < quantityPairs.length; a++) {
		for (let b = a + 1; b < quantityPairs.length; b++) {
			const [ka, ta] = quantityPairs[a]!;
			const [kb, tb] = quantityPairs[b]!;
			if ((ka.clause === kb.clause) !== (typedTokens[ta]!.clause === typedTokens[tb]!.clause)) {
				conflict({ kind: 'order', message: `the numbers are paired differently from the answer (${show(ka)} … ${show(kb)})` });
				a = quantityPairs.length;
				break;
			}
		}
	}

	// ---- clauses: which typed clause says what each key clause says ---------------------------
	const keyClauses = [...new Set(keyTokens.filter((t) => !t.paren).map((t) => t.clause))];
	const typedClauses = [...new Set(typedTokens.map((t) => t.clause))];
	const align = new Map<number, number>();
	const votes = new Map<number, Map<number, number>>();
	const vote = (kc: number, tc: number) => {
		const m = votes.get(kc) ?? new Map<number, number>();
		m.set(tc, (m.get(tc) ?? 0) + 1);
		votes.set(kc, m);
	};
	for (const p of pairs) if (!keyTokens[p.key]!.paren) vote(keyTokens[p.key]!.clause, typedTokens[p.typed]!.clause);
	for (const [q, ti] of quantityPairs) vote(q.clause, typedTokens[ti]!.clause);
	for (const [kc, m] of votes) align.set(kc, [...m.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0]);
	const takenTyped = new Set(align.values());
	const freeTyped = typedClauses.filter((c) => !takenTyped.has(c) && typedTokens.some((t) => t.clause === c && (t.kind === 'dir' || t.kind === 'neg')));
	for (const kc of keyClauses) if (!align.has(kc) && keyTokens.some((t) => t.clause === kc && (t.kind === 'dir' || t.kind === 'neg')) && freeTyped.length) align.set(kc, freeTyped.shift()!);

	// ---- direction, clause by clause ------------------------------------------------------------
	let dirsWanted = 0;
	let dirsGiven = 0;
	let dirUnsure = false;
	const matchedDirs = new Set<number>();
	for (const kc of keyClauses) {
		const kd = keyTokens.filter((t) => t.clause === kc && t.kind === 'dir' && !t.paren);
		if (!kd.length) continue;
		const tc = align.get(kc);
		const td = tc === undefined ? [] : typedTokens.map((t, i) => ({ t, i })).filter(({ t }) => t.clause === tc && t.kind === 'dir');
		for (const d of kd) {
			dirsWanted++;
			const same = td.find(({ t, i }) => t.dir === d.dir && !matchedDirs.has(i));
			if (same) {
				dirsGiven++;
				matchedDirs.add(same.i);
				pairs.push({ key: keyTokens.indexOf(d), typed: same.i, level: 'exact' });
				continue;
			}
			const opposite = td.find(({ t }) => t.dir === OPPOSITE_DIR[d.dir!]);
			if (opposite) {
				matchedDirs.add(opposite.i);
				conflict({ kind: 'direction', typed: opposite.t.raw, expected: d.raw, message: `you wrote “${opposite.t.raw}”; the answer says “${d.raw}”` });
			} else if (td.length) {
				dirsGiven++;
				dirUnsure = true;
				differences.push({ kind: 'unsure', typed: td[0]!.t.raw, expected: d.raw, message: `you wrote “${td[0]!.t.raw}”; the answer says “${d.raw}”` });
			}
		}
	}
	// A direction typed where the answer has the opposite one anywhere, and none the same.
	for (const { t, i } of typedTokens.map((t, i) => ({ t, i }))) {
		if (t.kind !== 'dir' || matchedDirs.has(i)) continue;
		const keyDirs = keyTokens.filter((k) => k.kind === 'dir' && !k.paren);
		const aligned = [...align.values()].includes(t.clause) || !pairs.some((p) => !keyTokens[p.key]!.paren);
		if (!aligned && keyDirs.some((k) => k.dir === OPPOSITE_DIR[t.dir!])) {
			dirUnsure = true;
			differences.push({ kind: 'unsure', typed: t.raw, message: `you wrote “${t.raw}” about something the answer does not mention` });
			continue;
		}
		if (keyDirs.some((k) => k.dir === OPPOSITE_DIR[t.dir!]) && !keyDirs.some((k) => k.dir === t.dir) && !differences.some((d) => d.kind === 'direction')) {
			conflict({ kind: 'direction', typed: t.raw, expected: keyDirs.find((k) => k.dir === OPPOSITE_DIR[t.dir!])!.raw, message: `you wrote “${t.raw}”; the answer says “${keyDirs.find((k) => k.dir === OPPOSITE_DIR[t.dir!])!.raw}”` });
		}
	}

	// ---- negation, clause by clause; never inside a parenthesis -------------------------------
	let negUnsure = false;
	const typedNegClauses = new Set(typedTokens.filter((t) => t.kind === 'neg' && !t.paren).map((t) => t.clause));
	const checkedTyped = new Set<number>();
	for (const kc of keyClauses) {
		const tc = align.get(kc);
		if (tc === undefined) continue;
		checkedTyped.add(tc);
		const kn = keyTokens.some((t) => t.clause === kc && t.kind === 'neg' && !t.paren);
		const tn = typedNegClauses.has(tc);
		if (kn === tn) continue;
		if (tn && prep.questionNegated) continue;
		const negativeWord = typedTokens.find((t) => t.clause === tc && NEGATIVE_STEMS.has(t.norm));
		if (kn && negativeWord) {
			negUnsure = true;
			differences.push({ kind: 'unsure', typed: negativeWord.raw, expected: 'not', message: `the answer says “not”; you wrote “${negativeWord.raw}”` });
			continue;
		}
		conflict({ kind: 'negation', message: kn ? 'the answer says “not”; your answer does not' : 'your answer says “not”; the answer does not' });
	}
	// A "not" in a typed clause that says nothing of the key's.
	for (const tc of typedNegClauses) {
		if (checkedTyped.has(tc) || prep.questionNegated) continue;
		if (keyTokens.some((t) => t.kind === 'neg' && !t.paren)) continue;
		// A "not" about the answer's own words contradicts it; about something else, it cannot be checked.
		const aboutKey = typedTokens.some((t, i) => t.clause === tc && pairs.some((p) => p.typed === i));
		if (aboutKey || !pairs.length) conflict({ kind: 'negation', message: 'your answer says “not”; the answer does not' });
		else {
			negUnsure = true;
			differences.push({ kind: 'unsure', message: 'your answer adds a “not” about something the answer does not mention' });
		}
	}

	// ---- opposite words ("intrinsic" for extrinsic, "small amounts" for large) ---------------
	const keyNorms = new Set(keyTokens.map((t) => (t.kind === 'light' ? stem(t.norm) : t.norm)));
	for (const t of typedTokens) {
		const n = t.kind === 'light' ? stem(t.norm) : t.norm;
		for (const [a, b] of OPPOSITE_STEMS) {
			const other = n === a ? b : n === b ? a : null;
			if (other && keyNorms.has(other) && !keyNorms.has(n) && typedTokens.some((x) => (x.kind === 'light' ? stem(x.norm) : x.norm) === other)) {
				negUnsure = true;
				differences.push({ kind: 'unsure', typed: t.raw, message: `you wrote both “${t.raw}” and its opposite` });
				continue;
			}
			if (other && keyNorms.has(other) && !keyNorms.has(n) && !differences.some((d) => d.typed === t.raw)) {
				conflict({ kind: 'opposite', typed: t.raw, expected: keyTokens.find((k) => (k.kind === 'light' ? stem(k.norm) : k.norm) === other)?.raw, message: `you wrote “${t.raw}”, the opposite of the answer's “${keyTokens.find((k) => (k.kind === 'light' ? stem(k.norm) : k.norm) === other)?.raw}”` });
			}
		}
	}

	// ---- each direction bound to what it is said of ---------------------------------------------
	// "Pulmonary arterioles constrict, systemic ones dilate" is not "constricts systemic and dilates
	// pulmonary"; "right (lower affinity)" is not "right, increased affinity", even though every
	// word is there. Only a binding that is unambiguous on both sides counts.
	if (!differences.some((d) => d.kind === 'direction' || d.kind === 'opposite')) {
		const keyBinds = polarBindings(keyTokens, false);
		const swapped: { raw: string; want: { raw: string; subject: string }; plain: boolean }[] = [];
		for (const [subject, axes] of polarBindings(typedTokens, true)) {
			const k = keyBinds.get(subject);
			if (!k) continue;
			for (const [axis, { sign, raw }] of axes) {
				const want = k.get(axis);
				if (want && want.sign !== 0 && sign !== 0 && want.sign !== sign) swapped.push({ raw, want, plain: !polarity(keyTokens.find((t) => t.norm === subject)!) });
			}
		}
		// Said of a plain word ("systemic") rather than of another opposite ("afferent"), it reads best.
		const w = swapped.find((x) => x.plain) ?? swapped[0];
		if (w) conflict({ kind: 'direction', typed: w.raw, expected: w.want.raw, message: `the answer pairs “${w.want.subject}” with “${w.want.raw}”, not “${w.raw}”` });
	}

	// ---- order: "from A into B" is not "from B into A" ------------------------------------------
	for (const kc of keyClauses) {
		const clause = keyTokens.map((t, i) => ({ t, i })).filter(({ t }) => t.clause === kc && !t.paren);
		const markerAt = clause.findLastIndex(({ t }, k) => t.kind === 'order' && t.norm !== 'from' && k > 0 && k < clause.length - 1);
		if (markerAt < 0) continue;
		const before = clause.slice(0, markerAt).filter(({ t }) => isContent(t));
		const after = clause.slice(markerAt + 1).filter(({ t }) => isContent(t));
		const both = new Set(before.map(({ t }) => t.norm).filter((n) => after.some(({ t }) => t.norm === n)));
		const pos = (list: typeof before) => list.filter(({ t }) => !both.has(t.norm)).map(({ i }) => pairs.find((p) => p.key === i)?.typed).filter((x): x is number => x !== undefined);
		const a = pos(before);
		const b = pos(after);
		if (!a.length || !b.length) continue;
		if (Math.min(...a) > Math.max(...b)) {
			const between = typedTokens.slice(Math.max(...b), Math.min(...a));
			const reversed = between.some((t) => (t.kind === 'order' && t.norm === 'from') || (t.kind === 'light' && t.norm === 'by') || t.norm === 'after');
			if (!reversed) conflict({ kind: 'order', message: `the order is reversed: the answer goes from ${keyTokens[before[0]!.i]!.raw} to ${keyTokens[after[0]!.i]!.raw}` });
		}
	}

	// ---- what was typed beyond the answer -----------------------------------------------------
	const requiredUnits = units.filter((u) => !u.optional);
	const optionalNorms = new Set(units.flatMap((u) => [u.t.norm, ...u.alts]));
	const stray = typedUnits.filter(({ t, i }) => !usedTyped.has(i) && !optionalNorms.has(t.norm) && !prep.questionNorms.has(t.norm));
	for (const { t } of stray) {
		if (t.kind === 'named' && units.some((u) => u.t.kind === 'named' && u.t.head === t.head)) conflict({ kind: 'identity', typed: t.raw, message: `you also wrote ${t.raw}, which is not the answer` });
	}
	const tolerance = requiredUnits.length >= 6 ? 2 : requiredUnits.length >= 3 ? 1 : 0;
	const strayWords = stray.filter(({ t }) => !(t.kind === 'named' && units.some((u) => u.t.kind === 'named' && u.t.head === t.head)));

	// ---- the verdict --------------------------------------------------------------------------
	const matchedRequired = requiredUnits.filter((u) => unitPair.has(u) && (!u.boundOnly || u.boundOnly.some((p) => requiredUnits.some((v) => v.t.norm === p && !v.boundOnly && unitPair.has(v)))));
	const missing = requiredUnits.filter((u) => !unitPair.has(u));
	const wanted = requiredUnits.length + keyQuantities.length + dirsWanted;
	let got = matchedRequired.length + quantityScore + dirsGiven;
	// A plain word beside a named thing ("TAFI antigen level") is detail, not the fact: with every
	// name, number and direction given, a few such words may be left out.
	const strong = (u: Unit) => u.t.kind !== 'word';
	const soft = missing.filter((u) => !strong(u) && requiredUnits.some((v) => strong(v) && unitPair.has(v) && v.t.clause === u.t.clause));
	if (soft.length && soft.length === missing.length && soft.length * 3 <= wanted && quantityScore === keyQuantities.length && dirsGiven === dirsWanted) got = wanted;
	const score = wanted ? got / wanted : 0;
	for (const u of missing) if (!differences.some((d) => d.expected === u.t.raw)) differences.push({ kind: soft.includes(u) && got >= wanted ? 'spelling' : 'missing', expected: u.t.raw, message: soft.includes(u) && got >= wanted ? `the answer also says “${u.t.raw}”` : `missing: ${u.t.raw}` });
	if (dirsGiven < dirsWanted && !differences.some((d) => d.kind === 'direction')) differences.push({ kind: 'missing', message: 'missing: which way it changes' });
	const unsureTypos = pairs.filter((p) => p.level === 'unsure');
	for (const p of unsureTypos) if (!differences.some((d) => d.typed === typedTokens[p.typed]!.raw)) differences.push({ kind: 'unsure', typed: typedTokens[p.typed]!.raw, expected: keyTokens[p.key]!.raw, message: `is “${typedTokens[p.typed]!.raw}” a slip for “${keyTokens[p.key]!.raw}” or another word?` });
	const typos = pairs.filter((p) => p.level === 'typo' && typedTokens[p.typed]!.norm !== keyTokens[p.key]!.norm);
	for (const p of typos) differences.push({ kind: 'spelling', typed: typedTokens[p.typed]!.raw, expected: keyTokens[p.key]!.raw, message: `spelling: ${keyTokens[p.key]!.raw}` });
	// A direction typed where the answer states none ("factor VIII deficiency" for "factor VIII").
	const strayDirs = !keyTokens.some((t) => t.kind === 'dir') && typedTokens.some((t, i) => t.kind === 'dir' && !matchedDirs.has(i) && !prep.question.tokens.some((q) => q.kind === 'dir' && q.dir === t.dir));
	if (strayDirs) differences.push({ kind: 'added', typed: typedTokens.find((t) => t.kind === 'dir')!.raw, message: `you added “${typedTokens.find((t) => t.kind === 'dir')!.raw}”, which the answer does not say` });
	const extraWords = strayWords.some(({ t }) => isNamedTerm(t.norm)) || strayDirs || unitUnsure || strayWords.length > tolerance || strayQuantities.some(({ t }) => !keyQuantities.some((q) => q.dim === t.dim));
	if (extraWords) differences.push({ kind: 'added', typed: strayWords.map(({ t }) => t.raw).join(', '), message: `you added ${strayWords.map(({ t }) => `“${t.raw}”`).join(', ') || 'a number'}, which the answer does not say` });

	// Nothing in common with a short answer, and a word of its own: say what was written instead.
	if (!differences.some((d) => d.kind !== 'missing' && d.kind !== 'added' && d.kind !== 'spelling') && missing.length && strayWords.length && !matchedRequired.length) {
		differences.unshift({ kind: 'term', typed: strayWords.map(({ t }) => t.raw).join(' '), expected: missing.map((u) => u.t.raw).join(' '), message: `you wrote ${strayWords.map(({ t }) => t.raw).join(' ')}; the answer is ${missing.map((u) => u.t.raw).join(' ')}` });
	}
	const hasConflict = differences.some((d) => ['identity', 'term', 'number', 'direction', 'negation', 'order', 'opposite'].includes(d.kind) || (d.kind === 'comparator' && !comparatorPartial && !comparatorUnsure));
	let verdict: Verdict;
	if (hasConflict) verdict = 'wrong';
	else if (got >= wanted && wanted > 0) verdict = unsureTypos.length || dirUnsure || negUnsure || comparatorUnsure || extraWords || differences.some((d) => d.kind === 'unsure') ? 'close' : 'right';
	else if ((score >= 1 / 3 && got >= 1) || (quantityPairs.length && quantityScore > 0)) verdict = 'partly';
	else verdict = 'wrong';
	if (verdict === 'partly' && comparatorPartial && got >= wanted - 0.5) verdict = 'partly';
	return finish(verdict, Math.min(1, score), differences, pairs, [...usedTyped]);

	function finish(verdict: Verdict, score: number, diffs: Difference[], ps: Pair[], _used: number[]): TypedResult {
		const order: DifferenceKind[] = ['identity', 'term', 'number', 'comparator', 'direction', 'negation', 'order', 'opposite', 'unsure', 'added', 'missing', 'spelling'];
		const sorted = [...diffs].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
		const shown = verdict === 'right' ? sorted.filter((d) => d.kind === 'spelling') : sorted.filter((d) => d.kind !== 'spelling');
		// The word-by-word comparison is drawn only when shown: a distractor search grades many.
		let diff: DiffPart[] | undefined;
		return {
			verdict,
			score,
			reason: shown[0]?.message ?? '',
			differences: sorted,
			get diff() {
				return (diff ??= wordDiff(typedTokens, keyTokens, ps));
			}
		};
	}
}

/** Word-level differences between what was typed and the answer, for showing both. */
function wordDiff(typed: Token[], key: Token[], pairs: Pair[]): DiffPart[] {
	const a = key.filter((t) => t.kind !== 'light' || !['a', 'an', 'the'].includes(t.norm));
	const b = typed.filter((t) => t.kind !== 'light' || !['a', 'an', 'the'].includes(t.norm));
	const ai = a.map((t) => key.indexOf(t));
	const bi = b.map((t) => typed.indexOf(t));
	const same = (i: number, j: number) => pairs.some((p) => p.key === ai[i] && p.typed === bi[j]) || (a[i]!.kind !== 'quantity' && a[i]!.norm === b[j]!.norm && a[i]!.kind === b[j]!.kind) || (a[i]!.kind === 'quantity' && b[j]!.kind === 'quantity' && sameQuantity(a[i]!, b[j]!));
	const n = a.length;
	const m = b.length;
	const L: number[][] = Array.from({ length: n + 1 }, () => Array<number>(m + 1).fill(0));
	for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i]![j] = same(i, j) ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
	const out: DiffPart[] = [];
	let i = 0;
	let j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && same(i, j)) {
			out.push({ text: a[i]!.raw, kind: 'same' });
			i++;
			j++;
		} else if (j < m && (i === n || L[i]![j + 1]! >= L[i + 1]![j]!)) {
			out.push({ text: b[j]!.raw, kind: 'extra' });
			j++;
		} else {
			out.push({ text: a[i]!.raw, kind: 'missing' });
			i++;
		}
	}
	return out;
}

export { ID_HEADS };
