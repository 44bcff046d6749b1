// Studying: the queue read through its index, and the commands on a card. Each answer or undo is
// one readwrite transaction over the card's state and the review log together.

import { MAX_ANSWER_MS } from '$lib/core/bounds';
import { FsrsState, Queue, queueKey, queueOf, type RatingValue } from '$lib/core/model';
import { dayWindow, LEARN_AHEAD_MS, limitsLeft, nextStudyTime, scopeCounts, type DayWindow, type DeckTotals, type DoneToday, type QueueCounts, type ScopeCounts } from '$lib/core/queue';
import { subtree } from '$lib/core/deck-tree';
import type { Scheduler } from '$lib/core/schedule';
import type { StudySettings } from '$lib/core/settings';
import type { Collection, InsertType } from 'dexie';
import { MAX, MIN, type CardRow, type DocDeckDB, type ReviewRow, type StateRow } from './db';
import { replicationOn } from './replication-config';

export class StudyError extends Error {
	override name = 'StudyError';
}

/** The local clock a study day is measured by. */
export interface Clock {
	now: number;
	/** Minutes east of UTC (−Date#getTimezoneOffset()). */
	utcOffsetMinutes: number;
}

export interface QueueItem {
	card: CardRow;
	state: StateRow;
}

export interface QueueView {
	items: QueueItem[];
	counts: QueueCounts;
	/** When the queue is empty: when the next card can be studied (null: nothing scheduled). */
	nextAt: number | null;
	/**
	 * When only learning cards due soon are left and the queue shows them early: when the first of
	 * them falls due (null otherwise).
	 */
	ahead: number | null;
	/**
	 * When the queue is empty: the moment it will hold a card again (a learning card entering the
	 * learn-ahead window, or `nextAt`), to read it again then. Null when nothing is scheduled.
	 */
	wakeAt: number | null;
	/** True when the counts were not read (the heads alone were asked for): `counts` is then only what the heads hold. */
	countsPending?: boolean;
}

type Limits = Pick<StudySettings, 'newPerDay' | 'maxReviewsPerDay' | 'dayStartHour'>;

/** New cards introduced and review cards answered on a study day, counted on the index. */
export async function doneOnDay(db: DocDeckDB, deckId: string, day: number): Promise<DoneToday> {
	const idx = db.reviews.where('[deckId+day+stateBefore]');
	const [newCards, reviews] = await Promise.all([idx.equals([deckId, day, FsrsState.New]).count(), idx.equals([deckId, day, FsrsState.Review]).count()]);
	return { newCards, reviews };
}

/** All answers given in a deck on a study day. */
export function answersOnDay(db: DocDeckDB, deckId: string, day: number): Promise<number> {
	return db.reviews.where('[deckId+day+stateBefore]').between([deckId, day, MIN], [deckId, day, MAX]).count();
}

/**
 * How many entries a range holds, but no more than `cap`: the cursor jumps to the cap-th entry
 * (one request, nothing between is read) and the exact count is taken only below the cap.
 */
async function countUpTo(range: Collection<StateRow, string, InsertType<StateRow, 'key'>>, cap: number): Promise<number> {
	const atCap = await range.clone().offset(cap - 1).limit(1).primaryKeys();
	return atCap.length ? cap : range.count();
}

/** The day's limits of each deck (from its options), or one set for every deck. */
export type LimitsOf = Limits | ((deckId: string) => Limits);
const limitsFn = (l: LimitsOf): ((deckId: string) => Limits) => (typeof l === 'function' ? l : () => l);

/** Due time of the first entry of an index range, read from the index alone (no row). */
async function firstDue(range: Collection<StateRow, string, InsertType<StateRow, 'key'>>): Promise<number | null> {
	const [k] = (await range.limit(1).keys()) as unknown as [string, number, number][];
	return k ? k[2] : null;
}

/**
 * A deck's totals for the day, counted on the indexes: no row is read. Reviews and new cards are
 * counted only as far as the deck's limits can show (IndexedDB counts by walking a range: 200 ms
 * for 60 000 new cards otherwise).
 */
