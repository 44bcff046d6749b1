// The review log is the truth: a card's schedule is what replaying its answers through FSRS gives.

import { newSchedule, type Scheduler } from './schedule.ts';
import type { RatingValue, Schedule } from './model.ts';

export interface LoggedAnswer {
	id: string;
	at: number;
	rating: RatingValue;
}

/** Answers in the order they were given (ties, as from two devices at the same millisecond, by id). */
export function answerOrder(a: LoggedAnswer, b: LoggedAnswer): number {
	return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Replays a card's answers from a new card. Returns the schedule after the last one and each
 * step's before/after, so a rebuilt log agrees with the rebuilt state.
 */
export function replay(scheduler: Scheduler, cardKey: string, answers: readonly LoggedAnswer[]): { schedule: Schedule; steps: { before: Schedule; after: Schedule; elapsedDays: number }[] } {
	const sorted = [...answers].sort(answerOrder);
	let schedule = newSchedule(sorted[0]?.at ?? 0);
	const steps: { before: Schedule; after: Schedule; elapsedDays: number }[] = [];
	for (const a of sorted) {
		const graded = scheduler.grade(cardKey, schedule, a.rating, a.at);
		steps.push({ before: schedule, after: graded.schedule, elapsedDays: graded.elapsedDays });
		schedule = graded.schedule;
	}
	return { schedule, steps };
}

const FIELDS = ['state', 'reps', 'lapses', 'lastReview', 'due', 'scheduledDays', 'learningSteps'] as const;

/** Where two schedules differ, as "field: stored → replayed" phrases ([] when they agree). */
export function scheduleDifferences(stored: Schedule, replayed: Schedule): string[] {
	const out: string[] = [];
	for (const f of FIELDS) if (stored[f] !== replayed[f]) out.push(`${f}: ${String(stored[f])} → ${String(replayed[f])}`);
	for (const f of ['stability', 'difficulty'] as const) {
		if (Math.abs(stored[f] - replayed[f]) > 1e-9 * Math.max(1, Math.abs(replayed[f]))) out.push(`${f}: ${stored[f]} → ${replayed[f]}`);
	}
	return out;
}
