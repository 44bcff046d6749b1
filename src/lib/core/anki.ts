// An Anki collection (notes, cards, note types, review log) → DocDeck rows. Pure: the SQLite file
// is read by apkg.ts; the HTML this produces is sanitised by the caller before it is stored.

import { Queue, queueKey, queueOf, type RatingValue } from './model.ts';
import type { CardRow, Dataset, DeckRow, ReviewRow, StateRow } from './records.ts';
import { replay } from './replay.ts';
import { newSchedule, type Scheduler } from './schedule.ts';
import { studyDay } from './queue.ts';
import { slug } from './csv-import.ts';
import { checksum } from './hash.ts';

export interface AnkiTemplate {
	name: string;
	ord: number;
	qfmt: string;
	afmt: string;
}

export interface AnkiModel {
	id: string;
	name: string;
	/** 0 standard, 1 cloze */
	type: number;
	fields: string[];
	templates: AnkiTemplate[];
}

export interface AnkiNote {
	id: number;
	mid: string;
	tags: string;
	fields: string[];
}

export interface AnkiCard {
	id: number;
	nid: number;
	did: string;
	ord: number;
	/** 0 new, 1 learning, 2 review, 3 relearning */
	type: number;
	/** -3/-2 buried, -1 suspended, 0 new, 1/3 learning, 2 review */
	queue: number;
	due: number;
	flags: number;
}

export interface AnkiReview {
	/** Epoch milliseconds of the answer (Anki's revlog id). */
	id: number;
	cid: number;
	/** 1–4; 0 for a manual reschedule */
	ease: number;
	/** Milliseconds taken */
	time: number;
	/** 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled */
	type: number;
}

export interface AnkiCollection {
	models: Map<string, AnkiModel>;
	/** deck id → full name ("Parent::Child") */
	decks: Map<string, string>;
	notes: AnkiNote[];
	cards: AnkiCard[];
	revlog: AnkiReview[];
	mediaCount: number;
}

export interface AnkiImport {
	data: Dataset;
	report: {
		deckTitle: string;
		notes: number;
		cards: number;
		reviews: number;
		/** Note types that are neither standard nor cloze, or cards whose template gave nothing. */
		skippedCards: number;
		mediaNotImported: number;
		suspended: number;
	};
}

const MAX_TEMPLATE = 50_000;
const MAX_FIELD = 200_000;

export function stripHtml(html: string): string {
	return html
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<[^>]*>/g, '')
		.replace(/&nbsp;/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&');
}

/** Cloze numbers present in a text ("{{c1::…}}", "{{c2::…}}" → [1, 2]). */
export function clozeNumbers(text: string): number[] {
	const found = new Set<number>();
	for (const c of scanClozes(text)) found.add(c.n);
	return [...found].sort((a, b) => a - b);
}

interface Cloze {
	start: number;
	end: number;
	n: number;
	text: string;
	hint: string;
}

/** Finds {{cN::text::hint}} by scanning (linear; hostile text cannot make it slow). */
function scanClozes(text: string): Cloze[] {
	const out: Cloze[] = [];
	let at = 0;
	for (;;) {
		const open = text.indexOf('{{c', at);
		if (open < 0) break;
		let i = open + 3;
		let digits = '';
		while (i < text.length && text[i]! >= '0' && text[i]! <= '9' && digits.length < 4) digits += text[i++];
		if (!digits || text.slice(i, i + 2) !== '::') {
			at = open + 3;
			continue;
		}
		const close = text.indexOf('}}', i + 2);
		if (close < 0) break;
		const body = text.slice(i + 2, close);
		const sep = body.lastIndexOf('::');
		out.push({ start: open, end: close + 2, n: Number(digits), text: sep >= 0 ? body.slice(0, sep) : body, hint: sep >= 0 ? body.slice(sep + 2) : '' });
		at = close + 2;
	}
	return out;
}

function renderCloze(text: string, n: number, side: 'q' | 'a'): string {
	let out = '';
	let at = 0;
	for (const c of scanClozes(text)) {
		out += text.slice(at, c.start);
		if (c.n !== n) out += c.text;
		else if (side === 'q') out += `<span class="cloze">[${c.hint ? c.hint : '…'}]</span>`;
		else out += `<span class="cloze">${c.text}</span>`;
		at = c.end;
	}
	return out + text.slice(at);
}

