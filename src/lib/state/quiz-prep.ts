// Asking a card in its question form: the form the settings and the card call for, the options of
// a choice or select-all question, and the learner's typical answer times (for proposing Easy).
// The grader loads only when a card needs more than a flip, so the first card shows without it.

import type { Passage } from '$lib/core/model';
import type { QuizMode } from '$lib/core/quiz/forms';
import { alwaysFlip } from '$lib/core/quiz/forms';
import type { Verdict } from '$lib/core/quiz/typed';
import type { ChoicePool, QuizEngine } from '$lib/core/quiz/engine';
import type { RatingValue } from '$lib/core/model';
import type { DocDeckDB } from '$lib/db/db';
import { cardsAround, recentRightDurations, type QueueItem } from '$lib/db/study';
import { CardQuiz, type QuizResult } from './card-quiz.svelte';
import { startOrder } from '$lib/core/order-quiz';

export interface PrepEnv {
	db: DocDeckDB;
	deckId: string;
	/** The deck's source, whose terms and abbreviations the grader learns. */
	passages: () => readonly Passage[];
	/** Today's study day (for the recent answer times). */
	today: () => number;
	/** Different for every session: each attempt at an ordering card starts from its own arrangement. */
	nonce?: () => string;
}

/** Cards around a position that distractors come from, read in stretches of this many. */
const STRETCH = 100;

export class QuizPrep {
	#env: PrepEnv;
	#engine: QuizEngine | null = null;
	#loading: Promise<QuizEngine> | null = null;
	/** Plain caches for the session, never shown: not reactive on purpose. */
	#pools = new Map<string, ChoicePool>();
	#times = new Map<string, number[]>();
	/** Each ordering card's attempts this session and the arrangement the last one started from. */
	#starts = new Map<string, { attempts: number; last: number[] }>();
	#nonce: string | undefined;

	constructor(env: PrepEnv) {
		this.#env = env;
	}

	/** Loads the grader now (e.g. once the first card is on screen), so no later card waits for it. */
	engine(): Promise<QuizEngine> {
		this.#loading ??= import('$lib/core/quiz/engine').then((m) => (this.#engine = m));
		return this.#loading;
	}

	/** The card in the question form `mode` and the card call for. */
	async prepare(item: QueueItem, mode: QuizMode, onResult: (r: QuizResult) => void): Promise<CardQuiz> {
		const { card, state } = item;
		const seed = `${card.key}:${state.schedule.reps}`;
		if (alwaysFlip(mode, card, state.schedule)) return new CardQuiz({ form: 'flip', card, seed, engine: null, onResult });
		const q = await this.engine();
		// Build a choice or select question only where it would change the form the card gets.
		const all = q.chooseForm(mode, card, state.schedule, { choice: true, select: true });
		const none = q.chooseForm(mode, card, state.schedule, { choice: false, select: false });
		const needsContext = all !== 'flip' || none !== 'flip';
		const pool = needsContext && all !== 'order' ? await this.#pool(q, card.deckId, card.position) : null;
		const choice = pool && all === 'choice' && all !== none ? q.buildChoice(card.key, card, pool, seed) : null;
		const select = pool && all === 'select' && all !== none ? q.buildSelect(card.key, card, pool, seed) : null;
		const form = q.chooseForm(mode, card, state.schedule, { choice: !!choice, select: !!select });
		// Typical answer times matter only where a result can propose Easy (not for a flip card).
		const timing = `${form}:${card.kind}`;
		if (form !== 'flip' && !this.#times.has(timing)) this.#times.set(timing, await recentRightDurations(this.#env.db, this.#env.deckId, this.#env.today(), form, card.kind));
		return new CardQuiz({ form, card, seed, engine: q, choice, select, ctx: pool?.ctx, start: form === 'order' ? this.#start(card.key, card.items.length, seed) : undefined, onResult });
	}

	/** Where an ordering attempt starts: a fair arrangement of its own, never the last attempt's. */
	#start(key: string, count: number, seed: string): number[] {
		const seen = this.#starts.get(key);
		const attempts = (seen?.attempts ?? 0) + 1;
		this.#nonce ??= this.#env.nonce?.() ?? '';
		const start = startOrder(count, `${seed}:${this.#nonce}:${attempts}`, seen?.last);
		this.#starts.set(key, { attempts, last: start });
		return start;
	}

	/** The rating a quiz result proposes (its grader is loaded: the quiz was checked with it). */
	propose(quiz: CardQuiz, r: QuizResult, durationMs: number): RatingValue {
		if (r.gaveUp || !this.#engine) return 1;
		const typicalMs = this.#engine.typicalTime(this.#times.get(`${quiz.form}:${quiz.card.kind}`) ?? []);
		return this.#engine.proposeRating(r.verdict as Verdict, { hinted: r.hinted, durationMs, typicalMs });
	}

	/** A right answer's time joins the learner's typical times for its form and kind. */
	noteRight(quiz: CardQuiz, durationMs: number): void {
		this.#times.get(`${quiz.form}:${quiz.card.kind}`)?.push(durationMs);
	}

	/**
	 * The cards around a position (the pool distractors come from) with the deck's grading context:
	 * its abbreviations and terms, learnt once from those cards and the source document.
	 */
	async #pool(q: QuizEngine, deckId: string, position: number): Promise<ChoicePool> {
		// (A session over subdecks asks each card among the cards of its own deck.)
		const stretch = Math.floor(position / STRETCH);
		let pool = this.#pools.get(`${deckId}:${stretch}`);
		if (!pool) {
			const siblings = (await cardsAround(this.#env.db, deckId, stretch * STRETCH + STRETCH / 2, 2 * STRETCH)).map((card) => ({ key: card.key, card }));
			const texts = [...siblings.map((s) => `${s.card.question}\n${s.card.answer}\n${s.card.items.join('\n')}`), ...this.#env.passages().map((p) => p.text)];
			pool = q.choicePool(siblings, q.gradeContext(texts));
			this.#pools.set(`${deckId}:${stretch}`, pool);
		}
		return pool;
	}
}
