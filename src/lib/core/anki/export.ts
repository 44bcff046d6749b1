// A deck out as an Anki package (.apkg) that every Anki and AnkiDroid version opens: the legacy
// schema-11 collection (as collection.anki21, and again as collection.anki2 for Anki 2.0), with
// notes, cards, tags, schedules, the review log and the media files. sql.js is handed in.
//
// Each card becomes one note of a "DocDeck" note type: Front and Back as Anki shows them, and a
// "DocDeck" field holding the card as DocDeck stores it, so importing the package back into
// DocDeck gives the same cards (ids, kinds, wording) with the same history.

import { strToU8, zipSync } from 'fflate';
import type { SqlJsStatic } from 'sql.js';
import { FsrsState, type CardKind, type RatingValue } from '../model.ts';
import type { CardRow, DeckRow, ReviewRow, StateRow } from '../records.ts';
import { checksum } from '../hash.ts';
import { DAY } from '../time.ts';
import { DOCDECK_FIELD, exportFaces as faces } from './card.ts';
import { ankiFieldChecksum, ankiSortText } from './field-checksum.ts';
import { occlusionField } from './occlusion.ts';

export interface ApkgExport {
	/** The deck exported and the decks under it, parents first. */
	decks: DeckRow[];
	cards: CardRow[];
	states: StateRow[];
	reviews: ReviewRow[];
	media: { name: string; bytes: Uint8Array }[];
	now: number;
}

/** The note types' ids. */
export const MODEL_BASIC = 1_700_000_000_101;
export const MODEL_TYPED = 1_700_000_000_102;
export const MODEL_OCCLUSION = 1_700_000_000_103;

/** What the DocDeck field holds. */
export interface CardMeta {
	v: 1;
	id: string;
	kind: CardKind;
	question: string;
	answer: string;
	items: string[];
	explanation: string;
	section: string;
	format?: 'html';
	typeIn?: string;
	accept?: string[];
	distractors?: string[];
	/** The deck the card is in on the device it was exported from (its key there is `${deck}/${id}`). */
	deck?: string;
	/** Its reviews, as [Anki review id, the review's own id here], so coming back never doubles them. */
	reviews?: [number, string][];
}

const CSS = '.card { font-family: sans-serif; font-size: 20px; text-align: left; color: black; background-color: white; }\n.cloze { font-weight: bold; color: blue; }';

function model(id: number, name: string, qfmt: string, afmt: string, now: number) {
	const fld = (n: string, ord: number) => ({ name: n, ord, sticky: false, rtl: false, font: 'Arial', size: 20, media: [], description: '' });
	return {
		id,
		name,
		type: 0,
		mod: Math.floor(now / 1000),
		usn: -1,
		sortf: 0,
		did: null,
		tmpls: [{ name: 'Card 1', ord: 0, qfmt, afmt, bqfmt: '', bafmt: '', did: null, bfont: '', bsize: 0 }],
		flds: [fld('Front', 0), fld('Back', 1), fld(DOCDECK_FIELD, 2)],
		css: CSS,
		latexPre: '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n',
		latexPost: '\\end{document}',
		latexsvg: false,
		req: [[0, 'any', [0]]],
		tags: [],
		vers: []
	};
}

const tagsOf = (c: CardRow) => (c.tags?.length ? ` ${c.tags.map((t) => t.replace(/\s+/g, '_')).join(' ')} ` : '');

/** Both sides draw the masks with Anki's own image-occlusion code, which reads them from the cloze. */
const OCCLUSION_SIDE = [
	'{{#Header}}<div class="io-header">{{Header}}</div>{{/Header}}',
	'<div style="display: none">{{cloze:Occlusion}}</div>',
	'<div id="err"></div>',
	'<div id="image-occlusion-container">{{Image}}<canvas id="image-occlusion-canvas"></canvas></div>',
	'<script>',
	'try { anki.imageOcclusion.setup(); } catch (e) { document.getElementById("err").textContent = "Image occlusion needs Anki 23.10 or later: " + e; }',
	'</script>'
].join('\n');

/**
 * Anki's Image Occlusion note type as Anki 23.10 and later know it (a cloze type of the original
 * stock kind 6, fields Occlusion, Image, Header, Back Extra, Comments), with DocDeck's field last.
 */
