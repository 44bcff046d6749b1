// Anki's card templates: fields, conditional sections, filters, clozes and type-in answers, so a
// card looks as its own note type says. Pure, and linear in the size of its input: templates and
// fields come from outside, so nesting is bounded and nothing is searched twice.

import { stripHtml } from '../strip-html.ts';

const MAX_TEMPLATE = 50_000;
const MAX_DEPTH = 32;

export interface RenderContext {
	fields: Map<string, string>;
	/** The card's cloze number (its template ordinal + 1). */
	cloze: number;
	side: 'q' | 'a';
	frontSide: string;
	tags: string;
	deck: string;
	card: string;
}

/** A template rendered: its HTML, and the texts its `{{type:…}}` fields expect to be typed. */
export interface Rendered {
	html: string;
	typed: string[];
}

// ---- the template language ---------------------------------------------------------------------

type Node = { kind: 'text'; text: string } | { kind: 'field'; tag: string } | { kind: 'section'; name: string; negated: boolean; children: Node[] };

/** Parses a template into text, fields and (nested) sections. Unmatched closings stay as text. */
function parse(fmt: string): Node[] {
	const root: Node[] = [];
	const stack: { name: string; children: Node[] }[] = [{ name: '', children: root }];
	let at = 0;
	const text = (t: string) => {
		if (t) stack[stack.length - 1]!.children.push({ kind: 'text', text: t });
	};
	for (;;) {
		const open = fmt.indexOf('{{', at);
		if (open < 0) break;
		const close = fmt.indexOf('}}', open + 2);
		if (close < 0) break;
		text(fmt.slice(at, open));
		const tag = fmt.slice(open + 2, close).trim();
		at = close + 2;
		const top = stack[stack.length - 1]!;
		if ((tag.startsWith('#') || tag.startsWith('^')) && stack.length <= MAX_DEPTH) {
			const section: Node = { kind: 'section', name: tag.slice(1).trim(), negated: tag.startsWith('^'), children: [] };
			top.children.push(section);
			stack.push({ name: section.name, children: section.children });
		} else if (tag.startsWith('/')) {
			const name = tag.slice(1).trim();
			const i = stack.findLastIndex((s, j) => j > 0 && s.name === name);
			if (i > 0) stack.length = i;
			else text(`{{${tag}}}`);
		} else if (tag.startsWith('!')) {
			// A comment in some templates: nothing to show.
		} else top.children.push({ kind: 'field', tag });
	}
	text(fmt.slice(at));
	return root;
}

function fieldText(name: string, ctx: RenderContext): string {
	switch (name) {
		case 'FrontSide':
			return ctx.frontSide;
		case 'Tags':
			return ctx.tags;
		case 'Deck':
			return ctx.deck;
		case 'Subdeck':
			return ctx.deck.split('::').pop() ?? '';
		case 'Card':
			return ctx.card;
		case 'Type':
			return '';
	}
	const exact = ctx.fields.get(name);
	if (exact !== undefined) return exact;
	for (const [k, v] of ctx.fields) if (k.toLowerCase() === name.toLowerCase()) return v;
	return '';
}

/** Whether a field counts as filled, as Anki decides it: anything but spaces, <br> and <div> tags. */
export function filled(html: string): boolean {
	return !/^(?:[\s\u00a0]|<\/?(?:br|div)\s?\/?>)*$/i.test(html);
}

function renderNodes(nodes: Node[], ctx: RenderContext, typed: string[]): string {
	let out = '';
	for (const n of nodes) {
		if (n.kind === 'text') out += n.text;
		else if (n.kind === 'section') {
			const value = fieldText(n.name.split(':').pop()!.trim(), ctx);
			if (filled(value) !== n.negated) out += renderNodes(n.children, ctx, typed);
		} else out += renderField(n.tag, ctx, typed);
	}
	return out;
}

function renderField(tag: string, ctx: RenderContext, typed: string[]): string {
	const parts = tag.split(':');
	const name = parts.pop()!.trim();
	const filters = parts.map((f) => f.trim().toLowerCase());
	let value = fieldText(name, ctx);
	if (filters[0] === 'type') {
		// {{type:Field}}, {{type:cloze:Text}}, {{type:nc:Field}}: the answer to type. On the front it
		// becomes the card's typed answer; on the back, the answer itself.
		const expected = filters.includes('cloze') ? clozeAnswers(value, ctx.cloze).join(', ') : stripHtml(value).trim();
		if (ctx.side === 'a') return escapeText(expected);
		if (expected) typed.push(expected);
		return '';
	}
	// Filters apply from the one nearest the field outwards: {{text:cloze:Text}} clozes first.
	for (let i = filters.length - 1; i >= 0; i--) {
		const f = filters[i]!;
		if (f === 'cloze') value = renderCloze(value, ctx.cloze, ctx.side);
		else if (f === 'cloze-only') value = clozeAnswers(value, ctx.cloze).join(', ');
		else if (f === 'text') value = escapeText(stripHtml(value));
		else if (f === 'hint') value = filled(value) ? `<details class="hint"><summary>Show ${escapeText(name)}</summary>${value}</details>` : '';
		else if (f === 'furigana') value = furigana(value, 'both');
		else if (f === 'kana') value = furigana(value, 'reading');
		else if (f === 'kanji') value = furigana(value, 'base');
		// Other filters (tts, add-on filters) leave the text as it is.
	}
	return value;
}

