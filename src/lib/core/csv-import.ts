// Cards from a table (CSV already split into rows): the column mapping, and rows → cards with
// stable ids, so importing a new edition of the same file keeps each unchanged card's history.

import { checksum } from './hash.ts';
import type { CardContent, Passage, SourceDoc } from './model.ts';
import type { ParsedDeck } from './deck-file.ts';

export const CSV_FIELDS = ['question', 'answer', 'explanation', 'section', 'source', 'id'] as const;
export type CsvField = (typeof CSV_FIELDS)[number];
/** Column index for each field; question and answer are required. */
export type CsvMapping = Partial<Record<CsvField, number>> & { question: number; answer: number };

export const CSV_FIELD_LABELS: Record<CsvField, string> = {
	question: 'Question',
	answer: 'Answer',
	explanation: 'Explanation (optional)',
	section: 'Section (optional)',
	source: 'Source passage (optional)',
	id: 'Card id (optional)'
};

const GUESSES: Record<CsvField, RegExp> = {
	question: /^(question|front|q|term|prompt|word)$/i,
	answer: /^(answer|back|a|definition|meaning|response)$/i,
	explanation: /^(explanation|note|notes|extra|comment|why)$/i,
	section: /^(section|topic|chapter|deck|category|subject)$/i,
	source: /^(source|passage|reference|context|quote)$/i,
	id: /^(id|card[ _-]?id|key|guid)$/i
};

/** A first guess at the mapping from a header row (or the first two columns). */
export function guessMapping(header: string[] | null, columns: number): CsvMapping {
	const m: Partial<Record<CsvField, number>> = {};
	if (header) {
		for (const f of CSV_FIELDS) {
			const i = header.findIndex((h, k) => GUESSES[f].test(h.trim()) && !Object.values(m).includes(k));
			if (i >= 0) m[f] = i;
		}
	}
	const question = m.question ?? 0;
	const answer = m.answer ?? (question === 0 ? Math.min(1, columns - 1) : 0);
	return { ...m, question, answer };
}

/** Does the first row look like a header (no row below repeats it, and it names a known field)? */
export function looksLikeHeader(rows: string[][]): boolean {
	const first = rows[0];
	if (!first) return false;
	return first.some((cell) => CSV_FIELDS.some((f) => GUESSES[f].test(cell.trim())));
}

export function slug(text: string): string {
	return (
		text
			.normalize('NFKD')
			.replace(/\p{M}/gu, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60) || 'deck'
	);
}

const norm = (t: string) => t.normalize('NFKC').replace(/\s+/g, ' ').trim();

export interface CsvPlan {
	parsed: ParsedDeck;
	/** Rows that were left out, with why (1-based row numbers as a spreadsheet shows them). */
	skipped: { row: number; reason: string }[];
}

const MAX_CELL = 20_000;

/** Builds the deck a table gives under a mapping. Row numbers in messages are the file's. */
export interface CsvImportOptions {
	mapping: CsvMapping;
	hasHeader: boolean;
	title: string;
	fileName: string;
	/** The date shown in the source's origin line ("Imported from … on 25 Nov 2026"). */
	importedAt: string;
}

export function planCsvImport(rows: string[][], opts: CsvImportOptions): CsvPlan {
	const { mapping } = opts;
	const deckId = slug(opts.title);
	const cards: CardContent[] = [];
	const passages = new Map<string, Passage>();
	const skipped: CsvPlan['skipped'] = [];
	const used = new Set<string>();
	const cell = (r: string[], f: CsvField) => (mapping[f] === undefined ? '' : norm(r[mapping[f]!] ?? ''));
	rows.forEach((r, i) => {
		const rowNo = i + 1;
		if (opts.hasHeader && i === 0) return;
		if (r.every((c) => c.trim() === '')) return;
		const question = cell(r, 'question');
		const answer = cell(r, 'answer');
		if (!question) return void skipped.push({ row: rowNo, reason: 'no question' });
		if (!answer) return void skipped.push({ row: rowNo, reason: 'no answer' });
		if (question.length > MAX_CELL || answer.length > MAX_CELL) return void skipped.push({ row: rowNo, reason: `a cell is longer than ${MAX_CELL} characters` });
		const section = cell(r, 'section') || 'Imported';
		const sourceText = cell(r, 'source');
		let passage = '';
		if (sourceText) {
			passage = `p-${checksum(sourceText).slice(0, 10)}`;
			if (!passages.has(passage)) passages.set(passage, { id: passage, section, text: sourceText });
		}
		const given = slug(cell(r, 'id')).replace(/^deck$/, '');
		let id = given || `q-${checksum(question.toLowerCase()).slice(0, 10)}`;
		for (let n = 2; used.has(id); n++) id = `${given || `q-${checksum(question.toLowerCase()).slice(0, 10)}`}-${n}`;
		used.add(id);
		cards.push({ id, kind: 'basic', question, answer, items: [], explanation: cell(r, 'explanation'), section, passage });
	});
	const source: SourceDoc = { title: opts.fileName, origin: `Imported from the CSV file “${opts.fileName}” on ${opts.importedAt}.`, passages: [...passages.values()] };
	const problems = cards.length ? [] : [{ file: opts.fileName, line: 1, message: 'no row has both a question and an answer under this mapping' }];
	return { parsed: { deck: { id: deckId, title: opts.title.trim() || deckId, description: `Imported from ${opts.fileName}` }, source, cards, problems }, skipped };
}
