// Word reading in Node through mammoth, on documents written by the fixtures.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { docxToText, htmlToText, MAX_DOCX_BYTES } from './docx';
import { makeDocx, makePdf } from '../../../tests/fixtures/docs';

const read = (bytes: Uint8Array, fileName = 'aki.docx') => docxToText(bytes, fileName);

describe('docxToText', () => {
	it('writes headings as # lines, bullets as - lines, bold as **…**, blocks apart by a blank line', async () => {
		const bytes = makeDocx([
			{ heading: 'Acute kidney injury' },
			{ paragraph: 'Creatinine rising by 26.5 µmol/L within 48 hours defines it.', bold: '48 hours' },
			{ heading: 'Causes', level: 2 },
			{ bullet: 'Prerenal: poor perfusion, as in sepsis or bleeding' },
			{ bullet: 'Renal: acute tubular necrosis' },
			{ bullet: 'Postrenal: obstruction of the outflow' },
			{ paragraph: 'Stop nephrotoxic drugs early.' }
		]);
		expect(await read(bytes)).toEqual({
			ok: true,
			text: [
				'# Acute kidney injury',
				'Creatinine rising by 26.5 µmol/L within **48 hours** defines it.',
				'## Causes',
				'- Prerenal: poor perfusion, as in sepsis or bleeding\n- Renal: acute tubular necrosis\n- Postrenal: obstruction of the outflow',
				'Stop nephrotoxic drugs early.'
			].join('\n\n')
		});
	});

	it('keeps HTML-like text in a paragraph as literal text', async () => {
		const bytes = makeDocx([{ paragraph: '<script>alert(1)</script> & <b>not bold</b> &amp; "quoted"' }]);
		expect(await read(bytes)).toEqual({ ok: true, text: '<script>alert(1)</script> & <b>not bold</b> &amp; "quoted"' });
	});

	it('says a zip without word/document.xml is not a Word document', async () => {
		const zip = zipSync({ 'notes.txt': strToU8('Potassium above 6.5 mmol/L is an emergency.') });
		expect(await read(zip, 'notes.docx')).toEqual({ ok: false, problem: 'notes.docx is a zip file but not a Word document (it has no word/document.xml).' });
	});

	it('says random bytes are not a Word document', async () => {
		const random = Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919 + 13) % 256);
		expect(await read(random, 'x.docx')).toEqual({ ok: false, problem: 'x.docx is not a Word document (.docx).' });
	});

	it('tells an old .doc or a PDF apart from a .docx', async () => {
		const doc = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
		expect(await read(doc, 'old.doc')).toEqual({
			ok: false,
			problem: 'old.doc is an older Word document (.doc); open it in Word or LibreOffice, save it as .docx, and import that.'
		});
		expect(await read(makePdf(['Fluid challenge']), 'notes.docx')).toEqual({ ok: false, problem: 'notes.docx is a PDF, not a Word document; import it as a PDF.' });
	});

	it('says a truncated .docx is damaged', async () => {
		const whole = makeDocx([{ paragraph: 'Check the bladder for retention before anything else.' }]);
		expect(await read(whole.slice(0, Math.floor(whole.length / 2)), 'cut.docx')).toEqual({
			ok: false,
			problem: 'cut.docx is damaged; DocDeck could not read it. Open it in Word or LibreOffice, save it again, and import the copy.'
		});
	});

	it('says an empty document, or an empty file, has no text', async () => {
		expect(await read(makeDocx([]), 'blank.docx')).toEqual({ ok: false, problem: 'blank.docx has no text in it.' });
		expect(await read(makeDocx([{ paragraph: '   ' }]), 'blank.docx')).toEqual({ ok: false, problem: 'blank.docx has no text in it.' });
		expect(await read(new Uint8Array(), 'zero.docx')).toEqual({ ok: false, problem: 'zero.docx is empty (0 bytes).' });
	});

	it('refuses a file over 50 MB, and a document.xml declaring gigabytes, without unpacking', async () => {
		expect(await read(new Uint8Array(MAX_DOCX_BYTES + 1), 'big.docx')).toEqual({
			ok: false,
			problem: "big.docx is 50.1 MB, over DocDeck's limit of 50 MB; split it into smaller documents."
		});
		const bomb = makeDocx([{ paragraph: 'Urine sodium below 20 mmol/L suggests a prerenal cause.' }]);
		// Make the zip's directory claim that word/document.xml unpacks to 3.75 GB.
		const view = new DataView(bomb.buffer);
		const name = strToU8('word/document.xml');
		for (let at = 0; at < bomb.length - 46; at++) {
			if (view.getUint32(at, true) !== 0x02014b50) continue;
			const nameLength = view.getUint16(at + 28, true);
			if (nameLength === name.length && name.every((b, i) => bomb[at + 46 + i] === b)) view.setUint32(at + 24, 0xf0000000, true);
		}
		expect(await read(bomb, 'bomb.docx')).toEqual({
			ok: false,
			problem: 'bomb.docx would unpack to more than 100 MB of text, far more than a document holds; DocDeck did not open it.'
		});
	});

	it('a part other than the text declaring gigabytes (a styles.xml bomb), or too much in all, is refused unopened', async () => {
		const declare = (zip: Uint8Array, entry: string, size: number) => {
			const view = new DataView(zip.buffer);
			const name = strToU8(entry);
			for (let at = 0; at < zip.length - 46; at++) {
				if (view.getUint32(at, true) !== 0x02014b50) continue;
				const nameLength = view.getUint16(at + 28, true);
				if (nameLength === name.length && name.every((b, i) => zip[at + 46 + i] === b)) view.setUint32(at + 24, size, true);
			}
			return zip;
		};
		const plain = () => makeDocx([{ paragraph: 'Urine sodium below 20 mmol/L suggests a prerenal cause.' }]);
		const entries = Object.keys(unzipSync(plain()));
		const other = entries.find((e) => e !== 'word/document.xml')!;
		expect(await read(declare(plain(), other, 1_500_000_000), 'styles.docx')).toEqual({ ok: false, problem: `styles.docx would unpack a part (${other}) of more than 100 MB, far more than a document holds; DocDeck did not open it.` });
		let many = plain();
		for (const e of entries) many = declare(many, e, 90 * 1024 * 1024);
		expect(await read(many, 'many.docx')).toEqual({ ok: false, problem: 'many.docx would unpack to more than 200 MB in all, far more than a document holds; DocDeck did not open it.' });
	});

	it('a document holding more text than DocDeck takes is refused with the limit', async () => {
		const long = makeDocx(Array.from({ length: 40 }, () => ({ paragraph: 'Oliguria is urine output below 0.5 mL/kg/h for six hours or more.' })));
		expect(await docxToText(long, 'long.docx', { maxChars: 1000 })).toEqual({ ok: false, problem: 'long.docx holds more than 0.001 million characters of text; import a part of it.' });
		expect((await docxToText(long, 'long.docx')).ok).toBe(true);
	});

	it('never throws on random bytes, and the problem names the file', async () => {
		const zipLike = fc.uint8Array({ maxLength: 2048 }).map((b) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...b]));
		await fc.assert(
			fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 2048 }), zipLike), fc.stringMatching(/^[a-z][a-z0-9 -]{0,15}\.docx$/), async (bytes, fileName) => {
				const result = await docxToText(bytes, fileName);
				expect(result.ok).toBe(false);
				if (!result.ok) expect(result.problem.startsWith(`${fileName} `)).toBe(true);
			}),
			{ numRuns: 100 }
		);
	});

	it('never throws on a .docx with bytes flipped: text, or a problem naming the file', async () => {
		const whole = makeDocx([{ heading: 'Hyperkalaemia' }, { paragraph: 'Give calcium gluconate to protect the heart.', bold: 'calcium gluconate' }, { bullet: 'Insulin with glucose' }]);
		await fc.assert(
			fc.asyncProperty(fc.array(fc.tuple(fc.nat(whole.length - 1), fc.nat(255)), { minLength: 1, maxLength: 8 }), async (flips) => {
				const bytes = whole.slice();
				for (const [at, value] of flips) bytes[at] = value;
				const result = await docxToText(bytes, 'flipped.docx');
				if (!result.ok) expect(result.problem).toMatch(/^flipped\.docx /);
				else expect(typeof result.text).toBe('string');
			}),
			{ numRuns: 100 }
		);
	});
});

