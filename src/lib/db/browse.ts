// Browsing a deck: its cards with their schedules, filtered and searched, and one card's history.

import { Queue, queueOf } from '$lib/core/model';
import { stripHtml } from '$lib/core/strip-html';
import { hasTag, tagTree, type TagNode } from '$lib/core/tags';
import { MAX, MIN, type CardRow, type DocDeckDB, type ReviewRow, type StateRow } from './db';

export type BrowseFilter = 'all' | 'due' | 'new' | 'suspended' | 'buried' | 'flagged' | 'retired';

export interface BrowseRow {
	card: CardRow;
	state: StateRow | undefined;
}

export interface BrowseResult {
	rows: BrowseRow[];
	/** How many matching cards were found. */
	matched: number;
	/** True when more cards match than the page holds (the search stopped there). */
	more: boolean;
}

const PAGE = 250;

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

/**
 * The index ranges a filter is answered from ([deckId+queue+due], in that order): each queue up
 * to a bound (`due` lists learning cards due now, then reviews due before the day ends).
 */
function ranges(filter: BrowseFilter, now: number, dayEnd: number): { queue: number; upTo: number }[] | null {
	switch (filter) {
		case 'new':
			return [{ queue: Queue.New, upTo: MAX }];
		case 'suspended':
			return [{ queue: Queue.Suspended, upTo: MAX }];
		case 'buried':
			return [{ queue: Queue.Buried, upTo: MAX }];
		case 'retired':
			return [{ queue: Queue.Retired, upTo: MAX }];
		case 'due':
			return [
				{ queue: Queue.Learning, upTo: now },
				{ queue: Queue.Review, upTo: dayEnd - 1 }
			];
		default:
			return null;
	}
}

/**
 * The deck's cards that match a search and a filter, at most `limit` of them. Reads by index and
 * stops at the limit: a search over a large deck never loads the whole deck at once.
 */
export async function browseCards(
	db: DocDeckDB,
	deckId: string,
	opts: {
		query: string;
		filter: BrowseFilter;
		now: number;
		/** When today's study day ends (reviews due before it are due). */ dayEnd?: number;
		limit?: number;
		/** Only cards with this tag or one of its children. */
		tag?: string;
		/** Only the cards from this source passage. */
		passage?: string;
	}
): Promise<BrowseResult> {
	const limit = opts.limit ?? 200;
	const dayEnd = opts.dayEnd ?? opts.now;
	const terms = searchable(opts.query).split(' ').filter(Boolean);
	const text = (card: CardRow) => {
		const all = `${card.id} ${card.question} ${card.answer} ${card.explanation} ${card.section}`;
		return `${card.format === 'html' ? stripHtml(all) : all} ${card.tags?.join(' ') ?? ''}`;
	};
	const tag = opts.tag;
	const matches = (card: CardRow) => (!tag || hasTag(card.tags, tag)) && (!opts.passage || card.passage === opts.passage) && (!terms.length || terms.every((t) => searchable(text(card)).includes(t)));
	return db.transaction('r', db.cards, db.states, async () => {
		const rows: BrowseRow[] = [];
		let matched = 0;
		const queueRanges = ranges(opts.filter, opts.now, dayEnd);
		if (queueRanges) {
			// A queue's cards on its index, a page at a time, stopping once the list is full: the "new"
			// cards of a 100 000-card deck are never all read to show a page of them.
			for (const { queue, upTo } of queueRanges) {
				let from: number = MIN;
				let seenAtFrom = new Set<string>();
				for (;;) {
					const page = (await db.states.where('[deckId+queue+due]').between([deckId, queue, from], [deckId, queue, upTo], true, true).limit(PAGE + seenAtFrom.size).toArray()).filter((st) => !seenAtFrom.has(st.key));
					if (page.length === 0) break;
					const cards = await db.cards.bulkGet(page.map((st) => st.key));
					for (let i = 0; i < page.length; i++) {
						const card = cards[i];
						if (!card || !keep(opts.filter, page[i], opts.now, dayEnd) || !matches(card)) continue;
						if (rows.length === limit) return { rows, matched, more: true };
						matched++;
						rows.push({ card, state: page[i] });
					}
					// The next page starts at the last sort key read; rows sharing it are skipped by key.
					const last = page[page.length - 1]!.due;
					seenAtFrom = new Set([...(last === from ? seenAtFrom : []), ...page.filter((st) => st.due === last).map((st) => st.key)]);
					from = last;
				}
			}
			return { rows, matched, more: false };
		}
		// All cards or flagged ones: walk the deck in order, a page at a time, and stop once full.
		let after = MIN;
		for (;;) {
			const cards = await db.cards.where('[deckId+position]').between([deckId, after], [deckId, MAX], false, true).limit(PAGE).toArray();
			if (cards.length === 0) return { rows, matched, more: false };
			const states = await db.states.bulkGet(cards.map((c) => c.key));
			for (let i = 0; i < cards.length; i++) {
				const card = cards[i]!;
				if (!keep(opts.filter, states[i], opts.now, dayEnd) || !matches(card)) continue;
				if (rows.length === limit) return { rows, matched, more: true };
				matched++;
				rows.push({ card, state: states[i] });
			}
			after = cards[cards.length - 1]!.position;
		}
	});
}

/** A card's answers, newest first. */
export async function cardReviews(db: DocDeckDB, cardKey: string): Promise<ReviewRow[]> {
	const rows = await db.reviews.where('cardKey').equals(cardKey).toArray();
	return rows.sort((a, b) => b.at - a.at);
}


/** The tags of a deck's cards as a tree, with how many cards carry each (or one of its children). */
export async function deckTags(db: DocDeckDB, deckId: string): Promise<TagNode[]> {
	const tags: string[][] = [];
	await db.cards.where('[deckId+position]').between([deckId, MIN], [deckId, MAX]).each((c) => {
		if (c.tags?.length && !c.retired) tags.push(c.tags);
	});
	return tagTree(tags);
}

/**
 * Suspends, or puts back in their queues, every card of a deck with a tag (or one of its children),
 * in one transaction. Returns how many cards changed. Retired cards are left as they are.
 */
export async function setSuspendedByTag(db: DocDeckDB, deckId: string, tag: string, suspend: boolean): Promise<number> {
	return db.transaction('rw', db.cards, db.states, async () => {
		const cards = (await db.cards.where('tags').startsWithIgnoreCase(tag).toArray()).filter((c) => c.deckId === deckId && hasTag(c.tags, tag));
		const states = await db.states.bulkGet([...new Set(cards.map((c) => c.key))]);
		const writes: StateRow[] = [];
		for (const s of states) {
			if (!s || s.queue === Queue.Retired) continue;
			if (suspend && s.queue !== Queue.Suspended) writes.push({ ...s, queue: Queue.Suspended });
			if (!suspend && (s.queue === Queue.Suspended || s.queue === Queue.Buried)) writes.push({ ...s, queue: queueOf(s.schedule.state) });
		}
		await db.states.bulkPut(writes);
		return writes.length;
	});
}
