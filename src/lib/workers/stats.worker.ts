/// <reference lib="webworker" />
// Reads and sums up the statistics off the main thread: at 100 000 cards the reading alone would
// hold the screen still.

import { computeStats, type Stats, type StatsInput } from '$lib/core/stats';
import { DocDeckDB } from '$lib/db/db';
import { readStats } from '$lib/db/stats';

export interface StatsRequest {
	dbName: string;
	deckId: string | null;
	at: Omit<StatsInput, 'reviews' | 'cards' | 'passages'>;
}

export type StatsReply = { ok: true; stats: Stats } | { ok: false; problem: string };

self.onmessage = async (e: MessageEvent<StatsRequest>) => {
	const db = new DocDeckDB(e.data.dbName);
	try {
		const rows = await readStats(db, e.data.deckId);
		self.postMessage({ ok: true, stats: computeStats({ ...e.data.at, ...rows }) } satisfies StatsReply);
	} catch (err) {
		self.postMessage({ ok: false, problem: err instanceof Error ? err.message : String(err) } satisfies StatsReply);
	} finally {
		db.close();
	}
};
