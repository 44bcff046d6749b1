// The page's side of bringing a backup back: the job runs in a worker where the browser has
// workers (nothing heavy on the main thread, whatever the file's size), inline otherwise.

import type { ReadOptions } from '$lib/core/backup';
import type { MergeReport } from '$lib/core/merge';
import type { SchedulerOptions } from '$lib/core/schedule';
import type { DocDeckDB } from '$lib/db/db';
import { BackupError, StaleBackupError, type ReviewLoss } from '$lib/db/backup';
import { BackupJob, type ReadResult, type Stage } from './backup-job';

export type BackupRequest =
	| { type: 'read'; dbName: string; file: File; options: ReadOptions }
	| { type: 'merge'; settings: SchedulerOptions }
	| { type: 'replace'; warned: ReviewLoss };

export type BackupReply =
	| { type: 'stage'; stage: Stage }
	| { type: 'read'; result: ReadResult }
	| { type: 'merged'; report: MergeReport }
	| { type: 'replaced' }
	| { type: 'failed'; name: string; message: string; inner?: string; loss?: ReviewLoss };

export interface OpenBackup {
	read(file: File, options: ReadOptions): Promise<ReadResult>;
	merge(settings: SchedulerOptions): Promise<MergeReport>;
	replace(warned: ReviewLoss): Promise<void>;
	close(): void;
}

/** The error a worker reported, as the kind of error the page would have seen itself. */
function revive(r: Extract<BackupReply, { type: 'failed' }>): Error {
	if (r.name === 'StaleBackupError' && r.loss) return new StaleBackupError(r.loss);
	const e = r.name === 'BackupError' ? new BackupError(r.message) : new Error(r.message);
	if (r.name !== 'BackupError') e.name = r.name;
	return r.inner ? Object.assign(e, { inner: { name: r.inner } }) : e;
}

/** Starts bringing a backup back; `onstage` hears each step as it begins. */
export function openBackup(db: DocDeckDB, onstage: (stage: Stage) => void): OpenBackup {
	if (typeof Worker === 'undefined') {
		const job = new BackupJob(db);
		return {
			read: async (file, options) => {
				onstage('reading');
				return job.read(await file.text(), options, onstage);
			},
			merge: (settings) => {
				onstage('merging');
				return job.merge(settings);
			},
			replace: (warned) => {
				onstage('replacing');
				return job.replace(warned);
			},
			close: () => {}
		};
	}
	const worker = new Worker(new URL('./backup.worker.ts', import.meta.url), { type: 'module' });
	let waiting: { resolve: (r: BackupReply) => void; reject: (e: Error) => void } | null = null;
	worker.onmessage = (e: MessageEvent<BackupReply>) => {
		if (e.data.type === 'stage') return onstage(e.data.stage);
		const w = waiting;
		waiting = null;
		if (e.data.type === 'failed') w?.reject(revive(e.data));
		else w?.resolve(e.data);
	};
	worker.onerror = (e) => {
		waiting?.reject(new Error(`the backup could not be handled (${e.message || 'the worker failed to start'}); nothing was changed`));
		waiting = null;
	};
	const ask = <T extends BackupReply['type']>(req: BackupRequest, type: T) =>
		new Promise<Extract<BackupReply, { type: T }>>((resolve, reject) => {
			waiting = { resolve: (r) => (r.type === type ? resolve(r as Extract<BackupReply, { type: T }>) : reject(new Error(`unexpected reply ${r.type}`))), reject };
			worker.postMessage(req);
		});
	return {
		read: async (file, options) => (await ask({ type: 'read', dbName: db.name, file, options }, 'read')).result,
		merge: async (settings) => (await ask({ type: 'merge', settings }, 'merged')).report,
		replace: async (warned) => void (await ask({ type: 'replace', warned }, 'replaced')),
		close: () => worker.terminate()
	};
}
