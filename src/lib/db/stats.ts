// What the statistics screen reads: the review log, the cards' schedules and source passages, of
// one deck or of all of them. Only the fields the figures need leave this module.

import type { StatsCard, StatsInput, StatsReview } from '$lib/core/stats';
import type { Passage } from '$lib/core/model';
import { MAX, MIN, type DocDeckDB } from './db';

export async function readStats(db: DocDeckDB, deckId: string | null): Promise<Pick<StatsInput, 'reviews' | 'cards' | 'passages'>> {
	return db.transaction('r', [db.decks, db.cards, db.states, db.reviews], async () => {
		const reviews: StatsReview[] = [];
		const keep = (r: { day: number; rating: StatsReview['rating']; durationMs: number; stateBefore: StatsReview['stateBefore']; before: { scheduledDays: number } }) =>
			reviews.push({ day: r.day, rating: r.rating, durationMs: r.durationMs, stateBefore: r.stateBefore, scheduledDaysBefore: r.before.scheduledDays });
		const passageOf = new Map<string, string>();
		let passages: Passage[] = [];
		if (deckId === null) {
			await db.reviews.each(keep);
		} else {
			await db.reviews.where('[deckId+day+stateBefore]').between([deckId, MIN, MIN], [deckId, MAX, MAX]).each(keep);
			const deck = await db.decks.get(deckId);
			passages = deck?.source.passages ?? [];
			// Passages matter only where the deck has a source to map.
			if (passages.length) await db.cards.where('[deckId+position]').between([deckId, MIN], [deckId, MAX]).each((c) => passageOf.set(c.key, c.passage));
		}
		const states = deckId === null ? await db.states.toArray() : await db.states.where('[deckId+queue+due]').between([deckId, MIN, MIN], [deckId, MAX, MAX]).toArray();
		const cards: StatsCard[] = states.map((s) => ({
			key: s.key,
			passage: passageOf.get(s.key) ?? '',
			queue: s.queue,
			state: s.schedule.state,
			stability: s.schedule.stability,
			difficulty: s.schedule.difficulty,
			scheduledDays: s.schedule.scheduledDays,
			lastReview: s.schedule.lastReview,
			due: s.schedule.due
		}));
		return { reviews, cards, passages };
	});
}
