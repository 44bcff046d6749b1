// Object URLs for the media files of the cards on screen: read from the database when a card
// needs them, made once, and let go when the screen closes.

import { getMedia } from '$lib/db/media';
import type { DocDeckDB } from '$lib/db/db';

export class MediaUrls {
	#urls = $state.raw(new Map<string, string>());
	#asked = new Set<string>();

	/** The object URL of a deck's file, once loaded (null until then, or when it is not here). */
	url(deckId: string, name: string): string | null {
		return this.#urls.get(`${deckId}\u0000${name}`) ?? null;
	}

	/** Loads the files a card needs that are not loaded yet. */
	async load(db: DocDeckDB, deckId: string, names: string[]): Promise<void> {
		const wanted = names.filter((n) => !this.#asked.has(`${deckId}\u0000${n}`));
		if (!wanted.length) return;
		for (const n of wanted) this.#asked.add(`${deckId}\u0000${n}`);
		const rows = await getMedia(db, deckId, wanted);
		if (!rows.length) return;
		const next = new Map(this.#urls);
		for (const r of rows) next.set(`${deckId}\u0000${r.name}`, URL.createObjectURL(new Blob([r.bytes as Uint8Array<ArrayBuffer>], { type: r.type })));
		this.#urls = next;
	}

	/** Lets every URL go (when the screen showing them closes). */
	clear(): void {
		for (const url of this.#urls.values()) URL.revokeObjectURL(url);
		this.#urls = new Map();
		this.#asked.clear();
	}
}
