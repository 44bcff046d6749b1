// The review log as the FSRS optimiser reads it (fsrs-rs' FSRSItem): for every answer given on a
// later study day than the card's previous one, an item holding all of the card's answers up to
// it, each with the whole days since the answer before (0 for the first, and for same-day steps).

import { answerOrder } from '../replay.ts';
import type { RatingValue } from '../model.ts';

/** What the optimiser needs of one review-log row. */
export interface LoggedReview {
	id: string;
	cardKey: string;
	at: number;
	/** The local study day of the answer. */
	day: number;
	rating: RatingValue;
}

export interface FsrsReview {
	rating: RatingValue;
	/** Whole study days since the card's previous answer (0 for its first). */
	deltaT: number;
}

/** One item: the first `length` answers of a card; the last is the one predicted. */
export interface FsrsItem {
	reviews: readonly FsrsReview[];
	length: number;
	/** When the last answer was given: items are ordered by it (recent ones weigh more). */
	at: number;
}

export interface ItemSet {
	items: FsrsItem[];
	cards: number;
	reviews: number;
}

/** Fewer items than this and fsrs-rs keeps the default parameters. */
export const MIN_ITEMS_ANY = 8;
/** Fewer than this and fsrs-rs fits only the first four parameters (the initial stabilities). */
export const MIN_ITEMS_ALL = 64;

/** Groups the log by card and builds the items, oldest last answer first. */
export function fsrsItems(log: Iterable<LoggedReview>): ItemSet {
	const byCard = new Map<string, LoggedReview[]>();
	let reviews = 0;
	for (const r of log) {
		reviews++;
		const list = byCard.get(r.cardKey);
		if (list) list.push(r);
		else byCard.set(r.cardKey, [r]);
	}
	const items: FsrsItem[] = [];
	for (const answers of byCard.values()) {
		answers.sort(answerOrder);
		const card: FsrsReview[] = answers.map((a, i) => ({ rating: a.rating, deltaT: i === 0 ? 0 : Math.max(0, a.day - answers[i - 1]!.day) }));
		for (let i = 1; i < card.length; i++) if (card[i]!.deltaT > 0) items.push({ reviews: card, length: i + 1, at: answers[i]!.at });
	}
	items.sort((a, b) => a.at - b.at);
	return { items, cards: byCard.size, reviews };
}

/** How much an optimiser run can fit from this many items, and how many more it needs. */
export type Readiness = { fit: 'none'; more: number } | { fit: 'first'; more: number } | { fit: 'all' };

export function readiness(items: number): Readiness {
	if (items < MIN_ITEMS_ANY) return { fit: 'none', more: MIN_ITEMS_ANY - items };
	if (items < MIN_ITEMS_ALL) return { fit: 'first', more: MIN_ITEMS_ALL - items };
	return { fit: 'all' };
}

/** The items as fsrs-browser's computeParameters takes them: ratings and delta_t concatenated, and each item's length. */
export function flatItems(items: readonly FsrsItem[]): { ratings: Uint32Array; deltaTs: Uint32Array; lengths: Uint32Array } {
	let total = 0;
	for (const it of items) total += it.length;
	const ratings = new Uint32Array(total);
	const deltaTs = new Uint32Array(total);
	const lengths = new Uint32Array(items.length);
	let k = 0;
	items.forEach((it, i) => {
		lengths[i] = it.length;
		for (let j = 0; j < it.length; j++, k++) {
			ratings[k] = it.reviews[j]!.rating;
			deltaTs[k] = it.reviews[j]!.deltaT;
		}
	});
	return { ratings, deltaTs, lengths };
}
