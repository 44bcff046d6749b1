// "What each retention costs" in Settings: the learner's collection simulated forward at several
// desired retentions, in a worker.

import { workloadRuns, type SimResult } from '$lib/core/fsrs/simulate';
import { readWorkload } from '$lib/db/workload';
import type { WorkloadReply, WorkloadRequest } from '$lib/workers/workload.worker';
import { app } from './app.svelte';
import { timeNow } from './clock';

/** How far ahead the simulation looks: about six months. */
export const WORKLOAD_DAYS = 180;

export class WorkloadState {
	#results = $state.raw<SimResult[] | null>(null);
	#busy = $state(false);

	get results() {
		return this.#results;
	}
	get busy() {
		return this.#busy;
	}

	async estimate(): Promise<void> {
		if (this.#busy) return;
		this.#busy = true;
		const s = app.settings;
		const req: WorkloadRequest = { dbName: app.db.name, now: timeNow(), days: WORKLOAD_DAYS, newPerDay: s.newPerDay, maximumInterval: s.maximumInterval, parameters: s.parameters ? [...s.parameters] : null };
		try {
			this.#results = await runWorkload(req);
		} finally {
			this.#busy = false;
		}
	}
}

export function runWorkload(req: WorkloadRequest): Promise<SimResult[]> {
	if (typeof Worker === 'undefined') return readWorkload(app.db, req.now, req.exam?.deckId).then((input) => workloadRuns(req, input));
	const worker = new Worker(new URL('../workers/workload.worker.ts', import.meta.url), { type: 'module' });
	return new Promise<SimResult[]>((resolve, reject) => {
		worker.onmessage = (e: MessageEvent<WorkloadReply>) => (e.data.ok ? resolve(e.data.results) : reject(new Error(e.data.problem)));
		worker.onerror = (e) => reject(new Error(e.message || 'the simulation worker failed to start'));
		worker.postMessage(req);
	}).finally(() => worker.terminate());
}
