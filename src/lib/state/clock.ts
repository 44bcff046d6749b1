// The real clock, read in this one place: state classes take the time from here, and pass it down
// as `now` (core never reads a clock; tests give their own).

import type { Clock } from '$lib/db/study';

/** The time now, in epoch milliseconds. */
export function timeNow(): number {
	return Date.now();
}

/** The time now with the device's offset from UTC, as the study day needs it. */
export function clock(): Clock {
	const t = timeNow();
	return { now: t, utcOffsetMinutes: -new Date(t).getTimezoneOffset() };
}
