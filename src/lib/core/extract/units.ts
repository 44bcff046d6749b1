// Clause units: a sentence cut into the clauses that each hold one fact, so that a run-on
// sentence (the commonest fault of machine translation, and of hurried notes) still gives one
// clean card per fact. A sentence is cut at semicolons, at a colon after a clause, before a
// clause joined by ", and" / ", but" / ", while", before a clause spliced on with a bare comma,
// before a ", which …" that says something new of the object, before a second verb phrase that
// shares the subject ("… and forms casts"), and between two copular clauses run together with
// no stop at all. Each unit keeps its own span; a unit whose subject is elsewhere ("which …",
// "forms casts") carries that subject as text, so questions can name it. Pure, one tagging per
// sentence.

import { analyse, nounPhrase, words } from './clause.ts';
import { tag, type Token } from './nlp.ts';
import type { Piece } from './segment.ts';

export interface Unit extends Piece {
	/** What the unit's missing subject, or its "which", stands for: the noun phrase it shares with the clause before. */
	subject?: string;
	/** The unit starts with its verb: the subject is to be put before it. */
	bare?: boolean;
	/** How it was cut from its sentence, when a reader should check the cut. */
	note?: string;
}

/** Verbs that state causation: a ", which leads to …" stays with its clause (the chain detector asks it). */
const CAUSAL = /^(?:lead|leads|led|leading|result|results|resulted|cause|causes|caused|causing|trigger|triggers|triggered|induce|induces|induced|give|gives|gave|bring|brings)$/;
/** Openers that only join a clause to the one before and carry no fact. */
const OPENER = /^(?:that is why|this is why|at the same time|in fact|at the end|in the end|in addition|moreover|furthermore|meanwhile|then|next|also|besides)\b,?\s*/i;
/** Discourse words a translation runs on into, with no full stop before them: "… growth factors Next, the occurrence …". */
const RUN_ON = /(?<=[a-z)\]])\s+(?=(?:Next|Then|Thereafter|Afterwards|Meanwhile|Moreover|Furthermore|However|Therefore),?\s)/g;

const finiteAt = (toks: Token[]): number => {
	const c = analyse(toks);
	return c && c.verb.length ? toks.indexOf(c.verb[0]!) : -1;
};

/** Words that open a subordinate clause: "If X, Y" and "When X, Y" are one sentence, not a splice. */
const SUBORDINATE = /^(?:if|when|whenever|once|because|since|as|although|though|while|unless|until|after|before|where|whether)$/;

/** The main verb of a run of tokens: not a participle after a noun and before a preposition ("patients aged over 65 …") when a verb follows. */
function mainVerbAt(toks: Token[]): number {
	const i = finiteAt(toks);
	if (i < 0) return -1;
	const t = toks[i]!;
	if (t.pos === 'VERB' && /ed$/.test(t.lower) && toks[i + 1] && /^(ADP|NUM)$/.test(toks[i + 1]!.pos) && toks[i - 1] && /^(NOUN|PROPN)$/.test(toks[i - 1]!.pos)) {
		const later = finiteAt(toks.slice(i + 1));
		return later < 0 ? -1 : i + 1 + later;
	}
	return i;
}

/** Whether tokens read as a clause of their own: a noun-phrase or pronoun subject, then a finite verb. */
function isClause(toks: Token[]): boolean {
	if (toks.length < 3) return false;
	const c = analyse(toks);
	if (!c || !c.verb.length || !c.rest.length && c.verb.at(-1)!.pos !== 'VERB') return false;
	if (!c.subject.length) return false;
	if (/^(which|who|that|whose|where|when|if|because|since|as|although|while)$/.test(c.subject[0]!.lower)) return false;
	if (c.subject.length === 1 && /^(it|they|this|these|he|she|we)$/.test(c.subject[0]!.lower)) return true;
	if (nounPhrase(c.subject)) return true;
	// "in a patient whose arterial pH is 7.28 the urine anion gap separates …": an opening phrase before the subject.
	return c.subject[0]!.pos === 'ADP' && c.rest.some((t) => t.pos === 'VERB');
}

