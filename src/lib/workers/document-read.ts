// Reads an outside document's text: a Word file unpacked, an HTML page as text only, plain text as
// it is. Runs in document.worker.ts (inline where the browser has no workers).

import { docxToText } from '$lib/doc/docx';
import { htmlToText } from '$lib/core/extract/html-text';
import { looksBinary } from '$lib/core/csv-parse';

export interface ReadDocumentRequest {
	kind: 'docx' | 'html' | 'text';
	file: File;
}

/** The document's text, or why it has none (a sentence naming the file). */
export type ReadDocumentReply = { ok: true; text: string } | { ok: false; problem: string };

export async function readDocument({ kind, file }: ReadDocumentRequest): Promise<ReadDocumentReply> {
	if (kind === 'docx') {
		const r = await docxToText(new Uint8Array(await file.arrayBuffer()), `“${file.name}”`);
		return r;
	}
	const text = await file.text();
	if (looksBinary(text)) return { ok: false, problem: `“${file.name}” is not a text file (it looks binary).` };
	return { ok: true, text: kind === 'html' ? htmlToText(text) : text };
}