interface RenderContext {
	fields: Map<string, string>;
	cloze: number;
	side: 'q' | 'a';
	frontSide: string;
	tags: string;
	deck: string;
	card: string;
}

function fieldValue(name: string, ctx: RenderContext): string {
	const parts = name.split(':').map((p) => p.trim());
	const field = parts.pop() ?? '';
	const filters = parts.map((f) => f.toLowerCase());
	let value: string;
	if (field === 'FrontSide') value = ctx.frontSide;
	else if (field === 'Tags') value = ctx.tags;
	else if (field === 'Deck') value = ctx.deck;
	else if (field === 'Subdeck') value = ctx.deck.split('::').pop() ?? '';
	else if (field === 'Card') value = ctx.card;
	else value = ctx.fields.get(field) ?? '';
	for (const f of filters.reverse()) {
		if (f === 'type') return '';
		if (f === 'cloze') value = renderCloze(value, ctx.cloze, ctx.side);
		else if (f === 'text') value = stripHtml(value);
	}
	return value;
}

/** Renders an Anki card template: fields, {{#Field}}…{{/Field}} sections, and the common filters. */
export function renderTemplate(fmt: string, ctx: RenderContext, depth = 0): string {
	if (fmt.length > MAX_TEMPLATE || depth > 8) return '';
	let out = '';
	let at = 0;
	for (;;) {
		const open = fmt.indexOf('{{', at);
		if (open < 0) break;
		const close = fmt.indexOf('}}', open + 2);
		if (close < 0) break;
		out += fmt.slice(at, open);
		const tag = fmt.slice(open + 2, close).trim();
		if (tag.startsWith('#') || tag.startsWith('^')) {
			const name = tag.slice(1).trim();
			const end = fmt.indexOf(`{{/${name}}}`, close + 2);
			if (end < 0) {
				at = close + 2;
				continue;
			}
			const inner = fmt.slice(close + 2, end);
			const filled = stripHtml(fieldValue(name, ctx)).trim() !== '';
			if (filled === tag.startsWith('#')) out += renderTemplate(inner, ctx, depth + 1);
			at = end + name.length + 5;
			continue;
		}
		if (!tag.startsWith('/') && !tag.startsWith('!')) out += fieldValue(tag, ctx);
		at = close + 2;
	}
	return out + fmt.slice(at);
}

/** Anki's sounds and media references, which are not imported, as visible placeholders. */
function withoutSounds(html: string): string {
	return html.replace(/\[sound:([^\]]{1,200})\]/g, (_, name: string) => `[sound not imported: ${name}]`);
}

