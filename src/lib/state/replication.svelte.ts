// Sync with the learner's server: the set-up form's actions and the status line. The engine
// (PouchDB) is imported only when a server is set up; until then nothing runs and nothing is sent.

import { databaseNameProblem, describeStatus, normaliseServerUrl, type ServerVerdict } from '$lib/core/replication-server';
import { forgetReplication, loadReplication, outboxCount, type ReplicationConfig } from '$lib/db/replication-config';
import type { EngineReport, ReplicationEngine, ServerSetup } from '$lib/db/replication-engine';
import { app } from './app.svelte';
import { timeNow } from './clock';
import { handleError, reason } from './errors.svelte';

/** How often a running sync looks for changes on either side while the app is open. */
const POLL_MS = 3_000;

export type SyncPhase = 'off' | 'stopped' | 'syncing' | 'idle' | 'error';

const engineModule = () => import('$lib/db/replication-engine');

class ReplicationState {
	#config = $state.raw<ReplicationConfig | null>(null);
	#phase = $state<SyncPhase>('off');
	#waiting = $state(0);
	#error = $state('');
	#verdict = $state.raw<ServerVerdict | null>(null);
	#busy = $state(false);
	#pulled = $state('');
	#engine: ReplicationEngine | null = null;
	#resumed = false;

	get config(): ReplicationConfig | null {
		return this.#config;
	}
	get phase(): SyncPhase {
		return this.#phase;
	}
	get waiting(): number {
		return this.#waiting;
	}
	get verdict(): ServerVerdict | null {
		return this.#verdict;
	}
	get busy(): boolean {
		return this.#busy;
	}
	/** What the last pull did, in a sentence (empty when it brought nothing). */
	get pulled(): string {
		return this.#pulled;
	}
	get status(): string {
		return describeStatus({ phase: this.#phase, waiting: this.#waiting, error: this.#error });
	}

	/** At start-up: syncing resumes if the learner left it running. Without a set-up, one read and nothing else. */
	async resume(): Promise<void> {
		if (this.#resumed) return;
		this.#resumed = true;
		await this.#refresh();
		if (this.#config?.running) await this.#startEngine(this.#config);
	}

	async #refresh(): Promise<void> {
		this.#config = await loadReplication(app.db);
		this.#waiting = this.#config ? await outboxCount(app.db) : 0;
		if (!this.#config) this.#phase = 'off';
		else if (!this.#config.running) this.#phase = 'stopped';
	}

	#checked(form: ServerSetup): ServerSetup | ServerVerdict {
		const url = normaliseServerUrl(form.url);
		if ('problem' in url) return { ok: false, kind: 'bad-url', message: url.problem };
		const problem = databaseNameProblem(form.database.trim());
		if (problem) return { ok: false, kind: 'bad-url', message: problem };
		return { url: url.url, database: form.database.trim(), user: form.user.trim(), password: form.password };
	}

	async #withBusy(work: () => Promise<void>): Promise<void> {
		this.#busy = true;
		try {
			await work();
		} finally {
			this.#busy = false;
		}
	}

	/** "Test connection": what the server says, in a sentence. Writes nothing. */
	test(form: ServerSetup): Promise<void> {
		return this.#withBusy(async () => {
			const setup = this.#checked(form);
			if ('ok' in setup) return void (this.#verdict = setup);
			this.#verdict = await (await engineModule()).checkServer(setup);
		});
	}

	/** Creates the missing database the test found, then tests again. */
	create(form: ServerSetup): Promise<void> {
		return this.#withBusy(async () => {
			const setup = this.#checked(form);
			if ('ok' in setup) return void (this.#verdict = setup);
			this.#verdict = await (await engineModule()).createDatabase(setup);
		});
	}

	/** Saves the set-up (first time: queues every review already here) and starts syncing. */
	start(form: ServerSetup): Promise<void> {
		return this.#withBusy(async () => {
			const setup = this.#checked(form);
			if ('ok' in setup) return void (this.#verdict = setup);
			const { saveReplication } = await import('$lib/db/replication');
			const previous = this.#config;
			const sameServer = previous && previous.url === setup.url && previous.database === setup.database;
			if (previous && !sameServer) await this.#forgetAll();
			const config: ReplicationConfig = { ...setup, running: true, appliedSeq: sameServer ? previous.appliedSeq : 0, lastSyncedAt: sameServer ? previous.lastSyncedAt : null };
			await saveReplication(app.db, config);
			await this.#refresh();
			await this.#startEngine(config);
		});
	}

	/** Stops syncing; the set-up stays and changes keep queueing. */
	stop(): Promise<void> {
		return this.#withBusy(async () => {
			await this.#engine?.stop();
			this.#engine = null;
			const { updateReplication } = await import('$lib/db/replication');
			await updateReplication(app.db, { running: false });
			await this.#refresh();
			this.#phase = 'stopped';
		});
	}

	/** Forgets the server: credentials, queue and this device's mirror. Reviews stay. */
	forget(): Promise<void> {
		return this.#withBusy(async () => {
			await this.#forgetAll();
			this.#verdict = null;
			this.#pulled = '';
			await this.#refresh();
		});
	}

	async #forgetAll(): Promise<void> {
		if (this.#engine) await this.#engine.destroy();
		else if (this.#config) {
			const { ReplicationEngine } = await engineModule();
			await new ReplicationEngine(app.db, this.#config, () => app.settings, () => undefined).destroy();
		}
		this.#engine = null;
		await forgetReplication(app.db);
	}

	async #startEngine(setup: ServerSetup): Promise<void> {
		try {
			const { ReplicationEngine } = await engineModule();
			await this.#engine?.stop();
			this.#engine = new ReplicationEngine(app.db, setup, () => app.settings, (r) => this.#onReport(r));
			this.#phase = 'syncing';
			this.#engine.start(POLL_MS);
		} catch (e) {
			this.#phase = 'error';
			this.#error = reason(e);
			handleError(e, 'Syncing could not start; studying goes on and changes wait here.');
		}
	}

	#onReport(r: EngineReport): void {
		this.#phase = r.phase;
		this.#waiting = r.waiting;
		if (r.phase === 'error') this.#error = r.error ?? '';
		if (r.phase === 'idle') {
			const parts: string[] = [];
			if (r.pulled?.added) parts.push(`${r.pulled.added} review${r.pulled.added === 1 ? '' : 's'} received`);
			if (r.pulled?.removed.length) parts.push(`${r.pulled.removed.length} undone on another device`);
			if (r.pulled?.conflicts.length) parts.push(`${r.pulled.conflicts.length} not applied (the same id as a different review here)`);
			if (r.skipped?.length) parts.push(`${r.skipped.length} document${r.skipped.length === 1 ? '' : 's'} skipped (${r.skipped[0]})`);
			if (parts.length) this.#pulled = `Last sync at ${new Date(timeNow()).toLocaleTimeString()}: ${parts.join('; ')}.`;
		}
	}
}

export const replication = new ReplicationState();
