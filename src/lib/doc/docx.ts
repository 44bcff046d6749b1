// A Word document's text through mammoth: mammoth turns the .docx into simple, escaped HTML, and
// this module turns that HTML into plain text with a little structure kept for the extractor:
//   # Heading 1 / ## Heading 2 (and so on)    - list item (nested ones indented by two spaces)
//   **bold**                                  table rows as "cell | cell"
// Blocks (paragraphs, headings, whole lists, whole tables) are separated by blank lines.
//
// Nothing in the document is ever run or rendered: the HTML is only tokenised here, its text
// decoded and kept as text (a paragraph reading "<script>…" comes out as those characters).
// Images are dropped without being read, linked files are never opened (externalFileAccess: false),
// and a style map embedded in the document is ignored. mammoth loads on first use.

import { unzipSync } from 'fflate';
import { MAX_DOCUMENT_CHARS } from '$lib/core/extract/types';
import { tooLarge } from '$lib/core/file-size';

export type DocxText = { ok: true; text: string } | { ok: false; problem: string };

/** Largest file we open; a bigger one is refused before it is unzipped. */
export const MAX_DOCX_BYTES = 50 * 1024 * 1024;

/** Largest part we unpack (word/document.xml of a few hundred pages takes a few MB). */
export const MAX_DOCUMENT_XML_BYTES = 100 * 1024 * 1024;
/** Largest the whole package may unpack to, every part together (styles, fonts, images…). */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;


const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // Word 97–2003 .doc (and other Office binaries)
const PDF = [0x25, 0x50, 0x44, 0x46]; // %PDF

/**
 * The text of a .docx. Every failure is a `problem` sentence naming the file; this never throws
 * for bad bytes. `bytes` is only read.
 */
export async function docxToText(bytes: Uint8Array, fileName: string, opts: { maxChars?: number } = {}): Promise<DocxText> {
	const maxChars = opts.maxChars ?? MAX_DOCUMENT_CHARS;
	const problem = (sentence: string): DocxText => ({ ok: false, problem: `${fileName} ${sentence}` });
	if (bytes.byteLength === 0) return problem('is empty (0 bytes).');
	if (bytes.byteLength > MAX_DOCX_BYTES) {
		return { ok: false, problem: tooLarge(fileName, bytes.byteLength, MAX_DOCX_BYTES, 'split it into smaller documents.') };
	}
	if (startsWith(bytes, OLE)) return problem('is an older Word document (.doc); open it in Word or LibreOffice, save it as .docx, and import that.');
	if (startsWith(bytes, PDF)) return problem('is a PDF, not a Word document; import it as a PDF.');
	if (!startsWith(bytes, ZIP) && !startsWith(bytes, EMPTY_ZIP)) return problem('is not a Word document (.docx).');

	// A small .docx can declare parts of gigabytes (a "zip bomb"): refused before anything is unpacked.
	const sizes = declaredSizes(bytes);
	if (sizes.largest && sizes.largest.size > MAX_DOCUMENT_XML_BYTES) {
		return problem(`would unpack ${sizes.largest.name === 'word/document.xml' ? 'to more than 100 MB of text' : `a part (${sizes.largest.name}) of more than 100 MB`}, far more than a document holds; DocDeck did not open it.`);
	}
	if (sizes.total > MAX_UNPACKED_BYTES) return problem('would unpack to more than 200 MB in all, far more than a document holds; DocDeck did not open it.');

	let html: string;
	try {
		const { default: mammoth } = await import('mammoth');
		// mammoth reads `buffer` in its Node build and `arrayBuffer` in its browser build.
		const copy = new Uint8Array(bytes);
		const input = { arrayBuffer: copy.buffer, buffer: copy } as unknown as { arrayBuffer: ArrayBuffer };
		const result = await mammoth.convertToHtml(input, {
			convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
			externalFileAccess: false,
			includeEmbeddedStyleMap: false,
			ignoreEmptyParagraphs: true
		});
		html = result.value;
	} catch (error) {
		// mammoth's own wording for a zip without the main part (pinned version; tested).
		const message = error instanceof Error ? error.message : '';
		if (/could not find main document part/i.test(message)) return problem('is a zip file but not a Word document (it has no word/document.xml).');
		return problem('is damaged; DocDeck could not read it. Open it in Word or LibreOffice, save it again, and import the copy.');
	}
	const text = htmlToText(html);
	if (!/[\p{L}\p{N}]/u.test(text)) return problem('has no text in it.');
	if (text.length > maxChars) return problem(`holds more than ${maxChars / 1_000_000} million characters of text; import a part of it.`);
	return { ok: true, text };
}

