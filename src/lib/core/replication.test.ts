import { describe, expect, it } from 'vitest';
import { docToReview, planPull, reviewToDoc, type LocalSlice, type PulledChange } from './replication.ts';
import { databaseNameProblem, describeStatus, judgeDatabase, judgeWelcome, normaliseServerUrl } from './replication-server.ts';
import { replay } from './replay.ts';
import { createScheduler, HOUR, MINUTE, newSchedule } from './schedule.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { Queue, queueKey, queueOf, type RatingValue } from './model.ts';
import type { CardRow, ReviewRow, StateRow } from './records.ts';

const scheduler = createScheduler(DEFAULT_SETTINGS);
const T0 = Date.UTC(2026, 2, 3, 9, 0);

function device(cards: number): LocalSlice {
	const rows: CardRow[] = Array.from({ length: cards }, (_, i) => ({ id: `c${i}`, key: `d/c${i}`, deckId: 'd', kind: 'basic', question: `Made-up question ${i}?`, answer: `Made-up answer ${i}.`, items: [], explanation: '', section: 'S', passage: 'p', position: i, retired: 0 }));
	const states: StateRow[] = rows.map((c) => {
		const schedule = newSchedule(T0);
		return { key: c.key, deckId: 'd', queue: Queue.New, due: queueKey(schedule, c.position), position: c.position, schedule, flag: 0, buriedDay: 0 };
	});
	return { cards: rows, states, reviews: [] };
}

/** Answers a card as the app does: grade the stored state, log the row. */
function answer(d: LocalSlice, card: number, rating: RatingValue, at: number, id: string): ReviewRow {
	const state = d.states[card]!;
	const g = scheduler.grade(state.key, state.schedule, rating, at);
	const row: ReviewRow = { id, cardKey: state.key, deckId: 'd', at, day: 0, rating, stateBefore: state.schedule.state, before: state.schedule, after: g.schedule, elapsedDays: g.elapsedDays, durationMs: 900 };
	d.reviews.push(row);
	d.states[card] = { ...state, schedule: g.schedule, queue: queueOf(g.schedule.state), due: queueKey(g.schedule, state.position) };
	return row;
}

/** Undo as the app does: the schedule before, the row gone. */
function undo(d: LocalSlice, id: string): void {
	const row = d.reviews.find((r) => r.id === id)!;
	d.reviews = d.reviews.filter((r) => r.id !== id);
	const i = d.states.findIndex((s) => s.key === row.cardKey);
	d.states[i] = { ...d.states[i]!, schedule: row.before, queue: queueOf(row.before.state), due: queueKey(row.before, d.states[i]!.position) };
}

/** What the storage layer does with a plan. */
function pull(d: LocalSlice, changes: PulledChange[], pending: string[] = []): ReturnType<typeof planPull> {
	const plan = planPull(structuredClone(d), changes, new Set(pending), scheduler);
	const removed = new Set(plan.removed);
	const put = new Map(plan.reviews.map((r) => [r.id, r]));
	d.reviews = [...d.reviews.filter((r) => !removed.has(r.id) && !put.has(r.id)), ...put.values()];
	for (const s of plan.states) d.states[d.states.findIndex((x) => x.key === s.key)] = s;
	return plan;
}

/** Everything one device would pull from a server holding `rows` and the `undone` ids. */
const changesOf = (rows: ReviewRow[], undone: string[] = []): PulledChange[] => [...rows.map((row) => ({ id: row.id, deleted: false as const, row })), ...undone.map((id) => ({ id, deleted: true as const }))];

const sortedLog = (d: LocalSlice) => [...d.reviews].map((r) => r.id).sort();

