// The wrong options and accepted wordings the shipped decks' authors wrote (Distractors:, Accept:)
// hold to the rules a multiple-choice question needs: enough of them, none the grader would take
// as right, and nothing in their shape that points at the key. A near neighbour the grader calls
// "partly" (steroid-resistant for steroid-dependent) is what a good distractor is, so only "right"
// counts against one.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseDeck } from '../deck-file.ts';
import { extractBlank } from './choice.ts';
import { gradeTyped } from './typed.ts';
import { analyze } from './normalize.ts';
import type { CardContent } from '../model.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const CARDS = path.join(ROOT, 'cards');
const decks = readdirSync(CARDS)
	.filter((d) => existsSync(path.join(CARDS, d, 'deck.md')))
	.map((d) =>
		parseDeck({
			deckFile: `cards/${d}/deck.md`,
			deckText: readFileSync(path.join(CARDS, d, 'deck.md'), 'utf8'),
			sourceFile: `cards/${d}/source.md`,
			sourceText: readFileSync(path.join(CARDS, d, 'source.md'), 'utf8')
		})
	);

/** The right answers a distractor must differ from: the answer (or the cloze blank), its accepted wordings, a list's items. */
function rightOnes(card: CardContent): string[] {
	const clean = (t: string) => t.replace(/\.$/, '').trim();
	if (card.kind === 'list' || card.kind === 'steps') return card.items.map(clean);
	const key = card.kind === 'cloze' ? extractBlank(card.question, card.answer) : card.answer;
	return [clean(key ?? card.answer), ...(card.accept ?? []).map(clean)];
}

const first = (t: string) => t.trim().charAt(0);
const bare = (t: string) => t.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
const quantities = (t: string) => analyze(bare(t)).tokens.filter((x) => x.kind === 'quantity');
/** The units of a text's numbers, by what they measure ("14 days" and "3 weeks" are both time). */
const units = (t: string) =>
	quantities(t)
		.map((q) => (q.dim ? q.raw.replace(/^[\d.,–\s-]+/, '').replace(/\s*(or|and)\s+\w+$/, '').toLowerCase().replace(/s$/, '') : ''))
		.sort()
		.join(' ');
const hasNumber = (t: string) => quantities(t).length > 0;
/** "14 days", "two or more": a key that is a number, whose options must be numbers in the same unit. */
const isNumberKey = (t: string) => hasNumber(t) && analyze(bare(t)).tokens.filter((x) => x.kind !== 'light').length <= 4;

/** What is wrong with one card's authored options, in words; [] when nothing is. */
export function optionProblems(card: CardContent): string[] {
	const problems: string[] = [];
	const distractors = card.distractors ?? [];
	const right = rightOnes(card);
	if (distractors.length && distractors.length < 3) problems.push(`only ${distractors.length} distractor(s): a choice needs three`);
	for (const d of distractors) {
		const taken = right.find((r) => gradeTyped(d, r).verdict === 'right' || gradeTyped(r, d).verdict === 'right');
		if (taken) problems.push(`"${d}" would be graded as right against "${taken}"`);
	}
	if (card.kind === 'basic' || card.kind === 'cloze') {
		const key = right[0]!;
		for (const d of distractors) {
			const ratio = bare(d).length / bare(key).length;
			if (ratio < 0.5 || ratio > 2) problems.push(`"${d}" is ${ratio < 1 ? 'much shorter' : 'much longer'} than the key "${key}"`);
			if ((first(d) === first(d).toUpperCase()) !== (first(key) === first(key).toUpperCase())) problems.push(`"${d}" is capitalised unlike the key "${key}"`);
			if (isNumberKey(key) && (!hasNumber(d) || units(d) !== units(key))) problems.push(`"${d}" is not a number with the same unit as the key "${key}"`);
		}
	}
	return problems;
}

describe('authored distractors and accepted answers in the shipped decks', () => {
	for (const deck of decks) {
		it(`${deck.deck.id}: every card's options are fit to offer`, () => {
			expect(deck.problems).toEqual([]);
			const found = deck.cards.flatMap((c) => optionProblems(c).map((p) => `${c.id}: ${p}`));
			expect(found).toEqual([]);
		});
	}

	it('catches an option the grader takes as right, a lone distractor, a tell of length or case, a number without its unit', () => {
		const card: CardContent = { id: 'x', kind: 'basic', question: 'Which protein?', answer: 'Antithrombin III (AT-III).', items: [], explanation: '', section: 'S', passage: 'p' };
		expect(optionProblems({ ...card, distractors: ['Protein C', 'Antithrombin', 'Protein S'] })).toEqual(['"Antithrombin" would be graded as right against "Antithrombin III (AT-III)"']);
		expect(optionProblems({ ...card, distractors: ['Protein C', 'Protein S'] })).toEqual(['only 2 distractor(s): a choice needs three']);
		expect(optionProblems({ ...card, distractors: ['PC', 'Protein S', 'heparin cofactor II'] })).toEqual([
			'"PC" is much shorter than the key "Antithrombin III (AT-III)"',
			'"heparin cofactor II" is capitalised unlike the key "Antithrombin III (AT-III)"'
		]);
		const days: CardContent = { ...card, answer: '14 days' };
		expect(optionProblems({ ...days, distractors: ['7 days', '21 days', '3 weeks'] })).toEqual(['"3 weeks" is not a number with the same unit as the key "14 days"']);
		const list: CardContent = { ...card, kind: 'list', answer: 'x', items: ['Plasminogen is lost in the urine', 'PAI activity rises'] };
		expect(optionProblems({ ...list, distractors: ['plasminogen lost in urine', 'Fibrinogen rises', 'Factor VIII rises'] })).toEqual([
			'"plasminogen lost in urine" would be graded as right against "Plasminogen is lost in the urine"'
		]);
	});
});
