// Segment: a document's text → title, headings, paragraphs, sentences and enumerations, every
// piece with its character span in the text. Pure and linear in the size of the text.

import type { Span } from './types.ts';

export interface Piece {
	text: string;
	span: Span;
}

export interface EnumItem extends Piece {
	/** The marker as written: "(2)", "2.", "②", "Secondly", "-". */
	label: string;
}

export interface Enumeration {
	/** What introduces the items (the words before the first marker, or the line before a list). */
	lead: Piece | null;
	items: EnumItem[];
	style: 'paren' | 'circled' | 'ordinal' | 'numbered' | 'bullet' | 'headings';
	span: Span;
}

export interface Block {
	kind: 'heading' | 'paragraph' | 'list';
	text: string;
	span: Span;
	/** Heading level (1 = title level); for other blocks, the level of the heading above. */
	level: number;
	/** The nearest heading above (its text without numbering or a final colon), '' before any. */
	section: string;
	sentences: Piece[];
	/** Enumerations found in a paragraph, or the items of a list block. */
	enumerations: Enumeration[];
}

export interface Segmented {
	title: string;
	text: string;
	blocks: Block[];
}

const ABBREVIATIONS = new Set(['e.g', 'i.e', 'eg', 'ie', 'vs', 'etc', 'fig', 'figs', 'dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'no', 'nos', 'approx', 'cf', 'al', 'inc', 'ltd', 'resp', 'ref', 'refs', 'vol', 'ca', 'min', 'max', 'sec', 'tab', 'eq', 'viz', 'dept', 'univ', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'pt', 'pts']);
const LIST_MARKER = /^(\s*)(?:([-*•◦▪])|(\d{1,2})[.)]|(\d{1,2}),|([①-⑳])|\((\d{1,2})\)|([a-h])[.)])\s+/;
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

function words(s: string): number {
	return s.trim().split(/\s+/).filter(Boolean).length;
}

/** Heading text without its numbering, Markdown marks or a final colon. */
export function cleanHeading(s: string): string {
	return s
		.replace(/^#+\s*/, '')
		.replace(/^\s*(?:\d{1,2}(?:\.\d{1,2})*\s*[,.、):]|[①-⑳]|[IVX]{1,4}\.)\s*/, '')
		.replace(/\*\*/g, '')
		.replace(/[:：]\s*$/, '')
		.trim();
}

