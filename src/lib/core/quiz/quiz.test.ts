import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDeck } from '../deck-file.ts';
import { buildChoice, buildSelect, choicePool, extractBlank, type Sibling } from './choice.ts';
import { answerKind } from './kinds.ts';
import { scoreOrder, scorePicks, scoreTypedList, shuffledSteps } from './recall.ts';
import { chooseForm, proposeRating, typicalTime, typeable } from './form.ts';
import { gradeTyped } from './typed.ts';
import { newSchedule } from '../schedule.ts';
import type { CardContent } from '../model.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const read = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');
const shipped = parseDeck({ deckFile: 'deck.md', deckText: read('cards/nephrotic-syndrome/deck.md'), sourceFile: 'source.md', sourceText: read('cards/nephrotic-syndrome/source.md') });

const card = (id: string, over: Partial<CardContent>): CardContent => ({ id, kind: 'basic', question: '', answer: '', items: [], explanation: '', section: 'Clotting', passage: '', ...over });
// A small deck of our own, written for these tests (content, not the shipped deck's ids).
const CARDS: CardContent[] = [
	card('ldl', { question: 'Which lipoprotein starts the harm to the kidney in persistent hyperlipidaemia?', answer: 'Low-density lipoprotein (LDL).', section: 'Lipids' }),
	card('at3', { question: "Which protein is the body's most important anticoagulant?", answer: 'Antithrombin III (AT-III).' }),
	card('fbg', { question: 'Which clotting protein does the liver make more of?', answer: 'Fibrinogen.' }),
	card('ps', { question: 'Which vitamin K-dependent anticoagulant protein is lost in the urine?', answer: 'Protein S.' }),
	card('f8', { question: 'Which clotting factor do long-term steroids make more active?', answer: 'Factor VIII.' }),
	card('plg', { question: 'Which protein lost in the urine lowers fibrinolysis?', answer: 'Plasminogen.' }),
	card('pai', { question: 'How does PAI activity change, and what does that do to fibrinolysis?', answer: 'It rises, which lowers fibrinolytic activity.' }),
	card('window', { kind: 'cloze', question: 'Steroid-dependent disease relapses within […] of stopping the steroid.', answer: 'Steroid-dependent disease relapses within 14 days of stopping the steroid.', section: 'Definitions' }),
	card('srns', { question: 'What is nephrotic syndrome called that does not respond to a standard course of steroids?', answer: 'Steroid-resistant nephrotic syndrome.', section: 'Definitions' }),
	card('refr', { question: 'What is refractory nephrotic syndrome?', answer: 'Nephrotic syndrome that is steroid-resistant, steroid-dependent or frequently relapsing.', section: 'Definitions' }),
	card('refr-term', { question: 'What is nephrotic syndrome called when it is steroid-resistant, steroid-dependent or frequently relapsing?', answer: 'Refractory nephrotic syndrome.', section: 'Definitions' }),
	card('sdns', { question: 'What is nephrotic syndrome called that relapses while the steroid is tapered?', answer: 'Steroid-dependent nephrotic syndrome.', section: 'Definitions' }),
	card('frns', { question: 'What is nephrotic syndrome called that relapses twice in six months?', answer: 'Frequently relapsing nephrotic syndrome.', section: 'Definitions' }),
	card('fib', { kind: 'list', question: 'Name the three changes that lower fibrinolytic activity.', answer: '', items: ['Plasminogen is lost in the urine', 'PAI activity rises', 'TAFI activity rises'] }),
	card('loss', { kind: 'list', question: 'Name the two anticoagulant proteins lost in the urine.', answer: '', items: ['Antithrombin III', 'Protein S'], section: 'Urine' })
];
const pool = choicePool(CARDS.map((c) => ({ key: `t/${c.id}`, card: c })));
const byId = (id: string) => CARDS.find((c) => c.id === id)!;

