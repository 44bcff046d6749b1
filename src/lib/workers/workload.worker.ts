/// <reference lib="webworker" />
// The workload at each desired retention, simulated off the main thread.

import { workloadRuns, type SimResult } from '$lib/core/fsrs/simulate';
import { DocDeckDB } from '$lib/db/db';
import { readWorkload } from '$lib/db/workload';

export interface WorkloadRequest {
	dbName: string;
	now: number;
	days: number;
	newPerDay: number;
	maximumInterval: number;
	parameters: number[] | null;
	/** One deck, simulated with and without its exam date (at the desired retention only). */
	exam?: { deckId: string; day: number; target: number; retention: number };
}

export type WorkloadReply = { ok: true; results: SimResult[]; cards: number } | { ok: false; problem: string };

self.onmessage = async (e: MessageEvent<WorkloadRequest>) => {
	const q = e.data;
	const db = new DocDeckDB(q.dbName);
	try {
		const input = await readWorkload(db, q.now, q.exam?.deckId);
		self.postMessage({ ok: true, results: workloadRuns(q, input), cards: input.cards.length } satisfies WorkloadReply);
	} catch (err) {
		self.postMessage({ ok: false, problem: err instanceof Error ? err.message : String(err) } satisfies WorkloadReply);
	} finally {
		db.close();
	}
};
