// The house plan as a test: imports flow routes/components → state → db → core, and a few
// libraries stay behind the one module that wraps them. A violation names the file and import.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const p = path.join(dir, name);
		if (statSync(p).isDirectory()) return files(p);
		return /\.(ts|svelte)$/.test(name) && !/\.test\.ts$/.test(name) ? [p] : [];
	});
}

interface Import {
	file: string;
	from: string;
	typeOnly: boolean;
}

function imports(file: string): Import[] {
	const text = readFileSync(file, 'utf8');
	const out: Import[] = [];
	for (const m of text.matchAll(/^\s*import\s+(type\s+)?([^'"]*?)\s*(?:from\s+)?['"]([^'"]+)['"]/gm)) {
		out.push({ file: path.relative(ROOT, file), from: m[3]!, typeOnly: !!m[1] });
	}
	return out;
}

const all = files(path.join(ROOT, 'src')).flatMap(imports);
const layerOf = (file: string) => /^src\/lib\/(core|db|state|components|decks)\//.exec(file)?.[1] ?? (file.startsWith('src/routes/') ? 'routes' : 'other');
const show = (list: Import[]) => list.map((i) => `${i.file} imports ${i.from}`);

describe('layers', () => {
	it('core imports nothing of the browser, svelte, dexie or another layer', () => {
		// Pure libraries each wrapped by one core module: ts-fsrs (schedule.ts), papaparse (csv-parse.ts),
		// fflate (the Anki reader and writer, anki/package.ts and anki/export.ts), fzstd (anki/zstd.ts).
		// sql.js is handed in loaded, so core never fetches its wasm: the Anki code names its types only.
		const allowed: Record<string, string[]> = {
			'ts-fsrs': ['src/lib/core/schedule.ts'],
			papaparse: ['src/lib/core/csv-parse.ts'],
			fflate: ['src/lib/core/anki/package.ts', 'src/lib/core/anki/export.ts'],
			fzstd: ['src/lib/core/anki/zstd.ts']
		};
		const typesOnly = (i: Import) => i.typeOnly && i.from === 'sql.js' && i.file.startsWith('src/lib/core/anki/');
		const insideCore = (i: Import) => i.from.startsWith('.') && path.relative(path.join(ROOT, 'src/lib/core'), path.resolve(ROOT, path.dirname(i.file), i.from)).split(path.sep)[0] !== '..';
		const bad = all.filter((i) => layerOf(i.file) === 'core' && !insideCore(i) && !i.from.startsWith('$lib/core/') && !allowed[i.from]?.includes(i.file) && !typesOnly(i));
		expect(show(bad)).toEqual([]);
	});

	it('only src/lib/db imports dexie', () => {
		expect(show(all.filter((i) => i.from === 'dexie' && layerOf(i.file) !== 'db'))).toEqual([]);
	});

	it('only core/schedule.ts imports ts-fsrs', () => {
		expect(show(all.filter((i) => i.from === 'ts-fsrs' && i.file !== 'src/lib/core/schedule.ts'))).toEqual([]);
	});

	it('db reaches only core below it', () => {
		const bad = all.filter((i) => layerOf(i.file) === 'db' && /^(\$lib\/(state|components|decks)|\$app|svelte)/.test(i.from));
		expect(show(bad)).toEqual([]);
	});

	it('state never imports components or routes', () => {
		expect(show(all.filter((i) => layerOf(i.file) === 'state' && /^\$lib\/components|routes/.test(i.from)))).toEqual([]);
	});

	it('only the sanitiser module imports DOMPurify', () => {
		expect(show(all.filter((i) => i.from === 'dompurify' && i.file !== 'src/lib/html/sanitize.ts'))).toEqual([]);
	});

	it('components are presentational: no database or state values, only their types', () => {
		const bad = all.filter((i) => layerOf(i.file) === 'components' && !i.typeOnly && /^\$lib\/(db|state)\//.test(i.from));
		expect(show(bad)).toEqual([]);
	});

	it('routes stay thin: they reach the database only through state', () => {
		const bad = all.filter((i) => layerOf(i.file) === 'routes' && !i.typeOnly && (i.from === 'dexie' || i.from.startsWith('$lib/db/')));
		expect(show(bad)).toEqual([]);
	});
});

describe('rules of the house', () => {
	it('core takes the time from its caller', () => {
		const bad = files(path.join(ROOT, 'src/lib/core')).filter((f) => /new Date\(\)|Date\.now\(\)|Math\.random\(/.test(readFileSync(f, 'utf8')));
		expect(bad.map((f) => path.relative(ROOT, f))).toEqual([]);
	});

	it('raw HTML is rendered only by SafeHtml, through the sanitiser', () => {
		const bad = files(path.join(ROOT, 'src')).filter((f) => f.endsWith('.svelte') && readFileSync(f, 'utf8').includes('{@html') && !f.endsWith('src/lib/components/SafeHtml.svelte'));
		expect(bad.map((f) => path.relative(ROOT, f))).toEqual([]);
	});
});
