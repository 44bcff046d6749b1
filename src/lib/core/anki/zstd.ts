// Zstandard, as current Anki packages compress their collection, media list and media files. The
// decoder is fzstd (pure JavaScript); this wrapper bounds what a small hostile file may expand to.

import { Decompress, decompress } from 'fzstd';

export class ZstdError extends Error {
	override name = 'ZstdError';
}

/** The four bytes every zstd frame begins with. */
export function isZstd(bytes: Uint8Array): boolean {
	return bytes.length >= 4 && bytes[0] === 0x28 && bytes[1] === 0xb5 && bytes[2] === 0x2f && bytes[3] === 0xfd;
}

/** The decompressed size a frame's header declares, or null when it declares none. */
export function declaredSize(bytes: Uint8Array): number | null {
	if (!isZstd(bytes) || bytes.length < 5) return null;
	const fhd = bytes[4]!;
	const sizeFlag = fhd >> 6;
	const single = (fhd >> 5) & 1;
	const dictBytes = [0, 1, 2, 4][fhd & 3]!;
	const sizeBytes = [single ? 1 : 0, 2, 4, 8][sizeFlag]!;
	if (sizeBytes === 0) return null;
	const at = 5 + (single ? 0 : 1) + dictBytes;
	if (at + sizeBytes > bytes.length) return null;
	let n = 0;
	for (let i = sizeBytes - 1; i >= 0; i--) n = n * 256 + bytes[at + i]!;
	return sizeBytes === 2 ? n + 256 : n;
}

/**
 * Decompresses zstd data, refusing to produce more than `limit` bytes (a few kilobytes can
 * claim gigabytes). Throws ZstdError with a reason a person can read.
 */
export function unzstd(bytes: Uint8Array, limit: number): Uint8Array {
	if (!isZstd(bytes)) throw new ZstdError('it is not zstd-compressed data');
	const declared = declaredSize(bytes);
	if (declared !== null && declared > limit) throw new ZstdError(`it would unpack to ${Math.round(declared / 1048576)} MB, more than DocDeck can hold`);
	try {
		if (declared !== null) return decompress(bytes);
		// No size declared: decompress in steps and stop at the limit.
		const parts: Uint8Array[] = [];
		let total = 0;
		const stream = new Decompress((chunk) => {
			total += chunk.length;
			if (total > limit) throw new ZstdError(`it unpacks to more than ${Math.round(limit / 1048576)} MB, more than DocDeck can hold`);
			parts.push(chunk);
		});
		stream.push(bytes, true);
		const out = new Uint8Array(total);
		let at = 0;
		for (const p of parts) {
			out.set(p, at);
			at += p.length;
		}
		return out;
	} catch (e) {
		if (e instanceof ZstdError) throw e;
		throw new ZstdError(`it is damaged (${e instanceof Error ? e.message : String(e)})`);
	}
}