/** The noun phrase that ends just before token `end` ("… secretes hydrogen ions, which"), as text, or ''. */
function objectBefore(text: string, toks: Token[], end: number, from: number): string {
	let i = end - 1;
	if (i < from) return '';
	if (toks[i]!.text === ')') {
		while (i >= from && toks[i]!.text !== '(') i--;
		i--;
	}
	const last = i;
	while (i >= from && /^(NOUN|PROPN|ADJ|NUM)$/.test(toks[i]!.pos) || (i >= from && toks[i]!.text === '-')) i--;
	if (i >= from && toks[i]!.pos === 'DET') i--;
	if (last - i < 1 || last - i > 6 || !/^(NOUN|PROPN)$/.test(toks[last]!.pos)) return '';
	return text.slice(toks[i + 1]!.start, toks[end - 1]!.end);
}

/** Where a part of a sentence may be cut, as offsets into `text`, each with what the piece after it needs. */
interface Cut {
	at: number;
	/** Where the next unit starts (after the conjunction or comma). */
	next: number;
	subject?: string;
	bare?: boolean;
	note?: string;
}

function cutsOf(text: string, toks: Token[]): Cut[] {
	const cuts: Cut[] = [];
	const verbAt = finiteAt(toks);
	if (verbAt < 0) return cuts;
	const head = analyse(toks)!;
	const subjectText = head.subject.length ? text.slice(head.subject[0]!.start, head.subject.at(-1)!.end) : '';
	const causal = toks.some((t) => CAUSAL.test(t.lower)) || /\b(?:thereby|thus|so that|therefore)\b|,\s*so\s/i.test(text);
	let unitStart = 0;
	for (let i = verbAt + 1; i < toks.length - 2; i++) {
		const t = toks[i]!;
		const next = toks[i + 1]!;
		const left = toks.slice(unitStart, i);
		const leftHasVerb = mainVerbAt(left) >= 0;
		const subordinate = SUBORDINATE.test(left[0]?.lower ?? '') && !left.some((x) => x.text === ',');
		if (t.text === ',' && leftHasVerb) {
			// ", and the kidney reads this as …", ", but positive in …" with a verb of its own.
			const conj = /^(and|but|while|whereas|yet)$/.test(next.lower) ? 1 : 0;
			const rest = toks.slice(i + 1 + conj);
			if (conj && !subordinate && rest[0] && !/^(VERB|AUX)$/.test(rest[0].pos) && isClause(rest)) {
				cuts.push({ at: t.start, next: rest[0].start });
				unitStart = i + 1 + conj;
				continue;
			}
			// ", which are buffered by …": something new said of the direct object.
			const lv = finiteAt(left) + unitStart;
			if (next.lower === 'which' && toks[i + 2] && !CAUSAL.test(toks[i + 2]!.lower) && /^(VERB|AUX|ADV)$/.test(toks[i + 2]!.pos) && !causal && toks[lv]?.pos === 'VERB') {
				const np = objectBefore(text, toks, i, lv + 1);
				const direct = np && text.slice(toks[lv + 1]!.start, toks[i - 1]!.end) === np;
				if (direct && nounPhrase(tag(np))) {
					cuts.push({ at: t.start, next: next.start, subject: np });
					unitStart = i + 1;
					continue;
				}
			}
			// ", the GFR can be higher than normal": a clause spliced on with a bare comma.
			if (!conj && !subordinate && /^(DET|NOUN|PROPN|PRON|ADJ|NUM)$/.test(next.pos) && next.lower !== 'which' && isClause(rest) && words(text.slice(toks[unitStart]!.start, t.start)) >= 4) {
				const rc = analyse(rest)!;
				if (rc.subject.length && rc.subject.length <= 8 && !rc.subject.some((x) => x.text === ',')) {
					cuts.push({ at: t.start, next: next.start, note: 'a clause the source runs on with a comma' });
					unitStart = i + 1;
					continue;
				}
			}
			// ", as well as promote platelet adhesion": a second verb phrase of the same subject.
			if (next.lower === 'as' && toks[i + 2]?.lower === 'well' && toks[i + 3]?.lower === 'as' && toks[i + 4] && /^(VERB|NOUN)$/.test(toks[i + 4]!.pos) && subjectText && nounPhrase(head.subject) && !causal) {
				cuts.push({ at: t.start, next: toks[i + 4]!.start, subject: subjectText, bare: true });
				unitStart = i + 4;
				continue;
			}
		}
		// "myoglobin binds Tamm–Horsfall protein and forms casts": "and" before a second finite verb of the one subject.
		if (t.lower === 'and' && next.pos === 'VERB' && !/(ing|ed)$/.test(next.lower) && next.lemma !== next.lower && /s$/.test(next.lower) && leftHasVerb && subjectText && nounPhrase(head.subject) && !causal && toks[i + 2] && /^(DET|NOUN|ADJ|PROPN|NUM)$/.test(toks[i + 2]!.pos)) {
			cuts.push({ at: t.start, next: next.start, subject: subjectText, bare: true });
			unitStart = i + 1;
			continue;
		}
	}
	// "antithrombin III is the most important anticoagulant protein S is a vitamin K-dependent …":
	// two copulas with no stop between them; the second subject is the two words before the second verb.
	const cop = toks.map((t, i) => (t.pos === 'AUX' && /^(is|are)$/.test(t.lower) ? i : -1)).filter((i) => i >= 0);
	if (cop.length === 2 && !cuts.length && !toks.slice(cop[0]!, cop[1]!).some((t) => t.text === ',' || t.pos === 'CCONJ' || t.pos === 'SCONJ' || /^(which|that|who)$/.test(t.lower))) {
		let j = cop[1]! - 1;
		if (toks[j]?.text === ')') {
			while (j > cop[0]! && toks[j]!.text !== '(') j--;
			j--;
		}
		const start = j - 1;
		if (start - cop[0]! >= 3 && toks[j] && /^(NOUN|PROPN)$/.test(toks[j]!.pos) && /^(NOUN|PROPN|ADJ)$/.test(toks[start]!.pos)) cuts.push({ at: toks[start]!.start, next: toks[start]!.start, note: 'two sentences the source runs together with no stop' });
	}
	return cuts;
}

