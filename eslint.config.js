// Lint: the mistakes tests miss. Type-aware, so a promise nobody awaits or catches is an error
// (every failure must reach the learner through the error funnel, src/lib/state/errors.svelte.ts).
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import svelteConfig from './svelte.config.js';
import { layers } from './eslint.layers.js';

export default tseslint.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'test-results/', 'playwright-report/', 'static/'] },
	...tseslint.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				tsconfigRootDir: import.meta.dirname
			}
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: tseslint.parser, svelteConfig } }
	},
	{
		files: ['**/*.ts', '**/*.svelte'],
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// The app is served at the root with absolute paths (kit.paths.relative = false), so
			// plain hrefs are right; resolve() matters only under a base path.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		// State classes keep reactive data in $state/$state.raw fields; Maps, Sets and URLs inside
		// them are local working values or private caches, never read reactively.
		files: ['src/lib/state/**/*.svelte.ts'],
		rules: { 'svelte/prefer-svelte-reactivity': 'off' }
	},
	...layers,
	{
		// Outside the app's type program: lint them without type information.
		// (The service worker is type-checked by its own tsconfig.sw.json.)
		files: ['*.js', 'src/service-worker.ts'],
		...tseslint.configs.disableTypeChecked
	}
);
