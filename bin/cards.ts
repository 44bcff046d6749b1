// `npm run cards -- <command>`: the deck command line, over the same core parser as the app.
import path from 'node:path';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { formatProblem, parseDeck } from '../src/lib/core/deck-file.ts';
import { extract } from '../src/lib/core/extract/index.ts';
import { parseTermMap } from '../src/lib/core/extract/terms.ts';
import { htmlToText } from '../src/lib/core/extract/html-text.ts';
import { toParsedDeck, writeDeckFiles } from '../src/lib/core/extract/deck-out.ts';
import { looksBinary } from '../src/lib/core/csv-parse.ts';
import { gradeContext } from '../src/lib/core/quiz/glossary.ts';
import { checkQuizFields } from '../src/lib/core/quiz/deck-check.ts';
import { buildChoice, buildSelect, choicePool, expectedAnswer } from '../src/lib/core/quiz/choice.ts';
import { gradePrepared, prepareAnswer, type Verdict } from '../src/lib/core/quiz/typed.ts';
import { scoreTypedList, scoreTypedSteps } from '../src/lib/core/quiz/recall.ts';
import { proposeRating } from '../src/lib/core/quiz/form.ts';
import { RATING_NAMES, type Problem } from '../src/lib/core/model.ts';

const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
import { readDeckFolder, readDeckFolders, type DeckFolder } from './deck-folders.ts';
import { ankiCommand, exportApkgCommand } from './anki-commands.ts';

const USAGE = `Usage: npm run cards -- <command>

  check [folder]              validate every deck under cards/, or one deck folder, or the decks
                              under another folder; exit 1 on any problem
  show <deck folder or id>    print a deck's cards
  show <deck folder or id> --json
                              the same as a JSON array on stdout
  grade <deck> <card-id> "<typed answer>" [--json]
                              grade an answer as the app would: the verdict and what differed
                              (a list card's items separated by " | " or new lines)
  choices <deck> <card-id> [--json]
                              the multiple-choice (or select-all-that-apply) options the app
                              would show, or why the card is asked another way
  extract <file> [--terms <term map>] [--json] [--out cards/<deck-id>/] [--title <title>]
                              draft cards from a document (.txt, .md, .html, .pdf, .docx);
                              --json prints them with their source spans, --out writes a deck
                              folder that "check" accepts
  anki <file.apkg|.colpkg> [--json]
                              what importing an Anki package would bring: decks, note types,
                              cards, reviews, tags, media, and each row left out with its reason
  export-apkg <deck folder or id> --out <file.apkg>
                              write a deck's cards as an Anki package (Anki and AnkiDroid open it)
  help                        this text`;

export function run(argv: string[], out: (s: string) => void, err: (s: string) => void, cwd = process.cwd()): number | Promise<number> {
	const [command, ...rest] = argv;
	const cardsRoot = path.join(cwd, 'cards');
	if (!command || command === 'help' || command === '--help' || command === '-h') {
		out(USAGE);
		return command ? 0 : 2;
	}
	if (command === 'check') {
		const root = rest[0] ? path.resolve(cwd, rest[0]) : cardsRoot;
		// One deck folder (it holds a deck.md) or a folder of deck folders.
		const single = existsSync(path.join(root, 'deck.md'));
		const { decks, problems } = single ? { decks: [readDeckFolder(root, cwd)], problems: [] } : readDeckFolders(root, cwd);
		const all = [...problems, ...decks.flatMap((d) => [...d.parsed.problems, ...(d.parsed.problems.length ? [] : quizProblems(d, cwd))])];
		for (const p of all) err(formatProblem(p));
		if (decks.length === 0 && all.length === 0) {
			err(`${path.relative(cwd, root) || root}: no deck folders found`);
			return 1;
		}
		if (all.length) {
			err(`${all.length} problem${all.length === 1 ? '' : 's'} found`);
			return 1;
		}
		for (const d of decks) out(`ok  ${d.folder}: ${d.parsed.cards.length} cards, ${d.parsed.source.passages.length} passages`);
		return 0;
	}
	if (command === 'show') {
		const json = rest.includes('--json');
		const target = rest.find((a) => !a.startsWith('--'));
		if (!target) {
			err('show: name a deck folder (cards/nephrotic-syndrome) or a deck id (nephrotic-syndrome)');
			return 2;
		}
		const found = findDeck(target, cwd, cardsRoot);
		if (!found) {
			err(`show: no deck folder or deck id "${target}" under ${path.relative(cwd, cardsRoot) || cardsRoot}`);
			return 1;
		}
		if (found.parsed.problems.length) {
			for (const p of found.parsed.problems) err(formatProblem(p));
			err('show: the deck has problems; run "npm run cards -- check"');
			return 1;
		}
		const passages = new Map(found.parsed.source.passages.map((p) => [p.id, p.text]));
		if (json) {
			const rows = found.parsed.cards.map((c) => ({
				id: c.id,
				deck: found.parsed.deck.id,
				kind: c.kind,
				question: c.question,
				answer: c.answer,
				items: c.items,
				explanation: c.explanation,
				section: c.section,
				passage: c.passage,
				passageText: passages.get(c.passage) ?? ''
			}));
			out(JSON.stringify(rows, null, 2));
			return 0;
		}
		out(`${found.parsed.deck.title} (${found.parsed.deck.id}): ${found.parsed.cards.length} cards`);
		let section = '';
		for (const c of found.parsed.cards) {
			if (c.section !== section) {
				section = c.section;
				out(`\n# ${section}`);
			}
			out(`\n[${c.id}] ${c.kind} · passage ${c.passage}`);
			out(`  Q: ${c.question}`);
			out(`  A: ${c.answer.replace(/\n/g, '\n     ')}`);
			if (c.explanation) out(`  Note: ${c.explanation}`);
		}
		return 0;
	}
	if (command === 'extract') return extractCommand(rest, out, err, cwd);
	if (command === 'anki') return ankiCommand(rest, out, err, cwd);
	if (command === 'export-apkg') return exportApkgCommand(rest, out, err, cwd, (t) => findDeck(t, cwd, cardsRoot));
	if (command === 'grade' || command === 'choices') return quizCommand(command, rest, out, err, cwd, cardsRoot);
	err(`unknown command "${command}"\n\n${USAGE}`);
	return 2;
}

