// What the workload simulation reads: every card in study (its memory, or new) and the learner's
// answer times.

import type { AnswerCosts, SimCard } from '$lib/core/fsrs/simulate';
import { answerCosts } from '$lib/core/fsrs/simulate';
import { FsrsState } from '$lib/core/model';
import { DAY } from '$lib/core/time';
import type { DocDeckDB, StateRow } from './db';
import { deckWithChildren } from './study';

export async function readWorkload(db: DocDeckDB, now: number, deckId?: string): Promise<{ cards: SimCard[]; costs: AnswerCosts }> {
	return db.transaction('r', [db.states, db.reviews, db.decks], async () => {
		const cards: SimCard[] = [];
		// A deck is simulated with the subdecks studied with it.
		const deckIds = deckId === undefined ? null : await deckWithChildren(db, deckId);
		const take = (s: StateRow) => {
			if (s.queue < 0) return;
			const sc = s.schedule;
			cards.push(sc.state === FsrsState.New || sc.lastReview === null ? { memory: null, elapsedDays: 0 } : { memory: { stability: sc.stability, difficulty: sc.difficulty }, elapsedDays: Math.max(0, (now - sc.lastReview) / DAY) });
		};
		if (deckIds === null) await db.states.each(take);
		else for (const id of deckIds) await db.states.where('[deckId+queue+due]').between([id, -Infinity, -Infinity], [id, Infinity, Infinity]).each(take);
		const log: Parameters<typeof answerCosts>[0] = [];
		await db.reviews.each((r) => log.push({ rating: r.rating, durationMs: r.durationMs, first: r.stateBefore === FsrsState.New }));
		return { cards, costs: answerCosts(log) };
	});
}
