// A card whose Anki note type asks for the answer to be typed is asked that way in every mode.
import { describe, expect, it } from 'vitest';
import { chooseForm, QUIZ_MODES } from './form.ts';
import { newSchedule } from '../schedule.ts';
import type { CardContent } from '../model.ts';

const card: CardContent = { id: 'a1-0', kind: 'basic', format: 'html', question: 'Loop diuretic?', answer: 'Furosemide', items: [], explanation: '', section: 'Renal', passage: '', typeIn: 'Furosemide' };

describe('Anki type-in cards', () => {
	it('are typed in every mode, new or not; without typeIn an HTML card stays a flip card', () => {
		for (const mode of QUIZ_MODES) expect(chooseForm(mode, card, newSchedule(0), false)).toBe('typed');
		const { typeIn: _typeIn, ...plain } = card;
		for (const mode of QUIZ_MODES) expect(chooseForm(mode, plain, newSchedule(0), false)).toBe('flip');
	});
});