function occlusionModel(now: number) {
	const names = ['Occlusion', 'Image', 'Header', 'Back Extra', 'Comments', DOCDECK_FIELD];
	const base = model(MODEL_OCCLUSION, 'Image Occlusion (DocDeck)', OCCLUSION_SIDE, `${OCCLUSION_SIDE}\n<div><button id="toggle">Toggle masks</button></div>\n{{#Back Extra}}<div>{{Back Extra}}</div>{{/Back Extra}}`, now);
	return {
		...base,
		type: 1,
		originalStockKind: 6,
		tmpls: base.tmpls.map((t) => ({ ...t, name: 'Image Occlusion' })),
		flds: names.map((name, ord) => ({ ...base.flds[0]!, name, ord, ...(ord < 5 ? { tag: ord, preventDeletion: ord < 3 } : {}) })),
		css: '.card { font-family: sans-serif; font-size: 20px; text-align: center; color: black; background-color: white; }\n.io-header { margin-bottom: 0.5em; }',
		req: undefined
	};
}

/** Anki's default deck options, written out (an import without them falls back to these anyway). */
function deckConfig(now: number) {
	return {
		id: 1,
		name: 'Default',
		mod: Math.floor(now / 1000),
		usn: -1,
		maxTaken: 60,
		autoplay: true,
		timer: 0,
		replayq: true,
		dyn: false,
		new: { bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20 },
		lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
		rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 }
	};
}

/** A stable number for a DocDeck id, in the range of Anki's millisecond ids. */
function numberFor(text: string, base: number): number {
	return base + (parseInt(checksum(text).slice(-10), 16) % 1e11);
}

/** Anki's interval field: whole days when the card is in review, negative seconds while learning. */
function ankiInterval(s: StateRow['schedule'], from: number): number {
	if (s.state === FsrsState.Review) return Math.max(1, Math.round((s.due - from) / DAY));
	if (s.state === FsrsState.New) return 0;
	return -Math.max(1, Math.round((s.due - from) / 1000));
}

const REVLOG_TYPE: Record<number, number> = { 0: 0, 1: 0, 2: 1, 3: 2 };

