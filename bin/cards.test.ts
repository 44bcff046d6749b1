import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './cards';

const REPO = path.resolve(import.meta.dirname, '..');

function cli(argv: string[], cwd: string) {
	const out: string[] = [];
	const err: string[] = [];
	const code = run(argv, (s) => out.push(s), (s) => err.push(s), cwd);
	return { code, out: out.join('\n'), err: err.join('\n') };
}

const SOURCE = ['---', 'title: Thyroid notes', 'origin: Written for the tests.', '---', '', '# Thyroid', '', '{#tsh} A high TSH usually means the thyroid gland is underactive.'].join('\n');

const GOOD_DECK = ['---', 'id: thyroid', 'title: Thyroid', '---', '', '# Thyroid', '', '## tsh-high', 'kind: basic', 'passage: tsh', 'Q: What does a high TSH usually suggest?', 'A: An underactive thyroid.'].join('\n');

// Line 14 is the card heading of a card without an answer.
const BROKEN_DECK = [
	'---', // 1
	'id: thyroid', // 2
	'title: Thyroid', // 3
	'---', // 4
	'', // 5
	'# Thyroid', // 6
	'', // 7
	'## tsh-high', // 8
	'kind: basic', // 9
	'passage: tsh', // 10
	'Q: What does a high TSH usually suggest?', // 11
	'A: An underactive thyroid.', // 12
	'', // 13
	'## tsh-low', // 14
	'kind: basic', // 15
	'passage: tsh', // 16
	'Q: What can a low TSH point to?' // 17
].join('\n');

