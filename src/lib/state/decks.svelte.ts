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
import { LEARN_AHEAD_MS } from '$lib/core/queue';
import { HOUR } from '$lib/core/time';

/** Every deck with today's counts, following the database. Call `watch` inside an $effect. */
export class DeckList {
	/** In tree order: each subdeck after its parent, with its depth; a parent counts its subdecks. */
	decks = new Live<(DeckSummary & { depth: number })[]>();
	backup = new Live<{ overdue: boolean; lastBackupAt: number | null }>();
	today = new Live<TodayProgress>();
	/** Bumped the moment a learning card falls due or enters the learn-ahead window: the counts change then. */
	#wake = $state(0);
	#timer: ReturnType<typeof setTimeout> | undefined;

	watch(): () => void {
		void app.now; // re-count as time passes: learning cards fall due, a new day starts
		void this.#wake;
		const settings = app.settings;
		const stopDecks = this.decks.watch(async () => {
			const c = clock();
			const decks = deckTree((await deckSummaries(app.db, c, settings)).filter((d) => !d.retired), { sum: false });
			this.#wakeAt(c.now, decks);
			return decks;
		}, 'Could not read your decks.');
		const stopBackup = this.backup.watch(() => backupOverdue(app.db, timeNow(), BACKUP_REMINDER_DAYS), 'Could not read when the last backup was made.');
		const stopToday = this.today.watch(() => todayProgress(app.db, clock(), settings.dayStartHour), 'Could not read today\'s progress.');
		return () => {
			clearTimeout(this.#timer);
			stopDecks();
			stopBackup();
			stopToday();
		};
	}

	/** Counts the decks again when the next learning card enters the learn-ahead window or falls due. */
	#wakeAt(now: number, decks: readonly DeckSummary[]): void {
		clearTimeout(this.#timer);
		const times = decks.flatMap((d) => (d.counts.nextLearning === null ? [] : [d.counts.nextLearning - LEARN_AHEAD_MS, d.counts.nextLearning])).filter((t) => t > now);
		if (!times.length) return;
		const wait = Math.min(...times) - now;
		if (wait < HOUR) this.#timer = setTimeout(() => this.#wake++, wait + 50);
	}
}

/** One deck with its source document; null when there is no such deck. */
export async function loadDeck(id: string): Promise<DeckRow | null> {
	const deck = await getDeck(app.db, id);
	return deck && !deck.retired ? deck : null;
}
