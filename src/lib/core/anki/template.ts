// Anki's card templates: fields, conditional sections, filters and clozes. Pure and linear in the
// size of its input, so hostile templates cannot make it slow.

import { stripHtml } from '../strip-html.ts';

const MAX_TEMPLATE = 50_000;

/** Cloze numbers present in a text ("{{c1::…}}", "{{c2::…}}" → [1, 2]). */
export function clozeNumbers(text: string): number[] {
	const found = new Set<number>();
	for (const c of scanClozes(text)) found.add(c.n);
	return [...found].sort((a, b) => a - b);
}

interface Cloze {
	start: number;
	end: number;
	n: number;
	text: string;
	hint: string;
}

/** Finds {{cN::text::hint}} by scanning (linear; hostile text cannot make it slow). */
function scanClozes(text: string): Cloze[] {
	const out: Cloze[] = [];
	let at = 0;
	for (;;) {
		const open = text.indexOf('{{c', at);
		if (open < 0) break;
		let i = open + 3;
		let digits = '';
		while (i < text.length && text[i]! >= '0' && text[i]! <= '9' && digits.length < 4) digits += text[i++];
		if (!digits || text.slice(i, i + 2) !== '::') {
			at = open + 3;
			continue;
		}
		const close = text.indexOf('}}', i + 2);
		if (close < 0) break;
		const body = text.slice(i + 2, close);
		const sep = body.lastIndexOf('::');
		out.push({ start: open, end: close + 2, n: Number(digits), text: sep >= 0 ? body.slice(0, sep) : body, hint: sep >= 0 ? body.slice(sep + 2) : '' });
		at = close + 2;
	}
	return out;
}

function renderCloze(text: string, n: number, side: 'q' | 'a'): string {
	let out = '';
	let at = 0;
	for (const c of scanClozes(text)) {
		out += text.slice(at, c.start);
		if (c.n !== n) out += c.text;
		else if (side === 'q') out += `<span class="cloze">[${c.hint ? c.hint : '…'}]</span>`;
		else out += `<span class="cloze">${c.text}</span>`;
		at = c.end;
	}
	return out + text.slice(at);
}

export interface RenderContext {
	fields: Map<string, string>;
	cloze: number;
	side: 'q' | 'a';
	frontSide: string;
	tags: string;
	deck: string;
	card: string;
}

function fieldValue(name: string, ctx: RenderContext): string {
	const parts = name.split(':').map((p) => p.trim());
	const field = parts.pop() ?? '';
	const filters = parts.map((f) => f.toLowerCase());
	let value: string;
	if (field === 'FrontSide') value = ctx.frontSide;
	else if (field === 'Tags') value = ctx.tags;
	else if (field === 'Deck') value = ctx.deck;
	else if (field === 'Subdeck') value = ctx.deck.split('::').pop() ?? '';
	else if (field === 'Card') value = ctx.card;
	else value = ctx.fields.get(field) ?? '';
	for (const f of filters.reverse()) {
		if (f === 'type') return '';
		if (f === 'cloze') value = renderCloze(value, ctx.cloze, ctx.side);
		else if (f === 'text') value = stripHtml(value);
	}
	return value;
}

/** Renders an Anki card template: fields, {{#Field}}…{{/Field}} sections, and the common filters. */
export function renderTemplate(fmt: string, ctx: RenderContext, depth = 0): string {
	if (fmt.length > MAX_TEMPLATE || depth > 8) return '';
	let out = '';
	let at = 0;
	for (;;) {
		const open = fmt.indexOf('{{', at);
		if (open < 0) break;
		const close = fmt.indexOf('}}', open + 2);
		if (close < 0) break;
		out += fmt.slice(at, open);
		const tag = fmt.slice(open + 2, close).trim();
		if (tag.startsWith('#') || tag.startsWith('^')) {
			const name = tag.slice(1).trim();
			const end = fmt.indexOf(`{{/${name}}}`, close + 2);
			if (end < 0) {
				at = close + 2;
				continue;
			}
			const inner = fmt.slice(close + 2, end);
			const filled = stripHtml(fieldValue(name, ctx)).trim() !== '';
			if (filled === tag.startsWith('#')) out += renderTemplate(inner, ctx, depth + 1);
			at = end + name.length + 5;
			continue;
		}
		if (!tag.startsWith('/') && !tag.startsWith('!')) out += fieldValue(tag, ctx);
		at = close + 2;
	}
	return out + fmt.slice(at);
}