/** The deck's Accept: and Distractors: entries checked with the grader, each at its own line. */
function quizProblems(d: DeckFolder, cwd: string): Problem[] {
	const deckFile = path.join(d.folder, 'deck.md');
	const deckText = readFileSync(path.resolve(cwd, deckFile), 'utf8');
	const sourceText = existsSync(path.resolve(cwd, d.folder, 'source.md')) ? readFileSync(path.resolve(cwd, d.folder, 'source.md'), 'utf8') : '';
	const lines = deckText.split(/\r?\n/);
	const found = checkQuizFields(d.parsed.cards, gradeContext([deckText, sourceText]));
	return found.map((f) => {
		const start = lines.findIndex((l) => l.trim() === `## ${f.card}`);
		const entry = f.entry.trim();
		const at = lines.findIndex((l, i) => i > start && (l.trim() === `- ${entry}` || l.trim() === `${f.field}: ${entry}`.trim()));
		return { file: deckFile, line: (at >= 0 ? at : Math.max(0, start)) + 1, message: f.message };
	});
}

function quizCommand(command: 'grade' | 'choices', args: string[], out: (s: string) => void, err: (s: string) => void, cwd: string, cardsRoot: string): number {
	const json = args.includes('--json');
	const [target, cardId, ...typedParts] = args.filter((a) => a !== '--json');
	if (!target || !cardId || (command === 'grade' && !typedParts.length)) {
		err(command === 'grade' ? 'grade: name a deck, a card id and the typed answer, e.g. npm run cards -- grade nephrotic-syndrome hc-at3 "AT-III"' : 'choices: name a deck and a card id, e.g. npm run cards -- choices nephrotic-syndrome hc-at3');
		return 2;
	}
	const found = findDeck(target, cwd, cardsRoot);
	if (!found) {
		err(`${command}: no deck folder or deck id "${target}" under ${path.relative(cwd, cardsRoot) || cardsRoot}`);
		return 1;
	}
	if (found.parsed.problems.length) {
		for (const p of found.parsed.problems) err(formatProblem(p));
		err(`${command}: the deck has problems; run "npm run cards -- check"`);
		return 1;
	}
	const card = found.parsed.cards.find((c) => c.id === cardId);
	if (!card) {
		err(`${command}: deck "${found.parsed.deck.id}" has no card "${cardId}"`);
		return 1;
	}
	const texts = [found.parsed.cards.map((c) => `${c.question}\n${c.answer}\n${c.items.join('\n')}`).join('\n'), ...found.parsed.source.passages.map((p) => p.text)];
	const ctx = gradeContext(texts);
	const key = `${found.parsed.deck.id}/${card.id}`;
	if (command === 'choices') {
		const pool = choicePool(
			found.parsed.cards.map((c) => ({ key: `${found.parsed.deck.id}/${c.id}`, card: c })),
			ctx
		);
		const seed = `${key}:0`;
		const choice = buildChoice(key, card, pool, seed);
		const select = choice ? null : buildSelect(key, card, pool, seed);
		const form = choice ? 'choice' : select ? 'select' : null;
		const options = choice ? choice.options.map((o) => ({ text: o.text, correct: o.correct, fromCard: o.fromCard?.split('/')[1] ?? null })) : select ? select.map((o) => ({ text: o.text, correct: o.item >= 0, fromCard: o.fromCard?.split('/')[1] ?? null })) : [];
		const why = form ? '' : card.kind === 'list' ? 'fewer than two good wrong items of the same kind: asked as list recall' : card.kind === 'steps' ? 'a chain: asked as ordering' : card.format === 'html' ? 'imported HTML: asked as a flip card' : 'fewer than three good distractors of the same kind: asked typed or as a flip card';
		if (json) {
			out(JSON.stringify({ deck: found.parsed.deck.id, card: card.id, form, prompt: card.question, options, reason: why || undefined }, null, 2));
			return 0;
		}
		out(`[${card.id}] ${card.question}`);
		if (!form) {
			out(`  no ${card.kind === 'list' ? 'select-all-that-apply' : 'multiple choice'}: ${why}`);
			return 0;
		}
		out(form === 'select' ? '  Select all that apply:' : '  Multiple choice:');
		options.forEach((o, i) => out(`  ${o.correct ? '✓' : '✗'} ${i + 1}. ${o.text}${o.fromCard ? `   (from ${o.fromCard})` : o.correct ? '' : '   (written by the author or the answer turned round)'}`));
		return 0;
	}
	const typed = typedParts.join(' ');
	let verdict: Verdict;
	let detail: Record<string, unknown>;
	if (card.kind === 'list' || card.kind === 'steps') {
		const lines = typed.split(/\s*\|\s*|\n/);
		if (card.kind === 'steps') {
			verdict = scoreTypedSteps(lines, card.items, { question: card.question, ctx });
			detail = { lines };
		} else {
			const r = scoreTypedList(lines, card.items, { question: card.question, ctx });
			verdict = r.verdict;
			detail = { found: r.found.map((i) => card.items[i]), missed: r.missed.map((i) => card.items[i]), notInTheList: r.extra, unsure: r.unsure.map((i) => card.items[i]) };
		}
	} else {
		const r = gradePrepared(typed, prepareAnswer(expectedAnswer(card), { question: card.question, accept: card.accept, ctx }));
		verdict = r.verdict;
		detail = { reason: r.reason, differences: r.differences.map((d) => ({ kind: d.kind, message: d.message, typed: d.typed, expected: d.expected })) };
	}
	const proposed = proposeRating(verdict);
	// "close" is the grader saying it cannot tell: for the three-way verdict it is not right.
	const threeWay = verdict === 'close' ? 'partly' : verdict;
	if (json) {
		out(JSON.stringify({ deck: found.parsed.deck.id, card: card.id, typed, expected: card.kind === 'list' || card.kind === 'steps' ? card.items : expectedAnswer(card), verdict: threeWay, grader: verdict, unsure: verdict === 'close', proposed: RATING_NAMES[proposed], ...detail }, null, 2));
		return 0;
	}
	const NAME: Record<Verdict, string> = { right: 'Right', close: 'Close — check it yourself', partly: 'Partly right', wrong: 'Not quite' };
	out(`${NAME[verdict]} · suggested grade: ${RATING_NAMES[proposed]}`);
	if (typeof detail.reason === 'string' && detail.reason) out(`  ${detail.reason}`);
	for (const d of (detail.differences as { message: string }[] | undefined) ?? []) if (d.message !== detail.reason) out(`  · ${d.message}`);
	if (detail.found) {
		for (const i of detail.found as string[]) out(`  ✓ ${i}`);
		for (const i of detail.missed as string[]) out(`  ✗ missed: ${i}`);
		for (const i of detail.notInTheList as string[]) out(`  ✗ not in the list: ${i}`);
	}
	out(`  answer: ${card.kind === 'list' || card.kind === 'steps' ? card.items.join(' | ') : expectedAnswer(card)}`);
	return 0;
}