/**
 * The sizes the zip's parts declare they unpack to, read from its directory without unpacking
 * anything. Nothing found when fflate cannot read the directory (then mammoth, more lenient, decides).
 */
function declaredSizes(bytes: Uint8Array): { total: number; largest: { name: string; size: number } | null } {
	let total = 0;
	let largest: { name: string; size: number } | null = null;
	try {
		unzipSync(bytes, {
			filter: (file) => {
				total += file.originalSize;
				if (!largest || file.originalSize > largest.size) largest = { name: file.name, size: file.originalSize };
				return false;
			}
		});
	} catch {
		return { total: 0, largest: null };
	}
	return { total, largest };
}

// ---------------------------------------------------------------------------------------------
// mammoth's HTML → text. mammoth writes well-formed HTML with its text escaped (& < > "), so a
// small tokeniser is exact here; it is not meant for HTML from anywhere else.

interface El {
	tag: string;
	attrs: Record<string, string>;
	children: HtmlNode[];
}
type HtmlNode = El | string;

const VOID = new Set(['br', 'img', 'input', 'hr']);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, e: string) => {
		if (e[0] === '#') {
			const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
			return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
		}
		return ENTITIES[e.toLowerCase()] ?? whole;
	});
}

function parse(html: string): El {
	const root: El = { tag: 'root', attrs: {}, children: [] };
	const stack: El[] = [root];
	for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*?)(\/?)>|([^<]+)/g)) {
		const top = stack[stack.length - 1]!;
		if (m[5] !== undefined) {
			top.children.push(decode(m[5]));
			continue;
		}
		const tag = m[2]!.toLowerCase();
		if (m[1]) {
			// Close the nearest open element of that name (mammoth's output always nests properly).
			const at = stack.findLastIndex((e) => e.tag === tag);
			if (at > 0) stack.length = at;
			continue;
		}
		const attrs: Record<string, string> = {};
		for (const a of m[3]!.matchAll(/([a-zA-Z-]+)="([^"]*)"/g)) attrs[a[1]!] = decode(a[2]!);
		const el: El = { tag, attrs, children: [] };
		top.children.push(el);
		if (!VOID.has(tag) && !m[4]) stack.push(el);
	}
	return root;
}

const BLOCK = /^(p|h[1-6]|ul|ol|li|table|thead|tbody|tr|td|th|dl|dt|dd|div|blockquote|pre)$/;

/**
 * Inline text of a node: runs joined, bold as **…** (unless `plain`), line breaks kept, note
 * back-links dropped.
 */