async function deckTotals(db: DocDeckDB, deckId: string, now: number, win: DayWindow, limits: Limits): Promise<DeckTotals> {
	const states = db.states.where('[deckId+queue+due]');
	const done = await doneOnDay(db, deckId, win.day);
	const { newLeft, reviewsLeft } = limitsLeft(limits, done);
	const [learning, review, fresh, learningAhead, nextLearning] = await Promise.all([
		states.between([deckId, Queue.Learning, MIN], [deckId, Queue.Learning, now], true, true).count(),
		countUpTo(states.between([deckId, Queue.Review, MIN], [deckId, Queue.Review, win.end], true, false), Math.max(1, reviewsLeft)),
		countUpTo(states.between([deckId, Queue.New, MIN], [deckId, Queue.New, MAX]), Math.max(1, newLeft)),
		states.between([deckId, Queue.Learning, now], [deckId, Queue.Learning, now + LEARN_AHEAD_MS], false, true).count(),
		firstDue(states.between([deckId, Queue.Learning, now], [deckId, Queue.Learning, MAX], false, true))
	]);
	return { done, learning, review, fresh, learningAhead, nextLearning };
}

const inDueOrder = (a: StateRow, b: StateRow) => a.due - b.due || (a.key < b.key ? -1 : 1);

/**
 * The next `size` cards to study in one deck and the day's counts. Reads only the heads of the
 * three queues and counts the rest on the index: no table scan, whatever the deck's size.
 */
export function loadQueue(db: DocDeckDB, deckId: string, clock: Clock, settings: LimitsOf, size = 10, opts: { headsOnly?: boolean } = {}): Promise<QueueView> {
	return loadScopeQueue(db, { deckIds: [deckId] }, clock, settings, size, opts);
}

/** The day's counts alone (for a queue first read with `headsOnly`). */
export async function queueCounts(db: DocDeckDB, deckId: string, clock: Clock, settings: LimitsOf): Promise<QueueCounts> {
	return (await loadQueue(db, deckId, clock, settings, 1)).counts;
}

/**
 * The first cards of one deck's queue at once, without counting (counting walks the ranges: most
 * of the time of a queue read at 100 000 cards); null when there is none due now (the full read
 * then says when the next one is).
 */
async function deckHeads(db: DocDeckDB, deckId: string, now: number, win: DayWindow, limits: Limits, size: number): Promise<QueueView | null> {
	const states = () => db.states.where('[deckId+queue+due]');
	const { newLeft, reviewsLeft } = limitsLeft(limits, await doneOnDay(db, deckId, win.day));
	const learningDue = await states().between([deckId, Queue.Learning, MIN], [deckId, Queue.Learning, now], true, true).limit(size).toArray();
	const reviewRoom = Math.min(size - learningDue.length, reviewsLeft);
	const reviewDue = reviewRoom > 0 ? await states().between([deckId, Queue.Review, MIN], [deckId, Queue.Review, win.end], true, false).limit(reviewRoom).toArray() : [];
	const room = Math.min(size - learningDue.length - reviewDue.length, newLeft);
	const fresh = room > 0 ? await states().between([deckId, Queue.New, MIN], [deckId, Queue.New, MAX]).limit(room).toArray() : [];
	const heads = [...learningDue, ...reviewDue, ...fresh];
	if (!heads.length) return null;
	const cards = await db.cards.bulkGet(heads.map((st) => st.key));
	const items = heads.flatMap((state, i) => (cards[i] ? [{ card: cards[i], state }] : []));
	return { items, counts: { new: fresh.length, learning: learningDue.length, review: reviewDue.length }, nextAt: null, ahead: null, wakeAt: null, countsPending: true };
}

/**
 * The queue of a deck studied with the decks under it (`scope.deckIds`, the deck first): learning
 * cards due now, then reviews due today, then new cards deck by deck, as many as the counts allow
 * (see core/queue scopeCounts); when only learning cards due soon are left, those, early. Exactly
 * the rows shown are read.
 */
