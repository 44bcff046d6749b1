// The replication engine: a PouchDB database on this device mirrors the review documents and
// replicates them with the learner's server (PouchDB's own CouchDB replication protocol). Dexie
// stays the store the study screen reads and writes; the mirror is fed from the outbox (written
// in each answer's transaction) and what it pulls is joined to the log by db/replication.ts.
// Loaded only once a server is set up: the study screen never loads PouchDB.

import PouchDB from 'pouchdb-browser';
import { docToReview, reviewToDoc, type PulledChange, type PullPlan } from '$lib/core/replication';
import { databaseNameProblem, judgeDatabase, judgeWelcome, normaliseServerUrl, type ServerVerdict } from '$lib/core/replication-server';
import { createScheduler, type SchedulerOptions } from '$lib/core/schedule';
import type { DocDeckDB } from './db';
import { applyPulled, clearSent, readOutbox } from './replication';
import { loadReplication, type ReplicationConfig } from './replication-config';

/** How long a server may take to answer one request before it is called too slow. */
export const SERVER_TIMEOUT_MS = 8_000;

export type ServerSetup = Pick<ReplicationConfig, 'url' | 'database' | 'user' | 'password'>;

class TimeoutError extends Error {
	override name = 'TimeoutError';
}

/** fetch with the server's time limit; a request still waiting after it is abandoned. */
function timedFetch(url: string, init: RequestInit = {}): Promise<Response> {
	const abort = new AbortController();
	const timer = setTimeout(() => abort.abort(new TimeoutError('slow')), SERVER_TIMEOUT_MS);
	return fetch(url, { ...init, signal: abort.signal }).finally(() => clearTimeout(timer));
}

function authHeaders(s: ServerSetup): Record<string, string> {
	const headers: Record<string, string> = { Accept: 'application/json' };
	if (s.user) headers.Authorization = 'Basic ' + btoa(unescape(encodeURIComponent(`${s.user}:${s.password}`)));
	return headers;
}

const TIMEOUT: ServerVerdict = { ok: false, kind: 'timeout', message: `The server took longer than ${SERVER_TIMEOUT_MS / 1000} seconds to answer. It may be overloaded; try again later.` };
const UNREACHABLE: ServerVerdict = {
	ok: false,
	kind: 'unreachable',
	message: 'The server could not be reached. Check the address and your connection (offline, changes wait here). A server that does not allow this app (CORS) looks the same.'
};

async function request(s: ServerSetup, path: string, method = 'GET'): Promise<{ status: number; type: string; body: string } | ServerVerdict> {
	try {
		const res = await timedFetch(`${s.url}/${path}`, { method, headers: authHeaders(s), credentials: 'omit' });
		return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
	} catch (e) {
		return e instanceof TimeoutError || (e instanceof DOMException && e.name === 'AbortError') ? TIMEOUT : UNREACHABLE;
	}
}

