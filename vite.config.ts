import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vitest/config';
import { formatProblem } from './src/lib/core/deck-file.ts';
import { readDeckFolders } from './bin/deck-folders.ts';

/** A deck file with problems never ships: the build stops with the file and line of each. */
function checkDecks(): Plugin {
	return {
		name: 'docdeck:check-decks',
		apply: 'build',
		buildStart() {
			const { decks, problems } = readDeckFolders('cards');
			const all = [...problems, ...decks.flatMap((d) => d.parsed.problems)];
			if (all.length) this.error(`deck files have problems:\n${all.map(formatProblem).join('\n')}`);
		}
	};
}

export default defineConfig({
	plugins: [checkDecks(), sveltekit()],
	build: {
		rolldownOptions: { checks: { bundlerTimings: false } }
	},
	// Rune classes are tested with Svelte's browser runtime (reactive $derived), not its server one.
	resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
	test: {
		include: ['src/**/*.test.ts', 'bin/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['fake-indexeddb/auto']
	}
});
