// How an answer is read: text → tokens that each say what kind of thing they are. Words are put
// in one spelling and one word form (British/American, plural, -osis/-otic…); numbers, units and
// comparators become quantities; abbreviations and their long forms become one concept; a single
// letter, a Greek letter or a numeral joins the word it names (factor VIII, protein S, type 2),
// and that joined name must later match exactly. Negation and direction words are marked, and
// every token knows its clause and whether it sits inside a parenthesis.

import { CONTRAST_PREFIXES, CONTRAST_SUFFIXES, DOWN, BETTER, GREEK, GREEK_NAMES, ID_HEADS, LIGHT, NEGATED_ADJECTIVES, NEGATIONS, NUMBER_ONLY_UNITS, NUMBER_WORDS, SYNONYM_GROUPS, UNITS, UP, WORSE } from './lexicon.ts';

export type TokenKind = 'word' | 'concept' | 'named' | 'code' | 'quantity' | 'cmp' | 'neg' | 'dir' | 'light' | 'order';
export type Direction = 'up' | 'down' | 'worse' | 'better';
export type Comparator = '>=' | '>' | '<=' | '<' | 'within' | 'beyond';

export interface Token {
	kind: TokenKind;
	/** The canonical form compared. */
	norm: string;
	/** The words as written, for showing differences. */
	raw: string;
	clause: number;
	/** Inside a parenthesis (an aside, a gloss or a second name: never required). */
	paren: boolean;
	/** A word as written, in one spelling but not yet reduced to its stem (for typos). */
	surface?: string;
	/** A concept's long form, as content norms: an abbreviation can be read as its words. */
	parts?: string[];
	/** The long form's words as written, one per part (for messages). */
	partRaws?: string[];
	/** A named thing's head word and its exact identity (factor + 8, protein + s). */
	head?: string;
	id?: string;
	dir?: Direction;
	/** A quantity: value in its dimension's base unit, the dimension ('' for a count), a range's top. */
	value?: number;
	hi?: number;
	dim?: string;
	cmp?: Comparator;
}

/** Abbreviations and long forms a grader knows: curated, and learnt from a deck (see glossary.ts). */
export interface Lexicon {
	/** Abbreviation (lower case, no separators) → the token norm it stands for. */
	abbreviations: Map<string, LexEntry>;
	/** Multi-word forms (as word norms) → the token they become, longest first. */
	phrases: { words: string[]; entry: LexEntry }[];
}
export interface LexEntry {
	kind: 'concept' | 'named' | 'word';
	norm: string;
	head?: string;
	id?: string;
	/** The long form, for messages. */
	display: string;
	parts?: string[];
	/** The long form's words as written, one per part (for messages). */
	partRaws?: string[];
}

export const EMPTY_LEXICON: Lexicon = { abbreviations: new Map(), phrases: [] };

/** Abbreviations that are also English words: read as abbreviations only in capitals. */
const WORDLIKE = new Set(['at', 'as', 'is', 'it', 'or', 'us', 'am', 'pm', 'pe', 'ms', 'ace', 'hit', 'pt', 'mi', 'hb', 'bp', 'af', 'pai', 'mps', 'he', 'ns']);
const ROMAN = /^(i{1,3}|iv|vi{0,3}|ix|xi{0,3}|xiv|xv)$/;
const ROMAN_VALUES: Record<string, number> = { i: 1, v: 5, x: 10 };

export function romanValue(r: string): number {
	let total = 0;
	for (let i = 0; i < r.length; i++) {
		const v = ROMAN_VALUES[r[i]!]!;
		const next = ROMAN_VALUES[r[i + 1] ?? ''] ?? 0;
		total += v < next ? -v : v;
	}
	return total;
}

// ---- memory ----------------------------------------------------------------------------------

/** Word-level results remembered (a deck's vocabulary is small; each map is emptied past a cap). */
const MEMO = { stem: new Map<string, string>(), spelled: new Map<string, string>(), wordNorm: new Map<string, string>(), canonical: new Map<string, string>(), unitKey: new Map<string, string>() };
function remember(memo: Map<string, string>, w: string, fn: (w: string) => string): string {
	let v = memo.get(w);
	if (v === undefined) {
		if (memo.size >= 50_000) memo.clear();
		memo.set(w, (v = fn(w)));
	}
	return v;
}

// ---- word forms ------------------------------------------------------------------------------

const SPELLING: [RegExp, string][] = [
	[/ae(?=m|s|t|c|d|n)/g, 'e'], // haem, anaemia, leukaemia, caecum, paediatric, aetiology
	[/oe(?=d|s|ph|c|t|n)/g, 'e'], // oedema, oesophagus, coeliac, foetal, oestrogen
	[/sulph/g, 'sulf'],
	[/ise(s|d)?$/g, 'ize$1'],
	[/ising$/g, 'izing'],
	[/isation(s)?$/g, 'ization$1'],
	[/yse(s|d)?$/g, 'yze$1'],
	[/our(s)?$/g, 'or$1'],
	[/tre(s)?$/g, 'ter$1'],
	[/ence$/g, 'ense'],
	[/ogue(s)?$/g, 'og$1'],
	[/ll(ed|ing)$/g, 'l$1']
];
const KEEP_SPELLING = new Set(['raise', 'raised', 'raises', 'rise', 'rises', 'arise', 'otherwise', 'exercise', 'precise', 'advise', 'course', 'hour', 'four', 'your', 'our', 'pour', 'tour', 'sense', 'dense', 'immense', 'condense', 'fibre', 'metre']);

