// The statistics screen's figures, computed from plain rows (the storage layer reads them): pure,
// so every chart's numbers are tested without a browser, and its text alternative shows the same.

import { FsrsState, Queue, type FsrsStateValue, type Passage, type QueueValue, type RatingValue } from './model.ts';
import { memoryModel } from './schedule.ts';
import { streak } from './progress.ts';
import { DAY } from './time.ts';

/** A card counts as mature once its interval reaches 21 days (as Anki counts it). */
export const MATURE_DAYS = 21;

export interface StatsReview {
	day: number;
	rating: RatingValue;
	durationMs: number;
	stateBefore: FsrsStateValue;
	/** The interval (days) the card had when it was answered. */
	scheduledDaysBefore: number;
}

export interface StatsCard {
	key: string;
	passage: string;
	queue: QueueValue;
	state: FsrsStateValue;
	stability: number;
	difficulty: number;
	scheduledDays: number;
	lastReview: number | null;
	/** Due time (ms) of a studied card. */
	due: number;
}

export interface StatsInput {
	reviews: StatsReview[];
	cards: StatsCard[];
	passages: Passage[];
	now: number;
	/** Today's study day number and the instant the next one begins. */
	today: number;
	todayEnd: number;
	desiredRetention: number;
	parameters: readonly number[] | null;
}

export interface Bin {
	label: string;
	count: number;
}

export interface RetentionRow {
	period: string;
	young: { passed: number; total: number };
	mature: { passed: number; total: number };
}

export interface PassageRecall {
	id: string;
	section: string;
	text: string;
	cards: number;
	/** Cards studied at least once. */
	studied: number;
	/** Mean predicted recall now of its studied cards (null: none studied). */
	recall: number | null;
}

export interface Stats {
	/** Cards due on each of the next 30 days (index 0: today, overdue included). */
	forecast: number[];
	/** Answers per day over the last 365 days, oldest first; the last entry is today. */
	daily: number[];
	/** Day number of daily[0]. */
	firstDay: number;
	streak: number;
	longestStreak: number;
	/** The last 30 days, oldest first: answers by grade, and minutes spent. */
	buttons: { again: number; hard: number; good: number; easy: number }[];
	minutes: number[];
	retention: RetentionRow[];
	counts: { new: number; learning: number; young: number; mature: number; relearning: number; suspended: number; buried: number; retired: number };
	stability: Bin[];
	difficulty: Bin[];
	retrievability: Bin[];
	/** Mean predicted recall now over studied cards. */
	meanRecall: number | null;
	passages: PassageRecall[];
}

const PERIODS: [name: string, days: number][] = [
	['Today', 1],
	['Yesterday', -1],
	['Last 7 days', 7],
	['Last 30 days', 30],
	['Last year', 365]
];

function bins(values: number[], edges: number[], label: (lo: number, hi: number | undefined) => string): Bin[] {
	const out = edges.map((lo, i) => ({ label: label(lo, edges[i + 1]), count: 0 }));
	for (const v of values) {
		let i = edges.length - 1;
		while (i > 0 && v < edges[i]!) i--;
		out[i]!.count++;
	}
	return out;
}

