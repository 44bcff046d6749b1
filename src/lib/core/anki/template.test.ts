// Cards rendered from their note type's own templates, as Anki renders them.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clozeAnswers, clozeNumbers, filled, render, renderCloze, renderTemplate, type RenderContext } from './template.ts';
import { ankiCardContent, answerPart } from './card.ts';
import type { AnkiCard, AnkiModel } from './types.ts';

const ctx = (fields: Record<string, string>, extra: Partial<RenderContext> = {}): RenderContext => ({
	fields: new Map(Object.entries(fields)),
	cloze: 1,
	side: 'q',
	frontSide: '',
	tags: 'renal::tubule',
	deck: 'Medicine::Renal',
	card: 'Card 1',
	...extra
});

const card: AnkiCard = { id: 1, nid: 1, did: '1', odid: '0', ord: 0, type: 0, queue: 0, due: 0, ivl: 0, factor: 0, flags: 0 };
const note = (fields: string[]) => ({ id: 1, guid: 'g', mid: 'm', tags: ' renal ', fields });
const model = (m: Partial<AnkiModel> & Pick<AnkiModel, 'fields' | 'templates'>): AnkiModel => ({ id: 'm', name: 'M', type: 0, ...m });

describe('the template language', () => {
	it('conditional sections, nested and negated, test whether a field is filled as Anki does', () => {
		const t = '{{#A}}A:{{A}}{{#B}} and B:{{B}}{{/B}}{{^B}} (no B){{/B}}{{/A}}{{^A}}nothing{{/A}}';
		expect(renderTemplate(t, ctx({ A: 'x', B: 'y' }))).toBe('A:x and B:y');
		expect(renderTemplate(t, ctx({ A: 'x', B: '<br><div> </div>' }))).toBe('A:x (no B)');
		expect(renderTemplate(t, ctx({ A: '', B: 'y' }))).toBe('nothing');
		// An image alone fills a field.
		expect(renderTemplate('{{#A}}has{{/A}}', ctx({ A: '<img src="kidney.png">' }))).toBe('has');
		expect([filled(' &nbsp;'), filled('\u00a0<br />'), filled('<b></b>')]).toEqual([true, false, true]);
	});

	it('special fields, unknown fields, comments and stray closings', () => {
		expect(renderTemplate('{{Deck}}|{{Subdeck}}|{{Tags}}|{{Card}}|{{Nope}}|{{!a note}}|{{/X}}', ctx({}))).toBe('Medicine::Renal|Renal|renal::tubule|Card 1|||{{/X}}');
		expect(renderTemplate('{{front}}', ctx({ Front: 'case does not matter' }))).toBe('case does not matter');
	});

	it('filters: text, hint, furigana, kana, kanji; unknown filters pass the text through', () => {
		expect(renderTemplate('{{text:F}}', ctx({ F: '<b>Na</b><sup>+</sup> &amp; K<sup>+</sup>' }))).toBe('Na+ &amp; K+');
		expect(renderTemplate('{{hint:Mnemonic}}', ctx({ Mnemonic: 'MUDPILES' }))).toBe('<details class="hint"><summary>Show Mnemonic</summary>MUDPILES</details>');
		expect(renderTemplate('{{hint:Mnemonic}}', ctx({ Mnemonic: '' }))).toBe('');
		expect(renderTemplate('{{furigana:J}}', ctx({ J: '腎臓[じんぞう]の 病気[びょうき]' }))).toBe('<ruby>腎臓<rt>じんぞう</rt></ruby>の<ruby>病気<rt>びょうき</rt></ruby>');
		expect(renderTemplate('{{kana:J}}|{{kanji:J}}', ctx({ J: '腎臓[じんぞう]' }))).toBe('じんぞう|腎臓');
		expect(renderTemplate('{{tts en_US:F}}', ctx({ F: 'spoken' }))).toBe('spoken');
	});

	it('type-in fields: nothing on the front but the text to type; the answer on the back', () => {
		const front = render('{{Front}}<br>{{type:Back}}', ctx({ Front: 'Loop diuretic?', Back: '<b>Furosemide</b>' }));
		expect(front).toEqual({ html: 'Loop diuretic?<br>', typed: ['Furosemide'] });
		expect(render('{{type:Back}}', ctx({ Back: 'Furosemide' }, { side: 'a' })).html).toBe('Furosemide');
		const clozeFront = render('{{cloze:Text}}{{type:cloze:Text}}', ctx({ Text: '{{c1::ADH}} acts on the {{c2::collecting duct}}; {{c1::vasopressin}}' }));
		expect(clozeFront.typed).toEqual(['ADH, vasopressin']);
	});

	it('hostile templates stay linear: deep nesting, endless openings', () => {
		expect(renderTemplate('{{#A}}'.repeat(3000) + 'x' + '{{/A}}'.repeat(3000), ctx({ A: '1' }))).toContain('x');
		expect(renderTemplate('{{'.repeat(20_000), ctx({}))).toBe('{{'.repeat(20_000));
		fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 100 }), (t, f) => typeof renderTemplate(t, ctx({ A: f })) === 'string'));
	});
});

