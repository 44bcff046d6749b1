// Maths in card HTML, as Anki's users write it: MathJax's `\(…\)` (inline) and `\[…\]` (display),
// and the LaTeX markers `[$]…[/$]`, `[$$]…[/$$]` and `[latex]…[/latex]` (a LaTeX body: maths
// between `$…$`, or text with `$…$` inside). Pure: it finds the pieces and their TeX source in
// HTML that has already been sanitised; drawing them is the renderer's job.

import { decodeEntities } from './strip-html.ts';

export interface MathsPiece {
	/** Where the piece starts and ends in the HTML, delimiters included. */
	start: number;
	end: number;
	/** The TeX source, as text (tags and entities undone). */
	tex: string;
	display: boolean;
}

/** Longest TeX source drawn, and most pieces on one face: beyond them the source stays as text. */
const MAX_TEX = 4000;
const MAX_PIECES = 200;

// Inside a piece only text and line breaks: a piece that crossed other markup is left as it is
// (cutting it out would leave unbalanced tags).
const BODY = '((?:[^<]|<br\\s*/?>)+?)';
const PIECES = new RegExp(
	[`\\\\\\(${BODY}\\\\\\)`, `\\\\\\[${BODY}\\\\\\]`, `\\[\\$\\]${BODY}\\[/\\$\\]`, `\\[\\$\\$\\]${BODY}\\[/\\$\\$\\]`, `\\[latex\\]${BODY}\\[/latex\\]`].join('|'),
	'gi'
);

function text(html: string): string {
	return decodeEntities(html.replace(/<br\s*\/?>/gi, ' '));
}

/** A `[latex]` body as maths: `$…$`/`$$…$$`/`\[…\]` around it unwrapped, text with `$…$` inside kept as text. */
function latexBody(body: string): { tex: string; display: boolean } {
	const t = body.trim();
	const whole = /^\$\$([\s\S]+)\$\$$/.exec(t) ?? /^\\\[([\s\S]+)\\\]$/.exec(t);
	if (whole) return { tex: whole[1]!, display: true };
	const inline = /^\$([^$]+)\$$/.exec(t);
	if (inline) return { tex: inline[1]!, display: false };
	const env = /^\\begin\{(equation|align|gather|displaymath)\*?\}([\s\S]*)\\end\{\1\*?\}$/.exec(t);
	if (env) return { tex: env[1] === 'align' ? `\\begin{aligned}${env[2]}\\end{aligned}` : env[2]!, display: true };
	if (t.includes('$')) return { tex: `\\text{${t}}`, display: false };
	return { tex: t, display: false };
}

/** The maths pieces of a face's HTML, in order. */
export function mathsPieces(html: string): MathsPiece[] {
	const out: MathsPiece[] = [];
	for (const m of html.matchAll(PIECES)) {
		if (out.length >= MAX_PIECES) break;
		const start = m.index;
		const end = start + m[0].length;
		let piece: { tex: string; display: boolean };
		if (m[1] !== undefined) piece = { tex: text(m[1]), display: false };
		else if (m[2] !== undefined) piece = { tex: text(m[2]), display: true };
		else if (m[3] !== undefined) piece = { tex: text(m[3]), display: false };
		else if (m[4] !== undefined) piece = { tex: text(m[4]), display: true };
		else piece = latexBody(text(m[5]!));
		if (!piece.tex.trim() || piece.tex.length > MAX_TEX) continue;
		out.push({ start, end, ...piece });
	}
	return out;
}

/** Whether a face has maths to draw (cheap: the renderer is loaded only then). */
export function hasMaths(html: string): boolean {
	return /\\\(|\\\[|\[\$\$?\]|\[latex\]/i.test(html) && mathsPieces(html).length > 0;
}

/** The HTML with each piece replaced by what `draw` makes of it (its own source, escaped, where it gives null). */
export function replaceMaths(html: string, draw: (tex: string, display: boolean) => string | null): string {
	let out = '';
	let at = 0;
	for (const p of mathsPieces(html)) {
		out += html.slice(at, p.start);
		out += draw(p.tex, p.display) ?? html.slice(p.start, p.end);
		at = p.end;
	}
	return out + html.slice(at);
}