describe('review documents', () => {
	const d = device(1);
	const row = answer(d, 0, 3, T0, 'r-1');

	it('carry the review row whole, keyed by its id, and read back the same', () => {
		const doc = reviewToDoc(row);
		expect(doc._id).toBe('r-1');
		expect(doc.type).toBe('review');
		const back = docToReview(JSON.parse(JSON.stringify(doc)));
		expect(back).toEqual({ row });
	});

	it('are refused, with the reason, when a server sends something else', () => {
		const good = JSON.parse(JSON.stringify(reviewToDoc(row)));
		const bad = (change: (doc: { type?: unknown; v?: unknown; row: Record<string, unknown> & { after: Record<string, unknown> } }) => void) => {
			const doc = structuredClone(good);
			change(doc);
			return docToReview(doc);
		};
		expect(docToReview('<html>')).toEqual({ problem: 'not a document' });
		expect(bad((x) => (x.type = 'card'))).toEqual({ problem: 'document r-1 is not a review' });
		expect(bad((x) => (x.v = 2))).toMatchObject({ problem: expect.stringContaining('newer format') });
		expect(bad((x) => (x.row.id = 'r-2'))).toMatchObject({ problem: expect.stringContaining('another review') });
		expect(bad((x) => (x.row.rating = 7))).toMatchObject({ problem: expect.stringContaining('rating 7') });
		expect(bad((x) => (x.row.at = 'yesterday'))).toMatchObject({ problem: expect.stringContaining('not a number') });
		expect(bad((x) => delete x.row.after.stability)).toMatchObject({ problem: expect.stringContaining('schedule') });
		expect(bad((x) => (x.row.cardKey = ''))).toMatchObject({ problem: expect.stringContaining('names no card') });
	});
});

describe('joining pulled changes', () => {
	it('unites both logs and gives both devices the same schedules, the replay of the united log', () => {
		const a = device(3);
		const b = device(3);
		const mine = [answer(a, 0, 3, T0, 'a1'), answer(a, 1, 1, T0 + MINUTE, 'a2'), answer(a, 0, 3, T0 + 2 * HOUR, 'a3')];
		// The same card answered on both devices, at other times.
		const theirs = [answer(b, 0, 2, T0 + 30 * MINUTE, 'b1'), answer(b, 2, 4, T0 + HOUR, 'b2')];
		const plan = pull(a, changesOf(theirs));
		expect(plan.added).toBe(2);
		pull(b, changesOf(mine));
		expect(sortedLog(a)).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
		expect(sortedLog(b)).toEqual(sortedLog(a));
		for (let i = 0; i < 3; i++) {
			expect(a.states[i]!.schedule).toEqual(b.states[i]!.schedule);
			const log = a.reviews.filter((r) => r.cardKey === `d/c${i}`);
			expect(a.states[i]!.schedule).toEqual(replay(scheduler, `d/c${i}`, log).schedule);
		}
		// The log rows agree with the schedule: each row's "after" is the next one's "before".
		const card0 = a.reviews.filter((r) => r.cardKey === 'd/c0').sort((x, y) => x.at - y.at);
		expect(card0.map((r) => r.id)).toEqual(['a1', 'b1', 'a3']);
		expect(card0[1]!.before).toEqual(card0[0]!.after);
	});

	it('changes nothing the second time, and pulling one by one ends where pulling all at once does', () => {
		const a = device(2);
		const b = device(2);
		const theirs = [answer(b, 0, 3, T0, 'b1'), answer(b, 0, 3, T0 + HOUR, 'b2'), answer(b, 1, 1, T0 + 2 * HOUR, 'b3')];
		answer(a, 0, 4, T0 + 10 * MINUTE, 'a1');
		const c = structuredClone(a);
		pull(a, changesOf(theirs));
		for (const r of [...theirs].reverse()) pull(c, changesOf([r]));
		const byId = (x: ReviewRow, y: ReviewRow) => (x.id < y.id ? -1 : 1);
		expect([...c.reviews].sort(byId)).toEqual([...a.reviews].sort(byId));
		expect(c.states).toEqual(a.states);
		const again = pull(a, changesOf(theirs));
		expect(again).toMatchObject({ added: 0, removed: [], conflicts: [] });
		expect(again.reviews).toEqual([]);
		expect(again.states).toEqual([]);
	});

	it('removes a review undone on the other device and replays the card without it', () => {
		const a = device(1);
		const b = device(1);
		const first = answer(a, 0, 3, T0, 'a1');
		const second = answer(a, 0, 1, T0 + HOUR, 'a2');
		pull(b, changesOf([first, second]));
		undo(a, 'a2');
		pull(b, changesOf([], ['a2']));
		expect(sortedLog(b)).toEqual(['a1']);
		expect(b.states[0]!.schedule).toEqual(a.states[0]!.schedule);
		// The only answer undone: the card is new again, exactly as undo left it there.
		undo(a, 'a1');
		pull(b, changesOf([], ['a1']));
		expect(b.reviews).toEqual([]);
		expect(b.states[0]).toEqual(a.states[0]);
		expect(b.states[0]!.queue).toBe(Queue.New);
	});

	it('leaves out what this device has not sent yet: its own undo is newer than the server', () => {
		const a = device(1);
		const row = answer(a, 0, 3, T0, 'a1');
		undo(a, 'a1');
		const plan = pull(a, changesOf([row]), ['a1']);
		expect(plan.added).toBe(0);
		expect(a.reviews).toEqual([]);
	});

	it('keeps a pulled review of a card this device does not have, and touches no schedule for it', () => {
		const a = device(1);
		const other = device(2);
		const row = answer(other, 1, 3, T0, 'x1');
		const plan = pull(a, changesOf([row]));
		expect(plan.added).toBe(1);
		expect(a.reviews.map((r) => r.id)).toEqual(['x1']);
		expect(plan.states).toEqual([]);
	});

	it('does not apply a pulled review whose id is a different answer here', () => {
		const a = device(1);
		const row = answer(a, 0, 3, T0, 'a1');
		const plan = pull(a, changesOf([{ ...row, rating: 1 }]));
		expect(plan.conflicts).toEqual(['a1']);
		expect(a.reviews).toEqual([row]);
	});
});

