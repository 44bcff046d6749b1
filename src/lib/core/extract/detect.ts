// Detect and build: definitions, criteria with their numbers, lists and their items, stated
// causes, emphasis and limitations, each turned into a question built from the sentence's parse
// (clause.ts), its answer a span of the source. Then every candidate is reviewed (review.ts):
// unreadable questions, answers given away, blanks on stop words and near-duplicates are set
// aside with the reason, and drafts that cannot be made clear are marked "needs a look".

import { sentences, type Block, type Enumeration, type Piece } from './segment.ts';
import { analyse, brokenGrammar, inside, nounPhrase, plural, textOf, upperStart, whatQuestion, whyQuestion, words } from './clause.ts';
import { tag } from './nlp.ts';
import { clauseParts, type Unit } from './units.ts';
import { detectChange, detectFallback, detectGloss, detectRun, detectSinceSo, detectWhileDoing, leadNounPhrase } from './clause-cards.ts';
import type { Span } from './types.ts';
import { blockTopic, clean, contentLemmas, contentWords, countWord, isFiller, keyTerm, LEAD_IN, leadingNounPhrase, NUMBER_WORDS, numberPhrases, piece, shown, trimAnswer, withContext, type Candidate, type Doc } from './common.ts';

export { contentWords, isFiller, leadingNounPhrase, numberPhrases, STOP, type Candidate, type Doc } from './common.ts';


interface DefMatch {
	term: Span;
	def: Span;
	/** How the sentence links them: decides the question's verb. */
	link: 'is' | 'means' | 'refers' | 'called' | 'gloss';
}

const DEF_RES: { re: RegExp; term: 1 | 2; link: DefMatch['link']; cue?: RegExp }[] = [
	{ cue: /so-called/i, re: /^(?:the\s+)?so-called\s+(.{2,80}?)\s*[,:]\s*(?:[^:]{0,80}:\s*)?(.{8,})$/id, term: 1, link: 'means' },
	{ cue: /\s(?:defined|referred to|described) as\s/i, re: /^(?:an?\s+|the\s+)?(.{2,70}?)\s+(?:is|are)\s+(?:defined as|referred to as|described as)\s+(.{5,})$/id, term: 1, link: 'is' },
	{ cue: /\srefers? to\s/i, re: /^(?:an?\s+|the\s+)?(.{2,70}?)\s+(?:refers? to)\s+(.{5,})$/id, term: 1, link: 'refers' },
	{ cue: /\s(?:means|denotes|is the term for|stands for)\s/i, re: /^(?:an?\s+|the\s+)?(.{2,70}?)\s+(?:means|denotes|is the term for|stands for)\s+(.{5,})$/id, term: 1, link: 'means' },
	{ cue: /\s(?:called|termed|known as|named)\s/i, re: /^(.{8,}?)\s+(?:is|are)\s+(?:called|termed|known as|named)\s+(.{2,60})$/id, term: 2, link: 'called' },
	{ cue: /^\*\*/, re: /^\*\*(.{2,60}?)\*\*\s*(?:[:–—-]\s*|\s+(?:is|are)\s+)(.{5,})$/d, term: 1, link: 'is' },
	{ cue: /^[^:–—]{2,62}[:–—]\s/, re: /^([A-Z][^:.;]{1,60}?)\s*[:–—]\s+(.{5,})$/d, term: 1, link: 'gloss' }
];

