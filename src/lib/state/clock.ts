// The real clock, read in one place so the layers below can be given `now`.

import type { Clock } from '$lib/db/study';

export function clock(): Clock {
	const now = Date.now();
	return { now, utcOffsetMinutes: -new Date(now).getTimezoneOffset() };
}
