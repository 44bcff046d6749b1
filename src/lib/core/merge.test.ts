import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonical, mergeDatasets, sameAnswer } from './merge.ts';
import { studyDay } from './queue.ts';
import { replay } from './replay.ts';
import { createScheduler, DAY, HOUR, MINUTE, newSchedule, type Scheduler } from './schedule.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { Queue, queueKey, queueOf, type RatingValue } from './model.ts';
import type { CardRow, Dataset, DeckRow, ReviewRow, StateRow } from './records.ts';

const scheduler = createScheduler(DEFAULT_SETTINGS);
const T0 = Date.UTC(2026, 1, 1, 8, 0);

function baseDataset(cards: number): Dataset {
	const deck: DeckRow = { id: 'd', title: 'Deck', description: '', origin: 'bundled', source: { title: 'S', origin: '', passages: [] }, fingerprint: 'f', updatedAt: T0 };
	const rows: CardRow[] = Array.from({ length: cards }, (_, i) => ({
		id: `c${i}`,
		key: `d/c${i}`,
		deckId: 'd',
		kind: 'basic',
		question: `Q${i}?`,
		answer: `A${i}.`,
		items: [],
		explanation: '',
		section: 'S',
		passage: 'p',
		position: i,
		retired: 0
	}));
	const states: StateRow[] = rows.map((c) => {
		const schedule = newSchedule(T0);
		return { key: c.key, deckId: 'd', queue: Queue.New, due: queueKey(schedule, c.position), position: c.position, schedule, flag: 0, buriedDay: 0 };
	});
	return { decks: [deck], cards: rows, states, reviews: [] };
}

function clone(d: Dataset): Dataset {
	return structuredClone(d);
}

type Step = { card: number; rating: RatingValue; gap: number } | { card: number; mark: 'flag' | 'suspend' };

/** A device studying as the app does: each answer grades the stored state and logs a review. */
function study(d: Dataset, device: string, steps: Step[], start: number, using: Scheduler = scheduler, dayOf: (t: number) => number = () => 0): Dataset {
	const out = clone(d);
	let t = start;
	let n = 0;
	for (const step of steps) {
		const state = out.states[step.card % out.states.length]!;
		if ('mark' in step) {
			if (step.mark === 'flag') state.flag = 1;
			else state.queue = Queue.Suspended;
			continue;
		}
		t += step.gap;
		const g = using.grade(state.key, state.schedule, step.rating, t);
		const review: ReviewRow = {
			id: `${device}-${n++}`,
			cardKey: state.key,
			deckId: state.deckId,
			at: t,
			day: dayOf(t),
			rating: step.rating,
			stateBefore: state.schedule.state,
			before: state.schedule,
			after: g.schedule,
			elapsedDays: g.elapsedDays,
			durationMs: 1000
		};
		out.reviews.push(review);
		state.schedule = g.schedule;
		if (state.queue >= 0) state.queue = queueOf(g.schedule.state);
		state.due = queueKey(g.schedule, state.position);
	}
	return out;
}

/** What the storage layer does with a merge result. */
function apply(local: Dataset, incoming: Dataset): Dataset {
	const r = mergeDatasets(local, incoming, scheduler);
	expect(r.conflicts).toEqual([]);
	const put = <T>(rows: T[], extra: T[], key: (x: T) => string) => {
		const m = new Map(rows.map((x) => [key(x), x]));
		for (const x of extra) m.set(key(x), x);
		return [...m.values()];
	};
	return {
		decks: put(local.decks, r.decks, (x) => x.id),
		cards: put(local.cards, r.cards, (x) => x.key),
		states: put(local.states, r.states, (x) => x.key),
		reviews: put(local.reviews, r.reviews, (x) => x.id)
	};
}

const sorted = <T>(rows: T[]) => rows.map(canonical).sort();

const stepArb = fc.oneof(
	{ weight: 6, arbitrary: fc.record({ card: fc.nat(7), rating: fc.constantFrom<RatingValue>(1, 2, 3, 4), gap: fc.integer({ min: 1, max: 5 * DAY }) }) },
	{ weight: 1, arbitrary: fc.record({ card: fc.nat(7), mark: fc.constantFrom<'flag' | 'suspend'>('flag', 'suspend') }) }
);

