import { describe, expect, it } from 'vitest';
import { megabytes, tooLarge } from './file-size.ts';

describe('a file too large', () => {
	it('is told with its size rounded up, the limit and what to do', () => {
		expect(megabytes(50 * 1024 * 1024 + 1)).toBe('50.1');
		expect(megabytes(512 * 1024 * 1024 + 300_000)).toBe('512.3');
		expect(tooLarge('“big.json”', 513 * 1024 * 1024, 512 * 1024 * 1024, 'a backup this large cannot be read on this device.', 'a backup')).toBe("“big.json” is 513.0 MB, over DocDeck's limit of 512 MB for a backup; a backup this large cannot be read on this device.");
	});
});
