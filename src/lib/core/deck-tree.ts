// Decks as a tree (Anki's "Parent::Child" subdecks): parents first, each child under its parent,
// and a parent's counts including its children's, since studying it includes them.

export interface TreeCounts {
	new: number;
	learning: number;
	review: number;
	studiedToday: number;
	total: number;
}

export interface TreeDeck<C extends TreeCounts> {
	id: string;
	title: string;
	parentId?: string;
	counts: C;
}

/** The decks in tree order, each with its depth and its counts with those of the decks under it. */
export function deckTree<C extends TreeCounts, D extends TreeDeck<C>>(decks: readonly D[], opts: { sum?: boolean } = {}): (D & { depth: number; own: C })[] {
	const sumUp = opts.sum ?? true;
	const byId = new Map(decks.map((d) => [d.id, d]));
	const children = new Map<string, D[]>();
	const roots: D[] = [];
	for (const d of decks) {
		// A parent that is missing (or a loop) makes a deck a top-level one.
		if (d.parentId && byId.has(d.parentId) && d.parentId !== d.id) children.set(d.parentId, [...(children.get(d.parentId) ?? []), d]);
		else roots.push(d);
	}
	const byTitle = (a: D, b: D) => a.title.localeCompare(b.title);
	const out: (D & { depth: number; own: C })[] = [];
	const seen = new Set<string>();
	const walk = (d: D, depth: number): C => {
		seen.add(d.id);
		const at = out.length;
		out.push({ ...d, depth, own: d.counts });
		const sum = { ...d.counts };
		for (const c of (children.get(d.id) ?? []).sort(byTitle)) {
			if (seen.has(c.id)) continue;
			const sub = walk(c, depth + 1);
			for (const k of ['new', 'learning', 'review', 'studiedToday', 'total'] as const) sum[k] += sub[k];
		}
		if (sumUp) out[at] = { ...out[at]!, counts: sum };
		return sum;
	};
	for (const r of roots.sort(byTitle)) walk(r, 0);
	// Decks caught in a loop of parents: shown at the top level rather than lost.
	for (const d of decks) if (!seen.has(d.id)) walk(d, 0);
	return out;
}

/**
 * A deck and every deck under it, the deck first (depth first, children by id): what studying it
 * covers. Retired decks are left out below the deck; a loop of parents ends where it closes.
 */
export function subtree(decks: readonly { id: string; parentId?: string; retired?: 1 }[], deckId: string): string[] {
	const children = new Map<string, string[]>();
	for (const d of decks) if (d.parentId && !d.retired && d.parentId !== d.id) children.set(d.parentId, [...(children.get(d.parentId) ?? []), d.id]);
	const out: string[] = [];
	const seen = new Set<string>();
	const walk = (id: string) => {
		if (seen.has(id)) return;
		seen.add(id);
		out.push(id);
		for (const c of children.get(id) ?? []) walk(c);
	};
	walk(deckId);
	return out;
}
