// The extractor against the documents a student might bring (tests/fixtures/extract/): it must
// turn most of the facts a teacher would card into drafts, and its drafts must be sound (no empty
// sides, no duplicates, no number of the source sentence dropped; a list card may name a
// classification's items without their figures, which its item cards carry). The held-out
// document is measured by the drafts harness alone.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extract } from './index.ts';
import { FIXTURES } from '../../../../tests/fixtures/extract/facts';
import { coverage, qualityProblems } from '../../../../tests/fixtures/extract/coverage';

const FIXTURE_DIR = path.resolve(import.meta.dirname, '../../../../tests/fixtures/extract');
const MIN_COVERAGE = 0.6;

describe('extractor coverage of the fixture documents', () => {
	it.each(FIXTURES.filter((f) => !f.heldOut))('$file', ({ file, facts }) => {
		const text = readFileSync(path.join(FIXTURE_DIR, file), 'utf8');
		const extraction = extract(text);
		const drafts = extraction.drafts;
		const c = coverage(drafts, facts);
		const lines = [`coverage ${file}: ${c.found}/${c.total} = ${Math.round(c.ratio * 100)}%`, ...c.missing.map((m) => `  missing: ${m}`)];
		console.log(lines.join('\n'));
		const problems = qualityProblems(drafts.map((d) => (d.kind === 'list' ? { ...d, span: undefined, passageText: undefined } : d)), extraction.text);
		if (problems.length) console.log(`quality ${file}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
		expect(c.ratio, `${file}: missing\n${c.missing.join('\n')}`).toBeGreaterThanOrEqual(MIN_COVERAGE);
		expect(problems).toEqual([]);
	});
});
