/// <reference lib="webworker" />
// Runs the extractor off the main thread, so the import screen stays responsive on long documents.

import { extract } from '$lib/core/extract';

export interface ExtractRequest {
	id: number;
	text: string;
	terms: string;
	title: string;
}

self.onmessage = (e: MessageEvent<ExtractRequest>) => {
	const { id, text, terms, title } = e.data;
	try {
		const started = performance.now();
		const result = extract(text, { terms, title });
		self.postMessage({ id, ok: true, result, ms: performance.now() - started });
	} catch (err) {
		self.postMessage({ id, ok: false, problem: err instanceof Error ? err.message : String(err) });
	}
};
