/// <reference lib="webworker" />
// Writes an Anki import off the main thread: placing thousands of cards and storing tens of MB of
// media in one transaction would otherwise hold the screen still for half a second. The worker
// opens the same database as the page; the write is one transaction, as on the main thread.

import { createScheduler } from '$lib/core/schedule';
import { DocDeckDB } from '$lib/db/db';
import { importAnki } from '$lib/db/anki';
import type { AnkiWriteReply, AnkiWriteRequest } from './anki-write';

self.onmessage = async (e: MessageEvent<AnkiWriteRequest>) => {
	const { dbName, data, settings, media, retire } = e.data;
	const db = new DocDeckDB(dbName);
	try {
		const report = await importAnki(db, data, createScheduler(settings), media, { retire });
		self.postMessage({ ok: true, report } satisfies AnkiWriteReply);
	} catch (err) {
		self.postMessage({ ok: false, problem: err instanceof Error ? err.message : String(err), name: err instanceof Error ? err.name : '' } satisfies AnkiWriteReply);
	} finally {
		db.close();
	}
};