describe('server answers', () => {
	it('knows CouchDB and PouchDB Server by their welcome, and names everything else', () => {
		expect(judgeWelcome(200, 'application/json', '{"couchdb":"Welcome!","version":"3.4.2"}')).toBeNull();
		expect(judgeWelcome(200, 'application/json', '{"express-pouchdb":"Welcome!"}')).toBeNull();
		expect(judgeWelcome(200, 'text/html', '<!doctype html><title>Router</title>')).toMatchObject({ kind: 'not-couchdb', message: expect.stringContaining('web page') });
		expect(judgeWelcome(200, 'application/json', '{"hello":"world"}')).toMatchObject({ kind: 'not-couchdb', message: expect.stringContaining('not as CouchDB') });
		expect(judgeWelcome(200, 'application/json', '{"couchdb":')).toMatchObject({ kind: 'not-couchdb' });
		expect(judgeWelcome(401, 'application/json', '{"error":"unauthorized"}')).toMatchObject({ kind: 'credentials', message: expect.stringContaining('401') });
		expect(judgeWelcome(500, 'text/plain', 'oops')).toMatchObject({ kind: 'server-error', message: expect.stringContaining('500') });
		expect(judgeDatabase(200, 'learner')).toMatchObject({ ok: true });
		expect(judgeDatabase(404, 'learner')).toMatchObject({ kind: 'no-database', message: expect.stringContaining('"learner"') });
		expect(judgeDatabase(403, 'learner')).toMatchObject({ kind: 'credentials' });
		expect(judgeDatabase(503, 'learner')).toMatchObject({ kind: 'server-error' });
	});

	it('checks the set-up form', () => {
		expect(normaliseServerUrl(' https://couch.example.org/ ')).toEqual({ url: 'https://couch.example.org' });
		expect(normaliseServerUrl('http://127.0.0.1:5984')).toEqual({ url: 'http://127.0.0.1:5984' });
		expect(normaliseServerUrl('http://couch.example.org')).toMatchObject({ problem: expect.stringContaining('https://') });
		expect(normaliseServerUrl('https://me:secret@couch.example.org')).toMatchObject({ problem: expect.stringContaining('own fields') });
		expect(normaliseServerUrl('couch')).toMatchObject({ problem: expect.stringContaining('web address') });
		expect(normaliseServerUrl('ftp://couch.example.org')).toMatchObject({ problem: expect.any(String) });
		expect(databaseNameProblem('learner-ana')).toBeNull();
		expect(databaseNameProblem('Learner')).not.toBeNull();
		expect(databaseNameProblem('_users')).not.toBeNull();
	});

	it('words the status', () => {
		expect(describeStatus({ phase: 'off', waiting: 0 })).toBe('Not syncing: no server is set up.');
		expect(describeStatus({ phase: 'idle', waiting: 0 })).toBe('Up to date.');
		expect(describeStatus({ phase: 'idle', waiting: 3 })).toBe('3 changes waiting.');
		expect(describeStatus({ phase: 'stopped', waiting: 1 })).toBe('Stopped. 1 change waiting.');
		expect(describeStatus({ phase: 'error', waiting: 2, error: 'The server answered with an error (500).' })).toBe('2 changes waiting. Last error: The server answered with an error (500).');
	});
});
