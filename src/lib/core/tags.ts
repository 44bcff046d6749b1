// Tags as Anki writes them: separated by spaces in a note, "::" between a tag and its parent.
// A filter on a tag takes its children too ("Renal" matches "Renal::Diuretics").

const MAX_TAGS = 200;
const MAX_TAG = 300;

/** The tags of an Anki note ("  a  b::c "): trimmed, without duplicates (compared ignoring case). */
export function parseTags(text: string): string[] {
	const seen = new Set<string>();
	const out: string[] = [];
	for (const t of text.split(/[\s\u3000]+/)) {
		const tag = t.slice(0, MAX_TAG);
		if (!tag || seen.has(tag.toLowerCase())) continue;
		seen.add(tag.toLowerCase());
		out.push(tag);
		if (out.length === MAX_TAGS) break;
	}
	return out;
}

/** Whether a card's tag is the filter's tag or one of its children (ignoring case, as Anki does). */
export function tagMatches(tag: string, filter: string): boolean {
	const t = tag.toLowerCase();
	const f = filter.toLowerCase();
	return t === f || t.startsWith(f + '::');
}

export function hasTag(tags: readonly string[] | undefined, filter: string): boolean {
	return !!tags?.some((t) => tagMatches(t, filter));
}

export interface TagNode {
	/** The whole tag ("Renal::Diuretics"). */
	tag: string;
	/** Its last part ("Diuretics"). */
	name: string;
	depth: number;
	/** Cards carrying it or one of its children. */
	count: number;
}

/**
 * Every tag and every parent of one, in tree order with the cards under each: what a tag filter
 * offers. `cardTags` holds each card's tags.
 */
export function tagTree(cardTags: Iterable<readonly string[]>): TagNode[] {
	const counts = new Map<string, { tag: string; count: number }>();
	for (const tags of cardTags) {
		const mine = new Set<string>();
		for (const tag of tags) {
			const parts = tag.split('::');
			for (let i = 1; i <= parts.length; i++) mine.add(parts.slice(0, i).join('::'));
		}
		for (const t of mine) {
			const k = t.toLowerCase();
			const c = counts.get(k) ?? { tag: t, count: 0 };
			c.count++;
			counts.set(k, c);
		}
	}
	return [...counts.values()]
		.sort((a, b) => a.tag.toLowerCase().split('::').join('\u0000').localeCompare(b.tag.toLowerCase().split('::').join('\u0000')))
		.map(({ tag, count }) => ({ tag, name: tag.split('::').pop()!, depth: tag.split('::').length - 1, count }));
}
