// Makes the reference figures the optimiser is tested against (src/lib/core/fsrs/fixtures/reference.json):
// the parameters that fsrs-rs 6.5 (through @open-spaced-repetition/binding, native, not part of the
// app) fits on the fixture log, and its log loss and RMSE(bins) for the default and fitted sets.
// Also prints how far the app's own optimiser build (fsrs-browser, fsrs-rs 5.2 in WebAssembly)
// lands from it on the same items. The binding is installed apart, never into the project:
//   npm install --prefix /tmp/fsrs-ref @open-spaced-repetition/binding@0.5.0
//   FSRS_BINDING=/tmp/fsrs-ref npx tsx scripts/fsrs-reference.ts
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { fsrsItems, type FsrsItem } from '../src/lib/core/fsrs/items.ts';
import { fixtureRows, type FixtureLog } from '../src/lib/core/fsrs/fixture-log.ts';
import { fitInNode } from '../src/lib/workers/fsrs-node.ts';

const dir = process.env.FSRS_BINDING;
if (!dir) throw new Error('Set FSRS_BINDING to the folder @open-spaced-repetition/binding@0.5.0 is installed in (see the top of this file).');
const entry = createRequire(`${dir}/node_modules/`).resolve('@open-spaced-repetition/binding');
/** The little of the binding used here (it is not a dependency of the project, so its types are not at hand). */
interface Binding {
	FSRSBindingReview: new (rating: number, deltaT: number) => unknown;
	FSRSBindingItem: new (reviews: unknown[]) => unknown;
	FSRSBinding: new (parameters?: number[]) => { evaluate(items: unknown[]): { logLoss: number; rmseBins: number } };
	computeParameters(items: unknown[], options: { enableShortTerm: boolean }): Promise<number[]>;
}
const b = (await import(pathToFileURL(entry).href)) as Binding;
const version = (JSON.parse(readFileSync(`${dir}/node_modules/@open-spaced-repetition/binding/package.json`, 'utf8')) as { version: string }).version;

const log = JSON.parse(readFileSync(new URL('../src/lib/core/fsrs/fixtures/log.json', import.meta.url), 'utf8')) as FixtureLog;
const toBinding = (items: FsrsItem[]) => items.map((it) => new b.FSRSBindingItem(it.reviews.slice(0, it.length).map((r) => new b.FSRSBindingReview(r.rating, r.deltaT))));
const round = (x: number) => Number(x.toFixed(6));
/** Items holding at least two answers given on a later day than the one before. */
export const pastFirstLongTerm = (it: FsrsItem) => it.reviews.slice(0, it.length).filter((r) => r.deltaT > 0).length >= 2;

async function reference(limit: number) {
	const { items } = fsrsItems(fixtureRows(log, limit));
	const bi = toBinding(items);
	const t0 = performance.now();
	const parameters = (await b.computeParameters(bi, { enableShortTerm: true })).map(round);
	const ms = performance.now() - t0;
	// The binding's evaluate first sets fsrs-rs' outlier filter on the items of a card's first
	// long-term review and moves them ahead, so it is fsrs-rs' FSRS::evaluate (the app's definition)
	// only on items past that review: the metrics are taken on those, in time order.
	const later = toBinding(items.filter(pastFirstLongTerm));
	const ev = (w?: number[]) => {
		try {
			const e = new b.FSRSBinding(w).evaluate(later);
			return { logLoss: round(e.logLoss), rmseBins: round(e.rmseBins) };
		} catch (e) {
			// fsrs-rs declines to evaluate very few items ("NotEnoughData").
			return { refused: e instanceof Error ? e.message : String(e) };
		}
	};
	const ours = await fitInNode(items);
	const gap = Math.max(...ours.parameters.map((x, i) => Math.abs(x - parameters[i]!)));
	console.log(`${Number.isFinite(limit) ? `first ${limit}` : 'all'} answers: ${items.length} items; binding ${Math.round(ms)} ms; fsrs-browser ${Math.round(ours.ms)} ms, largest parameter gap ${gap.toExponential(2)}`);
	return { answers: Math.min(limit, log.answers.length), items: items.length, evaluatedItems: later.length, parameters, evaluation: { default: ev(), fitted: ev(parameters) } };
}

const out = {
	about: 'Reference figures for the fixture log, made by scripts/fsrs-reference.ts (see its first lines for the command).',
	reference: `@open-spaced-repetition/binding@${version} (fsrs-rs 6.5.0, native)`,
	/** fsrs-rs' own test tolerance on fitted parameters (test_helpers.rs: Tolerance::absolute(1e-4)). */
	tolerance: 1e-4,
	full: await reference(Infinity),
	// Enough for fsrs-rs to fit only the first four parameters (8 to 63 items).
	short: await reference(130),
	// Too few for any fit: the defaults come back.
	tiny: await reference(20)
};
writeFileSync(new URL('../src/lib/core/fsrs/fixtures/reference.json', import.meta.url), JSON.stringify(out, null, '\t') + '\n');
