// The backup file: one JSON document with every deck, card, schedule and review, the settings,
// the schema version and a checksum. Reading one validates all of it before anything is written.

import { CARD_KINDS, Queue, type Schedule } from './model.ts';
import { checksum } from './hash.ts';
import type { CardRow, Dataset, DeckRow, ReviewRow, StateRow } from './records.ts';

export const BACKUP_FORMAT = 'docdeck-backup';
export const BACKUP_VERSION = 1;
/** A backup larger than this is refused before it is read (a phone cannot hold it twice). */
export const MAX_BACKUP_BYTES = 512 * 1024 * 1024;
const MAX_TEXT = 200_000;
const MAX_PROBLEMS = 12;

export interface BackupData extends Dataset {
	settings: unknown;
}

export interface Backup {
	format: typeof BACKUP_FORMAT;
	version: number;
	/** The database schema version the rows were written under. */
	schemaVersion: number;
	app: string;
	createdAt: number;
	counts: { decks: number; cards: number; reviews: number };
	/** Checksum of the JSON text of `data`, to tell a damaged or edited file. */
	checksum: string;
	data: BackupData;
}

export function serializeBackup(data: BackupData, meta: { createdAt: number; schemaVersion: number; app: string }): string {
	const body = JSON.stringify(data);
	const head = {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		schemaVersion: meta.schemaVersion,
		app: meta.app,
		createdAt: meta.createdAt,
		counts: { decks: data.decks.length, cards: data.cards.length, reviews: data.reviews.length },
		checksum: checksum(body)
	};
	// `data` last, written exactly as checksummed.
	return `${JSON.stringify(head).slice(0, -1)},"data":${body}}`;
}

export type BackupResult = { ok: true; backup: Backup } | { ok: false; problems: string[] };

class Problems {
	list: string[] = [];
	more = 0;
	add(message: string) {
		if (this.list.length < MAX_PROBLEMS) this.list.push(message);
		else this.more++;
	}
	result(): string[] {
		return this.more ? [...this.list, `… and ${this.more} more problem${this.more === 1 ? '' : 's'}.`] : this.list;
	}
}

