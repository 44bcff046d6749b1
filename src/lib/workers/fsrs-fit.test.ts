// The optimiser the app runs (fsrs-browser: fsrs-rs 5.2 in WebAssembly) against the reference
// figures fsrs-rs 6.5 gave on the same fixed log (scripts/fsrs-reference.ts made them).
import { describe, expect, it } from 'vitest';
import log from '../core/fsrs/fixtures/log.json';
import reference from '../core/fsrs/fixtures/reference.json';
import { fixtureRows, type FixtureLog } from '../core/fsrs/fixture-log.ts';
import { fsrsItems } from '../core/fsrs/items.ts';
import { DEFAULT_PARAMETERS } from '../core/schedule.ts';
import { fitInNode } from './fsrs-node.ts';

const within = (ours: number[], theirs: number[]) => Math.max(...ours.map((x, i) => Math.abs(x - theirs[i]!)));

describe('the optimiser on the fixture log', () => {
	it('fits all 21 parameters within fsrs-rs\' tolerance of the reference', { timeout: 60_000 }, async () => {
		const { items } = fsrsItems(fixtureRows(log as FixtureLog));
		expect(items).toHaveLength(reference.full.items);
		const w = (await fitInNode(items)).parameters;
		expect(w).toHaveLength(21);
		expect(within(w, reference.full.parameters)).toBeLessThanOrEqual(reference.tolerance);
		// And the fit moved: this learner's memory is not the default one.
		expect(within(w, [...DEFAULT_PARAMETERS])).toBeGreaterThan(0.1);
	});

	it('with a short history fits only the first four parameters, as the reference does', async () => {
		const { items } = fsrsItems(fixtureRows(log as FixtureLog, reference.short.answers));
		expect(items).toHaveLength(reference.short.items);
		const w = (await fitInNode(items)).parameters;
		expect(within(w, reference.short.parameters)).toBeLessThanOrEqual(reference.tolerance);
		expect(w.slice(4)).toEqual(DEFAULT_PARAMETERS.slice(4));
		expect(w.slice(0, 4)).not.toEqual(DEFAULT_PARAMETERS.slice(0, 4));
	});

	it('below the minimum keeps the defaults', async () => {
		const { items } = fsrsItems(fixtureRows(log as FixtureLog, reference.tiny.answers));
		expect((await fitInNode(items)).parameters).toEqual([...DEFAULT_PARAMETERS]);
	});
});