function inline(node: HtmlNode, plain = false): string {
	if (typeof node === 'string') return node;
	if (node.tag === 'br') return '\n';
	if (node.tag === 'img' || node.tag === 'input') return '';
	// mammoth ends each footnote with a "↑" link back to its reference.
	if (node.tag === 'a' && /^#(footnote|endnote|comment)-ref-/.test(node.attrs.href ?? '')) return '';
	const inner = node.children.map((c) => (typeof c !== 'string' && BLOCK.test(c.tag) ? ' ' + inline(c, plain) + ' ' : inline(c, plain))).join('');
	if (!plain && (node.tag === 'strong' || node.tag === 'b')) {
		const t = inner.trim();
		if (t === '') return inner;
		// Keep the spaces outside the markers: "**bold** text", never "**bold **text".
		const lead = inner.slice(0, inner.length - inner.trimStart().length);
		const trail = inner.slice(inner.trimEnd().length);
		return `${lead}**${t}**${trail}`;
	}
	return inner;
}

/** Tidy one line of text: no tabs or runs of spaces, no spaces at the ends (line breaks kept). */
const tidy = (text: string) =>
	text
		.split('\n')
		.map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
		.filter((l) => l !== '')
		.join('\n');

/** Blocks of text, each one or more lines, for the children of a block-level container. */
function blocks(el: El): string[] {
	const out: string[] = [];
	let pending: HtmlNode[] = []; // inline content between blocks (rare in mammoth's output)
	const flush = () => {
		const t = tidy(pending.map((n) => inline(n)).join(''));
		if (t) out.push(t);
		pending = [];
	};
	for (const child of el.children) {
		if (typeof child === 'string' || !BLOCK.test(child.tag)) {
			pending.push(child);
			continue;
		}
		flush();
		const heading = /^h([1-6])$/.exec(child.tag);
		if (heading) {
			// A heading is bold already: no ** markers in it.
			const t = tidy(inline(child, true)).replace(/\n/g, ' ');
			if (t) out.push(`${'#'.repeat(Number(heading[1]))} ${t}`);
		} else if (child.tag === 'ul' || child.tag === 'ol') {
			const t = listLines(child, 0).join('\n');
			if (t) out.push(t);
		} else if (child.tag === 'table') {
			const t = tableLines(child).join('\n');
			if (t) out.push(t);
		} else if (child.tag === 'p' || child.tag === 'pre' || child.tag === 'dt') {
			const t = tidy(inline(child));
			if (t) out.push(t);
		} else {
			out.push(...blocks(child));
		}
	}
	flush();
	return out;
}

/** "- item" lines; a nested list's items indented by two spaces per level. */
function listLines(list: El, depth: number): string[] {
	const lines: string[] = [];
	const indent = '  '.repeat(depth);
	for (const li of list.children) {
		if (typeof li === 'string' || li.tag !== 'li') {
			const t = tidy(inline(li));
			if (t) lines.push(`${indent}- ${t.replace(/\n/g, ' ')}`);
			continue;
		}
		const own = li.children.filter((c) => typeof c === 'string' || (c.tag !== 'ul' && c.tag !== 'ol'));
		const t = tidy(own.map((c) => (typeof c !== 'string' && BLOCK.test(c.tag) ? ' ' + inline(c) + ' ' : inline(c))).join('')).replace(/\n/g, ' ');
		if (t) lines.push(`${indent}- ${t}`);
		for (const c of li.children) if (typeof c !== 'string' && (c.tag === 'ul' || c.tag === 'ol')) lines.push(...listLines(c, depth + 1));
	}
	return lines;
}

/** One line per row, cells joined by " | ". */
function tableLines(table: El): string[] {
	const rows: El[] = [];
	const collect = (el: El) => {
		for (const c of el.children) {
			if (typeof c === 'string') continue;
			if (c.tag === 'tr') rows.push(c);
			else if (/^(thead|tbody|tfoot)$/.test(c.tag)) collect(c);
		}
	};
	collect(table);
	return rows
		.map((row) =>
			row.children
				.filter((c): c is El => typeof c !== 'string' && (c.tag === 'td' || c.tag === 'th'))
				.map((cell) => blocks(cell).join(' ').replace(/\n/g, ' '))
				.join(' | ')
				.trim()
		)
		.filter((line) => line.replace(/\|/g, '').trim() !== '');
}

/** mammoth's HTML as text (exported for tests). */
export function htmlToText(html: string): string {
	return blocks(parse(html)).join('\n\n');
}