function fail(p: Problems, message: string): false {
	p.add(message);
	return false;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isInt = (v: unknown, lo: number, hi: number): v is number => isNum(v) && Number.isInteger(v) && v >= lo && v <= hi;
const isText = (v: unknown, empty = true): v is string => typeof v === 'string' && v.length <= MAX_TEXT && (empty || v.trim() !== '');
const ID = /^[a-z0-9][a-z0-9-]*$/;
const QUEUES = new Set<number>(Object.values(Queue));

function checkSchedule(v: unknown, where: string, p: Problems): v is Schedule {
	if (!isObj(v)) {
		p.add(`${where}: not a schedule`);
		return false;
	}
	for (const f of ['due', 'stability', 'difficulty', 'elapsedDays', 'scheduledDays', 'learningSteps', 'reps', 'lapses'] as const) {
		if (!isNum(v[f]) || (v[f] as number) < 0) {
			p.add(`${where}.${f}: ${JSON.stringify(v[f] ?? null)} is not a number of 0 or more`);
			return false;
		}
	}
	if (!isInt(v.state, 0, 3)) {
		p.add(`${where}.state: ${JSON.stringify(v.state ?? null)} is not an FSRS state (0–3)`);
		return false;
	}
	if (v.lastReview !== null && !isNum(v.lastReview)) {
		p.add(`${where}.lastReview: must be a time or null`);
		return false;
	}
	return true;
}

function checkDeck(d: unknown, where: string, p: Problems): d is DeckRow {
	if (!isObj(d)) return fail(p, `${where}: not a deck`);
	if (!isText(d.id) || !ID.test(d.id)) return fail(p, `${where}.id: ${JSON.stringify(d.id ?? null)} is not a deck id`);
	if (!isText(d.title, false)) return fail(p, `${where} (${d.id}): has no title`);
	if (!isText(d.description)) return fail(p, `${where} (${d.id}): description must be text`);
	if (d.origin !== 'bundled' && d.origin !== 'imported') return fail(p, `${where} (${d.id}): origin must be "bundled" or "imported"`);
	if (!isText(d.fingerprint) || !isNum(d.updatedAt)) return fail(p, `${where} (${d.id}): fingerprint or updatedAt missing`);
	if (d.retired !== undefined && d.retired !== 1) return fail(p, `${where} (${d.id}): retired must be 1 or absent`);
	const s = d.source;
	if (!isObj(s) || !isText(s.title) || !isText(s.origin) || !Array.isArray(s.passages)) return fail(p, `${where} (${d.id}): source must have a title, an origin and passages`);
	for (let i = 0; i < s.passages.length; i++) {
		const ps = s.passages[i] as Obj;
		if (!isObj(ps) || !isText(ps.id, false) || !isText(ps.section) || !isText(ps.text)) return fail(p, `${where} (${d.id}).source.passages[${i}]: needs id, section and text`);
		if (ps.note !== undefined && !isText(ps.note)) return fail(p, `${where} (${d.id}).source.passages[${i}]: note must be text`);
	}
	const imported = importedDeckProblem(d);
	if (imported) return fail(p, `${where} (${d.id}): ${imported}`);
	return true;
}

/** Ids of rows that are present but were refused: rows pointing at them are not reported again. */
type Refused = Set<unknown>;

function checkCard(c: unknown, where: string, decks: Set<string>, refused: Refused, p: Problems): c is CardRow {
	if (!isObj(c)) return fail(p, `${where}: not a card`);
	const name = `${where} (${typeof c.key === 'string' ? c.key : '?'})`;
	if (refused.has(c.deckId)) return false;
	if (!isText(c.deckId) || !decks.has(c.deckId)) return fail(p, `${name}: its deck ${JSON.stringify(c.deckId ?? null)} is not in the backup`);
	if (!isText(c.id) || !ID.test(c.id) || c.key !== `${c.deckId}/${c.id}`) return fail(p, `${name}: key must be "<deck>/<id>"`);
	if (!(CARD_KINDS as readonly unknown[]).includes(c.kind)) return fail(p, `${name}: kind ${JSON.stringify(c.kind ?? null)} is not one of ${CARD_KINDS.join(', ')}`);
	if (!isText(c.question, false)) return fail(p, `${name}: empty question`);
	if (!isText(c.answer, false)) return fail(p, `${name}: empty answer`);
	if (!Array.isArray(c.items) || !c.items.every((x) => isText(x))) return fail(p, `${name}: items must be a list of texts`);
	if (!isText(c.explanation) || !isText(c.section) || !isText(c.passage)) return fail(p, `${name}: explanation, section and passage must be text`);
	if (!isNum(c.position)) return fail(p, `${name}: position must be a number`);
	if (c.retired !== 0 && c.retired !== 1) return fail(p, `${name}: retired must be 0 or 1`);
	if (c.format !== undefined && c.format !== 'html') return fail(p, `${name}: format must be "html" or absent`);
	for (const f of ['accept', 'distractors'] as const) {
		if (c[f] !== undefined && !(Array.isArray(c[f]) && c[f].every((x) => isText(x, false)))) return fail(p, `${name}: ${f} must be a list of texts`);
	}
	const imported = importedCardProblem(c);
	if (imported) return fail(p, `${name}: ${imported}`);
	return true;
}

function checkState(s: unknown, where: string, cards: Map<string, CardRow>, refused: Refused, p: Problems): s is StateRow {
	if (!isObj(s)) return fail(p, `${where}: not a card state`);
	if (refused.has(s.key)) return false;
	const card = typeof s.key === 'string' ? cards.get(s.key) : undefined;
	if (!card) return fail(p, `${where}: its card ${JSON.stringify(s.key ?? null)} is not in the backup`);
	const name = `${where} (${card.key})`;
	if (s.deckId !== card.deckId) return fail(p, `${name}: deck ${JSON.stringify(s.deckId)} differs from its card's`);
	if (!isNum(s.queue) || !QUEUES.has(s.queue)) return fail(p, `${name}: queue ${JSON.stringify(s.queue ?? null)} is not a queue`);
	if (!isNum(s.due) || !isNum(s.position) || !isNum(s.buriedDay)) return fail(p, `${name}: due, position and buriedDay must be numbers`);
	if (s.flag !== 0 && s.flag !== 1) return fail(p, `${name}: flag must be 0 or 1`);
	if (s.retiredFrom !== undefined && !(isNum(s.retiredFrom) && QUEUES.has(s.retiredFrom))) return fail(p, `${name}: retiredFrom is not a queue`);
	return checkSchedule(s.schedule, `${name}.schedule`, p);
}

function checkReview(r: unknown, where: string, cards: Map<string, CardRow>, refused: Refused, p: Problems): r is ReviewRow {
	if (!isObj(r)) return fail(p, `${where}: not a review`);
	if (!isText(r.id, false)) return fail(p, `${where}: has no id`);
	const name = `${where} (${r.id})`;
	if (refused.has(r.cardKey)) return false;
	const card = typeof r.cardKey === 'string' ? cards.get(r.cardKey) : undefined;
	if (!card) return fail(p, `${name}: its card ${JSON.stringify(r.cardKey ?? null)} is not in the backup`);
	if (r.deckId !== card.deckId) return fail(p, `${name}: deck ${JSON.stringify(r.deckId)} differs from its card's`);
	if (!isNum(r.at)) return fail(p, `${name}: at must be a time`);
	if (!isInt(r.day, -1e7, 1e7)) return fail(p, `${name}: day must be a whole number`);
	if (!isInt(r.rating, 1, 4)) return fail(p, `${name}: rating ${JSON.stringify(r.rating ?? null)} is not a grade (1–4)`);
	if (!isInt(r.stateBefore, 0, 3)) return fail(p, `${name}: stateBefore is not an FSRS state (0–3)`);
	if (!isNum(r.elapsedDays) || r.elapsedDays < 0 || !isNum(r.durationMs) || r.durationMs < 0) return fail(p, `${name}: elapsedDays and durationMs must be 0 or more`);
	if (r.form !== undefined && !['flip', 'choice', 'typed', 'list', 'order'].includes(r.form as string)) return fail(p, `${name}: form ${JSON.stringify(r.form)} is not a quiz form`);
	if (r.proposed !== undefined && !isInt(r.proposed, 1, 4)) return fail(p, `${name}: proposed must be a grade (1–4)`);
	if (r.chosen !== undefined && !isText(r.chosen)) return fail(p, `${name}: chosen must be text`);
	if (r.confusedWith !== undefined && !isText(r.confusedWith, false)) return fail(p, `${name}: confusedWith must be a card key`);
	return checkSchedule(r.before, `${name}.before`, p) && checkSchedule(r.after, `${name}.after`, p);
}

function checkTable<T>(data: Obj, table: string, p: Problems, each: (row: unknown, where: string) => row is T, refused?: { refused: Refused; key: string }): T[] {
	const rows = data[table];
	if (!Array.isArray(rows)) {
		p.add(`data.${table}: missing (it must be a list)`);
		return [];
	}
	const ok: T[] = [];
	for (let i = 0; i < rows.length; i++) {
		if (each(rows[i], `${table}[${i}]`)) ok.push(rows[i] as T);
		else if (refused && isObj(rows[i])) refused.refused.add((rows[i] as Obj)[refused.key]);
	}
	return ok;
}

/**
 * Reads and checks a backup: its format and version, its checksum, every row's shape, and every
 * reference between rows. Any problem makes the whole file unusable; the messages say where.
 */
export function parseBackup(text: string, opts: { schemaVersion: number }): BackupResult {
	const p = new Problems();
	let doc: unknown;
	try {
		doc = JSON.parse(text);
	} catch (e) {
		return { ok: false, problems: [`The file is not a DocDeck backup: it is not valid JSON (${e instanceof Error ? e.message : String(e)}).`] };
	}
	if (!isObj(doc) || doc.format !== BACKUP_FORMAT) return { ok: false, problems: ['The file is not a DocDeck backup (it has no "format": "docdeck-backup").'] };
	if (!isInt(doc.version, 1, 1e6)) return { ok: false, problems: ['The backup has no valid format version.'] };
	if (doc.version > BACKUP_VERSION) return { ok: false, problems: [`The backup was made by a newer DocDeck (backup format ${doc.version}); update the app to read it.`] };
	if (!isInt(doc.schemaVersion, 1, 1e6)) return { ok: false, problems: ['The backup has no valid schema version.'] };
	if (doc.schemaVersion > opts.schemaVersion) return { ok: false, problems: [`The backup comes from a newer DocDeck (database version ${doc.schemaVersion}); update the app to read it.`] };
	if (!isObj(doc.data)) return { ok: false, problems: ['The backup has no data.'] };
	if (typeof doc.checksum !== 'string' || checksum(JSON.stringify(doc.data)) !== doc.checksum) {
		return { ok: false, problems: ['The backup is damaged: its checksum does not match its contents (was the file edited or cut short?).'] };
	}
	const data = doc.data;
	const refused: Refused = new Set();
	const decks = checkTable(data, 'decks', p, (d, w): d is DeckRow => checkDeck(d, w, p), { refused, key: 'id' });
	const deckIds = new Set<string>();
	for (const d of decks) {
		if (deckIds.has(d.id)) p.add(`decks: deck id "${d.id}" appears twice`);
		deckIds.add(d.id);
	}
	const cardRows = checkTable(data, 'cards', p, (c, w): c is CardRow => checkCard(c, w, deckIds, refused, p), { refused, key: 'key' });
	const cards = new Map<string, CardRow>();
	for (const c of cardRows) {
		if (cards.has(c.key)) p.add(`cards: card "${c.key}" appears twice`);
		cards.set(c.key, c);
	}
	const states = checkTable(data, 'states', p, (s, w): s is StateRow => checkState(s, w, cards, refused, p));
	const withState = new Set<string>();
	for (const s of states) {
		if (withState.has(s.key)) p.add(`states: card "${s.key}" has two states`);
		withState.add(s.key);
	}
	// (A card whose state was refused above is not reported a second time.)
	if (p.list.length === 0) for (const c of cardRows) if (!withState.has(c.key)) p.add(`cards: "${c.key}" has no scheduling state`);
	const reviews = checkTable(data, 'reviews', p, (r, w): r is ReviewRow => checkReview(r, w, cards, refused, p));
	const reviewIds = new Set<string>();
	for (const r of reviews) {
		if (reviewIds.has(r.id)) p.add(`reviews: review id "${r.id}" appears twice`);
		reviewIds.add(r.id);
	}
	if (p.list.length) return { ok: false, problems: p.result() };
	return { ok: true, backup: doc as unknown as Backup };
}

// ---- fields only cards imported from Anki carry ------------------------------------------------

/** What is wrong with the Anki-only fields of a card row, or null (absent fields are fine). */
function importedCardProblem(c: Obj): string | null {
	if (c.typeIn !== undefined && !isText(c.typeIn, false)) return 'typeIn must be a text';
	for (const f of ['tags', 'refs'] as const) {
		if (c[f] !== undefined && !(Array.isArray(c[f]) && c[f].length <= 500 && c[f].every((x) => isText(x, false)))) return `${f} must be a list of texts`;
	}
	return null;
}

/** What is wrong with an imported deck's place in its tree and its origin, or null. */
function importedDeckProblem(d: Obj): string | null {
	if (d.parentId !== undefined && !(isText(d.parentId) && ID.test(d.parentId) && d.parentId !== d.id)) return 'parentId must be another deck id';
	if (d.ref !== undefined && !isText(d.ref, false)) return 'ref must be a text';
	return null;
}
