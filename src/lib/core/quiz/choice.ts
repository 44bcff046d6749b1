// Multiple choice: the right answer and three distractors drawn from sibling facts of the same
// shape (another term for a term, another number with the same unit, an item of another list),
// never an option that is also right, never empty or twice. Null when too few siblings qualify.

import type { CardContent } from '../model.ts';
import { FILLER, isNumberToken, isUnitToken, tokens } from './normalize.ts';
import { gradeTyped } from './typed.ts';
import { seeded, shuffle } from './rng.ts';

export interface ChoiceOption {
	text: string;
	correct: boolean;
	/** The card a distractor was taken from: choosing it means the two facts were confused. */
	fromCard?: string;
}

export interface ChoiceQuestion {
	prompt: string;
	options: ChoiceOption[];
}

/** A card of the same deck a distractor may come from. */
export interface Sibling {
	key: string;
	card: CardContent;
}

type Shape = { kind: 'number'; units: string } | { kind: 'words'; size: number; clause: boolean };

/** Size classes of content words: 1 · 2–4 · 5–10 · more. */
function sizeClass(n: number): number {
	return n <= 1 ? 1 : n <= 4 ? 2 : n <= 10 ? 3 : 4;
}

function shapeOf(text: string): Shape {
	const ts = tokens(text.replace(/\([^)]*\)/g, ' '));
	const units = ts.filter((t) => isUnitToken(t.norm)).map((t) => t.norm);
	if (ts.some((t) => isNumberToken(t.norm)) && units.length) return { kind: 'number', units: [...new Set(units)].sort().join(' ') };
	const words = ts.filter((t) => !FILLER.has(t.norm)).length;
	return { kind: 'words', size: sizeClass(words), clause: /^(it|they|its|their|he|she|this|these)\b/i.test(text.trim()) };
}

function sameShape(a: Shape, b: Shape): boolean {
	if (a.kind === 'number') return b.kind === 'number' && a.units === b.units;
	if (b.kind === 'number') return false;
	return a.size === b.size && a.clause === b.clause;
}

const clean = (t: string) => t.replace(/\s+/g, ' ').trim().replace(/\.$/, '');

/** What a card asks for in a choice question: its prompt and the one right answer. */
function target(card: CardContent, rng: () => number): { prompt: string; answer: string; alsoTrue: string[] } | null {
	if (card.format === 'html') return null;
	if (card.kind === 'basic') return { prompt: card.question, answer: clean(card.answer), alsoTrue: [] };
	if (card.kind === 'cloze') {
		const answerBlank = extractBlank(card.question, card.answer);
		return answerBlank ? { prompt: card.question, answer: clean(answerBlank), alsoTrue: [] } : null;
	}
	if (card.kind === 'list' && card.items.length >= 2) {
		const pick = card.items[Math.floor(rng() * card.items.length)]!;
		return { prompt: `${card.question.replace(/^Name (the |all )?/i, 'Which of these is one of the ').replace(/\.$/, '?')}`, answer: clean(pick), alsoTrue: card.items.map(clean) };
	}
	return null;
}

/** The text a cloze card's blank stands for, found by lining up its question and answer. */
export function extractBlank(question: string, answer: string): string | null {
	const at = question.indexOf('[…]');
	if (at < 0) return null;
	const before = question.slice(0, at);
	const after = question.slice(at + 3);
	if (!answer.startsWith(before) || !answer.endsWith(after)) return null;
	const blank = answer.slice(before.length, answer.length - after.length);
	return blank.includes('[…]') ? null : blank.trim() || null;
}

/** Candidate texts a sibling offers, with the kind of fact each is. */
function offers(s: Sibling): { text: string; from: 'answer' | 'blank' | 'item' }[] {
	const c = s.card;
	if (c.format === 'html') return [];
	if (c.kind === 'basic') return [{ text: clean(c.answer), from: 'answer' }];
	if (c.kind === 'cloze') {
		const b = extractBlank(c.question, c.answer);
		return b ? [{ text: clean(b), from: 'blank' }] : [];
	}
	return c.items.map((text) => ({ text: clean(text), from: 'item' as const }));
}

/** Options start with the right answer's case, so capitals give nothing away. */
function caseLike(text: string, model: string): string {
	const first = model.charAt(0);
	if (!text || first.toLowerCase() === first.toUpperCase()) return text;
	const upper = first === first.toUpperCase();
	// Keep acronyms and names that start with two capitals as they are.
	if (/^[A-Z]{2}/.test(text)) return text;
	return (upper ? text.charAt(0).toUpperCase() : text.charAt(0).toLowerCase()) + text.slice(1);
}

/**
 * A four-option question for a card, or null when fewer than three good distractors exist (the
 * caller then uses another form). Shuffled with a seed: the same seed gives the same options.
 */
export function buildChoice(key: string, card: CardContent, siblings: Sibling[], seed: string): ChoiceQuestion | null {
	const rng = seeded(seed);
	const t = target(card, rng);
	if (!t || !t.answer) return null;
	const shape = shapeOf(t.answer);
	const rightOnes = [t.answer, ...t.alsoTrue];
	const isAlsoRight = (text: string) => rightOnes.some((r) => gradeTyped(text, r).verdict !== 'wrong' || gradeTyped(r, text).verdict !== 'wrong');
	const want = card.kind === 'list' ? 'item' : card.kind === 'cloze' ? 'blank' : 'answer';
	const seen = new Set<string>([t.answer.toLowerCase()]);
	const scored: (ChoiceOption & { score: number; tie: number })[] = [];
	for (const s of siblings.slice(0, 600)) {
		if (s.key === key) continue;
		// "One of the six …": facts of the same section may be true of it too, so take other sections'.
		if (card.kind === 'list' && s.card.section === card.section) continue;
		for (const o of offers(s)) {
			const text = caseLike(o.text, t.answer);
			if (!text || seen.has(text.toLowerCase())) continue;
			if (!sameShape(shapeOf(text), shape)) continue;
			if (isAlsoRight(text)) continue;
			seen.add(text.toLowerCase());
			// Plausible first: a fact of the same kind, from the same section, of a similar length.
			const ratio = text.length / t.answer.length;
			const score = (o.from === want ? 2 : 0) + (s.card.section === card.section ? 2 : 0) + (ratio > 0.5 && ratio < 2 ? 1 : 0);
			scored.push({ text, correct: false, fromCard: s.key, score, tie: rng() });
		}
	}
	if (scored.length < 3) return null;
	scored.sort((a, b) => b.score - a.score || a.tie - b.tie);
	const distractors = scored.slice(0, 3).map(({ text, correct, fromCard }) => ({ text, correct, fromCard }));
	return { prompt: t.prompt, options: shuffle([{ text: t.answer, correct: true }, ...distractors], rng) };
}
