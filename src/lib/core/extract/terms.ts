// The term map: "from => to" lines that correct a document's wording before extraction
// (whole words, case kept), and suggestions for tell-tale machine-translation slips.

export interface TermRule {
	from: string;
	to: string;
	line: number;
}

export interface TermMapResult {
	rules: TermRule[];
	problems: { line: number; message: string }[];
}

/** Parses a term map: one `from => to` a line; `#` starts a comment; blank lines are skipped. */
export function parseTermMap(text: string): TermMapResult {
	const rules: TermRule[] = [];
	const problems: TermMapResult['problems'] = [];
	text.split(/\r\n|\r|\n/).forEach((raw, i) => {
		const line = raw.replace(/(^|\s)#.*$/, '').trim();
		if (!line) return;
		const at = line.indexOf('=>');
		if (at < 0) return void problems.push({ line: i + 1, message: `"${line.slice(0, 60)}" is not "from => to"` });
		const from = line.slice(0, at).trim();
		const to = line.slice(at + 2).trim();
		if (!from) return void problems.push({ line: i + 1, message: 'nothing to replace before "=>"' });
		if (from.length > 200 || to.length > 200) return void problems.push({ line: i + 1, message: 'a term is longer than 200 characters' });
		rules.push({ from, to, line: i + 1 });
	});
	return { rules, problems };
}

function escape(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Keeps the case of what was replaced: "Hormone" → "Glucocorticoid", "HORMONE" → "GLUCOCORTICOID". */
function caseLike(found: string, to: string): string {
	if (found === found.toUpperCase() && found !== found.toLowerCase() && found.length > 1) return to.toUpperCase();
	if (found[0] && found[0] === found[0].toUpperCase() && found[0] !== found[0].toLowerCase()) return to.charAt(0).toUpperCase() + to.slice(1);
	return to;
}

/**
 * Applies the rules, longest first, as whole words, case-insensitively, keeping the case of each
 * occurrence. Returns the new text and how many times each rule applied.
 */
export function applyTermMap(text: string, rules: TermRule[]): { text: string; counts: number[] } {
	const counts = rules.map(() => 0);
	if (!rules.length) return { text, counts };
	const order = rules.map((r, i) => ({ r, i })).sort((a, b) => b.r.from.length - a.r.from.length);
	const re = new RegExp(order.map(({ r }) => `(?<![\\p{L}\\p{N}])${escape(r.from)}(?![\\p{L}\\p{N}])`).join('|'), 'giu');
	const lower = order.map(({ r }) => r.from.toLowerCase());
	const out = text.replace(re, (found) => {
		const k = lower.indexOf(found.toLowerCase());
		if (k < 0) return found;
		counts[order[k]!.i]!++;
		return caseLike(found, order[k]!.r.to);
	});
	return { text: out, counts };
}

/** Tell-tale slips of machine-translated clinical text, with the reading a clinician would give. */
const SLIPS: { pattern: RegExp; from: string; to: string; why: string }[] = [
	{ pattern: /\brenal comprehensive( general)?\b/i, from: 'renal comprehensive', to: 'nephrotic syndrome', why: 'a clipped translation of the Chinese abbreviation for nephrotic syndrome' },
	{ pattern: /\brenal ball\b/i, from: 'renal ball', to: 'glomerulus', why: 'a word-for-word translation of glomerulus' },
	{ pattern: /\bhormone[- ]dependent\b/i, from: 'hormone-dependent', to: 'steroid-dependent', why: '"hormone" is how glucocorticoids are often translated' },
	{ pattern: /\bhormone (therapy|medicine|medication|withdrawal)\b/i, from: 'hormone', to: 'glucocorticoid', why: '"hormone" is how glucocorticoids are often translated' },
	{ pattern: /\b(kidney )?inherent cells\b/i, from: 'inherent cells', to: 'intrinsic renal cells', why: 'the resident cells of the kidney' },
	{ pattern: /\bexogenous coagulation system\b/i, from: 'exogenous coagulation system', to: 'extrinsic coagulation pathway', why: 'the extrinsic pathway of coagulation' },
	{ pattern: /\bswallowed,? clear\b/i, from: 'swallowed, clear', to: 'phagocytic clearance', why: 'a translation of phagocytosis and clearance' },
	{ pattern: /\brefractory refractory\b/i, from: 'refractory refractory', to: 'refractory', why: 'a repeated word' },
	{ pattern: /\boften relapsing forms of mechanized\b/i, from: 'often relapsing forms of mechanized', to: 'frequently relapsing', why: 'a garbled translation of "frequently relapsing"' },
	{ pattern: /\bhormone is ineffective\b/i, from: 'hormone is ineffective', to: 'steroid-resistant disease is', why: '"hormone is ineffective" is how steroid resistance was translated' },
	{ pattern: /\btraveling the disease\b/i, from: 'traveling the disease', to: 'the course of the disease', why: 'a translation of "disease course"' }
];

export interface TermSuggestion {
	from: string;
	to: string;
	why: string;
	/** Where the slip first occurs in the text. */
	at: number;
}

/** Suggests term-map entries for slips found in the text (nothing is applied until the learner accepts). */
export function suggestTerms(text: string): TermSuggestion[] {
	const out: TermSuggestion[] = [];
	for (const s of SLIPS) {
		const m = s.pattern.exec(text);
		if (m && !out.some((o) => o.from === s.from)) out.push({ from: s.from, to: s.to, why: s.why, at: m.index });
	}
	return out.sort((a, b) => a.at - b.at);
}

export function formatTermMap(rules: { from: string; to: string }[]): string {
	return rules.map((r) => `${r.from} => ${r.to}`).join('\n');
}
