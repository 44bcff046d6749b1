// Where an imported Anki package lands among the decks already here. Identity comes from ids,
// never from names: a card DocDeck exported carries its own key here ("docdeck:<key>"), any other
// card is found by its note's guid (or note id) and template number, a deck by the cards it holds
// and by Anki's deck id. So importing a package again, after a deck was renamed in Anki, or
// bringing a DocDeck export back to the device it came from, updates what is here instead of
// refusing or duplicating it. Reviews are united by their own ids. Pure: the storage layer hands
// in the rows that share identities.

import type { CardRow, Dataset, DeckRow } from '../records.ts';
import { cardKey } from '../sync.ts';

export interface LocalCard {
	key: string;
	deckId: string;
	id: string;
	refs?: string[];
	question?: string;
	retired?: 0 | 1;
}

/** The ref a card DocDeck exported carries: its key on the device it was exported from. */
export const DOCDECK_REF = 'docdeck:';

export interface Placement {
	/** The package's rows, with deck ids and card keys those already here use. */
	data: Dataset;
	/** The decks here that the package's decks holding cards are (imported decks only). */
	decksWithCards: string[];
	/** Keys here of the package's cards that are already here. */
	known: string[];
	report: {
		/** Cards of the package already here (their history is united, their content updated). */
		existing: number;
		/** Of those, cards that are in another deck here than the package puts them in: they stay where they are. */
		stayed: number;
		/** Decks here that the package updates, with their title here and the package's title. */
		updated: { id: string; title: string; newTitle: string }[];
		/** Reviews in the package that are already here (the same answers, by their own ids): not added again. */
		reviewsHere: number;
		/** Built-in decks the package holds cards of: their cards and wording stay as the app has them. */
		builtIn: { id: string; title: string }[];
		/** Cards the package puts in a built-in deck that the deck does not have: left out (with their reviews). */
		notInBuiltIn: number;
		/** Cards here, in the decks the package updates, that the package no longer has (deleted in Anki). */
		vanished: { key: string; question: string }[];
	};
}

/** Anki gives every collection's default deck the id 1, so that id alone says nothing. */
const SHARED_DECK_REFS = new Set(['anki:1']);

export function placeAnkiImport(
	incoming: Dataset,
	local: {
		decks: DeckRow[];
		/** Cards here sharing an identity with the package's (by ref, or by the key a DocDeck ref names). */
		cards: LocalCard[];
		/** Ids of the package's reviews that are already here. */
		reviewIds?: ReadonlySet<string>;
	}
): Placement {
	const byRef = new Map<string, LocalCard>();
	for (const c of local.cards) {
		byRef.set(DOCDECK_REF + c.key, c);
		for (const r of c.refs ?? []) if (!byRef.has(r)) byRef.set(r, c);
	}
	const localDecks = new Map(local.decks.map((d) => [d.id, d]));
	const builtIn = (deckId: string) => localDecks.get(deckId)?.origin === 'bundled';

	// Each package card already here, by the first of its identities found. A built-in deck's card
	// is found only by the key its own export wrote; Anki's ids never point into a built-in deck.
	const found = new Map<string, LocalCard>();
	const votes = new Map<string, Map<string, number>>();
	for (const c of incoming.cards) {
		const mine = (c.refs ?? [])
			.map((r) => {
				const here = byRef.get(r);
				return here && (localDecks.get(here.deckId)?.origin === 'imported' || (r.startsWith(DOCDECK_REF) && builtIn(here.deckId))) ? here : undefined;
			})
			.find((x) => !!x);
		if (!mine) continue;
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

	const report: Placement['report'] = { existing: found.size, stayed: 0, updated: [], reviewsHere: 0, builtIn: [], notInBuiltIn: 0, vanished: [] };
	// A built-in deck is the app's: its row is never written by an import.
	const decks: DeckRow[] = [];
	for (const d of incoming.decks) {
		const id = deckMap.get(d.id)!;
		const here = localDecks.get(id);
		if (here?.origin === 'bundled') {
			report.builtIn.push({ id, title: here.title });
			continue;
		}
		if (here) report.updated.push({ id, title: here.title, newTitle: d.title });
		const mapped = d.parentId ? deckMap.get(d.parentId) : undefined;
		// A deck is not put under a built-in deck: it stays at the top.
		const parentId = mapped && !builtIn(mapped) ? mapped : undefined;
		const { parentId: _old, ...rest } = d;
		decks.push({ ...rest, id, ...(parentId ? { parentId } : {}) });
	}

	const reviewIds = local.reviewIds ?? new Set<string>();
	const newReviews = incoming.reviews.filter((r) => !reviewIds.has(r.id));
	report.reviewsHere = incoming.reviews.length - newReviews.length;
	const gaining = new Set(newReviews.map((r) => r.cardKey));

	const keyMap = new Map<string, { key: string; deckId: string; id: string }>();
	const cards: CardRow[] = [];
	const landed = new Set<string>();
	for (const c of incoming.cards) {
		const mine = found.get(c.key);
		const deckId = deckMap.get(c.deckId)!;
		landed.add(deckId);
		if (!mine && builtIn(deckId)) {
			report.notInBuiltIn++;
			continue;
		}
		if (mine && mine.deckId !== deckId) report.stayed++;
		const to = mine ? { key: mine.key, deckId: mine.deckId, id: mine.id } : { key: cardKey(deckId, c.id), deckId, id: c.id };
		// A built-in card that gains no answer is left exactly as it is.
		if (mine && builtIn(mine.deckId) && !gaining.has(c.key)) continue;
		keyMap.set(c.key, to);
		const refs = [...new Set([...(mine?.refs ?? []), ...(c.refs ?? [])])];
		cards.push({ ...c, ...to, ...(refs.length ? { refs } : {}) });
	}
	const to = (key: string) => keyMap.get(key);
	return {
		data: {
			decks,
			cards,
			states: incoming.states.flatMap((s) => {
				const t = to(s.key);
				return t ? [{ ...s, key: t.key, deckId: t.deckId }] : [];
			}),
			reviews: newReviews.flatMap((r) => {
				const t = to(r.cardKey);
				return t ? [{ ...r, cardKey: t.key, deckId: t.deckId }] : [];
			})
		},
		decksWithCards: [...landed].filter((id) => !builtIn(id)),
		known: [...found.values()].map((c) => c.key),
		report
	};
}

/**
 * The cards here, in the imported decks the package's cards land in, that the package no longer
 * holds: notes deleted in Anki since the last import. They are offered for retirement, never
 * retired or kept without asking. `deckCards` are the cards here of `placement.decksWithCards`.
 */
export function vanishedCards(placement: Placement, deckCards: readonly LocalCard[]): Placement['report']['vanished'] {
	const present = new Set([...placement.known, ...placement.data.cards.map((c) => c.key)]);
	const decks = new Set(placement.decksWithCards);
	return deckCards
		.filter((c) => decks.has(c.deckId) && !c.retired && !present.has(c.key))
		.map((c) => ({ key: c.key, question: c.question ?? '' }))
		.sort((a, b) => (a.key < b.key ? -1 : 1));
}

function sameRef(a: DeckRow, b: DeckRow | undefined): boolean {
	return !!a.ref && !!b?.ref && a.ref === b.ref && !SHARED_DECK_REFS.has(a.ref);
}
