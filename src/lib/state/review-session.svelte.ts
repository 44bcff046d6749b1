// One study session on one deck: what the study screen shows and every action on it.

import { createScheduler, type Outcome, type Scheduler } from '$lib/core/schedule';
import { dayWindow, type QueueCounts } from '$lib/core/queue';
import { Queue, RATING_NAMES, type Passage, type RatingValue } from '$lib/core/model';
import type { StudySettings } from '$lib/core/settings';
import type { DeckRow, DocDeckDB } from '$lib/db/db';
import { getDeck } from '$lib/db/deck-rows';
import { buildChoice, type Sibling } from '$lib/core/quiz/choice';
import { chooseForm, proposeRating, typicalTime } from '$lib/core/quiz/form';
import { CardQuiz, type QuizResult } from './card-quiz.svelte';
import { summarize, type SessionSummary } from '$lib/core/progress';
import {
	answerCard,
	buryCard,
	cardConfusions,
	cardsAround,
	getQueueItem,
	loadQueue,
	recentRightDurations,
	reviewsDueTomorrow,
	type Confusion,
	restoreCard,
	setFlag,
	StudyError,
	suspendCard,
	undoAnswer,
	unburyBefore,
	type Clock,
	type QueueItem
} from '$lib/db/study';

export interface SessionEnv {
	db: DocDeckDB;
	/** Read when needed, so a change (e.g. of the question form) applies to the next card. */
	settings: () => StudySettings;
	clock: () => Clock;
	newId: () => string;
	/** Called after each committed answer (e.g. to ask the browser to persist storage). */
	onAnswered?: () => void;
}

type Phase = 'loading' | 'question' | 'answer' | 'done' | 'missing';

/** Cards read ahead of the one shown: the next one is prepared while the learner thinks. */
const QUEUE_AHEAD = 12;

interface Ahead {
	key: string;
	reps: number;
	settings: StudySettings;
	quiz: CardQuiz;
	confusions: Confusion[];
}

