// The sync server's set-up, kept on this device only (never in a backup), and whether one is set
// up at all: small on purpose, read by the answer transaction and at start-up without loading
// the replication code.

import type { DocDeckDB } from './db';

/** The meta row the server set-up is kept under. Never part of a backup. */
export const REPLICATION_KEY = 'replication';

export interface ReplicationConfig {
	url: string;
	database: string;
	user: string;
	password: string;
	/** Whether the learner has started syncing (Stop keeps the set-up and queues changes). */
	running: boolean;
	/** The last change of the local mirror joined to the log. */
	appliedSeq: number | string;
	lastSyncedAt: number | null;
}

/** Whether a server is set up: then every answer and undo is queued for it. */
export async function replicationOn(db: DocDeckDB): Promise<boolean> {
	return (await db.meta.get(REPLICATION_KEY)) !== undefined;
}

export async function loadReplication(db: DocDeckDB): Promise<ReplicationConfig | null> {
	return ((await db.meta.get(REPLICATION_KEY))?.value as ReplicationConfig | undefined) ?? null;
}

/** Forgets the server: its set-up, its credentials and the queue. The reviews stay. */
export async function forgetReplication(db: DocDeckDB): Promise<void> {
	await db.transaction('rw', [db.meta, db.outbox], async () => {
		await db.meta.delete(REPLICATION_KEY);
		await db.outbox.clear();
	});
}

export function outboxCount(db: DocDeckDB): Promise<number> {
	return db.outbox.count();
}

