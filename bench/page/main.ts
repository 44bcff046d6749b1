// The benchmark's in-page half: seeds the app's database through its storage layer and times
// the app's own code beside hand-written IndexedDB requests, in one page so noise falls on both.

import { DocDeckDB } from '$lib/db/db';
import { syncDeck } from '$lib/db/decks';
import { loadQueue } from '$lib/db/study';
import { saveSettings } from '$lib/db/settings';
import { createScheduler, DAY, MINUTE, newSchedule } from '$lib/core/schedule';
import { studyDay } from '$lib/core/queue';
import { DEFAULT_SETTINGS, type StudySettings } from '$lib/core/settings';
import { Queue, queueKey, queueOf, type RatingValue, type Schedule } from '$lib/core/model';
import { planCsvImport } from '$lib/core/csv-import';
import { seeded } from '$lib/core/quiz/rng';
import { importCsv } from '$lib/workers/csv-import';
import { readAnkiFile } from '$lib/workers/anki-read';
import { writeAnkiImport } from '$lib/workers/anki-write';
import { loadSql } from '$lib/state/sql';
import { FitTask } from '$lib/workers/fsrs-client';
import { syntheticLog } from '$lib/core/fsrs/synthetic';
import type { CardRow, ReviewRow, StateRow } from '$lib/core/records';
import { strToU8, zipSync } from 'fflate';
import { SCHEMA_VERSION } from '$lib/db/db';
import { exportData } from '$lib/db/backup';
import { serializeBackup } from '$lib/core/backup';
import { openBackup } from '$lib/workers/backup-client';
import { BUNDLED_DECK_IDS } from '$lib/decks/bundled-ids';

const DECK = 'bench';
const db = new DocDeckDB();
const offset = -new Date().getTimezoneOffset();

export const BENCH_SETTINGS: StudySettings = { ...DEFAULT_SETTINGS, maxReviewsPerDay: 99_999, newPerDay: 20, quizMode: 'flip' };

/**
 * Seeds `cards` cards through the app's database class: 60 % never studied, the rest first seen
 * some day in the last two years (mostly recent months) with a history simulated by the app's
 * own scheduler, so every stored schedule is the replay of its log. At 100 000 cards that is
 * about 316 000 review rows and a few thousand cards due now.
 */
async function seed(opts: { cards: number; now: number }) {
	const started = performance.now();
	const random = seeded('docdeck-bench'); // every run seeds the same collection
	const scheduler = createScheduler(BENCH_SETTINGS);
	await saveSettings(db, BENCH_SETTINGS);
	await syncDeck(db, { deck: { id: DECK, title: 'Benchmark deck', description: `${opts.cards} generated cards` }, source: { title: 'Generated', origin: 'npm run bench', passages: [] }, cards: [], problems: [] }, 'imported', opts.now);
	let reviewsWritten = 0;
	let dueNow = 0;
	const CHUNK = 5000;
	for (let from = 0; from < opts.cards; from += CHUNK) {
		const cards: CardRow[] = [];
		const states: StateRow[] = [];
		const reviews: ReviewRow[] = [];
		for (let i = from; i < Math.min(opts.cards, from + CHUNK); i++) {
			const id = `c${i}`;
			const key = `${DECK}/${id}`;
			cards.push({ id, key, deckId: DECK, kind: 'basic', question: `Benchmark question ${i}: which structure filters plasma in nephron ${i % 997}?`, answer: `The glomerulus of nephron ${i % 997}.`, items: [], explanation: '', section: `Section ${Math.floor(i / 1000)}`, passage: '', position: i, retired: 0 });
			let schedule: Schedule = newSchedule(opts.now);
			if (i % 5 >= 3) {
				// A studied card: first seen some day in the last two years, then answered when due
				// (up to three days late) until its next due date is in the future: a learner who keeps
				// up, so only the cards that fell due in the last days are due now.
				let t = opts.now - Math.floor(random() ** 2 * 730) * DAY - Math.floor(random() * DAY);
				for (let n = 0; t <= opts.now; n++) {
					const rating = (random() < 0.12 ? 1 : random() < 0.1 ? 2 : random() < 0.1 ? 4 : 3) as RatingValue;
					const g = scheduler.grade(key, schedule, rating, t);
					reviews.push({ id: `r-${i}-${n}`, cardKey: key, deckId: DECK, at: t, day: studyDay(t, 4, offset), rating, stateBefore: schedule.state, before: schedule, after: g.schedule, elapsedDays: g.elapsedDays, durationMs: 2000 + Math.floor(random() * 8000) });
					schedule = g.schedule;
					t = Math.max(schedule.due + Math.floor(random() * 3 * DAY), t + MINUTE);
				}
			}
			if (schedule.state !== 0 && schedule.due <= opts.now) dueNow++;
			states.push({ key, deckId: DECK, queue: queueOf(schedule.state), due: queueKey(schedule, i), position: i, schedule, flag: 0, buriedDay: 0 });
		}
		await db.transaction('rw', db.cards, db.states, db.reviews, async () => {
			await db.cards.bulkAdd(cards);
			await db.states.bulkAdd(states);
			await db.reviews.bulkAdd(reviews);
		});
		reviewsWritten += reviews.length;
	}
	return { ms: performance.now() - started, cards: opts.cards, reviews: reviewsWritten, dueNow };
}

