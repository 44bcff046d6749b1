import { describe, expect, it } from 'vitest';
import { forgetTags, tag } from './nlp.ts';

const view = (toks: ReturnType<typeof tag>) => toks.map((t) => `${t.text}/${t.pos}/${t.lemma}@${t.start}-${t.end}`);

describe('tag', () => {
	const sentence = 'In rhabdomyolysis, myoglobin binds Tamm–Horsfall protein and forms casts, and acidic urine favours cast formation.';
	const parts = ['myoglobin binds Tamm–Horsfall protein and forms casts', 'acidic urine favours cast formation', 'Tamm–Horsfall protein'];

	it('reads a stretch of a sentence tagged before from the sentence’s tokens, with offsets of its own', () => {
		for (const part of parts) {
			forgetTags();
			const fresh = view(tag(part));
			forgetTags();
			tag(sentence);
			const hosted = tag(part);
			expect(view(hosted)).toEqual(fresh);
			expect(hosted[0]!.start).toBe(0);
			expect(part.slice(hosted.at(-1)!.start, hosted.at(-1)!.end)).toBe(hosted.at(-1)!.text);
		}
	});

	it('a stretch that cuts a word, or opens on a verb of its sentence, is tagged afresh', () => {
		forgetTags();
		tag(sentence);
		expect(tag('yoglobin binds').map((t) => t.start)).toEqual([0, 9]);
		expect(tag('forms casts')[0]!.text).toBe('forms');
	});
});
