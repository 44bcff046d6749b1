/// <reference lib="webworker" />
// Plans and writes a CSV import off the main thread: for a 35 000-row file, planning the cards and
// storing them would otherwise hold the screen still for most of a second. The worker opens the
// same database as the page; the write is one transaction, as on the main thread.

import { planCsvImport, type CsvImportOptions } from '$lib/core/csv-import';
import { DocDeckDB } from '$lib/db/db';
import { syncDeck, type SyncReport } from '$lib/db/decks';

export interface CsvImportRequest {
	dbName: string;
	rows: string[][];
	options: CsvImportOptions;
	now: number;
}

export type CsvImportReply = { ok: true; report: SyncReport } | { ok: false; problem: string; deckFileError: boolean };

self.onmessage = async (e: MessageEvent<CsvImportRequest>) => {
	const { dbName, rows, options, now } = e.data;
	const db = new DocDeckDB(dbName);
	try {
		const report = await syncDeck(db, planCsvImport(rows, options).parsed, 'imported', now);
		self.postMessage({ ok: true, report } satisfies CsvImportReply);
	} catch (err) {
		self.postMessage({ ok: false, problem: err instanceof Error ? err.message : String(err), deckFileError: err instanceof Error && err.name === 'DeckFileError' } satisfies CsvImportReply);
	} finally {
		db.close();
	}
};
