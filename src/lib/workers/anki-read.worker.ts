/// <reference lib="webworker" />
// Reads an Anki package off the main thread: unzipping, zstd, sql.js and converting the notes and
// media of a 300 MB package would otherwise hold the screen still for seconds. It only reads;
// the page sanitises the HTML (the sanitiser needs a document) and writes in one transaction.

import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { readAnkiBytes, type AnkiReadReply, type AnkiReadRequest } from './anki-read';

self.onmessage = async (e: MessageEvent<AnkiReadRequest>) => {
	try {
		const SQL = await initSqlJs({ locateFile: () => wasmUrl });
		const reply = readAnkiBytes(SQL, e.data, (step) => self.postMessage({ progress: step } satisfies AnkiReadReply));
		const transfer = reply.ok ? [...new Set(reply.result.media.map((m) => m.bytes.buffer as ArrayBuffer))] : [];
		self.postMessage(reply satisfies AnkiReadReply, { transfer });
	} catch (err) {
		self.postMessage({ ok: false, problem: `The package could not be read (${err instanceof Error ? err.message : String(err)}).` } satisfies AnkiReadReply);
	}
};
