// Cards from one clause unit that the sentence-level detectors miss: what rises or falls ("the
// hepatic synthesis of fibrinogen increases"), the causes given by "since …, so …", what a term
// in brackets or between commas is said to be ("fibrinogen (an important coagulation factor …)",
// "tolvaptan, a vasopressin receptor antagonist, …"), and, where a translated clause cannot be
// asked as a question, a cloze that keeps its fact in view, marked "needs a look".

import { analyse, inside, nounPhrase, plural, textOf, upperStart, whyQuestion, words } from './clause.ts';
import { blockTopic, clean, contentWords, keyTerm, numberPhrases, piece, shown, withContext, type Candidate, type Doc } from './common.ts';
import { tag, type Token } from './nlp.ts';
import type { Block, Piece } from './segment.ts';

/** Verbs that say a quantity went up or down, and the participles that say so after "is". */
const CHANGE = /^(?:increase|decrease|rise|fall|decline|drop|climb|grow|reduce|raise|elevate|lower|enhance|impair|diminish)$/;
const INTRANSITIVE = /^(?:increase|decrease|rise|fall|decline|drop|climb|grow)$/;
/** Any form of the verbs above, as a cheap test before the parse. */
const CHANGE_CUE = /\b(?:increas|decreas|ris|rose|fall|fell|declin|drop|climb|grow|grew|reduc|rais|elevat|lower|enhanc|impair|diminish)/i;
/** A change told by the participle before a noun: "decreased fibrinolytic activity". */
const CHANGED = /^(?:decreased|increased|reduced|raised|elevated|lowered|enhanced|impaired|diminished|higher|lower)$/i;

/** Text without long remarks in brackets: "the hepatic synthesis of fibrinogen (an important …) increases" → "… fibrinogen increases". */
function withoutAsides(toks: Token[]): Token[] {
	const out: Token[] = [];
	for (let i = 0; i < toks.length; i++) {
		if (toks[i]!.text !== '(') {
			out.push(toks[i]!);
			continue;
		}
		let j = i + 1;
		while (j < toks.length && toks[j]!.text !== ')') j++;
		// A short bracket ("(PAI)", "(AT-III)") is part of the name; a long one is an aside.
		if (j - i - 1 <= 3) out.push(...toks.slice(i, j + 1));
		i = j;
	}
	return out;
}

/** "In nephrotic syndrome, what happens to the hepatic synthesis of fibrinogen?" → "Increases". */
export function detectChange(text: string, base: number, block: Block, doc: Doc, out: Candidate[], span: Piece['span'], topic = blockTopic(block, doc)): boolean {
	// No word of rising or falling: nothing to parse.
	if (!CHANGE_CUE.test(text)) return false;
	// "long-term glucocorticoid, so factor VIII activity increased": what the change comes with is said in the question.
	const cause = leadNounPhrase(text);
	const after = cause ? /^[^,]*,\s*so\s+/i.exec(text) : null;
	const body = (after ? text.slice(after[0].length) : text).replace(/^(?:since|as|so|and|but|while|whereas)\s+/i, '');
	const shift = text.length - body.length;
	const toks = withoutAsides(tag(body));
	const c = analyse(toks);
	if (!c || !c.verb.length || !nounPhrase(c.subject)) return false;
	const main = c.verb.at(-1)!;
	if (!CHANGE.test(main.lemma)) return false;
	const passive = c.verb.length > 1 && /^(is|are|was|were|be|been)$/.test(c.verb.at(-2)!.lower);
	if (!passive && !INTRANSITIVE.test(main.lemma)) return false;
	// Nothing after the verb but where or when: an object is asked by the statement detector, a number by the criteria.
	const rest = c.rest.filter((t) => t.pos !== 'PUNCT');
	if (rest.length && (rest[0]!.pos !== 'ADP' || rest[0]!.lower === 'to' || rest.length > 6)) return false;
	if (numberPhrases(body).length) return false;
	const subject = c.subject.map((t) => t.text).join(' ').replace(/\s+([)-])/g, '$1').replace(/([(-])\s+/g, '$1');
	if (words(subject) > 10) return false;
	if (c.verb.some((t) => /^(?:should|must|can|could|may|might|will|would)$/.test(t.lower))) return false;
	const q = after ? `With ${inside(cause)}, what happens to ${inside(subject)}?` : withContext(`What happens to ${inside(subject)}?`, main.text, doc, topic);
	const answer = { start: base + shift + main.start, end: base + shift + main.end };
	out.push({ detector: 'change', kind: 'basic', question: q, answer: upperStart(main.text), span, answerSpans: [answer], why: `what changes: ${main.lemma}`, target: `change:${subject}`, block });
	return true;
}

