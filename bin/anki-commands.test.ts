// The Anki commands of the command line, over the same reader and writer as the app.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { run } from './cards';
import { buildPackage, initZstd } from '../tests/fixtures/apkg';

const REPO = path.resolve(import.meta.dirname, '..');
let SQL: SqlJsStatic;
beforeAll(async () => {
	SQL = await initSqlJs({ locateFile: (f) => path.resolve(REPO, 'node_modules/sql.js/dist', f) });
	await initZstd();
});
const dirs: string[] = [];
afterEach(() => {
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
async function cli(argv: string[], cwd = REPO) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await run(argv, (s) => out.push(s), (s) => err.push(s), cwd);
	return { code, out: out.join('\n'), err: err.join('\n') };
}
const tmp = () => {
	const d = mkdtempSync(path.join(os.tmpdir(), 'cards-anki-'));
	dirs.push(d);
	return d;
};
const T = Date.UTC(2025, 5, 1);

describe('npm run cards -- anki', () => {
	it('--json gives the numbers an import would bring, and each left-out row with its reason', async () => {
		const dir = tmp();
		writeFileSync(
			path.join(dir, 'renal.apkg'),
			buildPackage(
				SQL,
				{
					notes: [
						{ id: 1, mid: '1001', fields: ['<img src="k.png">', 'Kidney', ''], tags: ['Renal::Anatomy', 'HY'] },
						{ id: 2, mid: '1003', fields: ['{{c1::Podocytes}} line the glomerulus.', ''], tags: ['Renal::Anatomy'] },
						{ id: 3, mid: '1001', fields: ['', 'no front', ''] }
					],
					cards: [
						{ id: 10, nid: 1, did: '2001', ord: 0, type: 2, queue: 2 },
						{ id: 20, nid: 2, did: '2001', ord: 0 },
						{ id: 30, nid: 3, did: '2001', ord: 0 }
					],
					revlog: [
						{ id: T, cid: 10, ease: 3, type: 0 },
						{ id: 5, cid: 10, ease: 3, type: 1 }
					],
					media: { 'k.png': 'png', 'spare.png': 'png' }
				},
				'collection.anki21b'
			)
		);
		const r = await cli(['anki', 'renal.apkg', '--json'], dir);
		expect(r.code).toBe(0);
		const json = JSON.parse(r.out) as Record<string, unknown>;
		expect(json).toMatchObject({ format: 'collection.anki21b', cards: 2, reviews: 1, tags: 2, media: 1, mediaUnused: 1 });
		expect(json.skipped).toEqual([
			{ item: 'review', reason: 'its time is before 2006, older than Anki', count: 1, places: ['review 5 of card 10'] },
			{ item: 'card', reason: 'its front is empty', count: 1, places: ['card 30 (note 3)'] }
		]);
		const text = await cli(['anki', 'renal.apkg'], dir);
		expect(text.out).toContain('renal.apkg (collection.anki21b): 2 cards from 3 notes, 1 reviews, 2 tags, 1 media files');
		expect(text.out).toContain('left out: 1 card: its front is empty (card 30 (note 3))');
	});

	it('a file that is not a package is refused with the reason', async () => {
		const dir = tmp();
		writeFileSync(path.join(dir, 'x.apkg'), 'not a zip');
		const r = await cli(['anki', 'x.apkg'], dir);
		expect([r.code, r.err]).toEqual([1, 'anki: “x.apkg” is not an Anki package (it is not a zip file, or it is damaged).']);
		expect((await cli(['anki'], dir)).code).toBe(2);
	});
});

describe('npm run cards -- export-apkg', () => {
	it('writes a deck folder as a package that reads back with every card', async () => {
		const dir = tmp();
		const out = path.join(dir, 'ns.apkg');
		const r = await cli(['export-apkg', 'nephrotic-syndrome', '--out', out]);
		expect(r.code).toBe(0);
		expect(r.out).toMatch(/^wrote .*ns\.apkg: \d+ cards of "/);
		const n = Number(/: (\d+) cards/.exec(r.out)![1]);
		const back = JSON.parse((await cli(['anki', out, '--json'])).out) as { cards: number; skipped: unknown[] };
		expect(back).toMatchObject({ cards: n, skipped: [] });
		expect((await cli(['export-apkg', 'no-such-deck', '--out', out])).code).toBe(1);
		expect((await cli(['export-apkg', 'nephrotic-syndrome'])).code).toBe(2);
	});
});
