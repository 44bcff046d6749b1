// What a chart shows, apart from how uPlot draws it: labels along x and one or more series.
import type uPlot from 'uplot';

export interface ChartSpec {
	kind: 'bars' | 'line';
	xLabels: string[];
	/** Series drawn in order; for stacked bars give cumulative values, the tallest first. */
	series: { name: string; color: string; values: (number | null)[] }[];
	yMax?: number;
}

export const COLORS = { again: '#c62828', hard: '#ef6c00', good: '#2e7d32', easy: '#1565c0', main: '#3f51b5', target: '#8e24aa' };

export function barSeries(u: typeof uPlot, color: string): uPlot.Series {
	return { fill: color, stroke: color, width: 0, points: { show: false }, paths: u.paths.bars!({ size: [0.8, 40] }) };
}

/** Stacked bars from parts: each series the sum of itself and those after it, so drawing in order stacks them. */
export function stacked(parts: { name: string; color: string; values: number[] }[]): ChartSpec['series'] {
	return parts.map((p, i) => ({ name: p.name, color: p.color, values: p.values.map((_, j) => parts.slice(i).reduce((t, q) => t + q.values[j]!, 0)) }));
}
