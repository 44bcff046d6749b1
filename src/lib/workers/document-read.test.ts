// What the document reader worker gives back for each kind of file.
import { describe, expect, it } from 'vitest';
import { makeDocx } from '../../../tests/fixtures/docs';
import { readDocument } from './document-read';

const file = (parts: BlobPart[], name: string) => new File(parts, name);

describe('readDocument', () => {
	it('reads HTML as text only, and a crafted unclosed tag in linear time', async () => {
		const r = await readDocument({ kind: 'html', file: file(['<p onclick="x()">Oliguria is <b>low</b> urine output.</p><script>alert(1)</script>'], 'a.html') });
		expect(r).toEqual({ ok: true, text: 'Oliguria is **low** urine output.' });
		expect(r.ok && r.text).not.toContain('alert');
		const crafted = '<a '.repeat(300_000);
		const t = performance.now();
		const c = await readDocument({ kind: 'html', file: file([crafted], 'b.html') });
		expect(c.ok).toBe(true);
		expect(performance.now() - t).toBeLessThan(2000); // quadratic would take minutes
	});

	it('reads a Word document, and names a file that is not one', async () => {
		const docx = makeDocx([{ heading: 'Kidney' }, { paragraph: 'Oliguria is defined as a urine output below 0.5 mL/kg/h.' }]);
		const r = await readDocument({ kind: 'docx', file: file([docx as Uint8Array<ArrayBuffer>], 'notes.docx') });
		expect(r.ok && r.text).toContain('Oliguria is defined as a urine output below 0.5 mL/kg/h.');
		const bad = await readDocument({ kind: 'docx', file: file(['plain words, no zip'], 'fake.docx') });
		expect(bad).toEqual({ ok: false, problem: expect.stringContaining('“fake.docx”') });
	});

	it('refuses a binary file given as text, naming it', async () => {
		const r = await readDocument({ kind: 'text', file: file([new Uint8Array([0, 1, 2, 0, 255, 0, 7, 0, 0, 3])], 'x.txt') });
		expect(r).toEqual({ ok: false, problem: '“x.txt” is not a text file (it looks binary).' });
	});
});
