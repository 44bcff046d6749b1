/// <reference lib="webworker" />
// Reads an outside document's text off the main thread: unpacking a Word file and stripping an
// HTML page's tags take seconds on a large or crafted file, and the page must stay responsive.

import { readDocument, type ReadDocumentReply, type ReadDocumentRequest } from './document-read';

self.onmessage = async (e: MessageEvent<ReadDocumentRequest>) => {
	try {
		self.postMessage(await readDocument(e.data));
	} catch (err) {
		self.postMessage({ ok: false, problem: `“${e.data.file.name}” could not be read (${err instanceof Error ? err.message : String(err)}).` } satisfies ReadDocumentReply);
	}
};