/** Irregular word families: every form → one stem. */
const FAMILY: Record<string, string> = {};
for (const group of [
	'adhere adheres adhered adhering adhesion adhesive adherence',
	'respond responds responded responding response responses responsive responder responders',
	'resist resists resisted resistance resistant',
	'depend depends depended dependence dependency dependent',
	'inflame inflamed inflammation inflammatory',
	'glomerulus glomeruli glomerular',
	'thrombus thrombi',
	'embolus emboli',
	'nucleus nuclei',
	'bacterium bacteria bacterial',
	'fungus fungi fungal',
	'virus viruses viral',
	'mesangium mesangial',
	'nephron nephrons',
	'deposit deposits deposited depositing deposition',
	'absorb absorbs absorbed absorption',
	'excrete excretes excreted excretion',
	'secrete secretes secreted secreting secretion',
	'retain retains retained retention',
	'lose loses losing lost loss',
	'destroy destroys destroyed destruction',
	'replace replaces replaced replacing replacement',
	'aggregate aggregates aggregated aggregating aggregation',
	'relapse relapses relapsed relapsing',
	'fibrinolysis fibrinolytic',
	'coagulate coagulates coagulated coagulation',
	'hypercoagulable hypercoagulability hypercoagulation',
	'immunity immune',
	'apoptosis apoptotic',
	'synthesis synthesize synthesizes synthesized synthesizing synthesise synthesised',
	'produce produces produced producing production',
	'infect infects infected infection infections infective infectious',
	'phagocytic phagocytosis phagocyte phagocytes',
	'endocytosis endocytic',
	'remission remit remits',
	'taper tapers tapered tapering',
	'transform transforms transformed transformation',
	'proliferate proliferates proliferated proliferating proliferation proliferative',
	'oxidize oxidizes oxidized oxidation oxidative oxidise oxidised',
	'activate activates activated activating activation activatable',
	'injure injures injured injury injuries',
	'damage damages damaged damaging',
	'urine urinary',
	'steroid steroids',
	'die dies died death',
	'clear clears cleared clearance',
	'use uses used using usage',
	'dilate dilates dilated dilating dilation dilatation',
	'constrict constricts constricted constricting constriction'
]) {
	const words = group.split(' ');
	for (const w of words) FAMILY[w] = words[0]!;
}

function undouble(w: string): string {
	return /([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w) ? w.slice(0, -1) : w;
}

/** One stem for a word's forms: plural, -ed/-ing, -ation/-ate, -osis/-otic, -ability/-able… */
export function stem(w: string): string {
	return remember(MEMO.stem, w, stemOf);
}
function stemOf(word: string): string {
	let w = word;
	if (FAMILY[w]) return FAMILY[w]!;
	if (w.length <= 4) return w;
	const rules: [RegExp, string][] = [
		[/abilities$|ability$|able$/, 'abl'],
		[/ibilities$|ibility$|ible$/, 'ibl'],
		[/(osis|oses|otic|osed|osing)$/, 'os'],
		[/(itis|itic)$/, 'it'],
		[/(ysis|yses|ytic)$/, 'ys'],
		[/(ations?|atory|ative|ates|ated|ating|ate)$/, 'at'],
		[/(izations?|izes|ized|izing|ize)$/, 'iz'],
		[/(ities|ity)$/, ''],
		[/ness$/, ''],
		[/ments?$/, ''],
		[/ions?$/, ''],
		[/ies$|ied$/, 'i'],
		[/ings?$/, ''],
		[/(sses|xes|zes|ches|shes)$/, '$1'],
		[/ed$/, ''],
		// "extrinsically", "typically": the adjective's stem (typical and typic alike).
		[/ic(al|ally)$/, 'ic'],
		[/ly$/, ''],
		// "rightward", "leftwards": the side itself (upward, toward stay whole: too short to strip).
		[/wards?$/, ''],
		[/(?<![su])s$/, '']
	];
	for (const [re, to] of rules) {
		if (!re.test(w)) continue;
		const next = w.replace(re, to === '$1' ? '' : to);
		const fixed = to === '$1' ? w.slice(0, -2) : next;
		if (fixed.length >= 4) w = to === '' || to === '$1' ? undouble(fixed) : fixed;
		break;
	}
	if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
	if (w.length > 4 && w.endsWith('y')) w = w.slice(0, -1) + 'i';
	return FAMILY[w] ?? w;
}

const SYNONYM: Record<string, string> = {};
const MULTI_SYNONYMS: { words: string[]; to: string }[] = [];
for (const group of SYNONYM_GROUPS) {
	const to = wordNorm(group[0]!);
	for (const form of group) {
		const parts = form.split(' ');
		if (parts.length === 1) SYNONYM[wordNorm(form)] = to;
		else MULTI_SYNONYMS.push({ words: parts.map(wordNorm), to });
	}
}

/** A word in one spelling (American), not yet stemmed. */
function spelled(w: string): string {
	return remember(MEMO.spelled, w, spelledOf);
}
function spelledOf(word: string): string {
	let w = word.toLowerCase().replace(/'s$/, '');
	if (!KEEP_SPELLING.has(w)) for (const [re, to] of SPELLING) w = w.replace(re, to);
	return w;
}

/** A word in its canonical spelling and form (no synonyms applied). */
export function wordNorm(w: string): string {
	return remember(MEMO.wordNorm, w, wordNormOf);
}
function wordNormOf(word: string): string {
	return stem(spelled(word));
}

const LEVELS: Record<string, string> = { natr: 'sodium', kal: 'potassium', calc: 'calcium', glyc: 'glucose', magnes: 'magnesium', phosphat: 'phosphate' };

/** Short forms learners type for a word. */
const WORD_ALIASES: Record<string, string> = {
	vit: 'vitamin',
	vits: 'vitamins',
	pts: 'patients',
	abx: 'antibiotics',
	tx: 'treatment',
	dx: 'diagnosis',
	hep: 'hepatitis',
	prot: 'protein',
	bili: 'bilirubin',
	alb: 'albumin',
	hypercoag: 'hypercoagulable',
	pos: 'positive',
	neg: 'negative',
	dependant: 'dependent',
	pathologic: 'pathological'
};

function canonical(w: string): string {
	return remember(MEMO.canonical, w, canonicalOf);
}
function canonicalOf(word: string): string {
	const n = wordNorm(word);
	return SYNONYM[n] ?? n;
}

// ---- typos -----------------------------------------------------------------------------------

/** Optimal string alignment distance (Levenshtein with adjacent transpositions), capped. */
export function editDistance(a: string, b: string, cap = 3): number {
	if (Math.abs(a.length - b.length) > cap) return cap + 1;
	const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
	for (let j = 0; j <= b.length; j++) d[0]![j] = j;
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
			d[i]![j] = v;
		}
	}
	return d[a.length]![b.length]!;
}

/** Typos forgiven in a word of this length: none in short words, where one letter changes meaning. */
export function typoAllowance(word: string): number {
	if (word.length <= 4 || /\d/.test(word)) return 0;
	if (word.length <= 9) return 1;
	return 2;
}