/** "Since A, and B, C, so decreased fibrinolytic activity" → "Why is fibrinolytic activity decreased?" → A, B, C. */
export function detectSinceSo(p: Piece, block: Block, doc: Doc, out: Candidate[], topic = blockTopic(block, doc)): boolean {
	const m = /^(?:since|as|because)\s+(.{5,400}?),\s*(?:and\s+)?so\s+(.{3,})$/id.exec(p.text.replace(/[.;]+$/, ''));
	if (!m) return false;
	const causeStart = p.span.start + m.indices![1]![0];
	const causeText = m[1]!;
	// The causes: the pieces between top-level commas ("A, and B, C"), brackets kept whole.
	const parts: Piece[] = [];
	let depth = 0;
	let from = 0;
	for (let i = 0; i <= causeText.length; i++) {
		const ch = causeText[i];
		depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
		if (i === causeText.length || (ch === ',' && depth === 0)) {
			const raw = causeText.slice(from, i).replace(/^\s*and\s+/i, '');
			const at = causeText.indexOf(raw, from);
			const pc = piece(doc.flat, causeStart + at, causeStart + at + raw.length);
			if (pc.text) parts.push(pc);
			from = i + 1;
		}
	}
	if (!parts.length || parts.length > 6 || parts.some((x) => words(x.text) > 14)) return false;
	const effectRaw = m[2]!;
	const effect = effectRaw.split(/\s*,\s*|\s+(?:can|may|which|and thereby|thereby)\s+/)[0]!.trim();
	const eToks = tag(effect);
	let q = '';
	if (eToks[0] && CHANGED.test(eToks[0].text) && nounPhrase(eToks.slice(1))) {
		const np = effect.slice(eToks[1]!.start);
		q = `Why ${plural(eToks.slice(1)) ? 'are' : 'is'} ${inside(np)} ${eToks[0].lower}?`;
	} else {
		const c = analyse(eToks);
		q = c ? (whyQuestion(effect, c, 0) ?? '') : '';
	}
	if (!q) return false;
	q = withContext(q, causeText, doc, topic);
	const items = parts.map((x) => shown(x.text));
	const span = p.span;
	if (items.length === 1) out.push({ detector: 'cause', kind: 'basic', question: q, answer: items[0]!, span, answerSpans: [parts[0]!.span], why: 'cause → effect (“since … so”)', target: `since:${effect}`, block });
	else out.push({ detector: 'cause', kind: 'list', question: q, answer: items.map((x) => `• ${x}`).join('\n'), items, span, answerSpans: parts.map((x) => x.span), why: `${items.length} causes (“since … so”)`, target: `since:${effect}`, block });
	return true;
}

/**
 * What a term is said to be in brackets or between commas: "fibrinogen (an important coagulation
 * factor involved in …)", "Tolvaptan, a vasopressin receptor antagonist, is kept for …".
 */