describe('multiple choice: distractors of the same kind, never also right', () => {
	it('a protein for a protein, and none of them the answer in other words', () => {
		const q = buildChoice('t/at3', byId('at3'), pool, 's')!;
		expect(q.options).toHaveLength(4);
		expect(q.options.filter((o) => o.correct).map((o) => o.text)).toEqual(['Antithrombin III (AT-III)']);
		for (const o of q.options.filter((x) => !x.correct)) {
			expect(answerKind(o.text)).toBe('haemostasis protein');
			expect(gradeTyped(o.text, 'Antithrombin III (AT-III)').verdict).toBe('wrong');
		}
	});

	it('a lipoprotein question with no other lipoprotein in the deck is asked another way, unless the author gave distractors', () => {
		expect(buildChoice('t/ldl', byId('ldl'), pool, 's')).toBeNull();
		const authored = { ...byId('ldl'), distractors: ['High-density lipoprotein (HDL)', 'Very-low-density lipoprotein (VLDL)', 'Lipoprotein(a)', 'LDL'] };
		const q = buildChoice('t/ldl', authored, pool, 's')!;
		// The author's own come first; one the grader takes as the answer ("LDL") is never shown.
		expect(q.options.map((o) => o.text).sort()).toEqual(['High-density lipoprotein (HDL)', 'Lipoprotein(a)', 'Low-density lipoprotein (LDL)', 'Very-low-density lipoprotein (VLDL)']);
	});

	it('a direction answer gets the same sentence turned round', () => {
		const q = buildChoice('t/pai', byId('pai'), pool, 's')!;
		expect(q.options.map((o) => o.text).sort()).toEqual(['It falls, which lowers fibrinolytic activity', 'It falls, which raises fibrinolytic activity', 'It rises, which lowers fibrinolytic activity', 'It rises, which raises fibrinolytic activity']);
	});

	it('a number gets other numbers with the same unit, no near slip of the key', () => {
		const q = buildChoice('t/window', byId('window'), pool, 's')!;
		const others = q.options.filter((o) => !o.correct).map((o) => o.text);
		expect(others).toHaveLength(3);
		for (const o of others) expect(o).toMatch(/^\d+ days$/);
		expect(others).not.toContain('15 days');
	});

	it('never offers a wider or narrower name of the answer ("refractory" for steroid-resistant), nor one fact twice', () => {
		const q = buildChoice('t/srns', byId('srns'), pool, 's');
		for (const o of q?.options ?? []) expect(o.text).not.toMatch(/refractory/i);
		const texts = (q?.options ?? []).map((o) => o.text.toLowerCase());
		expect(new Set(texts).size).toBe(texts.length);
	});

	it('a list card is never a single pick', () => {
		expect(buildChoice('t/fib', byId('fib'), pool, 's')).toBeNull();
	});

	it('reproducible from the seed; different seeds shuffle differently', () => {
		expect(buildChoice('t/at3', byId('at3'), pool, 'a')).toEqual(buildChoice('t/at3', byId('at3'), pool, 'a'));
		const orders = new Set([0, 1, 2, 3, 4, 5].map((n) => buildChoice('t/at3', byId('at3'), pool, `seed-${n}`)!.options.findIndex((o) => o.correct)));
		expect(orders.size).toBeGreaterThan(1);
	});

	it('finds the text behind a cloze blank', () => {
		expect(extractBlank(byId('window').question, byId('window').answer)).toBe('14 days');
	});
});

describe('select all that apply', () => {
	it('every item, with same-kind wrong items none of which is also right', () => {
		const opts = buildSelect('t/fib', byId('fib'), pool, 's')!;
		const items = byId('fib').items;
		expect(opts.filter((o) => o.item >= 0).map((o) => o.text).sort()).toEqual([...items].sort());
		const wrong = opts.filter((o) => o.item < 0);
		expect(wrong.length).toBeGreaterThanOrEqual(2);
		for (const w of wrong) for (const item of items) expect(gradeTyped(w.text, item).verdict).toBe('wrong');
	});

	it('partial credit: each item a share, each wrong tick half a share', () => {
		const opts = buildSelect('t/fib', byId('fib'), pool, 's')!;
		const right = opts.filter((o) => o.item >= 0);
		const wrong = opts.filter((o) => o.item < 0);
		expect(scorePicks(right, byId('fib').items)).toMatchObject({ verdict: 'right', score: 1 });
		const mixed = scorePicks([right[0]!, right[1]!, wrong[0]!], byId('fib').items);
		expect(mixed.verdict).toBe('partly');
		expect(mixed.score).toBeCloseTo(0.5);
		expect(scorePicks([wrong[0]!, wrong[1]!], byId('fib').items).verdict).toBe('wrong');
	});
});

