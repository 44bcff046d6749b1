// Clauses from the parse: a clause's subject, its verb group and what follows, and the English
// questions built from them (do-support, inversion, agreement), with a check that a question
// reads as English by the same parse. Every question the extractor makes goes through here.

import { baseForm, canBeVerb, tag, type Token } from './nlp.ts';

export interface Clause {
	tokens: Token[];
	/** Tokens before the verb group (may be empty for an imperative or a fragment). */
	subject: Token[];
	/** Auxiliaries then the main verb: "can cause", "is", "leads". */
	verb: Token[];
	rest: Token[];
}

const MODAL = new Set(['can', 'could', 'may', 'might', 'must', 'will', 'would', 'should', 'shall']);
const BE = new Set(['is', 'are', 'was', 'were']);
const HAVE = new Set(['has', 'have', 'had']);
const WH = new Set(['what', 'which', 'why', 'how', 'when', 'who', 'where', 'whom', 'whose']);
const PRONOUN_SUBJECT = /^(it|this|that|these|those|they|there|which|he|she|we|you|i)$/i;

export const words = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;

/** The text of a run of tokens as written in `source` (offsets relative to `base`). */
export function textOf(source: string, toks: Token[], base = 0): string {
	if (!toks.length) return '';
	return source.slice(toks[0]!.start - base, toks.at(-1)!.end - base);
}

/** Whether a token can be the finite verb of a clause. */
function finite(toks: Token[], i: number): boolean {
	const t = toks[i]!;
	const prev = toks[i - 1];
	if (t.pos === 'AUX') return true;
	if (t.pos !== 'VERB') return false;
	if (prev && (prev.lower === 'to' || prev.pos === 'DET' || prev.pos === 'ADP')) return false;
	if (/ing$/.test(t.lower)) return false;
	// "with mildly reduced ejection fraction": an -ed form after an adverb after a preposition is an adjective.
	if (/ed$/.test(t.lower) && prev && prev.pos === 'ADV' && toks[i - 2] && (toks[i - 2]!.pos === 'ADP' || toks[i - 2]!.pos === 'DET')) return false;
	// "the filtered albumin", "damaged muscle": a participle before a noun is an adjective.
	const next = toks[i + 1];
	if (/ed$/.test(t.lower) && next && (next.pos === 'NOUN' || next.pos === 'ADJ') && (!prev || prev.pos === 'DET' || prev.pos === 'ADJ')) return false;
	return true;
}

/** Splits a clause into subject, verb group and rest. Null when it has no finite verb. */
export function analyse(toks: Token[]): Clause | null {
	const i = toks.findIndex((_, k) => finite(toks, k));
	if (i < 0) return null;
	let j = i;
	// The verb group: auxiliaries, adverbs and "not" between them, then the main verb.
	while (j + 1 < toks.length && (toks[j]!.pos === 'AUX' || toks[j]!.pos === 'PART' && toks[j]!.lower !== 'to') && (toks[j + 1]!.pos === 'AUX' || toks[j + 1]!.pos === 'VERB' || toks[j + 1]!.pos === 'ADV' || toks[j + 1]!.lower === 'not')) j++;
	while (j > i && toks[j]!.pos === 'ADV') j--;
	return { tokens: toks, subject: toks.slice(0, i), verb: toks.slice(i, j + 1), rest: toks.slice(j + 1) };
}

