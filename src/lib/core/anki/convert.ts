// An Anki collection (notes, cards, note types, review log) → DocDeck rows. Pure: the package is
// read by package.ts; the HTML this produces is sanitised by the caller before it is stored.

import { CARD_KINDS, Queue, queueKey, queueOf, type CardKind, type RatingValue } from '../model.ts';
import type { CardRow, Dataset, DeckRow, ReviewRow, StateRow } from '../records.ts';
import { replay } from '../replay.ts';
import { newSchedule, type Scheduler } from '../schedule.ts';
import { studyDay } from '../queue.ts';
import { checksum } from '../hash.ts';
import { stripHtml } from '../strip-html.ts';
import { parseTags } from '../tags.ts';
import { ankiCardContent, DOCDECK_FIELD, exportFaces, occlusionCardContent, type AnkiCardContent } from './card.ts';
import { DOCDECK_REF } from './identity.ts';
import type { Occlusion } from './occlusion.ts';
import { mediaForCards, type MediaFile } from './media.ts';
import type { AnkiCard, AnkiCollection, AnkiDeck, AnkiFormat, AnkiModel, AnkiNote, AnkiReview, AnkiSkip } from './types.ts';
import { answerDuration, answerTimeProblem, isIntIn, KEPT_ANSWER_MS, shown, SkipList } from './checks.ts';
import { cardKey } from '../sync.ts';

export interface AnkiImport {
	data: Dataset;
	/** The media files the cards use, under the deck of each card using them. */
	media: MediaFile[];
	report: {
		deckTitle: string;
		/** The collection file read: collection.anki21b in packages from Anki 2.1.50 and later. */
		format: AnkiFormat;
		notes: number;
		cards: number;
		reviews: number;
		/** Cards left out, for any reason (the reasons are in `skipped`). */
		skippedCards: number;
		/** Media files kept (cards refer to them and the package holds them), by name. */
		media: number;
		/** Files cards refer to that the package lacks, or of a kind DocDeck cannot show; files no card uses. */
		mediaMissing: string[];
		mediaUnsupported: string[];
		mediaUnused: number;
		suspended: number;
		/** Rows left out, grouped by reason, each with the first few places. */
		skipped: AnkiSkip[];
		/** Rows kept with a value set aside (an impossible answer duration, an unusable order). */
		adjusted: AnkiSkip[];
		/** The decks that get cards (with their parents), by full Anki name, in tree order. */
		decks: { name: string; cards: number }[];
		/** Distinct tags kept, and the notes that carry any. */
		tags: number;
		taggedNotes: number;
		/** Learning answers of Anki's first scheduler, renumbered as Anki renumbers them. */
		v1Converted: number;
	};
}


/** The deck a card belongs to: its home deck while it sits in a filtered deck. */
function homeDeck(col: AnkiCollection, c: AnkiCard): AnkiDeck | undefined {
	const home = c.odid !== '0' ? col.decks.get(c.odid) : undefined;
	const deck = home ?? col.decks.get(c.did);
	return deck && !deck.filtered ? deck : undefined;
}

/** The DocDeck id of an Anki deck: from Anki's deck id, which a rename keeps ("anki-1612345678901"). */
export function ankiDeckId(deck: AnkiDeck): string {
	return /^\d{1,16}$/.test(deck.id) ? `anki-${deck.id}` : `anki-n${checksum(deck.name)}`;
}

/** A card's identities in its package: its note's guid and its note id, each with the template number. */
export function ankiCardRefs(guid: string, nid: number, ord: number): string[] {
	return [...(guid ? [`anki:g:${guid}/${ord}`] : []), `anki:n:${nid}/${ord}`];
}

/**
 * Anki's first scheduler (2.0, and 2.1 until switched) offered three buttons while learning:
 * Again 1, Good 2, Easy 3. When Anki moves a collection to its later schedulers it renumbers
 * those answers (learning and relearning reviews with ease 2 or 3 gain one), so Good is 3 and
 * Easy 4 as everywhere else. DocDeck does the same for a collection still on the first scheduler.
 * A learning answer numbered 4 cannot come from that scheduler: then nothing is renumbered.
 */
