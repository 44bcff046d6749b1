// CSV text → rows, through papaparse (quoted fields, embedded line breaks, delimiter detection),
// with a clear refusal for text that is not a table at all.

import Papa from 'papaparse';

export const MAX_CSV_BYTES = 20 * 1024 * 1024;

export type CsvRows = { ok: true; rows: string[][]; delimiter: string; warnings: string[] } | { ok: false; problem: string };

/** Text that is really a binary file read as text: NUL bytes, or many undecodable characters. */
export function looksBinary(text: string): boolean {
	if (text.includes('\u0000')) return true;
	const sample = text.slice(0, 100_000);
	let bad = 0;
	for (const ch of sample) if (ch === '\uFFFD') bad++;
	return sample.length > 0 && bad / sample.length > 0.1;
}

export function parseCsvText(text: string, fileName: string): CsvRows {
	const body = text.replace(/^\uFEFF/, '');
	if (body.trim() === '') return { ok: false, problem: `“${fileName}” is empty.` };
	if (looksBinary(body)) return { ok: false, problem: `“${fileName}” is not a text file (it looks like a binary file, such as a spreadsheet or an image). Save it as CSV first.` };
	const result = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t', '|'] });
	const rows = result.data.filter((r) => Array.isArray(r)).map((r) => r.map((c) => String(c ?? '')));
	if (rows.length === 0) return { ok: false, problem: `“${fileName}” has no rows.` };
	const warnings = result.errors.slice(0, 5).map((e) => `Row ${(e.row ?? 0) + 1}: ${e.message}`);
	if (result.errors.length > 5) warnings.push(`… and ${result.errors.length - 5} more.`);
	if (body.includes('\uFFFD')) warnings.push('Some characters could not be read (the file may not be saved as UTF-8): check accented letters and symbols after importing.');
	return { ok: true, rows, delimiter: result.meta.delimiter, warnings };
}