// ---------- counting what IndexedDB hands back ----------

let counting = false;
let rowsRead = 0;
function instrument() {
	const wrap = (proto: IDBObjectStore | IDBIndex, name: 'get' | 'getAll' | 'openCursor' | 'getAllKeys') => {
		const original = proto[name] as (...a: unknown[]) => IDBRequest;
		(proto as unknown as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
			const req = original.apply(this, args);
			if (counting)
				req.addEventListener('success', () => {
					const r = req.result as unknown;
					if (name === 'getAll' || name === 'getAllKeys') rowsRead += (r as unknown[]).length;
					else if (r !== undefined && r !== null) rowsRead += 1;
				});
			return req;
		};
	};
	for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) for (const n of ['get', 'getAll', 'openCursor', 'getAllKeys'] as const) wrap(proto, n);
}
instrument();

// ---------- the study queue: the app's build and the same rows read by hand ----------

function appQueue(now: number) {
	return loadQueue(db, DECK, { now, utcOffsetMinutes: offset }, BENCH_SETTINGS, 50);
}

function req<T>(r: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		r.onsuccess = () => resolve(r.result);
		r.onerror = () => reject(r.error);
	});
}

/** Entries in a range up to `cap`: a key cursor advanced to the cap-th entry, else an exact count. */
function countUpTo(idx: IDBIndex, range: IDBKeyRange, cap: number): Promise<number> {
	return new Promise((resolve, reject) => {
		const r = idx.openKeyCursor(range);
		let jumped = false;
		r.onerror = () => reject(r.error);
		r.onsuccess = () => {
			if (!r.result) return void (jumped ? req(idx.count(range)).then(resolve, reject) : resolve(0));
			if (jumped || cap === 1) return resolve(cap);
			jumped = true;
			r.result.advance(cap - 1);
		};
	});
}