export function detectGloss(p: Piece, block: Block, doc: Doc, out: Candidate[]): boolean {
	const text = p.text;
	let made = false;
	for (const m of text.matchAll(/\((an?\s+[^()]{8,200})\)/gi)) {
		const before = tag(text.slice(0, m.index));
		// The term is the noun phrase just before the bracket: "the hepatic synthesis of fibrinogen (…)" glosses "fibrinogen".
		const term: Token[] = [];
		for (let i = before.length - 1; i >= 0 && term.length < 4; i--) {
			const t = before[i]!;
			if (!/^(NOUN|PROPN|ADJ)$/.test(t.pos) && t.text !== '-') break;
			term.unshift(t);
		}
		if (!term.length || !/^(NOUN|PROPN)$/.test(term.at(-1)!.pos)) continue;
		const inner = m[1]!;
		const cut = /,\s*(?:can|may|which|that|and it|it)\b|;/.exec(inner);
		const gloss = cut ? inner.slice(0, cut.index) : inner;
		if (words(gloss) < 3) continue;
		const at = p.span.start + m.index! + 1;
		const g = piece(doc.flat, at, at + gloss.length);
		const name = textOf(text, term);
		out.push({ detector: 'definition', kind: 'basic', question: `What is ${inside(name)}?`, answer: shown(g.text), span: p.span, answerSpans: [g.span], why: 'definition (in brackets)', target: `gloss:${name}`, block });
		made = true;
	}
	const comma = /^([A-Z][\w-]+(?:\s+[\w-]+){0,2}),\s+(an?\s+[^,]{5,80}),\s+(?:is|are|was|were|can|has|have|acts|works|blocks)\b/d.exec(text);
	if (comma && nounPhrase(tag(comma[1]!))) {
		const g = piece(doc.flat, p.span.start + comma.indices![2]![0], p.span.start + comma.indices![2]![1]);
		out.push({ detector: 'definition', kind: 'basic', question: `What is ${inside(comma[1]!)}?`, answer: shown(g.text), span: p.span, answerSpans: [g.span], why: 'definition (in apposition)', target: `gloss:${comma[1]!}`, block });
		made = true;
	}
	return made;
}

/**
 * A clause no detector could ask, from a translated or run-on sentence: a cloze on its key term,
 * so the fact stays in view, marked "needs a look" with the reason. Nothing for a clause with no
 * term worth a blank.
 */
export function detectFallback(u: Piece & { note?: string }, block: Block, doc: Doc, out: Candidate[], why: string): boolean {
	const text = u.text.replace(/[;,]\s*$/, '');
	if (words(text) < 4 || contentWords(text).length < 3) return false;
	const toks = tag(text);
	const k = keyTerm(toks, analyse(toks), 2);
	if (!k) return false;
	const a = k[0]!.start;
	const b = k.at(-1)!.end;
	const body = clean(text);
	if (body !== text) return false;
	// "Both […]", "[…] of renal fibrosis": a fragment, or too little left around the blank to recall it from.
	if (/^(?:both|but|and|or|also|as well)\b/i.test(text) || contentWords(`${text.slice(0, a)} ${text.slice(b)}`).length < 3) return false;
	out.push({
		detector: 'statement',
		kind: 'cloze',
		question: upperStart(`${text.slice(0, a)}[…]${text.slice(b)}`),
		answer: upperStart(text),
		span: u.span,
		answerSpans: [{ start: u.span.start + a, end: u.span.start + b }],
		why: 'key term',
		target: `fallback:${text.slice(a, b)}`,
		needsLook: `${why}: no question could be built from it, so this cloze keeps its fact in view; reword it`,
		block
	});
	return true;
}

/** A causal verb that opens an effect, and the connectives that join one effect of a run to the next. */
const RUN_CAUSE = /\b(?:can\s+|may\s+|will\s+)?(?:easily\s+|further\s+)?(?:cause|causes|caused|lead to|leads to|led to|result in|results in|resulted in|give rise to|gives rise to|induce|induces)\s+/i;
const STEP_OPENER = /^(?:(?:and|thus|thereby|so|then|which)\s+)?(?:(?:can|may|will)\s+)?(?:easily\s+)?(?:leading to|resulting in|causing|forming|lead to|leads to|led to|result in|results in|cause|causes)\s+|^(?:and|thus|thereby|so|then)\s+/i;

/**
 * A translated run-on where one cause sets off a run of effects, each a comma apart: "… may cause
 * low perfusion, much tubule cell swelling, obstruction of the lumen, more injury, leading to
 * scarring" → "What follows low perfusion, step by step?" with the effects in the text's order. Returns
 * the units it used as steps.
 */
