import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDeck } from '../deck-file.ts';
import { buildChoice, extractBlank, type Sibling } from './choice.ts';
import { pickOptions, scoreOrder, scorePicks, scoreTypedList, shuffledSteps } from './recall.ts';
import { chooseForm, proposeRating, typicalTime, typeable } from './form.ts';
import { gradeTyped } from './typed.ts';
import { newSchedule } from '../schedule.ts';
import type { CardContent } from '../model.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const deck = parseDeck({
	deckFile: 'deck.md',
	deckText: readFileSync(path.join(ROOT, 'cards/nephrotic-syndrome/deck.md'), 'utf8'),
	sourceFile: 'source.md',
	sourceText: readFileSync(path.join(ROOT, 'cards/nephrotic-syndrome/source.md'), 'utf8')
});
const siblings: Sibling[] = deck.cards.map((card) => ({ key: `ns/${card.id}`, card }));
const byId = (id: string) => deck.cards.find((c) => c.id === id)!;

describe('multiple choice', () => {
	it('four different, non-empty options, exactly one right, reproducible from the seed', () => {
		for (const card of deck.cards) {
			const q = buildChoice(`ns/${card.id}`, card, siblings, `ns/${card.id}:0`);
			if (!q) continue;
			expect(q.options).toHaveLength(4);
			expect(q.options.filter((o) => o.correct)).toHaveLength(1);
			expect(new Set(q.options.map((o) => o.text.toLowerCase())).size).toBe(4);
			expect(q.options.every((o) => o.text.trim().length > 0)).toBe(true);
			expect(buildChoice(`ns/${card.id}`, card, siblings, `ns/${card.id}:0`)).toEqual(q);
		}
	});

	it('"one of the six" never offers a second mechanism of the six as a distractor', () => {
		const card = byId('hc-mechanisms');
		for (let rep = 0; rep < 20; rep++) {
			const q = buildChoice('ns/hc-mechanisms', card, siblings, `ns/hc-mechanisms:${rep}`)!;
			expect(q.prompt).toMatch(/^Which of these is one of the six mechanisms/);
			const right = q.options.find((o) => o.correct)!;
			expect(card.items).toContain(right.text);
			for (const o of q.options.filter((x) => !x.correct)) {
				expect(card.items).not.toContain(o.text);
				for (const item of card.items) expect(gradeTyped(o.text, item).verdict).toBe('wrong');
				expect(o.fromCard).toMatch(/^ns\//);
			}
		}
	});

	it('distractors are facts of the same shape: a term for a term', () => {
		const q = buildChoice('ns/hc-at3', byId('hc-at3'), siblings, 's')!;
		expect(q.options.find((o) => o.correct)!.text).toBe('Antithrombin III (AT-III)');
		for (const o of q.options) expect(o.text.split(' ').length).toBeLessThanOrEqual(8);
	});

	it('a number is offered only numbers with the same unit, and a card with too few such siblings falls back (null)', () => {
		const days: CardContent = { id: 'x', kind: 'basic', question: 'How long?', answer: '14 days', items: [], explanation: '', section: 'S', passage: 'p' };
		const pool: Sibling[] = ['7 days', '21 days', '3 months', 'Albumin', '28 days'].map((answer, i) => ({ key: `k/${i}`, card: { ...days, id: `s${i}`, answer } }));
		const q = buildChoice('k/x', days, pool, 'seed')!;
		expect(q.options.map((o) => o.text).sort()).toEqual(['14 days', '21 days', '28 days', '7 days']);
		expect(buildChoice('k/x', days, pool.slice(0, 3), 'seed')).toBeNull();
	});

	it('different seeds shuffle differently', () => {
		const orders = new Set([0, 1, 2, 3, 4, 5].map((n) => buildChoice('ns/hc-at3', byId('hc-at3'), siblings, `seed-${n}`)!.options.findIndex((o) => o.correct)));
		expect(orders.size).toBeGreaterThan(1);
	});

	it('finds the text behind a cloze blank', () => {
		const c = byId('def-dependent-window');
		expect(extractBlank(c.question, c.answer)).toBe('14 days');
	});
});

describe('list recall', () => {
	const items = byId('hc-fibrinolysis').items;

	it('typed items in any order, with partial credit', () => {
		const all = scoreTypedList(['TAFI antigen and activity rise', 'plasminogen lost in urine', 'PAI activity rises'], items);
		expect(all).toMatchObject({ verdict: 'right', found: [0, 1, 2], missed: [], extra: [] });
		const two = scoreTypedList(['plasminogen is lost in the urine', 'PAI rises'], items);
		expect(two).toMatchObject({ verdict: 'partly', found: [0, 1], missed: [2] });
		expect(two.score).toBeCloseTo(2 / 3);
		const wrong = scoreTypedList(['heparin', 'warfarin'], items);
		expect(wrong).toMatchObject({ verdict: 'wrong', found: [], extra: ['heparin', 'warfarin'] });
	});

	it('picking: every item and some distractors; wrong picks cost credit', () => {
		const opts = pickOptions(items, ['Factor VIII', 'Fibrinogen', 'Protein S', 'LDL'], 'seed');
		expect(opts.filter((o) => o.item >= 0)).toHaveLength(3);
		expect(opts.filter((o) => o.item < 0).length).toBeGreaterThanOrEqual(2);
		const right = opts.filter((o) => o.item >= 0);
		expect(scorePicks(right, items)).toMatchObject({ verdict: 'right', score: 1 });
		const mixed = scorePicks([right[0]!, right[1]!, opts.find((o) => o.item < 0)!], items);
		expect(mixed).toMatchObject({ verdict: 'partly', found: expect.any(Array), missed: [expect.any(Number)] });
		expect(mixed.score).toBeCloseTo(0.5);
	});
});

describe('ordering', () => {
	it('shuffles, never leaving the steps in order, reproducibly', () => {
		for (let n = 2; n <= 7; n++) {
			const s = shuffledSteps(n, `seed${n}`);
			expect([...s].sort()).toEqual(Array.from({ length: n }, (_, i) => i));
			expect(s.every((v, i) => v === i)).toBe(false);
			expect(shuffledSteps(n, `seed${n}`)).toEqual(s);
		}
	});

	it('all in place is right; one step out of place is partly; more is wrong', () => {
		expect(scoreOrder([0, 1, 2, 3, 4]).verdict).toBe('right');
		expect(scoreOrder([0, 2, 3, 1, 4]).verdict).toBe('partly');
		expect(scoreOrder([4, 3, 2, 1, 0])).toMatchObject({ verdict: 'wrong', ordered: 1 });
	});
});

describe('choosing the form and proposing a rating', () => {
	const review = { ...newSchedule(0), state: 2 as const, reps: 3 };

	it('Mixed: new cards are flipped first; lists recalled; chains ordered; short answers typed; long ones chosen', () => {
		expect(chooseForm('mixed', byId('def-resistant-term'), newSchedule(0), true)).toBe('flip');
		expect(chooseForm('mixed', byId('hc-fibrinolysis'), newSchedule(0), true)).toBe('flip');
		expect(chooseForm('mixed', byId('hc-circle'), newSchedule(0), true)).toBe('flip');
		expect(chooseForm('typed', byId('hc-circle'), newSchedule(0), true)).toBe('order');
		expect(chooseForm('mixed', byId('hc-fibrinolysis'), review, true)).toBe('list');
		expect(chooseForm('mixed', byId('hc-circle'), review, true)).toBe('order');
		expect(chooseForm('mixed', byId('hc-at3'), review, true)).toBe('typed');
		expect(chooseForm('mixed', byId('def-dependent-window'), review, true)).toBe('typed');
		expect(chooseForm('mixed', byId('hc-steroid-clearance'), review, true)).toBe('choice');
		expect(chooseForm('mixed', byId('hc-steroid-clearance'), review, false)).toBe('flip');
		expect(chooseForm('flip', byId('hc-at3'), review, true)).toBe('flip');
		expect(chooseForm('choice', byId('hc-at3'), review, false)).toBe('flip');
		expect(typeable('Antithrombin III (AT-III).')).toBe(true);
	});

	it('wrong → Again; partly or after a hint → Hard; right → Good; right and fast → Easy', () => {
		expect(proposeRating('wrong')).toBe(1);
		expect(proposeRating('partly')).toBe(2);
		expect(proposeRating('right', { hinted: true })).toBe(2);
		expect(proposeRating('right', { durationMs: 9000, typicalMs: 10000 })).toBe(3);
		expect(proposeRating('right', { durationMs: 4000, typicalMs: 10000 })).toBe(4);
		expect(proposeRating('right', { durationMs: 1000, typicalMs: null })).toBe(3);
		expect(typicalTime([1, 2, 3, 4])).toBeNull();
		expect(typicalTime([5000, 1000, 3000, 2000, 4000])).toBe(3000);
	});
});
