// The statistics screen's state: the figures of one deck or all, summed up in a worker.

import { computeStats, type Stats } from '$lib/core/stats';
import { dayWindow } from '$lib/core/queue';
import type { DeckRow } from '$lib/db/db';
import { readStats } from '$lib/db/stats';
import type { StatsReply, StatsRequest } from '$lib/workers/stats.worker';
import { app } from './app.svelte';
import { clock } from './clock';

export class StatsState {
	#stats = $state.raw<Stats | null>(null);
	#decks = $state.raw<DeckRow[]>([]);
	readonly deckId: string | null;

	constructor(deckId: string | null) {
		this.deckId = deckId;
	}

	get stats() {
		return this.#stats;
	}
	get decks() {
		return this.#decks;
	}
	get deck(): DeckRow | null {
		return this.#decks.find((d) => d.id === this.deckId) ?? null;
	}

	async load(): Promise<void> {
		const c = clock();
		const win = dayWindow(c.now, app.settings.dayStartHour, c.utcOffsetMinutes);
		const at = { now: c.now, today: win.day, todayEnd: win.end, desiredRetention: app.settings.desiredRetention, parameters: app.settings.parameters };
		const [decks, stats] = await Promise.all([app.db.decks.toArray(), this.#compute({ dbName: app.db.name, deckId: this.deckId, at })]);
		this.#decks = decks.filter((d) => !d.retired).sort((a, b) => a.title.localeCompare(b.title));
		this.#stats = stats;
	}

	#compute(req: StatsRequest): Promise<Stats> {
		if (typeof Worker === 'undefined') return readStats(app.db, req.deckId).then((rows) => computeStats({ ...req.at, ...rows }));
		const worker = new Worker(new URL('../workers/stats.worker.ts', import.meta.url), { type: 'module' });
		return new Promise<Stats>((resolve, reject) => {
			worker.onmessage = (e: MessageEvent<StatsReply>) => (e.data.ok ? resolve(e.data.stats) : reject(new Error(e.data.problem)));
			worker.onerror = (e) => reject(new Error(e.message || 'the statistics worker failed to start'));
			worker.postMessage(req);
		}).finally(() => worker.terminate());
	}
}