describe('merging two devices', () => {
	it('A into B equals B into A: the same histories and schedules, no duplicate reviews, whatever the order', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 6 }),
				fc.array(stepArb, { maxLength: 8 }),
				fc.array(stepArb, { maxLength: 12 }),
				fc.array(stepArb, { maxLength: 12 }),
				fc.integer({ min: -3 * DAY, max: 3 * DAY }),
				(cards, shared, onA, onB, skew) => {
					const base = study(baseDataset(cards), 'base', shared, T0);
					const end = Math.max(T0, ...base.reviews.map((r) => r.at));
					const A = study(base, 'a', onA, end);
					const B = study(base, 'b', onB, end + skew);
					const AB = apply(B, A);
					const BA = apply(A, B);
					expect(sorted(AB.reviews)).toEqual(sorted(BA.reviews));
					expect(sorted(AB.states)).toEqual(sorted(BA.states));
					expect(sorted(AB.cards)).toEqual(sorted(BA.cards));
					// Every answer once, none lost.
					const ids = AB.reviews.map((r) => r.id);
					expect(new Set(ids).size).toBe(ids.length);
					expect(ids.length).toBe(base.reviews.length + A.reviews.length - base.reviews.length + B.reviews.length - base.reviews.length);
					// Each schedule is the replay of the united log.
					for (const s of AB.states) {
						const history = AB.reviews.filter((r) => r.cardKey === s.key);
						if (history.length) expect(canonical(s.schedule)).toBe(canonical(replay(scheduler, s.key, history).schedule));
					}
					// Merging again changes nothing.
					const again = mergeDatasets(AB, B, scheduler);
					expect(again.reviews).toEqual([]);
					expect(again.states).toEqual([]);
				}
			),
			{ numRuns: 150 }
		);
	});

	it('keeps a suspension or flag set on either device', () => {
		const base = baseDataset(2);
		const A = study(base, 'a', [{ card: 0, mark: 'suspend' }], T0);
		const B = study(base, 'b', [{ card: 1, mark: 'flag' }, { card: 1, rating: 3, gap: MINUTE }], T0);
		const AB = apply(B, A);
		const byKey = new Map(AB.states.map((s) => [s.key, s]));
		expect(byKey.get('d/c0')!.queue).toBe(Queue.Suspended);
		expect(byKey.get('d/c1')!.flag).toBe(1);
		expect(byKey.get('d/c1')!.schedule.reps).toBe(1);
	});

	it('the same answers derived under other settings are the same answers: symmetric, replayed, idempotent', () => {
		const settingsArb = fc.record({ desiredRetention: fc.constantFrom(0.8, 0.9, 0.95), dayStartHour: fc.integer({ min: 0, max: 12 }) });
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 4 }), fc.array(stepArb, { minLength: 1, maxLength: 10 }), fc.array(stepArb, { maxLength: 6 }), settingsArb, settingsArb, (cards, shared, onA, sa, sb) => {
				// One history, written down on two devices whose settings differ: other schedules, other study days.
				const onDevice = (s: typeof sa) => [createScheduler({ ...DEFAULT_SETTINGS, desiredRetention: s.desiredRetention }), (t: number) => studyDay(t, s.dayStartHour, 0)] as const;
				const A = study(study(baseDataset(cards), 'base', shared, T0, ...onDevice(sa)), 'a', onA, T0 + 30 * DAY, ...onDevice(sa));
				const B = study(baseDataset(cards), 'base', shared, T0, ...onDevice(sb));
				const r = mergeDatasets(B, A, scheduler);
				expect(r.conflicts).toEqual([]);
				const AB = apply(B, A);
				const BA = apply(A, B);
				expect(sorted(AB.reviews)).toEqual(sorted(BA.reviews));
				expect(sorted(AB.states)).toEqual(sorted(BA.states));
				// The log agrees with the schedule: each answer starts where the one before left the card.
				for (const s of AB.states) {
					const history = AB.reviews.filter((x) => x.cardKey === s.key).sort((x, y) => x.at - y.at);
					history.forEach((row, i) => (i ? expect(canonical(row.before)).toBe(canonical(history[i - 1]!.after)) : expect(row.before.reps).toBe(0)));
					if (history.length) expect(canonical(s.schedule)).toBe(canonical(history.at(-1)!.after));
				}
				const again = mergeDatasets(AB, A, scheduler);
				expect([again.reviews, again.states, again.conflicts]).toEqual([[], [], []]);
			}),
			{ numRuns: 100 }
		);
	});

	it('a row is the same answer when its facts agree, whatever its derived fields say', () => {
		const base = study(baseDataset(1), 'x', [{ card: 0, rating: 3, gap: HOUR }], T0);
		const row = base.reviews[0]!;
		expect(sameAnswer(row, { ...row, day: row.day + 1, elapsedDays: 9, before: row.after })).toBe(true);
		for (const change of [{ at: row.at + 1 }, { rating: 1 as const }, { durationMs: 5 }, { cardKey: 'd/c9' }, { form: 'typed' as const }]) expect(sameAnswer(row, { ...row, ...change })).toBe(false);
	});

	it('a review id that means two different answers is a conflict, not a silent choice', () => {
		const base = baseDataset(1);
		const A = study(base, 'x', [{ card: 0, rating: 3, gap: MINUTE }], T0);
		const B = study(base, 'x', [{ card: 0, rating: 1, gap: MINUTE }], T0);
		expect(mergeDatasets(A, B, scheduler).conflicts).toEqual(['x-0']);
	});

	it('brings in decks and cards this device does not have, and reports what it did', () => {
		const here = baseDataset(1);
		const there = study(baseDataset(3), 'b', [{ card: 2, rating: 3, gap: MINUTE }], T0);
		const r = mergeDatasets(here, there, scheduler);
		expect(r.report).toEqual({ decksAdded: 0, cardsAdded: 2, reviewsAdded: 1, cardsRescheduled: 0 });
		expect(r.cards.map((c) => c.key)).toEqual(['d/c1', 'd/c2']);
	});
});
