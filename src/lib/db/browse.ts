// Browsing a deck: its cards with their schedules, filtered and searched, and one card's history.

import { Queue } from '$lib/core/model';
import type { CardRow, DocDeckDB, ReviewRow, StateRow } from './db';

export type BrowseFilter = 'all' | 'due' | 'new' | 'suspended' | 'buried' | 'flagged' | 'retired';

export interface BrowseRow {
	card: CardRow;
	state: StateRow | undefined;
}

export interface BrowseResult {
	rows: BrowseRow[];
	/** How many cards matched before the page limit. */
	matched: number;
}

function keep(filter: BrowseFilter, state: StateRow | undefined, now: number, dayEnd: number): boolean {
	if (!state) return filter === 'all';
	switch (filter) {
		case 'all':
			return state.queue !== Queue.Retired;
		case 'due':
			// As the study queue counts them: learning cards due now, reviews due before the day ends.
			return (state.queue === Queue.Learning && state.due <= now) || (state.queue === Queue.Review && state.due < dayEnd);
		case 'new':
			return state.queue === Queue.New;
		case 'suspended':
			return state.queue === Queue.Suspended;
		case 'buried':
			return state.queue === Queue.Buried;
		case 'flagged':
			return state.flag === 1 && state.queue !== Queue.Retired;
		case 'retired':
			return state.queue === Queue.Retired;
	}
}

/** Normalises text for searching: case, accents and runs of spaces don't matter. */
export function searchable(text: string): string {
	return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ');
}

export async function browseCards(
	db: DocDeckDB,
	deckId: string,
	opts: { query: string; filter: BrowseFilter; now: number; /** When today's study day ends (reviews due before it are due). */ dayEnd?: number; limit?: number }
): Promise<BrowseResult> {
	const dayEnd = opts.dayEnd ?? opts.now;
	const limit = opts.limit ?? 200;
	const terms = searchable(opts.query).split(' ').filter(Boolean);
	return db.transaction('r', db.cards, db.states, async () => {
		const cards = await db.cards.where('[deckId+position]').between([deckId, -Infinity], [deckId, Infinity]).toArray();
		const states = await db.states.bulkGet(cards.map((c) => c.key));
		const rows: BrowseRow[] = [];
		let matched = 0;
		cards.forEach((card, i) => {
			const state = states[i];
			if (!keep(opts.filter, state, opts.now, dayEnd)) return;
			if (terms.length) {
				const hay = searchable(`${card.id} ${card.question} ${card.answer} ${card.explanation} ${card.section}`);
				if (!terms.every((t) => hay.includes(t))) return;
			}
			matched++;
			if (rows.length < limit) rows.push({ card, state });
		});
		return { rows, matched };
	});
}

/** A card's answers, newest first. */
export async function cardReviews(db: DocDeckDB, cardKey: string): Promise<ReviewRow[]> {
	const rows = await db.reviews.where('cardKey').equals(cardKey).toArray();
	return rows.sort((a, b) => b.at - a.at);
}

export function reviewCount(db: DocDeckDB): Promise<number> {
	return db.reviews.count();
}
