// The backup file: one JSON document with every deck, card, schedule and review, the settings,
// the schema version and a checksum. Reading one validates all of it before anything is written.

import { occlusionProblem } from './anki/occlusion.ts';
import { QUIZ_FORMS } from './quiz/forms.ts';
import { CARD_KINDS, Queue, queueKey, queueOf, type Schedule } from './model.ts';
import { checksum } from './hash.ts';
import type { CardRow, Dataset, DeckRow, ReviewRow, StateRow } from './records.ts';
import { MAX_ANSWER_MS, MAX_DAY, intProblem, scheduleProblem, timeProblem } from './bounds.ts';
import { validateSettings } from './settings.ts';
import { DAY } from './time.ts';

export const BACKUP_FORMAT = 'docdeck-backup';
/** 2: the checksum covers the header (counts, dates, versions) as well as the data. */
export const BACKUP_VERSION = 2;
const MAX_ID = 200;
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
	/** Checksum of the header (every field above) and the JSON text of `data`: a damaged or edited file is told. */
	checksum: string;
	data: BackupData;
}

type Head = Omit<Backup, 'checksum' | 'data'>;

/** The header as checksummed: its fields in a fixed order, whatever order a file wrote them in. */
function headText(h: Head): string {
	return JSON.stringify({ format: h.format, version: h.version, schemaVersion: h.schemaVersion, app: h.app, createdAt: h.createdAt, counts: { decks: h.counts.decks, cards: h.counts.cards, reviews: h.counts.reviews } });
}