/** The subject is a noun phrase a question can carry: a noun in it, no clause opener, not a pronoun. */
export function nounPhrase(toks: Token[]): boolean {
	if (!toks.length || toks.length > 14) return false;
	if (toks[0]!.pos === 'SCONJ' || toks[0]!.pos === 'CCONJ' || WH.has(toks[0]!.lower)) return false;
	if (toks.length === 1 && PRONOUN_SUBJECT.test(toks[0]!.lower)) return false;
	if (toks.some((t) => t.pos === 'PUNCT' && t.text !== '-' && t.text !== '(' && t.text !== ')' && t.text !== "'" && t.text !== '’')) return false;
	// A finite verb is allowed only inside a relative clause ("fluid that collects in the lungs").
	const rel = toks.findIndex((t, k) => k > 0 && /^(that|which|who)$/.test(t.lower) && (toks[k - 1]!.pos === 'NOUN' || toks[k - 1]!.pos === 'PROPN'));
	if (toks.some((t, k) => (rel < 0 || k < rel) && finite(toks, k))) return false;
	if (/^(it|they|he|she|we|this|these)$/.test(toks.at(-1)!.lower)) return false;
	// "the high pressure stretch and": a subject does not end on a conjunction, preposition or article.
	if (/^(CCONJ|ADP|DET|SCONJ|PART)$/.test(toks.at(-1)!.pos)) return false;
	// A noun right before a determiner is a verb the tagger missed: "Stage the injury".
	if (toks.some((t, k) => t.pos === 'NOUN' && toks[k + 1]?.pos === 'DET')) return false;
	return toks.some((t) => t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'NUM');
}

/** A plural subject takes "do"/"are": its last noun is plural, or two nouns are joined by "and". */
export function plural(toks: Token[]): boolean {
	const head = [...toks].reverse().find((t) => t.pos === 'NOUN' || t.pos === 'PROPN');
	if (toks.some((t) => t.lower === 'and') && toks.filter((t) => t.pos === 'NOUN' || t.pos === 'PROPN').length >= 2) return true;
	if (!head) return false;
	const ofAt = toks.findIndex((t) => t.lower === 'of');
	const headBeforeOf = ofAt > 0 ? [...toks.slice(0, ofAt)].reverse().find((t) => t.pos === 'NOUN' || t.pos === 'PROPN') : undefined;
	const h = headBeforeOf ?? head;
	return h.lemma !== h.lower && /s$/.test(h.lower) && !/(sis|us|ss|ia)$/.test(h.lower);
}

