// The coverage harness the extractor is measured with (tests/fixtures/extract/coverage.ts), and
// the fixtures it measures against: if either is wrong, fixtures.test.ts says nothing useful.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { containsKeyword, coverage, normalise, numberTokens, qualityProblems } from '../../../../tests/fixtures/extract/coverage';
import { FIXTURES } from '../../../../tests/fixtures/extract/facts';

const FIXTURE_DIR = path.resolve(import.meta.dirname, '../../../../tests/fixtures/extract');

const card = (question: string, answer: string, more: { items?: string[]; explanation?: string; passageText?: string; span?: { start: number; end: number } } = {}) => ({
	question,
	answer,
	...more
});

describe('coverage', () => {
	const facts = [
		{ fact: 'stage 1 urine output', keywords: ['0.5 ml/kg/h', '6-12 hours'] },
		{ fact: 'the three causes', keywords: ['prerenal', 'intrinsic', 'postrenal'] },
		{ fact: 'screening in type 1 diabetes', keywords: ['5 years', 'type 1 diabetes'] }
	];

	it('finds a fact when one draft holds every keyword, in any case, with dashes and spaces normalised', () => {
		const drafts = [card('Stage 1 AKI by urine output?', 'Below 0.5 mL/kg/h for 6–12  hours')];
		expect(coverage(drafts, facts)).toEqual({ found: 1, total: 3, ratio: 1 / 3, missing: ['the three causes', 'screening in type 1 diabetes'] });
	});

	it('reads items and the explanation as well as question and answer', () => {
		const drafts = [
			card('Name the three groups of causes of AKI', 'prerenal; intrinsic; postrenal', { items: ['Prerenal', 'Intrinsic', 'Postrenal'] }),
			card('When does screening start?', 'After 5 years', { explanation: 'In Type 1 diabetes; at diagnosis in type 2.' })
		];
		const r = coverage(drafts, facts);
		expect(r.found).toBe(2);
		expect(r.missing).toEqual(['stage 1 urine output']);
		expect(coverage([card('', '', { items: ['prerenal', 'intrinsic', 'postrenal'] })], facts).found).toBe(1);
	});

	it('does not combine keywords spread over two drafts', () => {
		const drafts = [card('Urine output in stage 1?', 'below 0.5 mL/kg/h'), card('For how long?', '6–12 hours')];
		expect(coverage(drafts, facts).missing).toContain('stage 1 urine output');
	});

	it('does not find a number inside a longer number', () => {
		expect(containsKeyword(normalise('after 25 years'), '5 years')).toBe(false);
		expect(containsKeyword(normalise('below 10.5 mL/kg/h'), '0.5 ml/kg/h')).toBe(false);
		expect(containsKeyword(normalise('below 0.5 mL/kg/h'), '0.5 ml/kg/h')).toBe(true);
		expect(containsKeyword(normalise('for 6.5 hours'), '6')).toBe(false);
		expect(containsKeyword(normalise('a 65% fall'), '65%')).toBe(true);
		expect(containsKeyword(normalise('(5 years)'), '5 years')).toBe(true);
	});

	it('normalises keywords the same way as drafts', () => {
		expect(coverage([card('Q', 'Tamm–Horsfall protein')], [{ fact: 'f', keywords: ['Tamm‑Horsfall'] }]).found).toBe(1);
	});

	it('counts an empty fact list as fully covered', () => {
		expect(coverage([], [])).toEqual({ found: 0, total: 0, ratio: 1, missing: [] });
		expect(coverage([], facts).ratio).toBe(0);
	});
});

describe('numberTokens', () => {
	it('takes decimals, ratios and thousands whole', () => {
		expect(numberTokens('pH 7.35 to 7.45, 130/80 mmHg, 1,000 U/L, 1.5–1.9 times')).toEqual(['7.35', '7.45', '130', '80', '1,000', '1.5', '1.9']);
	});

	it('leaves out list markers but keeps numbers that are facts', () => {
		expect(numberTokens('1, infection factors:\n2. Causes\n## 3. Staging\n4) last')).toEqual([]);
		expect(numberTokens('caused by (1) vessel damage; (2) fibrinogen 4 g/L; (3) factor VIII')).toEqual(['4']);
		expect(numberTokens('Done within 6 hours. 2. Titrate to 3 mL/kg/h')).toEqual(['6', '3']);
		expect(numberTokens('- Stage 1: rise ≥ 0.3 mg/dL within 48 hours')).toEqual(['1', '0.3', '48']);
		expect(numberTokens('Type 1, or distal, acidosis: urine pH above 5.5.')).toEqual(['1', '5.5']);
	});
});