let raw: IDBDatabase | null = null;
/** The same rows the queue shows, read with plain IndexedDB on the same indexes. */
async function rawQueue(now: number) {
	raw ??= await req(indexedDB.open('docdeck'));
	const day = studyDay(now, 4, offset);
	const end = (day + 1) * DAY + 4 * 3600_000 - offset * MINUTE;
	const tx = raw.transaction(['states', 'cards', 'reviews'], 'readonly');
	const idx = tx.objectStore('states').index('[deckId+queue+due]');
	const rev = tx.objectStore('reviews').index('[deckId+day+stateBefore]');
	const learnR = IDBKeyRange.bound([DECK, Queue.Learning, -Infinity], [DECK, Queue.Learning, now]);
	const reviewR = IDBKeyRange.bound([DECK, Queue.Review, -Infinity], [DECK, Queue.Review, end], false, true);
	const newR = IDBKeyRange.bound([DECK, Queue.New, -Infinity], [DECK, Queue.New, Infinity]);
	const [doneNew, doneRev] = await Promise.all([req(rev.count(IDBKeyRange.only([DECK, day, 0]))), req(rev.count(IDBKeyRange.only([DECK, day, 2])))]);
	const newLeft = Math.max(0, BENCH_SETTINGS.newPerDay - doneNew);
	const reviewsLeft = Math.max(0, BENCH_SETTINGS.maxReviewsPerDay - doneRev);
	const [learning, review, fresh] = await Promise.all([req(idx.count(learnR)), countUpTo(idx, reviewR, Math.max(1, reviewsLeft)), countUpTo(idx, newR, Math.max(1, newLeft))]);
	const learnN = Math.min(50, learning);
	const reviewN = Math.max(0, Math.min(50 - learnN, review, reviewsLeft));
	const newN = Math.max(0, Math.min(50 - learnN - reviewN, fresh, newLeft));
	const heads = await Promise.all([learnN ? req(idx.getAll(learnR, learnN)) : [], reviewN ? req(idx.getAll(reviewR, reviewN)) : [], newN ? req(idx.getAll(newR, newN)) : []]);
	const states = heads.flat() as StateRow[];
	const store = tx.objectStore('cards');
	const cards = await Promise.all(states.map((s) => req(store.get(s.key))));
	return { states, cards };
}

async function queueRounds(rounds: number, now: number) {
	const app: number[] = [];
	const hand: number[] = [];
	const first: number[] = [];
	for (let i = 0; i < rounds; i++) {
		let t = performance.now();
		const view = await appQueue(now);
		app.push(performance.now() - t);
		if (view.items.length !== 50) throw new Error(`the queue showed ${view.items.length} cards, not 50`);
		// What the study screen waits for before the first card: the heads alone, counts after.
		t = performance.now();
		const heads = await loadQueue(db, DECK, { now, utcOffsetMinutes: offset }, BENCH_SETTINGS, 50, { headsOnly: true });
		first.push(performance.now() - t);
		if (heads.items.length !== 50 || heads.items[0]!.state.key !== view.items[0]!.state.key) throw new Error('the heads differ from the full queue');
		t = performance.now();
		const r = await rawQueue(now);
		hand.push(performance.now() - t);
		if (r.cards.length !== 50) throw new Error(`the hand-written read found ${r.cards.length} cards`);
	}
	rowsRead = 0;
	counting = true;
	await appQueue(now);
	counting = false;
	return { app, hand, first, rowsRead };
}

// ---------- importing a 35 000-card deck ----------

async function importRounds(rounds: number, size: number) {
	const table = [['question', 'answer', 'section'], ...Array.from({ length: size }, (_, i) => [`Imported question ${i} about the loop of Henle?`, `Imported answer ${i}.`, `Part ${Math.floor(i / 500)}`])];
	const app: number[] = [];
	const hand: number[] = [];
	let longest = 0;
	for (let r = 0; r < rounds; r++) {
		const tasks: number[] = [];
		const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
		observer.observe({ type: 'longtask' });
		let t = performance.now();
		const options = { mapping: { question: 0, answer: 1, section: 2 }, hasHeader: true, title: `Import ${r}`, fileName: `import-${r}.csv`, importedAt: 'bench' };
		await importCsv(db, table, options, Date.now());
		app.push(performance.now() - t);
		await new Promise((resolve) => setTimeout(resolve, 50));
		observer.disconnect();
		longest = Math.max(longest, ...tasks, 0);
		const plan = planCsvImport(table, options);
		// The same rows written by hand: one transaction, a put loop.
		const deckId = `rawimport-${r}`;
		const rows = plan.parsed.cards.map((c, position) => ({ ...c, key: `${deckId}/${c.id}`, deckId, position, retired: 0 }));
		const s0 = newSchedule(Date.now());
		raw ??= await req(indexedDB.open('docdeck'));
		t = performance.now();
		await new Promise<void>((resolve, reject) => {
			const tx = raw!.transaction(['cards', 'states'], 'readwrite');
			const cards = tx.objectStore('cards');
			const states = tx.objectStore('states');
			for (const c of rows) {
				cards.put(c);
				states.put({ key: c.key, deckId, queue: 0, due: c.position, position: c.position, schedule: s0, flag: 0, buriedDay: 0 });
			}
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
		});
		hand.push(performance.now() - t);
	}
	return { app, hand, longest };
}

