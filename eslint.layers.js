// The house plan as lint rules (../shared/DESIGN.md): imports flow routes/components → state → db →
// core, and a few libraries stay behind the one module that wraps each. Every import form counts —
// static, dynamic `import()`, re-exports; relative paths and `$lib/…` aliases alike — so an editor
// shows a crossing as it is typed. src/lib/architecture.test.ts proves each rule catches its bypass.
import boundaries from 'eslint-plugin-boundaries';

/** Pure libraries, each behind the one core module that wraps it. */
const WRAPPERS = [
	{ file: 'src/lib/core/schedule.ts', libraries: ['ts-fsrs'] },
	{ file: 'src/lib/core/csv-parse.ts', libraries: ['papaparse'] },
	// The language library and its model: loaded only by the extraction worker and the command line.
	{ file: 'src/lib/core/extract/nlp.ts', libraries: ['wink-nlp', 'wink-eng-lite-web-model'] },
	// The Anki reader and writer: fflate for the zip, fzstd for current packages' compression; sql.js
	// is handed in loaded (core never fetches its wasm), so the other files name its types only.
	{ file: 'src/lib/core/anki/package.ts', libraries: ['fflate', 'sql.js'] },
	{ file: 'src/lib/core/anki/export.ts', libraries: ['fflate', 'sql.js'] },
	{ file: 'src/lib/core/anki/zstd.ts', libraries: ['fzstd'] },
	{ file: 'src/lib/core/anki/tables.ts', libraries: ['sql.js'] },
	{ file: 'src/lib/core/anki/schema11.ts', libraries: ['sql.js'] },
	{ file: 'src/lib/core/anki/schema18.ts', libraries: ['sql.js'] }
];

const elements = [
	{ type: 'core', pattern: 'src/lib/core' },
	{ type: 'db', pattern: 'src/lib/db' },
	{ type: 'state', pattern: 'src/lib/state' },
	{ type: 'components', pattern: 'src/lib/components' },
	{ type: 'html', pattern: 'src/lib/html' },
	{ type: 'doc', pattern: 'src/lib/doc' },
	{ type: 'decks', pattern: 'src/lib/decks' },
	{ type: 'workers', pattern: 'src/lib/workers' },
	{ type: 'routes', pattern: 'src/routes' }
];

const CORE = ['core'];
/** @param {...(string | string[])} types */
const to = (...types) => ({ to: { element: { types: { anyOf: types.flat() } } } });
/** @param {...(string | string[])} types */
const from = (...types) => ({ element: { types: { anyOf: types.flat() } } });

/** What each layer may import from the project; anything no policy allows is refused. */
const policies = [
	{ from: from(CORE), allow: to(CORE) },
	{ from: from('db'), allow: to('db', CORE) },
	{ from: from('html', 'doc'), allow: to('html', 'doc', CORE) },
	{ from: from('decks'), allow: to('decks', CORE) },
	{ from: from('workers'), allow: to('workers', 'db', 'doc', 'html', CORE) },
	{ from: from('state'), allow: to('state', 'db', 'decks', 'doc', 'html', 'workers', CORE) },
	// Presentational components: props in, callbacks out; the types of state and db rows only.
	{ from: from('components'), allow: to('components', 'html', CORE) },
	{ from: from('components'), allow: { ...to('state', 'db', 'workers'), dependency: { kind: 'type' } } },
	// Thin routes reach the database only through state (types excepted).
	{ from: from('routes'), allow: to('routes', 'state', 'components', 'html', 'decks', CORE) },
	{ from: from('routes'), allow: { ...to('db'), dependency: { kind: 'type' } } }
];

/** @param {string} source */
const library = (source) => ({ to: { module: { origin: 'external', source } } });
/**
 * @param {string} source
 * @param {object} owner
 * @param {string} message
 */
const only = (source, owner, message) => [
	{ disallow: library(source), message },
	{ from: owner, allow: library(source) }
];

