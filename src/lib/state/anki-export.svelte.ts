// Exporting a deck (with the decks under it) as an Anki package: the writer and sql.js load only
// when the learner asks for it.

import { apkgExportData } from '$lib/db/anki';
import { app } from './app.svelte';
import { dateStamp, downloadBlob } from './download';
import { loadSql } from './sql';
import { timeNow } from './clock';

export class AnkiExport {
	busy = $state(false);
	/** What the last export wrote, for the learner. */
	done = $state('');

	async export(deckId: string): Promise<void> {
		if (this.busy) return;
		this.busy = true;
		this.done = '';
		try {
			const now = timeNow();
			const [data, { exportApkg }, SQL] = await Promise.all([apkgExportData(app.db, deckId, now), import('$lib/core/anki/export'), loadSql()]);
			if (!data) throw new Error('There is no such deck on this device.');
			const bytes = exportApkg(SQL, data);
			const name = `${data.decks[0]!.title.replace(/[\\/:*?"<>|]+/g, ' ').trim() || deckId} ${dateStamp(now)}.apkg`;
			downloadBlob(name, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
			this.done = `Saved “${name}”: ${data.cards.length} cards, ${data.reviews.length} reviews, ${data.media.length} media files. Anki and AnkiDroid open it with File › Import.`;
		} finally {
			this.busy = false;
		}
	}
}