/** Splits a stretch of text into sentences (offsets kept): not at abbreviations, initials or decimals. */
export function sentences(text: string, span: Span): Piece[] {
	const out: Piece[] = [];
	const s = text.slice(span.start, span.end);
	let start = 0;
	const push = (end: number) => {
		const raw = s.slice(start, end);
		const lead = raw.length - raw.trimStart().length;
		const t = raw.trim();
		if (t) out.push({ text: t, span: { start: span.start + start + lead, end: span.start + start + lead + t.length } });
		start = end;
	};
	for (let i = 0; i < s.length; i++) {
		const c = s[i]!;
		if (c !== '.' && c !== '!' && c !== '?' && c !== '。' && c !== '？' && c !== '！' && c !== ';') continue;
		// Runs like "?!" or "??" or "...".
		let j = i;
		while (j + 1 < s.length && '.!?。？！'.includes(s[j + 1]!)) j++;
		const after = s.slice(j + 1);
		const next = after.trimStart()[0];
		if (after.length && !/^\s/.test(after) && !'"”’)]'.includes(after[0]!)) {
			i = j;
			continue; // "7.35", "e.g.x", "a.m."
		}
		if (c === ';') continue; // semicolons join clauses of one sentence
		if (c === '.' && j === i) {
			const word = /([A-Za-z.]+)$/.exec(s.slice(0, i));
			const before = word?.[1]?.toLowerCase() ?? '';
			// "mmol/L." or "5 g." ends a sentence: a unit, not an initial.
			const prev = word ? s.slice(0, word.index) : '';
			const unit = !!word && (/[\d/]$/.test(prev) || (/\d\s$/.test(prev) && /^(g|l|h|d|m|s)$/.test(before)));
			if (!unit && (ABBREVIATIONS.has(before) || ABBREVIATIONS.has(before.replace(/\.$/, '')) || /^[a-z]$/.test(before) || /(^|\.)[a-z]\.[a-z]$/.test(before))) {
				i = j;
				continue;
			}
			if (next && /[a-z]/.test(next)) {
				i = j;
				continue; // a lower-case word after a full stop: not a new sentence
			}
		}
		if (next === undefined || /[\p{Lu}\d"“'‘(\[①-⑳*]/u.test(next) || c !== '.') push(j + 1);
		i = j;
	}
	push(s.length);
	return out;
}

const ORDINALS: [RegExp, number][] = [
	[/\b(First(?:ly)?|To begin with)\b,?/g, 1],
	[/\b(Second(?:ly)?)\b,?/g, 2],
	[/\b(Third(?:ly)?)\b,?/g, 3],
	[/\b(Fourth(?:ly)?)\b,?/g, 4],
	[/\b(Fifth(?:ly)?)\b,?/g, 5],
	[/\b(Finally|Lastly)\b,?/g, 99]
];

/** Enumerations written inside a paragraph: "(1) … (2) …", "① … ②", "First, … Second, …". */
export function inlineEnumerations(text: string, span: Span): Enumeration[] {
	const s = text.slice(span.start, span.end);
	const found: Enumeration[] = [];
	const build = (marks: { at: number; end: number; label: string }[], style: Enumeration['style']) => {
		if (marks.length < 2) return;
		const items: EnumItem[] = [];
		marks.forEach((m, k) => {
			let stop = k + 1 < marks.length ? marks[k + 1]!.at : s.length;
			// The last of "First … Second … Third …" ends with its own sentence, not with the paragraph.
			if (k + 1 === marks.length && (style === 'ordinal' || style === 'paren' || style === 'circled')) {
				const end = /[.!?](?=\s+[A-Z])/.exec(s.slice(m.end));
				if (end) stop = m.end + end.index + 1;
			}
			const raw = s.slice(m.end, stop);
			const lead = raw.length - raw.trimStart().length;
			const t = raw.trim().replace(/[;,.]\s*$/, '');
			if (t) items.push({ label: m.label, text: t, span: { start: span.start + m.end + lead, end: span.start + m.end + lead + t.length } });
		});
		const leadRaw = s.slice(0, marks[0]!.at);
		// The lead is the sentence before the first marker, even when that sentence has ended ("… in three ways. First, …").
		const stop = leadRaw.lastIndexOf('. ', Math.max(0, leadRaw.trimEnd().length - 2));
		const leadStart = stop < 0 ? 0 : stop + 1;
		const leadText = leadRaw.slice(leadStart).trim();
		const lead = leadText ? { text: leadText, span: { start: span.start + leadStart + (leadRaw.slice(leadStart).length - leadRaw.slice(leadStart).trimStart().length), end: span.start + marks[0]!.at } } : null;
		if (lead) lead.span.end = lead.span.start + leadText.length;
		if (items.length >= 2) found.push({ lead, items, style, span: { start: span.start + marks[0]!.at, end: items.at(-1)!.span.end } });
	};
	// (1) (2) (3) … in sequence.
	const paren: { at: number; end: number; label: string }[] = [];
	for (const m of s.matchAll(/\((\d{1,2})\)/g)) {
		if (Number(m[1]) === paren.length + 1) paren.push({ at: m.index!, end: m.index! + m[0].length, label: m[0] });
	}
	build(paren, 'paren');
	const circled: { at: number; end: number; label: string }[] = [];
	for (const m of s.matchAll(/[①-⑳]/g)) {
		if (CIRCLED.indexOf(m[0]) === circled.length) circled.push({ at: m.index!, end: m.index! + 1, label: m[0] });
	}
	build(circled, 'circled');
	// First … Second … Third (or a "Secondly" whose first item is the clause before it).
	const ords: { at: number; end: number; label: string; n: number }[] = [];
	for (const [re, n] of ORDINALS) for (const m of s.matchAll(re)) ords.push({ at: m.index!, end: m.index! + m[0].length, label: m[1]!, n });
	ords.sort((a, b) => a.at - b.at);
	const seq: typeof ords = [];
	for (const o of ords) {
		const want = seq.length + 1;
		if (o.n === want || (o.n === 99 && seq.length >= 2)) seq.push(o);
		else if (seq.length === 0 && o.n === 2) {
			// The first item was not announced: it is the clause before "Secondly".
			const before = s.slice(0, o.at);
			const stop = before.lastIndexOf('. ');
			const from = stop < 0 ? 0 : stop + 2;
			seq.push({ at: from, end: from, label: 'First', n: 1 }, o);
		}
	}
	// "again" after "Secondly" is a machine translation of "thirdly".
	if (seq.length === 2 && seq[1]!.n === 2) {
		const again = /[;,.]\s*(again|Again)\b,?/g;
		again.lastIndex = seq[1]!.end;
		const m = again.exec(s);
		if (m) seq.push({ at: m.index + m[0].indexOf(m[1]!), end: m.index + m[0].length, label: 'Thirdly', n: 3 });
	}
	if (seq.length >= 2) build(seq, 'ordinal');
	return found;
}

interface Line {
	text: string;
	start: number;
	end: number;
}

function isListLine(l: string): boolean {
	return LIST_MARKER.test(l);
}

/** Cuts a document into blocks. `text` is returned unchanged; every span points into it. */
export function segment(text: string): Segmented {
	const lines: Line[] = [];
	let at = 0;
	for (const part of text.split('\n')) {
		lines.push({ text: part.replace(/\r$/, ''), start: at, end: at + part.replace(/\r$/, '').length });
		at += part.length + 1;
	}
	// Paragraph lines are joined with spaces; replacing each line break by one space keeps offsets.
	const flat = text.replace(/[\r\n]/g, ' ');
	const blocks: Block[] = [];
	let section = '';
	let level = 0;
	let title = '';
	const blank = (i: number) => i < 0 || i >= lines.length || lines[i]!.text.trim() === '';
	const addHeading = (l: Line, lvl: number) => {
		const clean = cleanHeading(l.text);
		if (!clean) return;
		blocks.push({ kind: 'heading', text: clean, span: { start: l.start, end: l.end }, level: lvl, section: clean, sentences: [], enumerations: [] });
		section = clean;
		level = lvl;
	};
	let i = 0;
	while (i < lines.length) {
		const l = lines[i]!;
		const t = l.text.trim();
		if (!t) {
			i++;
			continue;
		}
		const md = /^(#{1,6})\s+(.+)$/.exec(t);
		if (md) {
			if (md[1]!.length === 1 && !title && blocks.length === 0) title = cleanHeading(t);
			addHeading(l, md[1]!.length);
			i++;
			continue;
		}
		// A heading written as a short line of its own: no full stop, a capital, and a new sentence (or
		// a blank line) after it — plain text and PDFs mark headings only this way.
		const nextLine = lines[i + 1]?.text.trim() ?? '';
		const headingLike = words(t) <= 8 && !/[.;,:?!)]$/.test(t) && /^[\p{Lu}\d]/u.test(t) && !isListLine(l.text) && (blank(i - 1) || /[.:;!?]$/.test(lines[i - 1]!.text.trim())) && (blank(i + 1) || /^[\p{Lu}\d(“"]/u.test(nextLine)) && !/^\d{1,2}\s*[,.、)]/.test(t);
		// A title: the first line, short, alone, not a sentence that ends with a full stop.
		if (!title && blocks.length === 0 && (blank(i + 1) || headingLike) && words(t) <= 15 && !/[.;,]$/.test(t) && !isListLine(l.text)) {
			title = cleanHeading(t);
			addHeading(l, 1);
			i++;
			continue;
		}
		// A numbered heading ("1, infection factors:", "2. Causes") standing alone.
		const numbered = /^\s*\d{1,2}\s*[,.、)]\s*\S/.test(l.text) && words(t) <= 10 && blank(i - 1) && blank(i + 1) && !/[.;]$/.test(t);
		const nextList = !blank(i + 1) && isListLine(lines[i + 1]!.text);
		// A short line ending with a colon, alone: a heading unless a list follows it.
		const colon = /[:：]$/.test(t) && words(t) <= 12 && blank(i - 1) && !nextList && (blank(i + 1) || !isListLine(lines[i + 1]?.text ?? ''));
		if ((numbered && !nextList) || (colon && blank(i + 1) && !(i + 2 < lines.length && isListLine(lines[i + 2]!.text))) || (headingLike && !nextList)) {
			addHeading(l, level >= 1 ? Math.max(level, 2) : 2);
			i++;
			continue;
		}
		if (isListLine(l.text)) {
			// A list: consecutive item lines, continuation lines joined to the item above.
			const items: EnumItem[] = [];
			let style: Enumeration['style'] = 'bullet';
			let j = i;
			while (j < lines.length && !blank(j)) {
				const m = LIST_MARKER.exec(lines[j]!.text);
				if (m) {
					const body = lines[j]!.text.slice(m[0].length);
					style = m[2] ? 'bullet' : m[5] ? 'circled' : 'numbered';
					const label = m[0].trim();
					const s0 = lines[j]!.start + m[0].length;
					items.push({ label, text: body.trim(), span: { start: s0, end: s0 + body.trimEnd().length } });
				} else if (items.length) {
					const last = items.at(-1)!;
					last.text = `${last.text} ${lines[j]!.text.trim()}`;
					last.span.end = lines[j]!.start + lines[j]!.text.trimEnd().length;
				}
				j++;
			}
			// The lead-in: a previous paragraph's last sentence ending with a colon.
			const prev = blocks.at(-1);
			let lead: Piece | null = null;
			if (prev && prev.kind === 'paragraph' && /[:：]\s*$/.test(prev.text)) lead = prev.sentences.at(-1) ?? null;
			else if (prev && prev.kind === 'heading' && /[:：]\s*$/.test(text.slice(prev.span.start, prev.span.end))) lead = { text: text.slice(prev.span.start, prev.span.end).trim(), span: prev.span };
			const span = { start: items[0]!.span.start, end: items.at(-1)!.span.end };
			blocks.push({ kind: 'list', text: text.slice(span.start, span.end), span, level, section, sentences: items.map((it) => ({ text: it.text, span: it.span })), enumerations: [{ lead, items, style, span }] });
			i = j;
			continue;
		}
		// A paragraph: lines up to a blank line, a heading or a list.
		let j = i;
		while (j < lines.length && !blank(j) && (j === i || (!isListLine(lines[j]!.text) && !/^#{1,6}\s/.test(lines[j]!.text.trim())))) j++;
		// Glossary lines ("Term: explanation", one a line, maybe under a short "Heading:" line) are
		// each a piece of their own, not one paragraph.
		const group = lines.slice(i, j);
		const glossary = (l: Line) => /^\s*[^:.]{1,60}:\s+\S/.test(l.text);
		if (group.length >= 2 && group.filter(glossary).length >= Math.max(2, group.length - 1)) {
			let k = i;
			if (/[:：]\s*$/.test(lines[k]!.text) && words(lines[k]!.text) <= 8) {
				addHeading(lines[k]!, Math.max(level, 2));
				k++;
			}
			for (; k < j; k++) {
				const l = lines[k]!;
				const lead = l.text.length - l.text.trimStart().length;
				const span = { start: l.start + lead, end: l.end };
				const body = text.slice(span.start, span.end);
				blocks.push({ kind: 'paragraph', text: body, span, level, section, sentences: sentences(flat, span), enumerations: [] });
			}
			i = j;
			continue;
		}
		const span = { start: lines[i]!.start + (lines[i]!.text.length - lines[i]!.text.trimStart().length), end: lines[j - 1]!.end };
		const body = flat.slice(span.start, span.end);
		// A short line ending with a colon directly above a list is that list's lead.
		blocks.push({ kind: 'paragraph', text: body, span, level, section, sentences: sentences(flat, span), enumerations: inlineEnumerations(flat, span) });
		i = j;
	}
	// Numbered headings in a row ("1, …", "2, …", "3, …") are themselves a list, announced by
	// the paragraph before the first ("… the following:").
	const numberedHeads = blocks.filter((b) => b.kind === 'heading' && /^\s*\d{1,2}\s*[,.、)]/.test(text.slice(b.span.start, b.span.end)));
	if (numberedHeads.length >= 2) {
		const first = blocks.indexOf(numberedHeads[0]!);
		const prev = blocks[first - 1];
		const lead = prev && prev.kind === 'paragraph' ? (prev.sentences.at(-1) ?? null) : null;
		const items = numberedHeads.map((h) => ({ label: text.slice(h.span.start, h.span.end).trim().split(/[\s,.、)]/)[0]!, text: h.text, span: h.span }));
		if (prev && prev.kind === 'paragraph') prev.enumerations.push({ lead, items, style: 'headings', span: { start: items[0]!.span.start, end: items.at(-1)!.span.end } });
	}
	return { title, text, blocks };
}
