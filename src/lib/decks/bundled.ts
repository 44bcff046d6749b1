// The decks that ship with the app: every cards/<deck>/ folder, compiled in at build time and
// parsed by the same core parser as the command line.

import { parseDeck, type ParsedDeck } from '$lib/core/deck-file';

const files = import.meta.glob('/cards/*/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export function bundledDecks(): ParsedDeck[] {
	const folders = new Set(Object.keys(files).map((f) => f.slice(0, f.lastIndexOf('/'))));
	return [...folders].sort().map((folder) => {
		const deckFile = `${folder}/deck.md`.slice(1);
		const sourceFile = `${folder}/source.md`.slice(1);
		return parseDeck({ deckFile, deckText: files[`/${deckFile}`] ?? '', sourceFile, sourceText: files[`/${sourceFile}`] ?? '' });
	});
}
