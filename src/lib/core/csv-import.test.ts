import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { guessMapping, looksLikeHeader, planCsvImport, slug } from './csv-import.ts';
import { looksBinary, parseCsvText } from './csv-parse.ts';

const OPTS = { title: 'Renal pharmacology', fileName: 'renal.csv', importedAt: '25 Nov 2026' };

describe('CSV text', () => {
	it('reads quoted fields with commas and line breaks, and guesses the delimiter', () => {
		const r = parseCsvText('Question,Answer\n"Loop diuretic, example?","Furosemide"\n"Two\nlines?",Yes\n', 'a.csv');
		expect(r.ok && r.rows).toEqual([
			['Question', 'Answer'],
			['Loop diuretic, example?', 'Furosemide'],
			['Two\nlines?', 'Yes']
		]);
		const semi = parseCsvText('front;back\nACE inhibitor?;Ramipril\n', 'b.csv');
		expect(semi.ok && semi.delimiter).toBe(';');
		const tab = parseCsvText('front\tback\nK+ sparing?\tSpironolactone\n', 'c.tsv');
		expect(tab.ok && tab.rows[1]).toEqual(['K+ sparing?', 'Spironolactone']);
	});

	it('refuses an empty file and a binary file with a reason', () => {
		expect(parseCsvText('  \n\n', 'empty.csv')).toEqual({ ok: false, problem: '“empty.csv” is empty.' });
		expect(parseCsvText('PK\u0003\u0004\u0000\u0000garbage', 'deck.xlsx')).toMatchObject({ ok: false, problem: expect.stringMatching(/not a text file/) });
		expect(looksBinary('\uFFFD'.repeat(50) + 'abc')).toBe(true);
		const latin1 = parseCsvText('Question,Answer\nCaf\uFFFD?,Oui\n', 'fr.csv');
		expect(latin1.ok && latin1.warnings.at(-1)).toMatch(/may not be saved as UTF-8/);
		expect(looksBinary('Plain text with one odd \uFFFD character among many, many ordinary ones here.')).toBe(false);
	});

	it('a broken quote is reported with its row, and the rest still reads', () => {
		const r = parseCsvText('q,a\n"open quote,never closed\nnext,row\n', 'x.csv');
		expect(r.ok).toBe(true);
		if (r.ok) expect(r.warnings[0]).toMatch(/^Row \d+: /);
	});
});

describe('mapping and rows → cards', () => {
	it('guesses the columns from the header, in any order', () => {
		expect(guessMapping(['Topic', 'Back', 'Front', 'Notes'], 4)).toEqual({ section: 0, answer: 1, question: 2, explanation: 3 });
		expect(guessMapping(null, 3)).toEqual({ question: 0, answer: 1 });
		expect(looksLikeHeader([['Front', 'Back']])).toBe(true);
		expect(looksLikeHeader([['What is the GFR?', 'Filtration rate']])).toBe(false);
	});

	it('builds one card a row, skips rows without a question or answer and says which', () => {
		const rows = [
			['front', 'back', 'topic'],
			['What does furosemide inhibit?', 'NKCC2 in the thick ascending limb', 'Diuretics'],
			['', 'orphan answer', 'Diuretics'],
			['Spironolactone blocks?', '', 'Diuretics'],
			['', '', ''],
			['Where do thiazides act?', 'Distal convoluted tubule', '']
		];
		const { parsed, skipped } = planCsvImport(rows, { ...OPTS, mapping: { question: 0, answer: 1, section: 2 }, hasHeader: true });
		expect(parsed.deck).toMatchObject({ id: 'renal-pharmacology', title: 'Renal pharmacology' });
		expect(parsed.cards.map((c) => [c.question, c.section])).toEqual([
			['What does furosemide inhibit?', 'Diuretics'],
			['Where do thiazides act?', 'Imported']
		]);
		expect(skipped).toEqual([
			{ row: 3, reason: 'no question' },
			{ row: 4, reason: 'no answer' }
		]);
		expect(parsed.problems).toEqual([]);
	});

	it('gives each card an id from its question, the same on every import, so history is kept', () => {
		const a = planCsvImport([['Q1?', 'A'], ['Q2?', 'B']], { ...OPTS, mapping: { question: 0, answer: 1 }, hasHeader: false });
		const b = planCsvImport([['Q0?', 'Z'], ['Q2?', 'B changed'], ['  q1? ', 'A']], { ...OPTS, mapping: { question: 0, answer: 1 }, hasHeader: false });
		const id = (p: typeof a, q: string) => p.parsed.cards.find((c) => c.question.toLowerCase() === q.toLowerCase())!.id;
		expect(id(a, 'Q1?')).toBe(id(b, 'q1?'));
		expect(id(a, 'Q2?')).toBe(id(b, 'Q2?'));
		const dup = planCsvImport([['Same?', 'A'], ['Same?', 'B']], { ...OPTS, mapping: { question: 0, answer: 1 }, hasHeader: false });
		expect(new Set(dup.parsed.cards.map((c) => c.id)).size).toBe(2);
	});

	it('an id column and a source column are used when mapped', () => {
		const { parsed } = planCsvImport([['Furo MOA', 'What does furosemide block?', 'NKCC2', 'Loop diuretics block NKCC2.']], {
			...OPTS,
			mapping: { id: 0, question: 1, answer: 2, source: 3 },
			hasHeader: false
		});
		expect(parsed.cards[0]).toMatchObject({ id: 'furo-moa', passage: expect.stringMatching(/^p-/) });
		expect(parsed.source.passages).toEqual([{ id: parsed.cards[0]!.passage, section: 'Imported', text: 'Loop diuretics block NKCC2.' }]);
	});

	it('a mapping that yields no card is a problem, not an empty deck', () => {
		const { parsed } = planCsvImport([['only one column']], { ...OPTS, mapping: { question: 0, answer: 1 }, hasHeader: false });
		expect(parsed.problems[0]!.message).toMatch(/no row has both a question and an answer/);
	});

	it('slugs names into ids', () => {
		expect(slug('  Néphrologie: Année 2! ')).toBe('nephrologie-annee-2');
		expect(slug('!!!')).toBe('deck');
	});

	it('any table (fuzzing): no crash; every card has a question, an answer and a valid id', () => {
		fc.assert(
			fc.property(fc.array(fc.array(fc.string({ maxLength: 30 }), { maxLength: 4 }), { maxLength: 20 }), fc.nat(3), fc.nat(3), fc.boolean(), (rows, q, a, hasHeader) => {
				const { parsed } = planCsvImport(rows, { ...OPTS, mapping: { question: q, answer: a }, hasHeader });
				for (const c of parsed.cards) {
					expect(c.question && c.answer).toBeTruthy();
					expect(c.id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
				}
				expect(new Set(parsed.cards.map((c) => c.id)).size).toBe(parsed.cards.length);
			}),
			{ numRuns: 300 }
		);
		fc.assert(
			fc.property(fc.string({ maxLength: 500 }), (text) => {
				const r = parseCsvText(text, 'f.csv');
				if (!r.ok) expect(r.problem).toMatch(/f\.csv/);
			}),
			{ numRuns: 300 }
		);
	});
});
