import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { ankiFieldChecksum, ankiSortText, sha1 } from './field-checksum';

const hex = (words: Uint32Array) => [...words].map((w) => w.toString(16).padStart(8, '0')).join('');
const nodeSha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex');

describe("Anki's note checksum", () => {
	it('SHA-1 agrees with the platform digest on any bytes, across block boundaries', () => {
		for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
			const bytes = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 255);
			expect(hex(sha1(bytes))).toBe(nodeSha1(bytes));
		}
		fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => hex(sha1(bytes)) === nodeSha1(bytes)));
	});

	it('is the first 8 hex digits of the SHA-1 of the text Anki reduces the first field to', () => {
		const field = 'The <b>loop</b> of Henle&nbsp;&amp; the <img src="nephron.png"> <!-- note --> NKCC2<br>';
		expect(ankiSortText(field)).toBe('The loop of Henle & the  nephron.png   NKCC2');
		expect(ankiFieldChecksum(field)).toBe(parseInt(nodeSha1(new TextEncoder().encode('The loop of Henle & the  nephron.png   NKCC2')).slice(0, 8), 16));
		// Plain text is hashed as it is, including non-Latin scripts.
		expect(ankiFieldChecksum('肾小球')).toBe(parseInt(nodeSha1(new TextEncoder().encode('肾小球')).slice(0, 8), 16));
		expect(ankiSortText("<style>.x{}</style><script>alert(1)</script>K<sup>+</sup> &#8805; 5.5 &#x2192; <audio src='beat.mp3'></audio>")).toBe('K+ ≥ 5.5 →  beat.mp3 ');
	});
});
