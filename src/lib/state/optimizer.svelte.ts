// "Your memory model" in Settings: fit FSRS to the learner's own reviews, show how the fitted set
// scores against the one in use, apply it (or go back to the previous set).

import { isBetter, type OptimizeOutcome } from '$lib/core/fsrs/optimize';
import { CancelledError, FitTask, applyInWorker, type FitStage } from '$lib/workers/fsrs-client';
import { app } from './app.svelte';

export type OptimizerPhase = 'idle' | 'running' | 'done' | 'applying';

const STAGES: Record<FitStage, string> = {
	starting: 'Starting the optimiser…',
	reading: 'Reading your review log…',
	fitting: 'Fitting the parameters to your reviews…',
	scoring: 'Scoring the current and the new parameters…'
};

export class OptimizerState {
	#phase = $state<OptimizerPhase>('idle');
	#stage = $state('');
	#progress = $state.raw<{ done: number; total: number } | null>(null);
	#outcome = $state.raw<OptimizeOutcome | null>(null);
	#status = $state('');
	#task: FitTask | null = null;

	get phase() {
		return this.#phase;
	}
	get stage() {
		return this.#stage;
	}
	get progress() {
		return this.#progress;
	}
	get outcome() {
		return this.#outcome;
	}
	/** What the last action did, in a sentence. */
	get status() {
		return this.#status;
	}
	get better(): boolean {
		return this.#outcome?.kind === 'fitted' && isBetter(this.#outcome);
	}

	async start(): Promise<void> {
		if (this.#phase === 'running' || this.#phase === 'applying') return;
		this.#phase = 'running';
		this.#outcome = null;
		this.#progress = null;
		this.#status = '';
		const task = new FitTask(app.db, app.settings.parameters, {
			stage: (stage, info) => {
				this.#stage = STAGES[stage] + (stage === 'fitting' && info.items ? ` (${info.items.toLocaleString('en')} reviews${info.threads && info.threads > 1 ? `, ${info.threads} threads` : ''})` : '');
			},
			progress: (done, total) => (this.#progress = { done, total })
		});
		this.#task = task;
		try {
			const { outcome } = await task.result;
			this.#outcome = outcome;
			this.#phase = 'done';
		} catch (e) {
			this.#phase = 'idle';
			if (e instanceof CancelledError) {
				this.#status = e.message;
				return;
			}
			throw e;
		} finally {
			this.#task = null;
		}
	}

	cancel(): void {
		this.#task?.cancel();
	}

	discard(): void {
		if (this.#phase !== 'done') return;
		this.#outcome = null;
		this.#phase = 'idle';
		this.#status = 'The fitted parameters were not applied.';
	}

	/** Makes the fitted set the one in use: every card rescheduled from its log. */
	async apply(): Promise<void> {
		const o = this.#outcome;
		if (this.#phase !== 'done' || o?.kind !== 'fitted') return;
		await this.#applySet(o.parameters, 'Your own parameters are in use');
		this.#outcome = null;
	}

	/** Goes back to the set in use before the last apply. */
	async undo(): Promise<void> {
		if (this.#phase === 'running' || this.#phase === 'applying') return;
		const previous = app.settings.previousParameters;
		await this.#applySet(previous, previous ? 'The previous parameters are back in use' : 'FSRS\'s default parameters are back in use');
	}

	async #applySet(parameters: number[] | null, what: string): Promise<void> {
		const before = this.#phase;
		this.#phase = 'applying';
		try {
			const report = await applyInWorker(app.db, parameters);
			await app.reloadSettings();
			this.#status = `${what}: ${report.rescheduled.toLocaleString('en')} card${report.rescheduled === 1 ? '' : 's'} rescheduled from their reviews${report.skipped ? ` (${report.skipped} whose log cannot be replayed were left as they were)` : ''}.`;
			this.#phase = 'idle';
		} catch (e) {
			this.#phase = before;
			throw e;
		}
	}
}
