// Replication with a CouchDB-protocol server, the pure part: what a review looks like as a
// document, how a server's first answer is judged, and how pulled changes join the local log.
// The review log is a union: a pulled review is added by its id, a pulled deletion (an undo on
// another device) removes the row, and every card touched is replayed through merge.ts.

import { mergeDatasets, type MergeResult } from './merge.ts';
import type { CardRow, ReviewRow, StateRow } from './records.ts';
import { queueKey, queueOf } from './model.ts';
import type { Scheduler } from './schedule.ts';

/** The document a review travels as. `_id` is the review's UUID; it is written once, never edited. */
export interface ReviewDoc {
	_id: string;
	_rev?: string;
	type: 'review';
	/** The shape's version, so a later round can read older documents. */
	v: 1;
	row: ReviewRow;
}

export const REVIEW_DOC_VERSION = 1;

/** A review row as the document that carries it. */
export function reviewToDoc(row: ReviewRow): ReviewDoc {
	return { _id: row.id, type: 'review', v: REVIEW_DOC_VERSION, row };
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isStr = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 500;

function isSchedule(s: unknown): boolean {
	if (!s || typeof s !== 'object') return false;
	const o = s as Record<string, unknown>;
	return ['due', 'stability', 'difficulty', 'reps', 'lapses', 'state', 'scheduledDays', 'learningSteps'].every((k) => isNum(o[k])) && (o.lastReview === null || isNum(o.lastReview));
}

/**
 * The review row a document carries, or why it cannot be one. A server is outside the app: every
 * field is checked before anything is written.
 */
export function docToReview(doc: unknown): { row: ReviewRow } | { problem: string } {
	if (!doc || typeof doc !== 'object') return { problem: 'not a document' };
	const d = doc as Record<string, unknown>;
	const id = typeof d._id === 'string' ? d._id : '?';
	if (d.type !== 'review') return { problem: `document ${id} is not a review` };
	if (d.v !== REVIEW_DOC_VERSION) return { problem: `review ${id} is written in a newer format (${String(d.v)}); update DocDeck` };
	const r = d.row as Record<string, unknown> | undefined;
	if (!r || typeof r !== 'object') return { problem: `review ${id} has no row` };
	if (r.id !== d._id) return { problem: `review ${id} carries the row of another review` };
	if (!isStr(r.cardKey) || !isStr(r.deckId)) return { problem: `review ${id} names no card` };
	if (!isNum(r.at) || !isNum(r.day) || !isNum(r.elapsedDays) || !isNum(r.durationMs)) return { problem: `review ${id} has a time that is not a number` };
	if (![1, 2, 3, 4].includes(r.rating as number)) return { problem: `review ${id} has the rating ${String(r.rating)}, not 1–4` };
	if (![0, 1, 2, 3].includes(r.stateBefore as number)) return { problem: `review ${id} has an unknown card state` };
	if (!isSchedule(r.before) || !isSchedule(r.after)) return { problem: `review ${id} has a schedule DocDeck cannot read` };
	return { row: r as unknown as ReviewRow };
}

/** One change pulled from the server: a review that exists there, or one removed (undone) there. */
export type PulledChange = { id: string; deleted: true } | { id: string; deleted: false; row: ReviewRow };

/** What this device holds of the cards the pulled changes touch. */
export interface LocalSlice {
	cards: CardRow[];
	states: StateRow[];
	/** Every review of those cards, and any local row with a pulled id. */
	reviews: ReviewRow[];
}

export interface PullPlan {
	/** Review rows to put (new ones, and ones whose derived fields the replay changed). */
	reviews: ReviewRow[];
	/** Review ids to delete. */
	removed: string[];
	states: StateRow[];
	/** Pulled reviews whose id is a different answer here: not applied. */
	conflicts: string[];
	added: number;
}

/**
 * Joins pulled changes to the local log. Changes whose id this device has not yet sent (`pending`:
 * an answer or undo made here, newer than what the server says) are left out. The result is
 * the same whatever order devices pull in: the log is a union minus the undone ids, and each
 * schedule is the replay of its card's log.
 */
export function planPull(local: LocalSlice, changes: readonly PulledChange[], pending: ReadonlySet<string>, scheduler: Scheduler): PullPlan {
	const have = new Map(local.reviews.map((r) => [r.id, r]));
	const removedRows: ReviewRow[] = [];
	const additions: ReviewRow[] = [];
	for (const c of changes) {
		if (pending.has(c.id)) continue;
		if (c.deleted) {
			const row = have.get(c.id);
			if (row) removedRows.push(row);
		} else additions.push(c.row);
	}
	const removed = new Set(removedRows.map((r) => r.id));
	const kept = local.reviews.filter((r) => !removed.has(r.id));
	const merged: MergeResult = mergeDatasets({ decks: [], cards: local.cards, states: local.states, reviews: kept }, { decks: [], cards: local.cards, states: [], reviews: additions }, scheduler);
	const conflicting = new Set(merged.conflicts);
	const states = new Map(merged.states.map((s) => [s.key, s]));
	// A card whose every answer was undone elsewhere is new again, as undo left it there.
	const stateByKey = new Map(local.states.map((s) => [s.key, s]));
	for (const key of new Set(removedRows.map((r) => r.cardKey))) {
		if (kept.some((r) => r.cardKey === key) || additions.some((r) => r.cardKey === key && !conflicting.has(r.id))) continue;
		const state = stateByKey.get(key);
		if (!state) continue;
		const first = removedRows.filter((r) => r.cardKey === key).sort((a, b) => a.at - b.at)[0]!;
		const schedule = first.before;
		states.set(key, { ...state, schedule, queue: state.queue < 0 ? state.queue : queueOf(schedule.state), due: queueKey(schedule, state.position) });
	}
	return {
		reviews: merged.reviews.filter((r) => !conflicting.has(r.id)),
		removed: [...removed],
		states: [...states.values()],
		conflicts: merged.conflicts,
		added: merged.report.reviewsAdded - merged.conflicts.length
	};
}
