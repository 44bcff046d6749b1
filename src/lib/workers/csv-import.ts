// The app's one path for writing a CSV import: in a worker where the browser has workers (the
// main thread stays free to paint), on the main thread otherwise (unit tests, old browsers).

import { planCsvImport, type CsvImportOptions } from '$lib/core/csv-import';
import type { DocDeckDB } from '$lib/db/db';
import { DeckFileError, syncDeck, type SyncReport } from '$lib/db/decks';
import type { CsvImportReply, CsvImportRequest } from './import.worker';

export function importCsv(db: DocDeckDB, rows: string[][], options: CsvImportOptions, now: number): Promise<SyncReport> {
	if (typeof Worker === 'undefined') return syncDeck(db, planCsvImport(rows, options).parsed, 'imported', now);
	const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
	return new Promise<SyncReport>((resolve, reject) => {
		worker.onmessage = (e: MessageEvent<CsvImportReply>) => {
			const reply = e.data;
			if (reply.ok) resolve(reply.report);
			else reject(reply.deckFileError ? new DeckFileError(reply.problem) : new Error(reply.problem));
		};
		worker.onerror = (e) => reject(new Error(`the import stopped before anything was written (${e.message || 'the worker failed to start'})`));
		worker.postMessage({ dbName: db.name, rows, options, now } satisfies CsvImportRequest);
	}).finally(() => worker.terminate());
}
