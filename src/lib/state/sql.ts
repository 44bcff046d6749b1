// sql.js with its WebAssembly from our own build (precached, so Anki import and export work
// offline), loaded the first time a screen needs it.

type SqlJs = Awaited<ReturnType<typeof import('sql.js').default>>;
let sql: Promise<SqlJs> | null = null;

export function loadSql(): Promise<SqlJs> {
	sql ??= Promise.all([import('sql.js'), import('sql.js/dist/sql-wasm-browser.wasm?url')]).then(([mod, wasm]) => mod.default({ locateFile: () => wasm.default }));
	return sql;
}
