// Sync with the learner's CouchDB-protocol server, the Dexie side: the server set-up (kept on this
// device only), the outbox of answers and undos not yet sent, and pulled changes joined to the log.
// The replication itself (PouchDB) lives in replication-engine.ts, loaded only once a server is set up.

import { planPull, type PulledChange, type PullPlan } from '$lib/core/replication';
import type { Scheduler } from '$lib/core/schedule';
import type { DocDeckDB, OutboxRow, ReviewRow } from './db';
import { REPLICATION_KEY, type ReplicationConfig } from './replication-config';

export { REPLICATION_KEY, type ReplicationConfig } from './replication-config';

/**
 * Saves the set-up. The first time, every review already on this device is queued to be sent, in
 * the same transaction, so nothing answered before the set-up is left behind.
 */
export async function saveReplication(db: DocDeckDB, config: ReplicationConfig): Promise<void> {
	await db.transaction('rw', [db.meta, db.reviews, db.outbox], async () => {
		const before = await db.meta.get(REPLICATION_KEY);
		if (!before) {
			const ids = (await db.reviews.toCollection().primaryKeys()) as string[];
			await db.outbox.bulkPut(ids.map((id) => ({ id, op: 'put' as const })));
		}
		await db.meta.put({ key: REPLICATION_KEY, value: config });
	});
}

/** Updates fields of the set-up, if there still is one (Forget may have come first). */
export async function updateReplication(db: DocDeckDB, change: Partial<ReplicationConfig>): Promise<void> {
	await db.transaction('rw', db.meta, async () => {
		const row = await db.meta.get(REPLICATION_KEY);
		if (row) await db.meta.put({ key: REPLICATION_KEY, value: { ...(row.value as ReplicationConfig), ...change } });
	});
}

/** The queued changes, with the rows of the answers to send. */
export async function readOutbox(db: DocDeckDB, limit = 500): Promise<{ entries: OutboxRow[]; rows: Map<string, ReviewRow> }> {
	return db.transaction('r', [db.outbox, db.reviews], async () => {
		const entries = await db.outbox.limit(limit).toArray();
		const puts = entries.filter((e) => e.op === 'put').map((e) => e.id);
		const rows = new Map((await db.reviews.bulkGet(puts)).filter((r): r is ReviewRow => !!r).map((r) => [r.id, r]));
		return { entries, rows };
	});
}

/** Removes the entries the server now has, unless they changed since (an undo meanwhile). */
export async function clearSent(db: DocDeckDB, sent: readonly OutboxRow[]): Promise<void> {
	await db.transaction('rw', db.outbox, async () => {
		const now = await db.outbox.bulkGet(sent.map((e) => e.id));
		await db.outbox.bulkDelete(sent.filter((e, i) => now[i]?.op === e.op).map((e) => e.id));
	});
}

/**
 * Joins pulled changes to the log in one transaction, with the mirror's position they reach: the
 * union by id, deletions removed, every touched card replayed (core/replication planPull, which
 * reuses the backup merge). Changes still queued here are newer and left out.
 */
export async function applyPulled(db: DocDeckDB, scheduler: Scheduler, changes: readonly PulledChange[], seq: number | string): Promise<PullPlan> {
	return db.transaction('rw', [db.cards, db.states, db.reviews, db.outbox, db.meta], async () => {
		const ids = changes.map((c) => c.id);
		const [pendingRows, existing] = await Promise.all([db.outbox.bulkGet(ids), db.reviews.bulkGet(ids)]);
		const pending = new Set(pendingRows.filter((x) => !!x).map((x) => x.id));
		const keys = [...new Set([...changes.flatMap((c) => (c.deleted ? [] : [c.row.cardKey])), ...existing.filter((r): r is ReviewRow => !!r).map((r) => r.cardKey)])];
		const [cards, states, reviews] = await Promise.all([db.cards.bulkGet(keys), db.states.bulkGet(keys), db.reviews.where('cardKey').anyOf(keys).toArray()]);
		const byId = new Map([...reviews, ...existing.filter((r): r is ReviewRow => !!r)].map((r) => [r.id, r]));
		const plan = planPull({ cards: cards.filter((x) => !!x), states: states.filter((x) => !!x), reviews: [...byId.values()] }, changes, pending, scheduler);
		await db.reviews.bulkDelete(plan.removed);
		await db.reviews.bulkPut(plan.reviews);
		await db.states.bulkPut(plan.states);
		const row = await db.meta.get(REPLICATION_KEY);
		if (row) await db.meta.put({ key: REPLICATION_KEY, value: { ...(row.value as ReplicationConfig), appliedSeq: seq } });
		return plan;
	});
}
