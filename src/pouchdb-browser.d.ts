// The part of PouchDB's API DocDeck uses (the package ships no types of its own).
declare module 'pouchdb-browser' {
	interface Doc {
		_id: string;
		_rev?: string;
		_deleted?: boolean;
		_conflicts?: string[];
		[key: string]: unknown;
	}
	interface Change {
		id: string;
		seq: number | string;
		deleted?: boolean;
		doc?: Doc;
	}
	interface Options {
		auth?: { username: string; password: string };
		skip_setup?: boolean;
		fetch?: (url: string, init: RequestInit) => Promise<Response>;
	}
	interface ReplicateResult {
		ok: boolean;
		docs_written: number;
		doc_write_failures: number;
		errors: unknown[];
	}
	class PouchDB {
		constructor(name: string, options?: Options);
		get(id: string, options?: { conflicts?: boolean }): Promise<Doc>;
		put(doc: Doc): Promise<{ ok: boolean; id: string; rev: string }>;
		remove(id: string, rev: string): Promise<{ ok: boolean }>;
		changes(options: { since: number | string; include_docs?: boolean; limit?: number; conflicts?: boolean }): Promise<{ results: Change[]; last_seq: number | string }>;
		destroy(): Promise<void>;
		close(): Promise<void>;
		static replicate(source: PouchDB, target: PouchDB, options?: { batch_size?: number; retry?: boolean }): Promise<ReplicateResult> & { cancel(): void };
	}
	export default PouchDB;
}
