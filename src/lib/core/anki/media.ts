// The media files an imported card shows or plays: images by <img src="name">, sounds by Anki's
// [sound:name]. Only files a card refers to are kept, each under the deck of the card using it.

import type { CardRow } from '../records.ts';

const TYPES: Record<string, string> = {
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	webp: 'image/webp',
	svg: 'image/svg+xml',
	bmp: 'image/bmp',
	avif: 'image/avif',
	mp3: 'audio/mpeg',
	ogg: 'audio/ogg',
	oga: 'audio/ogg',
	opus: 'audio/ogg',
	wav: 'audio/wav',
	m4a: 'audio/mp4',
	aac: 'audio/aac',
	flac: 'audio/flac',
	webm: 'audio/webm',
	mp4: 'video/mp4'
};

/** A media file's type from its name, or null for a kind DocDeck does not show or play. */
export function mediaType(name: string): string | null {
	return TYPES[name.split('.').pop()?.toLowerCase() ?? ''] ?? null;
}

export function isImage(name: string): boolean {
	return mediaType(name)?.startsWith('image/') ?? false;
}

/**
 * A media reference as a plain file name in the package, or null for anything else (a web
 * address, a path, a data: URI): only files that came with the package are ever shown.
 */
export function plainMediaName(src: string): string | null {
	let name = src.trim().replace(/&amp;/g, '&');
	if (!name || name.length > 255 || /^[a-z][a-z0-9+.-]*:/i.test(name) || /[\\/]/.test(name) || name.startsWith('.')) return null;
	try {
		if (/%[0-9a-f]{2}/i.test(name)) name = decodeURIComponent(name);
	} catch {
		return null;
	}
	return /[\\/]/.test(name) ? null : name;
}

const IMG = /<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
const SOUND = /\[sound:([^\]]{1,255})\]/g;

/** The media file names a piece of card HTML refers to, images and sounds, each once. */
/** The media files a card shows: those its faces name, and an Image Occlusion card's image. */
export function cardMediaNames(card: { question: string; answer: string; occlusion?: { image: string } }): string[] {
	const names = mediaNames(`${card.question} ${card.answer}`);
	if (card.occlusion && !names.includes(card.occlusion.image)) names.push(card.occlusion.image);
	return names;
}

export function mediaNames(html: string): string[] {
	const out = new Set<string>();
	for (const m of html.matchAll(IMG)) {
		const name = plainMediaName(m[1] ?? m[2] ?? m[3] ?? '');
		if (name) out.add(name);
	}
	for (const m of html.matchAll(SOUND)) {
		const name = plainMediaName(m[1]!);
		if (name) out.add(name);
	}
	return [...out];
}

/** The sounds a piece of card HTML plays, in order. */
export function soundNames(html: string): string[] {
	return [...new Set([...html.matchAll(SOUND)].map((m) => plainMediaName(m[1]!)).filter((n): n is string => !!n))];
}

/** Card HTML without its [sound:…] markers (the sounds are offered as buttons instead). */
export function withoutSoundMarkers(html: string): string {
	return html.replace(SOUND, '');
}

export interface MediaFile {
	deckId: string;
	name: string;
	type: string;
	bytes: Uint8Array;
}

export interface MediaPlan {
	files: MediaFile[];
	/** Files cards refer to that the package does not hold (shown as a placeholder). */
	missing: string[];
	/** Kinds DocDeck cannot show or play, by name. */
	unsupported: string[];
}

/** The media rows for some cards, from the package's files by name. */
export function mediaForCards(cards: readonly CardRow[], fileBytes: (name: string) => Uint8Array | null): MediaPlan {
	const plan: MediaPlan = { files: [], missing: [], unsupported: [] };
	const seen = new Set<string>();
	const bytesOf = new Map<string, Uint8Array | null>();
	for (const card of cards) {
		for (const name of cardMediaNames(card)) {
			const key = `${card.deckId}\u0000${name}`;
			if (seen.has(key)) continue;
			seen.add(key);
			const type = mediaType(name);
			if (!type) {
				if (!plan.unsupported.includes(name)) plan.unsupported.push(name);
				continue;
			}
			if (!bytesOf.has(name)) bytesOf.set(name, fileBytes(name));
			const bytes = bytesOf.get(name);
			if (!bytes) {
				if (!plan.missing.includes(name)) plan.missing.push(name);
				continue;
			}
			plan.files.push({ deckId: card.deckId, name, type, bytes });
		}
	}
	return plan;
}
