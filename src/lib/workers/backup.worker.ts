/// <reference lib="webworker" />
// A backup brought back off the main thread: the file is read, parsed, checked and merged or
// restored here, against the same database as the page (see backup-job.ts).

import { DocDeckDB } from '$lib/db/db';
import { BackupJob } from './backup-job';
import type { ReviewLoss } from '$lib/db/backup';
import type { BackupReply, BackupRequest } from './backup-client';

let job: BackupJob | null = null;
let db: DocDeckDB | null = null;

const reply = (r: BackupReply) => self.postMessage(r);

self.onmessage = async (e: MessageEvent<BackupRequest>) => {
	const req = e.data;
	try {
		if (req.type === 'read') {
			db = new DocDeckDB(req.dbName);
			job = new BackupJob(db);
			reply({ type: 'stage', stage: 'reading' });
			const text = await req.file.text();
			reply({ type: 'read', result: await job.read(text, req.options, (stage) => reply({ type: 'stage', stage })) });
		} else if (req.type === 'merge') {
			reply({ type: 'stage', stage: 'merging' });
			reply({ type: 'merged', report: await job!.merge(req.settings) });
		} else {
			reply({ type: 'stage', stage: 'replacing' });
			await job!.replace(req.warned);
			reply({ type: 'replaced' });
		}
	} catch (err) {
		const error = err as { name?: string; message?: string; loss?: ReviewLoss; inner?: { name?: string } };
		reply({ type: 'failed', name: error.name ?? 'Error', message: error.message ?? String(err), inner: error.inner?.name, loss: error.loss });
	}
};

self.addEventListener('close', () => db?.close());
