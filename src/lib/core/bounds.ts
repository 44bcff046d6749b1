// The ranges a value must lie in when it enters from a file (a backup, an Anki package, a CSV):
// checked where it enters, so an absurd number never reaches a schedule. Each check returns ''
// when the value is fine, or the reason in words.

import { DAY } from './time.ts';
import { FsrsState, type Schedule } from './model.ts';

/** No study app's history is older than this. */
export const EARLIEST_TIME = Date.UTC(1990, 0, 1);
/** How far past the device's clock a recorded answer may lie (another device's clock ran ahead). */
export const FUTURE_SLACK_MS = 30 * DAY;
/** FSRS's longest interval (ts-fsrs' maximum), in days. */
export const MAX_INTERVAL_DAYS = 36_500;
/** FSRS's stability bounds (days) and difficulty bounds, as ts-fsrs clamps them. */
export const STABILITY_MIN = 0.001;
export const STABILITY_MAX = 36_500;
export const DIFFICULTY_MIN = 1;
export const DIFFICULTY_MAX = 10;
/** The longest answer time DocDeck records (an answer left on screen counts as this long). */
export const MAX_ANSWER_MS = 60_000;
/** Day numbers are days since 1970: anything in the supported times fits comfortably. */
export const MAX_DAY = 200_000;
export const MAX_COUNT = 1_000_000;

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A moment in the past (or at most a month ahead of `now`), as epoch milliseconds. */
export function timeProblem(v: unknown, now: number): string {
	if (typeof v !== 'number' || !Number.isFinite(v)) return `${JSON.stringify(v ?? null)} is not a time`;
	if (v < EARLIEST_TIME) return `${v} is before 1990`;
	if (v > now + FUTURE_SLACK_MS) return `${Number.isSafeInteger(v) && v < 8.64e15 ? iso(v) : v} is in the future (today is ${iso(now)}): was that device's clock wrong?`;
	return '';
}

/** A whole number in [lo, hi]. */
export function intProblem(v: unknown, lo: number, hi: number): string {
	if (typeof v !== 'number' || !Number.isInteger(v)) return `${JSON.stringify(v ?? null)} is not a whole number`;
	if (v < lo || v > hi) return `${v} is not between ${lo} and ${hi}`;
	return '';
}

/** A number in [lo, hi]. */
export function numberProblem(v: unknown, lo: number, hi: number): string {
	if (typeof v !== 'number' || !Number.isFinite(v)) return `${JSON.stringify(v ?? null)} is not a number`;
	if (v < lo || v > hi) return `${v} is not between ${lo} and ${hi}`;
	return '';
}

/**
 * A stored FSRS schedule: every field in range and the fields consistent with each other (a new
 * card has no stability, difficulty or last review; a studied card has all three, and is due no
 * earlier than it was last reviewed nor later than the longest interval after it). Returns the
 * first problem as "field: reason", or ''.
 */
export function scheduleProblem(s: Record<string, unknown>, now: number): string {
	const state = s.state;
	if (typeof state !== 'number' || !Number.isInteger(state) || state < 0 || state > 3) return `state: ${JSON.stringify(state ?? null)} is not an FSRS state (0–3)`;
	const checks: [string, string][] = [
		['reps', intProblem(s.reps, 0, MAX_COUNT)],
		['lapses', intProblem(s.lapses, 0, MAX_COUNT)],
		['learningSteps', intProblem(s.learningSteps, 0, 1000)],
		['elapsedDays', numberProblem(s.elapsedDays, 0, MAX_DAY)],
		['scheduledDays', numberProblem(s.scheduledDays, 0, MAX_DAY)]
	];
	for (const [f, p] of checks) if (p) return `${f}: ${p}`;
	if ((s.lapses as number) > (s.reps as number)) return `lapses: ${String(s.lapses)} is more than its ${String(s.reps)} repetitions`;
	if (state === FsrsState.New) {
		for (const f of ['stability', 'difficulty'] as const) {
			const p = numberProblem(s[f], 0, f === 'stability' ? STABILITY_MAX : DIFFICULTY_MAX);
			if (p) return `${f}: ${p}`;
		}
		if (s.lastReview !== null) {
			const p = timeProblem(s.lastReview, now);
			if (p) return `lastReview: ${p}`;
		}
		const due = timeProblem(s.due, now);
		return due ? `due: ${due}` : '';
	}
	const st = numberProblem(s.stability, STABILITY_MIN, STABILITY_MAX);
	if (st) return `stability: ${st}`;
	const df = numberProblem(s.difficulty, DIFFICULTY_MIN, DIFFICULTY_MAX);
	if (df) return `difficulty: ${df}`;
	const last = timeProblem(s.lastReview, now);
	if (last) return `lastReview: ${s.lastReview === null ? 'a studied card must have a last review' : last}`;
	const lastReview = s.lastReview as number;
	const due = numberProblem(s.due, lastReview, lastReview + (MAX_INTERVAL_DAYS + 1) * DAY);
	if (due) return `due: ${typeof s.due === 'number' && Number.isFinite(s.due) ? `${s.due} is not within the longest interval after its last review` : due}`;
	return '';
}

/** A schedule every field of which is usable (the scheduler's own output is checked with this). */
export function isSoundSchedule(s: Schedule): boolean {
	return [s.due, s.stability, s.difficulty, s.elapsedDays, s.scheduledDays, s.reps, s.lapses].every(Number.isFinite) && (s.lastReview === null || Number.isFinite(s.lastReview));
}