/** "X is a/an/the Y": a definition when X is a short name at the start of the sentence. */
const COPULA = /^(?:the\s+)?([A-Z][\w\s()'\-/αβγ–,]{1,60}?)\s+(?:is|are)\s+((?:a|an|the)\s+(?!(?:primary|main|most|major|leading|key|first|only|commonest|core|cornerstone|mainstay|result|consequence|usual)\b).{5,})$/d;


function matchDefinition(p: Piece): DefMatch | null {
	const raw = p.text.replace(/[.;。]+$/, '');
	if (LEAD_IN.test(p.text.trim())) return null;
	const at = (m: RegExpExecArray, g: number): Span => {
		const [a, b] = m.indices![g]!;
		return { start: p.span.start + a, end: p.span.start + b };
	};
	for (const d of DEF_RES) {
		// A cheap look for the linking words first: most sentences define nothing.
		if (d.cue && !d.cue.test(raw)) continue;
		const m = d.re.exec(raw);
		if (!m) continue;
		let term = at(m, d.term);
		let def = at(m, d.term === 1 ? 2 : 1);
		const termText = raw.slice(term.start - p.span.start, term.end - p.span.start);
		// "… is called X, because …": the term ends at the first comma; the rest belongs to the definition.
		if (d.link === 'called') {
			const cut = /,|\s(?:because|as|which|since|when)\s/.exec(termText);
			if (cut) term = { start: term.start, end: term.start + cut.index };
			// "At the end it forming the nodular glomerulosclerosis, the nodules are called …": what is named is after the last comma.
			const defText = raw.slice(def.start - p.span.start, def.end - p.span.start);
			const comma = defText.lastIndexOf(', ');
			if (comma >= 0) def = { start: def.start + comma + 2, end: def.end };
		}
		const t = raw.slice(term.start - p.span.start, term.end - p.span.start).replace(/\*\*/g, '').trim();
		if (!t || words(t) > 8 || /^(it|this|that|these|they|there|which|patients?)\b/i.test(t)) continue;
		if (!nounPhrase(tag(t.replace(/^(?:the|an?)\s+/i, '')))) continue;
		if (d.link === 'called' && words(t) > words(raw.slice(def.start - p.span.start, def.end - p.span.start))) continue;
		return { term, def, link: d.link };
	}
	const c = /^(?:the\s+)?[A-Z][^.]{1,60}?\s(?:is|are)\s+(?:a|an|the)\s/.test(raw) ? COPULA.exec(raw) : null;
	if (c && words(c[1]!) <= 7 && !/^(it|this|that|these|they|there|which|he|she|patients?)\b/i.test(c[1]!) && nounPhrase(tag(c[1]!.replace(/,/g, '')))) return { term: at(c, 1), def: at(c, 2), link: 'is' };
	return null;
}

function detectDefinition(p: Piece, block: Block, doc: Doc, out: Candidate[]): boolean {
	const m = matchDefinition(p);
	if (!m) return false;
	const term = clean(doc.flat.slice(m.term.start, m.term.end)).replace(/^(the|an?)\s+/i, '').replace(/\s+(here|also|now|then|thus)$/i, '');
	const { span: defSpan, cut } = trimAnswer(doc.flat, { start: m.def.start, end: m.def.end });
	const def = clean(doc.flat.slice(defSpan.start, defSpan.end));
	if (!term || !def || words(def) < 2) return false;
	const defToks = tag(def);
	const termToks = tag(term);
	const dc = analyse(defToks);
	// "a hormone made by the kidney": a participle after a noun is a reduced relative clause, not a verb.
	const participle = !!dc && dc.verb.length === 1 && dc.verb[0]!.pos === 'VERB' && (/ed$/.test(dc.verb[0]!.lower) || (dc.verb[0]!.lemma !== dc.verb[0]!.lower && !/s$/.test(dc.verb[0]!.lower)));
	// "the lowest weight a patient can reach": a second determiner in the subject starts a reduced relative clause.
	const reduced = !!dc && dc.subject.slice(1).some((t, i) => (t.pos === 'DET' || t.pos === 'PRON') && dc.subject[i]!.pos === 'NOUN');
	const listy = !!dc && dc.subject.some((t) => t.text === ',' || /^(when|if|where)$/.test(t.lower));
	const defIsClause = (!!dc && !participle && !reduced && !listy && dc.subject.length > 0 && !/^(which|that|who|where)$/.test(dc.subject.at(-1)!.lower)) || /^(that|when|if)\b/i.test(def);
	const are = plural(termToks) && !/(sis|itis|ia|us)$/i.test(term);
	let q: string;
	// "Creatinine is a late and insensitive marker": a description by its adjectives, asked as "what kind of".
	const kind = m.link === 'is' && /^(?:a|an)\s+/i.test(def) ? /^(?:a|an)\s+((?:[a-z-]+(?:,\s*|\s+and\s+|\s+))+?)([a-z-]+)$/i.exec(def) : null;
	const adjectives = kind ? tag(kind[1]!).filter((t) => t.pos !== 'CCONJ' && t.pos !== 'PUNCT') : [];
	if (kind && adjectives.length && adjectives.every((t) => t.pos === 'ADJ') && tag(kind[2]!)[0]?.pos === 'NOUN') {
		const answer = upperStart(clean(kind[1]!));
		const span = { start: defSpan.start + def.indexOf(kind[1]!), end: defSpan.start + def.indexOf(kind[1]!) + kind[1]!.trim().length };
		out.push({ detector: 'definition', kind: 'basic', question: withContext(`What kind of ${kind[2]!.toLowerCase()} ${are ? 'are' : 'is'} ${inside(term)}?`, answer, doc, blockTopic(block, doc), 'tail'), answer, explanation: cut ? clean(p.text) : '', span: p.span, answerSpans: [span], why: 'description', target: `kind:${term}`, block });
		return true;
	}
	const art = /^(an?)\s+/i.exec(doc.flat.slice(p.span.start, m.term.end))?.[1]?.toLowerCase();
	// A glossary term defined as "a …" is a count noun and takes an article: "What is an arteriovenous fistula?" (not a condition: "-osis", "-tension", "-xis" …).
	const countNoun = m.link === 'gloss' && /^an?\s/i.test(def) && !/(osis|itis|a?emia|sion|tion|ity|ure|ness|lysis|trophy|xis|ing|ment|ance|ence)$/i.test(term) && !plural(termToks);
	const withArt = countNoun ? `${/^[aeiou]/i.test(term) ? 'an' : 'a'} ${inside(term)}` : '';
	const named = withArt || (art && tag(term)[0]?.pos === 'ADJ' ? `${art} ${inside(term)}` : inside(term));
	if (m.link === 'refers') q = `What does ${named} refer to?`;
	else if (m.link === 'means' || defIsClause) q = m.link === 'gloss' && defIsClause ? `What happens in ${inside(term)}?` : `What does ${named} mean?`;
	else q = `What ${are ? 'are' : 'is'} ${named}?`;
	if (/\d/.test(term) && words(term) <= 3) q = withContext(q, def, doc, blockTopic(block, doc));
	const explanation = cut ? `${clean(p.text)}` : '';
	const answer = shown(def.replace(/^that\s+/i, ''));
	out.push({ detector: 'definition', kind: 'basic', question: q, answer, explanation, span: p.span, answerSpans: [defSpan], why: 'definition', target: `term:${term}`, block });
	// The reverse card, for a definition that is a noun phrase (a clause makes no clear question).
	if (!defIsClause && words(def) <= 22 && !/\d/.test(term) && !/^(ADP|SCONJ|CCONJ|ADV)$/.test(defToks[0]?.pos ?? '')) {
		let rq = /,/.test(def) || m.link === 'gloss' ? `Which term means ${inside(def)}?` : `What ${are ? 'are' : 'is'} ${inside(def)} called?`;
		if (words(def) <= 3) rq = withContext(rq, term, doc, blockTopic(block, doc));
		out.push({ detector: 'definition', kind: 'basic', question: rq, answer: upperStart(term), span: p.span, answerSpans: [m.term], why: 'definition (reverse)', target: `def:${term}`, block });
	}
	return true;
}

// ---------- emphasis ----------

const ADJ = '(?:usual|primary|main|most important|most common|commonest|major|leading|central|key|chief|principal|most dangerous|most serious|most frequent|most adaptable|predominant|only|first|first-line)';
const EMPH_SUBJECT = new RegExp(`^(.{2,90}?)\\s+(?:is|are|was|were|remains?|becomes?)\\s+(?:now\\s+|also\\s+)?(?:generally\\s+|widely\\s+|usually\\s+|often\\s+)?(?:considered|regarded as|thought to be|seen as|recognised as|recognized as|known as)?\\s*(?:to be\\s+)?((?:the|one of the)\\s+${ADJ}\\s+.{3,140}?|the\\s+(?:core|cornerstone|mainstay)\\s+of\\s+.{3,80}?)$`, 'id');
const EMPH_FRONT = new RegExp(`^((?:the|a)\\s+${ADJ}\\s+.{3,80}?)\\s+(?:is|are|was|were)\\s+(.{2,140})$`, 'id');

function detectEmphasis(p: Piece, block: Block, doc: Doc, out: Candidate[], antecedent = ''): boolean {
	if (LEAD_IN.test(p.text.trim())) return false;
	const raw = p.text.replace(/[.;。!]+$/, '');
	// Openers that are not part of the subject: "In most patients, …", "Because …".
	const opener = /^(?:(?:in|at|for|among|during|after|before|with|in most)\s+[^,]{1,30},\s*)/i.exec(raw)?.[0].length ?? 0;
	const body = raw.slice(opener);
	const base = p.span.start + opener;
	const at = (m: RegExpExecArray, g: number): Span => ({ start: base + m.indices![g]![0], end: base + m.indices![g]![1] });
	let m = EMPH_SUBJECT.exec(body);
	if (m) {
		const subj = at(m, 1);
		let whatSpan = at(m, 2);
		// The emphasised phrase ends at a comma or a "because": the rest is another fact.
		const what0 = doc.flat.slice(whatSpan.start, whatSpan.end);
		const stop = /,|\s+because\s|\s+since\s|\s+as\s/.exec(what0);
		if (stop) whatSpan = { start: whatSpan.start, end: whatSpan.start + stop.index };
		const subjText = clean(doc.flat.slice(subj.start, subj.end));
		const subjToks = tag(subjText);
		if (!nounPhrase(subjToks) || words(subjText) > 12) return false;
		const what = clean(doc.flat.slice(whatSpan.start, whatSpan.end));
		const lead = opener ? `${upperStart(clean(raw.slice(0, opener)))}, ` : '';
		const asked = `What ${plural(subjToks) && !/^(one of|the (?:core|cornerstone|mainstay))/i.test(what) ? 'are' : 'is'} ${what}?`;
		const topic = antecedent ? inside(antecedent) : /\b(treatment|management|therapy|diagnosis)\b/i.test(what) && !/\bfirst\b/i.test(what) ? doc.topic : blockTopic(block, doc);
		const q = withContext(lead ? `${lead}${asked.charAt(0).toLowerCase()}${asked.slice(1)}` : asked, subjText, doc, topic, 'tail');
		out.push({ detector: 'emphasis', kind: 'basic', question: q, answer: upperStart(subjText), span: { start: p.span.start, end: whatSpan.end }, answerSpans: [subj], why: `key fact: “${what.replace(/^(the|one of the)\s+/i, '').split(/\s+/).slice(0, 3).join(' ')}”`, target: `emph:${what}`, block });
		return true;
	}
	m = EMPH_FRONT.exec(body);
	if (m) {
		const whatSpan = at(m, 1);
		const ans = trimAnswer(doc.flat, at(m, 2)).span;
		const what = clean(doc.flat.slice(whatSpan.start, whatSpan.end));
		const answer = shown(doc.flat.slice(ans.start, ans.end));
		const q = withContext(`What is ${inside(what)}?`, answer, doc, blockTopic(block, doc), 'tail');
		out.push({ detector: 'emphasis', kind: 'basic', question: q, answer, span: p.span, answerSpans: [ans], why: `key fact: “${what.replace(/^(the|a)\s+/i, '').split(/\s+/).slice(0, 2).join(' ')}”`, target: `emph:${what}`, block });
		return true;
	}
	return false;
}

// ---------- stated causes ----------

/** Connectives that state causation, as verbs (with what they become in the question). */
const CAUSE_VERB = /\b(?:(?:can|may|will|could|also|often|easily|eventually|ultimately|directly|further|which|in turn)\s+)*(leads?\s+to|led\s+to|leading\s+to|results?\s+in|resulting\s+in|causes|caused|causing|cause|gives?\s+rise\s+to|giving\s+rise\s+to|triggers?|triggering|induces?|inducing|brings?\s+about)\b/gi;
/** Connectives that join a cause clause to its effect clause. */
const CAUSE_ADVERB = /(?:,\s*|\s+and\s+|\s+(?=so that\b))(thereby|therefore|thus|hence|consequently|so that|so)(?!\s+(?:on|far|much|many|long|called|-called)\b)(?!-)\b,?\s*/gi;

function verbQuestion(conn: string): { tail: string; lemma: string } {
	const c = conn.toLowerCase().replace(/\s+/g, ' ');
	if (/^(lead|leads|led|leading) to$/.test(c)) return { lemma: 'lead', tail: 'to' };
	if (/^(result|results|resulting) in$/.test(c)) return { lemma: 'result', tail: 'in' };
	if (/^(give|gives|giving) rise to$/.test(c)) return { lemma: 'give', tail: 'rise to' };
	if (/^(bring|brings) about$/.test(c)) return { lemma: 'bring', tail: 'about' };
	if (/^trigger/.test(c)) return { lemma: 'trigger', tail: '' };
	if (/^induc/.test(c)) return { lemma: 'induce', tail: '' };
	return { lemma: 'cause', tail: '' };
}

/** Bracket depth before each offset of a text, computed once, so no cut falls inside "( … )". */
function bracketDepths(text: string): Int32Array {
	const d = new Int32Array(text.length + 1);
	for (let i = 0; i < text.length; i++) d[i + 1] = d[i]! + (text[i] === '(' ? 1 : text[i] === ')' ? -1 : 0);
	return d;
}

/** The effect: from the connective to the next connective, a ", which", a ";" or the end. */
function effectSpan(flat: string, start: number, end: number, atConnective = true): Span {
	const text = flat.slice(start, end);
	CAUSE_VERB.lastIndex = 0;
	const next = atConnective ? CAUSE_VERB.exec(text) : null;
	CAUSE_VERB.lastIndex = 0;
	const stops = [/,\s+(?:which|and|but|while|so|thereby|thus|leading|resulting|causing|promoting|can|may|could|easily)\b/.exec(text)?.index, /;\s/.exec(text)?.index, /\s+(?:thereby|thus|so)\s/.exec(text)?.index, next && next.index > 0 ? next.index : undefined].filter((x): x is number => x !== undefined && x > 0);
	const stop = stops.length ? Math.min(...stops) : text.length;
	const p = piece(flat, start, start + stop);
	return trimAnswer(flat, p.span, 18).span;
}

function detectCauses(p: Piece, block: Block, doc: Doc, out: Candidate[], antecedent = ''): boolean {
	const text = p.text;
	let made = false;
	// "Y results from X", "Y is caused by X", "Y is due to X".
	const from = /^(.{3,90}?)\s+(?:results? from|is caused by|are caused by|is due to|are due to|arises? from|stems? from|is the result of|is a consequence of)\s+(.{3,})$/d.exec(text.replace(/[.;]+$/, ''));
	if (from) {
		const ySpan = { start: p.span.start + from.indices![1]![0], end: p.span.start + from.indices![1]![1] };
		const yText = clean(doc.flat.slice(ySpan.start, ySpan.end));
		const yToks = tag(yText);
		if (nounPhrase(yToks) && !/\b(which|that|who)$/i.test(yText)) {
			const x = effectSpan(doc.flat, p.span.start + from.indices![2]![0], p.span.end);
			const answer = shown(doc.flat.slice(x.start, x.end).replace(/\bor by\b/g, 'or'));
			out.push({ detector: 'cause', kind: 'basic', question: `What ${plural(yToks) ? 'cause' : 'causes'} ${inside(yText)}?`, answer, span: p.span, answerSpans: [x], why: 'cause → effect', target: `cause:${yText}`, block });
			made = true;
		}
	}
	// "Because B, A": why A? B.
	const front = /^because\s+(?!of\b)([^,]{5,140}),\s+(.{5,})$/id.exec(text.replace(/[.;]+$/, ''));
	if (front) {
		const b = { start: p.span.start + front.indices![1]![0], end: p.span.start + front.indices![1]![1] };
		const aText = front[2]!;
		const c = analyse(tag(aText));
		const q = c ? whyQuestion(aText, c, 0) : null;
		if (q) {
			out.push({ detector: 'cause', kind: 'basic', question: withContext(q, front[1]!, doc, blockTopic(block, doc)), answer: shown(front[1]!), span: p.span, answerSpans: [b], why: 'cause → effect (“because”)', target: `why:${aText}`, block });
			made = true;
		}
	}
	// "A because B".
	const because = /\b(?:,\s*)?because\s+(?!of\b)/i.exec(text);
	if (because && because.index > 0) {
		const a = piece(doc.flat, p.span.start, p.span.start + because.index);
		const b = effectSpan(doc.flat, p.span.start + because.index + because[0].length, p.span.end, false);
		const opener = /^(?:in|at|for|among|during|after|before|with)\s+[^,]{1,40},\s*/i.exec(a.text)?.[0] ?? '';
		// "it is the preferred access …, because …" after "Arteriovenous fistula: …;": the pronoun named.
		const aText0 = a.text.slice(opener.length);
		const aText = antecedent && /^(it|they)\s/i.test(aText0) ? `${inside(antecedent)} ${aText0.replace(/^(it|they)\s/i, '')}` : aText0;
		const aToks = tag(aText);
		const c = analyse(aToks);
		if (c) {
			const q = whyQuestion(aText, c, 0);
			if (q) {
				const ctx = opener ? `${upperStart(clean(opener))}, ${q.charAt(0).toLowerCase()}${q.slice(1)}` : q;
				out.push({ detector: 'cause', kind: 'basic', question: withContext(ctx, doc.flat.slice(b.start, b.end), doc, blockTopic(block, doc)), answer: shown(doc.flat.slice(b.start, b.end)), span: p.span, answerSpans: [b], why: 'cause → effect (“because”)', target: `why:${a.text}`, block });
				made = true;
			}
		}
	}
	// "X leads to Y", "X, which causes Y", "A, thereby causing B", "A, so B". A "because" clause is
	// asked above; what follows it is not read again as a cause.
	const toks = tag(text);
	const depths = bracketDepths(text);
	const inBrackets = (_: string, at: number) => depths[Math.min(at, text.length)]! > 0;
	const isVerbAt = (at: number) => {
		// Tokens are in order: a binary search finds the one at an offset.
		let lo = 0;
		let hi = toks.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			const k = toks[mid]!;
			if (k.end <= at) lo = mid + 1;
			else if (k.start > at) hi = mid - 1;
			else return k.pos === 'VERB' || k.pos === 'AUX' || /^(leads?|results?|gives?)$/.test(k.lower);
		}
		return true;
	};
	const links: { at: number; end: number; conn: string; adverb: boolean }[] = [];
	for (const m of text.matchAll(CAUSE_VERB)) {
		if (links.length >= 8) break;
		const at = m.index! + m[0].length - m[1]!.length;
		const passive = /\b(?:is|are|was|were|be|been)\s+(?:\w+ly\s+)?$/i.test(text.slice(0, at)) || /^caused\s+by\b/i.test(text.slice(at));
		if (!inBrackets(text, at) && isVerbAt(at) && !passive) links.push({ at, end: m.index! + m[0].length, conn: m[1]!, adverb: false });
	}
	for (const m of text.matchAll(CAUSE_ADVERB)) if (links.length < 16 && !inBrackets(text, m.index!) && !links.some((l) => Math.abs(l.at - m.index!) < 12)) links.push({ at: m.index!, end: m.index! + m[0].length, conn: m[1]!, adverb: true });
	links.sort((x, y) => x.at - y.at);
	let from2 = because ? because.index + because[0].length : 0;
	for (const l of links.slice(0, 4)) {
		if (l.at - from2 < 4) continue;
		const leftRaw = text.slice(from2, l.at);
		// "A causes B, can easily result in C": the second verb has no subject of its own; its subject is A's, never B.
		if (from2 > 0 && /,\s*(?:can|may|could|will|would)\s+(?:\w+ly\s+)?$/i.test(leftRaw)) {
			from2 = l.end;
			continue;
		}
		const modal = /\b(can|may|could|will|should|must|would)\s+(?:\w+ly\s+)?$/i.exec(leftRaw)?.[1]?.toLowerCase();
		const leftText = leftRaw.replace(/\s+(?:(?:can|may|could|will|should|must|would)\s+(?:\w+ly\s+)?)$/i, '').replace(/[,\s]+(?:which|that|and|thereby|thus|so)?\s*$/i, '').replace(/[,\s]+(?:thereby|thus)\s*$/i, '').replace(/,\s*[a-z]+ly\s*$/i, '').replace(/[,\s]+$/, '');
		const opener = /^(?:in|at|for|among|during|after|before|with)\s+[^,]{1,40},\s*/i.exec(leftText)?.[0] ?? '';
		const eff = effectSpan(doc.flat, p.span.start + l.end, p.span.end);
		const effText = doc.flat.slice(eff.start, eff.end);
		from2 = l.end;
		if (words(effText) < 1) break;
		const lt = leftText.slice(opener.length).replace(/^[A-Z][^:]{1,50}:\s+/, '').replace(/^(?:since|as|and|but|while)\s+/i, '');
		// The cause is the clause's subject, or the noun phrase a ", which" refers back to.
		const relAt = /,\s*which\s*$/i.test(leftRaw.replace(/\s+(?:(?:can|may|could|will)\s+(?:\w+ly\s+)?)$/i, '')) ? lt.lastIndexOf(',') : -1;
		// "X, which causes Y": X is the cause only when all before ", which" is one noun phrase (not "A, B and lost a lot of urine").
		const relText = /,\s*which\s*$/i.test(leftRaw.replace(/\s+(?:(?:can|may|could|will)\s+(?:\w+ly\s+)?)$/i, '')) && !lt.includes(',') ? lt.trim() : '';
		void relAt;
		// "X means Y and should lead to Z": the subject is shared across "and".
		const shared = /\s+and\s+(?:(?:can|may|could|will|should|must|would)\s+)?(?:\w+ly\s+)?$/i.test(leftRaw) ? analyse(tag(lt)) : null;
		const sharedSubject = shared && nounPhrase(shared.subject) ? textOf(lt, shared.subject) : '';
		const subject = nounPhrase(tag(lt)) ? lt : relText && nounPhrase(tag(relText)) ? relText : sharedSubject;
		const v = verbQuestion(l.conn);
		const verb = `${v.lemma}${v.tail ? ` ${v.tail}` : ''}`;
		let q = '';
		const likely = /\s+(likely|able|unlikely)\s+to\s*$/i.exec(leftRaw);
		const subj2 = likely && nounPhrase(tag(lt.replace(/\s+(?:likely|able|unlikely)\s+to\s*$/i, ''))) ? lt.replace(/\s+(?:likely|able|unlikely)\s+to\s*$/i, '') : '';
		if (!l.adverb && subj2) {
			q = `What ${plural(tag(subj2)) ? 'are' : 'is'} ${inside(subj2)} ${likely![1]!.toLowerCase()} to ${verb}?`;
		} else if (!l.adverb && subject) {
			const sToks = tag(subject);
			q = modal ? `What ${modal} ${inside(subject)} ${verb}?` : `What ${plural(sToks) ? 'do' : 'does'} ${inside(subject)} ${verb}?`;
		} else if (analyse(tag(lt)) && words(lt) <= 22 && (lt.match(/,/g) ?? []).length <= 1 && !/^(it|this|that|which|they)\b/i.test(lt) && !/\s(?:is|are)\s+(?:a|an|the)\s/i.test(lt)) {
			// A clause as the cause: "When bone buffers …, what does this cause?"
			const clauseText = inside(lt).replace(/[,;]+$/, '');
			q = l.adverb ? `When ${clauseText}, what follows?` : `When ${clauseText}, what does this ${verb}?`;
		}
		if (!q) continue;
		if (opener) q = `${upperStart(clean(opener))}, ${q.charAt(0).toLowerCase()}${q.slice(1)}`;
		const causeStart = p.span.start + l.at - leftRaw.length;
		out.push({ detector: 'chain', kind: 'basic', question: withContext(q, effText, doc, blockTopic(block, doc)), answer: shown(effText), span: { start: piece(doc.flat, causeStart, eff.end).span.start, end: eff.end }, answerSpans: [eff], why: 'cause → effect', target: `link:${subject || lt}`, block });
		made = true;
	}
	return made;
}

// ---------- limitations ----------

const LIMIT = /^(?:at this (?:point|stage|time),?\s*|by then,?\s*|at this\s+)?(.{3,80}?),?\s+(has been unable to|have been unable to|is unable to|are unable to|cannot|can no longer|could not|is not able to|are not able to|is no longer able to)\s+(.{3,160})$/id;

function detectLimitation(p: Piece, block: Block, doc: Doc, out: Candidate[]): boolean {
	const raw = p.text.replace(/[.;!]+$/, '');
	const m = LIMIT.exec(raw);
	if (!m) return false;
	const subj = clean(m[1]!);
	const sToks = tag(subj);
	if (!nounPhrase(sToks) || words(subj) > 10) return false;
	const ans = trimAnswer(doc.flat, { start: p.span.start + m.indices![3]![0], end: p.span.start + m.indices![3]![1] }).span;
	const how = m[2]!.toLowerCase();
	const are = plural(sToks);
	const q = /unable|not able/.test(how) ? `What ${are ? 'are' : 'is'} ${inside(subj)} unable to do?` : /no longer/.test(how) ? `What can ${inside(subj)} no longer do?` : `What can ${inside(subj)} not do?`;
	out.push({ detector: 'limitation', kind: 'basic', question: withContext(q, doc.flat.slice(ans.start, ans.end), doc, blockTopic(block, doc)), answer: shown(doc.flat.slice(ans.start, ans.end)), span: p.span, answerSpans: [ans], why: 'limitation', target: `limit:${subj}`, block });
	return true;
}

/** A clause with no subject of its own (an instruction) or a pronoun for one: it needs its topic named. */
function needsTopic(text: string): boolean {
	const c = analyse(tag(text));
	if (!c) return true;
	if (!c.subject.length) return true;
	return c.subject.length === 1 && /^(it|this|they|these|that)$/i.test(c.subject[0]!.lower);
}

// ---------- criteria and thresholds: one cloze for each number group, with its unit and window ----------

function detectThresholds(p: Piece, block: Block, doc: Doc, out: Candidate[], lead: string, antecedent = ''): boolean {
	if (LEAD_IN.test(p.text)) return false;
	// "it needs fasciotomy when …" after "Compartment syndrome means …;": the pronoun named.
	const pron = antecedent ? /^((?:if|when|as|and|but)\s+)?(it|they|its)\s/i.exec(p.text) : null;
	const named = pron && pron[2]!.toLowerCase() === 'its' ? `${inside(antecedent)}’s` : inside(antecedent);
	const text = pron ? upperStart(`${pron[1] ?? ''}${named} ${p.text.slice(pron[0].length)}`) : p.text;
	const shift = text.length - p.text.length;
	const phrases = numberPhrases(text).filter((x) => !/^\d{1,2}$/.test(x.text));
	if (!phrases.length) return false;
	// Number phrases a few linking words apart are one criterion: "below 0.5 mL/kg/h for 6 hours".
	const groups: { index: number; end: number }[] = [];
	for (const ph of phrases) {
		const last = groups.at(-1);
		const gap = last ? text.slice(last.end, ph.index) : '';
		const linked = /^[\s()]*(?:for|within|in|over|after|per|of|a|each|,)?[\s()]*(?:≥|≤)?\s*$/.test(gap) || (words(gap) <= 3 && !/[;,]|\b(?:or|and|when|if)\b/.test(gap) && (!/\d/.test(gap) || /[×+±]/.test(gap)));
		if (last && linked) last.end = ph.index + ph.text.length;
		else groups.push({ index: ph.index, end: ph.index + ph.text.length });
	}
	// A closing bracket that belongs to the number ("(≥ 26.5 µmol/L)") stays with it.
	for (const g of groups) if (text[g.end] === ')' && text.slice(g.index, g.end).includes('(')) g.end++;
	let made = false;
	for (const g of groups.slice(0, 3)) {
		const before = text.slice(0, g.index);
		const after = text.slice(g.end);
		const body = `${before}[…]${after}`.replace(/[;,]\s*$/, '');
		const full = text.replace(/[;,]\s*$/, '');
		let pre = lead ? `${lead} ` : '';
		if (!pre && antecedent && !pron && !contentWords(antecedent).some((w) => contentWords(text).includes(w))) pre = `${upperStart(antecedent.replace(/^the\s+/i, ''))}: `;
		if (!pre && needsTopic(text)) {
			const topic = blockTopic(block, doc);
			if (topic && !contentLemmas(tag(text)).some((w) => contentWords(topic).includes(w))) pre = `In ${topic}, `;
		}
		const cap = (x: string) => (pre ? (/^[A-Z][a-z]/.test(x) && !/^[A-Z][a-z]+[A-Z]/.test(x) ? x.charAt(0).toLowerCase() + x.slice(1) : x) : upperStart(x));
		out.push({
			detector: 'threshold',
			kind: 'cloze',
			question: `${pre}${cap(body)}`,
			answer: `${pre}${cap(full)}`,
			span: p.span,
			answerSpans: [{ start: p.span.start + g.index - shift, end: p.span.start + g.end - shift }],
			why: 'criterion with its numbers',
			target: `num:${text.slice(g.index, g.end)}`,
			block
		});
		made = true;
	}
	return made;
}

// ---------- lists ----------

const LIST_NOUN = /\b(reasons|causes|mechanisms|factors|types|forms|kinds|complications|features|signs|symptoms|steps|stages|criteria|effects|ways|risk factors|consequences|findings|components|categories|classes|groups|principles|points|characteristics|indications|contraindications|options|measures|treatments|drugs|pathways)\b/i;

/** "causes" → "the causes of acute kidney injury": what is sorted, with its topic when it names none. */
function sortedSubject(subj: string, topic: string): string {
	const s = inside(subj).replace(/^the\s+/i, '');
	const named = topic && contentLemmas(tag(s)).some((w) => contentWords(topic).includes(w));
	return `${plural(tag(s)) ? 'the ' : ''}${s}${topic && !named && words(s) <= 3 ? ` of ${topic}` : ''}`;
}

/** A list item's short form: a glossary item's term, else its first clause. */
function itemShort(flat: string, it0: Piece, glossary: boolean): Piece {
	// A heading item's text is the cleaned heading: find it inside the heading's line.
	const raw = flat.slice(it0.span.start, it0.span.end);
	const at = raw.indexOf(it0.text);
	const it = at > 0 ? { text: it0.text, span: { start: it0.span.start + at, end: it0.span.start + at + it0.text.length } } : it0;
	const t = it.text;
	if (glossary) {
		const c = t.indexOf(':');
		if (c > 0) return piece(flat, it.span.start, it.span.start + c);
	}
	// A bracket ends the item only where the item ends with it: "antithrombin III (AT-III) is …" is cut
	// after its bracket, never before it (the item would lose what it says: a cause becomes a bare name).
	const masked = t.replace(/\([^()]*\)/g, (b) => (/^\(\s*[^()]*\)\s*$/.test(t.slice(t.indexOf(b))) ? b : b.replace(/[^()]/g, '\u0000')));
	const cut = /,\s+(?:which|where|so|thus|thereby|while|including|especially|from|more so|and|as well as|easily|can|so)\b|;\s|:\s|\s+\((?=[^\u0000])|,\s+(?=[a-z]+ing\b)/.exec(masked);
	const head = cut && words(t.slice(0, cut.index)) >= 1 && !/\d/.test(t.slice(cut.index)) ? t.slice(0, cut.index) : t;
	return piece(flat, it.span.start, it.span.start + head.length);
}

/** The list's question from its lead-in: "Three mechanisms of acute kidney injury:" → "What are the three mechanisms of acute kidney injury?" */
function listQuestion(lead: string, n: number, block: Block, doc: Doc, style: Enumeration['style']): string {
	const count = countWord(n);
	const l = clean(lead).replace(/[:：.]\s*$/, '');
	const topic0 = blockTopic(block, doc);
	const topic = LIST_NOUN.test(topic0) && words(topic0) <= 2 ? '' : topic0;
	const ofTopic = topic ? ` of ${topic}` : '';
	// "Urgent kidney replacement therapy is indicated for any of", "Dialysis is needed for …".
	const indic = /^(.{3,80}?)\s+(?:is|are)\s+(?:indicated|needed|required|recommended)\s+(?:for|in|when)\b/i.exec(l);
	if (indic) return `What are the ${count} indications for ${inside(clean(indic[1]!))}?`;
	// "Causes are sorted into …", "… are classified into …".
	const sorted = /^(.{3,60}?)\s+(are|is|can be)\s+(sorted|classified|divided|grouped)\s+into\s+(?:\w+\s+)?(groups|types|classes|categories|forms|stages|kinds)?/i.exec(l);
	if (sorted) return `Into which ${count} ${(sorted[4] ?? 'groups').toLowerCase()} ${sorted[2]!.toLowerCase() === 'is' ? 'is' : 'are'} ${sortedSubject(clean(sorted[1]!), topic)} ${sorted[3]!.toLowerCase()}?`;
	// "The kidney deals with it in three ways." → "In which three ways does the kidney deal with it?"
	const inWays = /^(.{3,80}?)\s+in\s+(?:the\s+following\s+|(?:two|three|four|five|six|\d+)\s+)(ways|steps|stages|forms)$/i.exec(l);
	if (inWays) {
		const c = analyse(tag(inWays[1]!));
		if (c && nounPhrase(c.subject) && c.verb.length) {
			const w = whatQuestion(textOf(inWays[1]!, c.subject), c.subject, c.verb, textOf(inWays[1]!, c.rest)).replace(/^What /, `In which ${count} ${inWays[2]!.toLowerCase()} `);
			return w;
		}
	}
	// "N NOUN of X", "The main NOUN are the following", "NOUN include".
	const m = new RegExp(`(?:^|\\b)(?:(?:the\\s+)?(?:${NUMBER_WORDS.join('|')}|\\d+)\\s+)?((?:main\\s+|major\\s+|common\\s+|harmful\\s+|following\\s+)?(?:groups of\\s+)?${LIST_NOUN.source}(?:\\s+(?:of|for|in|besides|behind)\\s+[^,:;.]{2,60})?)`, 'i').exec(l);
	if (m) {
		const np = m[1]!.replace(/\s+(?:are|is|include|includes)\b.*$/i, '').replace(/^following\s+/i, '').trim();
		const hasOwnTopic = /\s(?:of|for|in|besides|behind)\s/.test(np) && !new RegExp(`\\s(?:of|for|in)\\s+${LIST_NOUN.source}$`, 'i').test(np);
		return `What are the ${count} ${np.replace(/^reasons$/i, 'reasons for').replace(/\b[A-Z][a-z]+\b/g, (w) => w.toLowerCase())}${hasOwnTopic || style === 'headings' ? (style === 'headings' && !hasOwnTopic ? `${/^reasons$/i.test(np) ? '' : ' of'} ${doc.topic}` : '') : /^reasons$/i.test(np) ? ` ${topic}` : ofTopic}?`;
	}
	if (/\b(due to|because of|caused by|results from|owing to)\b/i.test(l)) return `What are the ${count} causes${ofTopic}?`;
	if (/\b(first hours|within the first|first steps)\b/i.test(l) || /\bsteps?\b/i.test(block.section)) return `What are the ${count} first steps${topic ? ` in ${topic}` : ''}?`;
	return '';
}

/** The context an enumeration's items are asked with, when its lead names what they belong to. */
const itemContext = new WeakMap<Enumeration, string>();

function detectList(e: Enumeration, block: Block, doc: Doc, out: Candidate[]): void {
	if (e.items.length < 2 || e.items.length > 12) return;
	const glossary = e.items.filter((i) => /^[^:]{1,60}:\s+\S/.test(i.text)).length >= e.items.length / 2;
	const shorts = e.items.map((it) => itemShort(doc.flat, it, glossary)).filter((x) => x.text);
	if (shorts.length < 2) return;
	const lead0 = e.lead ? e.lead.text : e.style === 'headings' ? 'reasons' : '';
	// "Its diagnosis needs four findings:" after "SIADH is the most common cause …": what "its" is comes from the sentence before.
	const owner = /^(its|their)\s/i.test(lead0) && e.lead ? leadOwner(block, e.lead.span.start, doc) : '';
	if (/^(its|their|this|these|they|it)\b/i.test(lead0) && !owner) return;
	const lead = owner ? `The ${lead0.replace(/^(its|their)\s+/i, '').replace(/^(\S+)/, `$1 of ${owner}`)}` : lead0;
	const ownerTopic = owner || '';
	let q = ownerTopic ? ownedListQuestion(lead, shorts.length) : listQuestion(lead, shorts.length, block, doc, e.style);
	if (!q && e.style === 'ordinal' && e.lead) {
		const m = LIST_NOUN.exec(e.lead.text);
		if (m) q = `What are the ${countWord(shorts.length)} ${m[1]!.toLowerCase()} of ${blockTopic(block, doc)}?`;
	}
	if (!q) return;
	if (owner) itemContext.set(e, `${upperStart(owner)}, one of the ${countWord(shorts.length)} ${(LIST_NOUN.exec(lead)?.[1] ?? 'items').toLowerCase()}:`);
	const items = shorts.map((s) => shown(s.text));
	const long = items.filter((x) => words(x) > 8).length;
	const repeated = items.find((x, i) => items.findIndex((y) => y.toLowerCase() === x.toLowerCase()) !== i);
	const inBlock = (sp: Span) => sp.start >= block.span.start && sp.end <= block.span.end;
	const span = e.style === 'headings' ? (e.lead?.span ?? block.span) : e.lead && inBlock(e.lead.span) ? { start: e.lead.span.start, end: e.span.end } : e.span;
	out.push({
		detector: 'list',
		kind: e.style === 'ordinal' && /\bsteps\b/.test(q) ? 'steps' : 'list',
		question: q,
		answer: items.map((x) => `• ${x}`).join('\n'),
		items,
		span,
		answerSpans: shorts.map((s) => s.span),
		why: `list of ${items.length}`,
		target: `list:${items.join('|')}`,
		needsLook: repeated ? `“${repeated}” is listed twice: the source may have lost an item` : long ? 'some items are long: shorten them to a few words' : undefined,
		block
	});
	// One card per item, asking what it is or does, where the item says so.
	if (e.style === 'headings') return;
	e.items.forEach((it, k) => {
		const itemWhy = `item ${k + 1} of ${items.length}`;
		const t = it.text;
		if (glossary) return; // "Term: explanation" items are definitions, asked by the definition detector
		// "drugs and toxins: statins, alcohol, cocaine" → "Which drugs and toxins are among the causes of rhabdomyolysis?"
		const head = /^([^:]{2,40}):\s+(.{3,})$/.exec(t);
		const noun = [...lead.matchAll(new RegExp(LIST_NOUN.source, 'gi'))].at(-1)?.[1]?.toLowerCase();
		if (head && noun) {
			const h = clean(head[1]!);
			const hToks = tag(h);
			const topic = blockTopic(block, doc);
			const of = topic ? ` of ${topic}` : '';
			const q2 = hToks.every((x) => x.pos === 'ADJ') ? `What are the ${h.toLowerCase()} ${noun}${of}?` : `Which ${inside(h)} ${plural(hToks) || /\band\b/.test(h) ? 'are' : 'is'} among the ${noun}${of}?`;
			const a = piece(doc.flat, it.span.start + t.length - head[2]!.length, it.span.end);
			out.push({ detector: 'item', kind: 'basic', question: q2, answer: shown(a.text), span: it.span, answerSpans: [a.span], why: itemWhy, target: `item:${h}`, block });
			return;
		}
		// "the proximal tubule reclaims about 80% of the filtered bicarbonate" → "What does the proximal tubule reclaim?"
		const asked = svo(t, it.span.start, doc.flat);
		if (asked) {
			out.push({ detector: 'item', kind: 'basic', question: asked.question, answer: shown(asked.answer.text), span: it.span, answerSpans: [asked.answer.span], why: itemWhy, target: `item:${asked.subject}`, block });
			return;
		}
		// "the polyol pathway, where aldose reductase turn glucose into sorbitol" → "What happens in the polyol pathway?";
		// "the activation of protein kinase C, which increase TGF-β" → "What does the activation of protein kinase C increase?"
		const relItem = /^([^,]{3,80}),\s+(where|which)\s+(.{5,})$/i.exec(t);
		if (relItem && nounPhrase(tag(relItem[1]!))) {
			const np = clean(relItem[1]!);
			const restStart = it.span.start + t.length - relItem[3]!.length;
			if (relItem[2]!.toLowerCase() === 'where') {
				const a = piece(doc.flat, restStart, it.span.end);
				out.push({ detector: 'item', kind: 'basic', question: `What happens in ${inside(np)}?`, answer: shown(a.text), span: it.span, answerSpans: [a.span], why: itemWhy, target: `item:${np}`, block });
				return;
			}
			const rt = tag(relItem[3]!);
			// After "which" a noun is a verb the tagger missed ("which increase TGF-β").
			if (rt[0] && (rt[0].pos === 'VERB' || rt[0].pos === 'NOUN') && rt[1] && rt[1].pos !== 'VERB' && !/^(be|have)$/.test(rt[0].lemma) && !CAUSE_VERB.test(relItem[3]!.slice(0, 20))) {
				CAUSE_VERB.lastIndex = 0;
				const a = piece(doc.flat, restStart + rt[0].end, it.span.end);
				const npToks = tag(np);
				const verb = { ...rt[0], lower: rt[0].lemma === rt[0].lower ? `${rt[0].lower}s` : rt[0].lower };
				out.push({ detector: 'item', kind: 'basic', question: whatQuestion(np, npToks, [verb]), answer: shown(a.text), span: it.span, answerSpans: [a.span], why: itemWhy, target: `item:${np}`, block });
				return;
			}
			CAUSE_VERB.lastIndex = 0;
		}
		// "hyperkalaemia, which can cause fatal arrhythmia" → "What can hyperkalaemia cause?"
		const rel = /^([^,]{2,60}),\s+which\s+(can|may|will)?\s*(causes?|leads? to|results? in)\s+(.{3,})$/i.exec(t);
		if (rel) {
			const subj = clean(rel[1]!);
			const v = verbQuestion(rel[3]!);
			const q2 = rel[2] ? `What ${rel[2].toLowerCase()} ${inside(subj)} ${v.lemma}${v.tail ? ` ${v.tail}` : ''}?` : `What does ${inside(subj)} ${v.lemma}${v.tail ? ` ${v.tail}` : ''}?`;
			const start = it.span.start + t.length - rel[4]!.length;
			const a = piece(doc.flat, start, it.span.end);
			out.push({ detector: 'item', kind: 'basic', question: withContext(q2, a.text, doc, blockTopic(block, doc)), answer: shown(a.text), span: it.span, answerSpans: [a.span], why: itemWhy, target: `item:${subj}`, block });
		}
	});
}

/** "A, B and C" after a list noun inside a sentence: "Risk factors include obesity, smoking and diabetes." */
const INLINE_LIST = /\b(reasons|causes|mechanisms|factors|types|complications|features|signs|symptoms|effects|consequences|indications)\b[^.;:]{0,40}?\b(include|includes|including|such as|are|namely)\s+([^.;]{4,300}?(?:,\s*|\s+)(?:and|or)\s+[^.;,]{2,120})/i;
const INLINE_SORTED = /\b(?:sorted|classified|divided|grouped)\s+into\s+([^.;]{4,200}?)\s+(groups|types|classes|categories|forms)\b/i;

function splitItems(flat: string, start: number, text: string, or = true): Piece[] {
	const out: Piece[] = [];
	let at = 0;
	for (const part of text.split(or ? /,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+/ : /,\s*(?:and\s+)?|\s+and\s+/)) {
		const i = text.indexOf(part, at);
		at = i + part.length;
		const p = piece(flat, start + i, start + i + part.length);
		if (p.text && !/^(so on|etc)$/i.test(p.text)) out.push(p);
	}
	return out;
}

/** The thing a list's "its" stands for: the subject of the sentence before the lead, short (its acronym if it has one). */
function leadOwner(block: Block, leadStart: number, doc: Doc): string {
	const before = block.sentences.filter((x) => x.span.end <= leadStart).at(-1);
	if (!before) return '';
	const a = antecedentOf(doc.flat, before, 10);
	const acronym = /\(([A-Z][A-Z0-9-]{1,9})\)/.exec(a)?.[1];
	return acronym ?? a.replace(/^the\s+/i, 'the ');
}

/** "The diagnosis of SIADH needs four findings" → "Which four findings does the diagnosis of SIADH need?" */
function ownedListQuestion(lead: string, n: number): string {
	const l = clean(lead).replace(/[:：.]\s*$/, '');
	const m = new RegExp(`^(.+?)\\s+(needs|requires|has|includes|shows)\\s+(?:${NUMBER_WORDS.join('|')}|\\d+)\\s+(.+)$`, 'i').exec(l);
	if (!m) return '';
	const subj = tag(m[1]!);
	return `Which ${countWord(n)} ${m[3]!.toLowerCase()} ${plural(subj) ? 'do' : 'does'} ${inside(m[1]!)} ${m[2]!.toLowerCase().replace(/s$/, '').replace(/^ha$/, 'have')}?`;
}

/** "Four classes of drugs improve survival in HFrEF: ACE inhibitors, beta-blockers, … and SGLT2 inhibitors." */
function detectColonList(p: Piece, block: Block, doc: Doc, out: Candidate[]): boolean {
	const m = new RegExp(`^((?:the\\s+)?(${NUMBER_WORDS.join('|')})\\s+[^:]{3,100}?):\\s+([^:]{4,400})$`, 'id').exec(p.text.replace(/[.;]+$/, ''));
	if (!m) return false;
	const n = NUMBER_WORDS.indexOf(m[2]!.toLowerCase()) + 1;
	const start = p.span.start + m.indices![3]![0];
	// "ACE inhibitors or ARNIs, beta-blockers, …": an "or" inside an item when the count says so.
	let parts = splitItems(doc.flat, start, m[3]!);
	if (parts.length !== n) parts = splitItems(doc.flat, start, m[3]!, false);
	if (parts.length !== n) return false;
	const lead = clean(m[1]!).replace(/^the\s+/i, '');
	const c = analyse(tag(lead));
	// "Four classes of drugs improve survival" → "Which four classes of drugs improve survival …?"; a lead with no verb is a heading.
	const q = c && c.verb.length ? `Which ${inside(lead)}?` : `What are the ${inside(lead)}?`;
	const items = parts.map((x) => shown(x.text));
	out.push({ detector: 'list', kind: 'list', question: q, answer: items.map((x) => `• ${x}`).join('\n'), items, span: p.span, answerSpans: parts.map((x) => x.span), why: `list of ${n}`, target: `colon:${items.join('|')}`, block });
	return true;
}

/** "Dialysis is needed for A, B, and C", "X is indicated for any of: A, B and C". */
const INLINE_INDIC = /^(.{3,80}?)\s+(?:is|are)\s+(?:indicated|needed|required)\s+(?:for|in)\s+(?:any of:?\s*|the following:?\s*)?(.{4,400}?(?:,\s*|\s+)(?:and|or)\s+.{2,160})$/;

function detectInlineList(p: Piece, block: Block, doc: Doc, out: Candidate[]): boolean {
	const ind = INLINE_INDIC.exec(p.text.replace(/[.;]+$/, ''));
	if (ind && nounPhrase(tag(ind[1]!))) {
		const start = p.span.start + ind[0].length - ind[2]!.length;
		// Items split at commas and the last "and": "uraemic pericarditis or encephalopathy" stays one item.
		const parts: Piece[] = [];
		let at = 0;
		for (const part of ind[2]!.split(/,\s*(?:and\s+)?|\s+and\s+/)) {
			const i = ind[2]!.indexOf(part, at);
			at = i + part.length;
			const pc = piece(doc.flat, start + i, start + i + part.length);
			if (pc.text) parts.push(pc);
		}
		if (parts.length >= 2 && parts.length <= 8) {
			const items = parts.map((x) => shown(x.text));
			out.push({ detector: 'list', kind: 'list', question: `What are the ${countWord(items.length)} indications for ${inside(clean(ind[1]!))}?`, answer: items.map((x) => `• ${x}`).join('\n'), items, span: p.span, answerSpans: parts.map((x) => x.span), why: `list of ${items.length}`, target: `indic:${items.join('|')}`, needsLook: items.some((x) => words(x) > 8) ? 'some items are long: shorten them to a few words' : undefined, block });
			return true;
		}
	}
	const s = INLINE_SORTED.exec(p.text);
	if (s) {
		const start = p.span.start + s.index + s[0].indexOf(s[1]!);
		const parts = splitItems(doc.flat, start, s[1]!);
		const before = p.text.slice(0, s.index);
		const subj = /([A-Za-z][\w\s-]{2,50}?)\s+(?:are|is|can be)\s*$/.exec(before)?.[1]?.trim();
		if (parts.length >= 2 && parts.length <= 8 && subj) {
			const q = `Into which ${countWord(parts.length)} ${s[2]!.toLowerCase()} are ${sortedSubject(subj, blockTopic(block, doc))} ${/sorted|classified|divided|grouped/.exec(s[0])![0]}?`;
			const items = parts.map((x) => shown(x.text));
			out.push({ detector: 'list', kind: 'list', question: q, answer: items.map((x) => `• ${x}`).join('\n'), items, span: p.span, answerSpans: parts.map((x) => x.span), why: `list of ${items.length} (a classification)`, target: `inline:${items.join('|')}`, block });
			return true;
		}
	}
	const m = INLINE_LIST.exec(p.text);
	if (!m) return false;
	const start = p.span.start + m.index + m[0].length - m[3]!.length;
	const parts = splitItems(doc.flat, start, m[3]!).filter((x) => words(x.text) <= 10);
	if (parts.length < 2 || parts.length > 8) return false;
	const items = parts.map((x) => shown(x.text.replace(/\s*(and so on|etc)$/i, '')));
	const noun = m[1]!.toLowerCase();
	const head = clean(p.text.slice(0, m.index + m[1]!.length));
	const named = words(head) <= 8 && /^(the\s+)?[\w\s-]+$/i.test(head) ? inside(head.replace(/^the\s+/i, '')) : noun;
	// "such as" and "including" give examples, not the whole list: the question says so.
	const examples = /^(such as|including)$/i.test(m[2]!);
	const q = withContext(examples ? `Which ${countWord(items.length)} examples of ${named} are given?` : `What are the ${countWord(items.length)} ${named} named?`, '', doc, blockTopic(block, doc));
	out.push({ detector: 'list', kind: 'list', question: q, answer: items.map((x) => `• ${x}`).join('\n'), items, span: p.span, answerSpans: parts.map((x) => x.span), why: examples ? `${items.length} examples` : `list of ${items.length}`, target: `inline:${items.join('|')}`, block });
	return true;
}

/**
 * "the proximal tubule reclaims about 80% of the filtered bicarbonate" → "What does the proximal
 * tubule reclaim?" / "About 80% of the filtered bicarbonate": a clause with a noun phrase for
 * subject, one active verb and an object, asked on the object. The object ends where the next
 * clause begins ("…, so", "… and constricts").
 */
function svo(text: string, base: number, flat: string): { question: string; answer: Piece; subject: string } | null {
	const ct = tag(text);
	const c = analyse(ct);
	if (!c || !nounPhrase(c.subject) || c.verb.length !== 1 || c.verb[0]!.pos !== 'VERB' || /^(be|have|become|seem|include|mean|refer|exist|occur|happen|appear|remain)$/.test(c.verb[0]!.lemma)) return null;
	const first = c.rest[0];
	if (!first || /^(where|when|how|why|what|whether|if|that)$/.test(first.lower) || !(/^(DET|ADJ|NOUN|NUM|PROPN|ADV)$/.test(first.pos) || /ed$/.test(first.lower))) return null;
	// "reads this as a loss of volume": an object that only points back is no answer.
	if (/^(this|that|these|those|it|them)$/.test(first.lower) && !/^(NOUN|PROPN|ADJ)$/.test(c.rest[1]?.pos ?? '')) return null;
	let end = text.length;
	for (let i = 0; i < c.rest.length; i++) {
		const t = c.rest[i]!;
		const next = c.rest[i + 1];
		if ((t.text === ',' || t.text === ';') && next && (/^(so|which|and|thereby|thus|while|but)$/.test(next.lower) || (next.lower === 'as' && c.rest[i + 2]?.lower === 'well'))) end = Math.min(end, t.start);
		if ((t.lower === 'and' || t.lower === 'but') && next && next.pos === 'VERB') end = Math.min(end, t.start);
		if (t.lower === 'but' || t.lower === 'because') end = Math.min(end, t.start);
		if (t.text === ',' && next && /ing$/.test(next.lower) && next.pos === 'VERB') end = Math.min(end, t.start);
	}
	const a = piece(flat, base + first.start, base + end);
	if (!a.text || words(a.text) > 14) return null;
	const subject = textOf(text, c.subject);
	return { question: whatQuestion(subject, c.subject, c.verb), answer: a, subject };
}

// ---------- special groups: "around the ankles in patients who walk, but over the sacrum in patients confined to bed" ----------

const GROUP = '(?:patients|people|children|adults|women|men|infants|the elderly|older people)';
const EXCEPTION = new RegExp(`^(.{3,80}?)\\s+in\\s+(${GROUP}\\s+[^,]{2,60}),\\s+but\\s+(.{3,80}?)\\s+in\\s+(${GROUP}\\s+.{2,60})$`, 'id');

/** Two groups contrasted after a clause: one card for each group, asking what differs. */
function detectException(head: Piece | null, p: Piece, block: Block, doc: Doc, out: Candidate[]): boolean {
	const m = EXCEPTION.exec(p.text.replace(/[.;]+$/, ''));
	if (!m || !head) return false;
	const c = analyse(tag(head.text));
	if (!c || !nounPhrase(c.subject) || !c.verb.length) return false;
	const subject = textOf(head.text, c.subject);
	const at = (g: number) => piece(doc.flat, p.span.start + m.indices![g]![0], p.span.start + m.indices![g]![1]);
	for (const [ans, grp] of [[1, 2], [3, 4]] as const) {
		const a = at(ans);
		const g = clean(m[grp]!);
		const where = /^(around|over|on|in|at|under|behind|below|above)\b/i.test(a.text);
		const q = whatQuestion(subject, c.subject, c.verb).replace(/^What /, where ? 'Where ' : 'What ').replace(/\?$/, ` in ${g}?`);
		out.push({ detector: 'exception', kind: 'basic', question: q, answer: shown(a.text), span: { start: head.span.start, end: p.span.end }, answerSpans: [a.span], why: `special group: ${g.split(/\s+/).slice(0, 4).join(' ')}`, target: `group:${g}`, block });
	}
	return true;
}

// ---------- statements: a sentence no detector took, asked as a cloze on its key term ----------

function detectStatement(p: Piece, block: Block, doc: Doc, out: Candidate[], antecedent = '', bare = false): void {
	// "it …", "which …" or a verb phrase with its subject elsewhere ("… and forms casts"): the subject named.
	const pron = antecedent ? (bare ? /^/.exec(p.text) : /^(it|they|which)\s/i.exec(p.text)) : null;
	const text = pron ? upperStart(`${inside(antecedent)} ${p.text.slice(pron[0].length)}`) : p.text;
	const shift = text.length - p.text.length;
	if (words(text) < 4 || words(text) > 45) return;
	if (LEAD_IN.test(text) || /\bfollowing\b/i.test(text)) return;
	// A plain "X does Y to Z" statement is asked as a question on its object.
	if (!pron || bare || /^which\s/i.test(p.text)) {
		const asked = svo(text, p.span.start - shift, doc.flat);
		if (asked) {
			out.push({ detector: 'statement', kind: 'basic', question: withContext(asked.question, asked.answer.text, doc, blockTopic(block, doc)), answer: shown(asked.answer.text), span: p.span, answerSpans: [asked.answer.span], why: 'key statement', target: `svo:${asked.subject}`, block });
			return;
		}
	}
	const toks = tag(text);
	const c = analyse(toks);
	if (!c || !nounPhrase(c.subject)) return;
	const k = keyTerm(toks, c);
	if (!k) return;
	const a = k[0]!.start;
	const b = k.at(-1)!.end;
	const body = text.replace(/[;,]\s*$/, '');
	out.push({
		detector: 'statement',
		kind: 'cloze',
		question: upperStart(`${body.slice(0, a)}[…]${body.slice(b)}`),
		answer: upperStart(body),
		span: p.span,
		answerSpans: [{ start: p.span.start + a - shift, end: p.span.start + b - shift }],
		why: 'key term',
		target: `stmt:${text.slice(a, b)}`,
		block
	});
}

// ---------- the whole document ----------

/** What "it" in a clause's second half stands for: the head noun phrase of the clause before. */
function antecedentOf(flat: string, p: Piece, maxWords = 5): string {
	const def = matchDefinition(p);
	if (def) {
		const term = clean(flat.slice(def.term.start, def.term.end)).replace(/^(the|an?)\s+/i, '');
		return /^(?:the|an?)\s+$/i.test(flat.slice(p.span.start, def.term.start)) ? `the ${term}` : term;
	}
	// Only a clause with one subject can say what "it" is: "A is lost …, and … B separates the two: it is …" cannot.
	if (/,\s+(?:and|but|or|while|whereas)\s|;|:/.test(p.text)) return '';
	const c = analyse(tag(p.text));
	if (!c || !nounPhrase(c.subject)) return '';
	const head = textOf(p.text, c.subject).replace(/\s+(?:that|which|who)\b.*$/i, '');
	return words(head) <= maxWords ? clean(head).replace(/\*\*/g, '') : '';
}

/** A unit's text with its "it", "which" or missing subject named, and how much longer that made it. */
function subjectNamed(u: Unit, antecedent: string): { text: string; shift: number } {
	if (!antecedent) return { text: u.text, shift: 0 };
	const pron = u.bare ? /^/.exec(u.text)! : /^(it|they|which)\s/i.exec(u.text);
	if (!pron) return { text: u.text, shift: 0 };
	const text = upperStart(`${inside(antecedent)} ${u.text.slice(pron[0].length)}`);
	return { text, shift: text.length - u.text.length };
}

/** Clauses a detector must read whole: a definition, two groups contrasted, a list in a sentence. */
function keepWhole(p: Piece): boolean {
	// A "because" may give the reason for both halves of "A, yet B": the sentence stays whole.
	return /\b(?:because|since|so that)\b/i.test(p.text) || !!matchDefinition(p) || EXCEPTION.test(p.text.replace(/[.;]+$/, '')) || INLINE_LIST.test(p.text) || INLINE_INDIC.test(p.text.replace(/[.;]+$/, '')) || INLINE_SORTED.test(p.text) || LEAD_IN.test(p.text);
}

/** Every candidate of a segmented document, in the order of the text. */
export function candidates(blocks: Block[], doc0: Omit<Doc, 'translated'>): Candidate[] {
	const out: Candidate[] = [];
	// A document whose sentences often break English grammar is read as a translation: a clause no detector can ask still gets a cloze.
	let broken = 0;
	let all = 0;
	for (const b of blocks) for (const s of b.sentences) if (all++ < 400 && brokenGrammar(tag(s.text))) broken++;
	const doc: Doc = { ...doc0, translated: broken >= 3 && broken / Math.min(all, 400) >= 0.08 };
	for (const block of blocks) {
		if (block.kind === 'heading') continue;
		for (const e of block.enumerations) detectList(e, block, doc, out);
		// Where a paragraph holds an enumeration, its items (each split into sentences) take the
		// place of the sentences they run through.
		const inline = block.kind === 'paragraph' ? block.enumerations.filter((e) => e.style !== 'headings') : [];
		const overlaps = (p: Piece) => inline.some((e) => p.span.start < e.span.end && p.span.end > e.span.start);
		const topic0 = blockTopic(block, doc);
		const pieces: { p: Piece; lead: string; topic: string }[] = block.sentences.filter((p) => !overlaps(p)).map((p) => ({ p, lead: '', topic: topic0 }));
		for (const e of inline) {
			if (e.lead && !isFiller(e.lead.text) && !LEAD_IN.test(e.lead.text)) pieces.push({ p: e.lead, lead: '', topic: topic0 });
			// "Nephrotic syndrome due to (1) … (2) …": the items are about what the lead names.
			const owner = e.lead ? /^(.{3,60}?)\s+(?:is\s+|are\s+)?(?:due to|caused by|results? from|because of)\s*:?$/i.exec(e.lead.text.trim()) : null;
			const topic = owner ? leadingNounPhrase(owner[1]!) || topic0 : topic0;
			for (const it of e.items) for (const s of sentences(doc.flat, it.span)) pieces.push({ p: s, lead: itemContext.get(e) ?? '', topic });
		}
		// A list's items are read with the list's lead as their context when they have no subject of their own.
		const listLead = block.kind === 'list' ? block.enumerations[0]?.lead : null;
		const leadNP = listLead && /\bcriteria\b/i.test(listLead.text) && /\bfollowing\b/i.test(listLead.text) ? leadingNounPhrase(listLead.text) : '';
		if (block.kind === 'list') for (const pc of pieces) pc.lead = leadNP ? `${upperStart(leadNP)}, one criterion:` : (itemContext.get(block.enumerations[0]!) ?? '');
		pieces.sort((a, b) => a.p.span.start - b.p.span.start);
		for (const { p: s, lead, topic } of pieces) {
			if (isFiller(s.text)) continue;
			// Tagged once, whole: its clauses, subjects and objects are read from these tokens.
			tag(s.text);
			// "Four classes of drugs improve survival in HFrEF: A, B, C and D."
			if (detectColonList(s, block, doc, out)) continue;
			const parts = clauseParts(doc.flat, s, keepWhole);
			for (const [k, { part, units }] of parts.entries()) {
				if (isFiller(part.text) && parts.length > 1) continue;
				// A "sentence" of hundreds of words is not prose a card can come from (or a hostile paste): numbers only.
				if (part.text.length > 1500) {
					detectThresholds(part, block, doc, out, lead);
					continue;
				}
				const before = parts[k - 1]?.part;
				const partAntecedent = before ? antecedentOf(doc.flat, before) : '';
				if (before && detectException(before, part, block, doc, out)) continue;
				let listed = false;
				const steps = detectRun(units, block, doc, out, topic);
				for (const [j, u] of units.entries()) {
					const made = out.length;
					// What a unit's "it" or missing subject stands for: the subject it shares, else the clause before.
					const antecedent = u.subject ?? (j === 0 ? partAntecedent : /^(?:it|they|its|their)\s/i.test(u.text) ? antecedentOf(doc.flat, units[j - 1]!) : '');
					const gloss = detectGloss(u, block, doc, out);
					const since = detectSinceSo(u, block, doc, out, topic);
					const defined = detectDefinition(u, block, doc, out) || gloss;
					// The term a definition clause named is the topic of the clause after it ("…; the usual organisms are …").
					const emph = detectEmphasis(u, block, doc, out, j === 0 && before && matchDefinition(before) ? antecedent : '');
					const lim = detectLimitation(u, block, doc, out);
					const cause = detectCauses(u, block, doc, out, antecedent);
					const list = detectInlineList(u, block, doc, out);
					listed ||= list;
					const runSubject = j > 0 ? leadNounPhrase(units[0]!.text) : '';
					const doing = detectWhileDoing(u, runSubject, block, doc, out, topic);
					const named = subjectNamed(u, antecedent);
					const change = !defined && !emph && detectChange(named.text, u.span.start - named.shift, block, doc, out, u.span, topic);
					const asked = defined || emph || lim || cause || list || since || change || doing;
					// Numbers are asked on the whole part (below), with the clause around them.
					const numbered = numberPhrases(u.text).some((x) => !/^\d{1,2}$/.test(x.text));
					if (!asked && !numbered) detectStatement(u, block, doc, out, antecedent, !!u.bare);
					// A translated clause nothing could ask keeps its fact in view as a cloze that needs a look.
					if (out.length === made && !numbered && !steps.has(j)) {
						const translated = u.note ?? (brokenGrammar(tag(u.text)) ? 'the source’s grammar is broken here' : doc.translated ? 'a clause of a translated document' : '');
						if (translated) detectFallback(u, block, doc, out, translated);
					}
				}
				if (!listed) detectThresholds(part, block, doc, out, lead, partAntecedent);
			}
		}
	}
	return out;
}
