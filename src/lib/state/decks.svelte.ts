// The decks as the home and source screens read them.

import { getDeck } from '$lib/db/deck-rows';
import { BACKUP_REMINDER_DAYS, backupOverdue } from '$lib/db/reminders';
import type { DeckRow } from '$lib/db/db';
import { deckSummaries, type DeckSummary } from '$lib/db/study';
import { todayProgress, type TodayProgress } from '$lib/db/progress';
import { app } from './app.svelte';
import { clock, timeNow } from './clock';
import { Live } from './live.svelte';
import { deckTree } from '$lib/core/deck-tree';

/** Every deck with today's counts, following the database. Call `watch` inside an $effect. */
export class DeckList {
	/** In tree order: each subdeck after its parent, with its depth; a parent counts its subdecks. */
	decks = new Live<(DeckSummary & { depth: number })[]>();
	backup = new Live<{ overdue: boolean; lastBackupAt: number | null }>();
	today = new Live<TodayProgress>();

	watch(): () => void {
		void app.now; // re-count as time passes: learning cards fall due, a new day starts
		const settings = app.settings;
		const stopDecks = this.decks.watch(async () => deckTree((await deckSummaries(app.db, clock(), settings)).filter((d) => !d.retired)), 'Could not read your decks.');
		const stopBackup = this.backup.watch(() => backupOverdue(app.db, timeNow(), BACKUP_REMINDER_DAYS), 'Could not read when the last backup was made.');
		const stopToday = this.today.watch(() => todayProgress(app.db, clock(), settings.dayStartHour), 'Could not read today\'s progress.');
		return () => {
			stopDecks();
			stopBackup();
			stopToday();
		};
	}
}

/** One deck with its source document; null when there is no such deck. */
export async function loadDeck(id: string): Promise<DeckRow | null> {
	const deck = await getDeck(app.db, id);
	return deck && !deck.retired ? deck : null;
}
