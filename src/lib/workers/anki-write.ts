// The app's one path for writing an Anki import: in a worker where the browser has workers, on the
// main thread otherwise (unit tests, old browsers). Either way one transaction: all or nothing.

import type { Dataset } from '$lib/core/records';
import type { MediaFile } from '$lib/core/anki/media';
import { createScheduler } from '$lib/core/schedule';
import type { StudySettings } from '$lib/core/settings';
import { importAnki, type AnkiImportReport } from '$lib/db/anki';
import type { DocDeckDB } from '$lib/db/db';

export interface AnkiWriteRequest {
	dbName: string;
	data: Dataset;
	settings: StudySettings;
	media: readonly MediaFile[];
	retire: readonly string[];
}

export type AnkiWriteReply = { ok: true; report: AnkiImportReport } | { ok: false; problem: string; name: string };

export function writeAnkiImport(db: DocDeckDB, data: Dataset, settings: StudySettings, media: readonly MediaFile[], retire: readonly string[]): Promise<AnkiImportReport> {
	if (typeof Worker === 'undefined') return importAnki(db, data, createScheduler(settings), media, { retire });
	const worker = new Worker(new URL('./anki-write.worker.ts', import.meta.url), { type: 'module' });
	return new Promise<AnkiImportReport>((resolve, reject) => {
		worker.onmessage = (e: MessageEvent<AnkiWriteReply>) => {
			const reply = e.data;
			if (reply.ok) resolve(reply.report);
			else reject(Object.assign(new Error(reply.problem), { name: reply.name || 'Error' }));
		};
		worker.onerror = (e) => reject(new Error(`the import stopped before anything was written (${e.message || 'the worker failed to start'})`));
		// Copied, not moved: the pending import stays whole if the write fails and is tried again.
		worker.postMessage({ dbName: db.name, data, settings, media, retire } satisfies AnkiWriteRequest);
	}).finally(() => worker.terminate());
}