describe('clozes', () => {
	it('hides the card’s own deletion with its hint, shows the others', () => {
		const text = 'The {{c1::proximal tubule::segment}} reabsorbs {{c2::two thirds}} of filtered sodium.';
		expect(renderCloze(text, 1, 'q')).toBe('The <span class="cloze">[segment]</span> reabsorbs two thirds of filtered sodium.');
		expect(renderCloze(text, 2, 'q')).toBe('The proximal tubule reabsorbs <span class="cloze">[…]</span> of filtered sodium.');
		expect(renderCloze(text, 2, 'a')).toBe('The proximal tubule reabsorbs <span class="cloze">two thirds</span> of filtered sodium.');
		expect(clozeNumbers(text)).toEqual([1, 2]);
	});

	it('nested deletions: the outer hides all of it, the inner only itself', () => {
		const text = '{{c1::Loop diuretics block {{c2::NKCC2}} in the thick ascending limb}}.';
		expect(renderCloze(text, 1, 'q')).toBe('<span class="cloze">[…]</span>.');
		expect(renderCloze(text, 2, 'q')).toBe('Loop diuretics block <span class="cloze">[…]</span> in the thick ascending limb.');
		expect(renderCloze(text, 1, 'a')).toBe('<span class="cloze">Loop diuretics block NKCC2 in the thick ascending limb</span>.');
		expect(clozeNumbers(text)).toEqual([1, 2]);
		expect(clozeAnswers(text, 2)).toEqual(['NKCC2']);
	});

	it('an unclosed deletion is text, never a blank', () => {
		expect(renderCloze('{{c1::open and {{c2::shut}} text', 2, 'q')).toBe('{{c1::open and <span class="cloze">[…]</span> text');
		expect(clozeNumbers('{{c1::' + '{{c1::'.repeat(50_000))).toEqual([]);
	});
});

