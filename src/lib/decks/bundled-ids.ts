// The ids of the decks this build ships, without loading their files: each cards/<id>/ folder is
// named after its deck's id (the build check refuses a folder that is not).

const folders = import.meta.glob('/cards/*/deck.md', { query: '?raw', import: 'default' });

export const BUNDLED_DECK_IDS: readonly string[] = Object.keys(folders)
	.map((f) => f.split('/')[2]!)
	.sort();
