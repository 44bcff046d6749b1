// Review: every candidate card is read as a teacher would before it becomes a draft. Questions
// that do not parse as English, answers the question gives away, blanks on stop words, a second
// card on a fact already asked and near-duplicates are set aside with the reason (the learner can
// revive them); drafts the extractor could not make clear are marked "needs a look".

import { checksum } from '../hash.ts';
import { brokenGrammar, questionProblems, words } from './clause.ts';
import { contentWords, type Candidate } from './detect.ts';
import type { Block } from './segment.ts';
import { tag } from './nlp.ts';
import type { Draft, DroppedDraft, Span } from './types.ts';

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export interface Reviewed {
	drafts: Draft[];
	dropped: DroppedDraft[];
}

/** Candidates → drafts and set-aside candidates, each with a stable id and its passage. */
export function review(cands: Candidate[], text: string, title: string, passageFor: (block: Block) => { id: string }): Reviewed {
	const drafts: Draft[] = [];
	const dropped: DroppedDraft[] = [];
	const questions = new Map<string, Draft>();
	const recent: { d: Draft; lemmas: Set<string> }[] = [];
	const ids = new Set<string>();
	const normCache = new Map<string, string>();
	// The sentences a question-and-answer card already asks, for clozes of the same sentence.
	const askedByBlock = new Map<Block, { span: Span; answer: Span[] }[]>();
	const ordered = [...cands].sort((a, b) => a.span.start - b.span.start || RANK[a.detector] - RANK[b.detector]);
	for (const c of ordered) {
		if (c.kind === 'cloze' || c.detector === 'list') continue;
		const list = askedByBlock.get(c.block) ?? [];
		list.push({ span: c.span, answer: c.answerSpans });
		askedByBlock.set(c.block, list);
	}
	const tagged = tag;
	for (const c of ordered) {
		const question = c.question.replace(/\s+/g, ' ').trim();
		const answer = c.answer.replace(/[ \t]+/g, ' ').trim();
		if (!question || !answer || question.length > 700) continue;
		const passage = passageFor(c.block);
		const passageText = text.slice(c.span.start, c.span.end).replace(/\s+/g, ' ');
		let normed = normCache.get(passageText);
		if (normed === undefined) normCache.set(passageText, (normed = norm(passageText)));
		const base = `${c.detector.slice(0, 4)}-${checksum(`${normed}|${c.kind}|${c.target.toLowerCase()}`).slice(0, 10)}`;
		let id = base;
		for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
		ids.add(id);
		let section = c.block.section || title;
		const aLemmas = contentWords(c.kind === 'cloze' ? blankOf(question, answer) : answer);
		const sectionLemmas = new Set(contentWords(section));
		if (aLemmas.length && aLemmas.filter((w) => sectionLemmas.has(w)).length / aLemmas.length >= 0.5) section = title;
		// What a teacher should look at.
		const looks: string[] = [];
		if (c.needsLook) looks.push(c.needsLook);
		const sourceToks = tagged(passageText);
		const broken = brokenGrammar(sourceToks);
		if (broken) looks.push(`the source's grammar is broken (${broken}): check the wording against the document`);
		if (c.kind === 'basic' && words(answer) > 16) looks.push('a long answer: trim it to the fact');
		if (c.kind === 'cloze' && words(answer) > 40) looks.push('a long sentence: cut it to the clause that holds the fact');
		const subjectOfQ = question.replace(/^(?:in [^,]+,\s*)?(?:what|why|when)\s+(?:does|do|did|is|are|can|may)\s+/i, '');
		const clozeLeans = c.kind === 'cloze' && /\b(it|this|they|these)\b/i.test(question.replace(/\b(this|these) (\w+)/gi, (m, a, b) => (/^(is|are|was|can|may)$/.test(b) ? m : '')));
		if ((c.kind !== 'cloze' && /^(it|this|they|these)\b/i.test(subjectOfQ)) || clozeLeans) looks.push('the question leans on the sentence before it (“it”, “this”): name what it means');
		const d: Draft = {
			id,
			kind: c.kind,
			question,
			answer,
			items: c.items ?? [],
			explanation: c.explanation ?? '',
			section,
			passage: passage.id,
			detector: c.detector,
			why: c.why,
			span: c.span,
			answerSpans: c.answerSpans,
			passageText,
			...(looks.length ? { needsLook: looks.join('; ') } : {})
		};
		const drop = (why: string) => dropped.push({ ...d, dropped: why });
		// One card per fact per direction: the same question again is set aside before anything costly.
		const key = norm(question);
		const same = questions.get(key);
		if (same) {
			drop(`the same question as “${same.question}”`);
			continue;
		}
		// The question reads as English.
		const problems = questionProblems(question);
		if (problems.length) {
			drop(`the question does not read as English (${problems[0]})`);
			continue;
		}
		// Nothing guessable: the answer's words are not in the question.
		// A statement card on a sentence another card already asks is one card too many.
		// (Another clause of the same sentence is another fact: only a card whose answer lies in this clause counts.)
		if (c.detector === 'statement' && (askedByBlock.get(c.block) ?? []).some((x) => x.span.start <= c.span.start && x.span.end >= c.span.end - 1 && x.answer.every((s) => s.start !== c.answerSpans[0]?.start || s.end !== c.answerSpans[0]?.end) && x.answer.some((s) => s.start < c.span.end && s.end > c.span.start) && x.span !== c.span)) {
			drop('another card already asks this sentence');
			continue;
		}
		// Words of the context ("In acute kidney injury, …") are not the question's own.
		const own = c.kind === 'cloze' ? question.replace('[…]', ' ') : question.replace(/^In [^,]{2,80},\s+(?=(?:what|why|which|when|where|how|into)\b)/i, '');
		const qLemmas = new Set(contentWords(own));
		if (c.kind === 'cloze') {
			const blank = blankOf(question, answer);
			if (!aLemmas.length) {
				drop(`the blank “${blank}” is not a content word`);
				continue;
			}
			if (aLemmas.every((w) => qLemmas.has(w)) && !/\d/.test(blank)) {
				drop(`the blank “${blank}” is given away by the rest of the sentence`);
				continue;
			}
			// A cloze of a sentence whose fact another card already asks.
			const a = c.answerSpans[0];
			if (a && (askedByBlock.get(c.block) ?? []).some((x) => x.span.start <= c.span.start && x.span.end >= c.span.end - 1 && x.answer.some((s) => s.start <= a.start && s.end >= a.end))) {
				drop('another card already asks this fact');
				continue;
			}
		} else if (c.kind === 'basic' && aLemmas.length && aLemmas.filter((w) => qLemmas.has(w)).length / aLemmas.length >= 0.6) {
			drop('the question gives its answer away');
			continue;
		}
		const lemmas = new Set([...contentWords(question.replace(/^In [^,]{2,80},\s+/, '')), ...contentWords(answer)]);
		// Two clozes of one sentence on different blanks ask different facts.
		// A reverse card (its answer is the other's question subject) is the other direction, not a duplicate.
		const reverse = (r: Draft) => norm(d.question).includes(norm(r.answer)) || norm(r.question).includes(norm(d.answer));
		const near = recent.find((r) => r.d.kind === d.kind && jaccard(r.lemmas, lemmas) >= 0.75 && !(d.kind === 'cloze' && r.d.question !== d.question) && !reverse(r.d));
		if (near) {
			drop(`nearly the same card as “${near.d.question}”`);
			continue;
		}
		questions.set(key, d);
		recent.push({ d, lemmas });
		if (recent.length > 40) recent.shift();
		drafts.push(d);
	}
	return { drafts, dropped };
}

const RANK: Record<Candidate['detector'], number> = { definition: 0, emphasis: 1, cause: 2, limitation: 3, chain: 4, list: 5, item: 6, exception: 7, change: 8, threshold: 9, statement: 10 };

function jaccard(a: Set<string>, b: Set<string>): number {
	if (!a.size || !b.size) return 0;
	let n = 0;
	for (const x of a) if (b.has(x)) n++;
	return n / (a.size + b.size - n);
}

/** The words a cloze blanks: where question and answer differ. */
export function blankOf(question: string, answer: string): string {
	const at = question.indexOf('[…]');
	if (at < 0) return '';
	const tail = question.length - at - 3;
	return answer.slice(at, answer.length - tail);
}
