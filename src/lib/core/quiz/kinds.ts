// What kind of thing an answer is, so a multiple-choice distractor is the same kind as the key:
// a lipoprotein for a lipoprotein, a clotting factor for a factor, a number with the same unit, a
// time window for a time window, a clause for a clause. Read from the answer's own words.

import { analyze, type Lexicon } from './normalize.ts';
import { KNOWN_TERMS } from './lexicon.ts';

export type AnswerKind =
	| 'lipoprotein'
	| 'haemostasis protein'
	| 'cell type'
	| 'organ or structure'
	| 'pathogen class'
	| 'drug'
	| 'classification'
	| 'condition'
	| 'process'
	| 'term'
	| 'clause'
	| `number:${string}`;

const KINDS: [Exclude<AnswerKind, `number:${string}` | 'clause' | 'term'>, RegExp][] = [
	['lipoprotein', /lipoprotein|\b(ox)?ldl\b|\bhdl\b|\bvldl\b|\bidl\b|chylomicron/],
	['haemostasis protein', /\bfactor\b|fibrinogen|prothrombin|thrombin|antithrombin|\bat-?(iii|3)\b|\bprotein [cs]\b|plasminogen|\bpai\b|\btafi\b|willebrand|thrombomodulin|plasmin\b/],
	['pathogen class', /\bbacteria|\bvirus|\bviral\b|\bfung|\bparasit|\bmycobacteri/],
	['cell type', /\bcells?\b|cytes?\b|phages?\b|\bplatelets?\b|\bneutrophils?\b|\beosinophils?\b/],
	['classification', /\b(steroid|glucocorticoid)[- ](resistant|dependent|sensitive)\b|frequently relapsing|\brefractory\b/],
	['organ or structure', /\bkidneys?\b|\brenal\b|\bliver\b|\bglomerul|\btubules?\b|\bnephrons?\b|\bheart\b|\blungs?\b|microcirculation|\bear\b|\bvessels?\b|mesangium|\bmatrix\b|\bendothelium\b|\breceptor\b/],
	['condition', /syndrome|disease|an(a)?emia\b|emia\b|itis\b|\bstate\b|failure|hypoxia|ischa?emia|thrombosis|infection|deficiency/],
	['process', /(osis|tion|ysis|esis|ism)\b|\bapoptosis|\buptake\b|\bclearance\b|\bbalance\b/]
];

const DRUGS = new Set(KNOWN_TERMS.slice(0, KNOWN_TERMS.indexOf('thrombin')));
const DRUG_CLASS = /\b(glucocorticoids?|steroids?|heparin|warfarin|insulin|diuretics?|blockers?|inhibitors?|antagonists?|agonists?|statins?|antibiotics?|acetylcysteine|lactulose|rifaximin|spironolactone|protamine)\b/;

/** Sentence-like: a verb phrase, a pronoun start, or many words. */
function clauseLike(text: string): boolean {
	const words = text.split(/\s+/).filter(Boolean);
	if (/^(it|they|its|their|this|these|by|because|through|from|when|after|before|both|each)\b/i.test(text)) return true;
	if (/[,;]/.test(text) && words.length > 4) return true;
	if (/\b(is|are|was|were|be|been|becomes?|does|do|did|can|cannot|may|will|would|rises?|falls?|lowers?|raises?|increases?|decreases?|reduces?|drives?|causes?|leads?|makes?|takes?|releases?|undergo(es)?|form|forms|occurs?|go|goes|keeps?|suppress(es)?|activates?|stimulates?|promotes?|injures?|harms?)\b/i.test(text)) return true;
	return words.length > 7;
}

/** The kind of thing a short answer names. */
export function answerKind(text: string, lexicon?: Lexicon): AnswerKind {
	const plain = text.replace(/\([^)]*\)/g, ' ').trim();
	const lower = plain.toLowerCase();
	const tokens = analyze(plain, lexicon).tokens;
	const quantity = tokens.find((t) => t.kind === 'quantity');
	if (quantity && tokens.filter((t) => t.kind === 'word' || t.kind === 'concept').length <= 2) {
		const dim = quantity.dim || 'count';
		return `number:${dim === 'time' ? 'time window' : dim}${quantity.cmp ? ` ${quantity.cmp}` : ''}`;
	}
	if (clauseLike(plain)) return 'clause';
	// The head of the noun phrase decides: "thrombosis in the microcirculation" is a condition.
	// Its last word, with the one before when the last is only a numeral or a letter (antithrombin III).
	const phrase = lower.split(/\b(?:of|in|on|at|from|to|with|by|for|within|into|and|or)\b/)[0]!.trim().split(/\s+/);
	const head = phrase.slice(phrase.at(-1)!.length <= 3 ? -2 : -1).join(' ');
	for (const [kind, re] of KINDS) if (re.test(head)) return kind;
	const words = lower.split(/[^a-z]+/).filter(Boolean);
	if (words.some((w) => DRUGS.has(w)) || DRUG_CLASS.test(lower)) return 'drug';
	return 'term';
}

/** Content words of an answer, for "no length tell": options within one size class of the key. */
export function sizeOf(text: string): number {
	return text
		.replace(/\([^)]*\)/g, ' ')
		.split(/\s+/)
		.filter((w) => w.length > 2).length;
}
