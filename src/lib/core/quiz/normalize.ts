// How answers are compared: the words that carry meaning, in a canonical spelling. Lenient where
// meaning is the same (case, accents, punctuation, articles, plurals, British/American spelling,
// common medical synonyms); the strict parts (numbers, units, negation, direction) are kept as
// tokens so the graders can insist on them.

export interface Token {
	/** The canonical form compared. */
	norm: string;
	/** The word as written, for showing differences. */
	raw: string;
}

/** Multi-word synonyms first (longest match wins), all mapped to one canonical token. */
const PHRASES: [RegExp, string][] = [
	[/\blow[- ]density lipoproteins?\b/g, 'ldl'],
	[/\bhigh[- ]density lipoproteins?\b/g, 'hdl'],
	[/\boxidi[sz]ed ldl\b|\box[- ]?ldl\b/g, 'oxldl'],
	[/\banti[- ]?thrombin(?:[- ]?(?:iii|3))?\b|\bat[- ]?(iii|3)\b/g, 'antithrombin3'],
	[/\bfactor (viii|8)\b/g, 'factor8'],
	[/\bvit(amin|\.)? ?k\b/g, 'vitamink'],
	[/\bextracellular matrix\b/g, 'ecm'],
	[/\bplasminogen activator inhibitor\b/g, 'pai'],
	[/\bthrombin[- ]activatable fibrinolysis inhibitor\b/g, 'tafi'],
	[/\bnephrotic syndrome\b/g, 'nephroticsyndrome'],
	[/\bmononuclear phagocyte system\b|\bmonocyte[- ]macrophage system\b/g, 'mps'],
	[/\bglomerular filtration rate\b/g, 'gfr']
];

/** Single words with the same meaning. */
const SYNONYMS: Record<string, string> = {
	steroid: 'glucocorticoid',
	corticosteroid: 'glucocorticoid',
	glucocorticosteroid: 'glucocorticoid',
	prednisolone: 'prednisolone',
	kidney: 'renal',
	kidneys: 'renal',
	raised: 'increased',
	elevated: 'increased',
	higher: 'increased',
	high: 'increased',
	rises: 'increased',
	rise: 'increased',
	rising: 'increased',
	increases: 'increased',
	increase: 'increased',
	up: 'increased',
	more: 'increased',
	lowered: 'decreased',
	reduced: 'decreased',
	lower: 'decreased',
	low: 'decreased',
	falls: 'decreased',
	fall: 'decreased',
	falling: 'decreased',
	decreases: 'decreased',
	decrease: 'decreased',
	down: 'decreased',
	less: 'decreased',
	diminished: 'decreased'
};

/** British spellings → American, as whole-word patterns. */
const SPELLING: [RegExp, string][] = [
	[/aemia/g, 'emia'],
	[/haem/g, 'hem'],
	[/oedema/g, 'edema'],
	[/oestr/g, 'estr'],
	[/ischaem/g, 'ischem'],
	[/paed/g, 'ped'],
	[/leukaem/g, 'leukem'],
	[/anaes/g, 'anes'],
	[/oesoph/g, 'esoph'],
	[/isation\b/g, 'ization'],
	[/(?<=\w{4})ise\b/g, 'ize'],
	[/(?<=\w{4})ised\b/g, 'ized'],
	[/(?<=\w{4})ising\b/g, 'izing'],
	[/our\b/g, 'or'],
	[/tre\b/g, 'ter']
];

const NUMBER_WORDS: Record<string, string> = {
	zero: '0',
	one: '1',
	once: '1',
	two: '2',
	twice: '2',
	three: '3',
	thrice: '3',
	four: '4',
	five: '5',
	six: '6',
	seven: '7',
	eight: '8',
	nine: '9',
	ten: '10',
	eleven: '11',
	twelve: '12',
	fourteen: '14',
	fifteen: '15',
	twenty: '20',
	thirty: '30',
	hundred: '100'
};

const UNITS: Record<string, string> = {
	day: 'day',
	days: 'day',
	d: 'day',
	week: 'week',
	weeks: 'week',
	wk: 'week',
	month: 'month',
	months: 'month',
	mo: 'month',
	year: 'year',
	years: 'year',
	yr: 'year',
	hour: 'hour',
	hours: 'hour',
	h: 'hour',
	hr: 'hour',
	minute: 'minute',
	minutes: 'minute',
	min: 'minute',
	mg: 'mg',
	g: 'g',
	kg: 'kg',
	ml: 'ml',
	l: 'l',
	mmol: 'mmol',
	mol: 'mol'
};