/** Asks the server who it is and whether the database is there: a verdict with its sentence. */
export async function checkServer(s: ServerSetup): Promise<ServerVerdict> {
	const url = normaliseServerUrl(s.url);
	if ('problem' in url) return { ok: false, kind: 'bad-url', message: url.problem };
	const nameProblem = databaseNameProblem(s.database);
	if (nameProblem) return { ok: false, kind: 'bad-url', message: nameProblem };
	const setup = { ...s, url: url.url };
	const welcome = await request(setup, '');
	if ('ok' in welcome) return welcome;
	const bad = judgeWelcome(welcome.status, welcome.type, welcome.body);
	if (bad) return bad;
	const dbAnswer = await request(setup, encodeURIComponent(s.database));
	if ('ok' in dbAnswer) return dbAnswer;
	if (dbAnswer.status === 200 && !/^\s*\{/.test(dbAnswer.body)) return { ok: false, kind: 'not-couchdb', message: `The server answered for "${s.database}" with a web page, not CouchDB.` };
	return judgeDatabase(dbAnswer.status, s.database);
}

/** Creates the database (the user must be allowed to), then checks it. */
export async function createDatabase(s: ServerSetup): Promise<ServerVerdict> {
	const made = await request(s, encodeURIComponent(s.database), 'PUT');
	if ('ok' in made) return made;
	if (made.status === 401 || made.status === 403) return { ok: false, kind: 'credentials', message: `This user may not create databases (${made.status}). Ask whoever runs the server to create "${s.database}".` };
	if (made.status !== 201 && made.status !== 202 && made.status !== 412) return judgeDatabase(made.status, s.database);
	return checkServer(s);
}

export interface EngineReport {
	phase: 'syncing' | 'idle' | 'error';
	error?: string;
	waiting: number;
	/** What the last pull brought. */
	pulled?: PullPlan;
	/** Documents from the server DocDeck could not read (skipped, named). */
	skipped?: string[];
}

/** The name of this device's mirror of one server's database. */
function mirrorName(s: ServerSetup): string {
	let h = 0;
	for (const ch of `${s.url}/${s.database}`) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
	return `docdeck-sync-${(h >>> 0).toString(36)}`;
}

/** One server being synced with: a cycle now, then every few seconds and when the network returns. */
export class ReplicationEngine {
	#db: DocDeckDB;
	#setup: ServerSetup;
	#settings: () => SchedulerOptions;
	#report: (r: EngineReport) => void;
	#local: PouchDB;
	#remote: PouchDB;
	#timer: ReturnType<typeof setInterval> | null = null;
	#running: Promise<void> | null = null;
	#again = false;
	#stopped = false;
	#online = () => this.kick();

	constructor(db: DocDeckDB, setup: ServerSetup, settings: () => SchedulerOptions, report: (r: EngineReport) => void) {
		this.#db = db;
		this.#setup = setup;
		this.#settings = settings;
		this.#report = report;
		this.#local = new PouchDB(mirrorName(setup));
		this.#remote = new PouchDB(`${setup.url}/${encodeURIComponent(setup.database)}`, {
			skip_setup: true,
			fetch: (url, init) => {
				const headers = new Headers(init.headers);
				for (const [k, v] of Object.entries(authHeaders(setup))) headers.set(k, v);
				return timedFetch(url, { ...init, headers, credentials: 'omit' });
			}
		});
	}

	start(intervalMs: number): void {
		this.kick();
		this.#timer = setInterval(() => this.kick(), intervalMs);
		window.addEventListener('online', this.#online);
	}

	/** A cycle now (after an answer, a click); one already running is followed by one more. */
	kick(): void {
		if (this.#stopped) return;
		if (this.#running) {
			this.#again = true;
			return;
		}
		this.#running = this.#cycle()
			.catch(() => undefined)
			.finally(() => {
				this.#running = null;
				if (this.#again) {
					this.#again = false;
					this.kick();
				}
			});
	}

	/** Stops; a cycle under way finishes its current step (everything it writes is whole). */
	async stop(): Promise<void> {
		this.#stopped = true;
		if (this.#timer) clearInterval(this.#timer);
		window.removeEventListener('online', this.#online);
		await this.#running;
		await Promise.all([this.#local.close(), this.#remote.close()]).catch(() => undefined);
	}

	/** Stops and deletes this device's mirror (Forget this server). */
	async destroy(): Promise<void> {
		await this.stop();
		await new PouchDB(mirrorName(this.#setup)).destroy();
	}

	async #waiting(): Promise<number> {
		return this.#db.outbox.count();
	}

	async #cycle(): Promise<void> {
		this.#report({ phase: 'syncing', waiting: await this.#waiting() });
		try {
			// Asked first, so a server that answers wrongly is named in words and nothing moves.
			const verdict = await checkServer(this.#setup);
			if (!verdict.ok) throw new Error(verdict.message);
			const sent = await this.#flushOutbox();
			await this.#replicate();
			await clearSent(this.#db, sent);
			const { plan, skipped } = await this.#applyMirror();
			this.#report({ phase: 'idle', waiting: await this.#waiting(), pulled: plan, skipped });
		} catch (e) {
			this.#report({ phase: 'error', error: words(e), waiting: await this.#waiting() });
			throw e;
		}
	}

	/** The queued answers and undos, written to the mirror (a removal takes every branch of the document). */
	async #flushOutbox() {
		const { entries, rows } = await readOutbox(this.#db, 100_000);
		for (const e of entries) {
			const existing = await this.#local.get(e.id, { conflicts: true }).catch((err: { status?: number }) => {
				if (err.status === 404) return null;
				throw err;
			});
			if (e.op === 'put') {
				const row = rows.get(e.id);
				if (row && !existing) await this.#local.put(reviewToDoc(row) as unknown as Parameters<PouchDB['put']>[0]);
			} else if (existing) {
				for (const rev of [existing._rev!, ...(existing._conflicts ?? [])]) await this.#local.remove(e.id, rev);
			}
		}
		return entries;
	}

	async #replicate(): Promise<void> {
		const push = await PouchDB.replicate(this.#local, this.#remote, { batch_size: 200 });
		if (push.doc_write_failures > 0) throw new Error(`The server refused ${push.doc_write_failures} review(s). Does this user have write access to "${this.#setup.database}"?`);
		await PouchDB.replicate(this.#remote, this.#local, { batch_size: 200 });
	}

	/** The mirror's changes since the last joined one, joined to the log a batch at a time. */
	async #applyMirror(): Promise<{ plan: PullPlan | undefined; skipped: string[] }> {
		const config = await loadReplication(this.#db);
		if (!config) return { plan: undefined, skipped: [] };
		let since = config.appliedSeq;
		let total: PullPlan | undefined;
		const skipped: string[] = [];
		for (;;) {
			const batch = await this.#local.changes({ since, include_docs: true, limit: 500 });
			if (batch.results.length === 0) break;
			const changes: PulledChange[] = [];
			for (const c of batch.results) {
				if (c.deleted) changes.push({ id: c.id, deleted: true });
				else {
					const read = docToReview(c.doc);
					if ('row' in read) changes.push({ id: c.id, deleted: false, row: read.row });
					else skipped.push(read.problem);
				}
			}
			const plan = await applyPulled(this.#db, createScheduler(this.#settings()), changes, batch.last_seq);
			total = total ? { ...total, added: total.added + plan.added, removed: [...total.removed, ...plan.removed], conflicts: [...total.conflicts, ...plan.conflicts] } : plan;
			since = batch.last_seq;
		}
		return { plan: total, skipped };
	}
}

/** Any failure during a cycle, as a sentence. */
function words(e: unknown): string {
	const err = e as { status?: number; name?: string; message?: string };
	if (err.status === 401 || err.status === 403) return 'The server refused the user name or password.';
	if (err.status === 404) return 'The database is no longer on the server.';
	if (typeof err.status === 'number' && err.status >= 500) return `The server answered with an error (${err.status}).`;
	if (e instanceof TimeoutError || err.name === 'AbortError') return TIMEOUT.message;
	if (e instanceof SyntaxError) return 'The server answered with something that is not CouchDB (not JSON).';
	return err.message || String(e);
}
