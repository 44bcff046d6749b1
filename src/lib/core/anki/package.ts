// Reading an Anki package (.apkg / .colpkg): the zip (fflate), which collection inside it is the
// real one, and that collection (sql.js, handed in already loaded so the caller decides where its
// wasm comes from), in either the legacy layout or the current zstd-compressed one.
//
// Current Anki writes a `meta` record saying which layout it used, and always adds a placeholder
// collection.anki2 whose one note asks the user to update Anki: that placeholder is never read
// when the package holds its real collection.

import { unzipSync } from 'fflate';
import type { SqlJsStatic, Database } from 'sql.js';
import { SkipList } from './checks.ts';
import { Message, ProtobufError } from './protobuf.ts';
import { readSchema11 } from './schema11.ts';
import { readSchema18 } from './schema18.ts';
import { parseJson } from './tables.ts';
import type { AnkiCollection, AnkiFormat, AnkiMediaEntry } from './types.ts';
import { unzstd, ZstdError } from './zstd.ts';

export const MAX_APKG_BYTES = 300 * 1024 * 1024;
/** Largest collection database DocDeck unpacks (a zstd file can claim any size). */
export const MAX_COLLECTION_BYTES = 1024 * 1024 * 1024;
/** Largest single media file DocDeck unpacks. */
export const MAX_MEDIA_FILE_BYTES = 100 * 1024 * 1024;

export type ApkgResult =
	| {
			ok: true;
			collection: AnkiCollection;
			/** The bytes of a listed media file, unpacked; null when the package does not hold them. */
			mediaBytes: (entry: AnkiMediaEntry) => Uint8Array | null;
	  }
	| { ok: false; problem: string };

/** PackageMetadata.Version in Anki's import_export.proto. */
const VERSION_FILE: Record<number, AnkiFormat> = { 1: 'collection.anki2', 2: 'collection.anki21', 3: 'collection.anki21b' };

const COLLECTIONS = new Set(['collection.anki21b', 'collection.anki21', 'collection.anki2']);

/** The placeholder Anki puts in packages for versions too old to read them. */
function isPlaceholder(col: Omit<AnkiCollection, 'media'>): boolean {
	return col.notes.length === 1 && /update to the latest (version of )?anki|requires a newer version of anki/i.test(col.notes[0]!.fields.join(' '));
}

export function readApkg(bytes: Uint8Array, SQL: SqlJsStatic, fileName: string): ApkgResult {
	let files: Record<string, Uint8Array>;
	try {
		// The collection, the lists, and media entries (named by number); nothing else is unpacked.
		files = unzipSync(bytes, { filter: (f) => COLLECTIONS.has(f.name) || f.name === 'media' || f.name === 'meta' || /^\d{1,7}$/.test(f.name) });
	} catch {
		return { ok: false, problem: `“${fileName}” is not an Anki package (it is not a zip file, or it is damaged).` };
	}
	let format: AnkiFormat | undefined;
	if (files['meta']) {
		let version: number;
		try {
			version = Message.decode(files['meta']).number(1);
		} catch (e) {
			if (!(e instanceof ProtobufError)) throw e;
			return { ok: false, problem: `“${fileName}” is damaged: its description of the package cannot be read.` };
		}
		format = VERSION_FILE[version];
		if (!format) return { ok: false, problem: `“${fileName}” was made by a newer Anki than DocDeck can read (package version ${version}). In Anki, export it again with “Support older Anki versions” ticked.` };
		if (!files[format]) return { ok: false, problem: `“${fileName}” is damaged: it says it holds ${format}, but that file is not in it.` };
	} else format = (['collection.anki21b', 'collection.anki21', 'collection.anki2'] as const).find((f) => files[f]);
	if (!format) return { ok: false, problem: `“${fileName}” holds no Anki collection (no collection.anki2, .anki21 or .anki21b inside).` };
	const modern = format === 'collection.anki21b';

	let database = files[format]!;
	if (modern) {
		try {
			database = unzstd(database, MAX_COLLECTION_BYTES);
		} catch (e) {
			if (!(e instanceof ZstdError)) throw e;
			return { ok: false, problem: `The collection inside “${fileName}” cannot be unpacked: ${e.message}.` };
		}
	}
	let media: AnkiMediaEntry[];
	try {
		media = mediaList(files['media'], modern);
	} catch (e) {
		if (!(e instanceof ZstdError || e instanceof ProtobufError)) throw e;
		return { ok: false, problem: `The media list inside “${fileName}” cannot be read: ${e.message}.` };
	}

	let db: Database;
	try {
		db = withoutAnkiCollation(SQL, new SQL.Database(database));
	} catch {
		return { ok: false, problem: `The collection inside “${fileName}” is not a readable SQLite database.` };
	}
	try {
		const skipped = new SkipList();
		const read = modern ? readSchema18(db, skipped) : readSchema11(db, format, skipped);
		if (typeof read === 'string') return { ok: false, problem: `The collection inside “${fileName}” ${read}; it may be damaged.` };
		if (isPlaceholder(read)) {
			return { ok: false, problem: `“${fileName}” holds only the placeholder Anki adds for old versions, not the cards themselves. Export it again from Anki (any setting) and import that file.` };
		}
		if (read.notes.length === 0) return { ok: false, problem: `“${fileName}” has no notes.` };
		const collection: AnkiCollection = { ...read, media, skipped: skipped.list() };
		const mediaBytes = (entry: AnkiMediaEntry): Uint8Array | null => {
			const raw = files[entry.entry];
			if (!raw) return null;
			if (!modern) return raw;
			try {
				return unzstd(raw, MAX_MEDIA_FILE_BYTES);
			} catch (e) {
				if (e instanceof ZstdError) return null;
				throw e;
			}
		};
		return { ok: true, collection, mediaBytes };
	} catch (e) {
		return { ok: false, problem: `The collection inside “${fileName}” could not be read (${e instanceof Error ? e.message : String(e)}).` };
	} finally {
		db.close();
	}
}

/**
 * Anki declares its name columns "COLLATE unicase", a collation only Anki registers; SQLite then
 * cannot read those tables at all. Only reading is done here (never a lookup by name), so the
 * declarations are renamed to SQLite's own case-insensitive collation in a copy of the schema.
 */
function withoutAnkiCollation(SQL: SqlJsStatic, db: Database): Database {
	const uses = db.exec("select count(*) from sqlite_master where sql like '%collate unicase%'")[0]?.values[0]?.[0];
	if (!uses) return db;
	db.run("pragma writable_schema = on; update sqlite_master set sql = replace(sql, 'COLLATE unicase', 'COLLATE nocase') where sql like '%collate unicase%'; pragma writable_schema = off;");
	const copy = new SQL.Database(db.export());
	db.close();
	return copy;
}

/**
 * The media list: legacy packages map zip entry numbers to names in JSON; current ones list
 * entries in a zstd-compressed MediaEntries record, the n-th entry being zip entry "n".
 */
function mediaList(raw: Uint8Array | undefined, modern: boolean): AnkiMediaEntry[] {
	if (!raw?.length) return [];
	if (!modern) {
		const json = parseJson(raw);
		return json ? Object.entries(json).map(([entry, name]) => ({ entry, name: String(name) })) : [];
	}
	// MediaEntries { repeated MediaEntry entries = 1 }, MediaEntry { name = 1, size = 2, sha1 = 3, legacy_zip_filename = 255 }
	return Message.decode(unzstd(raw, 64 * 1024 * 1024))
		.messages(1)
		.map((e, i) => ({ name: e.string(1), entry: e.has(255) ? String(e.number(255)) : String(i) }));
}
