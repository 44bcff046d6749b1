// Which question form a card is asked in, and which rating a result proposes.

import type { CardContent, RatingValue, Schedule } from '../model.ts';
import { analyze } from './normalize.ts';
import type { Verdict } from './typed.ts';

import { alwaysFlip, type QuizForm, type QuizMode } from './forms.ts';

export { QUIZ_FORMS, QUIZ_FORM_NAMES, QUIZ_MODES, QUIZ_MODE_NAMES, type QuizForm, type QuizMode } from './forms.ts';

/** Short enough to type: a term, a number, a few words. */
export function typeable(answer: string): boolean {
	return analyze(answer.replace(/\([^)]*\)/g, ' ')).tokens.filter((t) => t.kind !== 'light').length <= 6;
}

/** What could be built for a card besides flip: a four-option question, a select-all-that-apply. */
export interface FormsReady {
	choice: boolean;
	select: boolean;
}

/**
 * The form for a card. Mixed: a new card is first seen as a flip card; lists are recalled (or,
 * where good wrong items exist, every other time asked as select-all-that-apply), chains ordered;
 * short answers are typed, longer ones chosen. A list card is never a single pick.
 */
export function chooseForm(mode: QuizMode, card: CardContent, schedule: Schedule, ready: FormsReady | boolean): QuizForm {
	const can: FormsReady = typeof ready === 'boolean' ? { choice: ready, select: false } : ready;
	// A card whose note type asks for the answer to be typed (Anki's {{type:…}}) is always typed.
	if (card.typeIn) return 'typed';
	if (alwaysFlip(mode, card, schedule)) return 'flip';
	if (card.kind === 'steps') return card.items.length >= 3 ? 'order' : 'flip';
	if (card.kind === 'list') {
		if (mode === 'choice') return can.select ? 'select' : 'list';
		if (mode === 'typed') return 'list';
		return can.select && schedule.reps % 2 === 1 ? 'select' : 'list';
	}
	const answer = card.answer;
	if (mode === 'choice') return can.choice ? 'choice' : 'flip';
	if (mode === 'typed') return typeable(answer) || card.kind === 'cloze' ? 'typed' : can.choice ? 'choice' : 'flip';
	// mixed
	if (card.kind === 'cloze' || typeable(answer)) return 'typed';
	return can.choice ? 'choice' : 'flip';
}

/**
 * The rating a result proposes: wrong → Again; partly right, close (the learner checks it) or
 * helped by a hint → Hard; right → Good; right and clearly faster than the learner's own typical
 * time for this kind → Easy.
 */
export function proposeRating(verdict: Verdict, opts: { hinted?: boolean; durationMs?: number; typicalMs?: number | null } = {}): RatingValue {
	if (verdict === 'wrong') return 1;
	if (verdict === 'partly' || verdict === 'close' || opts.hinted) return 2;
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
