// A short hash of text, shared by backups (to notice damage), imports (stable ids) and quizzes
// (seeded order). Kept alone so none of them pulls in the others.

/** A 53-bit hash of a string as 14 hex digits (cyrb53): enough to notice damage, not a signature. */
export function checksum(text: string): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 2654435761);
		h2 = Math.imul(h2 ^ c, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * A card's number for tools that want numeric card ids (the FSRS optimizer's `card_id`): the same
 * 53-bit hash of its key, so it is the same in every export and on every device.
 */
export function numericCardId(key: string): number {
	return parseInt(checksum(`card:${key}`), 16);
}
