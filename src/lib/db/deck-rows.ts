// Reading deck rows, and whether this build's bundled decks are already synced here: what start-up
// and the study screen need, without the sync code (decks.ts), which loads only to write decks.

import type { DeckRow, DocDeckDB } from './db';
import { getMeta, setMeta } from './settings';

export function getDeck(db: DocDeckDB, deckId: string): Promise<DeckRow | undefined> {
	return db.decks.get(deckId);
}

const BUNDLED_SYNCED = 'bundledSynced';

interface BundledSynced {
	build: string;
	/** Each bundled deck's id and the fingerprint it was synced with. */
	decks: Record<string, string>;
}

/**
 * True when this build's bundled decks have been synced here and are stored as synced (not
 * retired, not replaced by a restore): start-up then need not load the deck files at all.
 */
export async function bundledUpToDate(db: DocDeckDB, build: string): Promise<boolean> {
	const synced = await getMeta<BundledSynced>(db, BUNDLED_SYNCED);
	if (synced?.build !== build) return false;
	const ids = Object.keys(synced.decks);
	const rows = await db.decks.bulkGet(ids);
	return rows.every((d, i) => d !== undefined && d.origin === 'bundled' && !d.retired && d.fingerprint === synced.decks[ids[i]!]);
}

/** Notes that every bundled deck of this build has been synced. */
export async function noteBundledSynced(db: DocDeckDB, build: string, ids: string[]): Promise<void> {
	const rows = await db.decks.bulkGet(ids);
	const decks = Object.fromEntries(rows.filter((d): d is DeckRow => d !== undefined).map((d) => [d.id, d.fingerprint]));
	await setMeta(db, BUNDLED_SYNCED, { build, decks } satisfies BundledSynced);
}
