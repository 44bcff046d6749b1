// Merging another device's backup into this one. Review logs are united by id, and every card
// whose history changed is replayed, so merging A into B and B into A give the same histories and
// the same schedules, whatever the order, and merging twice changes nothing.

import { Queue, queueKey, queueOf } from './model.ts';
import type { CardRow, Dataset, DeckRow, ReviewRow, StateRow } from './records.ts';
import { answerOrder, replay } from './replay.ts';
import type { Scheduler } from './schedule.ts';

export interface MergeReport {
	decksAdded: number;
	cardsAdded: number;
	reviewsAdded: number;
	cardsRescheduled: number;
}

/** The rows to write into the local database (all in one transaction). */
export interface MergeResult {
	decks: DeckRow[];
	cards: CardRow[];
	states: StateRow[];
	/** New answers, and answers whose derived fields (schedules, study day) the replay of their card changed. */
	reviews: ReviewRow[];
	report: MergeReport;
	/** Review ids present on both sides recording different answers: the merge must not go ahead. */
	conflicts: string[];
}

/** JSON with object keys sorted, so equal rows compare equal whatever order their keys were written in. */
export function canonical(v: unknown): string {
	return JSON.stringify(v, (_k, value: unknown) =>
		value && typeof value === 'object' && !Array.isArray(value)
			? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
			: value
	);
}

/**
 * What an answer is: the card, the moment, the grade, how long it took and how it was asked. The
 * rest of a review row (its study day, the schedules before and after, the days elapsed) follows
 * from these facts and the settings in force, so two rows with the same facts are the same answer,
 * whatever settings each device derived them with; replaying the card derives them afresh.
 */
const FACTS = ['id', 'cardKey', 'deckId', 'at', 'rating', 'durationMs', 'form', 'proposed', 'chosen', 'confusedWith'] as const;

/** Whether two review rows record the same answer (their derived fields may differ). */
export function sameAnswer(a: ReviewRow, b: ReviewRow): boolean {
	return FACTS.every((f) => a[f] === b[f]);
}

/** Of two rows, the one with the lower canonical form: a choice both devices make alike. */
function lower<T>(a: T | undefined, b: T | undefined): T | undefined {
	if (!a || !b) return a ?? b;
	return canonical(a) <= canonical(b) ? a : b;
}

/** The newer of two versions of a deck; a deterministic choice, the same from either side. */
function newerDeck(a: DeckRow | undefined, b: DeckRow | undefined): DeckRow | undefined {
	if (!a || !b) return a ?? b;
	if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
	return lower(a, b);
}

/** Suspension and flags are kept if either device set them; retirement follows the deck version kept. */
function mergedQueue(card: CardRow, states: (StateRow | undefined)[], schedule: StateRow['schedule']): Pick<StateRow, 'queue' | 'buriedDay' | 'retiredFrom'> {
	const present = states.filter((s): s is StateRow => !!s);
	const suspended = present.some((s) => s.queue === Queue.Suspended || s.retiredFrom === Queue.Suspended);
	const buriedDay = Math.max(0, ...present.filter((s) => s.queue === Queue.Buried).map((s) => s.buriedDay));
	if (card.retired) return { queue: Queue.Retired, buriedDay: 0, ...(suspended ? { retiredFrom: Queue.Suspended } : {}) };
	if (suspended) return { queue: Queue.Suspended, buriedDay: 0 };
	if (buriedDay > 0 || present.some((s) => s.queue === Queue.Buried)) return { queue: Queue.Buried, buriedDay };
	return { queue: queueOf(schedule.state), buriedDay: 0 };
}

/**
 * Merges `incoming` into `local`. `local` needs only the rows that `incoming` touches: its decks
 * with the same ids, its cards and states with the same keys, and every review of those cards.
 */