/** Do two words differ by a prefix or ending that changes meaning (hyper-/hypo-, -itis/-osis)? */
export function contrasting(a: string, b: string): [string, string] | null {
	for (const [x, y] of CONTRAST_PREFIXES) {
		if ((a.startsWith(x) && b.startsWith(y) && !b.startsWith(x)) || (a.startsWith(y) && b.startsWith(x) && !a.startsWith(x))) return a.startsWith(x) ? [x + '-', y + '-'] : [y + '-', x + '-'];
	}
	for (const [x, y] of CONTRAST_SUFFIXES) {
		if ((a.endsWith(x) && b.endsWith(y)) || (a.endsWith(y) && b.endsWith(x))) return a.endsWith(x) ? ['-' + x, '-' + y] : ['-' + y, '-' + x];
	}
	return null;
}

/** A typed word is a typo of an expected one: same first letter, within the allowance, no contrast. */
export function typoOf(expected: string, typed: string): boolean {
	if (expected === typed) return true;
	const allow = typoAllowance(expected);
	if (!allow || expected[0] !== typed[0] || /\d/.test(typed)) return false;
	if (contrasting(expected, typed)) return false;
	return editDistance(expected, typed, allow) <= allow;
}

// ---- lexing ----------------------------------------------------------------------------------

interface Piece {
	text: string;
	lower: string;
	type: 'num' | 'word' | 'sym' | 'punct';
	/** Attached to the piece before (a hyphen or no space between). */
	joined: boolean;
	/** Attached by a hyphen. */
	hyphen: boolean;
	paren: boolean;
}

