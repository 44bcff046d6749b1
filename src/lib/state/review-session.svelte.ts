// One study session on one deck: what the study screen shows and every action on it. The decisions
// after an answer are pure (core/study-flow.ts), asking a card in its form is QuizPrep's; this class
// orders the reads and writes and holds what the screen shows.

import { createScheduler, type Outcome, type Scheduler } from '$lib/core/schedule';
import { dayWindow, type QueueCounts } from '$lib/core/queue';
import { DAY } from '$lib/core/time';
import { RATING_NAMES, type Passage, type RatingValue } from '$lib/core/model';
import type { StudySettings } from '$lib/core/settings';
import { canShowPrepared, countsAfterAnswer, reconcileRead, type Prepared } from '$lib/core/study-flow';
import type { DeckRow, DocDeckDB } from '$lib/db/db';
import { getDeck } from '$lib/db/deck-rows';
import { answerCard, buryCard, cardConfusions, deckWithChildren, getQueueItem, loadQueue, loadScopeQueue, restoreCard, reviewsDueTomorrow, setFlag, StudyError, suspendCard, undoAnswer, unburyBefore, type Clock, type Confusion, type QueueItem, type StudyScope } from '$lib/db/study';
import type { CardQuiz, QuizResult } from './card-quiz.svelte';
import { QuizPrep } from './quiz-prep';
import { summarize, type SessionSummary } from '$lib/core/progress';

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
/** A pause this long after an answer, and the rest of the queue is read again behind the learner. */
const BEHIND_MS = 400;
/** This long after the first card shows, the grader is loaded for the cards that need it. */
const WARM_MS = 250;

/** What Z takes back: an answer, or a bury or suspend of the card shown. */
type UndoEntry = { kind: 'answer'; reviewId: string; key: string } | { kind: 'bury' | 'suspend'; key: string };

export class ReviewSession {
	#phase = $state<Phase>('loading');
	#deck = $state.raw<DeckRow | null>(null);
	#items = $state.raw<QueueItem[]>([]);
	#counts = $state<QueueCounts>({ new: 0, learning: 0, review: 0 });
	#countsPending = $state(false);
	#nextAt = $state<number | null>(null);
	#earlyUntil = $state<number | null>(null);
	#outcomes = $state.raw<Record<RatingValue, Outcome> | null>(null);
	#busy = $state(false);
	#notice = $state('');
	#answered = $state(0);
	#quiz = $state.raw<CardQuiz | null>(null);
	#proposed = $state<RatingValue | null>(null);
	#confusions = $state.raw<Confusion[]>([]);
	#undo = $state.raw<UndoEntry[]>([]);
	/** This session's answers (an undone one taken out), for the summary at the end. */
	#given = $state.raw<{ key: string; rating: RatingValue; durationMs: number; reviewId: string }[]>([]);
	#dueTomorrow = $state<number | null>(null);