export function mergeDatasets(local: Dataset, incoming: Dataset, scheduler: Scheduler): MergeResult {
	const report: MergeReport = { decksAdded: 0, cardsAdded: 0, reviewsAdded: 0, cardsRescheduled: 0 };
	const out: MergeResult = { decks: [], cards: [], states: [], reviews: [], report, conflicts: [] };

	const localDecks = new Map(local.decks.map((d) => [d.id, d]));
	const keptDeck = new Map<string, 'local' | 'incoming'>();
	for (const d of incoming.decks) {
		const mine = localDecks.get(d.id);
		const winner = newerDeck(mine, d);
		keptDeck.set(d.id, winner === mine ? 'local' : 'incoming');
		if (!mine) report.decksAdded++;
		if (winner !== mine) out.decks.push(d);
	}

	const localCards = new Map(local.cards.map((c) => [c.key, c]));
	const localStates = new Map(local.states.map((s) => [s.key, s]));
	const incomingStates = new Map(incoming.states.map((s) => [s.key, s]));
	const reviewsByCard = new Map<string, Map<string, ReviewRow>>();
	const localIds = new Set<string>();
	for (const r of local.reviews) {
		localIds.add(r.id);
		if (!reviewsByCard.has(r.cardKey)) reviewsByCard.set(r.cardKey, new Map());
		reviewsByCard.get(r.cardKey)!.set(r.id, r);
	}
	const localById = new Map(local.reviews.map((r) => [r.id, r]));
	const incomingCount = new Map<string, number>();
	for (const r of incoming.reviews) incomingCount.set(r.cardKey, (incomingCount.get(r.cardKey) ?? 0) + 1);
	const gained = new Set<string>();
	// Cards holding an answer both sides have, derived differently (other settings): replayed.
	const rederive = new Set<string>();
	/** Rows to write, by id: new answers, and answers whose derived fields a replay changes. */
	const writes = new Map<string, ReviewRow>();
	for (const r of incoming.reviews) {
		const mine = localById.get(r.id);
		if (mine) {
			if (!sameAnswer(mine, r)) out.conflicts.push(r.id);
			else if (canonical(mine) !== canonical(r)) {
				rederive.add(r.cardKey);
				// The earlier study day of the two: a choice both devices make alike.
				reviewsByCard.get(r.cardKey)?.set(r.id, { ...mine, day: Math.min(mine.day, r.day) });
			}
			continue;
		}
		writes.set(r.id, r);
		report.reviewsAdded++;
		gained.add(r.cardKey);
		if (!reviewsByCard.has(r.cardKey)) reviewsByCard.set(r.cardKey, new Map());
		reviewsByCard.get(r.cardKey)!.set(r.id, r);
	}

	for (const theirs of incoming.cards) {
		const mine = localCards.get(theirs.key);
		const card = !mine ? theirs : keptDeck.get(theirs.deckId) === 'incoming' ? theirs : mine;
		if (!mine) report.cardsAdded++;
		if (mine && card !== mine && canonical(card) !== canonical(mine)) out.cards.push(card);
		if (!mine) out.cards.push(card);

		const a = localStates.get(theirs.key);
		const b = incomingStates.get(theirs.key);
		const history = [...(reviewsByCard.get(theirs.key)?.values() ?? [])];
		// Both devices hold the same answers and agree on the schedule: nothing to replay.
		const agreed =
			!!a && !!b && !gained.has(theirs.key) && !rederive.has(theirs.key) && history.length === (incomingCount.get(theirs.key) ?? 0) && canonical(a.schedule) === canonical(b.schedule);
		let schedule = lower(a?.schedule, b?.schedule)!;
		if (history.length > 0 && !agreed) {
			const replayed = replay(scheduler, theirs.key, history);
			schedule = replayed.schedule;
			// Each answer's derived fields as the replay gives them, so the log agrees with the schedule.
			history.sort(answerOrder).forEach((row, i) => {
				const step = replayed.steps[i]!;
				const next: ReviewRow = { ...row, stateBefore: step.before.state, before: step.before, after: step.after, elapsedDays: step.elapsedDays };
				const stored = localById.get(row.id);
				if (!stored || canonical(stored) !== canonical(next)) writes.set(row.id, next);
			});
		}
		const flag = Math.max(a?.flag ?? 0, b?.flag ?? 0) as 0 | 1;
		const next: StateRow = { key: card.key, deckId: card.deckId, position: card.position, schedule, flag, due: queueKey(schedule, card.position), ...mergedQueue(card, [a, b], schedule) };
		if (!a || canonical(next) !== canonical(a)) {
			out.states.push(next);
			if (a && canonical(next.schedule) !== canonical(a.schedule)) report.cardsRescheduled++;
		}
	}
	out.reviews = [...writes.values()];
	return out;
}
