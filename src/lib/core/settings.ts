// Study settings: their defaults and the one validator every entry point uses.

import { QUIZ_MODES, type QuizMode } from './quiz/forms.ts';
import { PARAMETER_BOUNDS, PARAMETER_COUNT } from './schedule.ts';

export interface StudySettings {
	/** Target probability of recalling a card when it comes due (FSRS request_retention). */
	desiredRetention: number;
	newPerDay: number;
	maxReviewsPerDay: number;
	/** Learning steps such as ['1m', '10m']; an empty list lets FSRS schedule from the first answer. */
	learningSteps: string[];
	relearningSteps: string[];
	/** Longest interval FSRS may give, in days. */
	maximumInterval: number;
	/** Spread intervals a little so cards learned together don't stay together (seeded per card). */
	fuzz: boolean;
	/** Local hour (0–23) at which a new study day begins. */
	dayStartHour: number;
	/** How cards are asked: flip, multiple choice, typed, or mixed (each card in the form that suits it). */
	quizMode: QuizMode;
	/** The FSRS-6 parameters fitted to this learner's review log (21 numbers); null: FSRS's defaults. */
	parameters: number[] | null;
	/** The set in use before the last one was applied (null: the defaults), so applying can be undone. */
	previousParameters: number[] | null;
	/** Exam dates by deck id: until `at` (when the exam's study day begins), cards are kept at `target` recall. */
	exams: Record<string, Exam>;
}

export interface Exam {
	at: number;
	target: number;
	/** The decks it covers: the deck and the subdecks under it when the date was set (absent: the deck alone). */
	decks?: string[];
}

export const DEFAULT_SETTINGS: StudySettings = {
	desiredRetention: 0.9,
	newPerDay: 20,
	maxReviewsPerDay: 200,
	learningSteps: ['1m', '10m'],
	relearningSteps: ['10m'],
	maximumInterval: 36500,
	fuzz: true,
	dayStartHour: 4,
	quizMode: 'mixed',
	parameters: null,
	previousParameters: null,
	exams: {}
};

export type SettingsProblems = Partial<Record<keyof StudySettings, string>>;

// Whole numbers only: ts-fsrs reads a step's number as an integer, so "1.5h" would not mean 90 minutes.
const STEP = /^([1-9]\d*)(m|h|d)$/;

/** Parses "1m 10m" (spaces or commas) into ['1m', '10m']; null when a step is not understood. */
export function parseSteps(text: string): string[] | null {
	const parts = text.split(/[\s,]+/).filter(Boolean);
	for (const p of parts) {
		if (!STEP.test(p)) return null;
	}
	return parts;
}

export function formatSteps(steps: readonly string[]): string {
	return steps.join(' ');
}

/**
 * Why a value is not an FSRS-6 parameter set ('' when it is one): 21 numbers, each within the
 * range the optimiser keeps it in.
 */
export function parametersProblem(v: unknown): string {
	if (!Array.isArray(v) || v.length !== PARAMETER_COUNT) return `FSRS parameters are a list of ${PARAMETER_COUNT} numbers${Array.isArray(v) ? ` (this one has ${v.length})` : ''}.`;
	for (const [i, x] of v.entries()) {
		const [lo, hi] = PARAMETER_BOUNDS[i]!;
		// The optimiser's output is rounded to six decimals, which may step a hair past a bound.
		if (typeof x !== 'number' || !Number.isFinite(x) || x < lo - 1e-6 || x > hi + 1e-6) return `FSRS parameter w${i} must be a number from ${lo} to ${hi}${typeof x === 'number' ? ` (it is ${x})` : ''}.`;
	}
	return '';
}

