// Deck pages are not prerendered: the offline shell serves them.
export const prerender = false;