export async function loadScopeQueue(db: DocDeckDB, scope: StudyScope, clock: Clock, settings: LimitsOf, size = 10, opts: { headsOnly?: boolean } = {}): Promise<QueueView> {
	const lim = limitsFn(settings);
	const root = scope.deckIds[0]!;
	if (scope.tag) return loadTagQueue(db, scope.deckIds, scope.tag, clock, size);
	const { now } = clock;
	const win = dayWindow(now, lim(root).dayStartHour, clock.utcOffsetMinutes);
	return db.transaction('r', db.states, db.cards, db.reviews, async () => {
		// One deck's first cards can show before its counts (several decks share limits: counted).
		if (opts.headsOnly && scope.deckIds.length === 1) {
			const heads = await deckHeads(db, root, now, win, lim(root), size);
			if (heads) return heads;
		}
		const states = () => db.states.where('[deckId+queue+due]');
		const decks = await Promise.all(scope.deckIds.map(async (id) => ({ id, limits: lim(id), totals: await deckTotals(db, id, now, win, lim(id)) })));
		const counts = scopeCounts(decks, lim(root));
		const learnN = counts.ahead ? 0 : Math.min(size, counts.learning);
		const reviewN = Math.min(size - learnN, counts.review);
		let newN = Math.min(size - learnN - reviewN, counts.new);
		/** The first `n` rows of a queue's range over the decks, earliest first (each deck read no further than it counts). */
		const heads = async (queue: number, n: number, count: (d: (typeof decks)[number]) => number, [lo, hi, withLo, withHi]: [number, number, boolean, boolean]) =>
			(await Promise.all(decks.map((d) => (Math.min(n, count(d)) > 0 ? states().between([d.id, queue, lo], [d.id, queue, hi], withLo, withHi).limit(Math.min(n, count(d))).toArray() : []))))
				.flat()
				.sort(inDueOrder)
				.slice(0, n);
		const [learningDue, reviewDue] = await Promise.all([
			heads(Queue.Learning, learnN, (d) => d.totals.learning, [MIN, now, true, true]),
			heads(Queue.Review, reviewN, (d) => Math.min(d.totals.review, limitsLeft(d.limits, d.totals.done).reviewsLeft), [MIN, win.end, true, false])
		]);
		// New cards deck by deck, in deck order (as Anki gathers them).
		const fresh: StateRow[] = [];
		for (const d of decks) {
			const n = Math.min(newN, d.totals.fresh, limitsLeft(d.limits, d.totals.done).newLeft);
			if (n <= 0) continue;
			fresh.push(...(await states().between([d.id, Queue.New, MIN], [d.id, Queue.New, MAX]).limit(n).toArray()));
			newN -= n;
		}
		const shown = counts.ahead ? await heads(Queue.Learning, size, (d) => d.totals.learningAhead, [now, now + LEARN_AHEAD_MS, false, true]) : [...learningDue, ...reviewDue, ...fresh];
		const cards = await db.cards.bulkGet(shown.map((s) => s.key));
		const items: QueueItem[] = [];
		shown.forEach((state, i) => {
			const card = cards[i];
			if (card) items.push({ card, state });
		});
		let nextAt: number | null = null;
		if (items.length === 0) {
			const reviews = await Promise.all(decks.map((d) => firstDue(states().between([d.id, Queue.Review, win.end], [d.id, Queue.Review, MAX]))));
			const nextReview = reviews.filter((t): t is number => t !== null);
			nextAt = nextStudyTime({
				nextLearning: counts.nextLearning,
				nextReview: nextReview.length ? Math.min(...nextReview) : null,
				newWaiting: decks.some((d) => d.totals.fresh > 0),
				reviewsWaiting: decks.some((d) => d.totals.review > 0),
				dayStartHour: lim(root).dayStartHour,
				utcOffsetMinutes: clock.utcOffsetMinutes,
				now
			});
		}
		// A learning card enters the learn-ahead window before it falls due (it is not in it yet, or
		// the queue would show it): the queue changes then.
		const soonest = [nextAt, items.length === 0 && counts.nextLearning !== null ? counts.nextLearning - LEARN_AHEAD_MS : null].filter((x): x is number => x !== null);
		return { items, counts: { new: counts.new, learning: counts.learning, review: counts.review }, nextAt, ahead: counts.ahead ? counts.nextLearning : null, wakeAt: soonest.length ? Math.min(...soonest) : null };
	});
}

