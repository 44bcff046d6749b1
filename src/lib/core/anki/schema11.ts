// The legacy collection (schema 11: collection.anki2 and collection.anki21), whose note types,
// decks and settings are JSON in the `col` row. Every Anki version reads and writes it.

import type { Database } from 'sql.js';
import type { SkipList } from './checks.ts';
import { parseJson, readCards, readNotes, readRevlog, rows } from './tables.ts';
import type { AnkiCollection, AnkiDeck, AnkiFormat, AnkiModel } from './types.ts';

/** Anki's number for an Image Occlusion note type (StockNotetype.OriginalStockKind). */
export const STOCK_IMAGE_OCCLUSION = 6;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readSchema11(db: Database, format: AnkiFormat, skipped: SkipList): Omit<AnkiCollection, 'media'> | string {
	const col = rows(db, 'select models, decks, conf from col limit 1')[0];
	const modelsJson = parseJson(col?.[0]);
	const decksJson = parseJson(col?.[1]);
	if (!modelsJson || !decksJson) return 'has no note types or decks';
	const models = new Map<string, AnkiModel>();
	for (const [id, raw] of Object.entries(modelsJson)) {
		if (!isObj(raw) || !Array.isArray(raw.flds) || !Array.isArray(raw.tmpls)) {
			skipped.add('note type', 'its definition is damaged', `note type ${id}`);
			continue;
		}
		const flds = raw.flds.filter(isObj);
		const tmpls = raw.tmpls.filter(isObj);
		models.set(String(id), {
			id: String(id),
			name: String(raw.name ?? ''),
			type: Number(raw.type ?? 0),
			fields: [...flds].sort((a, b) => Number(a.ord) - Number(b.ord)).map((f) => String(f.name ?? '')),
			templates: tmpls.map((t, i) => ({ name: String(t.name ?? ''), ord: Number.isInteger(t.ord) ? Number(t.ord) : i, qfmt: String(t.qfmt ?? ''), afmt: String(t.afmt ?? '') })),
			...(Number(raw.originalStockKind) === STOCK_IMAGE_OCCLUSION ? { stock: 'image-occlusion' as const } : {})
		});
	}
	const decks = new Map<string, AnkiDeck>();
	for (const [id, raw] of Object.entries(decksJson)) {
		const d = isObj(raw) ? raw : {};
		decks.set(String(id), { id: String(id), name: String(d.name ?? 'Default'), description: String(d.desc ?? ''), filtered: Number(d.dyn ?? 0) === 1 });
	}
	const conf = parseJson(col?.[2]);
	// Anki 2.0 had no scheduler setting at all: its collections are on the first scheduler.
	const schedulerVersion = Number(conf?.schedVer ?? 1) || 1;
	return { format, models, decks, notes: readNotes(db, skipped), cards: readCards(db, skipped), revlog: readRevlog(db, skipped), schedulerVersion, skipped: [] };
}
