// When the learner last made a backup and when DocDeck first ran here: small reads kept apart
// from the backup module, so the screens that only remind do not load it.

import type { DocDeckDB } from './db';
import { getMeta, setMeta } from './settings';

export const LAST_BACKUP = 'lastBackupAt';
export const INSTALLED = 'installedAt';
/** Days without a backup, with reviews to lose, before the home screen reminds the learner. */
export const BACKUP_REMINDER_DAYS = 14;

export async function noteBackupMade(db: DocDeckDB, at: number): Promise<void> {
	await setMeta(db, LAST_BACKUP, at);
}

/** When to remind the learner: with reviews to lose and no backup for `days` days (since install if never). */
export async function backupOverdue(db: DocDeckDB, now: number, days: number): Promise<{ overdue: boolean; lastBackupAt: number | null }> {
	const [last, installed, anyReview] = await Promise.all([getMeta<number>(db, LAST_BACKUP), getMeta<number>(db, INSTALLED), db.reviews.limit(1).count()]);
	const since = last ?? installed ?? now;
	return { overdue: anyReview > 0 && now - since > days * 86_400_000, lastBackupAt: last ?? null };
}

export async function noteInstalled(db: DocDeckDB, now: number): Promise<void> {
	if ((await getMeta<number>(db, INSTALLED)) === undefined) await setMeta(db, INSTALLED, now);
}
