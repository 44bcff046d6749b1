// The learner's data as a whole, for Settings: backups out and in, CSV exports, the database check.

import { MAX_BACKUP_BYTES, serializeBackup } from '$lib/core/backup';
import { createScheduler } from '$lib/core/schedule';
import { SCHEMA_VERSION } from '$lib/db/db';
import { cardsCsv, checkDatabase, exportData, repairCards, reviewLogCsv, StaleBackupError, type CheckReport, type ReviewLoss } from '$lib/db/backup';
import { openBackup, type OpenBackup } from '$lib/workers/backup-client';
import type { BackupSummary, Stage } from '$lib/workers/backup-job';
import { BUNDLED_DECK_IDS } from '$lib/decks/bundled-ids';
import { BACKUP_REMINDER_DAYS, backupOverdue, noteBackupMade } from '$lib/db/reminders';
import { app } from './app.svelte';
import { reason } from './errors.svelte';
import { dateStamp, downloadText } from './download';
import { timeNow } from './clock';
import { tooLarge } from '$lib/core/file-size';

/** Days without a backup before the app reminds the learner. */

export interface PendingBackup {
	fileName: string;
	summary: BackupSummary;
	/** Reviews on this device the backup lacks: lost if it replaces this device's data. */
	wouldLose: number;
	/** Exactly which, so a replace can tell whether the device changed since the warning. */
	loss: ReviewLoss;
	/** Set when a replace was stopped because the device changed since the warning: why, in a sentence. */
	changed?: string;
}

function plural(n: number, one: string): string {
	return `${n} ${one}${n === 1 ? '' : 's'}`;
}

export class DataState {
	lastBackupAt = $state<number | null>(null);
	busy = $state(false);
	/** What the last action did, in a sentence. */
	status = $state('');
	/** Why a chosen file was refused; nothing was changed. */
	problems = $state<string[]>([]);
	pending = $state.raw<PendingBackup | null>(null);
	/** What a backup being brought back is doing now (a large file takes seconds), or null. */
	stage = $state<{ stage: Stage; fileName: string } | null>(null);
	/** The file being brought back, held (in a worker where there is one) until merged, restored or cancelled. */
	#open: OpenBackup | null = null;
	check = $state.raw<CheckReport | null>(null);

	async load(): Promise<void> {
		this.lastBackupAt = (await backupOverdue(app.db, timeNow(), BACKUP_REMINDER_DAYS)).lastBackupAt;
	}

	async #busy<T>(work: () => Promise<T>): Promise<T> {
		this.busy = true;
		try {
			return await work();
		} finally {
			this.busy = false;
		}
	}

	exportBackup(): Promise<void> {
		return this.#busy(async () => {
			const now = timeNow();
			const data = await exportData(app.db);
			const text = serializeBackup(data, { createdAt: now, schemaVersion: SCHEMA_VERSION, app: 'DocDeck' });
			downloadText(`docdeck-backup-${dateStamp(now)}.json`, text, 'application/json');
			const saved = `Backup saved: ${plural(data.decks.length, 'deck')}, ${plural(data.cards.length, 'card')}, ${plural(data.reviews.length, 'review')}.`;
			try {
				await noteBackupMade(app.db, now);
			} catch (e) {
				// The file is already downloaded: say so, and only what could not be done.
				this.status = `${saved} DocDeck could not note the date of this backup: ${reason(e)}`;
				return;
			}
			this.lastBackupAt = now;
			this.status = saved;
		});
	}

	exportReviews(): Promise<void> {
		return this.#busy(async () => {
			downloadText(`docdeck-reviews-${dateStamp(timeNow())}.csv`, await reviewLogCsv(app.db), 'text/csv');
			this.status = 'Review log saved as CSV.';
		});
	}

	exportCards(): Promise<void> {
		return this.#busy(async () => {
			downloadText(`docdeck-cards-${dateStamp(timeNow())}.csv`, await cardsCsv(app.db), 'text/csv');
			this.status = 'Cards saved as CSV.';
		});
	}

	/** Reads and checks a chosen backup file; nothing is written until the learner chooses. */
	readFile(file: File): Promise<void> {
		return this.#busy(async () => {
			this.cancel();
			this.status = '';
			if (file.size > MAX_BACKUP_BYTES) {
				this.problems = [tooLarge(`“${file.name}”`, file.size, MAX_BACKUP_BYTES, 'a backup this large cannot be read on this device.', 'a backup')];
				return;
			}
			const open = openBackup(app.db, (stage) => (this.stage = { stage, fileName: file.name }));
			try {
				const read = await open.read(file, { schemaVersion: SCHEMA_VERSION, now: timeNow(), bundledDeckIds: BUNDLED_DECK_IDS });
				if (!read.ok) {
					this.problems = read.problems;
					open.close();
					return;
				}
				this.#open = open;
				this.pending = { fileName: file.name, summary: read.summary, wouldLose: read.loss.ids.length, loss: read.loss };
			} catch (e) {
				open.close();
				throw e;
			} finally {
				this.stage = null;
			}
		});
	}

	cancel(): void {
		this.#open?.close();
		this.#open = null;
		this.pending = null;
		this.problems = [];
	}

	merge(): Promise<void> {
		const pending = this.pending;
		const open = this.#open;
		if (!pending || !open) return Promise.resolve();
		return this.#busy(async () => {
			try {
				const report = await open.merge($state.snapshot(app.settings));
				this.cancel();
				this.status = `Merged “${pending.fileName}”: ${plural(report.reviewsAdded, 'review')} added, ${plural(report.cardsAdded, 'card')} and ${plural(report.decksAdded, 'deck')} new, ${plural(report.cardsRescheduled, 'card')} rescheduled from the united history.`;
			} finally {
				this.stage = null;
			}
		});
	}

	replace(): Promise<void> {
		const pending = this.pending;
		const open = this.#open;
		if (!pending || !open) return Promise.resolve();
		return this.#busy(async () => {
			try {
				await open.replace(pending.loss);
			} catch (e) {
				if (!(e instanceof StaleBackupError)) throw e;
				// Warn again with what replacing would lose now; the learner chooses again.
				this.pending = { ...pending, wouldLose: e.loss.ids.length, loss: e.loss, changed: e.message };
				return;
			} finally {
				this.stage = null;
			}
			await app.reloadSettings();
			this.cancel();
			const d = pending.summary;
			this.status = `Restored “${pending.fileName}”: ${plural(d.decks, 'deck')}, ${plural(d.cards, 'card')}, ${plural(d.reviews, 'review')}.`;
		});
	}

	runCheck(): Promise<void> {
		return this.#busy(async () => {
			this.check = await checkDatabase(app.db, createScheduler(app.settings));
		});
	}

	repair(): Promise<void> {
		const check = this.check;
		if (!check?.mismatches.length) return Promise.resolve();
		return this.#busy(async () => {
			const n = await repairCards(app.db, createScheduler(app.settings), check.mismatches.map((m) => m.key));
			this.check = await checkDatabase(app.db, createScheduler(app.settings));
			this.status = `${plural(n, 'card')} rescheduled from the review log.`;
		});
	}
}