function trimmed(flat: string, start: number, end: number): Piece {
	let a = start;
	let b = end;
	while (a < b && /[\s,;:–—-]/.test(flat[a]!)) a++;
	while (b > a && /[\s,;:.。!–—-]/.test(flat[b - 1]!)) b--;
	return { text: flat.slice(a, b), span: { start: a, end: b } };
}

/** The longest part cut into clause units: the cut weighs every comma against the rest of the part. */
const MAX_CUT = 1200;

/** A part of a sentence (cut at semicolons and at a colon after a clause) and the clause units inside it. */
export interface Part {
	part: Piece;
	units: Unit[];
}

/**
 * A sentence's parts and their clause units, in order, each with its own span. `keepWhole` says
 * which parts a detector must see whole (a definition, an exception, a list in a sentence): those
 * are one unit.
 */
export function clauseParts(flat: string, s: Piece, keepWhole: (p: Piece) => boolean = () => false): Part[] {
	const out: Part[] = [];
	// A run-on into "Next," or "Then," with no full stop is two sentences.
	const parts0: Piece[] = [];
	let from = 0;
	for (const m of s.text.matchAll(RUN_ON)) {
		parts0.push(trimmed(flat, s.span.start + from, s.span.start + m.index));
		from = m.index + m[0].length;
	}
	parts0.push(trimmed(flat, s.span.start + from, s.span.end));
	const pieces: Piece[] = [];
	for (const sent of parts0) {
		let at = 0;
		for (const part of sent.text.split(/;\s+/)) {
			const start = sent.text.indexOf(part, at);
			at = start + part.length;
			const base = sent.span.start + start;
			// "X is the marker used for the diagnosis: a CK above …": a clause before a colon is a fact of its own.
			const colon = /:\s+/.exec(part);
			const before = colon ? part.slice(0, colon.index) : '';
			const c = colon && words(before) >= 4 && !/so-called/i.test(before) && !/\b(?:any of|the following|as follows|include|includes|are|is|namely)\s*$/i.test(before) ? analyse(tag(before)) : null;
			if (colon && c && c.subject.length && c.rest.length) {
				pieces.push(trimmed(flat, base, base + colon.index), trimmed(flat, base + colon.index + colon[0].length, base + part.length));
				continue;
			}
			pieces.push(trimmed(flat, base, base + part.length));
		}
	}
	for (const p of pieces) {
		if (!p.text) continue;
		// A part of hundreds of words is not prose a clause cut can help (or it is a hostile paste): one unit.
		out.push({ part: p, units: keepWhole(p) || words(p.text) < 8 || p.text.length > MAX_CUT ? [p] : unitsOf(flat, p) });
	}
	return out.length ? out : [{ part: s, units: [s] }];
}

