// The app's shared state: the database, the study settings and what start-up found.

import { DocDeckDB } from '$lib/db/db';
import { syncDeck } from '$lib/db/decks';
import { onVersionChange } from '$lib/db/live';
import { unburyBefore } from '$lib/db/study';
import { dayWindow } from '$lib/core/queue';
import { getMeta, loadSettings, saveSettings, setMeta } from '$lib/db/settings';
import { DEFAULT_SETTINGS, type StudySettings } from '$lib/core/settings';
import { bundledDecks } from '$lib/decks/bundled';
import { handleError, reason } from './errors.svelte';

const PERSIST_ASKED = 'persistAsked';

export interface StorageInfo {
	persisted: boolean | null;
	usage: number | null;
	quota: number | null;
}

class AppState {
	#db: DocDeckDB | null = null;
	#started: Promise<void> | null = null;
	status = $state<'starting' | 'ready' | 'failed'>('starting');
	failure = $state('');
	settings = $state<StudySettings>({ ...DEFAULT_SETTINGS });
	/** Another tab opened a newer database version: this tab's connection is closed. */
	needsReload = $state(false);

	get db(): DocDeckDB {
		if (!this.#db) throw new Error('The database is not open yet.');
		return this.#db;
	}

	/** Opens the database and syncs the bundled decks, once per page load. */
	start(): Promise<void> {
		this.#started ??= this.#start();
		return this.#started;
	}

	async #start(): Promise<void> {
		try {
			const db = new DocDeckDB();
			onVersionChange(db, () => (this.needsReload = true));
			await db.open();
			this.#db = db;
			this.settings = await loadSettings(db);
		} catch (e) {
			this.failure = `DocDeck could not open its database on this device. ${reason(e)} (Private browsing or blocked site data can cause this.)`;
			this.status = 'failed';
			throw e;
		}
		for (const parsed of bundledDecks()) {
			try {
				await syncDeck(this.db, parsed, 'bundled', Date.now());
			} catch (e) {
				handleError(e, `The built-in deck "${parsed.deck.title || parsed.deck.id}" could not be updated; your cards and reviews are unchanged.`);
			}
		}
		// Cards buried on an earlier study day come back.
		const now = Date.now();
		const today = dayWindow(now, this.settings.dayStartHour, -new Date(now).getTimezoneOffset()).day;
		for (const deck of await this.db.decks.toArray()) await unburyBefore(this.db, deck.id, today);
		this.status = 'ready';
	}

	async saveSettings(next: StudySettings): Promise<void> {
		this.settings = await saveSettings(this.db, next);
	}

	/**
	 * Asks the browser, once, to keep our storage even under pressure: called after the learner's
	 * first answer, when there is history worth keeping.
	 */
	async askPersistence(): Promise<void> {
		if (typeof navigator === 'undefined' || !navigator.storage?.persist) return;
		if (await getMeta<boolean>(this.db, PERSIST_ASKED)) return;
		if (!(await navigator.storage.persisted())) await navigator.storage.persist();
		await setMeta(this.db, PERSIST_ASKED, true);
	}

	async storageInfo(): Promise<StorageInfo> {
		const s = typeof navigator === 'undefined' ? undefined : navigator.storage;
		const persisted = s?.persisted ? await s.persisted() : null;
		const estimate = s?.estimate ? await s.estimate() : undefined;
		return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
	}
}

export const app = new AppState();
