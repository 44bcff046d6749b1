// A live query as rune state: `current` follows the database, in this tab and in others.

import { watchQuery } from '$lib/db/live';
import { handleError } from './errors.svelte';

export class Live<T> {
	// Raw: results are replaced whole, never mutated, and can be large.
	current = $state.raw<T | undefined>(undefined);

	/** Call inside an $effect (it returns the unsubscribe for the effect's cleanup). */
	watch(query: () => Promise<T>, failure = 'Could not read the database.'): () => void {
		return watchQuery(
			query,
			(v) => (this.current = v),
			(e) => handleError(e, failure)
		);
	}
}
