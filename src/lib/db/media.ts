// The media files of imported decks: read by deck and name for the cards that show them.

import type { DocDeckDB, MediaRow } from './db';

/** The stored files among `names` for a deck (missing ones are left out). */
export async function getMedia(db: DocDeckDB, deckId: string, names: string[]): Promise<MediaRow[]> {
	if (!names.length) return [];
	const rows = await db.media.bulkGet(names.map((n) => [deckId, n] as [string, string]));
	return rows.filter((r): r is MediaRow => !!r);
}

/** How many media files a deck holds. */
export function mediaCount(db: DocDeckDB, deckId: string): Promise<number> {
	return db.media.where('deckId').equals(deckId).count();
}
