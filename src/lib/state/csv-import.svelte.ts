// The CSV import screen: a file, a column mapping, a preview of what would change, one write.

import { guessMapping, looksLikeHeader, planCsvImport, type CsvImportOptions, type CsvMapping, type CsvPlan } from '$lib/core/csv-import';
import { previewSync } from '$lib/db/decks';
import { importCsv } from '$lib/workers/csv-import';
import { app } from './app.svelte';
import { timeNow } from './clock';
import { tooLarge } from '$lib/core/file-size';

export interface ImportPreview {
	existingTitle: string | null;
	added: number;
	updated: number;
	retired: number;
	revived: number;
	unchanged: number;
}

export class CsvImport {
	#readAt = $state('');
	fileName = $state('');
	rows = $state.raw<string[][]>([]);
	warnings = $state.raw<string[]>([]);
	/** Why the file cannot be used (nothing was changed). */
	problem = $state('');
	hasHeader = $state(true);
	mapping = $state<CsvMapping>({ question: 0, answer: 1 });
	title = $state('');
	preview = $state.raw<ImportPreview | null>(null);
	busy = $state(false);
	/** The deck id written, once the import is done. */
	done = $state<string | null>(null);

	plan = $derived<CsvPlan | null>(
		this.rows.length ? planCsvImport(this.rows, this.#options()) : null
	);
	columns = $derived(Math.max(0, ...this.rows.slice(0, 50).map((r) => r.length)));
	/** Column names for the mapping menus: the header's cells, or "Column 1"… */
	columnNames = $derived(Array.from({ length: this.columns }, (_, i) => (this.hasHeader ? this.rows[0]?.[i]?.trim() : '') || `Column ${i + 1}`));

	#options(): CsvImportOptions {
		return { mapping: $state.snapshot(this.mapping), hasHeader: this.hasHeader, title: this.title, fileName: this.fileName, importedAt: this.#readAt };
	}

	async readFile(file: File): Promise<void> {
		this.reset();
		this.fileName = file.name;
		this.#readAt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(timeNow());
		const { parseCsvText, MAX_CSV_BYTES } = await import('$lib/core/csv-parse');
		if (file.size > MAX_CSV_BYTES) {
			this.problem = tooLarge(`“${file.name}”`, file.size, MAX_CSV_BYTES, 'split it into smaller files.', 'a CSV import');
			return;
		}
		const parsed = parseCsvText(await file.text(), file.name);
		if (!parsed.ok) {
			this.problem = parsed.problem;
			return;
		}
		this.rows = parsed.rows;
		this.warnings = parsed.warnings;
		this.hasHeader = looksLikeHeader(parsed.rows);
		this.mapping = guessMapping(this.hasHeader ? parsed.rows[0]! : null, this.columns);
		this.title = file.name.replace(/\.(csv|tsv|txt)$/i, '');
	}

	reset(): void {
		this.rows = [];
		this.warnings = [];
		this.problem = '';
		this.preview = null;
		this.done = null;
	}

	/** What importing would do to this device, before anything is written. */
	async check(): Promise<void> {
		const plan = this.plan;
		if (!plan || plan.parsed.problems.length) return;
		const p = await previewSync(app.db, plan.parsed);
		if (p.existing && p.existing.origin !== 'imported') {
			this.problem = `A built-in deck is already called “${p.existing.title}”. Choose another name for this deck.`;
			return;
		}
		this.problem = '';
		this.preview = { existingTitle: p.existing?.title ?? null, added: p.added, updated: p.updated, retired: p.retired, revived: p.revived, unchanged: p.unchanged };
	}

	async commit(): Promise<void> {
		const plan = this.plan;
		if (!plan || this.busy) return;
		this.busy = true;
		try {
			await importCsv(app.db, this.rows, this.#options(), timeNow());
			this.done = plan.parsed.deck.id;
			this.preview = null;
		} finally {
			this.busy = false;
		}
	}
}
