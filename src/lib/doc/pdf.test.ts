// PDF reading in Node: the legacy build of pdfjs without a worker, on PDFs written by the fixtures.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { itemsToLines, MAX_PDF_BYTES, MAX_PDF_PAGES, pdfToText } from './pdf';
import { makePasswordPdf, makePdf, makeScannedPdf } from '../../../tests/fixtures/docs';

const AKI = [
	'Acute kidney injury (AKI) is a fall in kidney function over hours to days.',
	'Oliguria: urine output below 0.5 mL/kg/h for at least 6 hours.',
	'Stage 1 (KDIGO): creatinine 1.5 to 1.9 times baseline.',
	'A path with a backslash \\ stays whole; so do nested (brackets (inside)).'
];

const read = (bytes: Uint8Array, fileName = 'aki-notes.pdf') => pdfToText(bytes, { fileName });

describe('pdfToText', () => {
	it('gives back the lines of a text PDF, parentheses, backslashes and units included', async () => {
		expect(await read(makePdf(AKI))).toEqual({ ok: true, text: AKI.join('\n'), pages: 1 });
	});

	it('keeps the order of many lines and separates pages with a blank line', async () => {
		const lines = Array.from({ length: 90 }, (_, i) => `Fluid balance note ${i + 1}: weigh the patient daily.`);
		const result = await read(makePdf(lines));
		expect(result).toEqual({
			ok: true,
			pages: 3,
			text: [lines.slice(0, 40), lines.slice(40, 80), lines.slice(80)].map((p) => p.join('\n')).join('\n\n')
		});
	});

	it('keeps Latin-1 letters and symbols', async () => {
		const result = await read(makePdf(['Keep the room at 20 °C; Müller’s sign is another matter.']));
		// ’ is outside Latin-1, so the fixture writes '?' for it.
		expect(result).toMatchObject({ ok: true, text: 'Keep the room at 20 °C; Müller?s sign is another matter.' });
	});

	it('leaves the caller’s bytes usable (pdfjs would transfer them to its worker)', async () => {
		const bytes = makePdf(AKI);
		const copy = bytes.slice();
		await read(bytes);
		expect(bytes).toEqual(copy);
	});

	it('says a scanned PDF has no text layer', async () => {
		expect(await read(makeScannedPdf(), 'scan.pdf')).toEqual({
			ok: false,
			problem: 'scan.pdf has no text layer (it looks like a scanned image); DocDeck needs a PDF with selectable text.'
		});
	});

	it('counts a few stray characters per page as no text layer', async () => {
		const pageNumbers = Array.from({ length: 120 }, (_, i) => (i % 40 === 39 ? String(i + 1) : ''));
		expect(await read(makePdf(pageNumbers), 'scan.pdf')).toMatchObject({ ok: false, problem: expect.stringContaining('has no text layer') });
	});

	it('says a password-protected PDF needs its password removed', async () => {
		const result = await read(makePasswordPdf(AKI, 'ward 7'), 'locked.pdf');
		expect(result).toEqual({
			ok: false,
			problem: 'locked.pdf is protected by a password; open it in a PDF reader, save a copy without the password, and import that.'
		});
	});

	it('says random bytes, a truncated PDF or another kind of file is not a PDF or damaged', async () => {
		const damaged = 'is not a PDF or is damaged; DocDeck could not read it.';
		const random = Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919 + 13) % 256);
		const whole = makePdf(AKI);
		expect(await read(random, 'x.pdf')).toEqual({ ok: false, problem: `x.pdf ${damaged}` });
		expect(await read(whole.slice(0, Math.floor(whole.length / 2)), 'half.pdf')).toEqual({ ok: false, problem: `half.pdf ${damaged}` });
		expect(await read(new TextEncoder().encode('Acute kidney injury\n'), 'notes.txt')).toEqual({ ok: false, problem: `notes.txt ${damaged}` });
		expect(await read(new Uint8Array(), 'empty.pdf')).toEqual({ ok: false, problem: 'empty.pdf is empty (0 bytes).' });
	});

	it('refuses a file over 50 MB before parsing it', async () => {
		const result = await read(new Uint8Array(MAX_PDF_BYTES + 1), 'atlas.pdf');
		expect(result).toEqual({ ok: false, problem: "atlas.pdf is 50.1 MB, over DocDeck's limit of 50 MB; split it or export only the chapters you need." });
	});

	it('never throws on random bytes, and the problem names the file', async () => {
		await fc.assert(
			fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.stringMatching(/^[a-z][a-z0-9 -]{0,15}\.pdf$/), async (bytes, fileName) => {
				const result = await pdfToText(bytes, { fileName });
				expect(result.ok).toBe(false);
				if (!result.ok) expect(result.problem.startsWith(`${fileName} `)).toBe(true);
			}),
			{ numRuns: 100 }
		);
	});

	it('never throws on a PDF with bytes flipped: text, or a problem naming the file', async () => {
		const whole = makePdf(AKI);
		await fc.assert(
			fc.asyncProperty(fc.array(fc.tuple(fc.nat(whole.length - 1), fc.nat(255)), { minLength: 1, maxLength: 8 }), async (flips) => {
				const bytes = whole.slice();
				for (const [at, value] of flips) bytes[at] = value;
				const result = await pdfToText(bytes, { fileName: 'flipped.pdf' });
				if (!result.ok) expect(result.problem).toMatch(/^flipped\.pdf /);
				else expect(typeof result.text).toBe('string');
			}),
			{ numRuns: 100 }
		);
	});
});

describe('itemsToLines', () => {
	const item = (str: string, y: number, hasEOL = false, height = 10): TextItem => ({ str, dir: 'ltr', transform: [height, 0, 0, height, 72, y], width: str.length * 5, height, fontName: 'F1', hasEOL });

	it('starts a new line at an end of line or a change of height, and not for a superscript', () => {
		const items = [item('Serum K', 700), item('+', 703, false, 6), item(' above 6.5 mmol/L', 700, true), item('needs urgent treatment', 686), item('ECG first', 672)];
		expect(itemsToLines(items)).toEqual(['Serum K+ above 6.5 mmol/L', 'needs urgent treatment', 'ECG first']);
	});

	it('drops blank lines and trailing spaces', () => {
		expect(itemsToLines([item('First  ', 700, true), item('', 700, true), item(' ', 686, true), item('Second', 672)])).toEqual(['First', 'Second']);
	});
});

describe('limits that keep a huge PDF from holding the screen', () => {
	it('a PDF with more pages than DocDeck reads is refused at once, before any page is read', async () => {
		const lines = Array.from({ length: (MAX_PDF_PAGES + 1) * 40 }, (_, i) => `Line ${i}`);
		expect(await read(makePdf(lines), 'atlas.pdf')).toEqual({ ok: false, problem: `atlas.pdf has ${MAX_PDF_PAGES + 1} pages; DocDeck reads documents of up to ${MAX_PDF_PAGES} pages. Split it, or export only the chapters you need.` });
	});

	it('reading stops at the page where the text passes the limit', async () => {
		const lines = Array.from({ length: 200 }, (_, i) => `Oliguria means urine output below half a millilitre per kilogram per hour, line ${i}.`);
		expect(await pdfToText(makePdf(lines), { fileName: 'long.pdf', maxChars: 5000 })).toEqual({ ok: false, problem: 'long.pdf holds more than 0.005 million characters of text (reached on page 2); import a part of it.' });
	});
});
