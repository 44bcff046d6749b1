// Which question form a card is asked in, and which rating a result proposes.

import type { CardContent, RatingValue, Schedule } from '../model.ts';
import { FILLER, tokens } from './normalize.ts';
import type { Verdict } from './typed.ts';

export type QuizMode = 'flip' | 'choice' | 'typed' | 'mixed';
export type QuizForm = 'flip' | 'choice' | 'typed' | 'list' | 'order';
export const QUIZ_MODES: readonly QuizMode[] = ['flip', 'choice', 'typed', 'mixed'];
export const QUIZ_MODE_NAMES: Record<QuizMode, string> = { flip: 'Flip', choice: 'Multiple choice', typed: 'Typed', mixed: 'Mixed' };
export const QUIZ_FORM_NAMES: Record<QuizForm, string> = { flip: 'Flip', choice: 'Multiple choice', typed: 'Typed', list: 'List recall', order: 'Ordering' };

/** Short enough to type: a term, a number, a few words. */
export function typeable(answer: string): boolean {
	return tokens(answer.replace(/\([^)]*\)/g, ' ')).filter((t) => !FILLER.has(t.norm)).length <= 6;
}

/**
 * The form for a card. `choiceReady` says whether a multiple-choice question could be built.
 * Mixed: a new card is first seen as a flip card; lists are recalled, chains ordered; short
 * answers are typed, longer ones chosen.
 */
export function chooseForm(mode: QuizMode, card: CardContent, schedule: Schedule, choiceReady: boolean): QuizForm {
	// A card whose note type asks for the answer to be typed (Anki's {{type:…}}) is always typed.
	if (card.typeIn) return 'typed';
	if (mode === 'flip' || card.format === 'html') return 'flip';
	// Mixed: a card is first met as a flip card, to learn it before being tested on it.
	if (mode === 'mixed' && schedule.state === 0) return 'flip';
	if (card.kind === 'steps') return card.items.length >= 3 ? 'order' : 'flip';
	if (mode === 'choice') return choiceReady ? 'choice' : card.kind === 'list' ? 'list' : 'flip';
	if (card.kind === 'list') return 'list';
	const answer = card.answer;
	if (mode === 'typed') return typeable(answer) || card.kind === 'cloze' ? 'typed' : choiceReady ? 'choice' : 'flip';
	// mixed
	if (card.kind === 'cloze' || typeable(answer)) return 'typed';
	return choiceReady ? 'choice' : 'flip';
}

/**
 * The rating a result proposes: wrong → Again; partly right or helped by a hint → Hard; right →
 * Good; right and clearly faster than the learner's own typical time for this kind → Easy.
 */
export function proposeRating(verdict: Verdict, opts: { hinted?: boolean; durationMs?: number; typicalMs?: number | null } = {}): RatingValue {
	if (verdict === 'wrong') return 1;
	if (verdict === 'partly' || opts.hinted) return 2;
	if (opts.typicalMs && opts.durationMs !== undefined && opts.durationMs < opts.typicalMs * 0.6) return 4;
	return 3;
}

/** The learner's typical time: the median of their recent right answers (null with fewer than five). */
export function typicalTime(durations: number[]): number | null {
	if (durations.length < 5) return null;
	const s = [...durations].sort((a, b) => a - b);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
