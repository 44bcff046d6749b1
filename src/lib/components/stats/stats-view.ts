// The statistics as charts and tables: labels, series and the rows of each text alternative.
import { passRate, type Stats } from '$lib/core/stats';
import { COLORS, stacked, type ChartSpec } from './chart-spec';

const dayName = (ago: number) => (ago === 0 ? 'today' : ago === 1 ? 'yesterday' : `${ago} days ago`);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export function forecast(s: Stats) {
	const labels = s.forecast.map((_, i) => (i === 0 ? 'Today' : `+${i}`));
	const spec: ChartSpec = { kind: 'bars', xLabels: labels, series: [{ name: 'Due', color: COLORS.main, values: s.forecast }] };
	const week = sum(s.forecast.slice(0, 7));
	return {
		spec,
		summary: `${s.forecast[0]} card${s.forecast[0] === 1 ? '' : 's'} due today, ${week} in the next 7 days, ${sum(s.forecast)} in the next 30.`,
		rows: s.forecast.map((n, i) => [i === 0 ? 'Today (and overdue)' : `In ${i} day${i === 1 ? '' : 's'}`, n])
	};
}

export function activity(s: Stats) {
	const active = s.daily.filter((n) => n > 0).length;
	const rows = s.daily
		.map((n, i) => [364 - i, n] as const)
		.filter(([, n]) => n > 0)
		.reverse()
		.map(([ago, n]) => [dayName(ago), n]);
	return { summary: `Streak: ${s.streak} day${s.streak === 1 ? '' : 's'} (longest ${s.longestStreak}). You studied on ${active} of the last 365 days, ${sum(s.daily)} answers in all.`, rows };
}

export function buttons(s: Stats) {
	const parts = (['again', 'hard', 'good', 'easy'] as const).map((k) => ({ name: k, color: COLORS[k], values: s.buttons.map((b) => b[k]) }));
	const labels = s.buttons.map((_, i) => (i === 29 ? 'Today' : `−${29 - i}`));
	const spec: ChartSpec = { kind: 'bars', xLabels: labels, series: stacked([...parts].reverse()) };
	const totals = parts.map((p) => sum(p.values));
	const all = sum(totals);
	const share = (n: number) => (all ? `${Math.round((100 * n) / all)} %` : '0 %');
	return {
		spec,
		summary: all ? `Last 30 days: ${all} answers — Again ${share(totals[0]!)}, Hard ${share(totals[1]!)}, Good ${share(totals[2]!)}, Easy ${share(totals[3]!)}.` : 'No answers in the last 30 days.',
		rows: s.buttons.map((b, i) => [dayName(29 - i), b.again, b.hard, b.good, b.easy, s.minutes[i]!]).filter((r) => sum(r.slice(1, 5) as number[]) > 0).reverse()
	};
}

export function time(s: Stats) {
	const spec: ChartSpec = { kind: 'bars', xLabels: s.minutes.map((_, i) => (i === 29 ? 'Today' : `−${29 - i}`)), series: [{ name: 'Minutes', color: COLORS.main, values: s.minutes }] };
	const days = s.minutes.filter((m) => m > 0).length;
	return { spec, summary: days ? `${Math.round(sum(s.minutes))} minutes over the last 30 days, ${Math.round(sum(s.minutes) / days)} a day on the days you studied.` : 'No study time in the last 30 days.' };
}

export function retention(s: Stats, desired: number) {
	return {
		rows: s.retention.map((r) => [r.period, passRate(r.young), passRate(r.mature), passRate({ passed: r.young.passed + r.mature.passed, total: r.young.total + r.mature.total })]),
		summary: (() => {
			const m = s.retention[3]!;
			const t = { passed: m.young.passed + m.mature.passed, total: m.young.total + m.mature.total };
			return t.total ? `Last 30 days you passed ${passRate(t)} reviews; your desired retention is ${Math.round(desired * 100)} %.` : `No reviews in the last 30 days yet; your desired retention is ${Math.round(desired * 100)} %.`;
		})()
	};
}

export function distribution(bins: { label: string; count: number }[], name: string) {
	const spec: ChartSpec = { kind: 'bars', xLabels: bins.map((b) => b.label), series: [{ name, color: COLORS.main, values: bins.map((b) => b.count) }] };
	const total = sum(bins.map((b) => b.count));
	const top = [...bins].sort((a, b) => b.count - a.count)[0];
	return { spec, rows: bins.map((b) => [b.label, b.count]), summary: total ? `${total} studied cards; most (${top!.count}) in ${top!.label}.` : 'No studied cards yet.' };
}
