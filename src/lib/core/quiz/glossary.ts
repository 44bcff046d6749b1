// What a deck teaches the grader: its abbreviations ("antithrombin III (AT-III)" teaches both
// ways), on top of a short curated list, and the words it knows, so a typo is never read as
// another term the deck or the lexicon holds.

import { CURATED_ABBREVIATIONS, KNOWN_TERMS } from './lexicon.ts';
import { analyze, contentNorms, phraseKey, romanValue, type LexEntry, type Lexicon } from './normalize.ts';

const ABBR = /^(?=.*[A-Z])[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$/;

/** Does the abbreviation's letters appear, in order, through the long form, starting with its first word? */
function spells(abbr: string, long: string): boolean {
	const letters = abbr.toLowerCase().replace(/[^a-z0-9]/g, '');
	const text = long.toLowerCase();
	if (!letters || text[0] !== letters[0] || letters.length < 2) return false;
	let at = 0;
	for (const ch of letters) {
		const next = text.indexOf(ch, at);
		if (next < 0) return false;
		at = next + 1;
	}
	return text.replace(/[^a-z]/g, '').length >= letters.length * 2;
}

/** The shortest run of the words before a parenthesis that the abbreviation spells. */
function longFormBefore(before: string, abbr: string): string | null {
	const words = before.split(/[\s]+/).filter(Boolean);
	const max = Math.min(words.length, abbr.replace(/[^A-Za-z0-9]/g, '').length + 3);
	for (let n = 1; n <= max; n++) {
		const run = words.slice(words.length - n);
		if (/[,;:.]$/.test(run[0] ?? '')) break;
		const long = run.join(' ').replace(/[,;:.]+$/, '');
		if (spells(abbr, long.replace(/-/g, ' '))) return long;
	}
	return null;
}

/** Pairs of (abbreviation, long form) a text states: "long form (ABBR)", "ABBR (long form)", "(long form, ABBR)". */
export function abbreviationsIn(text: string): [string, string][] {
	const out: [string, string][] = [];
	for (const m of text.matchAll(/([^()]{0,160}?)\(([^()]{1,120})\)/g)) {
		const before = m[1]!.replace(/\s+$/, '');
		const inside = m[2]!.trim();
		const parts = inside.split(/\s*[,;]\s*/);
		const last = parts.at(-1)!;
		if (ABBR.test(inside) && inside.length <= 10) {
			const long = longFormBefore(before, inside);
			if (long) out.push([inside, long]);
			continue;
		}
		if (parts.length === 2 && ABBR.test(last) && spells(last, parts[0]!.replace(/-/g, ' '))) {
			out.push([last, parts[0]!]);
			continue;
		}
		const word = /([A-Za-z][A-Za-z0-9-]*)$/.exec(before)?.[1];
		if (word && ABBR.test(word) && word.length <= 10 && spells(word, inside.replace(/-/g, ' '))) out.push([word, inside]);
	}
	return out;
}

function keysOf(abbr: string): string[] {
	const parts = abbr.toLowerCase().split(/[-\s]+/);
	const plain = parts.join('');
	const arabic = parts.map((p, i) => (i > 0 && /^(i{1,3}|iv|vi{0,3}|ix|xi{0,3})$/.test(p) ? String(romanValue(p)) : p)).join('');
	return [...new Set([plain, arabic])];
}

function addPairs(lexicon: Lexicon, pairs: readonly [string, string][]): void {
	// Short long forms first, so a longer one can be read with the shorter inside (oxidised LDL).
	const ordered = [...pairs].sort((a, b) => a[1].split(/\s+/).length - b[1].split(/\s+/).length);
	const taken = new Set<string>();
	for (const [abbr, long] of ordered) {
		const keys = keysOf(abbr).filter((k) => !taken.has(k));
		if (!keys.length) continue;
		const tokens = analyze(long, lexicon).tokens.filter((t) => t.kind !== 'quantity');
		const content = tokens.filter((t) => t.kind !== 'light');
		if (!content.length) continue;
		let entry: LexEntry;
		const bare = tokens.filter((t) => !(t.kind === 'light' && ['a', 'an', 'the', 'of'].includes(t.norm)));
		if (bare.length === 1 && (content[0]!.kind === 'word' || content[0]!.kind === 'named' || content[0]!.kind === 'concept')) {
			const t = content[0]!;
			entry = { kind: t.kind as LexEntry['kind'], norm: t.norm, head: t.head, id: t.id, display: long };
		} else {
			const words = tokens.map(phraseKey);
			// Its words, with "low" and "high" kept as words: LDL and HDL differ by them alone.
			const parts = content.flatMap((t) => (t.kind === 'concept' && t.parts ? t.parts : t.kind === 'dir' ? [phraseKey(t)] : [t.norm]));
			const partRaws = content.flatMap((t) => (t.kind === 'concept' && t.parts ? (t.partRaws ?? t.parts) : [t.raw]));
			entry = { kind: 'concept', norm: `c:${words.join(' ')}`, display: long, parts, partRaws };
			if (!lexicon.phrases.some((p) => p.entry.norm === entry.norm)) lexicon.phrases.push({ words, entry });
		}
		for (const k of keys) {
			lexicon.abbreviations.set(k, entry);
			taken.add(k);
		}
	}
	lexicon.phrases.sort((a, b) => b.words.length - a.words.length);
}

let curated: Lexicon | null = null;
/** Lexicons by the pairs they learnt: stretches of one deck teach the same ones, and share one lexicon (and its readings). */
const learntLexicons = new Map<string, Lexicon>();
const pairsOfText = new Map<string, [string, string][]>();

function pairsIn(text: string): [string, string][] {
	let pairs = pairsOfText.get(text);
	if (!pairs) {
		if (pairsOfText.size >= 5_000) pairsOfText.clear();
		pairsOfText.set(text, (pairs = abbreviationsIn(text)));
	}
	return pairs;
}

/** A lexicon from the curated abbreviations plus those the given texts teach (the deck's meaning wins). */
export function buildLexicon(texts: string[] = []): Lexicon {
	if (!curated) {
		curated = { abbreviations: new Map(), phrases: [] };
		addPairs(curated, CURATED_ABBREVIATIONS);
	}
	const learnt = texts.flatMap(pairsIn);
	if (!learnt.length) return curated;
	const key = JSON.stringify(learnt);
	const known = learntLexicons.get(key);
	if (known) return known;
	const lexicon: Lexicon = { abbreviations: new Map(curated.abbreviations), phrases: [...curated.phrases] };
	addPairs(lexicon, learnt);
	if (learntLexicons.size >= 20) learntLexicons.clear();
	learntLexicons.set(key, lexicon);
	return lexicon;
}

/** Everything a grader needs to know about a deck, computed once per deck. */
export interface GradeContext {
	lexicon: Lexicon;
	/** Word norms of terms the deck and the curated list hold: a typo may not land on or near one. */
	known: Set<string>;
	/** For each head that names things by number or letter (factor, antithrombin), the ones the deck names. */
	ids: Map<string, Set<string>>;
}

let curatedKnown: Set<string> | null = null;
let curatedOnly: GradeContext | null = null;

/** The context for a deck: its cards' texts and its source document. */
export function gradeContext(texts: string[] = []): GradeContext {
	const learns = texts.some((t) => t.includes('('));
	if (!learns && curatedOnly && !texts.length) return curatedOnly;
	if (!curatedKnown) {
		curatedKnown = new Set<string>();
		for (const w of KNOWN_TERMS) for (const n of contentNorms(w)) curatedKnown.add(n);
	}
	const lexicon = buildLexicon(learns ? texts : []);
	const known = new Set(curatedKnown);
	const ids = new Map<string, Set<string>>();
	for (const text of texts) {
		for (const t of analyze(text, lexicon).tokens) {
			if ((t.kind === 'word' || t.kind === 'concept') && t.norm.length >= 5) known.add(t.norm);
			if (t.kind === 'named' && t.head && t.head !== '?') ids.set(t.head, (ids.get(t.head) ?? new Set()).add(t.id!));
		}
	}
	const ctx = { lexicon, known, ids };
	if (!texts.length) curatedOnly = ctx;
	return ctx;
}
