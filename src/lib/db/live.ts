// Live queries: the one place the rest of the app reaches Dexie's change tracking through.

import { liveQuery } from 'dexie';
import type { DocDeckDB } from './db';

/**
 * Runs `query` now and again whenever a table it read changes (in this tab or another), handing
 * each result to `next`. Returns the function that stops watching.
 */
export function watchQuery<T>(query: () => Promise<T>, next: (value: T) => void, error: (e: unknown) => void): () => void {
	const sub = liveQuery(query).subscribe({ next, error });
	return () => sub.unsubscribe();
}

/**
 * When another tab opens a newer version of the database, close ours so it is never blocked, and
 * tell the learner this tab must reload.
 */
export function onVersionChange(db: DocDeckDB, changed: () => void): void {
	db.on('versionchange', () => {
		db.close();
		changed();
		return false;
	});
}
