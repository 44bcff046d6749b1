// The app's one path for reading an Anki package: in a worker where the browser has workers (the
// main thread stays free to paint and to show progress), on the main thread otherwise (unit
// tests, old browsers). Nothing is written here.

import { ankiToDataset, readApkg, type AnkiImport } from '$lib/core/anki';
import { createScheduler } from '$lib/core/schedule';
import type { StudySettings } from '$lib/core/settings';
import type { SqlJsStatic } from 'sql.js';
import { sanitizeHtml } from '$lib/html/sanitize';

/** Longest stretch of sanitising between two chances for the screen to paint, in ms. */
const SANITISE_SLICE_MS = 8;

export interface AnkiReadRequest {
	bytes: Uint8Array;
	fileName: string;
	now: number;
	settings: StudySettings;
	utcOffsetMinutes: number;
}

/** The steps of a read, in order, for the progress shown. */
export const READ_STEPS = ['Reading the file', 'Opening the package', 'Reading notes, cards and reviews', 'Collecting the media', 'Cleaning the cards’ HTML'] as const;
export type ReadStep = (typeof READ_STEPS)[number];

export type AnkiReadReply = { progress: ReadStep } | { ok: true; result: AnkiImport } | { ok: false; problem: string };

/** Reads and converts a package's bytes, telling each step as it starts. */
export function readAnkiBytes(SQL: SqlJsStatic, req: AnkiReadRequest, step: (s: ReadStep) => void): Extract<AnkiReadReply, { ok: boolean }> {
	step('Opening the package');
	const read = readApkg(req.bytes, SQL, req.fileName);
	if (!read.ok) return { ok: false, problem: read.problem };
	step('Reading notes, cards and reviews');
	const entries = new Map(read.collection.media.map((m) => [m.name, m]));
	let told = false;
	const result = ankiToDataset(read.collection, {
		fileName: req.fileName,
		now: req.now,
		scheduler: createScheduler(req.settings),
		dayStartHour: req.settings.dayStartHour,
		utcOffsetMinutes: req.utcOffsetMinutes,
		mediaBytes: (name) => {
			if (!told) step('Collecting the media');
			told = true;
			const entry = entries.get(name);
			return entry ? read.mediaBytes(entry) : null;
		}
	});
	return { ok: true, result };
}

/** Reads a package in a worker (or here, without workers), with each step told to `progress`. */
export function readAnkiPackage(req: AnkiReadRequest, progress: (s: ReadStep) => void, loadSql: () => Promise<SqlJsStatic>): Promise<Extract<AnkiReadReply, { ok: boolean }>> {
	if (typeof Worker === 'undefined') return loadSql().then((SQL) => readAnkiBytes(SQL, req, progress));
	const worker = new Worker(new URL('./anki-read.worker.ts', import.meta.url), { type: 'module' });
	return new Promise<Extract<AnkiReadReply, { ok: boolean }>>((resolve) => {
		worker.onmessage = (e: MessageEvent<AnkiReadReply>) => {
			const reply = e.data;
			if ('progress' in reply) progress(reply.progress);
			else resolve(reply);
		};
		worker.onerror = (e) => resolve({ ok: false, problem: `The package could not be read (${e.message || 'the reader failed to start'}); nothing was changed.` });
		worker.postMessage(req, [req.bytes.buffer as ArrayBuffer]);
	}).finally(() => worker.terminate());
}

/**
 * A package read as the Import screen reads it: off the main thread, then its HTML sanitised here
 * (the sanitiser needs a document) in slices of a few milliseconds, so that thousands never hold
 * the screen still. Images of the package's own files are kept, everything else goes.
 */
export async function readAnkiFile(file: Blob, req: Omit<AnkiReadRequest, 'bytes'>, progress: (s: ReadStep) => void, loadSql: () => Promise<SqlJsStatic>): Promise<Extract<AnkiReadReply, { ok: boolean }>> {
	progress('Reading the file');
	const read = await readAnkiPackage({ ...req, bytes: new Uint8Array(await file.arrayBuffer()) }, progress, loadSql);
	if (!read.ok) return read;
	progress('Cleaning the cards’ HTML');
	let slice = performance.now();
	for (const card of read.result.data.cards) {
		if (card.format !== 'html') continue;
		card.question = sanitizeHtml(card.question, 'keep');
		card.answer = sanitizeHtml(card.answer, 'keep');
		if (performance.now() - slice > SANITISE_SLICE_MS) {
			await new Promise((r) => setTimeout(r, 0));
			slice = performance.now();
		}
	}
	return read;
}
