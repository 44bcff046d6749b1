// Bringing a backup back, as one job: read and check the file, say what replacing would lose, then
// merge or replace. The same steps run in a worker (backup.worker.ts: a 200 MB backup is parsed,
// checked and merged there, and the page stays free to paint) or, where there are no workers, here.

import { parseBackup, type Backup, type ReadOptions } from '$lib/core/backup';
import type { MergeReport } from '$lib/core/merge';
import { createScheduler, type SchedulerOptions } from '$lib/core/schedule';
import type { DocDeckDB } from '$lib/db/db';
import { mergeBackup, restoreBackup, reviewsNotIn, type ReviewLoss } from '$lib/db/backup';

/** What the learner is shown about a file before choosing: never the data itself. */
export interface BackupSummary {
	createdAt: number;
	decks: number;
	cards: number;
	reviews: number;
}

export type Stage = 'reading' | 'checking' | 'merging' | 'replacing';

export type ReadResult = { ok: true; summary: BackupSummary; loss: ReviewLoss } | { ok: false; problems: string[] };

/** One backup file held ready to be merged or restored. */
export class BackupJob {
	#backup: Backup | null = null;

	constructor(private readonly db: DocDeckDB) {}

	async read(text: string, opts: ReadOptions, stage: (s: Stage) => void): Promise<ReadResult> {
		stage('checking');
		const parsed = parseBackup(text, opts);
		if (!parsed.ok) return parsed;
		this.#backup = parsed.backup;
		const d = parsed.backup.data;
		return { ok: true, summary: { createdAt: parsed.backup.createdAt, decks: d.decks.length, cards: d.cards.length, reviews: d.reviews.length }, loss: await reviewsNotIn(this.db, parsed.backup) };
	}

	merge(settings: SchedulerOptions): Promise<MergeReport> {
		return mergeBackup(this.db, this.#held(), createScheduler(settings));
	}

	replace(warned: ReviewLoss): Promise<void> {
		return restoreBackup(this.db, this.#held(), warned);
	}

	#held(): Backup {
		if (!this.#backup) throw new Error('No backup has been read.');
		return this.#backup;
	}
}
