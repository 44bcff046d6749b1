// Writing an Anki import: where the package's decks and cards land among those already here (by
// Anki's own ids, see core/anki/identity), then one merge, all in one transaction.

import { placeAnkiImport, type Placement } from '$lib/core/anki/identity';
import { mediaForCards, type MediaFile } from '$lib/core/anki/media';
import type { MergeReport } from '$lib/core/merge';
import type { Dataset } from '$lib/core/records';
import type { Scheduler } from '$lib/core/schedule';
import { mergeDataset } from './backup';
import type { DocDeckDB } from './db';

export interface AnkiImportReport extends MergeReport {
	placement: Placement['report'];
	/** Media files written (one per deck that uses it). */
	mediaWritten: number;
	/** The deck to open afterwards: the package's top deck, as it is stored here. */
	deckId: string;
}

async function place(db: DocDeckDB, data: Dataset): Promise<Placement> {
	const refs = [...new Set(data.cards.flatMap((c) => c.refs ?? []))];
	const [decks, found] = await Promise.all([db.decks.toArray(), refs.length ? db.cards.where('refs').anyOf(refs).toArray() : []]);
	return placeAnkiImport(data, { decks, cards: found.map((c) => ({ key: c.key, deckId: c.deckId, id: c.id, refs: c.refs })) });
}

/** What importing would do (which decks it updates, which cards are already here), writing nothing. */
export function previewAnkiImport(db: DocDeckDB, data: Dataset): Promise<Placement['report']> {
	return db.transaction('r', [db.decks, db.cards], async () => (await place(db, data)).report);
}

/**
 * Imports an Anki package's rows and the media its cards use, in one transaction: a conflict, or a
 * disk that fills up half-way, leaves the database as it was.
 */
export function importAnki(db: DocDeckDB, data: Dataset, scheduler: Scheduler, media: readonly MediaFile[] = []): Promise<AnkiImportReport> {
	return db.transaction('rw', [db.decks, db.cards, db.states, db.reviews, db.media], async () => {
		const placed = await place(db, data);
		const report = await mergeDataset(db, placed.data, scheduler);
		// Each file under the deck its cards are in here (a card may have stayed in another deck).
		const byName = new Map(media.map((m) => [m.name, m.bytes]));
		const files = mediaForCards(placed.data.cards, (name) => byName.get(name) ?? null).files;
		await db.media.bulkPut(files);
		const top = placed.data.decks.find((d) => !d.parentId) ?? placed.data.decks[0];
		return { ...report, placement: placed.report, mediaWritten: files.length, deckId: top?.id ?? '' };
	});
}
