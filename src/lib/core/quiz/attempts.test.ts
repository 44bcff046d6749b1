// The attempt table, run whole: every attempt graded as the app grades it, against the verdict a
// fair teacher gives. Zero false accepts (the grader says right where the teacher does not).
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseDeck } from '../deck-file.ts';
import type { CardContent } from '../model.ts';
import { gradeContext, type GradeContext } from './glossary.ts';
import { expectedAnswer } from './choice.ts';
import { gradePrepared, prepareAnswer, type Verdict } from './typed.ts';
import { scoreTypedList } from './recall.ts';
import { ATTEMPTS, SHIPPED, type Teacher } from './fixtures/attempts.ts';

const DECKS = path.join(import.meta.dirname, 'fixtures/decks');

interface Loaded {
	cards: Map<string, CardContent>;
	ctx: GradeContext;
}

function loadDecks(): Map<string, Loaded> {
	const out = new Map<string, Loaded>();
	for (const name of readdirSync(DECKS)) {
		const deckText = readFileSync(path.join(DECKS, name, 'deck.md'), 'utf8');
		const sourceText = readFileSync(path.join(DECKS, name, 'source.md'), 'utf8');
		const parsed = parseDeck({ deckFile: 'deck.md', deckText, sourceFile: 'source.md', sourceText });
		expect(parsed.problems).toEqual([]);
		out.set(name, { cards: new Map(parsed.cards.map((c) => [c.id, c])), ctx: gradeContext([deckText, sourceText]) });
	}
	const shipped = Object.entries(SHIPPED).map(([id, c]): CardContent => ({ id, kind: c.kind, question: c.question, answer: c.answer || (c.items ?? []).join('\n'), items: c.items ?? [], explanation: '', section: '', passage: '' }));
	out.set('ns', { cards: new Map(shipped.map((c) => [c.id, c])), ctx: gradeContext(shipped.map((c) => `${c.question}\n${c.answer}`)) });
	return out;
}

const decks = loadDecks();

/** How the app grades an attempt at a card. */
export function gradeAttempt(cardRef: string, typed: string): { verdict: Verdict; reason: string } {
	const [deck, id] = cardRef.split('/') as [string, string];
	const d = decks.get(deck);
	const card = d?.cards.get(id);
	if (!d || !card) throw new Error(`no card ${cardRef}`);
	if (card.kind === 'list') {
		const r = scoreTypedList(typed.split(' | '), card.items, { question: card.question, ctx: d.ctx });
		return { verdict: r.verdict, reason: `found ${r.found.join(',')} extra ${r.extra.join(',')}` };
	}
	const r = gradePrepared(typed, prepareAnswer(expectedAnswer(card), { question: card.question, accept: card.accept, ctx: d.ctx }));
	return { verdict: r.verdict, reason: r.reason };
}

export function tally(rows: [string, string, Teacher][]) {
	const out = { total: rows.length, falseAccepts: [] as string[], falseRejects: [] as string[], wrongAsPartly: 0, close: 0, exact: 0 };
	for (const [card, typed, teacher] of rows) {
		const g = gradeAttempt(card, typed);
		if (g.verdict === 'close') out.close++;
		if (g.verdict === teacher) out.exact++;
		if (g.verdict === 'right' && teacher !== 'right') out.falseAccepts.push(`${card}: ${typed} (${teacher})`);
		if (teacher === 'right' && g.verdict !== 'right') out.falseRejects.push(`${card}: ${typed} → ${g.verdict}: ${g.reason}`);
		if (teacher === 'wrong' && (g.verdict === 'partly' || g.verdict === 'close')) out.wrongAsPartly++;
	}
	return out;
}

describe('the attempt table', () => {
	it('holds at least 250 attempts on at least 40 cards, across the shipped deck and five other topics', () => {
		expect(ATTEMPTS.length).toBeGreaterThanOrEqual(250);
		expect(new Set(ATTEMPTS.map(([c]) => c)).size).toBeGreaterThanOrEqual(40);
		expect(new Set(ATTEMPTS.map(([c]) => c.split('/')[0]))).toEqual(new Set(['ns', 'cardiology', 'haematology', 'pharmacology', 'hepatology', 'endocrinology']));
	});

	it.each(ATTEMPTS.filter(([, , t]) => t !== 'right'))('never calls a %s attempt right: %j (teacher: %s)', (card, typed, teacher) => {
		const g = gradeAttempt(card, typed);
		expect(g.verdict, `${card} "${typed}" is ${teacher}`).not.toBe('right');
		if (teacher === 'wrong') expect(g.verdict).not.toBe('close');
	});

	it('accepts most right answers outright, and never calls a right one wrong without a reason', () => {
		const t = tally(ATTEMPTS);
		console.log(`attempt table: ${t.total} attempts, ${t.exact} as the teacher, ${t.falseAccepts.length} false accepts, ${t.falseRejects.length} false rejects, ${t.close} close\n  ${t.falseRejects.join('\n  ')}`);
		expect(t.falseAccepts).toEqual([]);
		expect(t.falseRejects.length / ATTEMPTS.filter(([, , v]) => v === 'right').length).toBeLessThan(0.12);
	}, 60_000);
});