function answerWithoutFront(html: string): string {
	return html.replace(/^\s*<hr\s+id\s*=\s*["']?answer["']?\s*\/?>\s*/i, '');
}

/**
 * Turns a collection into DocDeck rows. Each Anki card becomes a card keyed by its note and
 * template ("a<note id>-<ord>"), so importing a later export of the same collection updates it;
 * each card's Anki review history is replayed through FSRS to give its schedule.
 */
export function ankiToDataset(
	col: AnkiCollection,
	opts: { fileName: string; now: number; scheduler: Scheduler; dayStartHour: number; utcOffsetMinutes: number }
): AnkiImport {
	const notes = new Map(col.notes.map((n) => [n.id, n]));
	const revlogByCard = new Map<number, AnkiReview[]>();
	for (const r of col.revlog) {
		if (r.ease < 1 || r.ease > 4 || r.type === 4 || r.type === 5 || !Number.isFinite(r.id)) continue;
		const list = revlogByCard.get(r.cid) ?? [];
		list.push(r);
		revlogByCard.set(r.cid, list);
	}
	// The deck is named after the top-level Anki deck most cards are in.
	const roots = new Map<string, number>();
	for (const c of col.cards) {
		const root = (col.decks.get(c.did) ?? 'Anki').split('::')[0]!;
		roots.set(root, (roots.get(root) ?? 0) + 1);
	}
	const title = [...roots.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? opts.fileName.replace(/\.(apkg|colpkg)$/i, '');
	const deckId = `anki-${slug(title)}`;
	const report: AnkiImport['report'] = { deckTitle: title, notes: col.notes.length, cards: 0, reviews: 0, skippedCards: 0, mediaNotImported: col.mediaCount, suspended: 0 };

	const ordered = [...col.cards].sort((a, b) => (a.type === 0 && b.type === 0 ? a.due - b.due : 0) || a.type - b.type || a.id - b.id);
	const cards: CardRow[] = [];
	const states: StateRow[] = [];
	const reviews: ReviewRow[] = [];
	for (const c of ordered) {
		const note = notes.get(c.nid);
		const model = note ? col.models.get(note.mid) : undefined;
		if (!note || !model || (model.type !== 0 && model.type !== 1)) {
			report.skippedCards++;
			continue;
		}
		const template = model.type === 1 ? model.templates[0] : model.templates.find((t) => t.ord === c.ord);
		if (!template) {
			report.skippedCards++;
			continue;
		}
		const fields = new Map(model.fields.map((name, i) => [name, (note.fields[i] ?? '').slice(0, MAX_FIELD)]));
		const deckName = col.decks.get(c.did) ?? title;
		const ctx: RenderContext = { fields, cloze: c.ord + 1, side: 'q', frontSide: '', tags: note.tags.trim(), deck: deckName, card: template.name };
		const question = withoutSounds(renderTemplate(template.qfmt, ctx)).trim();
		const answer = withoutSounds(answerWithoutFront(renderTemplate(template.afmt, { ...ctx, side: 'a', frontSide: '' }))).trim();
		// Anki's "empty card": nothing on the front, or a cloze card whose cloze is gone.
		if (!stripHtml(question).trim() || (model.type === 1 && !question.includes('class="cloze"'))) {
			report.skippedCards++;
			continue;
		}
		const position = cards.length;
		const id = `a${c.nid}-${c.ord}`;
		const section = deckName.split('::').slice(1).join(' › ') || deckName;
		const card: CardRow = {
			id,
			key: `${deckId}/${id}`,
			deckId,
			kind: model.type === 1 ? 'cloze' : 'basic',
			format: 'html',
			question,
			answer: stripHtml(answer).trim() ? answer : question,
			items: [],
			explanation: '',
			section,
			passage: '',
			position,
			retired: 0
		};
		cards.push(card);
		const history = (revlogByCard.get(c.id) ?? []).map((r) => ({ id: `anki-${c.id}-${r.id}`, at: r.id, rating: r.ease as RatingValue, ms: r.time }));
		const replayed = replay(opts.scheduler, card.key, history);
		const sorted = [...history].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
		sorted.forEach((h, i) => {
			const step = replayed.steps[i]!;
			reviews.push({
				id: h.id,
				cardKey: card.key,
				deckId,
				at: h.at,
				day: studyDay(h.at, opts.dayStartHour, opts.utcOffsetMinutes),
				rating: h.rating,
				stateBefore: step.before.state,
				before: step.before,
				after: step.after,
				elapsedDays: step.elapsedDays,
				durationMs: Math.max(0, Math.min(60_000, Math.round(h.ms) || 0))
			});
		});
		const schedule = history.length ? replayed.schedule : newSchedule(opts.now);
		const suspended = c.queue === -1;
		if (suspended) report.suspended++;
		states.push({
			key: card.key,
			deckId,
			queue: suspended ? Queue.Suspended : queueOf(schedule.state),
			due: queueKey(schedule, position),
			position,
			schedule,
			flag: c.flags & 7 ? 1 : 0,
			buriedDay: 0
		});
	}
	report.cards = cards.length;
	report.reviews = reviews.length;
	const deck: DeckRow = {
		id: deckId,
		title,
		description: `Imported from the Anki file ${opts.fileName}`,
		origin: 'imported',
		source: { title: opts.fileName, origin: `Imported from Anki (${opts.fileName}).`, passages: [] },
		fingerprint: checksum(JSON.stringify(cards)),
		updatedAt: opts.now
	};
	return { data: { decks: [deck], cards, states, reviews }, report };
}