	readonly current = $derived<QueueItem | null>(this.#items[0] ?? null);
	readonly passage = $derived<Passage | null>(this.#deck?.source.passages.find((p) => p.id === this.current?.card.passage) ?? null);
	readonly canUndo = $derived(this.#undo.length > 0);
	/** What this session did: answers, cards, time, Again. */
	readonly summary = $derived<SessionSummary>(summarize(this.#given));

	readonly deckId: string;
	#env: SessionEnv;
	#prep: QuizPrep;
	#shownAt = 0;
	#scheduler: { key: string; scheduler: Scheduler } | null = null;
	/** The card after the one shown, already asked in its form, so a grade shows it at once. */
	#ahead: (Prepared & { quiz: CardQuiz; confusions: Confusion[] }) | null = null;
	/** Bumped by every full read of the queue (and undo): a read behind begun before it is stale. */
	#generation = 0;
	/** Answers given this session, counted; and the count at each card's latest answer. */
	#answers = 0;
	#answeredAt = new Map<string, number>();
	#behindTimer: ReturnType<typeof setTimeout> | undefined;
	/** An answer is being written (see `answer`); and the whole answer, until what follows it is shown. */
	#writing = false;
	#write: Promise<void> | null = null;
	/** "Show answer" was asked for before the card's form was known. */
	#revealWanted = false;
	/** Set once started when the session covers more than the deck itself: its subdecks, or one tag. */
	#scope: StudyScope | null = null;
	readonly #tag: string | null;

	/** `tag`: study only the deck's cards with this tag (or one of its children), a custom session. */
	constructor(deckId: string, env: SessionEnv, opts: { tag?: string | null } = {}) {
		this.deckId = deckId;
		this.#env = env;
		this.#tag = opts.tag || null;
		this.#prep = new QuizPrep({ db: env.db, deckId, passages: () => this.#deck?.source.passages ?? [], today: () => this.#today(), nonce: () => env.newId() });
	}

	/** The tag this session is limited to, if any. */
	get tag(): string | null {
		return this.#tag;
	}

	/** The queue; with `headsOnly`, its first cards at once and the counts left for later. */
	#load(headsOnly = false) {
		const clock = this.#env.clock();
		return this.#scope ? loadScopeQueue(this.#env.db, this.#scope, clock, this.#settings, QUEUE_AHEAD) : loadQueue(this.#env.db, this.deckId, clock, this.#settings, QUEUE_AHEAD, { headsOnly });
	}

	get phase(): Phase {
		return this.#phase;
	}
	get deck(): DeckRow | null {
		return this.#deck;
	}
	get items(): readonly QueueItem[] {
		return this.#items;
	}
	get counts(): QueueCounts {
		return this.#counts;
	}
	/** The counts are still being read (the first card is shown before them). */
	get countsPending(): boolean {
		return this.#countsPending;
	}
	/** When the next card is due, once nothing more is due now. */
	get nextAt(): number | null {
		return this.#nextAt;
	}
	/**
	 * When only learning cards due soon are left and they are shown early: when the first of them
	 * falls due (null otherwise).
	 */
	get earlyUntil(): number | null {
		return this.#earlyUntil;
	}
	/** The four grades' outcomes for the card shown, computed when the answer is revealed. */
	get outcomes(): Record<RatingValue, Outcome> | null {
		return this.#outcomes;
	}
	/** An action is being written: the grade buttons wait for it. */
	get busy(): boolean {
		return this.#busy;
	}
	/** Short confirmation of the last action, shown and announced politely. */
	get notice(): string {
		return this.#notice;
	}
	get answeredThisSession(): number {
		return this.#answered;
	}
	/** Cards due on the next study day, counted when the queue runs out (null: not known). */
	get dueTomorrow(): number | null {
		return this.#dueTomorrow;
	}
	/** The card shown, as asked in its question form (null only while loading). */
	get quiz(): CardQuiz | null {
		return this.#quiz;
	}
	/** The rating the quiz result proposes; null for a flip card (Good is offered first). */
	get proposed(): RatingValue | null {
		return this.#proposed;
	}
	/** Facts this card has been confused with, most often first. */
	get confusions(): Confusion[] {
		return this.#confusions;
	}

	get #locked(): boolean {
		return this.#busy || this.#writing;
	}

	get #settings(): StudySettings {
		return this.#env.settings();
	}

	/** One scheduler for as long as the scheduling settings stay the same. */
	get #schedule(): Scheduler {
		const s = this.#settings;
		const key = JSON.stringify([s.desiredRetention, s.maximumInterval, s.learningSteps, s.relearningSteps, s.fuzz]);
		if (this.#scheduler?.key !== key) this.#scheduler = { key, scheduler: createScheduler(s) };
		return this.#scheduler.scheduler;
	}

	async start(): Promise<void> {
		const deck = await getDeck(this.#env.db, this.deckId);
		if (!deck) {
			this.#phase = 'missing';
			return;
		}
		this.#deck = deck;
		// A deck is studied with the decks under it (Anki's subdecks), as in Anki.
		const deckIds = await deckWithChildren(this.#env.db, this.deckId);
		this.#scope = this.#tag || deckIds.length > 1 ? { deckIds, ...(this.#tag ? { tag: this.#tag } : {}) } : null;
		for (const id of deckIds) await unburyBefore(this.#env.db, id, this.#today());
		await this.#refresh();
		// The grader arrives once the first card is on screen and painted, before any card needs it.
		if (this.#settings.quizMode !== 'flip') setTimeout(() => void this.#prep.engine().catch(() => {}), WARM_MS);
	}

	#today(): number {
		const c = this.#env.clock();
		return dayWindow(c.now, this.#settings.dayStartHour, c.utcOffsetMinutes).day;
	}

	#prepare(item: QueueItem): Promise<[CardQuiz, Confusion[]]> {
		return Promise.all([this.#prep.prepare(item, this.#settings.quizMode, (r) => this.#onResult(r)), cardConfusions(this.#env.db, item.state.key)]);
	}

	/**
	 * Reads the queue and shows its first card. The question shows at once; its question form
	 * (and the grader, the first time one is needed) follows a moment later.
	 */
	async #countTomorrow(): Promise<void> {
		const c = this.#env.clock();
		const decks = this.#scope?.deckIds ?? [this.deckId];
		this.#dueTomorrow = await Promise.all(decks.map((d) => reviewsDueTomorrow(this.#env.db, d, c, this.#settings.dayStartHour))).then(
			(n) => n.reduce((a, b) => a + b, 0),
			() => null
		);
	}

	async #refresh(): Promise<void> {
		const generation = ++this.#generation;
		const view = await this.#load(true);
		if (generation !== this.#generation) return;
		this.#items = view.items;
		this.#counts = view.counts;
		this.#countsPending = !!view.countsPending;
		this.#nextAt = view.nextAt;
		this.#earlyUntil = view.ahead;
		this.#wakeAt(view.wakeAt);
		this.#show(null, []);
		if (view.countsPending) void this.#fillCounts(generation);
		this.#phase = view.items.length ? 'question' : 'done';
		if (!view.items.length) void this.#countTomorrow();
		const first = view.items[0];
		if (first) {
			const [quiz, confusions] = await this.#prepare(first);
			if (generation !== this.#generation || this.current?.state.key !== first.state.key) return;
			this.#quiz = quiz;
			this.#confusions = confusions;
			// "Show answer" pressed while the form was still being read: a flip card shows it now.
			if (this.#revealWanted) this.reveal();
		}
		this.#prepareAhead();
	}

	/** The counts of a queue first read without them, unless an answer or a fresh read came meanwhile. */
	async #fillCounts(generation: number): Promise<void> {
		const answers = this.#answers;
		try {
			const view = await this.#load();
			if (generation !== this.#generation || answers !== this.#answers) return;
			this.#counts = view.counts;
			this.#countsPending = false;
		} catch {
			// The next read of the queue brings them.
		}
	}

	#show(quiz: CardQuiz | null, confusions: Confusion[]): void {
		this.#revealWanted = false;
		this.#outcomes = null;
		this.#proposed = null;
		this.#quiz = quiz;
		this.#confusions = confusions;
		this.#shownAt = this.#env.clock().now;
	}

	/** Asks the next card in its form in the background, ready for the moment of the grade. */
	#prepareAhead(): void {
		const next = this.#items[1];
		const mode = this.#settings.quizMode;
		if (!next || (this.#ahead?.key === next.state.key && this.#ahead.mode === mode)) return;
		this.#ahead = null;
		const { key, schedule } = next.state;
		this.#prepare(next)
			.then(([quiz, confusions]) => {
				if (this.#items[1]?.state.key === key) this.#ahead = { key, reps: schedule.reps, mode, quiz, confusions };
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
		const view = await this.#load();
		if (generation !== this.#generation) return; // the queue has been read afresh meanwhile
		const met = reconcileRead(view.items, { shown: this.current, writing: this.#writing, answers: this.#answers, answeredAt: this.#answeredAt }, answers);
		if (!met.keep) {
			if (answers === this.#answers && this.#phase === 'question' && !this.#quiz?.result) await this.#refresh();
			return;
		}
		this.#items = met.items;
		if (met.countsFresh) {
			this.#counts = view.counts;
			this.#countsPending = false;
			this.#nextAt = view.nextAt;
			this.#earlyUntil = view.ahead;
		}
		this.#prepareAhead();
	}

	#wakeTimer: ReturnType<typeof setTimeout> | undefined;

	/**
	 * With nothing to show, reads the queue again the moment a card can be shown: a learning card
	 * entering the learn-ahead window (as the home screen counts it then), or the next card's time.
	 */
	#wakeAt(at: number | null): void {
		clearTimeout(this.#wakeTimer);
		if (at === null) return;
		const wait = Math.max(0, at - this.#env.clock().now);
		// Past a day, the minute tick of the screen (or coming back to it) reads it again.
		if (wait < DAY) this.#wakeTimer = setTimeout(() => void this.reload().catch(() => {}), wait + 50);
	}

	/** Stops the timers of a session the screen no longer shows. */
	dispose(): void {
		clearTimeout(this.#wakeTimer);
		clearTimeout(this.#behindTimer);
	}

	#onResult(r: QuizResult): void {
		const item = this.current;
		const quiz = this.#quiz;
		if (!item || this.#phase !== 'question' || !quiz) return;
		const now = this.#env.clock().now;
		this.#outcomes = this.#schedule.preview(item.state.key, item.state.schedule, now);
		this.#proposed = this.#prep.propose(quiz, r, now - this.#shownAt);
		this.#phase = 'answer';
	}

	/** Checks again for due cards (e.g. when a learning card's wait is over). */
	async reload(): Promise<void> {
		if (this.#locked || this.#phase === 'answer') return;
		await this.#refresh();
	}

	/** Asks the card shown again in the question form now set (after the learner changed it). */
	async requiz(): Promise<void> {
		const item = this.current;
		if (!item || this.#phase !== 'question' || this.#quiz?.result) return;
		this.#quiz = await this.#prep.prepare(item, this.#settings.quizMode, (r) => this.#onResult(r));
		this.#shownAt = this.#env.clock().now;
	}

	/** Shows the answer of a flip card (other forms show it when their answer is checked). */
	reveal(): void {
		const item = this.current;
		// Not before the card's form is known: a typed card must not be flipped by a quick key. The
		// wish is kept until it is known, and a flip card then shows its answer.
		if (this.#phase === 'question' && item && !this.#quiz) this.#revealWanted = true;
		if (this.#phase !== 'question' || !item || this.#quiz?.form !== 'flip') return;
		this.#revealWanted = false;
		this.#outcomes = this.#schedule.preview(item.state.key, item.state.schedule, this.#env.clock().now);
		this.#phase = 'answer';
	}

	/**
	 * Grades the card shown. The write is issued first; the card prepared ahead is painted while it
	 * commits, so the next card costs no wait on the database. The acknowledgement ("Saved: …", and
	 * the session's count) appears only once the answer is committed: a learner may close the tab
	 * the moment it shows. A write that fails brings the queue back as stored, this card with it.
	 */
	async answer(rating: RatingValue): Promise<void> {
		// A grade given while the previous answer is still being written waits for it.
		await this.#settled();
		const run = this.#answer(rating);
		this.#write = run;
		try {
			await run;
		} finally {
			if (this.#write === run) this.#write = null;
		}
	}

	async #answer(rating: RatingValue): Promise<void> {
		const item = this.current;
		if (this.#phase !== 'answer' || !item || this.#locked) return;
		// Not `busy`: for the few milliseconds of the write, restyling the grade buttons as disabled
		// would only cost the next card a frame. A slower path below shows it.
		this.#writing = true;
		this.#answeredAt.set(item.state.key, ++this.#answers);
		const quiz = this.#quiz;
		const clock = this.#env.clock();
		const write = answerCard(this.#env.db, this.#schedule, {
			cardKey: item.state.key,
			rating,
			clock,
			dayStartHour: this.#settings.dayStartHour,
			durationMs: clock.now - this.#shownAt,
			expectedReps: item.state.schedule.reps,
			reviewId: this.#env.newId(),
			quiz: this.#quizRecord()
		});
		try {
			const shown = this.#advance(item);
			let review;
			try {
				review = await write;
			} catch (e) {
				// Nothing was written; show whatever is due now: this card again, unless it moved on
				// elsewhere (another tab answered it).
				this.#busy = true;
				this.#ahead = null;
				await this.#refresh().catch(() => {});
				throw e;
			}
			this.#undo = [...this.#undo, { kind: 'answer', reviewId: review.id, key: item.state.key }];
			this.#given = [...this.#given, { key: item.state.key, rating, durationMs: review.durationMs, reviewId: review.id }];
			if (quiz && quiz.result?.verdict === 'right' && rating >= 3) this.#prep.noteRight(quiz, review.durationMs);
			this.#answered++;
			this.#notice = `Saved: ${RATING_NAMES[rating]} (${this.#answered} this session).`;
			this.#env.onAnswered?.();
			if (shown) {
				this.#scheduleBehind();
				return;
			}
			this.#busy = true;
			await this.#refresh().catch((e: unknown) => {
				throw new StudyError(`Your answer was saved, but the next card could not be loaded (${e instanceof Error ? e.message : String(e)}). Reload the page.`);
			});
		} finally {
			this.#writing = false;
			this.#busy = false;
		}
	}

	/** Waits until no answer is being written (an undo or a bury acts on what is stored). */
	async #settled(): Promise<void> {
		while (this.#write) await this.#write.catch(() => {});
	}

	/**
	 * Reads the rest of the queue again when the learner pauses, or at once when few cards are left
	 * ahead: a read still running when the next grade lands would hold up that answer's write.
	 */
	#scheduleBehind(): void {
		clearTimeout(this.#behindTimer);
		const read = () => void this.#refreshBehind().catch(() => this.#refresh().catch(() => {}));
		if (this.#items.length <= 3) read();
		else this.#behindTimer = setTimeout(read, BEHIND_MS);
	}

	/** Shows the card prepared ahead in place of the one just answered, if it is ready and current. */
	#advance(answered: QueueItem): boolean {
		const ahead = this.#ahead;
		if (!ahead || !canShowPrepared(this.#items, answered, ahead, this.#settings.quizMode)) return false;
		this.#ahead = null;
		this.#items = this.#items.slice(1);
		this.#counts = countsAfterAnswer(this.#counts, answered.state.queue);
		this.#show(ahead.quiz, ahead.confusions);
		this.#phase = 'question';
		this.#prepareAhead();
		return true;
	}

	/** What the review row records of how the card was asked. */
	#quizRecord() {
		const q = this.#quiz;
		if (!q || q.form === 'flip') return undefined;
		const chosen = q.result?.chosen;
		return { form: q.form, proposed: this.#proposed ?? undefined, chosen: chosen && !chosen.correct ? chosen.text : undefined, confusedWith: chosen && !chosen.correct ? chosen.fromCard : undefined };
	}

	/**
	 * Takes back the last answer, bury or suspend of this session, in one transaction; the card
	 * comes back as the card shown.
	 */
	async undo(): Promise<void> {
		await this.#settled();
		const last = this.#undo.at(-1);
		if (!last || this.#locked) return;
		this.#busy = true;
		try {
			if (last.kind === 'answer') await undoAnswer(this.#env.db, last.reviewId);
			else await restoreCard(this.#env.db, last.key);
			this.#undo = this.#undo.slice(0, -1);
			if (last.kind === 'answer') {
				this.#answered = Math.max(0, this.#answered - 1);
				this.#given = this.#given.filter((g) => g.reviewId !== last.reviewId);
			}
			await this.#refresh();
			const back = await getQueueItem(this.#env.db, last.key);
			if (back && back.state.queue >= 0 && this.current?.state.key !== back.state.key) {
				const [quiz, confusions] = await this.#prepare(back);
				this.#generation++;
				this.#items = [back, ...this.#items.filter((i) => i.state.key !== last.key)];
				this.#show(quiz, confusions);
				this.#phase = 'question';
				this.#prepareAhead();
			}
			this.#notice = last.kind === 'answer' ? 'Answer undone: the card is back.' : `${last.kind === 'bury' ? 'Bury' : 'Suspend'} undone: the card is back.`;
		} finally {
			this.#busy = false;
		}
	}

	async #takeOut(kind: 'bury' | 'suspend'): Promise<void> {
		await this.#settled();
		const item = this.current;
		if (!item || this.#locked) return;
		this.#busy = true;
		try {
			const key = item.state.key;
			if (kind === 'bury') await buryCard(this.#env.db, key, this.#today());
			else await suspendCard(this.#env.db, key);
			this.#undo = [...this.#undo, { kind, key }];
			this.#notice = kind === 'bury' ? 'Card buried until tomorrow. Undo (Z) brings it back.' : 'Card suspended. Undo (Z) brings it back; so does Browse.';
			await this.#refresh();
		} finally {
			this.#busy = false;
		}
	}

	bury(): Promise<void> {
		return this.#takeOut('bury');
	}

	suspend(): Promise<void> {
		return this.#takeOut('suspend');
	}

	async toggleFlag(): Promise<void> {
		await this.#settled();
		const item = this.current;
		if (!item || this.#locked) return;
		const flag = item.state.flag ? 0 : 1;
		const state = await setFlag(this.#env.db, item.state.key, flag);
		this.#items = [{ ...item, state }, ...this.#items.slice(1)];
		this.#notice = flag ? 'Card flagged.' : 'Flag removed.';
	}
}
