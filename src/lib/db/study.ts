// Studying: the queue read through its index, and the commands on a card. Each answer or undo is
// one readwrite transaction over the card's state and the review log together.

import { MAX_ANSWER_MS } from '$lib/core/bounds';
import { FsrsState, Queue, queueKey, queueOf, type RatingValue } from '$lib/core/model';
import { buildQueue, dayWindow, LEARN_AHEAD_MS, limitsLeft, nextStudyTime, type DoneToday, type QueueCounts } from '$lib/core/queue';
import type { Scheduler } from '$lib/core/schedule';
import type { StudySettings } from '$lib/core/settings';
import type { Collection, InsertType } from 'dexie';
import { MAX, MIN, type CardRow, type DocDeckDB, type ReviewRow, type StateRow } from './db';

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
	/** True when the counts were not read (the heads alone were asked for): `counts` is then only what the heads hold. */
	countsPending?: boolean;
}

type Limits = Pick<StudySettings, 'newPerDay' | 'maxReviewsPerDay' | 'dayStartHour'>;

const range = (deckId: string, queue: number, lo: number, hi: number) => [
	[deckId, queue, lo],
	[deckId, queue, hi]
];

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

/**
 * The next `size` cards to study and the day's counts. Reads only the heads of the three queues
 * and counts the rest on the index: no table scan, whatever the deck's size.
 */
export async function loadQueue(db: DocDeckDB, deckId: string, clock: Clock, settings: Limits, size = 10, opts: { headsOnly?: boolean } = {}): Promise<QueueView> {
	const { now } = clock;
	const win = dayWindow(now, settings.dayStartHour, clock.utcOffsetMinutes);
	return db.transaction('r', db.states, db.cards, db.reviews, async () => {
		const states = db.states.where('[deckId+queue+due]');
		const learnR = range(deckId, Queue.Learning, MIN, now);
		const reviewR = range(deckId, Queue.Review, MIN, win.end);
		const newR = range(deckId, Queue.New, MIN, MAX);
		if (opts.headsOnly) {
			// The first cards at once, their counts later (counting walks the ranges: most of the
			// time of a queue read at 100 000 cards). An empty queue takes the full read below.
			const done = await doneOnDay(db, deckId, win.day);
			const { newLeft, reviewsLeft } = limitsLeft(settings, done);
			const learningDue = await states.between(learnR[0], learnR[1], true, true).limit(size).toArray();
			const reviewDue = learningDue.length < size && reviewsLeft > 0 ? await states.between(reviewR[0], reviewR[1], true, false).limit(Math.min(size - learningDue.length, reviewsLeft)).toArray() : [];
			const room = size - learningDue.length - reviewDue.length;
			const fresh = room > 0 && newLeft > 0 ? await states.between(newR[0], newR[1]).limit(Math.min(room, newLeft)).toArray() : [];
			const heads = [...learningDue, ...reviewDue, ...fresh];
			if (heads.length > 0) {
				const cards = await db.cards.bulkGet(heads.map((st) => st.key));
				const items = heads.flatMap((state, i) => (cards[i] ? [{ card: cards[i], state }] : []));
				return { items, counts: { new: fresh.length, learning: learningDue.length, review: reviewDue.length }, nextAt: null, countsPending: true };
			}
		}
		// Counts first (on the index, no rows read), then exactly the rows that will be shown:
		// learning due now, then reviews due today, then new cards, within the day's limits.
		// IndexedDB counts by walking a range, so reviews and new cards are counted only as far as
		// the day's limits can show (a 60 000-card new queue would otherwise cost 200 ms).
		const done = await doneOnDay(db, deckId, win.day);
		const { newLeft, reviewsLeft } = limitsLeft(settings, done);
		const [learning, review, freshTotal] = await Promise.all([
			states.between(learnR[0], learnR[1], true, true).count(),
			countUpTo(states.between(reviewR[0], reviewR[1], true, false), Math.max(1, reviewsLeft)),
			countUpTo(states.between(newR[0], newR[1]), Math.max(1, newLeft))
		]);
		const learnN = Math.min(size, learning);
		const reviewN = Math.min(size - learnN, review, reviewsLeft);
		const newN = Math.min(size - learnN - reviewN, freshTotal, newLeft);
		const [learningDue, reviewDue, fresh] = await Promise.all([
			learnN ? states.between(learnR[0], learnR[1], true, true).limit(learnN).toArray() : [],
			reviewN ? states.between(reviewR[0], reviewR[1], true, false).limit(reviewN).toArray() : [],
			newN ? states.between(newR[0], newR[1]).limit(newN).toArray() : []
		]);
		const aheadR = range(deckId, Queue.Learning, now, now + LEARN_AHEAD_MS);
		const nothingElse = learningDue.length + reviewDue.length + fresh.length === 0;
		const [learningAhead, aheadTotal] = nothingElse
			? await Promise.all([states.between(aheadR[0], aheadR[1], false, true).limit(size).toArray(), states.between(aheadR[0], aheadR[1], false, true).count()])
			: [[], 0];
		const totals = { learning, review, fresh: freshTotal, learningAhead: aheadTotal };
		const queue = buildQueue({ learningDue, reviewDue, fresh, learningAhead, totals, done }, settings, size);
		const cards = await db.cards.bulkGet(queue.cards.map((s) => s.key));
		const items: QueueItem[] = [];
		queue.cards.forEach((state, i) => {
			const card = cards[i];
			if (card) items.push({ card, state });
		});
		let nextAt: number | null = null;
		if (items.length === 0) {
			const [nextLearning, nextReview] = await Promise.all([
				states.between([deckId, Queue.Learning, now], [deckId, Queue.Learning, MAX], false, true).first(),
				states.between([deckId, Queue.Review, win.end], [deckId, Queue.Review, MAX]).first()
			]);
			nextAt = nextStudyTime({
				nextLearning: nextLearning?.due ?? null,
				nextReview: nextReview?.due ?? null,
				newWaiting: freshTotal > 0,
				reviewsWaiting: review > 0,
				dayStartHour: settings.dayStartHour,
				utcOffsetMinutes: clock.utcOffsetMinutes,
				now
			});
		}
		return { items, counts: queue.counts, nextAt };
	});
}

