import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

describe('CSV out', () => {
	it('quotes commas, quotes and line breaks, and leaves plain cells alone', () => {
		expect(csvCell('plain')).toBe('plain');
		expect(csvCell(42)).toBe('42');
		expect(csvCell('a, b')).toBe('"a, b"');
		expect(csvCell('say "no"')).toBe('"say ""no"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
		expect(csvCell(null)).toBe('');
	});

	it('makes cells a spreadsheet would run as formulas inert, but not negative numbers', () => {
		expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
		expect(csvCell('+1+1')).toBe("'+1+1");
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell('-cmd')).toBe("'-cmd");
		expect(csvCell('-3.5')).toBe('-3.5');
		expect(csvCell(-3)).toBe('-3');
	});

	it('writes a header and rows with CRLF line ends', () => {
		expect(toCsv(['a', 'b'], [[1, 'x'], [2, 'y, z']])).toBe('a,b\r\n1,x\r\n2,"y, z"\r\n');
	});
});