// ---------- an Anki package with thousands of notes and tens of MB of images ----------

/**
 * Imports the package at `url` by the Import screen's path (read in the app's worker, HTML
 * sanitised in batches here, written in one transaction), watching for long tasks meanwhile.
 */
async function ankiImportRound(url: string) {
	const blob = await (await fetch(url)).blob();
	const tasks: { at: number; ms: number }[] = [];
	const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push({ at: e.startTime, ms: e.duration })));
	observer.observe({ type: 'longtask' });
	const t = performance.now();
	// When each step began, to say which one a long task fell in.
	const steps: [string, number][] = [];
	const read = await readAnkiFile(blob, { fileName: 'bench.apkg', now: Date.now(), settings: BENCH_SETTINGS, utcOffsetMinutes: offset }, (step) => steps.push([step, performance.now()]), loadSql);
	if (!read.ok) throw new Error(read.problem);
	steps.push(['Writing', performance.now()]);
	const report = await writeAnkiImport(db, read.result.data, BENCH_SETTINGS, read.result.media, []);
	const ms = performance.now() - t;
	await new Promise((resolve) => setTimeout(resolve, 50));
	observer.disconnect();
	const stepAt = (at: number) => [...steps].reverse().find(([, s]) => s <= at)?.[0] ?? 'before';
	const longest = tasks.reduce((a, b) => (b.ms > a.ms ? b : a), { at: 0, ms: 0 });
	return { ms, longest: longest.ms, longestIn: stepAt(longest.at), cards: report.cardsAdded, media: report.mediaWritten, bytes: blob.size };
}

// ---------- the optimiser in the app's worker ----------

/**
 * Fits FSRS to a review log of `answers` answers (the app's seeded simulated learner) in the
 * app's optimiser worker, `rounds` times: from the request to the before/after figures, with the
 * longest main-thread task meanwhile. The log sits in a database of its own.
 */
async function optimizeRounds(rounds: number, answers: number) {
	const own = new DocDeckDB('docdeck-bench-optimize');
	await own.delete();
	await own.open();
	const start = Date.UTC(2025, 0, 6, 6);
	const s0 = newSchedule(start);
	const log = syntheticLog({ seed: 'bench optimiser', answers, newPerDay: 40 });
	await own.reviews.bulkAdd(
		log.map((a, i) => {
			const at = start + a.day * DAY + a.minute * MINUTE;
			return { id: `o${i}`, cardKey: `opt/c${a.card}`, deckId: 'opt', at, day: studyDay(at, 4, 0), rating: a.rating, stateBefore: 2 as const, before: s0, after: s0, elapsedDays: 0, durationMs: a.seconds * 1000 };
		})
	);
	const times: number[] = [];
	const fits: number[] = [];
	let longest = 0;
	let items = 0;
	for (let r = 0; r < rounds; r++) {
		const tasks: number[] = [];
		const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
		observer.observe({ type: 'longtask' });
		const t = performance.now();
		const { outcome, ms } = await new FitTask(own, null, { stage: () => {}, progress: () => {} }).result;
		times.push(performance.now() - t);
		fits.push(ms);
		items = outcome.log.items;
		await new Promise((resolve) => setTimeout(resolve, 50));
		observer.disconnect();
		longest = Math.max(longest, ...tasks, 0);
	}
	own.close();
	return { times, fits, longest, items, isolated: crossOriginIsolated };
}

// ---------- the extractor in the app's worker ----------

