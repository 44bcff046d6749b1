// The browse screen's state: search, filter, the matching cards (live), and the card opened.

import { browseCards, cardReviews, deckTags, setSuspendedByTag, type BrowseFilter, type BrowseResult } from '$lib/db/browse';
import type { TagNode } from '$lib/core/tags';
import type { DocDeckDB, ReviewRow } from '$lib/db/db';
import { deckConfusions, restoreCard, setFlag, suspendCard, type Clock, type Confusion } from '$lib/db/study';
import { dayWindow } from '$lib/core/queue';
import { Live } from './live.svelte';
import { getDeck } from '$lib/db/deck-rows';
import type { DeckRow } from '$lib/db/db';

export class BrowseState {
	/** What is typed in the search box. */
	text = $state('');
	/** The search applied, a moment after typing stops. */
	query = $state('');
	filter = $state<BrowseFilter>('all');
	/** Only cards with this tag (or one of its children); '' for all. */
	tag = $state('');
	/** Only the cards of one source passage ('' for all), as the statistics' source map links them. */
	passage = $state('');
	/** The deck's tags as a tree (empty for a deck without tags). */
	tags = new Live<TagNode[]>();
	result = new Live<BrowseResult>();
	/** The deck browsed: null when there is no such deck on this device. */
	deck = new Live<DeckRow | null>();
	/** Pairs of facts the learner keeps confusing in this deck. */
	confusions = new Live<Confusion[]>();
	openKey = $state<string | null>(null);
	history = $state.raw<ReviewRow[]>([]);
	#db: DocDeckDB;
	readonly deckId: string;

	constructor(db: DocDeckDB, deckId: string, passage = '') {
		this.#db = db;
		this.deckId = deckId;
		this.passage = passage;
	}

	/** Watch the cards matching the current search; call inside an $effect. */
	watch(clock: () => Clock, dayStartHour: number): () => void {
		const query = this.query;
		const filter = this.filter;
		const tag = this.tag;
		const passage = this.passage;
		return this.result.watch(() => {
			const c = clock();
			const dayEnd = dayWindow(c.now, dayStartHour, c.utcOffsetMinutes).end;
			return browseCards(this.#db, this.deckId, { query, filter, now: c.now, dayEnd, ...(tag ? { tag } : {}), ...(passage ? { passage } : {}) });
		}, 'Could not read the cards.');
	}

	/** Watch the deck itself (its title, or that it does not exist); call inside an $effect. */
	watchDeck(): () => void {
		return this.deck.watch(async () => (await getDeck(this.#db, this.deckId)) ?? null, 'Could not read the deck.');
	}

	/** Watch the deck's tags; call inside an $effect. */
	watchTags(): () => void {
		return this.tags.watch(() => deckTags(this.#db, this.deckId), 'Could not read the tags.');
	}

	/** Suspends (or unsuspends) every card with the tag chosen; returns how many changed. */
	suspendTagged(suspend: boolean): Promise<number> {
		return this.tag ? setSuspendedByTag(this.#db, this.deckId, this.tag, suspend) : Promise.resolve(0);
	}

	#timer: ReturnType<typeof setTimeout> | undefined;

	/** Applies the typed search once typing pauses, so a large deck is not searched per keystroke. */
	typed(): void {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => (this.query = this.text), 200);
	}

	watchConfusions(): () => void {
		return this.confusions.watch(() => deckConfusions(this.#db, this.deckId), 'Could not read the confused pairs.');
	}

	async open(key: string | null): Promise<void> {
		this.openKey = key;
		this.history = key ? await cardReviews(this.#db, key) : [];
	}

	unsuspend(key: string) {
		return restoreCard(this.#db, key);
	}
	suspend(key: string) {
		return suspendCard(this.#db, key);
	}
	flag(key: string, flag: 0 | 1) {
		return setFlag(this.#db, key, flag);
	}
}