/** The day's counts alone (for a queue first read with `headsOnly`). */
export async function queueCounts(db: DocDeckDB, deckId: string, clock: Clock, settings: Limits): Promise<QueueCounts> {
	return (await loadQueue(db, deckId, clock, settings, 1)).counts;
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
	return db.transaction('rw', db.states, db.reviews, async () => {
		const state = await db.states.get(input.cardKey);
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
		await Promise.all([db.states.put({ ...state, schedule: graded.schedule, queue: queueOf(graded.schedule.state), due: queueKey(graded.schedule, state.position) }), db.reviews.add(review)]);
		return review;
	});
}

/**
 * Takes an answer back: the card's schedule before it is restored and the review row removed, in
 * one transaction. Only the card's latest answer can be undone.
 */
export async function undoAnswer(db: DocDeckDB, reviewId: string): Promise<StateRow> {
	return db.transaction('rw', db.states, db.reviews, async () => {
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

export interface DeckCounts extends QueueCounts {
	/** Answers given in the deck today. */
	studiedToday: number;
	total: number;
}

/** Due counts for the home screen, counted on the indexes. */
export async function deckCounts(db: DocDeckDB, deckId: string, clock: Clock, settings: Limits): Promise<DeckCounts> {
	const win = dayWindow(clock.now, settings.dayStartHour, clock.utcOffsetMinutes);
	return db.transaction('r', db.states, db.reviews, async () => {
		const states = db.states.where('[deckId+queue+due]');
		const [done, studiedToday, learning, review, fresh, total] = await Promise.all([
			doneOnDay(db, deckId, win.day),
			answersOnDay(db, deckId, win.day),
			states.between([deckId, Queue.Learning, MIN], [deckId, Queue.Learning, clock.now], true, true).count(),
			states.between([deckId, Queue.Review, MIN], [deckId, Queue.Review, win.end], true, false).count(),
			states.between([deckId, Queue.New, MIN], [deckId, Queue.New, MAX]).count(),
			states.between([deckId, Queue.Buried, MIN], [deckId, Queue.Review, MAX]).count()
		]);
		const { newLeft, reviewsLeft } = limitsLeft(settings, done);
		return { new: Math.min(fresh, newLeft), learning, review: Math.min(review, reviewsLeft), studiedToday, total };
	});
}

export interface DeckSummary {
	id: string;
	title: string;
	description: string;
	retired: boolean;
	counts: DeckCounts;
	/** The deck it sits under (an Anki subdeck). */
	parentId?: string;
}

/** Every deck with its counts, for the home screen. */
export async function deckSummaries(db: DocDeckDB, clock: Clock, settings: Limits): Promise<DeckSummary[]> {
	const decks = await db.decks.toArray();
	const counts = await Promise.all(decks.map((d) => deckCounts(db, d.id, clock, settings)));
	return decks
		.map((d, i) => ({ id: d.id, title: d.title, description: d.description, retired: !!d.retired, counts: counts[i]!, ...(d.parentId ? { parentId: d.parentId } : {}) }))
		.sort((a, b) => a.title.localeCompare(b.title));
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
	const decks = await db.decks.toArray();
	const children = new Map<string, string[]>();
	for (const d of decks) if (d.parentId && !d.retired) children.set(d.parentId, [...(children.get(d.parentId) ?? []), d.id]);
	const out: string[] = [];
	const walk = (id: string) => {
		if (out.includes(id)) return;
		out.push(id);
		for (const c of children.get(id) ?? []) walk(c);
	};
	walk(deckId);
	return out;
}

const inQueueOrder = (a: QueueItem, b: QueueItem) => a.state.due - b.state.due || (a.state.key < b.state.key ? -1 : 1);

/**
 * The queue of several decks studied together: each deck's heads, then the day's limits applied
 * to them all (a parent's limits cover its subdecks, as in Anki). One deck reads as `loadQueue`.
 */
export async function loadScopeQueue(db: DocDeckDB, scope: StudyScope, clock: Clock, settings: Limits, size = 10): Promise<QueueView> {
	if (scope.tag) return loadTagQueue(db, scope.deckIds, scope.tag, clock, size);
	if (scope.deckIds.length === 1) return loadQueue(db, scope.deckIds[0]!, clock, settings, size);
	const win = dayWindow(clock.now, settings.dayStartHour, clock.utcOffsetMinutes);
	const [views, done] = await Promise.all([
		Promise.all(scope.deckIds.map((id) => loadQueue(db, id, clock, settings, size))),
		Promise.all(scope.deckIds.map((id) => doneOnDay(db, id, win.day)))
	]);
	const { newLeft, reviewsLeft } = limitsLeft(settings, { newCards: done.reduce((n, d) => n + d.newCards, 0), reviews: done.reduce((n, d) => n + d.reviews, 0) });
	const all = views.flatMap((v) => v.items);
	const learning = all.filter((i) => i.state.queue === Queue.Learning).sort(inQueueOrder);
	const review = all.filter((i) => i.state.queue === Queue.Review).sort(inQueueOrder).slice(0, reviewsLeft);
	const fresh = all.filter((i) => i.state.queue === Queue.New).slice(0, newLeft);
	const sum = (f: (c: QueueCounts) => number) => views.reduce((n, v) => n + f(v.counts), 0);
	const counts = { learning: sum((c) => c.learning), review: Math.min(reviewsLeft, sum((c) => c.review)), new: Math.min(newLeft, sum((c) => c.new)) };
	const items = [...learning, ...review, ...fresh].slice(0, size);
	const nexts = views.map((v) => v.nextAt).filter((t): t is number => t !== null);
	return { items, counts, nextAt: items.length ? null : nexts.length ? Math.min(...nexts) : null };
}

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
		return { items: queue.slice(0, size), counts: { learning: learning.length, review: review.length, new: fresh.length }, nextAt: queue.length ? null : later.length ? Math.min(...later) : null };
	});
}
