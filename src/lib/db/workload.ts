// What the workload simulation reads: every card in study (its memory, or new) and the learner's
// answer times.

import type { AnswerCosts, SimCard } from '$lib/core/fsrs/simulate';
import { answerCosts } from '$lib/core/fsrs/simulate';
import { FsrsState } from '$lib/core/model';
import { DAY } from '$lib/core/time';
import type { DocDeckDB } from './db';

export async function readWorkload(db: DocDeckDB, now: number, deckId?: string): Promise<{ cards: SimCard[]; costs: AnswerCosts }> {
	return db.transaction('r', [db.states, db.reviews], async () => {
		const cards: SimCard[] = [];
		const states = deckId === undefined ? db.states.toCollection() : db.states.where('[deckId+queue+due]').between([deckId, -Infinity, -Infinity], [deckId, Infinity, Infinity]);
		await states.each((s) => {
			if (s.queue < 0) return;
			const sc = s.schedule;
			cards.push(sc.state === FsrsState.New || sc.lastReview === null ? { memory: null, elapsedDays: 0 } : { memory: { stability: sc.stability, difficulty: sc.difficulty }, elapsedDays: Math.max(0, (now - sc.lastReview) / DAY) });
		});
		const log: Parameters<typeof answerCosts>[0] = [];
		await db.reviews.each((r) => log.push({ rating: r.rating, durationMs: r.durationMs, first: r.stateBefore === FsrsState.New }));
		return { cards, costs: answerCosts(log) };
	});
}
