// Writing an Anki import: where the package's decks and cards land among those already here (by
// Anki's own ids, see core/anki/identity), then one merge, all in one transaction.

import { DOCDECK_REF, placeAnkiImport, vanishedCards, type LocalCard, type Placement } from '$lib/core/anki/identity';
import { Queue } from '$lib/core/model';
import { mediaForCards, type MediaFile } from '$lib/core/anki/media';
import type { MergeReport } from '$lib/core/merge';
import type { CardRow, Dataset, StateRow } from '$lib/core/records';
import type { ApkgExport } from '$lib/core/anki/export';
import type { Scheduler } from '$lib/core/schedule';
import { mergeDataset } from './backup';
import { MAX, MIN, type DocDeckDB } from './db';

export interface AnkiImportReport extends MergeReport {
	placement: Placement['report'];
	/** Media files written (one per deck that uses it). */
	mediaWritten: number;
	/** The deck to open afterwards: the package's top deck, as it is stored here. */
	deckId: string;
	/** Cards retired because the package no longer has them (as the learner chose). */
	retired: number;
}

const local = (c: CardRow): LocalCard => ({ key: c.key, deckId: c.deckId, id: c.id, question: c.question, retired: c.retired, ...(c.refs ? { refs: c.refs } : {}) });

async function place(db: DocDeckDB, data: Dataset): Promise<Placement> {
	const refs = [...new Set(data.cards.flatMap((c) => c.refs ?? []))];
	// A card DocDeck exported names its key here; any card may be found by Anki's ids.
	const homes = refs.filter((r) => r.startsWith(DOCDECK_REF)).map((r) => r.slice(DOCDECK_REF.length));
	const [decks, byRef, byKey, here] = await Promise.all([
		db.decks.toArray(),
		refs.length ? db.cards.where('refs').anyOf(refs).toArray() : [],
		db.cards.bulkGet(homes),
		db.reviews.bulkGet(data.reviews.map((r) => r.id))
	]);
	const cards = [...byRef, ...byKey.filter((c): c is CardRow => !!c)].map(local);
	const placed = placeAnkiImport(data, { decks, cards, reviewIds: new Set(here.filter((r) => !!r).map((r) => r!.id)) });
	const deckCards = await Promise.all(placed.decksWithCards.map((id) => db.cards.where('[deckId+position]').between([id, MIN], [id, MAX]).toArray()));
	placed.report.vanished = vanishedCards(placed, deckCards.flat().map(local));
	return placed;
}

/** What importing would do (which decks it updates, which cards are already here or gone), writing nothing. */
export function previewAnkiImport(db: DocDeckDB, data: Dataset): Promise<Placement['report']> {
	return db.transaction('r', [db.decks, db.cards, db.reviews], async () => (await place(db, data)).report);
}

/**
 * Imports an Anki package's rows and the media its cards use, in one transaction: a conflict, or a
 * disk that fills up half-way, leaves the database as it was. `retire` are the cards the learner
 * chose to retire among those the package no longer has (the preview's `vanished`); any others
 * here are left as they are.
 */
export function importAnki(db: DocDeckDB, data: Dataset, scheduler: Scheduler, media: readonly MediaFile[] = [], options: { retire?: readonly string[] } = {}): Promise<AnkiImportReport> {
	return db.transaction('rw', [db.decks, db.cards, db.states, db.reviews, db.media, db.meta, db.outbox], async () => {
		const placed = await place(db, data);
		const report = await mergeDataset(db, placed.data, scheduler);
		const chosen = new Set(options.retire ?? []);
		const retire = placed.report.vanished.filter((v) => chosen.has(v.key)).map((v) => v.key);
		const [cards, states] = await Promise.all([db.cards.bulkGet(retire), db.states.bulkGet(retire)]);
		await db.cards.bulkPut(cards.filter((c): c is CardRow => !!c).map((c) => ({ ...c, retired: 1 })));
		await db.states.bulkPut(states.filter((s): s is StateRow => !!s && s.queue !== Queue.Retired).map((s) => ({ ...s, queue: Queue.Retired, retiredFrom: s.queue })));
		// Each file under the deck its cards are in here (a card may have stayed in another deck).
		const byName = new Map(media.map((m) => [m.name, m.bytes]));
		const files = mediaForCards(placed.data.cards, (name) => byName.get(name) ?? null).files;
		await db.media.bulkPut(files);
		const top = placed.data.decks.find((d) => !d.parentId) ?? placed.data.decks[0];
		const deckId = top?.id ?? placed.report.builtIn[0]?.id ?? '';
		return { ...report, placement: placed.report, mediaWritten: files.length, deckId, retired: retire.length };
	});
}

/** Everything an .apkg export of a deck holds: the deck with the decks under it, their live cards, schedules, reviews and media. */
export async function apkgExportData(db: DocDeckDB, deckId: string, now: number): Promise<ApkgExport | null> {
	return db.transaction('r', [db.decks, db.cards, db.states, db.reviews, db.media], async () => {
		const all = await db.decks.toArray();
		const root = all.find((d) => d.id === deckId);
		if (!root) return null;
		const decks = [root];
		for (let i = 0; i < decks.length; i++) for (const d of all) if (d.parentId === decks[i]!.id && !decks.includes(d) && !d.retired) decks.push(d);
		const ids = decks.map((d) => d.id);
		const cards = (await db.cards.where('[deckId+position]').between([ids[0], MIN], [ids[0], MAX]).toArray()).concat(
			...(await Promise.all(ids.slice(1).map((id) => db.cards.where('[deckId+position]').between([id, MIN], [id, MAX]).toArray())))
		);
		const live = cards.filter((c) => !c.retired);
		const keys = live.map((c) => c.key);
		const [states, reviews, media] = await Promise.all([db.states.bulkGet(keys), db.reviews.where('cardKey').anyOf(keys).toArray(), db.media.where('deckId').anyOf(ids).toArray()]);
		const names = new Map(media.map((m) => [m.name, m.bytes]));
		return { decks, cards: live, states: states.filter((s): s is StateRow => !!s), reviews, media: [...names].map(([name, bytes]) => ({ name, bytes })), now };
	});
}
