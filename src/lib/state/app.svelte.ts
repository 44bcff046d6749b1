// The app's shared state: the database, the study settings, what start-up found, and a clock
// tick so screens notice time passing (a learning step ending, a new study day at 4 a.m.).

import { DocDeckDB } from '$lib/db/db';
import { dev, version } from '$app/environment';
import { bundledUpToDate, noteBundledSynced } from '$lib/db/deck-rows';
import { noteInstalled } from '$lib/db/reminders';
import { onVersionChange } from '$lib/db/live';
import { loadSettings, saveSettings } from '$lib/db/settings';
import { unburyAllBefore } from '$lib/db/study';
import { dayWindow } from '$lib/core/queue';
import { DEFAULT_SETTINGS, type StudySettings } from '$lib/core/settings';
import { handleError, reason } from './errors.svelte';
import { timeNow } from './clock';

export interface StorageInfo {
	persisted: boolean | null;
	usage: number | null;
	quota: number | null;
}

const TICK_MS = 60_000;

class AppState {
	#db: DocDeckDB | null = null;
	#started: Promise<void> | null = null;
	#persistAsked = false;
	status = $state<'starting' | 'ready' | 'failed'>('starting');
	failure = $state('');
	settings = $state<StudySettings>({ ...DEFAULT_SETTINGS });
	/** Another tab opened a newer database version: this tab's connection is closed. */
	needsReload = $state(false);
	/** The time, updated every minute and when the app comes back into view. */
	now = $state(timeNow());

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
		this.#tick();
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
		// Housekeeping below must never keep the learner from their cards: failures are reported.
		const now = timeNow();
		try {
			if (dev || !(await bundledUpToDate(this.db, version))) await this.#syncBundled(now);
		} catch (e) {
			handleError(e, 'The built-in decks could not be updated; your cards and reviews are unchanged.');
		}
		try {
			await noteInstalled(this.db, now);
			const today = dayWindow(now, this.settings.dayStartHour, -new Date(now).getTimezoneOffset()).day;
			await unburyAllBefore(this.db, today);
		} catch (e) {
			handleError(e, 'Start-up housekeeping failed (your cards and reviews are safe).');
		}
		this.status = 'ready';
	}

	/**
	 * Syncs the decks this build ships by card id. Their files (and the deck parser) load only when
	 * this build has not synced them here yet: on a normal day the study screen never fetches them.
	 */
	async #syncBundled(now: number): Promise<void> {
		const [{ bundledDecks }, { retireMissingDecks, syncDeck }] = await Promise.all([import('$lib/decks/bundled'), import('$lib/db/decks')]);
		const bundled = bundledDecks();
		let synced = bundled.every((d) => d.problems.length === 0);
		for (const parsed of bundled) {
			try {
				await syncDeck(this.db, parsed, 'bundled', now);
			} catch (e) {
				synced = false;
				handleError(e, `The built-in deck "${parsed.deck.title || parsed.deck.id}" could not be updated; your cards and reviews are unchanged.`);
			}
		}
		if (bundled.every((d) => d.problems.length === 0)) await retireMissingDecks(this.db, 'bundled', bundled.map((d) => d.deck.id), now);
		if (synced) await noteBundledSynced(this.db, version, bundled.map((d) => d.deck.id));
	}

	#tick(): void {
		if (typeof window === 'undefined') return;
		setInterval(() => (this.now = timeNow()), TICK_MS);
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') this.now = timeNow();
		});
	}

	async saveSettings(next: StudySettings): Promise<void> {
		// A plain copy: IndexedDB cannot store the reactive proxies a spread of `settings` carries.
		this.settings = await saveSettings(this.db, $state.snapshot(next));
	}

	/** After a restore brought other settings in. */
	async reloadSettings(): Promise<void> {
		this.settings = await loadSettings(this.db);
	}

	/**
	 * Asks the browser to keep our storage even under pressure, once per session, after the
	 * learner's first answer (when there is history worth keeping). Browsers may grant it later,
	 * e.g. once the app is installed, so it is asked again in later sessions until granted.
	 */
	async askPersistence(): Promise<void> {
		if (this.#persistAsked) return;
		this.#persistAsked = true;
		await this.requestPersistence();
	}

	/** Requests persistent storage now; true when the browser keeps our data. */
	async requestPersistence(): Promise<boolean> {
		const s = typeof navigator === 'undefined' ? undefined : navigator.storage;
		if (!s?.persist) return false;
		return (await s.persisted()) || (await s.persist());
	}

	async storageInfo(): Promise<StorageInfo> {
		const s = typeof navigator === 'undefined' ? undefined : navigator.storage;
		const persisted = s?.persisted ? await s.persisted() : null;
		const estimate = s?.estimate ? await s.estimate() : undefined;
		return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
	}
}

export const app = new AppState();

/** A random UUID; falls back to getRandomValues where randomUUID is missing (plain http). */
export function newId(): string {
	if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
	const b = crypto.getRandomValues(new Uint8Array(16));
	b[6] = (b[6]! & 0x0f) | 0x40;
	b[8] = (b[8]! & 0x3f) | 0x80;
	const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
