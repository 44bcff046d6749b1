// The layer rules live in ESLint (eslint.layers.js), so an editor shows a crossing as it is typed
// and `npm test` refuses it. This test proves each rule catches the ways round it: relative paths,
// `$lib` aliases, dynamic `import()`, re-exports, and the clock and dice globals in core.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layers } from '../../eslint.layers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

const eslint = new ESLint({
	cwd: ROOT,
	overrideConfigFile: true,
	overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...layers]
});

/** How the rule names a crossing between two layers. */
const crossing = (from: string, to: string) => expect.stringContaining(`from elements of type "${from}" to elements of type "${to}"`) as string;

/** The rules a probe file breaks, as "rule: message" lines ([] when it is allowed). */
async function broken(file: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
	return result!.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('the layer rules catch every way round them', () => {
	it('a component importing the database, by relative path, alias or dynamic import', async () => {
		expect(await broken('src/lib/components/probe.ts', "import { loadQueue } from '../db/study';\nvoid loadQueue;")).toEqual([crossing('components', 'db')]);
		expect(await broken('src/lib/components/probe.ts', "import { loadQueue } from '$lib/db/study';\nvoid loadQueue;")).toEqual([crossing('components', 'db')]);
		expect(await broken('src/lib/components/probe.ts', "export const q = () => import('../state/app.svelte');")).toEqual([crossing('components', 'state')]);
		// Types of state and rows are fine: props are typed with them.
		expect(await broken('src/lib/components/probe.ts', "import type { QueueItem } from '$lib/db/study';\nexport type X = QueueItem;")).toEqual([]);
	});

	it('a route reaching the database without state, even through import()', async () => {
		expect(await broken('src/routes/probe/+page.ts', "export const load = async () => (await import('$lib/db/study')).loadQueue;")).toEqual([crossing('routes', 'db')]);
		expect(await broken('src/routes/probe/+page.ts', "export { getDeck } from '$lib/db/deck-rows';")).toEqual([crossing('routes', 'db')]);
		expect(await broken('src/routes/probe/+page.ts', "import { app } from '$lib/state/app.svelte';\nvoid app;")).toEqual([]);
	});

	it('db importing state, and core importing any other layer', async () => {
		expect(await broken('src/lib/db/probe.ts', "import { app } from '../state/app.svelte';\nvoid app;")).toEqual([crossing('db', 'state')]);
		expect(await broken('src/lib/core/probe.ts', "import { getDeck } from '../db/deck-rows';\nvoid getDeck;")).toEqual([crossing('core', 'db')]);
		expect(await broken('src/lib/core/quiz/probe.ts', "import { tokens } from '../quiz/normalize';\nvoid tokens;")).toEqual([]);
	});

	it('libraries stay behind their one module', async () => {
		expect(await broken('src/lib/state/probe.ts', "import Dexie from 'dexie';\nvoid Dexie;")).toEqual([expect.stringContaining('only src/lib/db imports dexie')]);
		expect(await broken('src/lib/db/probe.ts', "import Dexie from 'dexie';\nvoid Dexie;")).toEqual([]);
		expect(await broken('src/lib/state/probe.ts', "import { fsrs } from 'ts-fsrs';\nvoid fsrs;")).toEqual([expect.stringContaining('only src/lib/core/schedule.ts imports ts-fsrs')]);
		expect(await broken('src/lib/core/probe.ts', "import { fsrs } from 'ts-fsrs';\nvoid fsrs;")).toEqual([expect.stringContaining('only src/lib/core/schedule.ts imports ts-fsrs')]);
		expect(await broken('src/lib/core/schedule.ts', "import { fsrs } from 'ts-fsrs';\nvoid fsrs;")).toEqual([]);
		expect(await broken('src/lib/core/probe.ts', "export const z = () => import('fflate');")).toEqual([expect.stringContaining('core imports no library')]);
		expect(await broken('src/lib/core/extract/detect.ts', "import winkNLP from 'wink-nlp';\nvoid winkNLP;")).toEqual([expect.stringContaining('core imports no library')]);
		expect(await broken('src/lib/core/extract/nlp.ts', "import winkNLP from 'wink-nlp';\nimport model from 'wink-eng-lite-web-model';\nvoid winkNLP;\nvoid model;")).toEqual([]);
		expect(await broken('src/lib/components/probe.ts', "import DOMPurify from 'dompurify';\nvoid DOMPurify;")).toEqual([expect.stringContaining('only the sanitiser')]);
		expect(await broken('src/lib/components/probe.ts', "import temml from 'temml';\nvoid temml;")).toEqual([expect.stringContaining('only the maths renderer')]);
		expect(await broken('src/lib/core/probe.ts', "import { onMount } from 'svelte';\nvoid onMount;")).toEqual([expect.stringContaining('core and db do not import svelte or $app')]);
		expect(await broken('src/lib/db/probe.ts', "import { version } from '$app/environment';\nvoid version;")).toEqual([expect.stringContaining('core and db do not import svelte or $app')]);
		expect(await broken('src/lib/core/probe.ts', "export const v = () => import('$app/environment');")).toEqual([expect.stringContaining('core and db do not import svelte or $app')]);
	});

	it('core takes the clock and randomness from its caller', async () => {
		for (const code of ['export const t = Date.now();', 'export const t = performance.now();', 'export const d = new Date();', 'export const r = Math.random();', 'export const id = crypto.randomUUID();', 'export const b = crypto.getRandomValues(new Uint8Array(4));', 'export const w = window.innerWidth;']) {
			expect(await broken('src/lib/core/probe.ts', code), code).toEqual([expect.stringMatching(/^no-restricted-(properties|syntax|globals): .*core (takes|imports nothing)/)]);
		}
		expect(await broken('src/lib/core/probe.ts', 'export const d = (t: number) => new Date(t);')).toEqual([]);
		// Above core, the time comes from the one clock.
		expect(await broken('src/lib/state/probe.ts', 'export const t = Date.now();')).toEqual([expect.stringContaining('take the time from src/lib/state/clock.ts')]);
		expect(await broken('src/lib/state/clock.ts', 'export const t = Date.now();')).toEqual([]);
	});
});

describe('the project as it stands', () => {
	function files(dir: string): string[] {
		return readdirSync(dir).flatMap((name) => {
			const p = path.join(dir, name);
			if (statSync(p).isDirectory()) return files(p);
			return /\.(ts|svelte)$/.test(name) && !/\.test\.ts$/.test(name) ? [p] : [];
		});
	}

	it('raw HTML is rendered only by SafeHtml, through the sanitiser', () => {
		const bad = files(path.join(ROOT, 'src')).filter((f) => f.endsWith('.svelte') && readFileSync(f, 'utf8').includes('{@html') && !f.endsWith('src/lib/components/SafeHtml.svelte'));
		expect(bad.map((f) => path.relative(ROOT, f))).toEqual([]);
	});
});