export function exportApkg(SQL: SqlJsStatic, input: ApkgExport): Uint8Array {
	const { now } = input;
	const secs = Math.floor(now / 1000);
	// The collection's day 0: early enough for every due day to be positive.
	const earliest = Math.min(now, ...input.reviews.map((r) => r.at), ...input.states.map((s) => s.schedule.due));
	const crt = Math.floor((earliest - 30 * DAY) / DAY) * (DAY / 1000);

	const deckIds = new Map<string, number>();
	const names = new Map<string, string>();
	const byId = new Map(input.decks.map((d) => [d.id, d]));
	const nameOf = (d: DeckRow): string => {
		if (names.has(d.id)) return names.get(d.id)!;
		const parent = d.parentId ? byId.get(d.parentId) : undefined;
		const name = (parent ? `${nameOf(parent)}::` : '') + d.title.replace(/::/g, ':');
		names.set(d.id, name);
		return name;
	};
	const decks: Record<string, unknown> = {
		'1': { id: 1, name: 'Default', mod: secs, usn: -1, lrnToday: [0, 0], revToday: [0, 0], newToday: [0, 0], timeToday: [0, 0], collapsed: false, browserCollapsed: false, desc: '', dyn: 0, conf: 1, extendNew: 0, extendRev: 0 }
	};
	for (const d of input.decks) {
		const fromAnki = d.ref?.match(/^anki:(\d{2,16})$/)?.[1];
		const id = fromAnki ? Number(fromAnki) : numberFor(d.id, 1_600_000_000_000);
		deckIds.set(d.id, id);
		decks[String(id)] = { ...(decks['1'] as object), id, name: nameOf(d), desc: d.description };
	}

	const db = new SQL.Database();
	try {
		db.run(`create table col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null, dconf text not null, tags text not null);
			create table notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
			create table cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);
			create table revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
			create table graves (usn integer not null, oid integer not null, type integer not null);
			create index ix_notes_usn on notes (usn); create index ix_cards_usn on cards (usn); create index ix_revlog_usn on revlog (usn);
			create index ix_cards_nid on cards (nid); create index ix_cards_sched on cards (did, queue, due); create index ix_revlog_cid on revlog (cid); create index ix_notes_csum on notes (csum);`);
		const models = {
			[MODEL_BASIC]: model(MODEL_BASIC, 'DocDeck', '{{Front}}', '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}', now),
			[MODEL_TYPED]: model(MODEL_TYPED, 'DocDeck (type in the answer)', '{{Front}}\n\n{{type:Back}}', '{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}', now),
			...(input.cards.some((c) => c.occlusion) ? { [MODEL_OCCLUSION]: occlusionModel(now) } : {})
		};
		const conf = { schedVer: 2, activeDecks: [1], curDeck: 1, newSpread: 0, collapseTime: 1200, timeLim: 0, estTimes: true, dueCounts: true, curModel: MODEL_BASIC, nextPos: input.cards.length + 1, sortType: 'noteFld', sortBackwards: false, addToCur: true };
		db.run('insert into col values (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)', [crt, now, now, JSON.stringify(conf), JSON.stringify(models), JSON.stringify(decks), JSON.stringify({ '1': deckConfig(now) }), '{}']);

		const states = new Map(input.states.map((s) => [s.key, s]));
		const cardIds = new Map<string, number>();
		const used = new Set<number>();
		const unique = (n: number) => {
			while (used.has(n)) n++;
			used.add(n);
			return n;
		};
		// Anki's review id is the answer's time in milliseconds, and must be unique.
		const keys = new Set(input.cards.map((c) => c.key));
		const revlog: { rid: number; review: ReviewRow }[] = [];
		const times = new Set<number>();
		for (const r of [...input.reviews].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))) {
			if (!keys.has(r.cardKey)) continue;
			let rid = Math.round(r.at);
			while (times.has(rid)) rid++;
			times.add(rid);
			revlog.push({ rid, review: r });
		}
		const reviewIdsOf = new Map<string, [number, string][]>();
		for (const { rid, review } of revlog) reviewIdsOf.set(review.cardKey, [...(reviewIdsOf.get(review.cardKey) ?? []), [rid, review.id]]);

		const sorted = [...input.cards].sort((a, b) => (a.deckId < b.deckId ? -1 : a.deckId > b.deckId ? 1 : a.position - b.position));
		// Image Occlusion cards of one note (same deck, image and masks) go back as that one note.
		const occlusionNotes = new Map<string, { nid: number; cards: CardRow[] }>();
		const noteOf = new Map<string, number>();
		for (const c of sorted) {
			if (!c.occlusion) continue;
			const o = c.occlusion;
			let group = `${c.deckId}\u0000${o.image}\u0000${JSON.stringify(o.masks)}\u0000${JSON.stringify(o.labels)}`;
			for (let n = 2; occlusionNotes.get(group)?.cards.some((x) => x.occlusion!.ordinal === o.ordinal); n++) group = `${group}\u0000${n}`;
			const note = occlusionNotes.get(group) ?? { nid: unique(numberFor(`note ${c.key}`, 1_500_000_000_000)), cards: [] };
			note.cards.push(c);
			occlusionNotes.set(group, note);
			noteOf.set(c.key, note.nid);
		}
		for (const { nid, cards } of occlusionNotes.values()) {
			const first = cards[0]!;
			const o = first.occlusion!;
			const header = /^What is under region \d+ of \d+\?$/.test(first.question) ? '' : first.question;
			const extra = /^The image with region \d+ of \d+ shown\.$/.test(first.answer) ? '' : first.answer;
			const meta = { v: 1, deck: first.deckId, cards: cards.map((c) => ({ ord: c.occlusion!.ordinal - 1, id: c.id, ...(reviewIdsOf.has(c.key) ? { reviews: reviewIdsOf.get(c.key) } : {}) })) };
			const occlusion = occlusionField(o.masks, o.labels);
			const image = `<img src="${o.image.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`;
			db.run('insert into notes values (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)', [nid, `dd${checksum(first.key)}`, MODEL_OCCLUSION, secs, tagsOf(first), [occlusion, image, header, extra, '', JSON.stringify(meta)].join('\u001f'), ankiSortText(occlusion), ankiFieldChecksum(occlusion), '']);
		}

		sorted.forEach((c, i) => {
			const occlusionNote = noteOf.get(c.key);
			const nid = occlusionNote ?? unique(numberFor(`note ${c.key}`, 1_500_000_000_000));
			const cid = unique(numberFor(`card ${c.key}`, 1_500_000_000_000));
			cardIds.set(c.key, cid);
			if (occlusionNote === undefined) writeNote(c, nid);
			insertCard(c, cid, nid, i);
		});

		function writeNote(c: CardRow, nid: number) {
			const { front, back } = faces(c);
			const meta: CardMeta = { v: 1, id: c.id, kind: c.kind, question: c.question, answer: c.answer, items: c.items, explanation: c.explanation, section: c.section, deck: c.deckId };
			if (reviewIdsOf.has(c.key)) meta.reviews = reviewIdsOf.get(c.key);
			for (const f of ['format', 'typeIn', 'accept', 'distractors'] as const) if (c[f] !== undefined) Object.assign(meta, { [f]: c[f] });
			const mid = c.typeIn ? MODEL_TYPED : MODEL_BASIC;
			// The sort field and checksum as Anki computes them, so its Check Database has nothing to fix.
			db.run('insert into notes values (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)', [nid, `dd${checksum(c.key)}`, mid, secs, tagsOf(c), [front, back, JSON.stringify(meta)].join('\u001f'), ankiSortText(front), ankiFieldChecksum(front), '']);
		}

		function insertCard(c: CardRow, cid: number, nid: number, i: number) {

			const s = states.get(c.key);
			const sch = s?.schedule;
			let type = 0;
			let queue = 0;
			let due = i + 1;
			let ivl = 0;
			let factor = 0;
			let data = '';
			if (sch && sch.state !== FsrsState.New) {
				type = sch.state === FsrsState.Review ? 2 : sch.state === FsrsState.Relearning ? 3 : 1;
				if (sch.state === FsrsState.Review) {
					queue = 2;
					due = Math.max(0, Math.floor((sch.due / 1000 - crt) / 86_400));
					ivl = Math.max(1, sch.scheduledDays || Math.round((sch.due - (sch.lastReview ?? sch.due)) / DAY));
				} else {
					queue = 1;
					due = Math.floor(sch.due / 1000);
				}
				factor = 2500;
				// Anki (23.10 and later) reads a card's FSRS memory from here.
				data = JSON.stringify({ s: Number(sch.stability.toFixed(4)), d: Number(Math.min(10, Math.max(1, sch.difficulty)).toFixed(4)) });
			}
			if (s && s.queue === -1) queue = -1;
			else if (s && s.queue === -2) queue = -3;
			const flags = s?.flag ? 1 : 0;
			// An occlusion card is its note's card for its cloze number, as Anki numbers them.
			const ord = c.occlusion ? c.occlusion.ordinal - 1 : 0;
			db.run('insert into cards values (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)', [cid, nid, deckIds.get(c.deckId) ?? 1, ord, secs, type, queue, due, ivl, factor, sch?.reps ?? 0, sch?.lapses ?? 0, type === 1 || type === 3 ? 1 : 0, flags, data]);
		}

		for (const { rid, review: r } of revlog) {
			const cid = cardIds.get(r.cardKey)!;
			const ease: RatingValue = r.rating;
			db.run('insert into revlog values (?, ?, -1, ?, ?, ?, ?, ?, ?)', [rid, cid, ease, ankiInterval(r.after, r.at), ankiInterval(r.before, r.before.lastReview ?? r.at), r.after.state === FsrsState.Review ? 2500 : 0, Math.max(0, Math.round(r.durationMs)), REVLOG_TYPE[r.stateBefore] ?? 0]);
		}
		const collection = db.export();
		const files: Record<string, Uint8Array> = { 'collection.anki21': collection, 'collection.anki2': collection };
		const mediaMap: Record<string, string> = {};
		input.media.forEach((m, i) => {
			files[String(i)] = m.bytes;
			mediaMap[String(i)] = m.name;
		});
		files['media'] = strToU8(JSON.stringify(mediaMap));
		return zipSync(files, { level: 6 });
	} finally {
		db.close();
	}
}