const ARTICLES = new Set(['a', 'an', 'the']);
/** Words that carry no fact of their own; an answer is judged on the rest. */
/** Time-window words: optional for matching ("14 days" answers "within 14 days"), still checked for opposites. */
export const QUALIFIERS = new Set(['within', 'during', 'about', 'approximately', 'around', 'roughly']);
export const FILLER = new Set(['of', 'in', 'to', 'and', 'is', 'are', 'be', 'by', 'for', 'with', 'its', 'it', 'that', 'which', 'as', 'on', 'at', 'from', 'this', 'these', 'their', 'them', 'they', 'or', 'was', 'were', 'has', 'have', 'into', 'than', 'so', 'also', 'both', 'each']);
/** Words whose presence flips meaning. */
export const NEGATIONS = new Set(['not', 'no', 'never', 'without', 'none', 'cannot', "can't", 'neither', 'nor']);
/** Pairs where one is the opposite of the other; both sides must agree. */
export const OPPOSITES: [string, string][] = [
	['increased', 'decreased'],
	['hyper', 'hypo'],
	['before', 'after'],
	['within', 'beyond'],
	['resistant', 'sensitive'],
	['dependent', 'independent'],
	['extrinsic', 'intrinsic'],
	['anticoagulant', 'procoagulant'],
	['proliferation', 'apoptosis']
];

export function isNumberToken(t: string): boolean {
	return /^\d+(\.\d+)?$/.test(t);
}

export function isUnitToken(t: string): boolean {
	return Object.values(UNITS).includes(t);
}

/** Singular of an English plural, for matching (never for numbers, units or short words). */
function singular(w: string): string {
	if (w.length <= 3 || isNumberToken(w)) return w;
	if (/ies$/.test(w) && w.length > 4) return w.slice(0, -3) + 'y';
	if (/(sses|xes|zes|ches|shes)$/.test(w)) return w.slice(0, -2);
	if (/ses$/.test(w)) return w.slice(0, -1);
	if (/[^s]s$/.test(w) && !/(us|is|ss)$/.test(w)) return w.slice(0, -1);
	return w;
}

/** Splits text into meaning-carrying tokens in canonical form. */
export function tokens(text: string): Token[] {
	let t = text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[’']/g, "'")
		.replace(/≥|>=/g, ' atleast ')
		.replace(/≤|<=/g, ' atmost ')
		.replace(/\bor more\b/g, ' atleast ')
		.replace(/\bmore than\b/g, ' over ')
		.replace(/\bless than\b|\bfewer than\b/g, ' under ')
		.replace(/\bat least\b/g, ' atleast ')
		.replace(/\bat most\b|\bor fewer\b|\bor less\b/g, ' atmost ')
		.replace(/(\d),(\d{3})\b/g, '$1$2')
		.replace(/(\d)([a-z]+)\b/g, '$1 $2')
		.replace(/\b(a|an|per|each|one)\s+(day|week|month|year|hour|minute)s?\b/g, ' 1 $2 ')
		.replace(/\bnon[- ]?/g, 'not ')
		.replace(/\bun(?=responsive|treated|controlled)/g, 'not ');
	for (const [re, to] of PHRASES) t = t.replace(re, ` ${to} `);
	const out: Token[] = [];
	for (const raw of t.split(/[^a-z0-9.']+/)) {
		let w = raw.replace(/^[.']+|[.']+$/g, '');
		if (!w) continue;
		if (ARTICLES.has(w)) continue;
		if (NUMBER_WORDS[w]) w = NUMBER_WORDS[w]!;
		if (UNITS[w]) w = UNITS[w]!;
		// Synonyms are looked up as written before spelling is normalised ("raised" is not "raized").
		if (SYNONYMS[w]) w = SYNONYMS[w]!;
		else {
			for (const [re, to] of SPELLING) w = w.replace(re, to);
			w = singular(w);
			w = SYNONYMS[w] ?? w;
		}
		out.push({ norm: w, raw });
	}
	return out;
}

/** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
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
	if (word.length <= 4 || isNumberToken(word)) return 0;
	if (word.length <= 8) return 1;
	return 2;
}

/** Tokens that stand for a named thing (factor8, vitamink): one letter off is another factor or vitamin. */
const NAMED = new Set(PHRASES.map(([, to]) => to));

/** "infrequently" is not a typo of "frequently": the prefix turns the meaning round. */
const NEGATING_PREFIX = /^(in|un|non|dis|im|ir|il)$/;

function negatedForm(a: string, b: string): boolean {
	const [long, short] = a.length > b.length ? [a, b] : [b, a];
	return long.endsWith(short) && NEGATING_PREFIX.test(long.slice(0, long.length - short.length));
}

/** Do two canonical tokens mean the same, allowing a small typo in a long word? */
export function sameWord(expected: string, typed: string): boolean {
	if (expected === typed) return true;
	if (isNumberToken(expected) || isNumberToken(typed) || isUnitToken(expected)) return false;
	const allow = typoAllowance(expected);
	if (allow === 0 || editDistance(expected, typed, allow) > allow) return false;
	// Close enough for a typo, unless the difference names another thing or turns the meaning round.
	return !NAMED.has(expected) && !NAMED.has(typed) && !negatedForm(expected, typed);
}
