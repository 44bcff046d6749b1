// The learner's data as a whole: backup out, restore or merge in, the review-log exports, and the
// database check that rebuilds every schedule from the review log.

import { type Backup, type BackupData } from '$lib/core/backup';
import { toCsv } from '$lib/core/csv';
import { numericCardId } from '$lib/core/hash';
import { mergeDatasets, type MergeReport } from '$lib/core/merge';
import { Queue, queueKey, queueOf } from '$lib/core/model';
import type { Dataset, ReviewRow, StateRow } from '$lib/core/records';
import { replay, scheduleDifferences } from '$lib/core/replay';
import { ScheduleError, type Scheduler } from '$lib/core/schedule';
import { DocDeckDB } from './db';
import { SETTINGS_KEY } from './settings';


export class BackupError extends Error {
	override name = 'BackupError';
}

/** Every row, read in one transaction so the copy is consistent. */
export async function exportData(db: DocDeckDB): Promise<BackupData> {
	return db.transaction('r', [db.decks, db.cards, db.states, db.reviews, db.meta], async () => {
		const [decks, cards, states, reviews, settings] = await Promise.all([db.decks.toArray(), db.cards.toArray(), db.states.toArray(), db.reviews.toArray(), db.meta.get(SETTINGS_KEY)]);
		return { decks, cards, states, reviews, settings: settings?.value ?? null };
	});
}

/** The device changed between reading a backup and replacing with it: the learner must be told again. */
export class StaleBackupError extends BackupError {
	override name = 'StaleBackupError';
	constructor(readonly loss: ReviewLoss) {
		super(`Nothing was replaced: this device changed since the backup was read, and replacing would now lose ${loss.ids.length} review${loss.ids.length === 1 ? '' : 's'}.`);
	}
}

/** Reviews on this device that a backup does not hold: what replacing with it would lose. */
export interface ReviewLoss {
	/** Their ids, sorted: the exact reviews the learner is warned about. */
	ids: string[];
}

export async function reviewsNotIn(db: DocDeckDB, backup: Backup): Promise<ReviewLoss> {
	const ids = new Set(backup.data.reviews.map((r) => r.id));
	const lost: string[] = [];
	await db.reviews.each((r) => {
		if (!ids.has(r.id)) lost.push(r.id);
	});
	return { ids: lost.sort() };
}

/**
 * Replaces everything on this device with a (validated) backup, in one transaction. `warned` is
 * what the learner was told they would lose; it is counted again inside the transaction, and if
 * the device has changed since (an answer in another tab), nothing is replaced.
 */
export async function restoreBackup(db: DocDeckDB, backup: Backup, warned: ReviewLoss): Promise<void> {
	const d = backup.data;
	await db.transaction('rw', [db.decks, db.cards, db.states, db.reviews, db.meta], async () => {
		const now = await reviewsNotIn(db, backup);
		if (now.ids.length !== warned.ids.length || now.ids.some((id, i) => id !== warned.ids[i])) throw new StaleBackupError(now);
		await Promise.all([db.decks.clear(), db.cards.clear(), db.states.clear(), db.reviews.clear()]);
		await db.decks.bulkAdd(d.decks);
		await db.cards.bulkAdd(d.cards);
		await db.states.bulkAdd(d.states);
		await db.reviews.bulkAdd(d.reviews);
		if (d.settings !== null && typeof d.settings === 'object') await db.meta.put({ key: SETTINGS_KEY, value: d.settings });
	});
}

/**
 * Merges a (validated) backup from another device in one transaction: reviews united by id, and
 * each card whose history changed replayed. Conflicting review ids stop it with nothing written.
 */
export function mergeBackup(db: DocDeckDB, backup: Backup, scheduler: Scheduler): Promise<MergeReport> {
	return mergeDataset(db, backup.data, scheduler);
}