export interface AnswerInput {
	cardKey: string;
	rating: RatingValue;
	clock: Clock;
	dayStartHour: number;
	durationMs: number;
	/** The schedule the learner saw: if the card has moved on since (another tab), nothing is written. */
	expectedReps: number;
	reviewId: string;
	/** How the card was asked and what the result proposed (absent for a plain flip card). */
	quiz?: Pick<ReviewRow, 'form' | 'proposed' | 'chosen' | 'confusedWith'>;
}

/** One card with its state, e.g. to show again a card whose answer was undone. */
export async function getQueueItem(db: DocDeckDB, key: string): Promise<QueueItem | null> {
	const [card, state] = await Promise.all([db.cards.get(key), db.states.get(key)]);
	return card && state ? { card, state } : null;
}

/** Longest answer time recorded; a learner who walked away should not skew their statistics. */
export { MAX_ANSWER_MS };

/**
 * Grades a card: its new state and its review row are written in one transaction, and the
 * returned promise resolves only once that transaction has committed.
 */
export async function answerCard(db: DocDeckDB, scheduler: Scheduler, input: AnswerInput): Promise<ReviewRow> {
	const { now } = input.clock;
	const day = dayWindow(now, input.dayStartHour, input.clock.utcOffsetMinutes).day;
	return db.transaction('rw', [db.states, db.reviews, db.meta, db.outbox], async () => {
		// Read together: whether a sync server is set up costs no extra round trip.
		const [state, syncing] = await Promise.all([db.states.get(input.cardKey), replicationOn(db)]);
		if (!state) throw new StudyError('This card is no longer in the deck.');
		if (state.schedule.reps !== input.expectedReps) throw new StudyError('This card was already answered elsewhere (another tab?). Showing the next card.');
		if (state.queue < 0) throw new StudyError('This card is suspended, buried or retired and cannot be answered.');
		const graded = scheduler.grade(state.key, state.schedule, input.rating, now);
		const review: ReviewRow = {
			id: input.reviewId,
			cardKey: state.key,
			deckId: state.deckId,
			at: now,
			day,
			rating: input.rating,
			stateBefore: state.schedule.state,
			before: state.schedule,
			after: graded.schedule,
			elapsedDays: graded.elapsedDays,
			durationMs: Math.max(0, Math.min(MAX_ANSWER_MS, Math.round(input.durationMs))),
			...Object.fromEntries(Object.entries(input.quiz ?? {}).filter(([, v]) => v !== undefined && v !== ''))
		};
		// Both writes issued together: one round trip less for the learner waiting on the next card.
		await Promise.all([db.states.put({ ...state, schedule: graded.schedule, queue: queueOf(graded.schedule.state), due: queueKey(graded.schedule, state.position) }), db.reviews.add(review), syncing ? db.outbox.put({ id: review.id, op: 'put' }) : undefined]);
		return review;
	});
}

/**
 * Takes an answer back: the card's schedule before it is restored and the review row removed, in
 * one transaction. Only the card's latest answer can be undone.
 */
