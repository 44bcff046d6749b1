// Reads deck folders from disk for the command line and the build check. Node only; the parsing
// itself is the app's own core parser.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDeck, type ParsedDeck } from '../src/lib/core/deck-file.ts';
import type { Problem } from '../src/lib/core/model.ts';

export interface DeckFolder {
	folder: string;
	parsed: ParsedDeck;
}

/** Every folder under `root` that holds a deck.md; a folder without one is reported as a problem. */
export function readDeckFolders(root: string, cwd = process.cwd()): { decks: DeckFolder[]; problems: Problem[] } {
	const problems: Problem[] = [];
	const decks: DeckFolder[] = [];
	const rel = (p: string) => path.relative(cwd, p) || p;
	if (!existsSync(root)) return { decks, problems: [{ file: rel(root), line: 1, message: 'no such folder' }] };
	for (const name of readdirSync(root).sort()) {
		const dir = path.join(root, name);
		if (!statSync(dir).isDirectory()) continue;
		decks.push(readDeckFolder(dir, cwd));
	}
	const ids = new Map<string, string>();
	for (const d of decks) {
		const id = d.parsed.deck.id;
		const first = ids.get(id);
		if (id && first) problems.push({ file: rel(path.join(d.folder, 'deck.md')), line: 1, message: `deck id "${id}" is already used by ${first}` });
		// The app knows which deck ids are built in from the folder names alone (src/lib/decks/bundled-ids.ts).
		if (id && id !== path.basename(d.folder)) problems.push({ file: rel(path.join(d.folder, 'deck.md')), line: 1, message: `deck id "${id}" must be the folder's name ("${path.basename(d.folder)}")` });
		ids.set(id, d.folder);
	}
	return { decks, problems };
}

export function readDeckFolder(dir: string, cwd = process.cwd()): DeckFolder {
	const rel = (p: string) => path.relative(cwd, p) || p;
	const deckPath = path.join(dir, 'deck.md');
	const sourcePath = path.join(dir, 'source.md');
	const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : null);
	const deckText = read(deckPath);
	const sourceText = read(sourcePath);
	const parsed = parseDeck({ deckFile: rel(deckPath), deckText: deckText ?? '', sourceFile: rel(sourcePath), sourceText: sourceText ?? '' });
	const missing: Problem[] = [];
	if (deckText === null) missing.push({ file: rel(deckPath), line: 1, message: 'missing: every deck folder needs a deck.md' });
	if (sourceText === null) missing.push({ file: rel(sourcePath), line: 1, message: 'missing: every deck folder needs a source.md' });
	if (missing.length) parsed.problems = missing;
	return { folder: rel(dir), parsed };
}
