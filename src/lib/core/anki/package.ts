// Reading an Anki package (.apkg / .colpkg): the zip (fflate) and the legacy SQLite collection
// inside it (sql.js, handed in already loaded so the caller decides where its wasm comes from).

import { unzipSync } from 'fflate';
import type { SqlJsStatic, Database } from 'sql.js';
import type { AnkiCard, AnkiCollection, AnkiModel, AnkiNote, AnkiReview } from './types.ts';
import { safeId, shown, SkipList } from './checks.ts';

export const MAX_APKG_BYTES = 300 * 1024 * 1024;

export type ApkgResult = { ok: true; collection: AnkiCollection } | { ok: false; problem: string };

function rows(db: Database, sql: string): unknown[][] {
	return db.exec(sql)[0]?.values ?? [];
}

function parseJson(text: unknown): Record<string, unknown> | null {
	if (typeof text !== 'string') return null;
	try {
		const v = JSON.parse(text) as unknown;
		return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}

export function readApkg(bytes: Uint8Array, SQL: SqlJsStatic, fileName: string): ApkgResult {
	let files: Record<string, Uint8Array>;
	try {
		files = unzipSync(bytes, { filter: (f) => f.name === 'collection.anki21b' || f.name === 'collection.anki21' || f.name === 'collection.anki2' || f.name === 'media' });
	} catch {
		return { ok: false, problem: `“${fileName}” is not an Anki package (it is not a zip file, or it is damaged).` };
	}
	const legacy = files['collection.anki21'] ?? (files['collection.anki21b'] ? undefined : files['collection.anki2']);
	if (!legacy) {
		if (files['collection.anki21b']) {
			return {
				ok: false,
				problem: `“${fileName}” uses the newer Anki package format (compressed with zstd), which DocDeck cannot read yet. In Anki, export again with “Support older Anki versions” ticked.`
			};
		}
		return { ok: false, problem: `“${fileName}” holds no Anki collection (no collection.anki2 or collection.anki21 inside).` };
	}
	let db: Database;
	try {
		db = new SQL.Database(legacy);
	} catch {
		return { ok: false, problem: `The collection inside “${fileName}” is not a readable SQLite database.` };
	}
	try {
		const col = rows(db, 'select models, decks from col limit 1')[0];
		const modelsJson = parseJson(col?.[0]);
		const decksJson = parseJson(col?.[1]);
		if (!modelsJson || !decksJson) return { ok: false, problem: `The collection inside “${fileName}” has no note types or decks (is it from a very new Anki? Export with “Support older Anki versions”).` };
		const models = new Map<string, AnkiModel>();
		for (const [id, raw] of Object.entries(modelsJson)) {
			const m = raw as { name?: unknown; type?: unknown; flds?: { name?: unknown; ord?: unknown }[]; tmpls?: { name?: unknown; ord?: unknown; qfmt?: unknown; afmt?: unknown }[] };
			if (!Array.isArray(m.flds) || !Array.isArray(m.tmpls)) continue;
			models.set(String(id), {
				id: String(id),
				name: String(m.name ?? ''),
				type: Number(m.type ?? 0),
				fields: [...m.flds].sort((a, b) => Number(a.ord) - Number(b.ord)).map((f) => String(f.name ?? '')),
				templates: m.tmpls.map((t) => ({ name: String(t.name ?? ''), ord: Number(t.ord ?? 0), qfmt: String(t.qfmt ?? ''), afmt: String(t.afmt ?? '') }))
			});
		}
		const decks = new Map<string, string>();
		for (const [id, raw] of Object.entries(decksJson)) decks.set(String(id), String((raw as { name?: unknown }).name ?? 'Anki'));
		const skipped = new SkipList();
		const notes: AnkiNote[] = [];
		for (const [i, r] of rows(db, 'select cast(id as text), cast(mid as text), tags, flds from notes').entries()) {
			const id = safeId(r[0]);
			if (id === null) skipped.add('note', 'its id is not a whole number DocDeck can hold exactly', `note row ${i + 1} (id ${shown(r[0])})`);
			else notes.push({ id, mid: String(r[1]), tags: String(r[2] ?? ''), fields: String(r[3] ?? '').split('\u001f') });
		}
		const cards: AnkiCard[] = [];
		for (const [i, r] of rows(db, 'select cast(id as text), cast(nid as text), cast(did as text), ord, type, queue, due, ivl, factor, flags from cards').entries()) {
			const [id, nid] = [safeId(r[0]), safeId(r[1])];
			if (id === null || nid === null) {
				skipped.add('card', 'its id or its note id is not a whole number DocDeck can hold exactly', `card row ${i + 1} (id ${shown(r[0])}, note ${shown(r[1])})`);
				continue;
			}
			cards.push({ id, nid, did: String(r[2]), ord: Number(r[3]), type: Number(r[4]), queue: Number(r[5]), due: Number(r[6]), ivl: Number(r[7] ?? 0), factor: Number(r[8] ?? 0), flags: Number(r[9] ?? 0) });
		}
		const revlog: AnkiReview[] = [];
		for (const [i, r] of rows(db, 'select cast(id as text), cast(cid as text), ease, time, type from revlog').entries()) {
			const [id, cid] = [safeId(r[0]), safeId(r[1])];
			if (id === null || cid === null) skipped.add('review', 'its time or its card id is not a whole number DocDeck can hold exactly', `review row ${i + 1} (id ${shown(r[0])}, card ${shown(r[1])})`);
			else revlog.push({ id, cid, ease: Number(r[2]), time: Number(r[3]), type: Number(r[4]) });
		}
		const media = files['media'];
		let mediaCount = 0;
		if (media?.length) {
			const json = parseJson(new TextDecoder().decode(media));
			mediaCount = json ? Object.keys(json).length : 0;
		}
		if (notes.length === 0) return { ok: false, problem: `“${fileName}” has no notes.` };
		return { ok: true, collection: { models, decks, notes, cards, revlog, mediaCount, skipped: skipped.list() } };
	} catch (e) {
		return { ok: false, problem: `The collection inside “${fileName}” could not be read (${e instanceof Error ? e.message : String(e)}).` };
	} finally {
		db.close();
	}
}
