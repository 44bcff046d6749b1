// `cards anki <file> [--json]` and `cards export-apkg <deck> --out <file>`: the Anki reader and
// writer of the app, from the command line. Node only: sql.js loads its wasm from node_modules.
import path from 'node:path';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import initSqlJs from 'sql.js';
import { ankiToDataset, readApkg, MAX_APKG_BYTES } from '../src/lib/core/anki/index.ts';
import { exportApkg } from '../src/lib/core/anki/export.ts';
import { createScheduler } from '../src/lib/core/schedule.ts';
import { DEFAULT_SETTINGS } from '../src/lib/core/settings.ts';
import { toStored } from '../src/lib/core/sync.ts';
import { newSchedule } from '../src/lib/core/schedule.ts';
import { Queue, queueKey } from '../src/lib/core/model.ts';
import type { DeckFolder } from './deck-folders.ts';

type Out = (s: string) => void;

function sql() {
	const dist = path.dirname(createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm'));
	return initSqlJs({ locateFile: (f) => path.join(dist, f) });
}

/** What importing an Anki package would bring, as the import screen would say it. */
export async function ankiCommand(args: string[], out: Out, err: Out, cwd: string, now = Date.now()): Promise<number> {
	const file = args.find((a) => !a.startsWith('--'));
	if (!file) {
		err('anki: name a package, e.g. npm run cards -- anki deck.apkg');
		return 2;
	}
	const full = path.resolve(cwd, file);
	if (!existsSync(full)) {
		err(`anki: no such file: ${file}`);
		return 1;
	}
	if (statSync(full).size > MAX_APKG_BYTES) {
		err(`anki: ${file} is larger than ${MAX_APKG_BYTES / 1048576} MB`);
		return 1;
	}
	const read = readApkg(new Uint8Array(readFileSync(full)), await sql(), path.basename(file));
	if (!read.ok) {
		err(`anki: ${read.problem}`);
		return 1;
	}
	const entries = new Map(read.collection.media.map((m) => [m.name, m]));
	const { report } = ankiToDataset(read.collection, {
		fileName: path.basename(file),
		now,
		scheduler: createScheduler(DEFAULT_SETTINGS),
		dayStartHour: DEFAULT_SETTINGS.dayStartHour,
		utcOffsetMinutes: 0,
		mediaBytes: (n) => (entries.has(n) ? read.mediaBytes(entries.get(n)!) : null)
	});
	const used = new Set(read.collection.notes.map((n) => n.mid));
	const noteTypes = [...read.collection.models.values()].filter((m) => used.has(m.id)).map((m) => m.name);
	const summary = {
		file: path.basename(file),
		format: report.format,
		decks: report.decks,
		noteTypes,
		notes: report.notes,
		cards: report.cards,
		reviews: report.reviews,
		tags: report.tags,
		media: report.media,
		suspended: report.suspended,
		firstSchedulerAnswersRenumbered: report.v1Converted,
		mediaMissing: report.mediaMissing,
		mediaUnsupported: report.mediaUnsupported,
		mediaUnused: report.mediaUnused,
		skipped: report.skipped,
		adjusted: report.adjusted
	};
	if (args.includes('--json')) {
		out(JSON.stringify(summary, null, 2));
		return 0;
	}
	out(`${summary.file} (${summary.format}): ${summary.cards} cards from ${summary.notes} notes, ${summary.reviews} reviews, ${summary.tags} tags, ${summary.media} media files`);
	out(`decks: ${summary.decks.map((d) => `${d.name} (${d.cards})`).join('; ')}`);
	out(`note types: ${noteTypes.join('; ')}`);
	if (summary.suspended) out(`suspended: ${summary.suspended}`);
	if (summary.firstSchedulerAnswersRenumbered) out(`learning answers of Anki's first scheduler renumbered: ${summary.firstSchedulerAnswersRenumbered}`);
	if (summary.mediaMissing.length) out(`media cards show but the package lacks: ${summary.mediaMissing.join('; ')}`);
	if (summary.mediaUnsupported.length) out(`media of a kind not shown or played: ${summary.mediaUnsupported.join('; ')}`);
	if (summary.mediaUnused) out(`media no card uses (left out): ${summary.mediaUnused}`);
	for (const g of summary.skipped) out(`left out: ${g.count} ${g.item}${g.count === 1 ? '' : 's'}: ${g.reason} (${g.places.join('; ')})`);
	for (const g of summary.adjusted) out(`kept with a change: ${g.count} ${g.item}${g.count === 1 ? '' : 's'}: ${g.reason} (${g.places.join('; ')})`);
	return 0;
}

/** Writes a deck folder's cards (no history: a deck folder has none) as an Anki package. */
export async function exportApkgCommand(args: string[], out: Out, err: Out, cwd: string, find: (target: string) => DeckFolder | null, now = Date.now()): Promise<number> {
	const target = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--out');
	const outFile = args[args.indexOf('--out') + 1];
	if (!target || !args.includes('--out') || !outFile) {
		err('export-apkg: name a deck and a file, e.g. npm run cards -- export-apkg nephrotic-syndrome --out deck.apkg');
		return 2;
	}
	const found = find(target);
	if (!found) {
		err(`export-apkg: no deck folder or deck id "${target}"`);
		return 1;
	}
	if (found.parsed.problems.length) {
		err(`export-apkg: the deck has ${found.parsed.problems.length} problem(s); run "npm run cards -- check"`);
		return 1;
	}
	const { deck, source } = found.parsed;
	const cards = toStored(deck.id, found.parsed.cards);
	const states = cards.map((c) => {
		const schedule = newSchedule(now);
		return { key: c.key, deckId: deck.id, queue: Queue.New, due: queueKey(schedule, c.position), position: c.position, schedule, flag: 0 as const, buriedDay: 0 };
	});
	const bytes = exportApkg(await sql(), {
		decks: [{ ...deck, origin: 'bundled', source, fingerprint: '', updatedAt: now }],
		cards,
		states,
		reviews: [],
		media: [],
		now
	});
	writeFileSync(path.resolve(cwd, outFile), bytes);
	out(`wrote ${outFile}: ${cards.length} cards of "${deck.title}"`);
	return 0;
}