/** Lowers a first letter that only starts the sentence: not in a name, an acronym or a symbol ("Kt/V", "Kimmelstiel-Wilson", "AKI"). */
const lowerStart = (s: string) => ((/^[A-Z][a-z]/.test(s) && !/^[A-Z][a-z]*[-/]?[A-Z0-9]/.test(s.split(/\s/)[0]!.slice(0)) && !/^[A-Z]\S*[A-Z/]/.test(s.split(/\s/)[0]!)) || /^An?\s/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
/** A first letter up, unless the first word is written with a capital inside it ("pH", "eGFR", "mL"). */
export const upperStart = (s: string) => (s && !/^[a-z]+[A-Z]/.test(s) ? s.charAt(0).toUpperCase() + s.slice(1) : s);

/** A noun phrase as it sits inside a question: first letter lowered unless it is a name or an acronym. */
export function inside(s: string): string {
	return lowerStart(s.trim());
}

/** Past tense verb: the lemma differs and it is not an -s form. */
function past(t: Token): boolean {
	return /ed$/.test(t.lower) || (t.lemma !== t.lower && !/s$/.test(t.lower) && !/ing$/.test(t.lower) && !BE.has(t.lower) && t.lower !== 'has');
}

/**
 * "What does <subject> <verb>…?": a question on what follows the verb, with do-support or
 * inversion as English needs. `tail` goes after the verb ("lead to", "cause").
 */
export function whatQuestion(subject: string, subjectToks: Token[], verb: Token[], tail = ''): string {
	const first = verb[0]!;
	const rest = verb.slice(1).map((t) => t.text).join(' ');
	const s = inside(subject);
	const t = tail ? ` ${tail}` : '';
	if (MODAL.has(first.lower) || BE.has(first.lower) || (HAVE.has(first.lower) && verb.length > 1)) return `What ${first.lower} ${s}${rest ? ` ${rest}` : ''}${t}?`;
	const main = verb.at(-1)!;
	const aux = past(main) ? 'did' : plural(subjectToks) ? 'do' : 'does';
	const between = verb.slice(0, -1).filter((x) => x.pos === 'ADV' || x.lower === 'not').map((x) => x.text);
	return `What ${aux} ${s}${between.length ? ` ${between.join(' ')}` : ''} ${baseForm(main)}${t}?`;
}

/** "Why <aux> <subject> <rest>?" for a clause stated as fact. */
export function whyQuestion(source: string, c: Clause, base: number): string | null {
	if (!nounPhrase(c.subject)) return null;
	const subject = inside(textOf(source, c.subject, base));
	const rest = textOf(source, c.rest, base).replace(/[.;,:]+$/, '');
	const first = c.verb[0]!;
	if (MODAL.has(first.lower) || BE.has(first.lower) || (HAVE.has(first.lower) && c.verb.length > 1)) {
		const more = c.verb.slice(1).map((t) => t.text).join(' ');
		return `Why ${first.lower} ${subject}${more ? ` ${more}` : ''}${rest ? ` ${rest}` : ''}?`;
	}
	const main = c.verb.at(-1)!;
	const aux = past(main) ? 'did' : plural(c.subject) ? 'do' : 'does';
	return `Why ${aux} ${subject} ${baseForm(main)}${rest ? ` ${rest}` : ''}?`;
}

/**
 * Problems a question has by the parse: not a question, a do-support with an inflected verb
 * ("does X leads"), a modal with an inflected verb, a clause opener or a second finite verb in the
 * subject ("what does since …", "what does baroreceptors sense … lead to"), a dangling end.
 */
export function questionProblems(q: string): string[] {
	const out: string[] = [];
	const text = q.trim();
	if (/\[…\]/.test(text)) return out; // a cloze reads as the document does
	if (!/\?$/.test(text)) out.push('does not end with a question mark');
	// A leading "When …, " or "In …, " is context; the question proper follows the last such comma.
	const main = /^(?:when|if|in|during|after|before|for|among|with)\b[^?]*?,\s+(?=(?:what|which|why|how|when|who|where)\b)/i.exec(text);
	// "When X, what follows?": X must be a clause of its own, with a subject before its verb.
	const when = /^(?:when|if)\s+([^?]*?),\s+(?:what|which|why|how)\b/i.exec(text);
	if (when) {
		const wt = tag(when[1]!);
		const c = analyse(wt);
		if (!c || !c.subject.length || c.subject[0]!.pos === 'SCONJ') out.push(`“${when[1]!.split(/\s+/).slice(0, 4).join(' ')} …” is not a clause`);
	}
	// "Into which three groups …": a preposition before the question word.
	const body = (main ? text.slice(main[0].length) : text).replace(/^(?:into|in|of|for|from|by|to|at)\s+(?=(?:what|which)\b)/i, '');
	// Verbs the tagger reads as nouns in a question's last words ("result in", "lead to").
	const toks = tag(body)
		.filter((t) => t.pos !== 'PUNCT' || t.text === ',')
		.map((t, i, all) => ((t.pos === 'NOUN' || t.pos === 'ADJ') && i > 2 && (i === all.length - 1 || /^(to|in|about|rise|into|on|with|from)$/.test(all[i + 1]!.lower)) && (/^(lead|result|cause|give|bring|trigger|induce|mean|refer|reclaim|secrete|buffer|release|need|show|form|produce|stimulate)$/.test(t.lower) || ((t.lemma === t.lower || i === all.length - 1) && canBeVerb(t.lower))) ? { ...t, pos: 'VERB' as const, lemma: t.pos === 'ADJ' ? t.lower : t.lemma } : t));
	if (!toks.length) return ['empty'];
	const w = toks[0]!;
	if (!WH.has(w.lower) && w.pos !== 'AUX' && !MODAL.has(w.lower)) out.push(`starts with "${w.text}", not a question word`);
	let k = WH.has(w.lower) ? 1 : 0;
	// "What causes …?", "Which term means …?": the question word is the subject.
	const subjectQuestion = (t: Token | undefined) => !!t && (t.pos === 'VERB' || /^(causes|leads|results|happens|follows|defines|means|drives|makes|raises|lowers|protects|prevents|marks|confirms|suggests|separates|counts)$/.test(t.lower));
	if (WH.has(w.lower) && subjectQuestion(toks[1])) return out;
	// "Which term …", "What group …": a noun after the question word is its object.
	while (k < toks.length && WH.has(w.lower) && (toks[k]!.pos === 'NOUN' || toks[k]!.pos === 'ADJ' || toks[k]!.pos === 'NUM') && toks[k]!.pos !== 'AUX') k++;
	if (k > 1 && subjectQuestion(toks[k])) return out;
	const aux = toks[k];
	if (!aux) return [...out, 'no verb'];
	const doSupport = /^(do|does|did)$/.test(aux.lower);
	const modal = MODAL.has(aux.lower);
	if (doSupport || modal) {
		const after = toks[k + 1];
		if (after && (after.pos === 'SCONJ' || after.pos === 'ADP' && after.lower !== 'in')) out.push(`"${aux.text} ${after.text}": a clause opener where the subject should be`);
		// The subject runs up to the main verb; a finite verb inside it is a second clause.
		const restToks = toks.slice(k + 1);
		// A noun right before a determiner is a verb the tagger missed ("baroreceptors sense the …").
		// A participle after "than" or "as" ("higher than predicted") belongs to the subject.
		const v = restToks.findIndex((t, i) => i > 0 && !(/ed$/.test(t.lower) && /^(than|as)$/.test(restToks[i - 1]!.lower)) && (t.pos === 'VERB' || t.pos === 'AUX' || (t.pos === 'NOUN' && restToks[i + 1]?.pos === 'DET')));
		if (v < 0) out.push(`no main verb after "${aux.text}"`);
		else {
			const mainVerb = restToks[v]!;
			if (restToks[v - 1]?.lower === 'to') out.push(`"${aux.text} … to ${mainVerb.text}": a "to" before the main verb`);
			if (mainVerb.pos === 'VERB' && baseForm(mainVerb) !== mainVerb.lower && !/^(be|have)$/.test(baseForm(mainVerb)) && !/ed$/.test(mainVerb.lower)) out.push(`"${aux.text} … ${mainVerb.text}": the verb after "${aux.text}" should be in its base form`);
			// A second main verb, not introduced by "to", "which", "that" or "and": two clauses spliced.
			const second = restToks.slice(v + 1).findIndex((t, i) => {
				const before = restToks[v + i];
				return t.pos === 'VERB' && !/ing$|ed$/.test(t.lower) && !!before && before.lower !== 'to' && before.pos !== 'PART' && !/^(which|that|who|and|or)$/.test(before.lower) && !restToks.slice(v + 1, v + 1 + i).some((x) => /^(when|if|because|while|as|once|until|after|before|where|since|unless)$/.test(x.lower));
			});
			if (second >= 0) out.push(`two clauses spliced: "${mainVerb.text} … ${restToks[v + 1 + second]!.text}"`);
		}
	}
	if (/\b(the|a|an|of|and|or)\s*\?$/i.test(text)) out.push('ends on a function word');
	return out;
}

/** Machine-translation grammar in a stretch of source: "it switch", "glucose enter", "the abnormal is". */
export function brokenGrammar(toks: Token[]): string | null {
	for (let i = 1; i < toks.length; i++) {
		const t = toks[i]!;
		const prev = toks[i - 1]!;
		if (t.pos !== 'VERB') continue;
		const base = t.lemma === t.lower && !/ed$|ing$/.test(t.lower);
		if (!base) continue;
		const before2 = toks[i - 2];
		const modalOrTo = (x: Token | undefined) => !!x && (x.pos === 'AUX' || x.pos === 'PART' || /^(to|can|may|must|will|would|should|could|not|and|or|also|then|both)$/.test(x.lower));
		if (modalOrTo(prev) || (prev.pos === 'ADV' && modalOrTo(before2))) continue;
		if (/^(it|he|she|this)$/.test(prev.lower)) return `“${prev.text} ${t.text}”`;
		if ((prev.pos === 'NOUN' || prev.pos === 'PROPN') && prev.lemma === prev.lower && !/s$/.test(prev.lower) && before2 && (before2.pos === 'DET' || before2.pos === 'ADJ') && !/^(the|these|those|both|all|many|most)$/.test(before2.lower) && i === toks.findIndex((x) => x.pos === 'VERB')) return `“${prev.text} ${t.text}”`;
	}
	return null;
}