export function serializeBackup(data: BackupData, meta: { createdAt: number; schemaVersion: number; app: string }): string {
	const body = JSON.stringify(data);
	const head: Head = {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		schemaVersion: meta.schemaVersion,
		app: meta.app,
		createdAt: meta.createdAt,
		counts: { decks: data.decks.length, cards: data.cards.length, reviews: data.reviews.length }
	};
	// `data` last, written exactly as checksummed.
	return `${headText(head).slice(0, -1)},"checksum":"${checksum(headText(head) + body)}","data":${body}}`;
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

/** What every row check needs besides the row: the time now, and this build's bundled decks. */
interface Context {
	p: Problems;
	now: number;
	bundled: ReadonlySet<string>;
}

function checkSchedule(v: unknown, where: string, { p, now }: Context): v is Schedule {
	if (!isObj(v)) return fail(p, `${where}: not a schedule`);
	const problem = scheduleProblem(v, now);
	return problem ? fail(p, `${where}.${problem}`) : true;
}

const isId = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_ID && ID.test(v);

function checkDeck(d: unknown, where: string, { p, now, bundled }: Context): d is DeckRow {
	if (!isObj(d)) return fail(p, `${where}: not a deck`);
	if (!isId(d.id)) return fail(p, `${where}.id: ${JSON.stringify(d.id ?? null)} is not a deck id`);
	if (!isText(d.title, false)) return fail(p, `${where} (${d.id}): has no title`);
	if (!isText(d.description)) return fail(p, `${where} (${d.id}): description must be text`);
	if (d.origin !== 'bundled' && d.origin !== 'imported') return fail(p, `${where} (${d.id}): origin must be "bundled" or "imported"`);
	// A deck posing as another origin would stop the built-in deck from ever being updated again.
	if (d.origin === 'imported' && bundled.has(d.id)) return fail(p, `${where} (${d.id}): is marked imported, but "${d.id}" is the id of a deck built into DocDeck`);
	if (!isText(d.fingerprint)) return fail(p, `${where} (${d.id}): fingerprint missing`);
	const updated = timeProblem(d.updatedAt, now);
	if (updated) return fail(p, `${where} (${d.id}).updatedAt: ${updated}`);
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

function checkCard(c: unknown, where: string, decks: Map<string, DeckRow>, refused: Refused, { p }: Context): c is CardRow {
	if (!isObj(c)) return fail(p, `${where}: not a card`);
	const name = `${where} (${typeof c.key === 'string' ? c.key.slice(0, MAX_ID) : '?'})`;
	if (refused.has(c.deckId)) return false;
	const deck = typeof c.deckId === 'string' ? decks.get(c.deckId) : undefined;
	if (!deck) return fail(p, `${name}: its deck ${JSON.stringify(typeof c.deckId === 'string' ? c.deckId.slice(0, MAX_ID) : (c.deckId ?? null))} is not in the backup`);
	if (!isId(c.id) || c.key !== `${deck.id}/${c.id}`) return fail(p, `${name}: key must be "<deck>/<id>"`);
	if (!(CARD_KINDS as readonly unknown[]).includes(c.kind)) return fail(p, `${name}: kind ${JSON.stringify(c.kind ?? null)} is not one of ${CARD_KINDS.join(', ')}`);
	if (!isText(c.question, false)) return fail(p, `${name}: empty question`);
	if (!isText(c.answer, false)) return fail(p, `${name}: empty answer`);
	if (!Array.isArray(c.items) || !c.items.every((x) => isText(x))) return fail(p, `${name}: items must be a list of texts`);
	if (!isText(c.explanation) || !isText(c.section) || !isText(c.passage)) return fail(p, `${name}: explanation, section and passage must be text`);
	if (c.passage !== '' && !deck.source.passages.some((ps) => ps.id === c.passage)) return fail(p, `${name}: its passage ${JSON.stringify(c.passage)} is not in its deck's source`);
	const position = intProblem(c.position, 0, 1e7);
	if (position) return fail(p, `${name}.position: ${position}`);
	if (c.retired !== 0 && c.retired !== 1) return fail(p, `${name}: retired must be 0 or 1`);
	if (c.format !== undefined && c.format !== 'html') return fail(p, `${name}: format must be "html" or absent`);
	for (const f of ['accept', 'distractors'] as const) {
		if (c[f] !== undefined && !(Array.isArray(c[f]) && c[f].every((x) => isText(x, false)))) return fail(p, `${name}: ${f} must be a list of texts`);
	}
	const imported = importedCardProblem(c);
	if (imported) return fail(p, `${name}: ${imported}`);
	return true;
}

function checkState(s: unknown, where: string, cards: Map<string, CardRow>, refused: Refused, ctx: Context): s is StateRow {
	const { p } = ctx;
	if (!isObj(s)) return fail(p, `${where}: not a card state`);
	if (refused.has(s.key)) return false;
	const card = typeof s.key === 'string' ? cards.get(s.key) : undefined;
	if (!card) return fail(p, `${where}: its card ${JSON.stringify(typeof s.key === 'string' ? s.key.slice(0, MAX_ID) : (s.key ?? null))} is not in the backup`);
	const name = `${where} (${card.key})`;
	if (s.deckId !== card.deckId) return fail(p, `${name}: deck ${JSON.stringify(s.deckId)} differs from its card's`);
	if (!isNum(s.queue) || !QUEUES.has(s.queue)) return fail(p, `${name}: queue ${JSON.stringify(s.queue ?? null)} is not a queue`);
	if (s.position !== card.position) return fail(p, `${name}: position ${JSON.stringify(s.position ?? null)} differs from its card's (${card.position})`);
	const buried = intProblem(s.buriedDay, 0, MAX_DAY);
	if (buried) return fail(p, `${name}.buriedDay: ${buried}`);
	if (s.flag !== 0 && s.flag !== 1) return fail(p, `${name}: flag must be 0 or 1`);
	if (s.retiredFrom !== undefined && !(isNum(s.retiredFrom) && QUEUES.has(s.retiredFrom))) return fail(p, `${name}: retiredFrom is not a queue`);
	if (!checkSchedule(s.schedule, `${name}.schedule`, ctx)) return false;
	// The queue and sort key follow from the schedule; a row that says otherwise was edited.
	if (s.queue >= 0 && s.queue !== queueOf(s.schedule.state)) return fail(p, `${name}: queue ${s.queue} does not match its schedule's state ${s.schedule.state}`);
	if (s.due !== queueKey(s.schedule, card.position)) return fail(p, `${name}: due ${JSON.stringify(s.due ?? null)} does not match its schedule`);
	return true;
}

function checkReview(r: unknown, where: string, cards: Map<string, CardRow>, refused: Refused, ctx: Context): r is ReviewRow {
	const { p, now } = ctx;
	if (!isObj(r)) return fail(p, `${where}: not a review`);
	if (!isText(r.id, false) || r.id.length > MAX_ID) return fail(p, `${where}: has no id`);
	const name = `${where} (${r.id})`;
	if (refused.has(r.cardKey)) return false;
	const card = typeof r.cardKey === 'string' ? cards.get(r.cardKey) : undefined;
	if (!card) return fail(p, `${name}: its card ${JSON.stringify(r.cardKey ?? null)} is not in the backup`);
	if (r.deckId !== card.deckId) return fail(p, `${name}: deck ${JSON.stringify(r.deckId)} differs from its card's`);
	const at = timeProblem(r.at, now);
	if (at) return fail(p, `${name}.at: ${at}`);
	const at_ = r.at as number;
	// The study day is the local day of the answer: within a day of its UTC day, whatever the zone.
	if (!isInt(r.day, 0, MAX_DAY) || Math.abs(r.day - Math.floor(at_ / DAY)) > 1) return fail(p, `${name}.day: ${JSON.stringify(r.day ?? null)} is not the study day of its time`);
	if (!isInt(r.rating, 1, 4)) return fail(p, `${name}: rating ${JSON.stringify(r.rating ?? null)} is not a grade (1–4)`);
	if (!isInt(r.stateBefore, 0, 3)) return fail(p, `${name}: stateBefore is not an FSRS state (0–3)`);
	const elapsed = intProblem(r.elapsedDays, 0, MAX_DAY);
	if (elapsed) return fail(p, `${name}.elapsedDays: ${elapsed}`);
	if (!isNum(r.durationMs) || r.durationMs < 0 || r.durationMs > MAX_ANSWER_MS) return fail(p, `${name}.durationMs: ${JSON.stringify(r.durationMs ?? null)} is not between 0 and ${MAX_ANSWER_MS} ms`);
	if (r.form !== undefined && !(QUIZ_FORMS as readonly unknown[]).includes(r.form)) return fail(p, `${name}: form ${JSON.stringify(r.form)} is not a quiz form (${QUIZ_FORMS.join(', ')})`);
	if (r.proposed !== undefined && !isInt(r.proposed, 1, 4)) return fail(p, `${name}: proposed must be a grade (1–4)`);
	if (r.chosen !== undefined && !isText(r.chosen)) return fail(p, `${name}: chosen must be text`);
	if (r.confusedWith !== undefined && !isText(r.confusedWith, false)) return fail(p, `${name}: confusedWith must be a card key`);
	if (!checkSchedule(r.before, `${name}.before`, ctx) || !checkSchedule(r.after, `${name}.after`, ctx)) return false;
	if (r.before.state !== r.stateBefore) return fail(p, `${name}: stateBefore ${r.stateBefore} differs from its schedule before (${r.before.state})`);
	return true;
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
export interface ReadOptions {
	/** This build's database version: a backup from a newer one is refused. */
	schemaVersion: number;
	/** The time now (times in the file may not lie far past it). */
	now: number;
	/** Ids of the decks this build ships: only a built-in deck may use them. */
	bundledDeckIds: readonly string[];
}

export function parseBackup(text: string, opts: ReadOptions): BackupResult {
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
	const counts = doc.counts;
	if (!isObj(counts) || !isInt(counts.decks, 0, 1e9) || !isInt(counts.cards, 0, 1e9) || !isInt(counts.reviews, 0, 1e9) || typeof doc.app !== 'string') {
		return { ok: false, problems: ['The backup has no valid header (its counts or its app name are missing).'] };
	}
	const body = JSON.stringify(doc.data);
	// Format 1 checksummed the data alone; from format 2 the header is covered too.
	const summed = doc.version === 1 ? body : headText(doc as unknown as Head) + body;
	if (typeof doc.checksum !== 'string' || checksum(summed) !== doc.checksum) {
		return { ok: false, problems: ['The backup is damaged: its checksum does not match its contents (was the file edited or cut short?).'] };
	}
	const created = timeProblem(doc.createdAt, opts.now);
	if (created) return { ok: false, problems: [`The backup's date is not valid: ${created}.`] };
	const data = doc.data;
	const ctx: Context = { p, now: opts.now, bundled: new Set(opts.bundledDeckIds) };
	const refused: Refused = new Set();
	const decks = checkTable(data, 'decks', p, (d, w): d is DeckRow => checkDeck(d, w, ctx), { refused, key: 'id' });
	const deckById = new Map<string, DeckRow>();
	for (const d of decks) {
		if (deckById.has(d.id)) p.add(`decks: deck id "${d.id}" appears twice`);
		deckById.set(d.id, d);
	}
	const cardRows = checkTable(data, 'cards', p, (c, w): c is CardRow => checkCard(c, w, deckById, refused, ctx), { refused, key: 'key' });
	const cards = new Map<string, CardRow>();
	for (const c of cardRows) {
		if (cards.has(c.key)) p.add(`cards: card "${c.key}" appears twice`);
		cards.set(c.key, c);
	}
	const states = checkTable(data, 'states', p, (s, w): s is StateRow => checkState(s, w, cards, refused, ctx));
	const withState = new Set<string>();
	for (const s of states) {
		if (withState.has(s.key)) p.add(`states: card "${s.key}" has two states`);
		withState.add(s.key);
	}
	// (A card whose state was refused above is not reported a second time.)
	if (p.list.length === 0) for (const c of cardRows) if (!withState.has(c.key)) p.add(`cards: "${c.key}" has no scheduling state`);
	const reviews = checkTable(data, 'reviews', p, (r, w): r is ReviewRow => checkReview(r, w, cards, refused, ctx));
	const reviewIds = new Set<string>();
	for (const r of reviews) {
		if (reviewIds.has(r.id)) p.add(`reviews: review id "${r.id}" appears twice`);
		reviewIds.add(r.id);
	}
	if (data.settings !== null && data.settings !== undefined) {
		const v = isObj(data.settings) ? validateSettings(data.settings) : null;
		if (!v) p.add('data.settings: must be an object or null');
		else if (!v.ok) for (const [field, message] of Object.entries(v.problems)) p.add(`data.settings.${field}: ${message}`);
	}
	if (p.list.length) return { ok: false, problems: p.result() };
	// The header's counts must be the data's: they are what the learner is told was restored.
	const tables = { decks: (data.decks as unknown[]).length, cards: (data.cards as unknown[]).length, reviews: (data.reviews as unknown[]).length };
	for (const t of ['decks', 'cards', 'reviews'] as const) {
		if (counts[t] !== tables[t]) p.add(`The backup's header says ${String(counts[t])} ${t}, but it holds ${tables[t]}.`);
	}
	if (p.list.length) return { ok: false, problems: p.result() };
	return { ok: true, backup: doc as unknown as Backup };
}

// ---- fields only cards imported from Anki carry ------------------------------------------------

/** What is wrong with the Anki-only fields of a card row, or null (absent fields are fine). */
function importedCardProblem(c: Obj): string | null {
	if (c.typeIn !== undefined && !isText(c.typeIn, false)) return 'typeIn must be a text';
	if (c.occlusion !== undefined) {
		const problem = occlusionProblem(c.occlusion);
		if (problem) return `occlusion: ${problem}`;
	}
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
