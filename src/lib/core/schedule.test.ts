import { describe, expect, it } from 'vitest';
import { createEmptyCard, fsrs, GenSeedStrategyWithCardId, StrategyMode, type Card as FsrsCard, type Grade, type StepUnit } from 'ts-fsrs';
import { isSoundSchedule } from './bounds.ts';
import { createScheduler, DAY, formatInterval, HOUR, memoryModel, MINUTE, newSchedule, ScheduleError, type SchedulerOptions } from './schedule.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { FsrsState, Rating, RATINGS, type RatingValue, type Schedule } from './model.ts';

const T0 = Date.UTC(2025, 0, 6, 9, 30); // a fixed Monday morning, UTC

const BASE: SchedulerOptions = {
	desiredRetention: 0.9,
	maximumInterval: 36500,
	learningSteps: ['1m', '10m'],
	relearningSteps: ['10m'],
	fuzz: false
};

/** ts-fsrs configured by hand the way schedule.ts promises to configure it. */
function reference(o: SchedulerOptions) {
	return fsrs({
		request_retention: o.desiredRetention,
		maximum_interval: o.maximumInterval,
		enable_fuzz: o.fuzz,
		enable_short_term: true,
		learning_steps: o.learningSteps as StepUnit[],
		relearning_steps: o.relearningSteps as StepUnit[],
		...(o.parameters ? { w: [...o.parameters] } : {})
	}).useStrategy(StrategyMode.SEED, GenSeedStrategyWithCardId('card_id'));
}

type History = [rating: RatingValue, at: number][];

/** Answers a card through our scheduler; returns the final schedule. */
function ours(o: SchedulerOptions, cardId: string, history: History): Schedule {
	const s = createScheduler(o);
	let schedule = newSchedule(T0);
	for (const [rating, at] of history) schedule = s.grade(cardId, schedule, rating, at).schedule;
	return schedule;
}

/** Answers a card directly through ts-fsrs; returns the final ts-fsrs card. */
function theirs(o: SchedulerOptions, cardId: string, history: History): FsrsCard & { card_id: string } {
	const f = reference(o);
	let card: FsrsCard & { card_id: string } = { ...createEmptyCard(new Date(T0)), card_id: cardId };
	for (const [rating, at] of history) card = { ...f.next(card, new Date(at), rating as Grade).card, card_id: cardId };
	return card;
}

/** new → Good → Good (graduates to review) → Good on its due day: a card in Review state. */
function reviewHistory(o: SchedulerOptions, cardId: string): History {
	const h: History = [[Rating.Good, T0]];
	const s1 = ours(o, cardId, h);
	h.push([Rating.Good, s1.due]);
	const s2 = ours(o, cardId, h);
	h.push([Rating.Good, s2.due + 2 * HOUR]);
	return h;
}

function expectPreviewMatches(o: SchedulerOptions, cardId: string, history: History, now: number) {
	const preview = createScheduler(o).preview(cardId, ours(o, cardId, history), now);
	const ref = reference(o).repeat(theirs(o, cardId, history), new Date(now));
	for (const r of RATINGS) {
		const want = ref[r as Grade].card;
		const got = preview[r];
		expect(got.schedule.due, `rating ${r}`).toBe(want.due.getTime());
		expect(got.intervalMs, `rating ${r}`).toBe(want.due.getTime() - now);
		expect(got.schedule).toMatchObject({
			stability: want.stability,
			difficulty: want.difficulty,
			state: want.state,
			reps: want.reps,
			lapses: want.lapses,
			learningSteps: want.learning_steps,
			scheduledDays: want.scheduled_days,
			lastReview: now
		});
	}
}

describe('createScheduler().preview agrees with ts-fsrs itself', () => {
	for (const fuzz of [false, true]) {
		it(`for a new card (fuzz ${fuzz ? 'on' : 'off'})`, () => {
			expectPreviewMatches({ ...BASE, fuzz }, 'kidney/gfr-normal', [], T0 + 5 * MINUTE);
		});

		it(`for a card in Review state after a few answers (fuzz ${fuzz ? 'on' : 'off'})`, () => {
			const o = { ...BASE, fuzz };
			const history = reviewHistory(o, 'kidney/gfr-normal');
			const s = ours(o, 'kidney/gfr-normal', history);
			expect(s.state).toBe(FsrsState.Review);
			expect(s.reps).toBe(3);
			expectPreviewMatches(o, 'kidney/gfr-normal', history, s.due + 3 * HOUR);
		});
	}

	it('for a lapsed card in Relearning, with other retention and steps', () => {
		const o: SchedulerOptions = { desiredRetention: 0.85, maximumInterval: 365, learningSteps: ['5m'], relearningSteps: ['15m', '1h'], fuzz: true };
		const history = reviewHistory(o, 'kidney/oedema');
		const s = ours(o, 'kidney/oedema', history);
		history.push([Rating.Again, s.due + DAY]);
		expect(ours(o, 'kidney/oedema', history).state).toBe(FsrsState.Relearning);
		expectPreviewMatches(o, 'kidney/oedema', history, s.due + DAY + 20 * MINUTE);
	});
});

