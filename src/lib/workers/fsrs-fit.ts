// The one caller of fsrs-browser's optimiser (fsrs-rs compiled to WebAssembly): items in, the 21
// fitted FSRS-6 parameters out. The module is handed in loaded, so the worker and Node load it
// each their own way.
import type * as FsrsBrowser from 'fsrs-browser';
import { flatItems, type FsrsItem } from '../core/fsrs/items.ts';

export function fitParameters(mod: typeof FsrsBrowser, items: readonly FsrsItem[], progress?: FsrsBrowser.Progress): number[] {
	const { ratings, deltaTs, lengths } = flatItems(items);
	// computeParameters takes the Fsrs object (and the progress) over and frees them itself.
	// Short-term (same-day) parameters are fitted too: the app schedules with short-term steps on.
	return Array.from(new mod.Fsrs().computeParameters(ratings, deltaTs, lengths, progress, true), (x) => Number(x.toFixed(6)));
}