export function detectRun(units: (Piece & { note?: string })[], block: Block, doc: Doc, out: Candidate[], topic = blockTopic(block, doc)): Set<number> {
	const used = new Set<number>();
	if (units.length < 3 || !units.some((u) => u.note?.startsWith('a run-on'))) return used;
	// "The results in patients …" is a noun, not "results in": a causal verb never follows a determiner.
	const causeIn = (u: Piece) => {
		const m = RUN_CAUSE.exec(u.text);
		return !!m && !/\b(?:the|a|an|these|those|its|their)\s+$/i.test(u.text.slice(0, m.index));
	};
	const start = units.findIndex(causeIn);
	if (start < 0 || start >= units.length - 2) return used;
	const m = RUN_CAUSE.exec(units[start]!.text)!;
	const first = piece(doc.flat, units[start]!.span.start + m.index + m[0].length, units[start]!.span.end);
	const firstText = first.text.replace(/,\s*.*$/, '');
	if (!firstText || words(firstText) > 8) return used;
	const steps: { text: string; span: Piece['span']; k: number }[] = [];
	for (let k = start + 1; k < units.length && steps.length < 6; k++) {
		const u = units[k]!;
		const o = STEP_OPENER.exec(u.text);
		const p = o ? piece(doc.flat, u.span.start + o[0].length, u.span.end) : piece(doc.flat, u.span.start, u.span.end);
		if (!p.text || words(p.text) > 12) break;
		steps.push({ text: p.text, span: p.span, k });
		// "…, thus forming a kind of vicious circle": the run closes on its result.
		if (o && /^(?:and\s+)?(?:thus|thereby|so)\b/i.test(o[0])) break;
	}
	if (steps.length < 2) return used;
	const items = steps.map((x) => shown(x.text));
	const q = withContext(`What follows ${inside(firstText)}, step by step?`, items.join(' '), doc, topic);
	out.push({
		detector: 'list',
		kind: 'steps',
		question: q,
		answer: items.map((x, i) => `${i + 1}. ${x}`).join('\n'),
		items,
		span: { start: units[start]!.span.start, end: steps.at(-1)!.span.end },
		answerSpans: steps.map((x) => x.span),
		why: `${items.length} steps in the text's order`,
		target: `run:${firstText}`,
		needsLook: 'a run-on sentence of the source: check the wording of each step',
		block
	});
	for (const x of steps) used.add(x.k);
	return used;
}

/** The noun phrase a run-on opens with, before its first comma: "long-term glucocorticoid, so …" → "long-term glucocorticoid". */
export function leadNounPhrase(text: string): string {
	const head = /^([^,()]{3,60}),\s/.exec(text)?.[1];
	if (!head) return '';
	const toks = tag(head);
	return nounPhrase(toks) && !analyse(toks)?.verb.length ? head.trim() : '';
}

/** "…, while inhibiting the monocyte–macrophage system" after "long-term glucocorticoid, …" → "What does long-term glucocorticoid inhibit?" */
export function detectWhileDoing(u: Piece, subject: string, block: Block, doc: Doc, out: Candidate[], topic = blockTopic(block, doc)): boolean {
	const m = /^(?:while|and|also|thereby)\s+([a-z]+ing)\s+(.{3,})$/id.exec(u.text);
	if (!m || !subject) return false;
	const verb = tag(`they are ${m[1]!}`)[2];
	if (!verb || verb.pos !== 'VERB' || !verb.lemma || verb.lemma === verb.lower) return false;
	const a = piece(doc.flat, u.span.start + m.indices![2]![0], u.span.end);
	if (!a.text || words(a.text) > 12) return false;
	const sToks = tag(subject);
	const q = withContext(`What ${plural(sToks) ? 'do' : 'does'} ${inside(subject)} ${verb.lemma}?`, a.text, doc, topic);
	out.push({ detector: 'statement', kind: 'basic', question: q, answer: shown(a.text), span: u.span, answerSpans: [a.span], why: 'key statement', target: `while:${subject}|${verb.lemma}`, block });
	return true;
}
