/// <reference lib="webworker" />
// The optimiser, off the main thread: reads the review log from the database, fits FSRS
// parameters with fsrs-browser (fsrs-rs in WebAssembly), scores the current and the fitted set
// on the log, and, when asked, applies a set (every card replayed, in one transaction). The page
// cancels a fit by ending the worker: nothing is written before the learner applies.

import init, * as fsrsBrowser from 'fsrs-browser';
import { compareFit, prepareLog, type OptimizeOutcome } from '$lib/core/fsrs/optimize';
import { DocDeckDB } from '$lib/db/db';
import { applyParameters, readReviewLog, setExam, type ApplyReport } from '$lib/db/parameters';
import type { Exam } from '$lib/core/settings';
import { fitParameters } from './fsrs-fit';

export type FsrsRequest =
	/** `wasmUrl`: the optimiser's WebAssembly, as the page's build names it (so the service worker precaches it). */
	| { type: 'fit'; dbName: string; current: number[] | null; deckId?: string; wasmUrl: string }
	| { type: 'apply'; dbName: string; parameters: number[] | null }
	| { type: 'exam'; dbName: string; deckId: string; exam: Exam | null };

export type FsrsReply =
	| { type: 'stage'; stage: 'reading' | 'fitting' | 'scoring'; items?: number; threads?: number }
	/** Where fsrs-rs counts the items it has trained on: readable from the page when memory can be shared. */
	| { type: 'progress-memory'; memory: WebAssembly.Memory; pointer: number }
	| { type: 'fitted'; outcome: OptimizeOutcome; ms: number }
	| { type: 'applied'; report: ApplyReport }
	| { type: 'error'; problem: string };

const post = (m: FsrsReply) => self.postMessage(m);

async function fit(req: Extract<FsrsRequest, { type: 'fit' }>, db: DocDeckDB): Promise<void> {
	post({ type: 'stage', stage: 'reading' });
	const { set, summary, readiness } = prepareLog(await readReviewLog(db, req.deckId));
	if (readiness.fit === 'none') return post({ type: 'fitted', outcome: { kind: 'too-few', log: summary, more: readiness.more }, ms: 0 });
	const wasm = await init({ module_or_path: req.wasmUrl });
	// Threads need memory shared with other workers, which browsers allow only to a cross-origin
	// isolated page; elsewhere fsrs-rs runs on this one worker thread.
	let threads = 1;
	if (self.crossOriginIsolated && navigator.hardwareConcurrency > 1) {
		try {
			await fsrsBrowser.initThreadPool(navigator.hardwareConcurrency);
			threads = navigator.hardwareConcurrency;
		} catch {
			threads = 1;
		}
	}
	const progress = fsrsBrowser.Progress.new();
	if (self.crossOriginIsolated) post({ type: 'progress-memory', memory: wasm.memory, pointer: progress.pointer() });
	post({ type: 'stage', stage: 'fitting', items: summary.items, threads });
	const t0 = performance.now();
	const parameters = fitParameters(fsrsBrowser, set.items, progress);
	const ms = performance.now() - t0;
	post({ type: 'stage', stage: 'scoring' });
	post({ type: 'fitted', outcome: compareFit(set, summary, readiness.fit, req.current, parameters), ms });
}

self.onmessage = async (e: MessageEvent<FsrsRequest>) => {
	const req = e.data;
	const db = new DocDeckDB(req.dbName);
	try {
		if (req.type === 'fit') await fit(req, db);
		else if (req.type === 'apply') post({ type: 'applied', report: await applyParameters(db, req.parameters) });
		else post({ type: 'applied', report: await setExam(db, req.deckId, req.exam) });
	} catch (err) {
		post({ type: 'error', problem: err instanceof Error ? err.message : String(err) });
	} finally {
		db.close();
	}
};
