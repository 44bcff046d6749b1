// Writing an Anki import: where the package's decks and cards land among those already here (by
// Anki's own ids, see core/anki/identity), then one merge, all in one transaction.

import { placeAnkiImport, type Placement } from '$lib/core/anki/identity';
import type { MergeReport } from '$lib/core/merge';
import type { Dataset } from '$lib/core/records';
import type { Scheduler } from '$lib/core/schedule';
import { mergeDataset } from './backup';
import type { DocDeckDB } from './db';

export interface AnkiImportReport extends MergeReport {
	placement: Placement['report'];
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

/** Imports an Anki package's rows in one transaction; a conflict or a full disk changes nothing. */
export function importAnki(db: DocDeckDB, data: Dataset, scheduler: Scheduler): Promise<AnkiImportReport> {
	return db.transaction('rw', [db.decks, db.cards, db.states, db.reviews], async () => {
		const placed = await place(db, data);
		const report = await mergeDataset(db, placed.data, scheduler);
		const top = placed.data.decks.find((d) => !d.parentId) ?? placed.data.decks[0];
		return { ...report, placement: placed.report, deckId: top?.id ?? '' };
	});
}