function option(args: string[], name: string): string | undefined {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
}

function extractCommand(args: string[], out: (s: string) => void, err: (s: string) => void, cwd: string): number | Promise<number> {
	const file = args.find((a, i) => !a.startsWith('--') && !['--terms', '--out', '--title'].includes(args[i - 1] ?? ''));
	if (!file) {
		err('extract: name a document, e.g. npm run cards -- extract notes.md');
		return 2;
	}
	const full = path.resolve(cwd, file);
	if (!existsSync(full)) {
		err(`extract: no such file: ${file}`);
		return 1;
	}
	const termsFile = option(args, '--terms');
	if (termsFile && !existsSync(path.resolve(cwd, termsFile))) {
		err(`extract: no such term map: ${termsFile}`);
		return 1;
	}
	const terms = termsFile ? readFileSync(path.resolve(cwd, termsFile), 'utf8') : undefined;
	if (terms) {
		const parsed = parseTermMap(terms);
		for (const p of parsed.problems) err(`${termsFile}:${p.line}: ${p.message}`);
		if (parsed.problems.length) return 1;
	}
	return documentText(full).then((doc) => {
		if (!doc.ok) {
			err(`extract: ${doc.problem}`);
			return 1;
		}
		const ex = extract(doc.text, { terms, title: path.basename(file).replace(/\.[^.]+$/, '') });
		if (args.includes('--json')) {
			// The fields of earlier versions stay; why, the answer's spans and a "needs a look" reason are added.
			out(JSON.stringify(ex.drafts.map((d) => ({ id: d.id, kind: d.kind, question: d.question, answer: d.answer, items: d.items, section: d.section, detector: d.detector, start: d.span.start, end: d.span.end, passage: d.passage, passageText: d.passageText, why: d.why, answerSpans: d.answerSpans, ...(d.needsLook ? { needsLook: d.needsLook } : {}) })), null, 2));
		} else if (!args.includes('--out')) {
			out(`${ex.title}: ${ex.drafts.length} draft cards`);
			for (const d of ex.drafts) out(`\n[${d.why}] ${d.kind} · ${d.section}${d.needsLook ? `\n  needs a look: ${d.needsLook}` : ''}\n  Q: ${d.question}\n  A: ${d.answer.replace(/\n/g, '\n     ')}`);
		}
		const outDir = option(args, '--out');
		if (outDir) {
			const dir = path.resolve(cwd, outDir);
			const deckId = path.basename(dir);
			const deck = toParsedDeck(ex, ex.drafts, { deckId, title: option(args, '--title'), origin: `Drafted by DocDeck from ${path.basename(file)}.` });
			const files = writeDeckFiles(deck);
			const rel = (f: string) => path.relative(cwd, path.join(dir, f));
			const check = parseDeck({ deckFile: rel('deck.md'), deckText: files.deckText, sourceFile: rel('source.md'), sourceText: files.sourceText });
			if (check.problems.length) {
				for (const p of check.problems) err(formatProblem(p));
				err('extract: the drafted deck did not pass the deck check; nothing was written');
				return 1;
			}
			mkdirSync(dir, { recursive: true });
			writeFileSync(path.join(dir, 'deck.md'), files.deckText);
			writeFileSync(path.join(dir, 'source.md'), files.sourceText);
			err(`wrote ${rel('deck.md')} (${deck.cards.length} cards) and ${rel('source.md')} (${deck.source.passages.length} passages)`);
		}
		return 0;
	});
}