describe('cards from stock and custom note types', () => {
	it('Basic (type in the answer): the back is the answer, and the card expects it typed', () => {
		const typing = model({ fields: ['Front', 'Back'], templates: [{ name: 'Card 1', ord: 0, qfmt: '{{Front}}\n\n{{type:Back}}', afmt: '{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}' }] });
		expect(ankiCardContent(typing, note(['Drug of choice for absence seizures?', 'Ethosuximide']), card, 'D')).toEqual({
			kind: 'basic',
			question: 'Drug of choice for absence seizures?',
			answer: 'Ethosuximide',
			typeIn: 'Ethosuximide'
		});
	});

	it('an image alone is a front and a back, never an empty card or the question again', () => {
		const basic = model({ fields: ['Front', 'Back'], templates: [{ name: 'Card 1', ord: 0, qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}' }] });
		expect(ankiCardContent(basic, note(['<img src="brachial-plexus.png">', 'Brachial plexus']), card, 'D')).toMatchObject({ question: '<img src="brachial-plexus.png">', answer: 'Brachial plexus' });
		expect(ankiCardContent(basic, note(['Name the structure', '<img src="answer.jpg">']), card, 'D')).toMatchObject({ answer: '<img src="answer.jpg">' });
		expect(ankiCardContent(basic, note(['', 'only a back']), card, 'D')).toEqual({ problem: 'its front is empty' });
	});

	it('Basic (optional reversed card) without its reverse field is an empty card', () => {
		const optional = model({
			fields: ['Front', 'Back', 'Add Reverse'],
			templates: [
				{ name: 'Card 1', ord: 0, qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}' },
				{ name: 'Card 2', ord: 1, qfmt: '{{#Add Reverse}}{{Back}}{{/Add Reverse}}', afmt: '{{FrontSide}}<hr id=answer>{{Front}}' }
			]
		});
		expect(ankiCardContent(optional, note(['Podocyte', 'Glomerular epithelial cell', '']), { ...card, ord: 1 }, 'D')).toEqual({ problem: 'its front is empty' });
		expect(ankiCardContent(optional, note(['Podocyte', 'Glomerular epithelial cell', 'y']), { ...card, ord: 1 }, 'D')).toMatchObject({ question: 'Glomerular epithelial cell', answer: 'Podocyte' });
	});

	it('a custom back without <hr id=answer> is all answer; {{FrontSide}} never repeats the question', () => {
		const custom = model({ fields: ['Sign', 'Meaning'], templates: [{ name: 'c', ord: 0, qfmt: 'What does {{Sign}} suggest?', afmt: '{{FrontSide}}<div class="back">{{Meaning}}</div>' }] });
		expect(ankiCardContent(custom, note(['Kussmaul breathing', 'Metabolic acidosis']), card, 'D')).toMatchObject({ question: 'What does Kussmaul breathing suggest?', answer: '<div class="back">Metabolic acidosis</div>' });
		expect(answerPart('front<hr id="answer">back')).toBe('back');
		expect(answerPart('<hr class="x" id=answer />back')).toBe('back');
	});
});

describe('Image Occlusion notes', () => {
	it('become one card per cloze number with the note’s masks, never strings of coordinates; a region the note lacks is left out with the reason', async () => {
		const { ankiToDataset } = await import('./convert.ts');
		const { createScheduler } = await import('../schedule.ts');
		const { DEFAULT_SETTINGS } = await import('../settings.ts');
		const io: AnkiModel = {
			id: 'io',
			name: 'Image Occlusion',
			type: 1,
			fields: ['Occlusion', 'Image', 'Header', 'Back Extra', 'Comments'],
			templates: [{ name: 'Image Occlusion', ord: 0, qfmt: '<div style="display:none">{{cloze:Occlusion}}</div><div id="image-occlusion-container">{{Image}}<canvas id="image-occlusion-canvas"></canvas></div>', afmt: '{{cloze:Occlusion}}{{Image}}' }]
		};
		const basic = model({ id: 'b', fields: ['Front', 'Back'], templates: [{ name: 'Card 1', ord: 0, qfmt: '{{Front}}', afmt: '{{Back}}' }] });
		for (const m of [io, { ...io, templates: [{ ...io.templates[0]!, qfmt: '{{cloze:Occlusion}}' }], stock: 'image-occlusion' as const }]) {
			const col = {
				format: 'collection.anki21b' as const,
				models: new Map([[m.id, m], ['b', basic]]),
				decks: new Map([['1', { id: '1', name: 'Anatomy', description: '', filtered: false }]]),
				notes: [
					{ id: 1, guid: 'g1', mid: m.id, tags: '', fields: ['{{c1::image-occlusion:rect:left=.1:top=.2:width=.3:height=.1:oi=1}}{{c2::image-occlusion:ellipse:left=.5:top=.5:rx=.1:ry=.1:oi=1}}', '<img src="arm.png">', '', '', ''] },
					{ id: 2, guid: 'g2', mid: 'b', tags: '', fields: ['Q', 'A'] }
				],
				cards: [
					{ ...card, id: 10, nid: 1 },
					{ ...card, id: 11, nid: 1, ord: 1 },
					{ ...card, id: 12, nid: 1, ord: 2 },
					{ ...card, id: 20, nid: 2 }
				],
				revlog: [],
				media: [],
				schedulerVersion: 2,
				skipped: []
			};
			const { data, report } = ankiToDataset(col, { fileName: 'io.apkg', now: Date.UTC(2026, 0, 1), scheduler: createScheduler(DEFAULT_SETTINGS), dayStartHour: 4, utcOffsetMinutes: 0 });
			expect(data.cards.map((c) => [c.id, c.kind, c.question, c.occlusion?.ordinal ?? null])).toEqual([
				['a1-0', 'cloze', 'What is under region 1 of 2?', 1],
				['a1-1', 'cloze', 'What is under region 2 of 2?', 2],
				['a2-0', 'basic', 'Q', null]
			]);
			expect(data.cards.every((c) => !/image-occlusion/.test(c.question + c.answer))).toBe(true);
			expect(data.cards[1]!.occlusion).toEqual({
				image: 'arm.png',
				units: 'fraction',
				ordinal: 2,
				labels: [],
				masks: [
					{ ordinal: 1, hideAll: true, shape: { kind: 'rect', left: 0.1, top: 0.2, width: 0.3, height: 0.1 } },
					{ ordinal: 2, hideAll: true, shape: { kind: 'ellipse', left: 0.5, top: 0.5, rx: 0.1, ry: 0.1 } }
				]
			});
			expect(report.skipped).toEqual([{ item: 'card', reason: 'its Image Occlusion note has no region 3', count: 1, places: ['card 12 (note 1)'] }]);
		}
	});
});
