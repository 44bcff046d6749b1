// The only importer of ts-fsrs. Everything else speaks our own Schedule (plain numbers, camelCase)
// and passes `now` in, so this file is where ts-fsrs' snake_case and its coming changes stay.

import { fsrs, createEmptyCard, clipParameters, computeDecayFactor, default_w, CLAMP_PARAMETERS, W17_W18_Ceiling, GenSeedStrategyWithCardId, StrategyMode, type Card as FsrsCard, type Grade, type StepUnit } from 'ts-fsrs';
import { FsrsState, RATINGS, type FsrsStateValue, type RatingValue, type Schedule } from './model.ts';
import type { StudySettings } from './settings.ts';

import { DAY, HOUR, MINUTE } from './time.ts';
import { isSoundSchedule } from './bounds.ts';
export { DAY, HOUR, MINUTE };

/** What a grade would do to a card. */
export interface Outcome {
	schedule: Schedule;
	/** Time from `now` until the card is due again. */
	intervalMs: number;
}

export interface Graded extends Outcome {
	/** Whole days since the card's previous review (0 for a first review). */
	elapsedDays: number;
}

export type SchedulerOptions = Pick<StudySettings, 'desiredRetention' | 'maximumInterval' | 'learningSteps' | 'relearningSteps' | 'fuzz'> & {
	/** The learner's own FSRS-6 parameters (21 numbers); absent or null: FSRS-6's defaults. */
	parameters?: readonly number[] | null;
	/** Exam dates by deck id (a card's key begins with its deck id and "/"). */
	exams?: StudySettings['exams'];
};

/** How many parameters an FSRS-6 set has. */
export const PARAMETER_COUNT = 21;

/** FSRS-6's default parameters: what every learner starts with. */
export const DEFAULT_PARAMETERS: readonly number[] = Object.freeze([...default_w]);

/** The range FSRS keeps each parameter in (the optimiser's clipping bounds), as [low, high]. */
export const PARAMETER_BOUNDS: readonly (readonly [number, number])[] = Object.freeze(CLAMP_PARAMETERS(W17_W18_Ceiling, true).map(([lo, hi]) => Object.freeze([lo!, hi!] as const)));

export class ScheduleError extends Error {
	override name = 'ScheduleError';
}

/** The schedule of a card nobody has studied yet. */
export function newSchedule(now: number): Schedule {
	return fromFsrs(createEmptyCard(new Date(now)));
}

function toFsrs(cardId: string, s: Schedule): FsrsCard & { card_id: string } {
	return {
		card_id: cardId,
		due: new Date(s.due),
		stability: s.stability,
		difficulty: s.difficulty,
		elapsed_days: s.elapsedDays,
		scheduled_days: s.scheduledDays,
		learning_steps: s.learningSteps,
		reps: s.reps,
		lapses: s.lapses,
		state: s.state,
		last_review: s.lastReview === null ? undefined : new Date(s.lastReview)
	};
}

function fromFsrs(c: FsrsCard): Schedule {
	return {
		due: c.due.getTime(),
		stability: c.stability,
		difficulty: c.difficulty,
		elapsedDays: c.elapsed_days,
		scheduledDays: c.scheduled_days,
		learningSteps: c.learning_steps,
		reps: c.reps,
		lapses: c.lapses,
		state: c.state as number as FsrsStateValue,
		lastReview: c.last_review ? c.last_review.getTime() : null
	};
}

/** ts-fsrs' own errors (an invalid memory state) surface as ours, with its reason. */
function fsrsCall<T>(work: () => T): T {
	try {
		return work();
	} catch (e) {
		if (e instanceof ScheduleError) throw e;
		throw new ScheduleError(`the card's schedule cannot be graded (${e instanceof Error ? e.message : String(e)})`);
	}
}

export interface Scheduler {
	/** The outcome of each of the four grades, for the buttons' interval labels. */
	preview(cardId: string, schedule: Schedule, now: number): Record<RatingValue, Outcome>;
	grade(cardId: string, schedule: Schedule, rating: RatingValue, now: number): Graded;
}