async function extractRounds(rounds: number, text: string) {
	const worker = new Worker(new URL('../../src/lib/workers/extract.worker.ts', import.meta.url), { type: 'module' });
	const times: number[] = [];
	let drafts = 0;
	for (let i = 0; i < rounds; i++) {
		const t = performance.now();
		const reply = await new Promise<{ ok: boolean; result?: { drafts: unknown[] } }>((resolve) => {
			worker.onmessage = (e) => resolve(e.data);
			worker.postMessage({ id: i, text, terms: '', title: 'bench' });
		});
		times.push(performance.now() - t);
		drafts = reply.result?.drafts.length ?? 0;
	}
	worker.terminate();
	return { times, drafts };
}

// ---------- outside files at their worst, read the way the app reads them ----------

/** Runs `work`, and returns its time with the longest main-thread task meanwhile (0: none reached 50 ms). */
async function watched(work: () => Promise<unknown>): Promise<{ ms: number; longest: number }> {
	const tasks: number[] = [];
	const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
	observer.observe({ type: 'longtask' });
	const t = performance.now();
	await work();
	const ms = performance.now() - t;
	await new Promise((resolve) => setTimeout(resolve, 50));
	observer.disconnect();
	return { ms, longest: Math.max(0, ...tasks) };
}

function readInWorker(kind: 'docx' | 'html', file: File): Promise<{ ok: boolean; text?: string; problem?: string }> {
	const worker = new Worker(new URL('../../src/lib/workers/document.worker.ts', import.meta.url), { type: 'module' });
	return new Promise<{ ok: boolean }>((resolve) => {
		worker.onmessage = (e) => resolve(e.data);
		worker.postMessage({ kind, file });
	}).finally(() => worker.terminate());
}

/**
 * The files that froze the tab before they were read off the main thread: a 19 MB HTML page of
 * unclosed tags, a Word document with 4.5 million characters, and a backup of the seeded collection
 * (read and checked in the backup worker). Each: time and the longest main-thread task meanwhile.
 */
async function filesRounds() {
	const html = new File(['<html><body>', '<a href="x" '.repeat(1_600_000), 'Oliguria is defined as low urine output.</body></html>'], 'crafted.html');
	const paragraph = (i: number) => `<w:p><w:r><w:t>Paragraph ${i}: the loop of Henle concentrates the urine by a countercurrent gradient in the medulla.</w:t></w:r></w:p>`;
	const body = Array.from({ length: 45_000 }, (_, i) => paragraph(i)).join('');
	const docx = zipSync({
		'[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
		'_rels/.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
		'word/document.xml': strToU8(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`)
	});
	const out: Record<string, { ms: number; longest: number; bytes: number; ok: boolean; problem?: string }> = {};
	let r = { ok: false };
	out.html = { ...(await watched(async () => (r = await readInWorker('html', html)))), bytes: html.size, ok: r.ok };
	const docFile = new File([docx], 'long.docx');
	out.docx = { ...(await watched(async () => (r = await readInWorker('docx', docFile)))), bytes: docFile.size, ok: r.ok };
	// The backup is made as the app makes it, then everything it took is let go before timing the read.
	let backup: File | null = new File([serializeBackup(await exportData(db), { createdAt: Date.now(), schemaVersion: SCHEMA_VERSION, app: 'DocDeck' })], 'backup.json');
	(window as unknown as { gc?: () => void }).gc?.();
	await new Promise((resolve) => setTimeout(resolve, 500));
	const open = openBackup(db, () => {});
	const file = backup;
	backup = null;
	const got: { read?: Awaited<ReturnType<typeof open.read>> } = {};
	const timed = await watched(async () => (got.read = await open.read(file, { schemaVersion: SCHEMA_VERSION, now: Date.now(), bundledDeckIds: BUNDLED_DECK_IDS })));
	const read = got.read;
	out.backup = { ...timed, bytes: file.size, ok: !!read?.ok, ...(read && !read.ok ? { problem: read.problems[0] } : {}) };
	open.close();
	return out;
}

async function reset() {
	await db.delete();
	await db.open();
}

Object.assign(window, { bench: { seed, queueRounds, importRounds, ankiImportRound, extractRounds, optimizeRounds, filesRounds, reset, ready: true } });
document.getElementById('status')!.textContent = 'ready';
