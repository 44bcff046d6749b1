// One study session on one deck: what the study screen shows and every action on it.

import { createScheduler, type Outcome, type Scheduler } from '$lib/core/schedule';
import { dayWindow, type QueueCounts } from '$lib/core/queue';
import { RATING_NAMES, type Passage, type RatingValue } from '$lib/core/model';
import type { StudySettings } from '$lib/core/settings';
import type { DeckRow, DocDeckDB } from '$lib/db/db';
import { getDeck } from '$lib/db/decks';
import { answerCard, buryCard, loadQueue, setFlag, suspendCard, undoAnswer, unburyBefore, type Clock, type QueueItem } from '$lib/db/study';

export interface SessionEnv {
	db: DocDeckDB;
	settings: StudySettings;
	clock: () => Clock;
	newId: () => string;
	/** Called after each committed answer (e.g. to ask the browser to persist storage). */
	onAnswered?: () => void;
}

type Phase = 'loading' | 'question' | 'answer' | 'done' | 'missing';

interface UndoEntry {
	reviewId: string;
	question: string;
}

export class ReviewSession {
	phase = $state<Phase>('loading');
	deck = $state.raw<DeckRow | null>(null);
	items = $state.raw<QueueItem[]>([]);
	counts = $state<QueueCounts>({ new: 0, learning: 0, review: 0 });
	nextAt = $state<number | null>(null);
	/** The four grades' outcomes for the card shown, computed when the answer is revealed. */
	outcomes = $state.raw<Record<RatingValue, Outcome> | null>(null);
	/** An action is being written: the grade buttons wait for it. */
	busy = $state(false);
	/** Short confirmation of the last action, for a polite live region. */
	notice = $state('');
	answeredThisSession = $state(0);
	#undo = $state.raw<UndoEntry[]>([]);

	current = $derived<QueueItem | null>(this.items[0] ?? null);
	passage = $derived<Passage | null>(this.deck?.source.passages.find((p) => p.id === this.current?.card.passage) ?? null);
	canUndo = $derived(this.#undo.length > 0);

	readonly deckId: string;
	#env: SessionEnv;
	#scheduler: Scheduler;
	#shownAt = 0;

	constructor(deckId: string, env: SessionEnv) {
		this.deckId = deckId;
		this.#env = env;
		this.#scheduler = createScheduler(env.settings);
	}

	async start(): Promise<void> {
		const deck = await getDeck(this.#env.db, this.deckId);
		if (!deck) {
			this.phase = 'missing';
			return;
		}
		this.deck = deck;
		await unburyBefore(this.#env.db, this.deckId, this.#today());
		await this.#refresh();
	}

	#today(): number {
		const c = this.#env.clock();
		return dayWindow(c.now, this.#env.settings.dayStartHour, c.utcOffsetMinutes).day;
	}

	async #refresh(): Promise<void> {
		const view = await loadQueue(this.#env.db, this.deckId, this.#env.clock(), this.#env.settings, 5);
		this.items = view.items;
		this.counts = view.counts;
		this.nextAt = view.nextAt;
		this.outcomes = null;
		this.phase = view.items.length ? 'question' : 'done';
		this.#shownAt = this.#env.clock().now;
	}

	/** Checks again for due cards (e.g. when a learning card's wait is over). */
	async reload(): Promise<void> {
		if (this.busy || this.phase === 'answer') return;
		await this.#refresh();
	}

	reveal(): void {
		const item = this.current;
		if (this.phase !== 'question' || !item) return;
		this.outcomes = this.#scheduler.preview(item.state.key, item.state.schedule, this.#env.clock().now);
		this.phase = 'answer';
	}

	/** Grades the card shown. The next card appears only after the answer has been committed. */
	async answer(rating: RatingValue): Promise<void> {
		const item = this.current;
		if (this.phase !== 'answer' || !item || this.busy) return;
		this.busy = true;
		try {
			const clock = this.#env.clock();
			const review = await answerCard(this.#env.db, this.#scheduler, {
				cardKey: item.state.key,
				rating,
				clock,
				dayStartHour: this.#env.settings.dayStartHour,
				durationMs: clock.now - this.#shownAt,
				expectedReps: item.state.schedule.reps,
				reviewId: this.#env.newId()
			});
			this.#undo = [...this.#undo, { reviewId: review.id, question: item.card.question }];
			this.answeredThisSession++;
			this.notice = `Answered ${RATING_NAMES[rating]}.`;
			this.#env.onAnswered?.();
		} finally {
			try {
				await this.#refresh();
			} finally {
				this.busy = false;
			}
		}
	}

	/** Takes back the last answer of this session; its card comes back as the current card. */
	async undo(): Promise<void> {
		const last = this.#undo.at(-1);
		if (!last || this.busy) return;
		this.busy = true;
		try {
			await undoAnswer(this.#env.db, last.reviewId);
			this.#undo = this.#undo.slice(0, -1);
			this.answeredThisSession = Math.max(0, this.answeredThisSession - 1);
			await this.#refresh();
			this.notice = 'Last answer undone.';
		} finally {
			this.busy = false;
		}
	}

	async #act(action: (key: string) => Promise<unknown>, notice: string): Promise<void> {
		const item = this.current;
		if (!item || this.busy) return;
		this.busy = true;
		try {
			await action(item.state.key);
			this.notice = notice;
			await this.#refresh();
		} finally {
			this.busy = false;
		}
	}

	bury(): Promise<void> {
		return this.#act((key) => buryCard(this.#env.db, key, this.#today()), 'Card buried until tomorrow.');
	}

	suspend(): Promise<void> {
		return this.#act((key) => suspendCard(this.#env.db, key), 'Card suspended. Unsuspend it from Browse.');
	}

	async toggleFlag(): Promise<void> {
		const item = this.current;
		if (!item || this.busy) return;
		const flag = item.state.flag ? 0 : 1;
		const state = await setFlag(this.#env.db, item.state.key, flag);
		this.items = [{ ...item, state }, ...this.items.slice(1)];
		this.notice = flag ? 'Card flagged.' : 'Flag removed.';
	}
}
