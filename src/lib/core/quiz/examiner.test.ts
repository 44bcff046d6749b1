// The independent examiners' attempt tables (fixtures/examiner-*.json, copied from the examiners'
// files as they are): the grader runs every attempt against the teacher's mark. `table` and
// `table2` are the ones the grader may be improved against (by category, never by example);
// `holdout` and `holdout2` only measure.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gradeTable, showAttempt, tableCounts, type ExaminerTable } from './fixtures/examiner.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const load = (name: string): ExaminerTable => JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures', `examiner-${name}.json`), 'utf8'));
const shippedTexts = [readFileSync(path.join(ROOT, 'cards/nephrotic-syndrome/deck.md'), 'utf8'), readFileSync(path.join(ROOT, 'cards/nephrotic-syndrome/source.md'), 'utf8')];

function measure(name: string) {
	const c = tableCounts(gradeTable(load(name), shippedTexts));
	console.log(`examiner ${name}: ${c.attempts} attempts, ${c.same} as the teacher, ${c.falseAccepts.length} false accepts, ${c.falseRejects.length} false rejects of ${c.right} right (${c.closeOnRight} of them "close")`);
	return c;
}

describe("the examiners' tables", () => {
	it('table: no false accepts', () => {
		expect(measure('table').falseAccepts.map(showAttempt)).toEqual([]);
	}, 120_000);

	it('holdout (measured only): false accepts stay rare', () => {
		const c = measure('holdout');
		expect(c.falseAccepts.length / c.attempts).toBeLessThan(0.05);
	}, 120_000);

	it('table2: no false accepts', () => {
		expect(measure('table2').falseAccepts.map(showAttempt)).toEqual([]);
	}, 120_000);

	it('holdout2 (measured only): false accepts stay rare', () => {
		const c = measure('holdout2');
		expect(c.falseAccepts.length / c.attempts).toBeLessThan(0.05);
	}, 120_000);
});