/**
 * Merges a whole dataset (a backup, or an imported Anki collection) in one transaction. A deck
 * that would take over a deck of another origin (an import over a built-in deck) stops it.
 */
export async function mergeDataset(db: DocDeckDB, incoming: Dataset, scheduler: Scheduler): Promise<MergeReport> {
	return db.transaction('rw', [db.decks, db.cards, db.states, db.reviews], async () => {
		const keys = incoming.cards.map((c) => c.key);
		const [decks, cards, states, reviews] = await Promise.all([
			db.decks.bulkGet(incoming.decks.map((d) => d.id)),
			db.cards.bulkGet(keys),
			db.states.bulkGet(keys),
			db.reviews.where('cardKey').anyOf(keys).toArray()
		]);
		for (const [i, d] of decks.entries()) {
			const theirs = incoming.decks[i]!;
			if (d && d.origin !== theirs.origin) throw new BackupError(`Nothing was merged: the deck id "${d.id}" is ${d.origin === 'bundled' ? 'a built-in' : 'an imported'} deck here but not in the file.`);
		}
		// Reviews whose ids clash with this device's, on cards the backup does not hold, are conflicts too.
		const clashes = await db.reviews.bulkGet(incoming.reviews.map((r) => r.id));
		const local: Dataset = {
			decks: decks.filter((x) => !!x),
			cards: cards.filter((x) => !!x),
			states: states.filter((x) => !!x),
			reviews: [...new Map([...reviews, ...clashes.filter((x): x is ReviewRow => !!x)].map((r) => [r.id, r])).values()]
		};
		const result = mergeDatasets(local, incoming, scheduler);
		if (result.conflicts.length) {
			throw new BackupError(`Nothing was merged: ${result.conflicts.length} review(s) have the same id as a different review on this device (first: ${result.conflicts[0]}).`);
		}
		await db.decks.bulkPut(result.decks);
		await db.cards.bulkPut(result.cards);
		await db.states.bulkPut(result.states);
		// Put, not add: an answer already here may come back with its derived fields replayed.
		await db.reviews.bulkPut(result.reviews);
		return result.report;
	});
}

export interface CheckReport {
	cards: number;
	reviews: number;
	/** Cards whose stored schedule is not what their review log gives. */
	mismatches: { key: string; question: string; differences: string[] }[];
	/** Reviews that belong to no stored card (kept, reported). */
	orphanReviews: number;
	/** Cards with no scheduling state. */
	stateless: string[];
	/** Cards whose review log cannot be replayed (a value no scheduler can use), with why: not rebuilt. */
	unreplayable: { key: string; question: string; reason: string }[];
}

/**
 * Rebuilds every card's schedule by replaying its reviews and reports the cards whose stored
 * schedule disagrees. Reads only; `repairCards` writes the rebuilt schedules.
 */
export async function checkDatabase(db: DocDeckDB, scheduler: Scheduler): Promise<CheckReport> {
	return db.transaction('r', [db.cards, db.states, db.reviews], async () => {
		const states = new Map((await db.states.toArray()).map((s) => [s.key, s]));
		const report: CheckReport = { cards: 0, reviews: 0, mismatches: [], orphanReviews: 0, stateless: [], unreplayable: [] };
		const questions = new Map<string, string>();
		await db.cards.each((c) => {
			report.cards++;
			questions.set(c.key, c.question);
			if (!states.has(c.key)) report.stateless.push(c.key);
		});
		const byCard = new Map<string, { id: string; at: number; rating: ReviewRow['rating'] }[]>();
		await db.reviews.each((r) => {
			report.reviews++;
			if (!questions.has(r.cardKey)) return void report.orphanReviews++;
			const list = byCard.get(r.cardKey) ?? [];
			list.push({ id: r.id, at: r.at, rating: r.rating });
			byCard.set(r.cardKey, list);
		});
		for (const [key, state] of states) {
			if (!questions.has(key)) continue;
			let rebuilt;
			try {
				rebuilt = replay(scheduler, key, byCard.get(key) ?? []).schedule;
			} catch (e) {
				if (!(e instanceof ScheduleError)) throw e;
				report.unreplayable.push({ key, question: questions.get(key) ?? '', reason: e.message });
				continue;
			}
			const differences = (byCard.get(key)?.length ?? 0) === 0 ? newDifferences(state) : scheduleDifferences(state.schedule, rebuilt);
			if (differences.length) report.mismatches.push({ key, question: questions.get(key) ?? '', differences });
		}
		return report;
	});
}