const temps: string[] = [];
function workspace(decks: Record<string, { deck?: string; source?: string }>): string {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'docdeck-cli-'));
	temps.push(dir);
	mkdirSync(path.join(dir, 'cards'));
	for (const [name, files] of Object.entries(decks)) {
		const folder = path.join(dir, 'cards', name);
		mkdirSync(folder);
		if (files.deck !== undefined) writeFileSync(path.join(folder, 'deck.md'), files.deck);
		if (files.source !== undefined) writeFileSync(path.join(folder, 'source.md'), files.source);
	}
	return dir;
}
afterEach(() => {
	for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('cards check', () => {
	it('passes on the repository’s own decks', () => {
		const r = cli(['check'], REPO);
		expect(r.err).toBe('');
		expect(r.code).toBe(0);
		expect(r.out).toMatch(/^ok {2}cards\/nephrotic-syndrome: \d+ cards, \d+ passages$/m);
	});

	it('passes on a valid deck of ours', () => {
		const r = cli(['check'], workspace({ thyroid: { deck: GOOD_DECK, source: SOURCE } }));
		expect(r.code).toBe(0);
		expect(r.out).toBe('ok  cards/thyroid: 1 cards, 1 passages');
	});

	it('fails on a broken deck, naming the file and the line', () => {
		const r = cli(['check'], workspace({ thyroid: { deck: BROKEN_DECK, source: SOURCE } }));
		expect(r.code).toBe(1);
		expect(r.err).toContain(`${path.join('cards', 'thyroid', 'deck.md')}:14: card "tsh-low": has no answer`);
		expect(r.err).toMatch(/1 problem found/);
		expect(r.out).toBe('');
	});

	it('checks one deck folder when it is named', () => {
		const dir = workspace({ thyroid: { deck: GOOD_DECK, source: SOURCE }, other: { deck: BROKEN_DECK, source: SOURCE } });
		const r = cli(['check', 'cards/thyroid'], dir);
		expect(r.code).toBe(0);
		expect(r.out).toBe('ok  cards/thyroid: 1 cards, 1 passages');
		expect(cli(['check', 'cards/other'], dir).code).toBe(1);
	});

	it('fails when a folder lacks its source.md', () => {
		const r = cli(['check'], workspace({ thyroid: { deck: GOOD_DECK } }));
		expect(r.code).toBe(1);
		expect(r.err).toContain(`${path.join('cards', 'thyroid', 'source.md')}:1: missing`);
	});

	it('fails when two folders use the same deck id', () => {
		const r = cli(['check'], workspace({ thyroid: { deck: GOOD_DECK, source: SOURCE }, 'thyroid-copy': { deck: GOOD_DECK, source: SOURCE } }));
		expect(r.code).toBe(1);
		expect(r.err).toMatch(/deck id "thyroid" is already used/);
	});

	it('fails when a folder is not named after its deck id (the app knows built-in decks by folder)', () => {
		const r = cli(['check'], workspace({ thyroid: { deck: GOOD_DECK, source: SOURCE }, glands: { deck: GOOD_DECK.replace('id: thyroid', 'id: glands-deck'), source: SOURCE } }));
		expect(r.code).toBe(1);
		expect(r.err).toMatch(/deck id "glands-deck" must be the folder's name \("glands"\)/);
	});

	it('fails when there are no decks at all', () => {
		const r = cli(['check'], workspace({}));
		expect(r.code).toBe(1);
		expect(r.err).toMatch(/no deck folders found/);
	});

	it('checks another folder when one is named', () => {
		const dir = workspace({ thyroid: { deck: BROKEN_DECK, source: SOURCE } });
		expect(cli(['check', 'cards'], dir).code).toBe(1);
		expect(cli(['check'], REPO).code).toBe(0);
	});
});

describe('cards show', () => {
	it('--json prints every card of the real deck with its fields', () => {
		const r = cli(['show', 'nephrotic-syndrome', '--json'], REPO);
		expect(r.code).toBe(0);
		const rows = JSON.parse(r.out) as Record<string, unknown>[];
		expect(Array.isArray(rows)).toBe(true);
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) {
			for (const field of ['id', 'kind', 'question', 'answer', 'section', 'passage']) {
				expect(typeof row[field], `${String(row.id)}.${field}`).toBe('string');
				expect(row[field], `${String(row.id)}.${field}`).not.toBe('');
			}
			expect(['basic', 'cloze', 'list', 'steps']).toContain(row.kind);
			expect(row.passageText, `${String(row.id)} passage text`).not.toBe('');
		}
		expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
		const clozes = rows.filter((row) => row.kind === 'cloze');
		expect(clozes.length).toBeGreaterThan(0);
		for (const c of clozes) {
			expect(c.question).toContain('[…]');
			expect(c.answer).not.toContain('{{');
			expect(c.answer).not.toContain('[…]');
		}
	});

	it('finds a deck by folder path as well as by id', () => {
		const byPath = cli(['show', 'cards/nephrotic-syndrome', '--json'], REPO);
		const byId = cli(['show', 'nephrotic-syndrome', '--json'], REPO);
		expect(byPath.code).toBe(0);
		expect(byPath.out).toBe(byId.out);
	});

	it('prints a readable listing of our deck', () => {
		const r = cli(['show', 'thyroid'], workspace({ thyroid: { deck: GOOD_DECK, source: SOURCE } }));
		expect(r.code).toBe(0);
		expect(r.out).toContain('Thyroid (thyroid): 1 cards');
		expect(r.out).toContain('[tsh-high] basic · passage tsh');
		expect(r.out).toContain('Q: What does a high TSH usually suggest?');
		expect(r.out).toContain('A: An underactive thyroid.');
	});

	it('refuses a deck with problems and an unknown deck', () => {
		const dir = workspace({ thyroid: { deck: BROKEN_DECK, source: SOURCE } });
		const broken = cli(['show', 'thyroid', '--json'], dir);
		expect(broken.code).toBe(1);
		expect(broken.out).toBe('');
		expect(broken.err).toContain(':14:');
		expect(cli(['show', 'no-such-deck'], dir).code).toBe(1);
		expect(cli(['show'], dir).code).toBe(2);
	});
});

describe('usage', () => {
	it('an unknown command exits 2 with the usage', () => {
		const r = cli(['frobnicate'], REPO);
		expect(r.code).toBe(2);
		expect(r.err).toMatch(/unknown command "frobnicate"/);
		expect(r.err).toMatch(/Usage:/);
	});
});

async function cliAsync(argv: string[], cwd: string) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await run(argv, (s) => out.push(s), (s) => err.push(s), cwd);
	return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cards extract', () => {
	const DOC = 'Potassium\n\nHyperkalaemia is defined as a serum potassium above 5.5 mmol/L.\n\nRenal failure leads to potassium retention, which causes arrhythmias, resulting in cardiac arrest.\n';

	it('--json prints each draft with its kind, question, answer, section and source span', async () => {
		const dir = workspace({});
		writeFileSync(path.join(dir, 'k.md'), DOC);
		const r = await cliAsync(['extract', 'k.md', '--json'], dir);
		expect(r.code).toBe(0);
		const drafts = JSON.parse(r.out) as { id: string; kind: string; question: string; answer: string; section: string; start: number; end: number; passageText: string; why: string; detector: string; answerSpans: { start: number; end: number }[]; needsLook?: string }[];
		expect(drafts.length).toBeGreaterThan(3);
		for (const d of drafts) {
			for (const f of ['id', 'kind', 'question', 'answer', 'section', 'passageText', 'why', 'detector'] as const) expect(typeof d[f]).toBe('string');
			expect(DOC.slice(d.start, d.end).replace(/\s+/g, ' ')).toBe(d.passageText);
			for (const a of d.answerSpans) expect(a.start >= d.start && a.end <= d.end).toBe(true);
		}
		expect(drafts.find((d) => d.question === 'What is hyperkalaemia?')).toMatchObject({ answer: 'A serum potassium above 5.5 mmol/L', why: 'definition' });
		expect(drafts.find((d) => /what does renal failure lead to\?$/i.test(d.question))).toMatchObject({ answer: 'Potassium retention', why: 'cause → effect' });
	});

	it('--out writes a deck folder that "check" accepts, and a term map is applied first', async () => {
		const dir = workspace({});
		writeFileSync(path.join(dir, 'k.txt'), DOC.replace('Renal failure', 'Renal ball failure'));
		writeFileSync(path.join(dir, 'terms.txt'), '# slips\nrenal ball => glomerular\n');
		const r = await cliAsync(['extract', 'k.txt', '--terms', 'terms.txt', '--out', 'cards/potassium'], dir);
		expect(r.code).toBe(0);
		expect(r.err).toMatch(/^wrote cards\/potassium\/deck\.md \(\d+ cards\) and cards\/potassium\/source\.md/);
		expect(cli(['check'], dir)).toMatchObject({ code: 0, out: expect.stringMatching(/^ok {2}cards\/potassium: \d+ cards/) });
		const shown = cli(['show', 'potassium', '--json'], dir);
		expect(shown.out).toContain('Glomerular failure');
		expect(shown.out).not.toContain('Renal ball');
	});

	it('reads a PDF made by the test, and says why it cannot read a file', async () => {
		const { makePdf } = await import('../tests/fixtures/docs');
		const dir = workspace({});
		writeFileSync(path.join(dir, 'k.pdf'), makePdf(DOC.split('\n')));
		const r = await cliAsync(['extract', 'k.pdf', '--json'], dir);
		expect(r.code).toBe(0);
		expect(JSON.parse(r.out).some((d: { question: string }) => d.question === 'What is hyperkalaemia?')).toBe(true);
		writeFileSync(path.join(dir, 'bad.pdf'), 'not a pdf');
		expect(await cliAsync(['extract', 'bad.pdf'], dir)).toMatchObject({ code: 1, err: expect.stringMatching(/bad\.pdf/) });
		expect(await cliAsync(['extract', 'missing.txt'], dir)).toMatchObject({ code: 1, err: 'extract: no such file: missing.txt' });
		writeFileSync(path.join(dir, 'terms.txt'), 'no arrow');
		expect(await cliAsync(['extract', 'k.pdf', '--terms', 'terms.txt'], dir)).toMatchObject({ code: 1, err: expect.stringMatching(/^terms\.txt:1: /) });
	});
});