describe('list recall: one to one, best assignment', () => {
	const items = byId('fib').items;

	it('typed items in any order, with partial credit', () => {
		expect(scoreTypedList(['TAFI activity rises', 'plasminogen lost in urine', 'PAI activity rises'], items)).toMatchObject({ verdict: 'right', found: [0, 1, 2], extra: [] });
		const two = scoreTypedList(['plasminogen is lost in the urine', 'PAI rises'], items);
		expect(two).toMatchObject({ verdict: 'partly', found: [0, 1], missed: [2] });
		expect(scoreTypedList(['heparin', 'warfarin'], items)).toMatchObject({ verdict: 'wrong', found: [], extra: ['heparin', 'warfarin'] });
	});

	it('a line that fits two items goes where the whole list is best served, not to the first that fits', () => {
		// "protein S" fits only item 1; "antithrombin" fits item 0 only "close". First fit would still work;
		// here the first line would take item 1 greedily if it could, and the second line would be lost.
		const r = scoreTypedList(['vitamin K-dependent protein S', 'AT-III'], ['Protein S (vitamin K-dependent)', 'Antithrombin III']);
		expect(r).toMatchObject({ verdict: 'right', found: [0, 1] });
		const lines = scoreTypedList(['PAI rises', 'PAI and TAFI rise'], ['PAI activity rises', 'TAFI activity rises']);
		expect(lines.found).toEqual([0, 1]);
	});

	it('a near-miss item is not found: protein C for protein S', () => {
		expect(scoreTypedList(['antithrombin III', 'protein C'], byId('loss').items)).toMatchObject({ verdict: 'partly', found: [0], extra: ['protein C'] });
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
	const list = byId('fib');
	const chain = card('chain', { kind: 'steps', question: 'Put in order.', answer: '', items: ['a', 'b', 'c', 'd'] });
	const long = card('long', { question: 'How?', answer: 'It suppresses the mononuclear phagocyte system, whose clearance of activated clotting factors falls.' });

	it('Mixed: new cards are flipped first; lists recalled or selected; chains ordered; short answers typed; long ones chosen', () => {
		const none = { choice: false, select: false };
		const both = { choice: true, select: true };
		expect(chooseForm('mixed', byId('srns'), newSchedule(0), both)).toBe('flip');
		expect(chooseForm('mixed', list, newSchedule(0), both)).toBe('flip');
		expect(chooseForm('typed', chain, newSchedule(0), both)).toBe('order');
		expect(chooseForm('mixed', list, review, both)).toBe('select');
		expect(chooseForm('mixed', list, { ...review, reps: 4 }, both)).toBe('list');
		expect(chooseForm('mixed', list, review, none)).toBe('list');
		expect(chooseForm('choice', list, review, both)).toBe('select');
		expect(chooseForm('choice', list, review, none)).toBe('list');
		expect(chooseForm('mixed', chain, review, both)).toBe('order');
		expect(chooseForm('mixed', byId('at3'), review, both)).toBe('typed');
		expect(chooseForm('mixed', byId('window'), review, both)).toBe('typed');
		expect(chooseForm('mixed', long, review, both)).toBe('choice');
		expect(chooseForm('mixed', long, review, none)).toBe('flip');
		expect(chooseForm('flip', byId('at3'), review, both)).toBe('flip');
		expect(chooseForm('choice', byId('at3'), review, none)).toBe('flip');
		expect(typeable('Antithrombin III (AT-III).')).toBe(true);
	});

	it('wrong → Again; partly, close or after a hint → Hard; right → Good; right and fast → Easy', () => {
		expect(proposeRating('wrong')).toBe(1);
		expect(proposeRating('partly')).toBe(2);
		expect(proposeRating('close')).toBe(2);
		expect(proposeRating('right', { hinted: true })).toBe(2);
		expect(proposeRating('right', { durationMs: 9000, typicalMs: 10000 })).toBe(3);
		expect(proposeRating('right', { durationMs: 4000, typicalMs: 10000 })).toBe(4);
		expect(typicalTime([1, 2, 3, 4])).toBeNull();
		expect(typicalTime([5000, 1000, 3000, 2000, 4000])).toBe(3000);
	});
});

describe('the shipped deck', () => {
	it('every card gets a valid form, and a choice or select question has one right answer among distinct options', () => {
		const sib: Sibling[] = shipped.cards.map((c) => ({ key: `ns/${c.id}`, card: c }));
		const p = choicePool(sib);
		const review = { ...newSchedule(0), state: 2 as const, reps: 1 };
		for (const c of shipped.cards) {
			const choice = buildChoice(`ns/${c.id}`, c, p, `ns/${c.id}:1`);
			const select = buildSelect(`ns/${c.id}`, c, p, `ns/${c.id}:1`);
			const form = chooseForm('mixed', c, review, { choice: !!choice, select: !!select });
			expect(['flip', 'choice', 'typed', 'list', 'order', 'select']).toContain(form);
			if (c.kind === 'list') expect(form).not.toBe('choice');
			if (choice) {
				expect(choice.options.filter((o) => o.correct)).toHaveLength(1);
				expect(new Set(choice.options.map((o) => o.text.toLowerCase())).size).toBe(4);
			}
			if (select) expect(select.filter((o) => o.item >= 0)).toHaveLength(c.items.length);
		}
	}, 60_000);
});
