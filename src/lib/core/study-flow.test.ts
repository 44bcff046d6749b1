import { describe, expect, it } from 'vitest';
import { Queue, type QueueValue } from './model.ts';
import { askedAnotherWay, canShowPrepared, countsAfterAnswer, reconcileRead, type FlowItem } from './study-flow.ts';

const item = (key: string, queue: QueueValue = Queue.New, reps = 0): FlowItem => ({ state: { key, queue, schedule: { reps } } });
const keys = (r: ReturnType<typeof reconcileRead>) => (r.keep ? r.items.map((i) => i.state.key) : null);

describe('after an answer', () => {
	it('the card leaves its own queue in the counts, never below zero', () => {
		const c = { new: 3, learning: 1, review: 0 };
		expect(countsAfterAnswer(c, Queue.New)).toEqual({ new: 2, learning: 1, review: 0 });
		expect(countsAfterAnswer(c, Queue.Learning)).toEqual({ new: 3, learning: 0, review: 0 });
		expect(countsAfterAnswer(c, Queue.Review)).toEqual({ new: 3, learning: 1, review: 0 });
		expect(c).toEqual({ new: 3, learning: 1, review: 0 });
	});

	it('the prepared card is shown only if it is next, unanswered since, and in the mode now set', () => {
		const items = [item('a'), item('b', Queue.Review, 2)];
		expect(canShowPrepared(items, items[0]!, { key: 'b', reps: 2, mode: 'mixed' }, 'mixed')).toBe(true);
		expect(canShowPrepared(items, items[0]!, { key: 'b', reps: 1, mode: 'mixed' }, 'mixed')).toBe(false);
		expect(canShowPrepared(items, items[0]!, { key: 'b', reps: 2, mode: 'flip' }, 'mixed')).toBe(false);
		expect(canShowPrepared(items, items[0]!, { key: 'c', reps: 0, mode: 'mixed' }, 'mixed')).toBe(false);
		expect(canShowPrepared([item('a'), item('a')], item('a'), { key: 'a', reps: 0, mode: 'mixed' }, 'mixed')).toBe(false);
		expect(canShowPrepared([item('a')], item('a'), { key: 'b', reps: 0, mode: 'mixed' }, 'mixed')).toBe(false);
		expect(canShowPrepared(items, items[0]!, null, 'mixed')).toBe(false);
	});
});

describe('a queue read meeting the session', () => {
	it('leaves out the cards answered since the read began, keeps the card shown first', () => {
		const read = [item('b'), item('c'), item('d')];
		const now = { shown: item('c'), writing: false, answers: 2, answeredAt: new Map([['a', 1], ['b', 2]]) };
		const r = reconcileRead(read, now, 1);
		expect(keys(r)).toEqual(['c', 'd']);
		expect(r.keep && r.countsFresh).toBe(false);
		expect(reconcileRead([item('c'), item('d')], now, 2)).toEqual({ keep: true, items: [item('c'), item('d')], countsFresh: true });
	});

	it('the card shown stays while its own answer is written; gone otherwise', () => {
		const shown = item('b');
		expect(keys(reconcileRead([item('c')], { shown, writing: true, answers: 1, answeredAt: new Map([['b', 1]]) }, 1))).toEqual(['b', 'c']);
		expect(reconcileRead([item('c')], { shown, writing: false, answers: 1, answeredAt: new Map() }, 1)).toEqual({ keep: false });
		expect(reconcileRead([item('c')], { shown: null, writing: false, answers: 0, answeredAt: new Map() }, 0)).toEqual({ keep: false });
	});
});

describe('asked another way', () => {
	const basic = { kind: 'basic' as const, items: [] };
	it('says which form and why when the chosen one cannot ask the card', () => {
		expect(askedAnotherWay('typed', 'choice', basic)).toBe('Asked as multiple choice: its answer is too long to type.');
		expect(askedAnotherWay('typed', 'flip', basic)).toMatch(/^Shown as a flip card: its answer is too long to type/);
		expect(askedAnotherWay('typed', 'order', { kind: 'steps', items: ['a', 'b', 'c'] })).toBe('Asked as ordering: the steps of a chain are put in order.');
		expect(askedAnotherWay('typed', 'flip', { kind: 'steps', items: ['a', 'b'] })).toBe('Shown as a flip card: it has too few steps to put in order.');
		expect(askedAnotherWay('typed', 'flip', { ...basic, format: 'html' })).toMatch(/imported from Anki/);
		expect(askedAnotherWay('choice', 'flip', basic)).toBe('Shown as a flip card: there are no good wrong options for it.');
		expect(askedAnotherWay('choice', 'list', { kind: 'list', items: ['a', 'b'] })).toMatch(/^Asked as list recall/);
	});
	it('says nothing when the card is asked as chosen, or the mode chooses for itself', () => {
		expect(askedAnotherWay('typed', 'typed', basic)).toBe('');
		expect(askedAnotherWay('typed', 'list', { kind: 'list', items: ['a'] })).toBe('');
		expect(askedAnotherWay('choice', 'select', { kind: 'list', items: ['a'] })).toBe('');
		expect(askedAnotherWay('mixed', 'flip', basic)).toBe('');
		expect(askedAnotherWay('flip', 'flip', basic)).toBe('');
	});
});
