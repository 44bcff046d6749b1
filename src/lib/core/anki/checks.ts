// Range checks for every value that enters from an Anki package. A row that cannot be right is
// left out and named in the summary; nothing absurd reaches a schedule. `now` comes from the caller.

import { DAY, HOUR } from '../time.ts';
import type { AnkiItem, AnkiSkip } from './types.ts';

/** No Anki answer can be older than Anki itself (first released in 2006). */
export const EARLIEST_ANSWER = Date.UTC(2006, 0, 1);
/** How far ahead of this device's clock an answer may be (another device's clock running fast). */
export const AHEAD_ALLOWED = DAY;
/** A recorded answer time beyond this (or below zero) is not a real duration. */
export const LONGEST_ANSWER = HOUR;
/** Longest answer time stored, as for answers given in DocDeck. */
export const KEPT_ANSWER_MS = 60_000;
const PLACES = 5;

/** Skipped rows grouped by item and reason, keeping the first few places of each group. */
export class SkipList {
	#groups = new Map<string, AnkiSkip>();

	add(item: AnkiItem, reason: string, place: string): void {
		const key = `${item}\u0000${reason}`;
		const group = this.#groups.get(key) ?? { item, reason, count: 0, places: [] };
		group.count++;
		if (group.places.length < PLACES) group.places.push(place);
		this.#groups.set(key, group);
	}

	addAll(list: readonly AnkiSkip[]): void {
		for (const g of list) {
			const key = `${g.item}\u0000${g.reason}`;
			const group = this.#groups.get(key) ?? { item: g.item, reason: g.reason, count: 0, places: [] };
			group.count += g.count;
			group.places.push(...g.places.slice(0, PLACES - group.places.length));
			this.#groups.set(key, group);
		}
	}

	count(item?: AnkiItem): number {
		let n = 0;
		for (const g of this.#groups.values()) if (!item || g.item === item) n += g.count;
		return n;
	}

	list(): AnkiSkip[] {
		return [...this.#groups.values()].map((g) => ({ ...g, places: [...g.places] }));
	}
}

/**
 * An id as SQLite stored it (read as text, so nothing is rounded on the way), when it is a whole
 * number JavaScript holds exactly; otherwise null.
 */
export function safeId(v: unknown): number | null {
	const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
	if (!/^-?\d{1,16}$/.test(text)) return null;
	const n = Number(text);
	return Number.isSafeInteger(n) ? n : null;
}

/** A short, safe rendering of a raw value for a summary line. */
export function shown(v: unknown): string {
	const text = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : v === null || v === undefined ? 'nothing' : typeof v;
	return text.length > 24 ? `${text.slice(0, 24)}…` : text;
}

/** Why an answer time (epoch ms) cannot be right, or null when it can. */
export function answerTimeProblem(at: number, now: number): string | null {
	if (!Number.isSafeInteger(at)) return 'its time is not a valid time';
	if (at < EARLIEST_ANSWER) return 'its time is before 2006, older than Anki';
	if (at > now + AHEAD_ALLOWED) return 'its time is in the future';
	return null;
}

/** A recorded answer duration, or null when it cannot be a real one. */
export function answerDuration(ms: number): number | null {
	return Number.isFinite(ms) && ms >= 0 && ms <= LONGEST_ANSWER ? Math.round(ms) : null;
}

export function isIntIn(v: number, lo: number, hi: number): boolean {
	return Number.isInteger(v) && v >= lo && v <= hi;
}