export function computeStats(input: StatsInput): Stats {
	const { today, now } = input;
	const firstDay = today - 364;
	const daily = new Array<number>(365).fill(0);
	const buttons = Array.from({ length: 30 }, () => ({ again: 0, hard: 0, good: 0, easy: 0 }));
	const minutes = new Array<number>(30).fill(0);
	const retention: RetentionRow[] = PERIODS.map(([period]) => ({ period, young: { passed: 0, total: 0 }, mature: { passed: 0, total: 0 } }));
	const studyDays = new Set<number>();
	for (const r of input.reviews) {
		studyDays.add(r.day);
		const ago = today - r.day;
		if (ago >= 0 && ago < 365) daily[364 - ago]!++;
		if (ago >= 0 && ago < 30) {
			const b = buttons[29 - ago]!;
			b[(['again', 'hard', 'good', 'easy'] as const)[r.rating - 1]!]++;
			minutes[29 - ago]! += r.durationMs / 60_000;
		}
		// True retention: answers to cards in review, passed unless Again.
		if (r.stateBefore !== FsrsState.Review || ago < 0) continue;
		PERIODS.forEach(([, days], i) => {
			if (days < 0 ? ago !== 1 : ago >= days) return;
			const cell = r.scheduledDaysBefore >= MATURE_DAYS ? retention[i]!.mature : retention[i]!.young;
			cell.total++;
			if (r.rating > 1) cell.passed++;
		});
	}
	const s = streak(studyDays, today);

	const model = memoryModel(input.parameters);
	const forecast = new Array<number>(30).fill(0);
	const counts = { new: 0, learning: 0, young: 0, mature: 0, relearning: 0, suspended: 0, buried: 0, retired: 0 };
	const stab: number[] = [];
	const diff: number[] = [];
	const ret: number[] = [];
	const byPassage = new Map<string, { cards: number; studied: number; recall: number }>();
	for (const c of input.cards) {
		if (c.queue === Queue.Retired) {
			counts.retired++;
			continue;
		}
		if (c.queue === Queue.Suspended) counts.suspended++;
		else if (c.queue === Queue.Buried) counts.buried++;
		else if (c.state === FsrsState.New) counts.new++;
		else if (c.state === FsrsState.Learning) counts.learning++;
		else if (c.state === FsrsState.Relearning) counts.relearning++;
		else if (c.scheduledDays >= MATURE_DAYS) counts.mature++;
		else counts.young++;
		const p = byPassage.get(c.passage) ?? { cards: 0, studied: 0, recall: 0 };
		p.cards++;
		byPassage.set(c.passage, p);
		if (c.state === FsrsState.New || c.lastReview === null) continue;
		if (c.queue >= 0) {
			const inDays = c.due < input.todayEnd ? 0 : Math.floor((c.due - input.todayEnd) / DAY) + 1;
			if (inDays < 30) forecast[inDays]!++;
		}
		const r = model.recall(Math.max(0, (now - c.lastReview) / DAY), c.stability);
		stab.push(c.stability);
		diff.push(c.difficulty);
		ret.push(r);
		p.studied++;
		p.recall += r;
	}
	const days = (d: number) => (d < 1 ? `${Math.round(d * 24)} h` : d < 30 ? `${d} d` : d < 365 ? `${Math.round(d / 30)} mo` : `${Math.round(d / 365)} y`);
	return {
		forecast,
		daily,
		firstDay,
		streak: s.current,
		longestStreak: s.longest,
		buttons,
		minutes: minutes.map((m) => Math.round(m * 10) / 10),
		retention,
		counts,
		stability: bins(stab, [0, 1, 3, 7, 14, 30, 90, 180, 365, 730], (lo, hi) => (hi === undefined ? `${days(lo)}+` : `${days(lo)}–${days(hi)}`)),
		difficulty: bins(diff, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], (lo, hi) => (hi === undefined ? '10' : `${lo}–${hi}`)),
		retrievability: bins(ret, [0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95], (lo, hi) => `${Math.round(lo * 100)}–${Math.round((hi ?? 1) * 100)} %`),
		meanRecall: ret.length ? ret.reduce((a, b) => a + b, 0) / ret.length : null,
		passages: input.passages.map((p) => {
			const b = byPassage.get(p.id);
			return { id: p.id, section: p.section, text: p.text, cards: b?.cards ?? 0, studied: b?.studied ?? 0, recall: b && b.studied ? b.recall / b.studied : null };
		})
	};
}

/** The pass rate of a retention cell as a percentage with its count ("91.2 % of 34"), or a dash. */
export function passRate(cell: { passed: number; total: number }): string {
	return cell.total ? `${((100 * cell.passed) / cell.total).toFixed(1)} % of ${cell.total}` : '—';
}