export async function undoAnswer(db: DocDeckDB, reviewId: string): Promise<StateRow> {
	return db.transaction('rw', [db.states, db.reviews, db.meta, db.outbox], async () => {
		const review = await db.reviews.get(reviewId);
		if (!review) throw new StudyError('That answer is no longer in the review log, so it cannot be undone.');
		const state = await db.states.get(review.cardKey);
		if (!state) throw new StudyError('The card of that answer is no longer stored.');
		if (state.schedule.reps !== review.after.reps || state.schedule.lastReview !== review.after.lastReview) {
			throw new StudyError('This card has been answered again since, so that answer cannot be undone.');
		}
		// A card retired, suspended or buried since the answer stays out of study.
		const queue = state.queue < 0 ? state.queue : queueOf(review.before.state);
		const restored: StateRow = { ...state, schedule: review.before, queue, due: queueKey(review.before, state.position) };
		await db.states.put(restored);
		await db.reviews.delete(reviewId);
		// Undone here, so removed everywhere: the server is told, unless it never heard of the answer.
		// (Even an answer not yet confirmed by the server: it may be on its way there.)
		if (await replicationOn(db)) await db.outbox.put({ id: reviewId, op: 'delete' });
		return restored;
	});
}

async function changeState(db: DocDeckDB, key: string, change: (s: StateRow) => StateRow): Promise<StateRow> {
	return db.transaction('rw', db.states, async () => {
		const state = await db.states.get(key);
		if (!state) throw new StudyError('This card is no longer in the deck.');
		const next = change(state);
		await db.states.put(next);
		return next;
	});
}

/** Hides a card until the next study day. */
export function buryCard(db: DocDeckDB, key: string, day: number): Promise<StateRow> {
	return changeState(db, key, (s) => (s.queue < 0 ? s : { ...s, queue: Queue.Buried, buriedDay: day }));
}

/** Takes a card out of study until the learner unsuspends it. */
export function suspendCard(db: DocDeckDB, key: string): Promise<StateRow> {
	return changeState(db, key, (s) => (s.queue === Queue.Retired ? s : { ...s, queue: Queue.Suspended }));
}

/** Puts a suspended or buried card back in its queue. */
export function restoreCard(db: DocDeckDB, key: string): Promise<StateRow> {
	return changeState(db, key, (s) => (s.queue === Queue.Suspended || s.queue === Queue.Buried ? { ...s, queue: queueOf(s.schedule.state) } : s));
}

export function setFlag(db: DocDeckDB, key: string, flag: 0 | 1): Promise<StateRow> {
	return changeState(db, key, (s) => ({ ...s, flag }));
}

/** Brings back the cards buried on an earlier study day. */
export async function unburyBefore(db: DocDeckDB, deckId: string, day: number): Promise<number> {
	return db.transaction('rw', db.states, async () => {
		const buried = await db.states.where('[deckId+queue+due]').between([deckId, Queue.Buried, MIN], [deckId, Queue.Buried, MAX]).toArray();
		const back = buried.filter((s) => s.buriedDay < day).map((s) => ({ ...s, queue: queueOf(s.schedule.state) }));
		await db.states.bulkPut(back);
		return back.length;
	});
}

/** Brings back every deck's cards buried before `day` (once a day, at start-up). */
export async function unburyAllBefore(db: DocDeckDB, day: number): Promise<number> {
	let back = 0;
	for (const id of await db.decks.toCollection().primaryKeys()) back += await unburyBefore(db, id, day);
	return back;
}

/** Cards of a deck due on the next study day (reviews, and learning cards waiting past today). */
export async function reviewsDueTomorrow(db: DocDeckDB, deckId: string, clock: Clock, dayStartHour: number): Promise<number> {
	const win = dayWindow(clock.now, dayStartHour, clock.utcOffsetMinutes);
	const states = db.states.where('[deckId+queue+due]');
	const [review, learning] = await Promise.all([
		states.between([deckId, Queue.Review, win.end], [deckId, Queue.Review, win.end + (win.end - win.start)], true, false).count(),
		states.between([deckId, Queue.Learning, win.end], [deckId, Queue.Learning, win.end + (win.end - win.start)], true, false).count()
	]);
	return review + learning;
}

export interface DeckCounts extends ScopeCounts {
	/** Answers given in the deck (and the decks under it) today. */
	studiedToday: number;
	total: number;
}

