// The extractor's own cost in Node, without a browser: CPU milliseconds to draft
//  - the benchmark's 100-page document (the fixture documents repeated to about 50 000 words, as
//    bench/run.ts builds it for the worker), and
//  - a 50 000-word document with no repetition: every fixture and the seed article, over and over,
//    each pass with the words of every sentence put in a new order (a seeded shuffle), so no
//    sentence's text is ever seen twice and no cache can answer for it.
// It prints a table; it is never part of the tests. Run it alone on a quiet machine:
//   npx tsx bench/extract-cpu.ts [--rounds 5] [--profile]   (--profile runs the non-repeating
//   document once, for `node --cpu-prof`; see the README)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extract } from '../src/lib/core/extract/index.ts';
import { seeded } from '../src/lib/core/quiz/rng.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIR = path.join(ROOT, 'tests/fixtures/extract');
const SEED = path.resolve(ROOT, '../shared/seeds/refractory-nephrotic-syndrome.txt');
const WORDS = 50_000;

const fixtures = () =>
	readdirSync(DIR)
		.filter((f) => /\.(txt|md)$/.test(f) && f !== 'seed-terms.txt')
		.sort()
		.map((f) => readFileSync(path.join(DIR, f), 'utf8'));

const countWords = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** As bench/run.ts `hundredPages`: the fixtures repeated to 50 000 words. */
function hundredPages(): string {
	const parts = readdirSync(DIR)
		.filter((f) => /\.(txt|md)$/.test(f) && f !== 'seed-terms.txt')
		.map((f) => readFileSync(path.join(DIR, f), 'utf8'));
	let doc = '';
	while (doc.split(/\s+/).length < WORDS) doc += parts.join('\n\n') + '\n\n';
	return doc;
}

/** Fixtures and the seed article, each pass with every sentence's words in a fresh order. */
function nonRepeating(): string {
	let seedText = '';
	try {
		seedText = readFileSync(SEED, 'utf8');
	} catch {
		// The seed article lives beside the repository; without it the fixtures alone are used.
	}
	const sources = [...fixtures(), ...(seedText ? [seedText] : [])];
	// Seeded: the same document on every run.
	const rnd = seeded('extract-cpu 20240917');
	const out: string[] = [];
	let total = 0;
	for (let pass = 0; total < WORDS; pass++) {
		for (const src of sources) {
			const lines = src.split('\n').map((line) => {
				// Keep a line's Markdown or list mark and its last punctuation; shuffle the words of each sentence.
				const mark = /^(\s*(?:#{1,6}\s+|[-*•]\s+|\d{1,2}[.),]\s+|\(\d{1,2}\)\s+|[①-⑳]\s*)?)/.exec(line)![1]!;
				const body = line.slice(mark.length);
				const sentences = body.split(/(?<=[.;!?])\s+/).map((s) => {
					const end = /[.;:!?]+$/.exec(s)?.[0] ?? '';
					const ws = s.slice(0, s.length - end.length).split(/\s+/).filter(Boolean);
					if (pass > 0) {
						for (let i = ws.length - 1; i > 0; i--) {
							const j = Math.floor(rnd() * (i + 1));
							[ws[i], ws[j]] = [ws[j]!, ws[i]!];
						}
					}
					const t = ws.join(' ');
					return t ? `${t.charAt(0).toUpperCase()}${t.slice(1)}${end}` : '';
				});
				return mark + sentences.join(' ');
			});
			const text = lines.join('\n');
			out.push(text);
			total += countWords(text);
			if (total >= WORDS) break;
		}
	}
	return out.join('\n\n');
}

/** CPU time (user + system) of one extraction, in milliseconds, and the drafts it made. */
function timed(text: string): { cpu: number; wall: number; drafts: number } {
	const c0 = process.cpuUsage();
	const w0 = performance.now();
	const ex = extract(text, { title: 'bench' });
	const wall = performance.now() - w0;
	const c = process.cpuUsage(c0);
	return { cpu: (c.user + c.system) / 1000, wall, drafts: ex.drafts.length };
}

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function main() {
	const args = process.argv.slice(2);
	const roundsAt = args.indexOf('--rounds');
	const rounds = roundsAt >= 0 ? Math.max(1, Number(args[roundsAt + 1]) || 5) : 5;
	const flat = nonRepeating();
	if (args.includes('--profile')) {
		const r = timed(flat);
		console.log(`non-repeating document: ${countWords(flat)} words, ${Math.round(r.cpu)} ms CPU, ${r.drafts} drafts`);
		return;
	}
	const docs = [
		{ name: '100 pages (fixtures repeated)', text: hundredPages() },
		{ name: '50 000 words, no repetition', text: flat }
	];
	// One warm-up run: the language model loads and the code is compiled.
	timed(docs[0]!.text.slice(0, 20_000));
	console.log('| document | words | drafts | CPU ms (median) | wall ms (median) | CPU ms (min–max) |');
	console.log('| --- | ---: | ---: | ---: | ---: | --- |');
	for (const d of docs) {
		const rs = Array.from({ length: rounds }, () => timed(d.text));
		const cpu = rs.map((r) => r.cpu);
		console.log(`| ${d.name} | ${countWords(d.text)} | ${rs[0]!.drafts} | ${Math.round(median(cpu))} | ${Math.round(median(rs.map((r) => r.wall)))} | ${Math.round(Math.min(...cpu))}–${Math.round(Math.max(...cpu))} |`);
	}
	console.log(`\n${rounds} rounds each, after one warm-up; CPU is this process's user + system time.`);
}

main();
