// The committed fixture log (fixtures/log.json) read as review-log rows, for tests and the
// reference script alike, so both build exactly the same items.

import type { RatingValue } from '../model.ts';
import { DAY, MINUTE } from '../time.ts';
import type { LoggedReview } from './items.ts';

export interface FixtureLog {
	trueParameters: number[];
	/** [card, day, minute of the day, rating, seconds] */
	answers: number[][];
}

/** Day 0 of the fixture: a fixed Monday (the time only orders answers and never matters). */
export const FIXTURE_START = Date.UTC(2025, 0, 6, 4);

export function fixtureRows(log: FixtureLog, limit = Infinity): LoggedReview[] {
	return log.answers.slice(0, limit).map(([card, day, minute, rating], i) => ({ id: `r${i}`, cardKey: `c${card}`, day: day!, at: FIXTURE_START + day! * DAY + minute! * MINUTE, rating: rating as RatingValue }));
}