// Later policies win over earlier ones.
const libraryPolicies = [
	{ allow: { to: { module: { origin: ['external', 'core'] } } } },
	// Core imports no library, except each wrapper its own (and nothing else wraps it).
	{ from: from('core'), disallow: library('**'), message: 'core imports no library: wrap it in one core module (see eslint.layers.js)' },
	...WRAPPERS.flatMap((w) => w.libraries.map((lib) => ({ from: { element: { type: 'core', fileInternalPath: w.file.replace('src/lib/core/', '') } }, allow: library(lib) }))),
	...only('ts-fsrs', { element: { type: 'core', fileInternalPath: 'schedule.ts' } }, 'only src/lib/core/schedule.ts imports ts-fsrs'),
	...only('dexie', from('db'), 'only src/lib/db imports dexie'),
	...only('dompurify', from('html'), 'only the sanitiser (src/lib/html) imports DOMPurify'),
	...only('temml', from('html'), 'only the maths renderer (src/lib/html) imports temml'),
	// Core and db know nothing of the browser's frameworks ($app, which no resolver finds, below).
	...['svelte', 'svelte/**'].map((lib) => ({ from: from(CORE, 'db'), disallow: { to: { module: { source: lib } } }, message: 'core and db do not import svelte or $app' }))
];

/** Time and randomness enter core from its caller. */
const CLOCK_AND_DICE = [
	{ object: 'Date', property: 'now', message: 'core takes the time from its caller (pass `now`)' },
	{ object: 'performance', property: 'now', message: 'core takes the time from its caller (pass `now`)' },
	{ object: 'Math', property: 'random', message: 'core takes randomness from its caller (pass a seed)' },
	{ object: 'crypto', property: 'randomUUID', message: 'core takes ids from its caller' },
	{ object: 'crypto', property: 'getRandomValues', message: 'core takes randomness from its caller' }
];

const APP_IMPORT = { selector: "ImportExpression[source.value=/^\\$app\\//]", message: 'core and db do not import svelte or $app' };

/** @type {import('eslint').Linter.Config[]} */
export const layers = [
	{
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		// Tests sit beside their files and may reach across (a db test builds core values; the
		// scheduler's test checks it against ts-fsrs itself).
		ignores: ['src/**/*.test.ts'],
		plugins: { boundaries },
		settings: {
			'boundaries/elements': elements,
			'boundaries/dependency-nodes': ['import', 'dynamic-import', 'export'],
			'import/resolver': { typescript: { project: './tsconfig.json' } },
			'boundaries/include': ['src/**/*']
		},
		rules: {
			'boundaries/dependencies': ['error', { default: 'disallow', checkAllOrigins: true, policies: [...policies, ...libraryPolicies] }]
		}
	},
	{
		files: ['src/lib/core/**/*.ts', 'src/lib/db/**/*.ts'],
		ignores: ['src/**/*.test.ts'],
		rules: {
			'no-restricted-imports': ['error', { patterns: [{ regex: '^\\$app/', message: 'core and db do not import svelte or $app' }] }],
			'no-restricted-syntax': ['error', APP_IMPORT]
		}
	},
	{
		files: ['src/lib/core/**/*.ts'],
		ignores: ['src/lib/core/**/*.test.ts'],
		rules: {
			'no-restricted-properties': ['error', ...CLOCK_AND_DICE],
			'no-restricted-syntax': ['error', APP_IMPORT, { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'core takes the time from its caller (pass `now`)' }],
			'no-restricted-globals': ['error', ...['window', 'document', 'navigator', 'localStorage', 'indexedDB', 'fetch'].map((name) => ({ name, message: 'core imports nothing of the browser' }))]
		}
	},
	{
		// Above core the time comes from one clock (src/lib/state/clock.ts), so tests can give their own.
		files: ['src/lib/state/**/*.ts', 'src/lib/db/**/*.ts', 'src/lib/workers/**/*.ts', 'src/lib/components/**/*.svelte', 'src/routes/**/*.svelte', 'src/routes/**/*.ts'],
		ignores: ['src/lib/state/clock.ts', 'src/**/*.test.ts'],
		rules: {
			'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'take the time from src/lib/state/clock.ts (timeNow, clock) or app.now' }]
		}
	}
];