describe('qualityProblems', () => {
	it('accepts good drafts', () => {
		const passageText = 'Stage 1: creatinine rise ≥ 0.3 mg/dL within 48 hours.';
		const drafts = [
			card('Stage 1: creatinine rise ≥ […] mg/dL within 48 hours.', 'Stage 1: creatinine rise ≥ 0.3 mg/dL within 48 hours.', { passageText }),
			card('Stage 1: creatinine rise ≥ 0.3 mg/dL within […] hours.', 'Stage 1: creatinine rise ≥ 0.3 mg/dL within 48 hours.', { passageText })
		];
		expect(qualityProblems(drafts)).toEqual([]);
	});

	it('reports empty questions and answers', () => {
		const problems = qualityProblems([card(' ', 'an answer'), card('A question?', '\n')]);
		expect(problems).toHaveLength(2);
		expect(problems[0]).toMatch(/draft 0: empty question/);
		expect(problems[1]).toMatch(/draft 1 .*empty answer/);
	});

	it('reports a card that repeats another one after normalising', () => {
		const problems = qualityProblems([card('What is  Kt/V?', 'Urea clearance × time / volume'), card('what is kt/v?', 'urea clearance × time / volume'), card('What is Kt/V?', 'Something else')]);
		expect(problems).toEqual([expect.stringMatching(/draft 1 .*duplicate of draft 0/)]);
	});

	it('reports a number of the source that the card drops', () => {
		const passageText = 'Urine output below 0.5 mL/kg/h for 6–12 hours.';
		const problems = qualityProblems([card('How low is the urine output in stage 1?', 'Below 0.5 mL/kg/h', { passageText })]);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(/drops 6, 12 from its source/);
		expect(qualityProblems([card('How low, for how long?', 'Below 0.5 mL/kg/h', { passageText, explanation: 'For 6–12 hours.' })])).toEqual([]);
	});

	it('does not count list markers as numbers to keep', () => {
		const passageText = 'Four pathways: (1) polyol; (2) AGEs; (3) protein kinase C; (4) hexosamine.';
		expect(qualityProblems([card('Name the four pathways', 'polyol; AGEs; protein kinase C; hexosamine', { passageText, items: ['polyol', 'AGEs', 'protein kinase C', 'hexosamine'] })])).toEqual([]);
	});

	it("checks only the card's own span when the extraction's text is given", () => {
		const text = 'Creatinine rises by 0.3 mg/dL within 48 hours. Urine output is below 0.5 mL/kg/h for 6 hours.';
		const second = text.indexOf('Urine');
		const passageText = text;
		const good = card('Urine output criterion?', 'Below 0.5 mL/kg/h for 6 hours', { passageText, span: { start: second, end: text.length } });
		expect(qualityProblems([good], text)).toEqual([]);
		// Without the text the whole passage stands for the span.
		expect(qualityProblems([good])).toEqual([expect.stringMatching(/drops 0.3, 48/)]);
		const bad = card('Urine output criterion?', 'Below 0.5 mL/kg/h', { passageText, span: { start: second, end: text.length } });
		expect(qualityProblems([bad], text)).toEqual([expect.stringMatching(/drops 6 from/)]);
	});
});

describe('the extractor fixtures', () => {
	const docs = FIXTURES.map((f) => ({ ...f, text: readFileSync(path.join(FIXTURE_DIR, f.file), 'utf8') }));

	it('has the eight documents, the last two held out', () => {
		expect(FIXTURES.map((f) => f.file)).toEqual(['mt-article.txt', 'notes.md', 'textbook.txt', 'glossary.txt', 'guideline.md', 'heart-failure.md', 'hyponatraemia.txt', 'sepsis.md']);
		expect(FIXTURES.filter((f) => f.heldOut).map((f) => f.file)).toEqual(['hyponatraemia.txt', 'sepsis.md']);
	});

	it.each(docs)('$file is 350–700 words with 15–30 facts', ({ text, facts }) => {
		const words = text.split(/\s+/).filter(Boolean).length;
		expect(words).toBeGreaterThanOrEqual(350);
		expect(words).toBeLessThanOrEqual(700);
		expect(facts.length).toBeGreaterThanOrEqual(15);
		expect(facts.length).toBeLessThanOrEqual(30);
	});

	it.each(docs)('$file states every keyword of its facts, as written', ({ text, facts }) => {
		const doc = normalise(text);
		const absent = facts.flatMap((f) => f.keywords.filter((k) => k !== k.toLowerCase() || !containsKeyword(doc, k)).map((k) => `${f.fact}: "${k}"`));
		expect(absent).toEqual([]);
		expect(facts.every((f) => f.keywords.length >= 1 && f.keywords.length <= 3)).toBe(true);
		expect(new Set(facts.map((f) => f.fact)).size).toBe(facts.length);
	});

	it('holds the shapes the extractor has to handle', () => {
		const [mt, notes, textbook, glossary, guideline, heart] = docs.map((d) => d.text) as [string, string, string, string, string, string];
		for (const re of [/the reasons are the following:/, /^1, .*:$/m, /^2, /m, /^3, /m, /\(1\).*\(2\).*\(3\).*\(4\)/, /vicious circle/, /most important/, /Many patients ask/]) expect(mt).toMatch(re);
		for (const re of [/^# /m, /^## /m, /\*\*[^*]+\*\* /, /^Four complications.*:$/m, /^- /m, /^1\. /m, /mmol\/L/, /mL\/kg\/h/, /hours/]) expect(notes).toMatch(re);
		for (const re of [/First, .*Second, .*Third, /s, /is defined as/, /refers to/, /is called/, /e\.g\. .*vs\. .*\d\.\d\d/, /leads to/, /results in/, /thereby/]) expect(textbook).toMatch(re);
		expect(textbook).not.toMatch(/[#*]/);
		const glossaryLines = glossary.split('\n').filter((l) => /^[^:]+: \S/.test(l));
		expect(glossaryLines.length).toBeGreaterThanOrEqual(15);
		expect(glossaryLines.length).toBeLessThanOrEqual(25);
		expect(glossary.split('\n').filter((l) => /^[A-Z][^:]*:$/.test(l)).length).toBeGreaterThanOrEqual(2);
		for (const re of [/classified into three types/, /three main mechanisms\. First, .* Second, .* Third, /s, /confined to bed/, /more than 2 kg in 3 days/]) expect(heart).toMatch(re);
		for (const re of [/≥ 0\.3 mg\/dL within 48 hours/, /below 0\.5 mL\/kg\/h for 6–12 hours/, /^①.*\n②.*\n③/m, /primary/, /most dangerous/]) expect(guideline).toMatch(re);
	});
});