describe('a learner\'s own parameters', () => {
	const own = [0.39, 1.55, 3.43, 8.3, 6.58, 0.67, 3.14, 0.05, 1.7, 0.32, 0.63, 1.48, 0.1, 0.3, 1.65, 0.58, 1.9, 0.57, 0.03, 0.03, 0.1];

	it('schedule as ts-fsrs does with the same w, and differently from the defaults', () => {
		const o = { ...BASE, parameters: own };
		const h = reviewHistory(o, 'card-p');
		const last = ours(o, 'card-p', h);
		expectPreviewMatches(o, 'card-p', h, last.due + DAY);
		expect(last.stability).not.toBeCloseTo(ours(BASE, 'card-p', reviewHistory(BASE, 'card-p')).stability, 3);
	});

	it('memoryModel follows the forgetting curve: recall is 0.9 after one stability, and the interval for 0.9 is the stability', () => {
		const m = memoryModel(own);
		expect(m.recall(7, 7)).toBeCloseTo(0.9, 6);
		expect(m.interval(7, 0.9)).toBeCloseTo(7, 6);
		expect(m.recall(30, 7)).toBeLessThan(m.recall(10, 7));
		const first = m.step(null, 0, Rating.Good);
		expect(first.stability).toBeCloseTo(own[2]!, 6);
		expect(m.step(first, 3, Rating.Good).stability).toBeGreaterThan(first.stability);
	});
});

describe('an exam date', () => {
	it('brings a deck\'s review card back once its recall falls to the target, when it would be below it on the exam day', () => {
		const h = reviewHistory(BASE, 'neph/c1');
		const last = h.at(-1)![1];
		const plain = createScheduler(BASE).grade('neph/c1', ours(BASE, 'neph/c1', h.slice(0, -1)), Rating.Good, last).schedule;
		expect(plain.scheduledDays).toBeGreaterThan(4);
		const exam = { at: last + 60 * DAY, target: 0.95 };
		const withExam = createScheduler({ ...BASE, exams: { neph: exam } });
		const graded = withExam.grade('neph/c1', ours(BASE, 'neph/c1', h.slice(0, -1)), Rating.Good, last).schedule;
		const m = memoryModel(null);
		expect(m.recall(60, plain.stability)).toBeLessThan(0.95);
		expect(graded.scheduledDays).toBe(Math.floor(m.interval(plain.stability, 0.95)));
		expect(graded.due).toBe(last + graded.scheduledDays * DAY);
		expect(graded.stability).toBe(plain.stability);
		// The buttons show the same.
		expect(withExam.preview('neph/c1', ours(BASE, 'neph/c1', h.slice(0, -1)), last)[3].schedule).toEqual(graded);
		// Another deck's card, an exam already past, or an exam too near to matter: FSRS as usual.
		expect(withExam.grade('other/c1', ours(BASE, 'other/c1', h.slice(0, -1)), Rating.Good, last).schedule.scheduledDays).toBe(plain.scheduledDays);
		const past = createScheduler({ ...BASE, exams: { neph: { at: last - DAY, target: 0.95 } } });
		expect(past.grade('neph/c1', ours(BASE, 'neph/c1', h.slice(0, -1)), Rating.Good, last).schedule).toEqual(plain);
		const near = createScheduler({ ...BASE, exams: { neph: { at: last + DAY, target: 0.95 } } });
		expect(near.grade('neph/c1', ours(BASE, 'neph/c1', h.slice(0, -1)), Rating.Good, last).schedule).toEqual(plain);
	});
});

describe('learning steps (fuzz off, default steps)', () => {
	it('a new card with the app’s default settings: Again 1m, Hard 6m, Good 10m, and Easy skips learning', () => {
		const p = createScheduler({ ...DEFAULT_SETTINGS, fuzz: false }).preview('kidney/a', newSchedule(T0), T0);
		expect(p[Rating.Again].intervalMs).toBe(1 * MINUTE);
		expect(p[Rating.Hard].intervalMs).toBe(6 * MINUTE);
		expect(p[Rating.Good].intervalMs).toBe(10 * MINUTE);
		expect(p[Rating.Good].schedule.state).toBe(FsrsState.Learning);
		expect(p[Rating.Easy].schedule.state).toBe(FsrsState.Review);
		expect(p[Rating.Easy].intervalMs).toBeGreaterThanOrEqual(DAY);
	});

	it('grade moves the card and reports the whole days since its previous answer', () => {
		const s = createScheduler(BASE);
		const first = s.grade('kidney/a', newSchedule(T0), Rating.Good, T0);
		expect(first.elapsedDays).toBe(0);
		expect(first.schedule).toMatchObject({ state: FsrsState.Learning, reps: 1, lastReview: T0, due: T0 + 10 * MINUTE });
		const second = s.grade('kidney/a', first.schedule, Rating.Good, T0 + 10 * MINUTE);
		expect(second.schedule.state).toBe(FsrsState.Review);
		const later = T0 + 10 * MINUTE + 3 * DAY + 5 * HOUR;
		expect(s.grade('kidney/a', second.schedule, Rating.Good, later).elapsedDays).toBe(3);
	});

	it('grading does not change the schedule it was given', () => {
		const before = newSchedule(T0);
		const copy = structuredClone(before);
		createScheduler(BASE).grade('kidney/a', before, Rating.Good, T0);
		expect(before).toEqual(copy);
	});
});