function isInt(v: unknown, min: number, max: number): v is number {
	return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

/**
 * Checks a candidate settings object field by field. Returns the settings when every field is
 * valid, otherwise the problems keyed by field (each a sentence the learner can act on).
 */
export function validateSettings(input: Partial<Record<keyof StudySettings, unknown>>): { ok: true; settings: StudySettings } | { ok: false; problems: SettingsProblems } {
	const s = { ...DEFAULT_SETTINGS, ...input } as Record<keyof StudySettings, unknown>;
	const problems: SettingsProblems = {};
	if (typeof s.desiredRetention !== 'number' || !(s.desiredRetention >= 0.7 && s.desiredRetention <= 0.99)) {
		problems.desiredRetention = 'Desired retention must be between 0.70 and 0.99.';
	}
	if (!isInt(s.newPerDay, 0, 9999)) problems.newPerDay = 'New cards per day must be a whole number from 0 to 9999.';
	if (!isInt(s.maxReviewsPerDay, 0, 99999)) problems.maxReviewsPerDay = 'Maximum reviews per day must be a whole number from 0 to 99999.';
	for (const key of ['learningSteps', 'relearningSteps'] as const) {
		const v = s[key];
		if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !STEP.test(x))) {
			problems[key] = 'Steps are whole numbers of minutes, hours or days such as "1m 10m" or "1h 1d", separated by spaces.';
		}
	}
	if (!isInt(s.maximumInterval, 1, 36500)) problems.maximumInterval = 'Maximum interval must be a whole number of days from 1 to 36500.';
	if (typeof s.fuzz !== 'boolean') problems.fuzz = 'Fuzz is either on or off.';
	if (!isInt(s.dayStartHour, 0, 23)) problems.dayStartHour = 'The study day starts at a whole hour from 0 to 23.';
	if (!(QUIZ_MODES as readonly unknown[]).includes(s.quizMode)) problems.quizMode = 'The question form is Flip, Multiple choice, Typed or Mixed.';
	const exams = s.exams;
	if (typeof exams !== 'object' || exams === null || Array.isArray(exams)) problems.exams = 'Exam dates are a list of decks with a date and a target.';
	else
		for (const [deck, e] of Object.entries(exams as Record<string, unknown>)) {
			const x = e as Partial<Exam> | null;
			if (!x || typeof x.at !== 'number' || !Number.isFinite(x.at) || x.at < 0 || x.at > 8.64e15) problems.exams = `The exam date of deck "${deck}" is not a date.`;
			else if (typeof x.target !== 'number' || !(x.target >= 0.7 && x.target <= 0.99)) problems.exams = `The exam target of deck "${deck}" must be a recall between 0.70 and 0.99.`;
			else if (x.decks !== undefined && (!Array.isArray(x.decks) || x.decks.length > 10_000 || !x.decks.every((d) => typeof d === 'string' && d.length > 0 && d.length <= 200))) problems.exams = `The exam of deck "${deck}" names its decks wrongly.`;
		}
	for (const key of ['parameters', 'previousParameters'] as const) {
		const problem = s[key] === null ? '' : parametersProblem(s[key]);
		if (problem) problems[key] = problem;
	}
	if (Object.keys(problems).length) return { ok: false, problems };
	const settings = {} as Record<keyof StudySettings, unknown>;
	for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof StudySettings)[]) settings[key] = s[key];
	return { ok: true, settings: settings as unknown as StudySettings };
}

/** The settings form's fields, as the inputs hold them. */
export interface SettingsForm {
	desiredRetention: string;
	newPerDay: string;
	maxReviewsPerDay: string;
	learningSteps: string;
	relearningSteps: string;
	maximumInterval: string;
	fuzz: boolean;
	dayStartHour: string;
	quizMode: QuizMode;
}

export function toForm(s: StudySettings): SettingsForm {
	return {
		desiredRetention: String(s.desiredRetention),
		newPerDay: String(s.newPerDay),
		maxReviewsPerDay: String(s.maxReviewsPerDay),
		learningSteps: formatSteps(s.learningSteps),
		relearningSteps: formatSteps(s.relearningSteps),
		maximumInterval: String(s.maximumInterval),
		fuzz: s.fuzz,
		dayStartHour: String(s.dayStartHour),
		quizMode: s.quizMode
	};
}

function num(text: string): number {
	// "1,000" and "1 000" are thousands; a single "0,9" is a decimal comma.
	const t = text
		.trim()
		.replace(/^(\d{1,3})((?:[, ]\d{3})+)$/, (_, head: string, rest: string) => head + rest.replace(/[, ]/g, ''))
		.replace(',', '.');
	return t === '' ? NaN : Number(t);
}

/** Prepares a save: the form's text turned into settings (the rest kept from `base`), or a problem per field. */
export function fromForm(form: SettingsForm, base: StudySettings = DEFAULT_SETTINGS): ReturnType<typeof validateSettings> {
	const steps = (t: string) => parseSteps(t) ?? [t];
	return validateSettings({
		...base,
		desiredRetention: num(form.desiredRetention),
		newPerDay: num(form.newPerDay),
		maxReviewsPerDay: num(form.maxReviewsPerDay),
		learningSteps: steps(form.learningSteps),
		relearningSteps: steps(form.relearningSteps),
		maximumInterval: num(form.maximumInterval),
		fuzz: form.fuzz,
		dayStartHour: num(form.dayStartHour),
		quizMode: form.quizMode
	});
}
