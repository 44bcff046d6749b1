// The Anki import: read the package (sql.js and its wasm load only here), show what it holds,
// then merge it in one transaction. HTML fields are sanitised before anything is stored.

import type { AnkiImport as AnkiResult } from '$lib/core/anki';
import { previewAnkiImport, type AnkiImportReport } from '$lib/db/anki';
import type { Placement } from '$lib/core/anki/identity';
import { app } from './app.svelte';
import { clock } from './clock';
import { loadSql } from './sql';
import { tooLarge } from '$lib/core/file-size';

export class AnkiImport {
	fileName = $state('');
	problem = $state('');
	busy = $state(false);
	/** What the read is doing now (shown while busy). */
	step = $state('');
	pending = $state.raw<AnkiResult | null>(null);
	/** What the pending import does to the decks already here. */
	placement = $state.raw<Placement['report'] | null>(null);
	done = $state.raw<{ deckId: string; report: AnkiImportReport } | null>(null);
	/** What to do with the cards here that the package no longer has: the learner's choice, asked each time. */
	vanishedChoice = $state<'retire' | 'keep' | null>(null);

	/** Whether the import can go ahead: a package that dropped cards waits for the learner's choice. */
	get ready(): boolean {
		return !!this.pending && !this.busy && (!this.placement?.vanished.length || this.vanishedChoice !== null);
	}

	choose(choice: 'retire' | 'keep'): void {
		this.vanishedChoice = choice;
	}

	async readFile(file: File): Promise<void> {
		this.problem = '';
		this.pending = null;
		this.placement = null;
		this.done = null;
		this.vanishedChoice = null;
		this.fileName = file.name;
		this.busy = true;
		try {
			const [{ MAX_APKG_BYTES }, { readAnkiFile }] = await Promise.all([import('$lib/core/anki/package'), import('$lib/workers/anki-read')]);
			if (file.size > MAX_APKG_BYTES) {
				this.problem = tooLarge(`“${file.name}”`, file.size, MAX_APKG_BYTES, 'in Anki, export fewer decks at a time, or without media.', 'an Anki package');
				return;
			}
			const c = clock();
			const read = await readAnkiFile(file, { fileName: file.name, now: c.now, settings: $state.snapshot(app.settings), utcOffsetMinutes: c.utcOffsetMinutes }, (step) => (this.step = step), loadSql);
			if (!read.ok) {
				this.problem = read.problem;
				return;
			}
			const result = read.result;
			if (result.data.cards.length === 0) {
				this.problem = `“${file.name}” has no cards DocDeck can show (only Basic, Basic-and-reversed and Cloze note types are imported).`;
				return;
			}
			this.placement = await previewAnkiImport(app.db, result.data);
			this.pending = result;
		} finally {
			this.busy = false;
			this.step = '';
		}
	}

	async commit(): Promise<void> {
		const pending = this.pending;
		if (!pending || !this.ready) return;
		const retire = this.vanishedChoice === 'retire' ? (this.placement?.vanished.map((v) => v.key) ?? []) : [];
		this.busy = true;
		try {
			const { writeAnkiImport } = await import('$lib/workers/anki-write');
			const report = await writeAnkiImport(app.db, pending.data, $state.snapshot(app.settings), pending.media, retire);
			this.done = { deckId: report.deckId, report };
			this.pending = null;
			this.placement = null;
		} finally {
			this.busy = false;
		}
	}
}
