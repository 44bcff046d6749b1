/// <reference lib="webworker" />
// The workload at each desired retention, simulated off the main thread.

import { RETENTIONS, simulate, type SimResult } from '$lib/core/fsrs/simulate';
import { DocDeckDB } from '$lib/db/db';
import { readWorkload } from '$lib/db/workload';

export interface WorkloadRequest {
	dbName: string;
	now: number;
	days: number;
	newPerDay: number;
	maximumInterval: number;
	parameters: number[] | null;
}

export type WorkloadReply = { ok: true; results: SimResult[]; cards: number } | { ok: false; problem: string };

self.onmessage = async (e: MessageEvent<WorkloadRequest>) => {
	const q = e.data;
	const db = new DocDeckDB(q.dbName);
	try {
		const { cards, costs } = await readWorkload(db, q.now);
		const results = RETENTIONS.map((retention) => simulate({ cards, costs, retention, days: q.days, newPerDay: q.newPerDay, maximumInterval: q.maximumInterval, parameters: q.parameters }));
		self.postMessage({ ok: true, results, cards: cards.length } satisfies WorkloadReply);
	} catch (err) {
		self.postMessage({ ok: false, problem: err instanceof Error ? err.message : String(err) } satisfies WorkloadReply);
	} finally {
		db.close();
	}
};