function firstSchedulerAnswers(col: AnkiCollection): ((r: AnkiReview) => AnkiReview) | null {
	if (col.schedulerVersion !== 1) return null;
	const learning = (r: AnkiReview) => r.type === 0 || r.type === 2;
	if (col.revlog.some((r) => learning(r) && r.ease === 4)) return null;
	return (r) => (learning(r) && (r.ease === 2 || r.ease === 3) ? { ...r, ease: r.ease + 1 } : r);
}

/**
 * A card DocDeck exported (its note carries the card as DocDeck stored it): the same card again,
 * checked field by field since the file comes from outside. Null for any other note.
 */
function docdeckCard(model: AnkiModel, note: AnkiNote): (AnkiCardContent & { id: string; rest: Partial<CardRow>; home?: string; reviewIds: Map<number, string>; edited: boolean }) | null {
	const at = model.fields.indexOf(DOCDECK_FIELD);
	if (at < 0) return null;
	const raw = note.fields[at] ?? '';
	let m: Record<string, unknown> | null = null;
	// As written; or as Anki's editor may have escaped it, if someone opened the note.
	for (const text of [raw, raw.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&')]) {
		try {
			m = JSON.parse(text) as Record<string, unknown>;
			break;
		} catch {
			m = null;
		}
	}
	const text = (v: unknown, max = 200_000): v is string => typeof v === 'string' && v.length <= max;
	const texts = (v: unknown): v is string[] => Array.isArray(v) && v.length <= 500 && v.every((x) => text(x, 10_000));
	if (!m || m.v !== 1 || !text(m.id, 200) || !/^[a-z0-9][a-z0-9-]*$/.test(m.id) || !(CARD_KINDS as readonly unknown[]).includes(m.kind)) return null;
	if (!text(m.question) || !m.question.trim() || !text(m.answer) || !texts(m.items) || !text(m.explanation) || !text(m.section)) return null;
	for (const f of ['typeIn'] as const) if (m[f] !== undefined && !text(m[f], 10_000)) return null;
	for (const f of ['accept', 'distractors'] as const) if (m[f] !== undefined && !texts(m[f])) return null;
	const rest: Partial<CardRow> = { items: m.items, explanation: m.explanation, section: m.section, ...(m.format === 'html' ? {} : { format: undefined }) };
	for (const f of ['accept', 'distractors'] as const) if (m[f]) Object.assign(rest, { [f]: m[f] });
	// Where the card lives on the device it was exported from, and its reviews' own ids there.
	const home = text(m.deck, 200) && /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u.test(m.deck) ? `${m.deck}/${m.id}` : undefined;
	const reviewIds = new Map<number, string>();
	if (Array.isArray(m.reviews) && m.reviews.length <= 100_000) {
		for (const pair of m.reviews as unknown[]) {
			if (!Array.isArray(pair) || pair.length !== 2) continue;
			const [at, id] = pair as unknown[];
			if (Number.isSafeInteger(at) && typeof id === 'string' && /^[\w-]{1,100}$/.test(id)) reviewIds.set(at as number, id);
		}
	}
	const content = { id: m.id, kind: m.kind as CardKind, question: m.question, answer: m.answer, ...(m.typeIn ? { typeIn: m.typeIn as string } : {}) };
	// Front or Back changed in Anki since the export: the card is taken as Anki now shows it.
	const faces = exportFaces({ ...content, items: m.items, explanation: m.explanation, ...(m.format === 'html' ? { format: 'html' as const } : {}) });
	const field = (name: string) => note.fields[model.fields.indexOf(name)];
	const edited = field('Front') !== faces.front || field('Back') !== faces.back;
	return { ...content, rest, ...(home ? { home } : {}), reviewIds, edited };
}

/**
 * Where an Image Occlusion card DocDeck exported lives on the device it came from: its id, its key
 * there and its reviews' ids, from the note's DocDeck field (one entry per card of the note).
 */
function occlusionIdentity(model: AnkiModel, note: AnkiNote, ord: number): { id: string; rest: Partial<CardRow>; home?: string; reviewIds: Map<number, string>; edited: boolean } | null {
	const at = model.fields.indexOf(DOCDECK_FIELD);
	if (at < 0) return null;
	let m: unknown;
	try {
		m = JSON.parse(note.fields[at] ?? '');
	} catch {
		return null;
	}
	const meta = m as { v?: unknown; deck?: unknown; cards?: unknown };
	if (!meta || meta.v !== 1 || !Array.isArray(meta.cards)) return null;
	const entry = (meta.cards as Record<string, unknown>[]).find((x) => x && x.ord === ord);
	if (!entry || typeof entry.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,199}$/.test(entry.id)) return null;
	const saved = docdeckCard({ ...model, fields: [DOCDECK_FIELD] }, { ...note, fields: [JSON.stringify({ v: 1, id: entry.id, kind: 'cloze', question: '-', answer: '', items: [], explanation: '', section: '', deck: meta.deck, reviews: entry.reviews })] });
	return saved ? { id: saved.id, rest: {}, ...(saved.home ? { home: saved.home } : {}), reviewIds: saved.reviewIds, edited: true } : null;
}