/** Cards that belong to the deck's study (suspended and buried ones included, retired ones not). */
function cardsIn(db: DocDeckDB, deckId: string): Promise<number> {
	return db.states.where('[deckId+queue+due]').between([deckId, Queue.Buried, MIN], [deckId, Queue.Review, MAX]).count();
}

/** One deck's counts for the home screen, as the study screen counts them (the deck alone). */
export async function deckCounts(db: DocDeckDB, deckId: string, clock: Clock, settings: LimitsOf): Promise<DeckCounts> {
	const lim = limitsFn(settings)(deckId);
	const win = dayWindow(clock.now, lim.dayStartHour, clock.utcOffsetMinutes);
	return db.transaction('r', db.states, db.reviews, async () => {
		const [totals, studiedToday, total] = await Promise.all([deckTotals(db, deckId, clock.now, win, lim), answersOnDay(db, deckId, win.day), cardsIn(db, deckId)]);
		return { ...scopeCounts([{ totals, limits: lim }], lim), studiedToday, total };
	});
}

export interface DeckSummary {
	id: string;
	title: string;
	description: string;
	retired: boolean;
	/** Today's counts of the deck studied with the decks under it, exactly as the study screen counts them. */
	counts: DeckCounts;
	/** The deck it sits under; studying the parent includes it. */
	parentId?: string;
}

/** Every deck with its counts, for the home screen: one read of each deck's indexes. */
export async function deckSummaries(db: DocDeckDB, clock: Clock, settings: LimitsOf): Promise<DeckSummary[]> {
	const lim = limitsFn(settings);
	return db.transaction('r', db.decks, db.states, db.reviews, async () => {
		const decks = await db.decks.toArray();
		const own = new Map(
			await Promise.all(
				decks.map(async (d) => {
					const win = dayWindow(clock.now, lim(d.id).dayStartHour, clock.utcOffsetMinutes);
					const [totals, studiedToday, total] = await Promise.all([deckTotals(db, d.id, clock.now, win, lim(d.id)), answersOnDay(db, d.id, win.day), cardsIn(db, d.id)]);
					return [d.id, { totals, limits: lim(d.id), studiedToday, total }] as const;
				})
			)
		);
		return decks
			.map((d) => {
				const scope = subtree(decks, d.id).map((id) => own.get(id)!);
				const counts: DeckCounts = { ...scopeCounts(scope, lim(d.id)), studiedToday: scope.reduce((n, x) => n + x.studiedToday, 0), total: scope.reduce((n, x) => n + x.total, 0) };
				return { id: d.id, title: d.title, description: d.description, retired: !!d.retired, counts, ...(d.parentId ? { parentId: d.parentId } : {}) };
			})
			.sort((a, b) => a.title.localeCompare(b.title));
	});
}

/**
 * Durations of the learner's right answers to cards of one kind asked in one form, over the last
 * week: their own typical time, against which a fast answer is judged.
 */
export async function recentRightDurations(db: DocDeckDB, deckId: string, day: number, form: string, kind: string): Promise<number[]> {
	const rows = (await db.reviews.where('[deckId+day+stateBefore]').between([deckId, day - 7, MIN], [deckId, day, MAX]).toArray()).filter(
		(r) => (r.form ?? 'flip') === form && r.rating >= 3 && (r.proposed ?? 3) >= 3
	);
	const cards = await db.cards.bulkGet([...new Set(rows.map((r) => r.cardKey))]);
	const kinds = new Map(cards.filter((c): c is CardRow => !!c).map((c) => [c.key, c.kind]));
	return rows.filter((r) => kinds.get(r.cardKey) === kind).map((r) => r.durationMs);
}

/** Cards near a position in the deck: the pool multiple-choice distractors are drawn from. */
export function cardsAround(db: DocDeckDB, deckId: string, position: number, span = 150): Promise<CardRow[]> {
	return db.cards
		.where('[deckId+position]')
		.between([deckId, position - span], [deckId, position + span], true, true)
		.filter((c) => !c.retired)
		.toArray();
}

export interface Confusion {
	/** The card asked. */
	key: string;
	question: string;
	/** The card whose answer was picked instead. */
	other: string;
	otherQuestion: string;
	count: number;
}

