// The learner's own FSRS parameters: the review log read for the optimiser, and a parameter set
// applied (every card rescheduled by replaying its log with it, and the settings saved, in one
// transaction). Undo is applying the set kept as the previous one.

import type { LoggedReview } from '$lib/core/fsrs/items';
import { queueKey, queueOf } from '$lib/core/model';
import { answerOrder, replay } from '$lib/core/replay';
import { createScheduler, ScheduleError } from '$lib/core/schedule';
import { validateSettings, type Exam, type StudySettings } from '$lib/core/settings';
import type { DocDeckDB, ReviewRow, StateRow } from './db';
import { loadSettings } from './settings';
import { deckWithChildren } from './study';

const SETTINGS = 'studySettings';

/** A review-log row as the optimiser and the workload simulation read it. */
export interface LogRow extends LoggedReview {
	durationMs: number;
	deckId: string;
}

/** The whole review log (or one deck's), without the schedules each row also holds. */
export async function readReviewLog(db: DocDeckDB, deckId?: string): Promise<LogRow[]> {
	const rows: LogRow[] = [];
	const keep = (r: ReviewRow) => rows.push({ id: r.id, cardKey: r.cardKey, deckId: r.deckId, at: r.at, day: r.day, rating: r.rating, durationMs: r.durationMs });
	if (deckId === undefined) await db.reviews.each(keep);
	else await db.reviews.where('[deckId+day+stateBefore]').between([deckId, -Infinity, -Infinity], [deckId, Infinity, Infinity]).each(keep);
	return rows;
}

export interface ApplyReport {
	settings: StudySettings;
	/** Cards whose schedule was rebuilt. */
	rescheduled: number;
	/** Cards whose log no schedule can come from: left as they were (Check database names them). */
	skipped: number;
}

/**
 * Makes `parameters` (null: FSRS's defaults) the ones in use: every card with reviews is given the
 * schedule its log gives with them, and the settings keep the set replaced as the previous one.
 * All in one transaction: a failure changes nothing.
 */
export function applyParameters(db: DocDeckDB, parameters: number[] | null): Promise<ApplyReport> {
	return applySettings(db, (current) => ({ ...current, parameters, previousParameters: current.parameters }));
}

/**
 * Sets (or, with null, removes) a deck's exam date and target, and reschedules the cards by
 * replaying their logs with it, in one transaction.
 */
export async function setExam(db: DocDeckDB, deckId: string, exam: Exam | null): Promise<ApplyReport> {
	// An exam on a deck covers the subdecks studied with it.
	const decks = exam ? await deckWithChildren(db, deckId) : [];
	return applySettings(db, (current) => {
		const exams = { ...current.exams };
		if (exam) exams[deckId] = decks.length > 1 ? { ...exam, decks } : { at: exam.at, target: exam.target };
		else delete exams[deckId];
		return { ...current, exams };
	});
}

/** A change of the settings that schedules depend on: saved with every card replayed under it, in one transaction. */
async function applySettings(db: DocDeckDB, change: (current: StudySettings) => StudySettings): Promise<ApplyReport> {
	return db.transaction('rw', [db.states, db.reviews, db.meta], async () => {
		const current = await loadSettings(db);
		const checked = validateSettings(change(current));
		if (!checked.ok) throw new Error(`Nothing was changed: ${Object.values(checked.problems).join(' ')}`);
		const settings = checked.settings;
		const scheduler = createScheduler(settings);
		const byCard = new Map<string, { id: string; at: number; rating: ReviewRow['rating'] }[]>();
		await db.reviews.each((r) => {
			const list = byCard.get(r.cardKey);
			const a = { id: r.id, at: r.at, rating: r.rating };
			if (list) list.push(a);
			else byCard.set(r.cardKey, [a]);
		});
		const states = await db.states.bulkGet([...byCard.keys()]);
		const writes: StateRow[] = [];
		let skipped = 0;
		for (const state of states) {
			if (!state) continue;
			let schedule;
			try {
				schedule = replay(scheduler, state.key, byCard.get(state.key)!.sort(answerOrder)).schedule;
			} catch (e) {
				if (!(e instanceof ScheduleError)) throw e;
				skipped++;
				continue;
			}
			writes.push({ ...state, schedule, queue: state.queue < 0 ? state.queue : queueOf(schedule.state), due: queueKey(schedule, state.position) });
		}
		await db.states.bulkPut(writes);
		await db.meta.put({ key: SETTINGS, value: settings });
		return { settings, rescheduled: writes.length, skipped };
	});
}