/** A card with no reviews must still be new. */
function newDifferences(state: StateRow): string[] {
	const s = state.schedule;
	return s.reps === 0 && s.state === 0 && s.lastReview === null ? [] : [`reps: ${s.reps} with no review in the log`];
}

/** Writes the schedules rebuilt from the review log for the given cards, in one transaction. */
export async function repairCards(db: DocDeckDB, scheduler: Scheduler, keys: string[]): Promise<number> {
	return db.transaction('rw', [db.states, db.reviews], async () => {
		const states = await db.states.bulkGet(keys);
		const writes: StateRow[] = [];
		for (const state of states) {
			if (!state) continue;
			const answers = await db.reviews.where('cardKey').equals(state.key).toArray();
			let schedule;
			try {
				schedule = replay(scheduler, state.key, answers).schedule;
			} catch (e) {
				// A log no schedule can come from is left as it is (Check database names it).
				if (e instanceof ScheduleError) continue;
				throw e;
			}
			writes.push({ ...state, schedule, queue: state.queue < 0 ? state.queue : queueOf(schedule.state), due: queueKey(schedule, state.position) });
		}
		await db.states.bulkPut(writes);
		return writes.length;
	});
}

/**
 * The review log as the FSRS optimizer reads it: one row per answer, times in ms, the card as a
 * stable number (its key beside it, for people), the review's own id and deck after.
 */
export async function reviewLogCsv(db: DocDeckDB): Promise<string> {
	const rows: (string | number)[][] = [];
	await db.reviews.orderBy('cardKey').each((r) => rows.push([numericCardId(r.cardKey), r.at, r.rating, r.stateBefore, r.durationMs, r.id, r.deckId, r.cardKey]));
	rows.sort((a, b) => (a[1] as number) - (b[1] as number));
	return toCsv(['card_id', 'review_time', 'review_rating', 'review_state', 'review_duration', 'review_id', 'deck_id', 'card_key'], rows);
}

/** Every card with its content and schedule. */
export async function cardsCsv(db: DocDeckDB): Promise<string> {
	return db.transaction('r', [db.cards, db.states], async () => {
		const states = new Map((await db.states.toArray()).map((s) => [s.key, s]));
		const rows: (string | number | null)[][] = [];
		await db.cards.each((c) => {
			const s = states.get(c.key);
			const q = s?.queue;
			rows.push([
				c.deckId,
				c.id,
				c.kind,
				c.section,
				c.question,
				c.answer,
				c.explanation,
				c.passage,
				s ? ['new', 'learning', 'review', 'relearning'][s.schedule.state]! : '',
				s && s.schedule.state !== 0 ? new Date(s.schedule.due).toISOString() : '',
				s ? Number(s.schedule.stability.toFixed(4)) : null,
				s ? Number(s.schedule.difficulty.toFixed(4)) : null,
				s?.schedule.reps ?? null,
				s?.schedule.lapses ?? null,
				q === Queue.Suspended ? 'yes' : 'no',
				q === Queue.Retired ? 'yes' : 'no',
				s?.flag ? 'yes' : 'no'
			]);
		});
		return toCsv(['deck', 'id', 'kind', 'section', 'question', 'answer', 'explanation', 'passage', 'state', 'due', 'stability', 'difficulty', 'reps', 'lapses', 'suspended', 'retired', 'flagged'], rows);
	});
}