/** Renders one template side. */
export function render(fmt: string, ctx: RenderContext): Rendered {
	const typed: string[] = [];
	if (fmt.length > MAX_TEMPLATE) return { html: '', typed };
	return { html: renderNodes(parse(fmt), ctx, typed), typed };
}

/** Renders an Anki card template to HTML. */
export function renderTemplate(fmt: string, ctx: RenderContext): string {
	return render(fmt, ctx).html;
}

function escapeText(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Japanese readings written `漢字[かんじ]`: as ruby text, or only the reading, or only the base. */
function furigana(html: string, show: 'both' | 'reading' | 'base'): string {
	return html.replace(/ ?([^ >[\]]+?)\[([^\]]{1,100})\]/g, (_, base: string, reading: string) =>
		show === 'both' ? `<ruby>${base}<rt>${reading}</rt></ruby>` : show === 'reading' ? reading : base
	);
}

// ---- clozes --------------------------------------------------------------------------------------

type ClozeNode = { kind: 'text'; text: string } | { kind: 'cloze'; n: number; children: ClozeNode[]; hint: string };

/**
 * Parses "{{c1::text::hint}}" deletions, nested ones included ("{{c1::a {{c2::b}} c}}"), in one
 * pass. An unclosed deletion stays as the text it is.
 */
function parseClozes(text: string): ClozeNode[] {
	const root: ClozeNode[] = [];
	const stack: { node: ClozeNode & { kind: 'cloze' }; opening: string }[] = [];
	const here = () => (stack.length ? stack[stack.length - 1]!.node.children : root);
	let at = 0;
	let textStart = 0;
	const flush = (end: number) => {
		if (end > textStart) here().push({ kind: 'text', text: text.slice(textStart, end) });
	};
	while (at < text.length) {
		if (text.startsWith('{{c', at) && stack.length < MAX_DEPTH) {
			let i = at + 3;
			while (i < text.length && i - at < 8 && text[i]! >= '0' && text[i]! <= '9') i++;
			if (i > at + 3 && text.startsWith('::', i)) {
				flush(at);
				const node: ClozeNode & { kind: 'cloze' } = { kind: 'cloze', n: Number(text.slice(at + 3, i)), children: [], hint: '' };
				stack.push({ node, opening: text.slice(at, i + 2) });
				at = textStart = i + 2;
				continue;
			}
		}
		if (text.startsWith('}}', at) && stack.length) {
			flush(at);
			const { node } = stack.pop()!;
			// The hint follows the first "::" in the deletion's own text.
			for (let k = 0; k < node.children.length; k++) {
				const c = node.children[k]!;
				if (c.kind !== 'text') continue;
				const sep = c.text.indexOf('::');
				if (sep < 0) continue;
				node.hint = [c.text.slice(sep + 2), ...node.children.slice(k + 1).map(plain)].join('');
				node.children = [...node.children.slice(0, k), { kind: 'text', text: c.text.slice(0, sep) }];
				break;
			}
			here().push(node);
			at = textStart = at + 2;
			continue;
		}
		at++;
	}
	flush(text.length);
	// Deletions left open: their opening is text after all.
	while (stack.length) {
		const { node, opening } = stack.pop()!;
		here().push({ kind: 'text', text: opening }, ...node.children);
	}
	return root;
}

const plain = (n: ClozeNode): string => (n.kind === 'text' ? n.text : n.children.map(plain).join(''));

function clozeNumbersIn(nodes: ClozeNode[], into: Set<number>): void {
	for (const n of nodes) {
		if (n.kind !== 'cloze') continue;
		into.add(n.n);
		clozeNumbersIn(n.children, into);
	}
}

/** Cloze numbers present in a text ("{{c1::…}}", "{{c2::…}}" → [1, 2]). */
export function clozeNumbers(text: string): number[] {
	const found = new Set<number>();
	clozeNumbersIn(parseClozes(text), found);
	return [...found].sort((a, b) => a - b);
}

/** The text of each deletion numbered `n`, as plain text. */
export function clozeAnswers(text: string, n: number): string[] {
	const out: string[] = [];
	const walk = (nodes: ClozeNode[]) => {
		for (const c of nodes) {
			if (c.kind !== 'cloze') continue;
			if (c.n === n) out.push(stripHtml(c.children.map(plain).join('')).trim());
			else walk(c.children);
		}
	};
	walk(parseClozes(text));
	return out;
}

/** The deletions numbered `n` hidden (question) or highlighted (answer); the others shown as text. */
export function renderCloze(text: string, n: number, side: 'q' | 'a'): string {
	const walk = (nodes: ClozeNode[]): string =>
		nodes
			.map((c) => {
				if (c.kind === 'text') return c.text;
				if (c.n !== n) return walk(c.children);
				return side === 'q' ? `<span class="cloze">[${c.hint ? c.hint : '…'}]</span>` : `<span class="cloze">${walk(c.children)}</span>`;
			})
			.join('');
	return walk(parseClozes(text));
}