// A deck of our own for the answer commands: a factor card, a lipoprotein card with authored
// distractors, and a list card.
const CLOT_SOURCE = ['---', 'title: Clotting notes', 'origin: Written for the tests.', '---', '', '# Clotting', '', '{#f8} Haemophilia A is a lack of factor VIII; antithrombin III (AT-III) is the main natural anticoagulant.', '', '{#lip} Low-density lipoprotein (LDL) carries cholesterol to the tissues.'].join('\n');
function clotDeck(extra: string[] = []) {
	return [
		'---', // 1
		'id: clotting', // 2
		'title: Clotting', // 3
		'---', // 4
		'', // 5
		'# Clotting', // 6
		'', // 7
		'## haem-a', // 8
		'kind: basic', // 9
		'passage: f8', // 10
		'Q: A lack of which clotting factor causes haemophilia A?', // 11
		'A: Factor VIII.', // 12
		'', // 13
		'## ldl', // 14
		'kind: basic', // 15
		'passage: lip', // 16
		'Q: Which lipoprotein carries cholesterol to the tissues?', // 17
		'A: Low-density lipoprotein (LDL).', // 18
		'Distractors:', // 19
		'- High-density lipoprotein (HDL)', // 20
		'- Very-low-density lipoprotein (VLDL)', // 21
		'- Chylomicrons', // 22
		...extra
	].join('\n');
}