describe('htmlToText (mammoth’s HTML)', () => {
	it('writes a table as one line per row, cells apart by |', () => {
		const html = '<table><tr><td><p>Stage</p></td><td><p>Creatinine</p></td></tr><tr><td><p>1</p></td><td><p>1.5–1.9 × baseline</p></td></tr></table>';
		expect(htmlToText(html)).toBe('Stage | Creatinine\n1 | 1.5–1.9 × baseline');
	});

	it('indents nested list items and keeps ordered ones as - lines', () => {
		const html = '<ol><li>Assess volume<ul><li>Capillary refill</li><li>Jugular venous pressure</li></ul></li><li>Treat the cause</li></ol>';
		expect(htmlToText(html)).toBe('- Assess volume\n  - Capillary refill\n  - Jugular venous pressure\n- Treat the cause');
	});

	it('drops the footnote back-links and images, keeps line breaks and decodes entities', () => {
		const html =
			'<p>Avoid NSAIDs<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup> <img src="" /></p><p>Line one<br />line two &amp; more &lt;3</p>' +
			'<ol><li id="footnote-1"><p>They lower renal blood flow. <a href="#footnote-ref-1">↑</a></p></li></ol>';
		expect(htmlToText(html)).toBe('Avoid NSAIDs[1]\n\nLine one\nline two & more <3\n\n- They lower renal blood flow.');
	});

	it('puts no ** inside headings and keeps spaces outside the markers', () => {
		expect(htmlToText('<h2><strong>Fluids</strong></h2><p>Give<strong> 500 mL </strong>then review</p>')).toBe('## Fluids\n\nGive **500 mL** then review');
		expect(htmlToText('Loose <strong>bold</strong> text<p>Then a paragraph</p>')).toBe('Loose **bold** text\n\nThen a paragraph');
	});
});
