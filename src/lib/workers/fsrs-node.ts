// fsrs-browser in Node, single-threaded: for the tests and the reference script. (Its thread-pool
// helper waits for a message on `self` when imported, so Node is given a `self` that never sends one.)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FsrsItem } from '../core/fsrs/items.ts';
import { fitParameters } from './fsrs-fit.ts';

let ready: Promise<typeof import('fsrs-browser')> | null = null;

export function loadFsrsBrowser(): Promise<typeof import('fsrs-browser')> {
	ready ??= (async () => {
		const g = globalThis as unknown as { self?: unknown; addEventListener?: unknown; removeEventListener?: unknown };
		g.self ??= globalThis;
		g.addEventListener ??= () => {};
		g.removeEventListener ??= () => {};
		const mod = await import('fsrs-browser');
		const wasm = readFileSync(createRequire(import.meta.url).resolve('fsrs-browser/fsrs_browser_bg.wasm'));
		mod.initSync({ module: wasm });
		return mod;
	})();
	return ready;
}

/** Fits parameters with fsrs-browser on the main thread of Node, and says how long it took. */
export async function fitInNode(items: readonly FsrsItem[]): Promise<{ parameters: number[]; ms: number }> {
	const mod = await loadFsrsBrowser();
	const t0 = performance.now();
	const parameters = fitParameters(mod, items);
	return { parameters, ms: performance.now() - t0 };
}