describe('cards grade and choices', () => {
	it('grade names what differed; --json gives the three-way verdict and the grader’s own', () => {
		const dir = workspace({ clotting: { deck: clotDeck(), source: CLOT_SOURCE } });
		const wrong = cli(['grade', 'clotting', 'haem-a', 'factor VII'], dir);
		expect(wrong.code).toBe(0);
		expect(wrong.out).toMatch(/^Not quite · suggested grade: Again\n {2}you wrote factor VII; the answer is factor VIII/i);
		const right = JSON.parse(cli(['grade', 'clotting', 'haem-a', 'FVIII', '--json'], dir).out);
		expect(right).toMatchObject({ card: 'haem-a', verdict: 'right', grader: 'right', unsure: false, proposed: 'Good' });
		const unsure = JSON.parse(cli(['grade', 'clotting', 'haem-a', 'factor VIII deficiency', '--json'], dir).out);
		expect(unsure).toMatchObject({ verdict: 'partly', grader: 'close', unsure: true, proposed: 'Hard' });
		expect(cli(['grade', 'clotting', 'nope', 'x'], dir)).toMatchObject({ code: 1, err: 'grade: deck "clotting" has no card "nope"' });
		expect(cli(['grade', 'clotting'], dir).code).toBe(2);
	});

	it('choices prints the options the app would show, the author’s first, or why there are none', () => {
		const dir = workspace({ clotting: { deck: clotDeck(), source: CLOT_SOURCE } });
		const q = JSON.parse(cli(['choices', 'clotting', 'ldl', '--json'], dir).out);
		expect(q.form).toBe('choice');
		expect(q.options.map((o: { text: string }) => o.text).sort()).toEqual(['Chylomicrons', 'High-density lipoprotein (HDL)', 'Low-density lipoprotein (LDL)', 'Very-low-density lipoprotein (VLDL)']);
		expect(q.options.filter((o: { correct: boolean }) => o.correct)).toHaveLength(1);
		const none = cli(['choices', 'clotting', 'haem-a'], dir);
		expect(none.out).toMatch(/no multiple choice: fewer than three good distractors/);
	});

	it('check refuses an authored distractor the grader takes as right, and an Accept: with no content, at their lines', () => {
		const bad = clotDeck(['- LDL', '', '## at3', 'kind: basic', 'passage: f8', 'Q: What is the main natural anticoagulant?', 'A: Antithrombin III.', 'Accept: the']);
		const r = cli(['check'], workspace({ clotting: { deck: bad, source: CLOT_SOURCE } }));
		expect(r.code).toBe(1);
		const file = path.join('cards', 'clotting', 'deck.md');
		expect(r.err).toContain(`${file}:23: card "ldl": the distractor "LDL" is graded right for the answer`);
		expect(r.err).toContain(`${file}:30: card "at3": the Accept: entry "the" has no content`);
	});
});
