// What `cards check` asks of a card's Accept: and Distractors: entries, over the same grader the
// app uses: an accepted wording must say something, and an authored distractor must be wrong.

import type { CardContent } from '../model.ts';
import { analyze } from './normalize.ts';
import { expectedAnswer } from './choice.ts';
import type { GradeContext } from './glossary.ts';
import { gradePrepared, prepareAnswer } from './typed.ts';

export interface QuizFieldProblem {
	card: string;
	field: 'Accept' | 'Distractors';
	entry: string;
	message: string;
}

/** Problems with the cards' accepted wordings and authored distractors. */
export function checkQuizFields(cards: CardContent[], ctx: GradeContext): QuizFieldProblem[] {
	const out: QuizFieldProblem[] = [];
	for (const card of cards) {
		for (const entry of card.accept ?? []) {
			const content = analyze(entry, ctx.lexicon).tokens.filter((t) => t.kind !== 'light' && t.kind !== 'order');
			if (!content.length) out.push({ card: card.id, field: 'Accept', entry, message: `card "${card.id}": the Accept: entry ${JSON.stringify(entry)} has no content: it would accept an empty answer` });
		}
		const rights = card.kind === 'list' || card.kind === 'steps' ? card.items : [expectedAnswer(card)];
		const prepared = rights.map((r) => prepareAnswer(r, { question: card.kind === 'list' || card.kind === 'steps' ? '' : card.question, accept: card.kind === 'list' || card.kind === 'steps' ? [] : card.accept, ctx }));
		for (const entry of card.distractors ?? []) {
			for (const [k, p] of prepared.entries()) {
				const r = gradePrepared(entry, p);
				if (r.verdict === 'right' || r.verdict === 'close') {
					const what = card.kind === 'list' || card.kind === 'steps' ? `the item ${JSON.stringify(rights[k])}` : 'the answer';
					out.push({ card: card.id, field: 'Distractors', entry, message: `card "${card.id}": the distractor ${JSON.stringify(entry)} is graded ${r.verdict === 'right' ? 'right' : 'as possibly right'} for ${what}: a learner who picks it would be marked wrong for a right answer` });
					break;
				}
			}
		}
	}
	return out;
}
