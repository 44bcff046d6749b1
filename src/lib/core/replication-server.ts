// Replication, the pure part that needs no log: how a server's answers are judged, the set-up
// form's checks, and the status line in words. Kept apart from replication.ts so the screens that
// show the status do not load the merge code.

/** What "Test connection" found, each with its sentence. */
export type ServerVerdict =
	| { ok: true; message: string }
	| { ok: false; kind: 'unreachable' | 'credentials' | 'no-database' | 'not-couchdb' | 'server-error' | 'timeout' | 'bad-url'; message: string };

/** The server's welcome (GET /): a CouchDB, or a server speaking its protocol (PouchDB Server). */
export function judgeWelcome(status: number, contentType: string, body: string): ServerVerdict | null {
	if (status === 401 || status === 403) return { ok: false, kind: 'credentials', message: 'The server refused the user name or password (401). Check them and try again.' };
	if (status >= 500) return { ok: false, kind: 'server-error', message: `The server answered with an error (${status}). Try again later, or ask whoever runs it.` };
	let json: unknown;
	try {
		json = /json/i.test(contentType) || /^\s*[{[]/.test(body) ? JSON.parse(body) : undefined;
	} catch {
		json = undefined;
	}
	const o = json && typeof json === 'object' ? (json as Record<string, unknown>) : null;
	if (!o || (o.couchdb !== 'Welcome!' && o['express-pouchdb'] !== 'Welcome!')) {
		return { ok: false, kind: 'not-couchdb', message: o ? 'That address answers, but not as CouchDB (its welcome is missing). Check the server URL.' : 'That address answers with a web page, not CouchDB. Check the server URL (it is often on port 5984).' };
	}
	if (status !== 200) return { ok: false, kind: 'server-error', message: `The server answered ${status} to its welcome.` };
	return null;
}

/** The database (GET /<db>), once the welcome was good. */
export function judgeDatabase(status: number, name: string): ServerVerdict {
	if (status === 200) return { ok: true, message: `Connected: the database "${name}" is ready to sync.` };
	if (status === 401 || status === 403) return { ok: false, kind: 'credentials', message: `The server refused access to "${name}" with this user name and password (${status}).` };
	if (status === 404) return { ok: false, kind: 'no-database', message: `The server has no database called "${name}". You can create it.` };
	if (status >= 500) return { ok: false, kind: 'server-error', message: `The server answered with an error (${status}) for "${name}". Try again later.` };
	return { ok: false, kind: 'server-error', message: `The server answered ${status} for "${name}".` };
}

/** The server URL as typed, checked: http(s), no credentials in it, no trailing slash. */
export function normaliseServerUrl(text: string): { url: string } | { problem: string } {
	const t = text.trim().replace(/\/+$/, '');
	let u: URL;
	try {
		u = new URL(t);
	} catch {
		return { problem: 'The server URL is not a web address (it starts with https://).' };
	}
	if (u.protocol !== 'https:' && u.protocol !== 'http:') return { problem: 'The server URL must start with https:// (or http:// for this computer).' };
	if (u.username || u.password) return { problem: 'Put the user name and password in their own fields, not in the URL.' };
	if (u.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) return { problem: 'Only a server on this computer may use http://; any other needs https:// so the password is not sent in the clear.' };
	return { url: t };
}

/** CouchDB's own rule for database names. */
export function databaseNameProblem(name: string): string | null {
	return /^[a-z][a-z0-9_$()+/-]*$/.test(name) && name.length <= 238 ? null : 'A database name starts with a lowercase letter and uses only a–z, 0–9 and _ $ ( ) + - /.';
}

/** The state of syncing, in words, for the status line. */
export function describeStatus(s: { phase: 'off' | 'stopped' | 'syncing' | 'idle' | 'error'; waiting: number; error?: string; lastSyncedAt?: number | null }): string {
	const waiting = s.waiting === 0 ? '' : `${s.waiting} change${s.waiting === 1 ? '' : 's'} waiting`;
	switch (s.phase) {
		case 'off':
			return 'Not syncing: no server is set up.';
		case 'stopped':
			return `Stopped.${waiting ? ` ${waiting}.` : ''}`;
		case 'syncing':
			return 'Syncing…';
		case 'error':
			return `${waiting ? `${waiting}. ` : ''}Last error: ${s.error ?? 'unknown'}`;
		case 'idle':
			return waiting ? `${waiting}.` : 'Up to date.';
	}
}
