// A PDF's text, page by page, through pdfjs-dist (5.x; 6.x needs Node 22).
//
// Which build of pdfjs runs is chosen by the caller through `workerSrc`:
// - In the browser, pass the URL of pdfjs's worker from our own build:
//     const [{ pdfToText }, { default: workerSrc }] = await Promise.all([
//       import('$lib/doc/pdf'), import('$lib/doc/pdf-worker-url')]);
//     const result = await pdfToText(bytes, { fileName: file.name, workerSrc });
//   The modern build parses in that same-origin module worker (never a CDN; CSP 'self' allows it).
// - In Node (unit tests, scripts) leave `workerSrc` out: the legacy build runs (the modern one
//   needs newer JavaScript than Node 20 has) and, as pdfjs always does in Node, parses on the main
//   thread through its "fake worker", which imports the legacy worker module beside pdf.mjs. pdfjs 5
//   has no `disableWorker` option any more; that is how "no worker" looks now.
// The legacy build is imported through a specifier Vite does not follow, so it never lands in the
// client bundle (and in the service worker's precache). Both builds are loaded on first use only.
//
// In both, the document is parsed with `isEvalSupported: false` (no `new Function` for fonts,
// so a strict CSP holds) and without font loading: only the text layer is read.
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api';
import { MAX_DOCUMENT_CHARS } from '$lib/core/extract/types';
import { tooLarge } from '$lib/core/file-size';

type PdfJs = typeof import('pdfjs-dist');

export type PdfText = { ok: true; text: string; pages: number } | { ok: false; problem: string };

/** Largest file we open; a bigger one is refused before it is parsed. */
export const MAX_PDF_BYTES = 50 * 1024 * 1024;
/** Most pages read: a long textbook has fewer; a 5000-page file is refused at once, not read for minutes. */
export const MAX_PDF_PAGES = 1500;

/** Fewer letters and digits than this per page, on average, is a scan without a text layer. */
const MIN_CHARS_PER_PAGE = 10;

const LEGACY_BUILD = 'pdfjs-dist/legacy/build/pdf.mjs';

async function loadPdfJs(workerSrc: string | undefined): Promise<PdfJs> {
	if (workerSrc !== undefined) {
		const pdfjs = await import('pdfjs-dist');
		pdfjs.GlobalWorkerOptions.workerSrc = workerSrc;
		return pdfjs;
	}
	if (typeof document !== 'undefined') {
		throw new Error('pdfToText in the browser needs workerSrc: pass the default export of $lib/doc/pdf-worker-url');
	}
	return (await import(/* @vite-ignore */ LEGACY_BUILD)) as PdfJs;
}

const isTextItem = (item: TextItem | TextMarkedContent): item is TextItem => 'str' in item;

/**
 * One page's text items joined into lines in the order the page draws them: an item ending a line
 * (`hasEOL`) or drawn at another height than the line so far starts a new line.
 */
export function itemsToLines(items: (TextItem | TextMarkedContent)[]): string[] {
	const lines: string[] = [];
	let line = '';
	let lineY: number | undefined;
	let lineHeight = 0;
	const end = () => {
		lines.push(line.replace(/\s+$/, ''));
		line = '';
		lineY = undefined;
	};
	for (const item of items) {
		if (!isTextItem(item)) continue;
		const y = Number(item.transform[5]);
		if (item.str !== '') {
			// Half a line's height of tolerance keeps superscripts and subscripts on their line.
			const tolerance = Math.max(lineHeight, item.height, 1) / 2;
			if (lineY !== undefined && Math.abs(y - lineY) > tolerance) end();
			if (lineY === undefined) {
				lineY = y;
				lineHeight = item.height;
			}
			line += item.str;
		}
		if (item.hasEOL) end();
	}
	if (line !== '') end();
	// Drop the empty lines left by an EOL right after a change of height, and trailing blank ones.
	return lines.filter((l) => l.trim() !== '');
}


const countChars = (text: string) => (text.match(/[\p{L}\p{N}]/gu) ?? []).length;

/**
 * The text of a PDF, one line per line of the page, pages separated by a blank line. Every failure
 * is a `problem` sentence naming the file; this never throws for bad bytes. `bytes` is copied, so
 * the caller's array stays usable (pdfjs transfers what it is given).
 */
export async function pdfToText(bytes: Uint8Array, opts: { fileName: string; workerSrc?: string; maxChars?: number }): Promise<PdfText> {
	const name = opts.fileName;
	const maxChars = opts.maxChars ?? MAX_DOCUMENT_CHARS;
	if (bytes.byteLength === 0) return { ok: false, problem: `${name} is empty (0 bytes).` };
	if (bytes.byteLength > MAX_PDF_BYTES) {
		return { ok: false, problem: tooLarge(name, bytes.byteLength, MAX_PDF_BYTES, 'split it or export only the chapters you need.') };
	}
	const pdfjs = await loadPdfJs(opts.workerSrc);
	const task = pdfjs.getDocument({
		data: new Uint8Array(bytes),
		isEvalSupported: false,
		disableFontFace: true,
		useSystemFonts: false,
		stopAtErrors: false,
		verbosity: pdfjs.VerbosityLevel.ERRORS
	});
	try {
		const doc = await task.promise;
		if (doc.numPages > MAX_PDF_PAGES) return { ok: false, problem: `${name} has ${doc.numPages} pages; DocDeck reads documents of up to ${MAX_PDF_PAGES} pages. Split it, or export only the chapters you need.` };
		const pages: string[] = [];
		let chars = 0;
		for (let n = 1; n <= doc.numPages; n++) {
			const page = await doc.getPage(n);
			const content = await page.getTextContent();
			const text = itemsToLines(content.items).join('\n');
			page.cleanup();
			chars += text.length;
			if (chars > maxChars) return { ok: false, problem: `${name} holds more than ${maxChars / 1_000_000} million characters of text (reached on page ${n}); import a part of it.` };
			pages.push(text);
		}
		const text = pages.filter((p) => p !== '').join('\n\n');
		if (countChars(text) < MIN_CHARS_PER_PAGE * Math.max(doc.numPages, 1)) {
			return { ok: false, problem: `${name} has no text layer (it looks like a scanned image); DocDeck needs a PDF with selectable text.` };
		}
		return { ok: true, text, pages: doc.numPages };
	} catch (error) {
		return { ok: false, problem: problemOf(error, name) };
	} finally {
		await task.destroy();
	}
}

function problemOf(error: unknown, name: string): string {
	const kind = error instanceof Error ? error.name : '';
	if (kind === 'PasswordException') {
		return `${name} is protected by a password; open it in a PDF reader, save a copy without the password, and import that.`;
	}
	return `${name} is not a PDF or is damaged; DocDeck could not read it.`;
}
