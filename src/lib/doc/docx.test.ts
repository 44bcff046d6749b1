import { it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { docxToText } from './docx';
import { makeDocx } from '../../../tests/fixtures/docs';

it('spike', async () => {
	console.log(await docxToText(makeDocx([
		{ heading: 'Acute kidney injury' },
		{ paragraph: 'Creatinine rises within 48 hours.', bold: '48 hours' },
		{ heading: 'Causes', level: 2 },
		{ bullet: 'Prerenal: low perfusion' },
		{ bullet: 'Postrenal: obstruction' },
		{ paragraph: '<script>alert(1)</script> & "quotes"' }
	]), 'a.docx'));
	console.log(await docxToText(zipSync({ 'a.txt': strToU8('hi') }), 'z.docx'));
	console.log(await docxToText(new Uint8Array([1, 2, 3]), 'r.docx'));
	console.log(await docxToText(makeDocx([]), 'e.docx'));
	const d = makeDocx([{ paragraph: 'x' }]);
	console.log(await docxToText(d.slice(0, 200), 't.docx'));
});
