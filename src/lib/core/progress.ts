// Progress a learner notices: a session's summary and the streak of study days.

import type { RatingValue } from './model.ts';

/** Consecutive study days with at least one answer, ending today (or yesterday, while today has none yet). */
export function streak(studyDays: Iterable<number>, today: number): { current: number; longest: number; studiedToday: boolean } {
	const days = new Set(studyDays);
	const studiedToday = days.has(today);
	let current = 0;
	for (let d = studiedToday ? today : today - 1; days.has(d); d--) current++;
	let longest = 0;
	for (const d of days) {
		if (days.has(d - 1)) continue;
		let n = 0;
		while (days.has(d + n)) n++;
		longest = Math.max(longest, n);
	}
	return { current, longest, studiedToday };
}

/** What a study session did. */
export interface SessionSummary {
	answers: number;
	/** Different cards answered. */
	cards: number;
	/** Time spent answering (the recorded answer times). */
	ms: number;
	again: number;
}

export const EMPTY_SESSION: SessionSummary = { answers: 0, cards: 0, ms: 0, again: 0 };

/** The summary of a session's answers (undone ones already left out). */
export function summarize(answers: readonly { key: string; rating: RatingValue; durationMs: number }[]): SessionSummary {
	return {
		answers: answers.length,
		cards: new Set(answers.map((a) => a.key)).size,
		ms: answers.reduce((t, a) => t + a.durationMs, 0),
		again: answers.filter((a) => a.rating === 1).length
	};
}
