// The page's side of the optimiser worker: a fit is a task that reports its stage and, where the
// browser lets the page read the worker's memory, how many items fsrs-rs has trained on; it is
// cancelled by ending the worker. Applying a set runs in a worker too (100 000 cards replayed).

import type { OptimizeOutcome } from '$lib/core/fsrs/optimize';
import type { DocDeckDB } from '$lib/db/db';
import { applyParameters, setExam, type ApplyReport } from '$lib/db/parameters';
import type { Exam } from '$lib/core/settings';
import type { FsrsReply, FsrsRequest } from './fsrs.worker';
// Imported here, on the page's side, so the wasm is part of the app's build and precached by the
// service worker (assets that only a worker imports are not in its list): the optimiser works offline.
import wasmUrl from 'fsrs-browser/fsrs_browser_bg.wasm?url';

export type FitStage = 'starting' | 'reading' | 'fitting' | 'scoring';

export interface FitListener {
	stage(stage: FitStage, info: { items?: number; threads?: number }): void;
	progress(done: number, total: number): void;
}

export class CancelledError extends Error {
	override name = 'CancelledError';
}

const start = () => new Worker(new URL('./fsrs.worker.ts', import.meta.url), { type: 'module' });

export class FitTask {
	readonly result: Promise<{ outcome: OptimizeOutcome; ms: number }>;
	#worker: Worker;
	#timer: ReturnType<typeof setInterval> | undefined;
	#reject: (e: Error) => void = () => {};

	constructor(db: DocDeckDB, current: number[] | null, listener: FitListener) {
		this.#worker = start();
		this.result = new Promise((resolve, reject) => {
			this.#reject = reject;
			this.#worker.onmessage = (e: MessageEvent<FsrsReply>) => {
				const m = e.data;
				if (m.type === 'stage') listener.stage(m.stage, { items: m.items, threads: m.threads });
				else if (m.type === 'progress-memory') this.#watch(m.memory, m.pointer, listener);
				else if (m.type === 'fitted') resolve({ outcome: m.outcome, ms: m.ms });
				else if (m.type === 'error') reject(new Error(m.problem));
			};
			this.#worker.onerror = (e) => reject(new Error(`the optimiser stopped (${e.message || 'its worker failed to start'})`));
		});
		this.result.finally(() => this.#end()).catch(() => {});
		listener.stage('starting', {});
		this.#worker.postMessage({ type: 'fit', dbName: db.name, current, wasmUrl } satisfies FsrsRequest);
	}

	/** fsrs-rs writes [items done, items in all] into its memory as it trains; the page reads it. */
	#watch(memory: WebAssembly.Memory, pointer: number, listener: FitListener) {
		this.#timer = setInterval(() => {
			const [done, total] = new Uint32Array(memory.buffer, pointer, 2);
			if (total) listener.progress(Math.min(done!, total), total);
		}, 200);
	}

	cancel(): void {
		this.#reject(new CancelledError('The optimiser was stopped; nothing was changed.'));
		this.#end();
	}

	#end() {
		clearInterval(this.#timer);
		this.#worker.terminate();
	}
}

/** Applies a parameter set in a worker where there are workers (on this thread otherwise). */
export function applyInWorker(db: DocDeckDB, parameters: number[] | null): Promise<ApplyReport> {
	if (typeof Worker === 'undefined') return applyParameters(db, parameters);
	return inWorker({ type: 'apply', dbName: db.name, parameters });
}

/** Sets or removes a deck's exam date, its cards rescheduled in a worker. */
export function examInWorker(db: DocDeckDB, deckId: string, exam: Exam | null): Promise<ApplyReport> {
	if (typeof Worker === 'undefined') return setExam(db, deckId, exam);
	return inWorker({ type: 'exam', dbName: db.name, deckId, exam });
}

function inWorker(req: FsrsRequest): Promise<ApplyReport> {
	const worker = start();
	return new Promise<ApplyReport>((resolve, reject) => {
		worker.onmessage = (e: MessageEvent<FsrsReply>) => {
			if (e.data.type === 'applied') resolve(e.data.report);
			else if (e.data.type === 'error') reject(new Error(e.data.problem));
		};
		worker.onerror = (e) => reject(new Error(`nothing was changed (${e.message || 'the worker failed to start'})`));
		worker.postMessage(req);
	}).finally(() => worker.terminate());
}
