// A note's sort field and checksum as Anki computes them, so a package DocDeck writes is one that
// Anki's "Check Database" finds nothing to fix in. Anki reduces the field to text the way it does
// everywhere (comments, style and script blocks and tags dropped, an image or sound tag replaced by
// its file name, entities decoded), hashes it with SHA-1 and keeps the first 32 bits as a number.

/** Image, audio, video and object tags, with the file they name (src= or data=, quoted or not). */
const MEDIA_TAG = /<\b(?:img|audio|video|object)\b(?:[^>"']|"[^"]*"|'[^']*')*?\b(?:src|data)\b\s*=\s*(?:"([^"]+)"|'([^']+)'|([^ >]+))[^>]*>/gis;
const HTML = /<!--.*?-->|<style.*?>.*?<\/style>|<script.*?>.*?<\/script>|<.*?>/gis;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…', middot: '·', times: '×', divide: '÷', deg: '°', plusmn: '±', micro: 'µ', le: '≤', ge: '≥', ne: '≠', rarr: '→', larr: '←', uarr: '↑', darr: '↓', alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', mu: 'μ', pi: 'π', sigma: 'σ', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', copy: '©', reg: '®', shy: '\u00ad' };

function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi, (whole, body: string) => {
		if (body[0] === '#') {
			const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
			return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
		}
		return NAMED[body] ?? whole;
	});
}

/** A field as Anki's sort column holds it: HTML reduced to text, keeping media file names. */
export function ankiSortText(field: string): string {
	const named = field.replace(MEDIA_TAG, (_m, a: string | undefined, b: string | undefined, c: string | undefined) => ` ${a ?? b ?? c ?? ''} `);
	return decodeEntities(named.replace(HTML, ''));
}

/** Anki's note checksum: the first 8 hex digits of the SHA-1 of the first field's text, as a number. */
export function ankiFieldChecksum(firstField: string): number {
	return sha1First32(new TextEncoder().encode(ankiSortText(firstField)));
}

/** The first 32 bits of a SHA-1 digest (FIPS 180-4), as an unsigned number. */
export function sha1First32(bytes: Uint8Array): number {
	return sha1(bytes)[0]! >>> 0;
}

/** SHA-1 of bytes, as its five 32-bit words. */
export function sha1(bytes: Uint8Array): Uint32Array {
	const bitLength = bytes.length * 8;
	const padded = new Uint8Array((((bytes.length + 8) >> 6) + 1) * 64);
	padded.set(bytes);
	padded[bytes.length] = 0x80;
	const view = new DataView(padded.buffer);
	view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000));
	view.setUint32(padded.length - 4, bitLength >>> 0);
	const h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
	const w = new Uint32Array(80);
	for (let block = 0; block < padded.length; block += 64) {
		for (let t = 0; t < 16; t++) w[t] = view.getUint32(block + t * 4);
		for (let t = 16; t < 80; t++) {
			const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!;
			w[t] = (x << 1) | (x >>> 31);
		}
		let [a, b, c, d, e] = [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!];
		for (let t = 0; t < 80; t++) {
			const [f, k] = t < 20 ? [(b & c) | (~b & d), 0x5a827999] : t < 40 ? [b ^ c ^ d, 0x6ed9eba1] : t < 60 ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc] : [b ^ c ^ d, 0xca62c1d6];
			const next = (((a << 5) | (a >>> 27)) + f + e + k + w[t]!) >>> 0;
			e = d;
			d = c;
			c = ((b << 30) | (b >>> 2)) >>> 0;
			b = a;
			a = next;
		}
		h[0] = h[0]! + a;
		h[1] = h[1]! + b;
		h[2] = h[2]! + c;
		h[3] = h[3]! + d;
		h[4] = h[4]! + e;
	}
	return h;
}