/**
 * Anki's Image Occlusion note type (stock kind 6 where Anki says so; otherwise its Occlusion and
 * Image fields with a template drawing the masks). Its cards are masks over the image.
 */
function isImageOcclusion(model: AnkiModel): boolean {
	if (model.stock === 'image-occlusion') return true;
	return model.type === 1 && model.fields.includes('Occlusion') && model.fields.includes('Image') && model.templates.some((t) => /image-occlusion/i.test(t.qfmt));
}

/** Why a card row cannot be right, or null. */
function cardProblem(c: AnkiCard): string | null {
	if (!isIntIn(c.ord, 0, 999)) return `its template number (${shown(c.ord)}) is out of range`;
	if (!isIntIn(c.type, 0, 3) || !isIntIn(c.queue, -3, 4)) return `its scheduling state (type ${shown(c.type)}, queue ${shown(c.queue)}) is not one Anki uses`;
	return null;
}

/**
 * Turns a collection into DocDeck rows. Each Anki card becomes a card keyed by its note and
 * template ("a<note id>-<ord>"), so importing a later export of the same collection updates it;
 * each card's Anki review history is replayed through FSRS to give its schedule.
 */
export function ankiToDataset(
	col: AnkiCollection,
	opts: {
		fileName: string;
		now: number;
		scheduler: Scheduler;
		dayStartHour: number;
		utcOffsetMinutes: number;
		/** The bytes of a media file of the package by its name (null when it lacks them). */
		mediaBytes?: (name: string) => Uint8Array | null;
	}
): AnkiImport {
	const skipped = new SkipList();
	skipped.addAll(col.skipped);
	const adjusted = new SkipList();
	const notes = new Map(col.notes.map((n) => [n.id, n]));
	const known = new Set(col.cards.map((c) => c.id));
	const report: AnkiImport['report'] = {
		deckTitle: '',
		format: col.format,
		notes: col.notes.length,
		cards: 0,
		reviews: 0,
		skippedCards: 0,
		media: 0,
		mediaMissing: [],
		mediaUnsupported: [],
		mediaUnused: 0,
		suspended: 0,
		skipped: [],
		adjusted: [],
		decks: [],
		tags: 0,
		taggedNotes: 0,
		v1Converted: 0
	};
	const revlogByCard = new Map<number, AnkiReview[]>();
	const v1 = firstSchedulerAnswers(col);
	for (const original of col.revlog) {
		const r = v1 ? v1(original) : original;
		const place = `review ${r.id} of card ${r.cid}`;
		if (r.type === 4 || r.type === 5 || r.ease === 0) {
			skipped.add('review', 'a change of schedule by hand, not an answer', place);
			continue;
		}
		const timeProblem = answerTimeProblem(r.id, opts.now);
		const problem = !known.has(r.cid) ? 'its card is not in the package' : !isIntIn(r.ease, 1, 4) ? `answer button ${shown(r.ease)} is not one of Anki's four` : timeProblem;
		if (problem) {
			skipped.add('review', problem, place);
			continue;
		}
		const list = revlogByCard.get(r.cid) ?? [];
		list.push(r);
		revlogByCard.set(r.cid, list);
		if (r !== original) report.v1Converted++;
	}
	// Cards whose deck is missing (or only filtered) go to a deck named after the file.
	const fileTitle = opts.fileName.replace(/\.(apkg|colpkg)$/i, '') || 'Anki';
	const fallback: AnkiDeck = { id: 'file', name: fileTitle, description: '', filtered: false };
	const deckOf = (c: AnkiCard) => homeDeck(col, c) ?? fallback;
	// The package is named after the top-level Anki deck most cards are in.
	const roots = new Map<string, number>();
	for (const c of col.cards) {
		const root = deckOf(c).name.split('::')[0]!;
		roots.set(root, (roots.get(root) ?? 0) + 1);
	}
	const title = [...roots.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? fileTitle;
	report.deckTitle = title;
	const byName = new Map([...col.decks.values()].filter((d) => !d.filtered).map((d) => [d.name, d]));
	const usedDecks = new Map<string, { deck: AnkiDeck; cards: number }>();

	const usable = col.cards.filter((c) => {
		const problem = cardProblem(c);
		if (problem) skipped.add('card', problem, `card ${c.id} (note ${c.nid})`);
		return !problem;
	});
	// New cards come in Anki's order: its `due` is their place in the new queue.
	const order = (c: AnkiCard) => {
		if (c.type !== 0) return 0;
		if (Number.isSafeInteger(c.due)) return c.due;
		adjusted.add('card', `its place in the new queue (${shown(c.due)}) is not a number; it comes after the others`, `card ${c.id} (note ${c.nid})`);
		return Number.MAX_SAFE_INTEGER;
	};
	const orderOf = new Map(usable.map((c) => [c.id, order(c)]));
	const ordered = usable.sort((a, b) => (a.type === 0 && b.type === 0 ? orderOf.get(a.id)! - orderOf.get(b.id)! : 0) || a.type - b.type || a.id - b.id);
	const cards: CardRow[] = [];
	/** The Anki cards that became cards here. */
	const imported = new Set<number>();
	const states: StateRow[] = [];
	const reviews: ReviewRow[] = [];
	for (const c of ordered) {
		const note = notes.get(c.nid);
		const model = note ? col.models.get(note.mid) : undefined;
		const place = `card ${c.id} (note ${c.nid})`;
		if (!note || !model || (model.type !== 0 && model.type !== 1)) {
			skipped.add('card', !note ? 'its note is not in the package' : !model ? 'its note type is not in the package' : 'its note type is neither a standard nor a cloze type', place);
			continue;
		}
		const ankiDeck = deckOf(c);
		const occlusion = isImageOcclusion(model);
		const docdeck = occlusion ? null : docdeckCard(model, note);
		const saved = occlusion ? occlusionIdentity(model, note, c.ord) : docdeck;
		const content: (AnkiCardContent & { occlusion?: Occlusion }) | { problem: string } = occlusion
			? occlusionCardContent(model, note, c)
			: docdeck && !docdeck.edited
				? docdeck
				: ankiCardContent(model, note, c, ankiDeck.name);
		if ('problem' in content) {
			skipped.add('card', content.problem, place);
			continue;
		}
		const deckId = ankiDeckId(ankiDeck);
		const used = usedDecks.get(deckId) ?? { deck: ankiDeck, cards: 0 };
		used.cards++;
		usedDecks.set(deckId, used);
		imported.add(c.id);
		const position = cards.length;
		const id = saved?.id ?? `a${c.nid}-${c.ord}`;
		const tags = parseTags(note.tags);
		const card: CardRow = {
			id,
			key: cardKey(deckId, id),
			deckId,
			kind: content.kind,
			format: 'html',
			question: content.question,
			answer: content.answer,
			...(content.typeIn ? { typeIn: content.typeIn } : {}),
			...(content.occlusion ? { occlusion: content.occlusion } : {}),
			...(tags.length ? { tags } : {}),
			refs: [...ankiCardRefs(note.guid, c.nid, c.ord), ...(saved?.home ? [DOCDECK_REF + saved.home] : [])],
			items: [],
			explanation: '',
			section: ankiDeck.name.split('::').pop()!,
			...(saved ? (saved.edited ? { section: saved.rest.section! } : saved.rest) : {}),
			passage: '',
			position,
			retired: 0
		};
		cards.push(card);
		const history = (revlogByCard.get(c.id) ?? []).map((r) => {
			const ms = answerDuration(r.time);
			if (ms === null) adjusted.add('review', 'its recorded answer time is impossible (below zero or over an hour); kept as 0 s', `review ${r.id} of card ${r.cid}`);
			// A review DocDeck exported keeps its own id, so bringing it back never doubles it.
			return { id: saved?.reviewIds.get(r.id) ?? `anki-${c.id}-${r.id}`, at: r.id, rating: r.ease as RatingValue, ms: ms ?? 0 };
		});
		const replayed = replay(opts.scheduler, card.key, history);
		const sorted = [...history].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
		sorted.forEach((h, i) => {
			const step = replayed.steps[i]!;
			reviews.push({
				id: h.id,
				cardKey: card.key,
				deckId: card.deckId,
				at: h.at,
				day: studyDay(h.at, opts.dayStartHour, opts.utcOffsetMinutes),
				rating: h.rating,
				stateBefore: step.before.state,
				before: step.before,
				after: step.after,
				elapsedDays: step.elapsedDays,
				durationMs: Math.min(KEPT_ANSWER_MS, h.ms)
			});
		});
		const schedule = history.length ? replayed.schedule : newSchedule(opts.now);
		const suspended = c.queue === -1;
		if (suspended) report.suspended++;
		states.push({
			key: card.key,
			deckId: card.deckId,
			queue: suspended ? Queue.Suspended : queueOf(schedule.state),
			due: queueKey(schedule, position),
			position,
			schedule,
			flag: c.flags & 7 ? 1 : 0,
			buriedDay: 0
		});
	}
	for (const [cid, list] of revlogByCard) {
		if (!imported.has(cid)) for (const r of list) skipped.add('review', 'its card was left out', `review ${r.id} of card ${cid}`);
	}
	report.cards = cards.length;
	report.reviews = reviews.length;
	report.skippedCards = skipped.count('card');
	report.skipped = skipped.list();
	report.adjusted = adjusted.list();
	const decks = deckTree(usedDecks, byName, opts.fileName, opts.now);
	report.decks = decks.map((d) => ({ name: d.name, cards: usedDecks.get(d.row.id)?.cards ?? 0 }));
	const kept = cards.filter((c) => c.tags?.length);
	report.tags = new Set(kept.flatMap((c) => c.tags!.map((t) => t.toLowerCase()))).size;
	report.taggedNotes = new Set(kept.map((c) => c.id.split('-')[0])).size;
	for (const d of decks) d.row.fingerprint = checksum(JSON.stringify(cards.filter((c) => c.deckId === d.row.id)));
	const entries = new Map(col.media.map((m) => [m.name, m]));
	const media = mediaForCards(cards, (name) => (opts.mediaBytes && entries.has(name) ? opts.mediaBytes(name) : null));
	report.media = new Set(media.files.map((f) => f.name)).size;
	report.mediaMissing = media.missing;
	report.mediaUnsupported = media.unsupported;
	const used = new Set([...media.files.map((f) => f.name), ...media.missing, ...media.unsupported]);
	report.mediaUnused = col.media.filter((m) => !used.has(m.name)).length;
	return { data: { decks: decks.map((d) => d.row), cards, states, reviews }, media: media.files, report };
}

/**
 * One DocDeck deck for each Anki deck that has cards, and for each of their parents (so the tree
 * is whole), parents first. Titles are the last part of Anki's name, as written, in any script.
 */
function deckTree(used: Map<string, { deck: AnkiDeck }>, byName: Map<string, AnkiDeck>, fileName: string, now: number): { name: string; row: DeckRow }[] {
	const out = new Map<string, { name: string; row: DeckRow }>();
	const add = (deck: AnkiDeck): string => {
		const id = ankiDeckId(deck);
		if (out.has(id)) return id;
		const parts = deck.name.split('::');
		const parentName = parts.slice(0, -1).join('::');
		const parent = parentName ? (byName.get(parentName) ?? { id: 'p', name: parentName, description: '', filtered: false }) : undefined;
		const parentId = parent ? add(parent) : undefined;
		const about = stripHtml(deck.description).trim().slice(0, 500);
		out.set(id, {
			name: deck.name,
			row: {
				id,
				title: parts[parts.length - 1]!.trim() || deck.name,
				description: about || `Imported from the Anki file ${fileName}`,
				origin: 'imported',
				source: { title: fileName, origin: `Imported from Anki (${fileName}).`, passages: [] },
				fingerprint: '',
				updatedAt: now,
				...(parentId ? { parentId } : {}),
				...(/^\d{1,16}$/.test(deck.id) ? { ref: `anki:${deck.id}` } : {})
			}
		});
		return id;
	};
	for (const { deck } of used.values()) add(deck);
	return [...out.values()].sort((a, b) => a.name.split('::').join('\u0000').localeCompare(b.name.split('::').join('\u0000')));
}
