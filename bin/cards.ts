// `npm run cards -- <command>`: the deck command line, over the same core parser as the app.
import path from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { formatProblem } from '../src/lib/core/deck-file.ts';
import { readDeckFolder, readDeckFolders, type DeckFolder } from './deck-folders.ts';

const USAGE = `Usage: npm run cards -- <command>

  check [folder]              validate every deck under cards/, or one deck folder, or the decks
                              under another folder; exit 1 on any problem
  show <deck folder or id>    print a deck's cards
  show <deck folder or id> --json
                              the same as a JSON array on stdout
  help                        this text`;

export function run(argv: string[], out: (s: string) => void, err: (s: string) => void, cwd = process.cwd()): number {
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
		const all = [...problems, ...decks.flatMap((d) => d.parsed.problems)];
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
	err(`unknown command "${command}"\n\n${USAGE}`);
	return 2;
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
	process.exitCode = run(process.argv.slice(2), (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n'));
}
