import { describe, expect, it } from 'vitest';
import { cardKey, fingerprint, planSync, toStored, type StoredCard } from './sync';
import type { CardContent } from './model.ts';

const card = (id: string, question = `What about ${id}?`): CardContent => ({
	id,
	kind: 'basic',
	question,
	answer: `Answer for ${id}.`,
	items: [],
	explanation: '',
	section: 'Filtration',
	passage: 'gfr'
});

const DECK = 'kidney';
const A = [card('a'), card('b'), card('c')];

describe('planSync', () => {
	it('adds every card on the first sync, in deck order', () => {
		const plan = planSync(DECK, [], A);
		expect(plan.add.map((c) => [c.key, c.position, c.retired])).toEqual([
			['kidney/a', 0, 0],
			['kidney/b', 1, 0],
			['kidney/c', 2, 0]
		]);
		expect(plan).toMatchObject({ update: [], retire: [], revive: [], unchanged: 0 });
	});

	it('changes nothing when the deck file is the same', () => {
		const plan = planSync(DECK, toStored(DECK, A), A);
		expect(plan).toEqual({ add: [], update: [], retire: [], revive: [], unchanged: 3 });
	});

	it('updates a card whose accepted answers or distractors changed', () => {
		const edited = [card('a'), { ...card('b'), distractors: ['Globulin', 'Fibrinogen', 'Transferrin'] }, { ...card('c'), accept: ['serum albumin'] }];
		const plan = planSync(DECK, toStored(DECK, A), edited);
		expect(plan.update.map((c) => c.key)).toEqual(['kidney/b', 'kidney/c']);
		expect(planSync(DECK, toStored(DECK, edited), edited).unchanged).toBe(3);
	});

	it('updates a card whose wording changed, by id', () => {
		const edited = [card('a'), card('b', 'Reworded question about b?'), card('c')];
		const plan = planSync(DECK, toStored(DECK, A), edited);
		expect(plan.update.map((c) => [c.key, c.question])).toEqual([['kidney/b', 'Reworded question about b?']]);
		expect(plan.add).toEqual([]);
		expect(plan.unchanged).toBe(2);
	});

	it('updates cards that only moved, so new cards keep the file order', () => {
		const plan = planSync(DECK, toStored(DECK, A), [card('c'), card('a'), card('b')]);
		expect(plan.update.map((c) => [c.id, c.position])).toEqual([
			['c', 0],
			['a', 1],
			['b', 2]
		]);
	});

	it('updates a list card whose items changed', () => {
		const list = (items: string[]): CardContent => ({ ...card('l'), kind: 'list', items, answer: items.join('\n') });
		const stored = toStored(DECK, [list(['x', 'y'])]);
		expect(planSync(DECK, stored, [{ ...list(['x', 'z']), answer: 'x\ny' }]).update).toHaveLength(1);
	});

	it('retires a card that left the file, and revives it when it comes back', () => {
		const stored = toStored(DECK, A);
		const plan = planSync(DECK, stored, [card('a'), card('c')]);
		expect(plan.retire.map((c) => [c.key, c.retired])).toEqual([['kidney/b', 1]]);
		expect(plan.add).toEqual([]);

		const afterRetire: StoredCard[] = stored.map((c) => (c.id === 'b' ? { ...c, retired: 1 } : c));
		// Still gone: not retired twice.
		expect(planSync(DECK, afterRetire, [card('a'), card('c')]).retire).toEqual([]);
		const back = planSync(DECK, afterRetire, A);
		expect(back.revive.map((c) => [c.key, c.retired])).toEqual([['kidney/b', 0]]);
		expect(back.add).toEqual([]);
	});

	it('keys cards by deck so the same id in two decks never clashes', () => {
		expect(cardKey('kidney', 'a')).not.toBe(cardKey('liver', 'a'));
		const plan = planSync('liver', toStored(DECK, A), [card('a')]);
		expect(plan.add.map((c) => c.key)).toEqual(['liver/a']);
	});
});

describe('fingerprint', () => {
	it('is stable for the same text and changes with any edit', () => {
		expect(fingerprint('deck', 'source')).toBe(fingerprint('deck', 'source'));
		expect(fingerprint('deck', 'source')).not.toBe(fingerprint('deck', 'sourcE'));
		expect(fingerprint('deck', 'source')).toMatch(/^[0-9a-f]{8}$/);
	});

	it('tells apart the same text split differently between parts', () => {
		expect(fingerprint('ab', 'c')).not.toBe(fingerprint('a', 'bc'));
	});
});
