// One Anki card as DocDeck shows it: its note type's own templates filled with the note's fields.
// DocDeck shows the question above the answer, so the answer is the back template without the
// repeated front: {{FrontSide}} renders empty, and whatever comes before <hr id=answer> is dropped.

import type { CardKind } from '../model.ts';
import type { CardRow } from '../records.ts';
import { stripHtml } from '../strip-html.ts';
import { render, type RenderContext } from './template.ts';
import type { AnkiCard, AnkiModel, AnkiNote } from './types.ts';
import { isImage, mediaNames } from './media.ts';
import { occlusionOrdinals, parseOcclusions, type Occlusion } from './occlusion.ts';

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>');

/** A DocDeck card's Front and Back fields as its export writes them (and Anki shows them). */
export function exportFaces(c: Pick<CardRow, 'format' | 'question' | 'answer' | 'kind' | 'items' | 'explanation' | 'typeIn'>): { front: string; back: string } {
	const html = c.format === 'html';
	const front = html ? c.question : esc(c.question);
	let back = html ? c.answer : esc(c.answer);
	if (c.kind === 'list' || c.kind === 'steps') {
		const tag = c.kind === 'list' ? 'ul' : 'ol';
		back = `<${tag}>${c.items.map((i) => `<li>${esc(i)}</li>`).join('')}</${tag}>`;
	}
	if (c.explanation) back += `<br><i>${esc(c.explanation)}</i>`;
	return { front, back: c.typeIn ? esc(c.typeIn) + (c.explanation ? `<br><i>${esc(c.explanation)}</i>` : '') : back };
}

const MAX_FIELD = 200_000;

/** The field of a note DocDeck exported that carries the card as DocDeck stores it (JSON). */
export const DOCDECK_FIELD = 'DocDeck';

export interface AnkiCardContent {
	kind: CardKind;
	question: string;
	answer: string;
	/** What a `{{type:…}}` card expects to be typed (plain text). */
	typeIn?: string;
}

/** Whether rendered HTML shows anything: text, or an image or sound. */
export function hasContent(html: string): boolean {
	return stripHtml(html).trim() !== '' || /<(img|audio|video)\b|\[sound:/i.test(html);
}

const ANSWER_RULE = /<hr[^>]*\bid\s*=\s*["']?answer["']?[^>]*>/i;

/** The answer part of a rendered back: what follows <hr id=answer> when the back has one. */
export function answerPart(html: string): string {
	const m = ANSWER_RULE.exec(html);
	return m ? html.slice(m.index + m[0].length) : html;
}

/** A card's content, or why it cannot be shown (Anki calls such cards empty). */
export function ankiCardContent(model: AnkiModel, note: AnkiNote, card: AnkiCard, deckName: string): AnkiCardContent | { problem: string } {
	const cloze = model.type === 1;
	const template = cloze ? model.templates[0] : model.templates.find((t) => t.ord === card.ord);
	if (!template) return { problem: `its note type has no template number ${card.ord + 1}` };
	const fields = new Map(model.fields.map((name, i) => [name, (note.fields[i] ?? '').slice(0, MAX_FIELD)]));
	const ctx: RenderContext = { fields, cloze: card.ord + 1, side: 'q', frontSide: '', tags: note.tags.trim(), deck: deckName, card: template.name };
	const front = render(template.qfmt, ctx);
	const question = front.html.trim();
	if (!hasContent(question)) return { problem: 'its front is empty' };
	if (cloze && !question.includes('class="cloze"')) return { problem: `its note has no cloze number ${card.ord + 1}` };
	const answer = answerPart(render(template.afmt, { ...ctx, side: 'a' }).html).trim();
	const typeIn = front.typed[0];
	return {
		kind: cloze ? 'cloze' : 'basic',
		question,
		// A back with nothing of its own (only the repeated front) shows the question again.
		answer: hasContent(answer) ? answer : typeIn ? escape(typeIn) : question,
		...(typeIn ? { typeIn } : {})
	};
}

function escape(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The fields of Anki's Image Occlusion note type, in its own order (found by name, else by place, as translations rename them). */
const IO_FIELDS = ['Occlusion', 'Image', 'Header', 'Back Extra', 'Comments'] as const;

/** An Image Occlusion card: the region its cloze number asks, over the note's image. */
export function occlusionCardContent(model: AnkiModel, note: AnkiNote, card: AnkiCard): (AnkiCardContent & { occlusion: Occlusion }) | { problem: string } {
	const field = (name: (typeof IO_FIELDS)[number]) => {
		const at = model.fields.indexOf(name);
		return (note.fields[at >= 0 ? at : IO_FIELDS.indexOf(name)] ?? '').slice(0, MAX_FIELD);
	};
	const image = mediaNames(field('Image')).find(isImage);
	if (!image) return { problem: 'its Image Occlusion note has no image to show' };
	const parsed = parseOcclusions(field('Occlusion'));
	if (!parsed.masks.length) return { problem: 'its Image Occlusion note has no mask DocDeck can read' };
	const ordinals = occlusionOrdinals(parsed.masks);
	const ordinal = card.ord + 1;
	if (!ordinals.includes(ordinal)) return { problem: `its Image Occlusion note has no region ${ordinal}` };
	const region = `region ${ordinals.indexOf(ordinal) + 1} of ${ordinals.length}`;
	const header = field('Header').trim();
	const extra = field('Back Extra').trim();
	return {
		kind: 'cloze',
		question: hasContent(header) ? header : `What is under ${region}?`,
		answer: hasContent(extra) ? extra : `The image with ${region} shown.`,
		occlusion: { image, units: parsed.units, masks: parsed.masks, labels: parsed.labels, ordinal }
	};
}
