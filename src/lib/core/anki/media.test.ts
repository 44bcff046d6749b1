import { describe, expect, it } from 'vitest';
import { mediaForCards, mediaNames, mediaType, plainMediaName, soundNames, withoutSoundMarkers } from './media.ts';
import type { CardRow } from '../records.ts';

const card = (deckId: string, question: string, answer = ''): CardRow => ({ id: 'a1-0', key: `${deckId}/a1-0`, deckId, kind: 'basic', format: 'html', question, answer, items: [], explanation: '', section: '', passage: '', position: 0, retired: 0 });

describe('media of imported cards', () => {
	it('finds images and sounds by plain file name, never a web address, a path or a data: URI', () => {
		expect(mediaNames(`<img src="brachial plexus.png"><img src='a&amp;b.jpg'><img alt=x src=bare.gif> [sound:heart%20murmur.mp3] <img src="https://evil.example/x.png"><img src="../up.png"><img src="data:image/png;base64,AAAA">`)).toEqual([
			'brachial plexus.png',
			'a&b.jpg',
			'bare.gif',
			'heart murmur.mp3'
		]);
		expect([plainMediaName('javascript:alert(1)'), plainMediaName('sub/dir.png'), plainMediaName('%2e%2e%2fx.png'), plainMediaName('.hidden')]).toEqual([null, null, null, null]);
		expect([mediaType('X.PNG'), mediaType('a.mp3'), mediaType('a.exe')]).toEqual(['image/png', 'audio/mpeg', null]);
	});

	it('sound markers become buttons: listed in order, removed from the HTML', () => {
		expect(soundNames('[sound:s1.mp3] text [sound:s2.ogg][sound:s1.mp3]')).toEqual(['s1.mp3', 's2.ogg']);
		expect(withoutSoundMarkers('Listen: [sound:s1.mp3].')).toBe('Listen: .');
	});

	it('keeps only files cards use, under each deck using them; names the missing and the unsupported', () => {
		const bytes = new Map([['kidney.png', new Uint8Array([1])], ['notes.pdf', new Uint8Array([2])]]);
		const plan = mediaForCards([card('anki-1', '<img src="kidney.png">', '[sound:gone.mp3]'), card('anki-2', '<img src="kidney.png"><img src="notes.pdf">')], (n) => bytes.get(n) ?? null);
		expect(plan.files.map((f) => [f.deckId, f.name, f.type])).toEqual([
			['anki-1', 'kidney.png', 'image/png'],
			['anki-2', 'kidney.png', 'image/png']
		]);
		expect(plan).toMatchObject({ missing: ['gone.mp3'], unsupported: ['notes.pdf'] });
	});
});
