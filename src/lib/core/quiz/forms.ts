// The question forms by name: a list with no dependencies, for the modules that only need to
// know which forms exist (the backup format's validation, settings, Browse).

export type QuizMode = 'flip' | 'choice' | 'typed' | 'mixed';
export type QuizForm = 'flip' | 'choice' | 'typed' | 'list' | 'order' | 'select';
export const QUIZ_MODES: readonly QuizMode[] = ['flip', 'choice', 'typed', 'mixed'];
/** Every form a review row may record. */
export const QUIZ_FORMS: readonly QuizForm[] = ['flip', 'choice', 'typed', 'list', 'order', 'select'];
export const QUIZ_MODE_NAMES: Record<QuizMode, string> = { flip: 'Flip', choice: 'Multiple choice', typed: 'Typed', mixed: 'Mixed' };
export const QUIZ_FORM_NAMES: Record<QuizForm, string> = { flip: 'Flip', choice: 'Multiple choice', typed: 'Typed', list: 'List recall', order: 'Ordering', select: 'Select all that apply' };

/**
 * Whether a card is a flip card whatever else could be built for it: in Flip mode, an Anki HTML
 * card (unless it is a type-in card), or a new card in Mixed mode (met as a flip card before it is tested). Needs no grader.
 */
export function alwaysFlip(mode: QuizMode, card: { format?: 'html'; typeIn?: string }, schedule: { state: number }): boolean {
	// (A card whose note type asks for the answer to be typed never is: it is typed in every mode.)
	if (card.typeIn) return false;
	return mode === 'flip' || card.format === 'html' || (mode === 'mixed' && schedule.state === 0);
}