function prep(text: string): string {
	return text
		.replace(/[µμ](?=[gmlo])/g, 'u')
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.replace(/[αβγδεκλμστω]/g, (m) => ` ${GREEK[m]} `)
		.replace(/[‐‑‒–—−]/g, '-')
		.replace(/[’‘`]/g, "'")
		.replace(/>=|=>|⩾/g, '≥')
		.replace(/<=|=<|⩽/g, '≤')
		.replace(/->|⇒|⟶/g, '→')
		.replace(/\bNa\+?\s*[-/]\s*K\+?(?=[\s-]|$)/g, 'sodium potassium')
		.replace(/\bN-acetyl/gi, 'acetyl')
		// Shorthand learners type: arrows, lower-case L for I in numerals and Ig classes, "+ve".
		.replace(/↑/g, ' up ')
		.replace(/↓/g, ' down ')
		.replace(/\b(factor|type|class|stage|grade)\s+([vxl]*l[vxl]*)\b/gi, (_m, head: string, n: string) => `${head} ${n.replace(/l/g, 'I')}`)
		.replace(/\b[lI]g\s?([ADEGM])\b/g, 'Ig$1')
		.replace(/\bG\s?\+(?=\s|$)/g, 'Gram-positive ')
		.replace(/\bG\s?-(?=\s|$)/g, 'Gram-negative ')
		.replace(/\s?\+\s?ve\b/gi, ' positive')
		.replace(/\s?-\s?ve\b/gi, ' negative')
		.replace(/\b(beta|alpha)(blockers?|agonists?|antagonists?|lactams?)\b/gi, '$1 $2')
		.replace(/\bhypo(K|Na|Ca|Mg)\b/g, (_m, e: string) => `hypo${{ K: 'kal', Na: 'natr', Ca: 'calc', Mg: 'magnes' }[e]}aemia`)
		.replace(/\bhyper(K|Na|Ca|Mg)\b/g, (_m, e: string) => `hyper${{ K: 'kal', Na: 'natr', Ca: 'calc', Mg: 'magnes' }[e]}aemia`)
		.replace(/\s*\/\s*1\.73\s*m(2|²)?/gi, '')
		.replace(/(^|[^\d])\.(\d)/g, '$10.$2')
		// "i.e. …" restates what came before: read it as an aside, like a parenthesis.
		.replace(/,?\s*\b(?:i\.e\.|e\.g\.|that is,)\s*([^;()]*)/gi, ' ($1)')
		.replace(/([A-Za-z])\(([A-Za-z0-9])\)/g, '$1 $2');
}

const JOINING_PREFIXES = new Set(['extra', 'intra', 'inter', 'anti', 'micro', 'macro', 'hyper', 'hypo', 'pre', 'post', 'sub', 'supra', 'co', 're', 'peri', 'para', 'pro', 'trans', 'multi', 'poly', 'mono', 'tri', 'tetra']);

/** "extra-cellular", "anti-thrombin", "X-linked": one word, as it is usually written ("anti-tTG" stays anti + tTG, an abbreviation kept whole). */
function joinPieces(pieces: Piece[]): Piece[] {
	const out: Piece[] = [];
	for (const p of pieces) {
		const prev = out.at(-1);
		if (prev && p.type === 'word' && p.hyphen && prev.type === 'word' && p.text.length >= 3 && ((JOINING_PREFIXES.has(prev.lower) && !/[A-Z]/.test(p.text)) || p.lower === 'like' || (prev.text.length === 1 && /^[A-Z]$/.test(prev.text) && /^[a-z]/.test(p.text) && !prev.joined))) {
			prev.text += p.text.toLowerCase();
			prev.lower += p.lower;
			continue;
		}
		out.push(p);
	}
	return out;
}

const LONG_ID_HEADS = [...ID_HEADS].filter((h) => h.length >= 6);

/**
 * Does this word name things by a number or letter after it (factor 8, hepatitis A)? A one-letter
 * slip in a long head ("factr 8", "hepatitus A") still does, and the word is read as the head.
 */
function takesId(t: Draft): boolean {
	const w = t.surface ?? t.norm;
	if (ID_HEADS.has(w)) return true;
	if (t.kind !== 'word' || w.length < 5) return false;
	const head = LONG_ID_HEADS.find((h) => Math.abs(h.length - w.length) <= 1 && editDistance(h, w, 1) <= 1);
	if (!head) return false;
	t.norm = canonical(head);
	t.surface = head;
	return true;
}

function lex(text: string): Piece[] {
	const out: Piece[] = [];
	const re = /(\d+(?:[.,]\d+)*)|([A-Za-z]+\d+[A-Za-z0-9]*|[A-Za-z]+(?:'[a-z]+)?)|([≥≤<>~%→+/:])|([(),;:.!?[\]])|(-)|(\s+)/g;
	let depth = 0;
	let joined = false;
	let hyphenNext = false;
	for (const m of prep(text).matchAll(re)) {
		const [all, num, word, sym, punct, hyphen, space] = m;
		if (space) {
			joined = false;
			hyphenNext = false;
			continue;
		}
		if (hyphen) {
			joined = true;
			hyphenNext = true;
			continue;
		}
		if (punct === '(' || punct === '[') depth++;
		const paren = depth > 0;
		if (punct === ')' || punct === ']') depth = Math.max(0, depth - 1);
		let n = num;
		if (n && /,/.test(n)) n = /^\d{1,3}(,\d{3})+$/.test(n) ? n.replace(/,/g, '') : n.replace(',', '.');
		const t = n ?? word ?? sym ?? punct ?? all;
		out.push({ text: n ?? t, lower: t.toLowerCase(), type: num ? 'num' : word ? 'word' : sym ? 'sym' : 'punct', joined: joined && out.length > 0, hyphen: hyphenNext && out.length > 0, paren });
		hyphenNext = false;
		joined = !!(num || word || sym === '/') && true;
		if (punct) joined = false;
	}
	return out;
}

// ---- phrases read before words ---------------------------------------------------------------

type Marker = { cmp?: Comparator; after?: boolean; neg?: boolean; order?: boolean; drop?: boolean };
/** Word sequences with a meaning of their own: comparators, negations, order words. */
const PHRASES: [string, Marker][] = [
	['or more', { cmp: '>=', after: true }],
	['or greater', { cmp: '>=', after: true }],
	['or above', { cmp: '>=', after: true }],
	['or over', { cmp: '>=', after: true }],
	['and above', { cmp: '>=', after: true }],
	['and over', { cmp: '>=', after: true }],
	['or higher', { cmp: '>=', after: true }],
	['or longer', { cmp: '>=', after: true }],
	['or less', { cmp: '<=', after: true }],
	['or fewer', { cmp: '<=', after: true }],
	['or below', { cmp: '<=', after: true }],
	['or under', { cmp: '<=', after: true }],
	['or shorter', { cmp: '<=', after: true }],
	['at least', { cmp: '>=' }],
	['no fewer than', { cmp: '>=' }],
	['no less than', { cmp: '>=' }],
	['a minimum of', { cmp: '>=' }],
	['minimum of', { cmp: '>=' }],
	['not less than', { cmp: '>=' }],
	['at most', { cmp: '<=' }],
	['no more than', { cmp: '<=' }],
	['not more than', { cmp: '<=' }],
	['up to', { cmp: 'within' }],
	['a maximum of', { cmp: '<=' }],
	['maximum of', { cmp: '<=' }],
	['more than', { cmp: '>' }],
	['greater than', { cmp: '>' }],
	['in excess of', { cmp: '>' }],
	['longer than', { cmp: '>' }],
	['over', { cmp: '>' }],
	['above', { cmp: '>' }],
	['exceeding', { cmp: '>' }],
	['less than', { cmp: '<' }],
	['fewer than', { cmp: '<' }],
	['shorter than', { cmp: '<' }],
	['under', { cmp: '<' }],
	['below', { cmp: '<' }],
	['within', { cmp: 'within' }],
	['inside', { cmp: 'within' }],
	['beyond', { cmp: 'beyond' }],
	['about', { drop: true }],
	['around', { drop: true }],
	['approximately', { drop: true }],
	['roughly', { drop: true }],
	['some', { drop: true }],
	['no longer', { neg: true }],
	['not any longer', { neg: true }],
	['fails to', { neg: true }],
	['failure to', { neg: true }],
	['unable to', { neg: true }],
	['lack of', { neg: true }],
	['absence of', { neg: true }],
	["can't", { neg: true }],
	["don't", { neg: true }],
	["doesn't", { neg: true }],
	["isn't", { neg: true }],
	["aren't", { neg: true }],
	["won't", { neg: true }],
	["didn't", { neg: true }],
	['doesnt', { neg: true }],
	['dont', { neg: true }],
	['isnt', { neg: true }],
	['cant', { neg: true }],
	['wont', { neg: true }],
	['didnt', { neg: true }],
	['arent', { neg: true }],
	['any more', { drop: true }],
	['anymore', { drop: true }],
	['between', { drop: true }],
	['into', { order: true }],
	['then', { order: true }],
	['before', { order: true }],
	['→', { order: true }],
	['take the place of', { order: true }],
	['takes the place of', { order: true }],
	['replace', { order: true }],
	['replaces', { order: true }],
	['converts to', { order: true }],
	['turns into', { order: true }]
];
const PHRASE_LIST = PHRASES.map(([p, m]) => ({ words: p.split(' '), m })).sort((a, b) => b.words.length - a.words.length);
const PHRASES_BY_FIRST = new Map<string, typeof PHRASE_LIST>();
for (const ph of PHRASE_LIST) PHRASES_BY_FIRST.set(ph.words[0]!, [...(PHRASES_BY_FIRST.get(ph.words[0]!) ?? []), ph]);

/** Words that start a new clause (a comma, semicolon or parenthesis does too). */
const CLAUSE_WORDS = new Set(['which', 'whereas', 'while', 'but', 'because', 'thereby', 'so', 'therefore', 'leading', 'causing', 'resulting', 'hence', 'thus', 'whose']);

// ---- the analysis ----------------------------------------------------------------------------

function isRoman(w: string): boolean {
	return ROMAN.test(w);
}

function abbreviationAt(pieces: Piece[], i: number, lexicon: Lexicon): { entry: LexEntry; used: number } | null {
	for (let len = Math.min(3, pieces.length - i); len >= 1; len--) {
		const run = pieces.slice(i, i + len);
		if (run.some((p, k) => p.type === 'punct' || p.type === 'sym' || (k > 0 && !p.joined))) continue;
		if (run[0]!.type !== 'word') continue;
		// "class IV", "factor IV": a Roman numeral after a head that names things by number, not IV.
		if (len === 1 && isRoman(run[0]!.lower) && i > 0 && pieces[i - 1]!.type === 'word' && ID_HEADS.has(pieces[i - 1]!.lower)) continue;
		const keys = [run.map((p) => p.lower).join('')];
		if (len > 1) keys.push(run.map((p, k) => (k > 0 && isRoman(p.lower) ? String(romanValue(p.lower)) : p.lower)).join(''));
		for (const key of keys) {
			const entry = lexicon.abbreviations.get(key);
			if (!entry) continue;
			const text = run.map((p) => p.text).join('');
			if (WORDLIKE.has(key) && text !== text.toUpperCase() && !/^[a-z]+[A-Z]/.test(text)) continue;
			return { entry, used: len };
		}
	}
	return null;
}

/** Factor named by its letter: FVIII, F8, FIXa. */
function factorAbbreviation(p: Piece): string | null {
	const m = /^F(VIII|VII|VI|V|IX|XIII|XII|XI|X|II|[0-9]{1,2})(a)?$/.exec(p.text) ?? /^f([0-9]{1,2})(a)?$/i.exec(p.text);
	if (!m) return null;
	const n = /^\d/.test(m[1]!) ? m[1]! : String(romanValue(m[1]!.toLowerCase()));
	return n + (m[2] ?? '');
}

export interface Analysis {
	tokens: Token[];
	clauses: number;
}

interface Draft extends Token {
	joinedBefore: boolean;
	unit?: string;
}

const analyses = new WeakMap<Lexicon, { size: number; memo: Map<string, Analysis> }>();

/**
 * Reads a text into tokens, using a lexicon of abbreviations and multi-word terms. The same text
 * read with the same lexicon gives the same analysis, which is shared: callers never change it.
 */
export function analyze(text: string, lexicon: Lexicon = EMPTY_LEXICON): Analysis {
	const size = lexicon.abbreviations.size * 100_003 + lexicon.phrases.length;
	let entry = analyses.get(lexicon);
	if (!entry || entry.size !== size || entry.memo.size >= 2_000) analyses.set(lexicon, (entry = { size, memo: new Map() }));
	let a = entry.memo.get(text);
	if (!a) entry.memo.set(text, (a = analyzeText(text, lexicon)));
	return a;
}

function analyzeText(text: string, lexicon: Lexicon): Analysis {
	const pieces = joinPieces(lex(text));
	const out: Draft[] = [];
	let clause = 0;
	let lastClause = 0;
	const outer: number[] = [];
	let pendingCmp: Comparator | undefined;
	const push = (t: Omit<Draft, 'clause'>) => out.push({ ...t, clause });
	const lastContent = () => out.at(-1);

	for (let i = 0; i < pieces.length; i++) {
		const p = pieces[i]!;
		const paren = p.paren;
		if (p.type === 'punct') {
			// A parenthesis is a clause of its own; the clause around it goes on after it.
			if (p.text === '(' || p.text === '[') {
				outer.push(clause);
				clause = ++lastClause;
			} else if (p.text === ')' || p.text === ']') clause = outer.pop() ?? ++lastClause;
			else clause = ++lastClause;
			continue;
		}
		if (p.type === 'sym') {
			if (p.text === '≥') pendingCmp = '>=';
			else if (p.text === '≤') pendingCmp = '<=';
			else if (p.text === '>') pendingCmp = '>';
			else if (p.text === '<') pendingCmp = '<';
			else if (p.text === '+' && p.joined && lastContent()?.kind === 'quantity' && !lastContent()!.cmp && !lastContent()!.dim) {
				// "2+": two or more.
				lastContent()!.cmp = '>=';
				lastContent()!.raw += '+';
			}
			else if (p.text === '%') {
				const q = lastContent();
				if (q?.kind === 'quantity' && !q.dim) q.dim = 'percent';
			} else if (p.text === '→') push({ kind: 'order', norm: '→', raw: '→', paren, joinedBefore: false });
			else if (p.text === '/') {
				// "mmol/L", "mg/dL": a unit per another unit, read below.
				const q = lastContent();
				const next = pieces[i + 1];
				const u = next && UNITS[unitKey(next.lower)];
				if (q?.kind === 'quantity' && q.dim && u) {
					q.dim = `${q.dim}/${u[0]}`;
					q.value = q.value! / u[1];
					if (q.hi !== undefined) q.hi = q.hi / u[1];
					q.raw += `/${next.text}`;
					i++;
				}
			}
			continue;
		}
		if (p.type === 'num' || (NUMBER_WORDS[p.lower] !== undefined && p.lower !== 'half' && p.lower !== 'quarter')) {
			const first = readNumber(i);
			let raw = first.raw;
			let hi: number | undefined;
			i = first.end;
			// A range: "2-3", "2 to 3", "five to ten".
			const n1 = pieces[i + 1];
			const between = pieces[first.start - 1]?.lower === 'between';
			if (n1 && (n1.lower === 'to' || (n1.lower === 'and' && between) || (n1.type === 'num' && n1.hyphen))) {
				const at = n1.type === 'num' ? i + 1 : i + 2;
				const second = pieces[at] && (pieces[at]!.type === 'num' || NUMBER_WORDS[pieces[at]!.lower] !== undefined) ? readNumber(at) : null;
				if (second && second.value > first.value) {
					hi = second.value;
					raw += n1.type === 'num' ? `–${second.raw}` : ` to ${second.raw}`;
					i = second.end;
				}
			}
			// "stage 3a": a letter run onto a number names a sub-stage.
			const letter = pieces[i + 1];
			const prevWord = lastContent();
			if (hi === undefined && letter?.type === 'word' && letter.joined && /^[a-d]$/i.test(letter.text) && prevWord?.kind === 'word' && ID_HEADS.has(prevWord.surface ?? prevWord.norm)) {
				attachId(`${first.value}${letter.lower}`, `${raw}${letter.text}`, false, paren);
				i++;
				continue;
			}
			pushNumber(first.value, raw, hi, p.joined, paren);
			continue;
		}
		// Words. Multi-word markers first.
		const phrase = PHRASES_BY_FIRST.get(p.lower)?.find((ph) => ph.words.every((w, k) => pieces[i + k]?.lower === w && pieces[i + k]?.type !== 'punct'));
		if (phrase) {
			const m = phrase.m;
			const raw = pieces
				.slice(i, i + phrase.words.length)
				.map((x) => x.text)
				.join(' ');
			i += phrase.words.length - 1;
			if (m.cmp && m.after) {
				// "48 mmol/mol (6.5%) or higher": the threshold is the number outside the parenthesis.
				const q = [...out].reverse().find((t) => t.paren === paren && t.clause === clause) ?? lastContent();
				if (q?.kind === 'quantity') {
					q.cmp = m.cmp;
					q.raw += ` ${raw}`;
				} else if (q?.kind === 'word' || q?.kind === 'named') {
					// "three relapses or more": back to the number before the noun.
					const back = [...out].reverse().find((t) => t.kind === 'quantity' && t.clause === clause);
					if (back) back.cmp = m.cmp;
				}
			} else if (m.cmp) {
				const nextNum = pieces[i + 1];
				if (nextNum && (nextNum.type === 'num' || NUMBER_WORDS[nextNum.lower] !== undefined || nextNum.lower === 'a' || nextNum.lower === 'an')) pendingCmp = m.cmp;
				else if (m.cmp === 'within' || m.cmp === 'beyond') push({ kind: 'word', norm: m.cmp, raw, paren, joinedBefore: false });
				else if (m.cmp === '>' && (raw === 'over' || raw === 'above')) push({ kind: 'light', norm: raw, raw, paren, joinedBefore: false });
			} else if (m.neg) push({ kind: 'neg', norm: 'not', raw, paren, joinedBefore: false });
			else if (m.order) push({ kind: 'order', norm: raw, raw, paren, joinedBefore: false });
			continue;
		}
		// "a week", "an hour", "per day": one of the unit.
		const nextP = pieces[i + 1];
		if (p.lower === 'per' && nextP?.type === 'word' && UNITS[unitKey(nextP.lower)] && lastContent()?.kind === 'quantity') {
			const q = lastContent()!;
			const u = UNITS[unitKey(nextP.lower)]!;
			q.dim = `${q.dim || 'count'}/${u[0]}`;
			q.value = q.value! / u[1];
			if (q.hi !== undefined) q.hi = q.hi / u[1];
			q.raw += ` per ${nextP.text}`;
			i++;
			continue;
		}
		if ((p.lower === 'a' || p.lower === 'an' || p.lower === 'per' || p.lower === 'each' || p.lower === 'every') && nextP?.type === 'word' && UNITS[unitKey(nextP.lower)]?.[0] === 'time' && !NUMBER_ONLY_UNITS.has(unitKey(nextP.lower))) {
			if (p.lower === 'per' || p.lower === 'each' || p.lower === 'every') {
				const q = lastContent();
				const u = UNITS[unitKey(nextP.lower)]!;
				if (q?.kind === 'quantity') {
					q.dim = `${q.dim || 'count'}/${u[0]}`;
					q.value = q.value! / u[1];
					q.raw += ` per ${nextP.text}`;
					i++;
					continue;
				}
			}
			pushNumber(1, p.text, undefined, false, paren);
			continue;
		}
		// "half a year", "a half"
		if (p.lower === 'half' && (nextP?.lower === 'a' || nextP?.lower === 'an')) {
			pushNumber(0.5, 'half', undefined, false, paren);
			i++;
			continue;
		}
		// Abbreviations the lexicon knows (AT-III, SRNS, Fbg), and factors by letter (FVIII).
		const f = factorAbbreviation(p);
		if (f) {
			push({ kind: 'named', norm: `factor#${f}`, head: 'factor', id: f, raw: p.text, paren, joinedBefore: p.joined });
			continue;
		}
		const ab = abbreviationAt(pieces, i, lexicon);
		if (ab) {
			const raw = pieces
				.slice(i, i + ab.used)
				.map((x) => x.text)
				.join('-');
			push({ kind: ab.entry.kind, norm: ab.entry.norm, head: ab.entry.head, id: ab.entry.id, parts: ab.entry.parts, partRaws: ab.entry.partRaws, raw, paren, joinedBefore: p.joined });
			i += ab.used - 1;
			continue;
		}
		const w = p.lower.replace(/'s$/, '');
		// A unit right after a number.
		const q = lastContent();
		const u = UNITS[unitKey(w)];
		if (u && q?.kind === 'quantity' && !q.dim && q.clause === clause) {
			q.dim = u[0];
			q.value = q.value! * u[1];
			if (q.hi !== undefined) q.hi = q.hi * u[1];
			q.unit = unitKey(w);
			q.raw += (p.joined ? '' : ' ') + p.text;
			continue;
		}
		if (CLAUSE_WORDS.has(w) && out.length) {
			clause = ++lastClause;
			continue;
		}
		if (NEGATIONS.has(w)) {
			push({ kind: 'neg', norm: 'not', raw: p.text, paren, joinedBefore: false });
			continue;
		}
		if (w === 'non' || w === 'un') {
			push({ kind: 'neg', norm: 'not', raw: p.text, paren, joinedBefore: false });
			continue;
		}
		if (NEGATED_ADJECTIVES[w]) {
			push({ kind: 'neg', norm: 'not', raw: p.text, paren, joinedBefore: false });
			push({ kind: 'word', norm: canonical(NEGATED_ADJECTIVES[w]!), raw: p.text, paren, joinedBefore: true });
			continue;
		}
		const dir: Direction | undefined = UP.has(w) ? 'up' : DOWN.has(w) ? 'down' : WORSE.has(w) ? 'worse' : BETTER.has(w) ? 'better' : undefined;
		if (dir) {
			push({ kind: 'dir', norm: dir, dir, raw: p.text, paren, joinedBefore: false });
			continue;
		}
		// Hyponatraemia is low sodium, hyperkalaemia high potassium: the level and its direction.
		const level = /^(hypo|hyper)(natr|kal|calc|glyc|magnes|phosphat)(a|e)?emia$/.exec(spelled(w));
		if (level) {
			push({ kind: 'dir', norm: level[1] === 'hypo' ? 'down' : 'up', dir: level[1] === 'hypo' ? 'down' : 'up', raw: p.text, paren, joinedBefore: false });
			push({ kind: 'word', norm: canonical(LEVELS[level[2]!]!), surface: LEVELS[level[2]!]!, raw: p.text, paren, joinedBefore: true });
			continue;
		}
		const prev = lastContent();
		const prevHead = prev && (prev.kind === 'word' || prev.kind === 'concept') && prev.clause === clause && prev.paren === paren ? prev : undefined;
		// Identities: a Roman numeral, a single letter or a Greek letter names the word before it.
		const roman = /^(i{1,3}|iv|vi{0,3}|ix|xi{0,3})([a-c])?$/.exec(w);
		// (A slip in the head is looked for only before what could be its numeral or letter.)
		const headTakesId = prevHead && (ID_HEADS.has(prevHead.surface ?? prevHead.norm) || ((!!roman || w.length === 1 || GREEK_NAMES.has(w)) && takesId(prevHead)));
		let id: string | undefined;
		const capitalI = p.text === 'I' && !!prevHead && p.joined === false && i > 0;
		if (roman && (w.length > 1 || headTakesId || capitalI) && !(w === 'i' && !headTakesId && !capitalI)) id = String(romanValue(roman[1]!)) + (roman[2] ?? '');
		else if (w.length === 1 && (headTakesId || (w !== 'a' && w !== 'i'))) id = w;
		else if (GREEK_NAMES.has(w)) id = w;
		else if (/^ig[adegm]$/.test(w) || (/\d/.test(w) && /^[a-z]/.test(w))) {
			push({ kind: 'code', norm: w, raw: p.text, paren, joinedBefore: p.joined });
			continue;
		}
		if (id !== undefined) {
			attachId(id, p.text, p.joined, paren);
			continue;
		}
		const named = (t: Draft | undefined) => !!t && (t.kind === 'named' || t.kind === 'concept' || t.kind === 'code') && t.clause === clause;
		if (w === 'from' || (w === 'to' && (out.some((t) => t.kind === 'order' && t.norm === 'from' && t.clause === clause) || named(lastContent())))) {
			push({ kind: 'order', norm: w, raw: p.text, paren, joinedBefore: false });
			continue;
		}
		// "two within six months or three within a year": each number group is a clause of its own.
		if ((w === 'or' || w === 'and') && out.some((t) => t.kind === 'quantity' && t.clause === clause) && (pieces[i + 1]?.type === 'num' || NUMBER_WORDS[pieces[i + 1]?.lower ?? ''] !== undefined || ['≥', '≤', '<', '>', 'at', 'more', 'less', 'fewer', 'over', 'under', 'above', 'below', 'up'].includes(pieces[i + 1]?.lower ?? ''))) {
			clause = ++lastClause;
			continue;
		}
		if (LIGHT.has(w) || LIGHT.has(stem(w))) {
			push({ kind: 'light', norm: w, raw: p.text, paren, joinedBefore: p.joined });
			continue;
		}
		const word = WORD_ALIASES[w] ?? w;
		push({ kind: 'word', norm: canonical(word), surface: spelled(word), raw: p.text, paren, joinedBefore: p.joined });
	}

	/** A number in digits or words ("fourteen", "twenty one", "two hundred"), and where it ends. */
	function readNumber(at: number): { value: number; raw: string; end: number; start: number } {
		const p0 = pieces[at]!;
		if (p0.type === 'num') return { value: Number(p0.text), raw: p0.text, end: at, start: at };
		let value = NUMBER_WORDS[p0.lower]!;
		let raw = p0.text;
		let end = at;
		while (pieces[end + 1]?.type === 'word' && NUMBER_WORDS[pieces[end + 1]!.lower] !== undefined && !['half', 'quarter'].includes(pieces[end + 1]!.lower)) {
			const v = NUMBER_WORDS[pieces[end + 1]!.lower]!;
			value = v >= 100 ? value * v : value + v;
			raw += ' ' + pieces[end + 1]!.text;
			end++;
		}
		return { value, raw, end, start: at };
	}

	function pushNumber(value: number, raw: string, hi: number | undefined, joined: boolean, paren: boolean) {
		const prev = lastContent();
		// A number naming a thing: factor 8, type 2, stage 3 (with a letter: stage 3a).
		if (prev && prev.kind === 'word' && prev.clause === clause && hi === undefined && Number.isInteger(value) && takesId(prev)) {
			attachId(String(value), raw, joined, paren);
			return;
		}
		push({ kind: 'quantity', norm: '#', value, hi, dim: '', cmp: pendingCmp, raw, paren, joinedBefore: joined });
		pendingCmp = undefined;
	}

	function attachId(id: string, raw: string, joined: boolean, paren: boolean) {
		const prev = lastContent();
		if (prev && (prev.kind === 'word' || prev.kind === 'concept' || prev.kind === 'named') && prev.clause === clause) {
			const head = prev.kind === 'named' ? prev.head! : prev.norm;
			const ids = prev.kind === 'named' ? `${prev.id}${id}` : id;
			Object.assign(prev, { kind: 'named', head, id: ids, norm: `${head}#${ids}`, raw: `${prev.raw}${joined ? '-' : ' '}${raw}` });
			return;
		}
		push({ kind: 'named', norm: `?#${id}`, head: '?', id, raw, paren, joinedBefore: joined });
	}

	// A letter before its word ("beta blocker"): join it to the word after.
	for (let k = 0; k < out.length - 1; k++) {
		const t = out[k]!;
		const next = out[k + 1]!;
		if (t.kind === 'named' && t.head === '?' && (next.kind === 'word' || next.kind === 'concept') && next.clause === t.clause) {
			Object.assign(next, { kind: 'named', head: next.norm, id: t.id, norm: `${next.norm}#${t.id}`, raw: `${t.raw} ${next.raw}` });
			out.splice(k, 1);
		}
	}
	let merged = out;
	// Terms inside terms (oxidised LDL holds LDL): read again until nothing more joins.
	for (let pass = 0; pass < 3; pass++) {
		const next = applyPhrases(merged, lexicon);
		if (next.length === merged.length) break;
		merged = next;
	}
	return { tokens: splitDirections(merged.map(({ joinedBefore: _j, unit: _u, ...t }) => t)), clauses: lastClause + 1 };
}

/**
 * A clause with two directions joined by "and" ("PAI rises and fibrinolysis falls") is two
 * clauses: each direction belongs to its own part.
 */
function splitDirections(tokens: Token[]): Token[] {
	let next = Math.max(0, ...tokens.map((t) => t.clause)) + 1;
	const byClause = new Map<number, Token[]>();
	for (const t of tokens) byClause.set(t.clause, [...(byClause.get(t.clause) ?? []), t]);
	for (const list of byClause.values()) {
		const dirs = list.filter((t) => t.kind === 'dir');
		if (dirs.length < 2) continue;
		let seenDir = false;
		let id = list[0]!.clause;
		for (const t of list) {
			if (t.kind === 'light' && t.norm === 'and' && seenDir) {
				id = next++;
				seenDir = false;
			}
			if (t.kind === 'dir') seenDir = true;
			t.clause = id;
		}
	}
	return tokens;
}

const UNIT_LETTERS = new Map(Object.keys(UNITS).flatMap((u) => [u, u + 's']).filter((u) => u.length >= 4).map((u) => [[...u].sort().join(''), u.replace(/s$/, '')]));

function unitKey(w: string): string {
	return remember(MEMO.unitKey, w, unitKeyOf);
}
function unitKeyOf(w: string): string {
	if (!UNITS[w] && !UNITS[w.replace(/s$/, '')] && w.length >= 4) {
		const swapped = UNIT_LETTERS.get([...w.replace(/s$/, '')].sort().join('')) ?? UNIT_LETTERS.get([...w].sort().join(''));
		if (swapped) return swapped;
	}
	if (w === 'litre' || w === 'liter' || w === 'litres' || w === 'liters') return 'liter';
	if (w === '%') return '%';
	const s = w.replace(/litres?$/, 'liter').replace(/liters$/, 'liter');
	if (UNITS[s]) return s;
	const sing = s.replace(/s$/, '');
	return UNITS[sing] ? sing : s;
}

/** Multi-word terms of the lexicon and multi-word synonyms, longest first, on word norms. */
type PhraseIndex = Map<string, { words: string[]; entry: LexEntry }[]>;
const indexes = new WeakMap<Lexicon, { size: number; index: PhraseIndex; near: Map<string, { words: string[]; entry: LexEntry }[]> }>();

/** Phrases whose first word a long typed word is a typo of (looked up once per word and index). */
function nearPhrases(lexicon: Lexicon, key: string): { words: string[]; entry: LexEntry }[] {
	const index = phraseIndex(lexicon);
	const cached = indexes.get(lexicon)!;
	let near = cached.near.get(key);
	if (!near) {
		near = [...index.entries()].filter(([k]) => k.length >= 6 && typoOf(k, key)).flatMap(([, v]) => v);
		if (cached.near.size >= 20_000) cached.near.clear();
		cached.near.set(key, near);
	}
	return near;
}

/** The lexicon's phrases and the multi-word synonyms, by the key of their first word. */
function phraseIndex(lexicon: Lexicon): PhraseIndex {
	const cached = indexes.get(lexicon);
	if (cached && cached.size === lexicon.phrases.length) return cached.index;
	const index = new Map<string, { words: string[]; entry: LexEntry }[]>();
	const list = [...lexicon.phrases, ...MULTI_SYNONYMS.map((m) => ({ words: m.words, entry: { kind: 'word' as const, norm: m.to, display: m.to } }))].sort((a, b) => b.words.length - a.words.length);
	for (const ph of list) {
		const n = ph.words.length;
		if (n < 2 && !(n === 1 && ph.entry.kind === 'concept')) continue;
		index.set(ph.words[0]!, [...(index.get(ph.words[0]!) ?? []), ph]);
	}
	indexes.set(lexicon, { size: lexicon.phrases.length, index, near: new Map() });
	return index;
}

/** Multi-word terms of the lexicon and multi-word synonyms, longest first, on word norms. */
function applyPhrases(tokens: Draft[], lexicon: Lexicon): Draft[] {
	const index = phraseIndex(lexicon);
	const out: Draft[] = [];
	for (let i = 0; i < tokens.length; i++) {
		const t = tokens[i]!;
		let done = false;
		if (t.kind !== 'quantity' && t.kind !== 'cmp') {
			// A typo in a long first word still finds its phrase: look up by the exact key, then by neighbours.
			const key = phraseKey(t);
			const candidates = index.get(key) ?? index.get(t.norm) ?? (t.kind === 'word' && key.length >= 6 ? nearPhrases(lexicon, key) : []);
			for (const ph of candidates) {
				const n = ph.words.length;
				const run = tokens.slice(i, i + n);
				if (run.length < n || run.some((r) => r.clause !== t.clause || r.paren !== t.paren)) continue;
				if (!run.every((r, k) => phraseWordMatches(ph.words[k]!, r))) continue;
				out.push({ ...t, kind: ph.entry.kind, norm: ph.entry.norm, head: ph.entry.head, id: ph.entry.id, parts: ph.entry.parts, partRaws: ph.entry.partRaws, dir: undefined, raw: run.map((r) => r.raw).join(' ') });
				i += n - 1;
				done = true;
				break;
			}
		}
		if (!done) out.push(t);
	}
	return out;
}

/** What a token is called in a multi-word pattern: direction and light words as written. */
export function phraseKey(t: Pick<Token, 'kind' | 'norm' | 'raw'>): string {
	return t.kind === 'dir' || t.kind === 'light' || t.kind === 'order' ? canonical(t.raw.toLowerCase()) : t.norm;
}

function phraseWordMatches(want: string, t: Draft): boolean {
	const key = phraseKey(t);
	if (key === want || t.norm === want) return true;
	return t.kind === 'word' && want.length >= 6 && (typoOf(want, key) || (!!t.surface && t.surface.length >= want.length && typoOf(want, stem(t.surface.replace(/e(?=nt$)/, 'a')))));
}

/** Norms of the content words of a text (for the known-term list and echo checks). */
export function contentNorms(text: string, lexicon: Lexicon = EMPTY_LEXICON): string[] {
	return analyze(text, lexicon)
		.tokens.filter((t) => t.kind === 'word' || t.kind === 'concept' || t.kind === 'named' || t.kind === 'code')
		.map((t) => t.norm);
}

// Kept for the deck's other readers: a plain word list of a text.
export const FILLER = LIGHT;
export { NEGATIONS };