async function withQuestions(db: DocDeckDB, rows: ReviewRow[]): Promise<Confusion[]> {
	const counts = new Map<string, { key: string; other: string; count: number }>();
	for (const r of rows) {
		if (!r.confusedWith) continue;
		const id = `${r.cardKey}\u0000${r.confusedWith}`;
		const c = counts.get(id) ?? { key: r.cardKey, other: r.confusedWith, count: 0 };
		c.count++;
		counts.set(id, c);
	}
	const list = [...counts.values()];
	const cards = await db.cards.bulkGet([...new Set(list.flatMap((c) => [c.key, c.other]))]);
	const q = new Map(cards.filter((c): c is CardRow => !!c).map((c) => [c.key, c.question]));
	return list.map((c) => ({ ...c, question: q.get(c.key) ?? c.key, otherQuestion: q.get(c.other) ?? c.other })).sort((a, b) => b.count - a.count);
}

/** The pairs of facts a learner has confused in a deck, most often first. */
export async function deckConfusions(db: DocDeckDB, deckId: string): Promise<Confusion[]> {
	const rows = await db.reviews.where('confusedWith').above('').filter((r) => r.deckId === deckId).toArray();
	return withQuestions(db, rows);
}

/** What this card has been confused with (twice or more counts as "often"). */
export async function cardConfusions(db: DocDeckDB, key: string): Promise<Confusion[]> {
	const rows = await db.reviews.where('cardKey').equals(key).filter((r) => !!r.confusedWith).toArray();
	return withQuestions(db, rows);
}

/**
 * What a study session covers: a deck with the decks under it (Anki's subdecks), and optionally
 * only the cards carrying a tag (or one of its children).
 */
export interface StudyScope {
	deckIds: string[];
	tag?: string;
}

/** A deck and every deck under it, the deck first. */
export async function deckWithChildren(db: DocDeckDB, deckId: string): Promise<string[]> {
	return subtree(await db.decks.toArray(), deckId);
}

const inQueueOrder = (a: QueueItem, b: QueueItem) => inDueOrder(a.state, b.state);

/**
 * A custom study session on a tag: the tagged cards of the decks that are due now, then the new
 * ones in deck order. The learner asked for these cards, so the day's limits do not hold them back.
 */
async function loadTagQueue(db: DocDeckDB, deckIds: string[], tag: string, clock: Clock, size: number): Promise<QueueView> {
	const decks = new Set(deckIds);
	const lower = tag.toLowerCase();
	return db.transaction('r', db.cards, db.states, async () => {
		const cards = (await db.cards.where('tags').startsWithIgnoreCase(tag).toArray()).filter((c) => decks.has(c.deckId) && !c.retired && !!c.tags?.some((t) => t.toLowerCase() === lower || t.toLowerCase().startsWith(lower + '::')));
		const unique = [...new Map(cards.map((c) => [c.key, c])).values()];
		const states = await db.states.bulkGet(unique.map((c) => c.key));
		const items: QueueItem[] = [];
		unique.forEach((card, i) => {
			const state = states[i];
			if (state && state.queue >= 0) items.push({ card, state });
		});
		const learning = items.filter((i) => i.state.queue === Queue.Learning && i.state.due <= clock.now).sort(inQueueOrder);
		const review = items.filter((i) => i.state.queue === Queue.Review && i.state.due <= clock.now).sort(inQueueOrder);
		const fresh = items.filter((i) => i.state.queue === Queue.New).sort((a, b) => a.card.position - b.card.position);
		const later = items.filter((i) => i.state.queue !== Queue.New && i.state.due > clock.now).map((i) => i.state.due);
		const queue = [...learning, ...review, ...fresh];
		const nextAt = queue.length ? null : later.length ? Math.min(...later) : null;
		return { items: queue.slice(0, size), counts: { learning: learning.length, review: review.length, new: fresh.length }, nextAt, ahead: null, wakeAt: nextAt };
	});
}
