// The current collection (schema 18, inside collection.anki21b): note types, their fields and
// templates, and decks in tables of their own, with their settings as protocol-buffer records.
// Those tables sort names with a collation only Anki has (see package.ts), so nothing here asks
// SQLite to compare or order by a name.

import type { Database } from 'sql.js';
import type { SkipList } from './checks.ts';
import { Message, ProtobufError } from './protobuf.ts';
import { STOCK_IMAGE_OCCLUSION } from './schema11.ts';
import { hasTable, parseJson, readCards, readNotes, readRevlog, rows } from './tables.ts';
import type { AnkiCollection, AnkiDeck, AnkiModel, AnkiTemplate } from './types.ts';

const text = (v: unknown) => (v === null || v === undefined ? '' : v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v));
const blob = (v: unknown) => (v instanceof Uint8Array ? v : undefined);

/** A normal deck's description (Deck.Normal, field 4), or '' when it has none or it is damaged. */
function descriptionOf(kind: Message): string {
	try {
		return kind.has(1) ? kind.message(1).string(4) : '';
	} catch (e) {
		if (e instanceof ProtobufError) return '';
		throw e;
	}
}

export function readSchema18(db: Database, skipped: SkipList): Omit<AnkiCollection, 'media'> | string {
	for (const t of ['notetypes', 'fields', 'templates', 'decks']) if (!hasTable(db, t)) return `has no ${t} table`;
	const fields = new Map<string, { ord: number; name: string }[]>();
	for (const r of rows(db, 'select cast(ntid as text), ord, name from fields')) {
		const list = fields.get(text(r[0])) ?? [];
		list.push({ ord: Number(r[1]), name: text(r[2]) });
		fields.set(text(r[0]), list);
	}
	const templates = new Map<string, AnkiTemplate[]>();
	for (const r of rows(db, 'select cast(ntid as text), ord, name, config from templates')) {
		const id = text(r[0]);
		try {
			const config = Message.decode(blob(r[3]));
			const list = templates.get(id) ?? [];
			list.push({ name: text(r[2]), ord: Number(r[1]), qfmt: config.string(1), afmt: config.string(2) });
			templates.set(id, list);
		} catch (e) {
			if (!(e instanceof ProtobufError)) throw e;
			skipped.add('note type', 'one of its card templates is damaged', `note type ${id}, template ${text(r[2])}`);
		}
	}
	const models = new Map<string, AnkiModel>();
	for (const r of rows(db, 'select cast(id as text), name, config from notetypes')) {
		const id = text(r[0]);
		let config: Message;
		try {
			config = Message.decode(blob(r[2]));
		} catch (e) {
			if (!(e instanceof ProtobufError)) throw e;
			skipped.add('note type', 'its settings are damaged', `note type ${id} (${text(r[1])})`);
			continue;
		}
		models.set(id, {
			id,
			name: text(r[1]),
			type: config.number(1),
			fields: (fields.get(id) ?? []).sort((a, b) => a.ord - b.ord).map((f) => f.name),
			templates: (templates.get(id) ?? []).sort((a, b) => a.ord - b.ord),
			...(config.number(9) === STOCK_IMAGE_OCCLUSION ? { stock: 'image-occlusion' as const } : {})
		});
	}
	const decks = new Map<string, AnkiDeck>();
	for (const r of rows(db, 'select cast(id as text), name, kind from decks')) {
		const id = text(r[0]);
		let kind: Message;
		try {
			kind = Message.decode(blob(r[2]));
		} catch (e) {
			if (!(e instanceof ProtobufError)) throw e;
			kind = Message.decode(undefined);
		}
		// Names are stored with \x1f between a deck and its parents; Anki shows "::".
		decks.set(id, { id, name: text(r[1]).split('\u001f').join('::'), description: descriptionOf(kind), filtered: kind.has(2) });
	}
	let schedulerVersion = 2;
	if (hasTable(db, 'config')) {
		for (const r of rows(db, 'select key, val from config')) if (text(r[0]) === 'schedVer') schedulerVersion = Number(parseJson(`{"v":${text(r[1])}}`)?.v ?? 2) || 2;
	}
	return { format: 'collection.anki21b', models, decks, notes: readNotes(db, skipped), cards: readCards(db, skipped), revlog: readRevlog(db, skipped), schedulerVersion, skipped: [] };
}