/**
 * A scheduler for the given settings. Fuzz, when on, is seeded by the card id and its repetition
 * count, so the same card answered the same way gets the same interval on every device and test.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
	const f = fsrs({
		request_retention: options.desiredRetention,
		maximum_interval: options.maximumInterval,
		enable_fuzz: options.fuzz,
		enable_short_term: true,
		learning_steps: options.learningSteps as StepUnit[],
		relearning_steps: options.relearningSteps as StepUnit[],
		w: options.parameters ? [...options.parameters] : [...default_w]
	}).useStrategy(StrategyMode.SEED, GenSeedStrategyWithCardId('card_id'));

	/**
	 * The time to schedule from. A device clock can be behind the card's last answer (a clock set
	 * back, or history merged from a device whose clock ran ahead); ts-fsrs refuses time running
	 * backwards, so such an answer counts as given at the last answer's time (no time elapsed).
	 */
	const at = (schedule: Schedule, now: number) => {
		if (!Number.isFinite(now)) throw new ScheduleError('the time of the answer is not a valid time');
		if (!Number.isFinite(schedule.due)) throw new ScheduleError('the card has no valid due time');
		if (!isSoundSchedule(schedule)) throw new ScheduleError('the card\'s schedule holds a value that is not a number');
		return schedule.lastReview !== null && now < schedule.lastReview ? schedule.lastReview : now;
	};

	const exams = Object.entries(options.exams ?? {});
	const model = exams.length ? memoryModel(options.parameters) : null;
	/**
	 * Before a deck's exam, a review card whose predicted recall on the exam day would fall below
	 * the target comes back once its recall falls to the target (never later than FSRS says).
	 */
	const forExam = (cardId: string, next: Schedule, t: number): Schedule => {
		if (!model || next.state !== FsrsState.Review) return next;
		const exam = exams.find(([deck, e]) => (e.decks ?? [deck]).some((d) => cardId.startsWith(`${d}/`)))?.[1];
		if (!exam || t >= exam.at || model.recall((exam.at - t) / DAY, next.stability) >= exam.target) return next;
		const days = Math.max(1, Math.floor(model.interval(next.stability, exam.target)));
		return days >= next.scheduledDays ? next : { ...next, scheduledDays: days, due: t + days * DAY };
	};

	return {
		preview(cardId, schedule, now) {
			const t = at(schedule, now);
			const preview = fsrsCall(() => f.repeat(toFsrs(cardId, schedule), new Date(t)));
			const out = {} as Record<RatingValue, Outcome>;
			for (const r of RATINGS) {
				const next = forExam(cardId, fromFsrs(preview[r as Grade].card), t);
				out[r] = { schedule: next, intervalMs: next.due - now };
			}
			return out;
		},
		grade(cardId, schedule, rating, now) {
			const t = at(schedule, now);
			if (!RATINGS.includes(rating)) throw new ScheduleError(`${String(rating)} is not a grade (1 Again, 2 Hard, 3 Good, 4 Easy)`);
			const { card } = fsrsCall(() => f.next(toFsrs(cardId, schedule), new Date(t), rating as Grade));
			const next = forExam(cardId, fromFsrs(card), t);
			// Never write a schedule that would take the card out of every queue.
			if (!isSoundSchedule(next)) throw new ScheduleError(`grading gave a schedule that is not a number (from stability ${schedule.stability}, difficulty ${schedule.difficulty})`);
			const elapsedDays = schedule.lastReview === null || schedule.state === FsrsState.New ? 0 : Math.floor((t - schedule.lastReview) / DAY);
			return { schedule: next, intervalMs: next.due - now, elapsedDays };
		}
	};
}

/** A card's memory as FSRS models it: stability in days, difficulty 1–10. */
export interface MemoryState {
	stability: number;
	difficulty: number;
}

/**
 * FSRS's memory model for one parameter set, without scheduling: what evaluation, statistics and
 * simulation need. Days are whole study days; 0 means the same day (FSRS's short-term step).
 */
export interface MemoryModel {
	/** The memory after an answer: from null for a card's first answer, else from the state before. */
	step(state: MemoryState | null, elapsedDays: number, rating: RatingValue): MemoryState;
	/** Probability of recall after `elapsedDays` at this stability (FSRS-6's power forgetting curve). */
	recall(elapsedDays: number, stability: number): number;
	/** Days (unrounded) after which recall falls to `retention`. */
	interval(stability: number, retention: number): number;
}

export function memoryModel(parameters?: readonly number[] | null): MemoryModel {
	const w = clipParameters([...(parameters ?? default_w)], 1, true);
	const f = fsrs({ w, enable_short_term: true });
	const { decay, factor } = computeDecayFactor(w);
	return {
		step: (state, elapsedDays, rating) => {
			const next = f.next_state(state, Math.max(0, elapsedDays), rating);
			return { stability: next.stability, difficulty: next.difficulty };
		},
		recall: (elapsedDays, stability) => f.forgetting_curve(Math.max(0, elapsedDays), stability),
		interval: (stability, retention) => (stability / factor) * (Math.pow(retention, 1 / decay) - 1)
	};
}

/** A short interval label as on the grade buttons: "<1m", "10m", "3h", "4d", "2.5mo", "1.2y". */
export function formatInterval(ms: number): string {
	if (ms < MINUTE) return '<1m';
	const minutes = Math.round(ms / MINUTE);
	if (minutes < 60) return `${minutes}m`;
	const hours = Math.round(ms / HOUR);
	if (hours < 24) return `${hours}h`;
	const days = Math.round(ms / DAY);
	if (days < 30) return `${days}d`;
	if (days < 365) return `${trim(days / 30)}mo`;
	return `${trim(days / 365)}y`;
}

function trim(n: number): string {
	return (Math.round(n * 10) / 10).toString();
}
