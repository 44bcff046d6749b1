// Where an imported Anki package lands among the decks already here. Identity comes from Anki's
// own ids, never from names: a card is found by its note's guid (or note id) and template number,
// a deck by the cards it holds and by Anki's deck id. So importing a package again, after a deck
// was renamed in Anki or the names are in any script, updates what is here instead of refusing
// or duplicating it. Pure: the storage layer hands in the rows that share identities.

import type { Dataset, DeckRow } from '../records.ts';
import { cardKey } from '../sync.ts';

export interface LocalCard {
	key: string;
	deckId: string;
	id: string;
	refs?: string[];
}

export interface Placement {
	/** The package's rows, with deck ids and card keys those already here use. */
	data: Dataset;
	report: {
		/** Cards of the package already here (their history is united, their content updated). */
		existing: number;
		/** Of those, cards that are in another deck here than the package puts them in: they stay where they are. */
		stayed: number;
		/** Decks here that the package updates, with their title here and the package's title. */
		updated: { id: string; title: string; newTitle: string }[];
	};
}

/** Anki gives every collection's default deck the id 1, so that id alone says nothing. */
const SHARED_DECK_REFS = new Set(['anki:1']);

export function placeAnkiImport(incoming: Dataset, local: { decks: DeckRow[]; cards: LocalCard[] }): Placement {
	const byRef = new Map<string, LocalCard>();
	for (const c of local.cards) for (const r of c.refs ?? []) if (!byRef.has(r)) byRef.set(r, c);
	const localDecks = new Map(local.decks.map((d) => [d.id, d]));

	// Each package card already here, by the first of its identities found.
	const found = new Map<string, LocalCard>();
	const votes = new Map<string, Map<string, number>>();
	for (const c of incoming.cards) {
		const mine = (c.refs ?? []).map((r) => byRef.get(r)).find((x) => !!x);
		if (!mine || localDecks.get(mine.deckId)?.origin !== 'imported') continue;
		found.set(c.key, mine);
		const v = votes.get(c.deckId) ?? new Map<string, number>();
		v.set(mine.deckId, (v.get(mine.deckId) ?? 0) + 1);
		votes.set(c.deckId, v);
	}

	// Each package deck goes to the deck here holding most of its cards, or with its Anki deck id.
	const candidates: { from: string; to: string; score: number }[] = [];
	for (const d of incoming.decks) {
		for (const [to, n] of votes.get(d.id) ?? []) candidates.push({ from: d.id, to, score: n + (sameRef(d, localDecks.get(to)) ? 0.5 : 0) });
		for (const l of local.decks) if (l.origin === 'imported' && sameRef(d, l) && !votes.get(d.id)?.has(l.id)) candidates.push({ from: d.id, to: l.id, score: 0.5 });
	}
	candidates.sort((a, b) => b.score - a.score || (a.from < b.from ? -1 : 1));
	const deckMap = new Map<string, string>();
	const taken = new Set<string>();
	for (const c of candidates) {
		if (deckMap.has(c.from) || taken.has(c.to)) continue;
		deckMap.set(c.from, c.to);
		taken.add(c.to);
	}
	// A new deck keeps its own id unless a deck here already has it.
	for (const d of incoming.decks) {
		if (deckMap.has(d.id)) continue;
		let id = d.id;
		for (let n = 2; localDecks.has(id) || taken.has(id); n++) id = `${d.id}-${n}`;
		deckMap.set(d.id, id);
		taken.add(id);
	}

	const report: Placement['report'] = { existing: found.size, stayed: 0, updated: [] };
	const decks = incoming.decks.map((d) => {
		const id = deckMap.get(d.id)!;
		const here = localDecks.get(id);
		if (here) report.updated.push({ id, title: here.title, newTitle: d.title });
		const parentId = d.parentId ? deckMap.get(d.parentId) : undefined;
		const { parentId: _old, ...rest } = d;
		return { ...rest, id, ...(parentId ? { parentId } : {}) };
	});
	const keyMap = new Map<string, { key: string; deckId: string; id: string }>();
	for (const c of incoming.cards) {
		const mine = found.get(c.key);
		const deckId = deckMap.get(c.deckId)!;
		if (mine && mine.deckId !== deckId) report.stayed++;
		keyMap.set(c.key, mine ? { key: mine.key, deckId: mine.deckId, id: mine.id } : { key: cardKey(deckId, c.id), deckId, id: c.id });
	}
	const to = (key: string) => keyMap.get(key)!;
	return {
		data: {
			decks,
			cards: incoming.cards.map((c) => ({ ...c, ...to(c.key) })),
			states: incoming.states.map((s) => ({ ...s, key: to(s.key).key, deckId: to(s.key).deckId })),
			reviews: incoming.reviews.map((r) => ({ ...r, cardKey: to(r.cardKey).key, deckId: to(r.cardKey).deckId }))
		},
		report
	};
}

function sameRef(a: DeckRow, b: DeckRow | undefined): boolean {
	return !!a.ref && !!b?.ref && a.ref === b.ref && !SHARED_DECK_REFS.has(a.ref);
}