/** Connectives that open an effect: a segment starting with one stays with the segment before it, its cause. */
const EFFECT_OPENER = /^(?:leading to|resulting in|causing|thereby|thus|so|which (?:led|leads|lead) to|can (?:easily )?(?:lead|cause|result)|easily lead)\b/i;

/**
 * A translated run-on: many comma-joined pieces, several with no verb of their own ("…, much tubule
 * cell swelling, obstruction of the lumen, more injury, leading to …"). It is cut at every comma outside brackets; a short piece (a list item,
 * "sclerosis") and a piece that opens with an effect ("leading to …") stay with the one before.
 */
function runOnCuts(text: string, toks: Token[]): Cut[] {
	const commas: number[] = [];
	let depth = 0;
	for (let i = 0; i < toks.length; i++) {
		const t = toks[i]!;
		depth += t.text === '(' ? 1 : t.text === ')' ? -1 : 0;
		if (t.text === ',' && depth === 0) commas.push(i);
	}
	if (commas.length < 3 || words(text) < 20) return [];
	const bounds = [-1, ...commas, toks.length];
	const segs = bounds.slice(0, -1).map((b, k) => toks.slice(b + 1, bounds[k + 1]));
	// Pieces with no verb that are not list items ("and SGLT2 inhibitor", "together with glycosuria"): the mark of a run-on.
	const verbless = segs.filter((sg) => sg.length >= 3 && finiteAt(sg) < 0 && !sg.some((t) => /ing$/.test(t.lower) && t.pos === 'VERB') && !/^(CCONJ|ADP|SCONJ|ADV)$/.test(sg[0]!.pos) && !/^(such|which|who)$/.test(sg[0]!.lower) && !sg.every((t) => /^(NOUN|PROPN|CCONJ)$/.test(t.pos))).length;
	if (verbless < 2) return [];
	const cuts: Cut[] = [];
	for (let k = 1; k < segs.length; k++) {
		const sg = segs[k]!;
		const segText = sg.length ? text.slice(sg[0]!.start, sg.at(-1)!.end) : '';
		if (sg.length < 3 || EFFECT_OPENER.test(segText) || /^(?:such as|or|and|e\.g\.)\b/i.test(segText)) continue;
		// "such as bacteria, fungi, or other factors": items of a list are not clauses.
		if (segs[k - 1]!.length < 3 && k > 1) {
			const prev = text.slice(segs[k - 1]![0]?.start ?? 0, segs[k - 1]!.at(-1)?.end ?? 0);
			if (!/^(?:such as|or|and)\b/i.test(prev) && segs[k - 2] && /such as/i.test(text.slice(segs[k - 2]![0]!.start, segs[k - 2]!.at(-1)!.end))) continue;
		}
		const comma = toks[bounds[k]!]!;
		cuts.push({ at: comma.start, next: sg[0]!.start, note: 'a run-on sentence of the source, cut at its commas' });
	}
	return cuts;
}

/** A part's clause units. */
function unitsOf(flat: string, p: Piece): Unit[] {
	const opener = OPENER.exec(p.text);
	const q = opener && words(p.text.slice(opener[0].length)) >= 4 ? trimmed(flat, p.span.start + opener[0].length, p.span.end) : p;
	const toks = tag(q.text);
	const runOn = runOnCuts(q.text, toks);
	const cuts = runOn.length ? runOn : cutsOf(q.text, toks);
	if (!cuts.length) return [q];
	const out: Unit[] = [];
	let uStart = 0;
	let carry: Omit<Cut, 'at' | 'next'> = {};
	for (const cut of [...cuts, { at: q.text.length, next: q.text.length }]) {
		const u = trimmed(flat, q.span.start + uStart, q.span.start + cut.at);
		const o = OPENER.exec(u.text);
		const v = o && words(u.text.slice(o[0].length)) >= 3 ? trimmed(flat, u.span.start + o[0].length, u.span.end) : u;
		if (v.text) out.push({ ...v, ...carry });
		uStart = cut.next;
		carry = { ...(cut.subject ? { subject: cut.subject } : {}), ...(cut.bare ? { bare: true } : {}), ...(cut.note ? { note: cut.note } : {}) };
	}
	return out;
}