/** A document file as text: Markdown and plain text as they are, HTML as text, PDF and DOCX read. */
async function documentText(file: string): Promise<{ ok: true; text: string } | { ok: false; problem: string }> {
	const name = path.basename(file);
	const ext = path.extname(file).toLowerCase();
	if (statSync(file).size > MAX_DOCUMENT_BYTES) return { ok: false, problem: `${name} is larger than ${MAX_DOCUMENT_BYTES / 1048576} MB` };
	const bytes = readFileSync(file);
	if (ext === '.pdf') {
		const { pdfToText } = await import('../src/lib/doc/pdf.ts');
		return pdfToText(new Uint8Array(bytes), { fileName: name });
	}
	if (ext === '.docx') {
		const { docxToText } = await import('../src/lib/doc/docx.ts');
		return docxToText(new Uint8Array(bytes), name);
	}
	const text = bytes.toString('utf8');
	if (looksBinary(text)) return { ok: false, problem: `${name} is not a text document (it looks binary)` };
	return { ok: true, text: ext === '.html' || ext === '.htm' ? htmlToText(text) : text };
}

function findDeck(target: string, cwd: string, cardsRoot: string): DeckFolder | null {
	const asPath = path.resolve(cwd, target);
	if (existsSync(asPath) && statSync(asPath).isDirectory()) return readDeckFolder(asPath, cwd);
	const { decks } = readDeckFolders(cardsRoot, cwd);
	return decks.find((d) => d.parsed.deck.id === target || path.basename(d.folder) === target) ?? null;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]).replace(/\.ts$/, '') === path.resolve(import.meta.dirname ?? '', 'cards');
if (isMain) {
	// `cards show … | head` closes the pipe early: that is not an error.
	process.stdout.on('error', (e: NodeJS.ErrnoException) => {
		if (e.code === 'EPIPE') process.exit(0);
		throw e;
	});
	void Promise.resolve(run(process.argv.slice(2), (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n'))).then((code) => (process.exitCode = code));
}