describe('fuzz', () => {
	const on = { ...BASE, fuzz: true };

	it('is reproducible: the same card id and the same answers give the same interval', () => {
		const history = reviewHistory(on, 'kidney/gfr-cloze');
		const a = createScheduler(on).preview('kidney/gfr-cloze', ours(on, 'kidney/gfr-cloze', history), T0 + 40 * DAY);
		const b = createScheduler(on).preview('kidney/gfr-cloze', ours(on, 'kidney/gfr-cloze', history), T0 + 40 * DAY);
		expect(a).toEqual(b);
	});

	it('spreads the intervals of cards answered alike, within a small range of the unfuzzed interval', () => {
		const ids = Array.from({ length: 24 }, (_, i) => `kidney/card-${i}`);
		// Same answers at the same times for every card (taken from the unfuzzed history).
		const history = reviewHistory(BASE, 'kidney/card-0');
		const now = ours(BASE, 'kidney/card-0', history).due;
		const plain = createScheduler(BASE).preview('kidney/card-0', ours(BASE, 'kidney/card-0', history), now)[Rating.Good].intervalMs;
		expect(plain).toBeGreaterThan(7 * DAY); // large enough for fuzz to apply
		const fuzzed = ids.map((id) => createScheduler(on).preview(id, ours(on, id, history), now)[Rating.Good].intervalMs);
		expect(new Set(fuzzed).size).toBeGreaterThan(1);
		for (const ms of fuzzed) {
			expect(Math.abs(ms - plain)).toBeLessThanOrEqual(0.25 * plain + DAY);
		}
	});
});

describe('input checks', () => {
	const s = createScheduler(BASE);

	it('grade rejects a rating that is not a grade', () => {
		for (const bad of [0, 5, 2.5, Number.NaN]) {
			expect(() => s.grade('kidney/a', newSchedule(T0), bad as RatingValue, T0)).toThrow(ScheduleError);
		}
	});

	it('rejects an invalid time or due time', () => {
		expect(() => s.grade('kidney/a', newSchedule(T0), Rating.Good, Number.NaN)).toThrow(ScheduleError);
		expect(() => s.preview('kidney/a', { ...newSchedule(T0), due: Number.NaN }, T0)).toThrow(ScheduleError);
	});

	it('never grades a schedule holding a value that is not a number, nor writes one', () => {
		const studied = s.grade('kidney/a', newSchedule(T0), Rating.Good, T0).schedule;
		for (const bad of [{ stability: Number.NaN }, { difficulty: Infinity }, { lastReview: Number.NaN }, { reps: Number.NaN }]) {
			expect(() => s.grade('kidney/a', { ...studied, ...bad }, Rating.Good, T0 + DAY)).toThrow(ScheduleError);
		}
		// Absurd but numeric values: either refused or graded into a usable schedule, never NaN.
		for (const odd of [{ state: 2 as const, stability: 1e300 }, { state: 2 as const, difficulty: 1e300 }, { state: 2 as const, stability: 1e-300 }]) {
			let out: Schedule | null = null;
			try {
				out = s.grade('kidney/a', { ...studied, ...odd }, Rating.Good, T0 + DAY).schedule;
			} catch (e) {
				expect(e).toBeInstanceOf(ScheduleError);
			}
			if (out) expect(isSoundSchedule(out)).toBe(true);
		}
	});

	it('an answer timed before the card\'s last answer (a clock set back) is graded as if no time passed', () => {
		const once = s.grade('kidney/a', newSchedule(T0), Rating.Good, T0 + 60 * DAY).schedule;
		const early = s.grade('kidney/a', once, Rating.Good, T0);
		const atLast = s.grade('kidney/a', once, Rating.Good, T0 + 60 * DAY);
		expect(early.schedule).toEqual(atLast.schedule);
		expect(early.elapsedDays).toBe(0);
		expect(() => s.preview('kidney/a', once, T0)).not.toThrow();
	});
});

describe('newSchedule', () => {
	it('is a new, never-reviewed card due at once', () => {
		expect(newSchedule(T0)).toMatchObject({ state: FsrsState.New, reps: 0, lapses: 0, lastReview: null, due: T0 });
	});
});

describe('formatInterval', () => {
	it.each([
		[30_000, '<1m'],
		[MINUTE, '1m'],
		[10 * MINUTE, '10m'],
		[3 * HOUR, '3h'],
		[59.6 * MINUTE, '1h'],
		[23.7 * HOUR, '1d'],
		[29.6 * DAY, '1mo'],
		[4 * DAY, '4d'],
		[75 * DAY, '2.5mo'],
		[438 * DAY, '1.2y'],
		[730 * DAY, '2y']
	])('%d ms → %s', (ms, label) => {
		expect(formatInterval(ms)).toBe(label);
	});
});
