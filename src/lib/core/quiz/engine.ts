// Everything a quiz needs beyond a flip card, in one module the study screen loads on demand: a
// first session of new cards (flipped first) never loads the grader, and the first card shows
// before it arrives.

export { buildChoice, buildSelect, choicePool, expectedAnswer, prepareDeck, type ChoicePool, type ChoiceQuestion, type SelectOption } from './choice.ts';
export { gradeContext, type GradeContext } from './glossary.ts';
export { chooseForm, proposeRating, typicalTime } from './form.ts';
export { gradePrepared, prepareAnswer, type PreparedAnswer } from './typed.ts';
export { scoreOrder, scorePicks, scoreTypedList, shuffledSteps } from './recall.ts';

export type QuizEngine = typeof import('./engine.ts');