/** What Z takes back: an answer, or a bury or suspend of the card shown. */
type UndoEntry = { kind: 'answer'; reviewId: string; key: string } | { kind: 'bury' | 'suspend'; key: string };

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
	/** Short confirmation of the last action, shown and announced politely. */
	notice = $state('');
	answeredThisSession = $state(0);
	/** The card shown, as asked in its question form (null only while loading). */
	quiz = $state.raw<CardQuiz | null>(null);
	/** The rating the quiz result proposes; null for a flip card (Good is offered first). */
	proposed = $state<RatingValue | null>(null);
	/** Facts this card has been confused with, most often first. */
	confusions = $state.raw<Confusion[]>([]);
	#undo = $state.raw<UndoEntry[]>([]);
	/** This session's answers (an undone one taken out), for the summary at the end. */
	#given = $state.raw<{ key: string; rating: RatingValue; durationMs: number; reviewId: string }[]>([]);
	/** Reviews due tomorrow in this deck, counted when the queue runs out. */
	dueTomorrow = $state<number | null>(null);

	current = $derived<QueueItem | null>(this.items[0] ?? null);
	passage = $derived<Passage | null>(this.deck?.source.passages.find((p) => p.id === this.current?.card.passage) ?? null);
	canUndo = $derived(this.#undo.length > 0);
	summary = $derived<SessionSummary>(summarize(this.#given));

	readonly deckId: string;
	#env: SessionEnv;
	#shownAt = 0;
	#schedulerFor: StudySettings | null = null;
	#schedulerCache: Scheduler | null = null;
	/** Distractor pools by stretch of the deck, and typical answer times by form, for this session.
	 * Plain caches, never shown: not reactive on purpose. */
	#pools = new Map<number, Sibling[]>();
	#times = new Map<string, number[]>();
	/** The card after the one shown, already asked in its form, so a grade shows it at once. */
	#ahead: Ahead | null = null;
	/** Bumped by every full read of the queue (and undo): a read behind begun before it is stale. */
	#generation = 0;
	/** Answers given this session, counted; and the count at each card's latest answer. */
	#answers = 0;
	#answeredAt = new Map<string, number>();
	#behindTimer: ReturnType<typeof setTimeout> | undefined;
	/** An answer is being written (see `answer`). */
	#writing = false;

	get #locked(): boolean {
		return this.busy || this.#writing;
	}

	constructor(deckId: string, env: SessionEnv) {
		this.deckId = deckId;
		this.#env = env;
	}

	get #settings(): StudySettings {
		return this.#env.settings();
	}

	get #scheduler(): Scheduler {
		const s = this.#settings;
		if (this.#schedulerFor !== s || !this.#schedulerCache) {
			this.#schedulerCache = createScheduler(s);
			this.#schedulerFor = s;
		}
		return this.#schedulerCache;
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
		return dayWindow(c.now, this.#settings.dayStartHour, c.utcOffsetMinutes).day;
	}

	async #refresh(): Promise<void> {
		const generation = ++this.#generation;
		const view = await loadQueue(this.#env.db, this.deckId, this.#env.clock(), this.#settings, QUEUE_AHEAD);
		const first = view.items[0];
		const [quiz, confusions] = first ? await Promise.all([this.#prepare(first), cardConfusions(this.#env.db, first.state.key)]) : [null, []];
		if (generation !== this.#generation) return;
		this.items = view.items;
		this.counts = view.counts;
		this.nextAt = view.nextAt;
		this.#show(quiz, confusions);
		this.phase = view.items.length ? 'question' : 'done';
		if (!view.items.length) this.dueTomorrow = await reviewsDueTomorrow(this.#env.db, this.deckId, this.#env.clock(), this.#settings.dayStartHour).catch(() => null);
		this.#prepareAhead();
	}

	#show(quiz: CardQuiz | null, confusions: Confusion[]): void {
		this.outcomes = null;
		this.proposed = null;
		this.quiz = quiz;
		this.confusions = confusions;
		this.#shownAt = this.#env.clock().now;
	}

	/** Asks the next card in its form in the background, ready for the moment of the grade. */
	#prepareAhead(): void {
		const next = this.items[1];
		if (!next || (this.#ahead?.key === next.state.key && this.#ahead.settings === this.#settings)) return;
		this.#ahead = null;
		const { key, schedule } = next.state;
		const settings = this.#settings;
		Promise.all([this.#prepare(next), cardConfusions(this.#env.db, key)])
			.then(([quiz, confusions]) => {
				if (this.items[1]?.state.key === key) this.#ahead = { key, reps: schedule.reps, settings, quiz, confusions };
			})
			// Not ready ahead: the grade then reads the queue as it always could.
			.catch(() => {});
	}

	/**
	 * After an answer has shown the card prepared ahead: the rest of the queue and the counts, read
	 * behind the learner's back. The card shown stays unless it has left the queue meanwhile.
	 */
	async #refreshBehind(): Promise<void> {
		const generation = this.#generation;
		const answers = this.#answers;
		const view = await loadQueue(this.#env.db, this.deckId, this.#env.clock(), this.#settings, QUEUE_AHEAD);
		if (generation !== this.#generation) return; // the queue has been read afresh meanwhile
		// A learner quicker than the read: the cards answered since it began are as they were before.
		const fresh = view.items.filter((i) => (this.#answeredAt.get(i.state.key) ?? 0) <= answers);
		const shown = this.current;
		// The card shown stays, also while its own answer is being written.
		const still = shown && (view.items.find((i) => i.state.key === shown.state.key) ?? (this.#writing ? shown : undefined));
		if (!shown || !still) {
			if (answers === this.#answers && this.phase === 'question' && !this.quiz?.result) await this.#refresh();
			return;
		}
		this.items = [still, ...fresh.filter((i) => i.state.key !== still.state.key)];
		if (answers === this.#answers) {
			this.counts = view.counts;
			this.nextAt = view.nextAt;
		}
		this.#prepareAhead();
	}

	async #pool(position: number): Promise<Sibling[]> {
		const bucket = Math.floor(position / 100);
		let pool = this.#pools.get(bucket);
		if (!pool) {
			pool = (await cardsAround(this.#env.db, this.deckId, bucket * 100 + 50, 200)).map((card) => ({ key: card.key, card }));
			this.#pools.set(bucket, pool);
		}
		return pool;
	}

	/** The card in the question form the settings and the card call for. */
	async #prepare(item: QueueItem): Promise<CardQuiz> {
		const mode = this.#settings.quizMode;
		const { card, state } = item;
		const seed = `${card.key}:${state.schedule.reps}`;
		const wantsChoice = mode !== 'flip' && card.format !== 'html' && (card.kind === 'basic' || card.kind === 'cloze' || (mode === 'choice' && card.kind === 'list'));
		const pool = mode !== 'flip' && card.format !== 'html' ? await this.#pool(card.position) : [];
		const choice = wantsChoice ? buildChoice(card.key, card, pool, seed) : null;
		const form = chooseForm(mode, card, state.schedule, !!choice);
		const distractors =
			form === 'list'
				? pool
						.filter((s) => (s.card.kind === 'list' || s.card.kind === 'steps') && s.card.section !== card.section)
						.flatMap((s) => s.card.items)
				: [];
		// Typical answer times matter only where a result can propose Easy (not for a flip card).
		const timing = `${form}:${card.kind}`;
		if (form !== 'flip' && !this.#times.has(timing)) this.#times.set(timing, await recentRightDurations(this.#env.db, this.deckId, this.#today(), form, card.kind));
		return new CardQuiz({ form, card, seed, choice, distractors, onResult: (r) => this.#onResult(r) });
	}

	#onResult(r: QuizResult): void {
		const item = this.current;
		if (!item || this.phase !== 'question' || !this.quiz) return;
		const now = this.#env.clock().now;
		this.outcomes = this.#scheduler.preview(item.state.key, item.state.schedule, now);
		const typicalMs = typicalTime(this.#times.get(`${this.quiz.form}:${item.card.kind}`) ?? []);
		this.proposed = r.gaveUp ? 1 : proposeRating(r.verdict, { hinted: r.hinted, durationMs: now - this.#shownAt, typicalMs });
		this.phase = 'answer';
	}

	/** Checks again for due cards (e.g. when a learning card's wait is over). */
	async reload(): Promise<void> {
		if (this.#locked || this.phase === 'answer') return;
		await this.#refresh();
	}

	/** Asks the card shown again in the question form now set (after the learner changed it). */
	async requiz(): Promise<void> {
		const item = this.current;
		if (!item || this.phase !== 'question' || this.quiz?.result) return;
		this.quiz = await this.#prepare(item);
		this.#shownAt = this.#env.clock().now;
	}

	/** Shows the answer of a flip card (other forms show it when their answer is checked). */
	reveal(): void {
		const item = this.current;
		if (this.phase !== 'question' || !item || (this.quiz && this.quiz.form !== 'flip')) return;
		this.outcomes = this.#scheduler.preview(item.state.key, item.state.schedule, this.#env.clock().now);
		this.phase = 'answer';
	}

	/**
	 * Grades the card shown. The next card appears only after the answer has been committed (the
	 * learner may close the tab the moment it appears), and at once then: it was prepared ahead.
	 */
	async answer(rating: RatingValue): Promise<void> {
		const item = this.current;
		if (this.phase !== 'answer' || !item || this.#locked) return;
		// Not `busy`: for the few milliseconds of the write, restyling the grade buttons as disabled
		// would only cost the next card a frame. A slower path below shows it.
		this.#writing = true;
		this.#answeredAt.set(item.state.key, ++this.#answers);
		try {
			const clock = this.#env.clock();
			let review;
			try {
				review = await answerCard(this.#env.db, this.#scheduler, {
					cardKey: item.state.key,
					rating,
					clock,
					dayStartHour: this.#settings.dayStartHour,
					durationMs: clock.now - this.#shownAt,
					expectedReps: item.state.schedule.reps,
					reviewId: this.#env.newId(),
					quiz: this.#quizRecord()
				});
			} catch (e) {
				// Nothing was written; show whatever is due now (the card may have moved on elsewhere).
				this.busy = true;
				await this.#refresh().catch(() => {});
				throw e;
			}
			this.#undo = [...this.#undo, { kind: 'answer', reviewId: review.id, key: item.state.key }];
			this.#given = [...this.#given, { key: item.state.key, rating, durationMs: review.durationMs, reviewId: review.id }];
			if (this.quiz?.result?.verdict === 'right' && rating >= 3) this.#times.get(`${this.quiz.form}:${item.card.kind}`)?.push(review.durationMs);
			this.answeredThisSession++;
			this.notice = `Saved: ${RATING_NAMES[rating]} (${this.answeredThisSession} this session).`;
			this.#env.onAnswered?.();
			if (this.#advance(item)) {
				this.#scheduleBehind();
				return;
			}
			this.busy = true;
			await this.#refresh().catch((e: unknown) => {
				throw new StudyError(`Your answer was saved, but the next card could not be loaded (${e instanceof Error ? e.message : String(e)}). Reload the page.`);
			});
		} finally {
			this.#writing = false;
			this.busy = false;
		}
	}

	/**
	 * Reads the rest of the queue again when the learner pauses, or at once when few cards are left
	 * ahead: a read still running when the next grade lands would hold up that answer's write.
	 */
	#scheduleBehind(): void {
		clearTimeout(this.#behindTimer);
		const read = () => void this.#refreshBehind().catch(() => this.#refresh().catch(() => {}));
		if (this.items.length <= 3) read();
		else this.#behindTimer = setTimeout(read, 400);
	}

	/** Shows the card prepared ahead in place of the one just answered, if it is ready and current. */
	#advance(answered: QueueItem): boolean {
		const next = this.items[1];
		const ahead = this.#ahead;
		if (!next || !ahead || ahead.key !== next.state.key || ahead.key === answered.state.key || ahead.reps !== next.state.schedule.reps || ahead.settings !== this.#settings) return false;
		this.#ahead = null;
		const c = { ...this.counts };
		if (answered.state.queue === Queue.New) c.new = Math.max(0, c.new - 1);
		else if (answered.state.queue === Queue.Review) c.review = Math.max(0, c.review - 1);
		else c.learning = Math.max(0, c.learning - 1);
		this.items = this.items.slice(1);
		this.counts = c;
		this.#show(ahead.quiz, ahead.confusions);
		this.phase = 'question';
		this.#prepareAhead();
		return true;
	}

	/** What the review row records of how the card was asked. */
	#quizRecord() {
		const q = this.quiz;
		if (!q || q.form === 'flip') return undefined;
		const chosen = q.result?.chosen;
		return { form: q.form, proposed: this.proposed ?? undefined, chosen: chosen && !chosen.correct ? chosen.text : undefined, confusedWith: chosen && !chosen.correct ? chosen.fromCard : undefined };
	}

	/**
	 * Takes back the last answer, bury or suspend of this session, in one transaction; the card
	 * comes back as the card shown.
	 */
	async undo(): Promise<void> {
		const last = this.#undo.at(-1);
		if (!last || this.#locked) return;
		this.busy = true;
		try {
			if (last.kind === 'answer') await undoAnswer(this.#env.db, last.reviewId);
			else await restoreCard(this.#env.db, last.key);
			this.#undo = this.#undo.slice(0, -1);
			if (last.kind === 'answer') {
				this.answeredThisSession = Math.max(0, this.answeredThisSession - 1);
				this.#given = this.#given.filter((g) => g.reviewId !== last.reviewId);
			}
			await this.#refresh();
			const back = await getQueueItem(this.#env.db, last.key);
			if (back && back.state.queue >= 0 && this.current?.state.key !== back.state.key) {
				const [quiz, confusions] = await Promise.all([this.#prepare(back), cardConfusions(this.#env.db, back.state.key)]);
				this.#generation++;
				this.items = [back, ...this.items.filter((i) => i.state.key !== last.key)];
				this.#show(quiz, confusions);
				this.phase = 'question';
				this.#prepareAhead();
			}
			this.notice = last.kind === 'answer' ? 'Answer undone: the card is back.' : `${last.kind === 'bury' ? 'Bury' : 'Suspend'} undone: the card is back.`;
		} finally {
			this.busy = false;
		}
	}

	async #takeOut(kind: 'bury' | 'suspend'): Promise<void> {
		const item = this.current;
		if (!item || this.#locked) return;
		this.busy = true;
		try {
			const key = item.state.key;
			if (kind === 'bury') await buryCard(this.#env.db, key, this.#today());
			else await suspendCard(this.#env.db, key);
			this.#undo = [...this.#undo, { kind, key }];
			this.notice = kind === 'bury' ? 'Card buried until tomorrow. Undo (Z) brings it back.' : 'Card suspended. Undo (Z) brings it back; Browse cards can unsuspend it later.';
			await this.#refresh();
		} finally {
			this.busy = false;
		}
	}

	bury(): Promise<void> {
		return this.#takeOut('bury');
	}

	suspend(): Promise<void> {
		return this.#takeOut('suspend');
	}

	async toggleFlag(): Promise<void> {
		const item = this.current;
		if (!item || this.#locked) return;
		const flag = item.state.flag ? 0 : 1;
		const state = await setFlag(this.#env.db, item.state.key, flag);
		this.items = [{ ...item, state }, ...this.items.slice(1)];
		this.notice = flag ? 'Card flagged.' : 'Flag removed.';
	}
}
