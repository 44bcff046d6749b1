// The tables every Anki collection has, whatever its schema: notes, cards and the review log.
// sql.js is handed in by the caller; ids are read as text so none is rounded on the way.

import type { Database } from 'sql.js';
import { safeId, shown, SkipList } from './checks.ts';
import type { AnkiCard, AnkiNote, AnkiReview } from './types.ts';

export function rows(db: Database, sql: string): unknown[][] {
	return db.exec(sql)[0]?.values ?? [];
}

export function hasTable(db: Database, name: string): boolean {
	return rows(db, `select 1 from sqlite_master where type = 'table' and name = '${name.replace(/'/g, "''")}'`).length > 0;
}

export function parseJson(text: unknown): Record<string, unknown> | null {
	if (text instanceof Uint8Array) text = new TextDecoder().decode(text);
	if (typeof text !== 'string') return null;
	try {
		const v = JSON.parse(text) as unknown;
		return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}

const text = (v: unknown) => (v === null || v === undefined ? '' : v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v));

export function readNotes(db: Database, skipped: SkipList): AnkiNote[] {
	const notes: AnkiNote[] = [];
	for (const [i, r] of rows(db, 'select cast(id as text), guid, cast(mid as text), tags, flds from notes').entries()) {
		const id = safeId(r[0]);
		if (id === null) skipped.add('note', 'its id is not a whole number DocDeck can hold exactly', `note row ${i + 1} (id ${shown(r[0])})`);
		else notes.push({ id, guid: text(r[1]), mid: text(r[2]), tags: text(r[3]), fields: text(r[4]).split('\u001f') });
	}
	return notes;
}

export function readCards(db: Database, skipped: SkipList): AnkiCard[] {
	const cards: AnkiCard[] = [];
	const sql = 'select cast(id as text), cast(nid as text), cast(did as text), cast(odid as text), ord, type, queue, due, ivl, factor, flags from cards';
	for (const [i, r] of rows(db, sql).entries()) {
		const [id, nid] = [safeId(r[0]), safeId(r[1])];
		if (id === null || nid === null) {
			skipped.add('card', 'its id or its note id is not a whole number DocDeck can hold exactly', `card row ${i + 1} (id ${shown(r[0])}, note ${shown(r[1])})`);
			continue;
		}
		cards.push({
			id,
			nid,
			did: text(r[2]),
			odid: text(r[3]) || '0',
			ord: Number(r[4]),
			type: Number(r[5]),
			queue: Number(r[6]),
			due: Number(r[7]),
			ivl: Number(r[8] ?? 0),
			factor: Number(r[9] ?? 0),
			flags: Number(r[10] ?? 0)
		});
	}
	return cards;
}

export function readRevlog(db: Database, skipped: SkipList): AnkiReview[] {
	const revlog: AnkiReview[] = [];
	for (const [i, r] of rows(db, 'select cast(id as text), cast(cid as text), ease, time, type, ivl from revlog').entries()) {
		const [id, cid] = [safeId(r[0]), safeId(r[1])];
		if (id === null || cid === null) skipped.add('review', 'its time or its card id is not a whole number DocDeck can hold exactly', `review row ${i + 1} (id ${shown(r[0])}, card ${shown(r[1])})`);
		else revlog.push({ id, cid, ease: Number(r[2]), time: Number(r[3]), type: Number(r[4]), ivl: Number(r[5] ?? 0) });
	}
	return revlog;
}
