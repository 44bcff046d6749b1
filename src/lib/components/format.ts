// Words and numbers as the screens show them.

import { FsrsState, Queue, type FsrsStateValue } from '$lib/core/model';
import type { StateRow } from '$lib/db/db';

const MIN = 60_000;

function time(t: number): string {
	return new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function sameLocalDay(a: number, b: number): boolean {
	return new Date(a).toDateString() === new Date(b).toDateString();
}

/** "at 16:40 (in 10 minutes)", "tomorrow at 04:00", "on Tue 3 Dec at 04:00". */
export function whenDue(at: number, now: number): string {
	if (at <= now) return 'now';
	const mins = Math.round((at - now) / MIN);
	if (mins < 60 && sameLocalDay(at, now)) return `at ${time(at)} (in ${mins <= 1 ? 'a minute' : `${mins} minutes`})`;
	if (sameLocalDay(at, now)) return `today at ${time(at)}`;
	if (sameLocalDay(at, now + 86_400_000)) return `tomorrow at ${time(at)}`;
	return `on ${new Date(at).toLocaleDateString([], { weekday: 'short', day: 'numeric', month: 'short' })} at ${time(at)}`;
}

export function dateTime(t: number): string {
	return new Date(t).toLocaleString([], { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export const STATE_NAMES: Record<FsrsStateValue, string> = {
	[FsrsState.New]: 'New',
	[FsrsState.Learning]: 'Learning',
	[FsrsState.Review]: 'Review',
	[FsrsState.Relearning]: 'Relearning'
};

/** A card's standing in one phrase, for the browse list. */
export function standing(state: StateRow | undefined, now: number): string {
	if (!state) return 'Not scheduled';
	if (state.queue === Queue.Retired) return 'Retired (no longer in the deck file)';
	const prefix = state.queue === Queue.Suspended ? 'Suspended · ' : state.queue === Queue.Buried ? 'Buried until tomorrow · ' : '';
	if (state.schedule.state === FsrsState.New) return `${prefix}New`;
	return `${prefix}${STATE_NAMES[state.schedule.state]}, due ${whenDue(state.schedule.due, now)}`;
}

export function bytes(n: number): string {
	if (n < 1024) return `${n} B`;
	if (n < 1024 ** 2) return `${(n / 1024).toFixed(0)} KB`;
	if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
	return `${(n / 1024 ** 3).toFixed(1)} GB`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
	return `${n} ${n === 1 ? one : many}`;
}
