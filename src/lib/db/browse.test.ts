import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocDeckDB } from './db';
import { syncDeck } from './decks';
import { browseCards, cardReviews, searchable, type BrowseFilter } from './browse';
import { answerCard, buryCard, setFlag, suspendCard } from './study';
import { parseDeck } from '$lib/core/deck-file';
import { Rating, type RatingValue } from '$lib/core/model';
import { createScheduler, MINUTE } from '$lib/core/schedule';
import { DEFAULT_SETTINGS } from '$lib/core/settings';

const T = Date.UTC(2025, 8, 15, 9, 0);
const SOURCE = ['---', 'title: Notes', '---', '', '# Blood', '', '{#clot} Thick blood clots more easily in the renal vein.'].join('\n');

const CARDS: [id: string, q: string, a: string][] = [
	['clot-vein', 'Which vein is at risk of a clot?', 'The rénal vein.'],
	['clot-why', 'Why does thick blood clot?', 'More clotting factors.'],
	['fats', 'What happens to blood fats?', 'They rise.'],
	['old', 'An outdated card?', 'Yes.']
];

function parsed(cards = CARDS) {
	const body = cards.flatMap(([id, q, a]) => ['', `## ${id}`, 'kind: basic', 'passage: clot', `Q: ${q}`, `A: ${a}`]);
	return parseDeck({ deckFile: 'd.md', deckText: ['---', 'id: blood', 'title: Blood', '---', '', '# Blood', ...body].join('\n'), sourceFile: 's.md', sourceText: SOURCE });
}

let db: DocDeckDB;
beforeEach(async () => {
	db = new DocDeckDB('t-' + crypto.randomUUID());
	await syncDeck(db, parsed(), 'bundled', T);
});
afterEach(async () => {
	await db.delete();
});

const scheduler = createScheduler(DEFAULT_SETTINGS);
async function answer(id: string, rating: RatingValue, now: number) {
	const state = await db.states.get(`blood/${id}`);
	return answerCard(db, scheduler, { cardKey: `blood/${id}`, rating, clock: { now, utcOffsetMinutes: 0 }, dayStartHour: 4, durationMs: 1000, expectedReps: state!.schedule.reps, reviewId: crypto.randomUUID() });
}

const browse = async (filter: BrowseFilter, query = '', now = T, limit?: number) => {
	const r = await browseCards(db, 'blood', { query, filter, now, limit });
	return { ids: r.rows.map((row) => row.card.id), matched: r.matched };
};

describe('browseCards', () => {
	it('lists the deck’s cards in deck order', async () => {
		expect((await browse('all')).ids).toEqual(['clot-vein', 'clot-why', 'fats', 'old']);
	});

	it('searches question, answer and id ignoring case, accents and extra spaces; every word must match', async () => {
		expect((await browse('all', 'RENAL   vein')).ids).toEqual(['clot-vein']);
		expect((await browse('all', 'clot')).ids).toEqual(['clot-vein', 'clot-why']);
		expect((await browse('all', 'clot fats')).ids).toEqual([]);
		expect(searchable('Rénal  Vein')).toBe('renal vein');
	});

	it('filters by what the learner did to a card', async () => {
		await answer('clot-why', Rating.Good, T); // learning, due T + 10m
		await suspendCard(db, 'blood/fats');
		await buryCard(db, 'blood/old', 1);
		await setFlag(db, 'blood/clot-vein', 1);
		expect((await browse('new')).ids).toEqual(['clot-vein']);
		expect((await browse('suspended')).ids).toEqual(['fats']);
		expect((await browse('buried')).ids).toEqual(['old']);
		expect((await browse('flagged')).ids).toEqual(['clot-vein']);
		expect((await browse('due', '', T + MINUTE)).ids).toEqual([]);
		expect((await browse('due', '', T + 11 * MINUTE)).ids).toEqual(['clot-why']);
	});

	it('"due" lists a review due later today, as the study queue counts it', async () => {
		await answer('fats', Rating.Easy, T); // a review, due some days later
		const due = (await db.states.get('blood/fats'))!.due;
		const r = (now: number, dayEnd: number) => browseCards(db, 'blood', { query: '', filter: 'due', now, dayEnd });
		expect((await r(due - 3 * 60 * MINUTE, due + MINUTE)).rows.map((x) => x.card.id)).toEqual(['fats']);
		expect((await r(due - 3 * 60 * MINUTE, due)).rows.map((x) => x.card.id)).toEqual([]);
	});

	it('shows retired cards only under "retired"', async () => {
		await setFlag(db, 'blood/old', 1);
		await syncDeck(db, parsed(CARDS.slice(0, 3)), 'bundled', T + MINUTE);
		expect((await browse('all')).ids).toEqual(['clot-vein', 'clot-why', 'fats']);
		expect((await browse('flagged')).ids).toEqual([]);
		expect((await browse('retired')).ids).toEqual(['old']);
	});

	it('fills one page and says there is more, without reading past it', async () => {
		const r = await browseCards(db, 'blood', { query: '', filter: 'all', now: T, limit: 2 });
		expect(r.rows.map((x) => x.card.id)).toEqual(['clot-vein', 'clot-why']);
		expect(r.more).toBe(true);
		expect((await browseCards(db, 'blood', { query: '', filter: 'all', now: T, limit: 4 })).more).toBe(false);
	});

	it('searches a deck larger than one read page, in deck order', async () => {
		const many: [string, string, string][] = Array.from({ length: 700 }, (_, i) => [`c${i}`, `Question number ${i}?`, i % 300 === 299 ? 'The rare answer.' : 'Common.']);
		await syncDeck(db, parsed(many), 'bundled', T + MINUTE);
		const r = await browseCards(db, 'blood', { query: 'rare', filter: 'all', now: T });
		expect(r.rows.map((x) => x.card.id)).toEqual(['c299', 'c599']);
		expect(r).toMatchObject({ matched: 2, more: false });
		await setFlag(db, 'blood/c650', 1);
		expect((await browseCards(db, 'blood', { query: '', filter: 'flagged', now: T })).rows.map((x) => x.card.id)).toEqual(['c650']);
	});
});

describe('browsing a queue of a large deck', () => {
	it('"new" is read on its index a page at a time: the first page of 700 new cards, and it says there are more', async () => {
		const many: [string, string, string][] = Array.from({ length: 700 }, (_, i) => [`c${i}`, `Question number ${i}?`, 'Common.']);
		await syncDeck(db, parsed(many), 'bundled', T + MINUTE);
		// The same database, opened with every row the states table hands out counted.
		const counted = new DocDeckDB(db.name);
		let statesRead = 0;
		counted.use({
			stack: 'dbcore',
			name: 'count-reads',
			create: (down) => ({
				...down,
				table: (name) => {
					const t = down.table(name);
					if (name !== 'states') return t;
					return { ...t, query: async (req) => { const r = await t.query(req); statesRead += r.result.length; return r; } };
				}
			})
		});
		const r = await browseCards(counted, 'blood', { query: '', filter: 'new', now: T, limit: 200 });
		expect(r.rows.map((x) => x.card.id).slice(0, 3)).toEqual(['c0', 'c1', 'c2']);
		expect(r.rows).toHaveLength(200);
		expect(r.more).toBe(true);
		expect(statesRead).toBeLessThanOrEqual(500);
		// A search on "new" goes on past the first page until it has enough, and says when it is all.
		const rare = await browseCards(counted, 'blood', { query: 'number 699', filter: 'new', now: T, limit: 200 });
		expect(rare).toMatchObject({ matched: 1, more: false });
		expect(rare.rows.map((x) => x.card.id)).toEqual(['c699']);
		counted.close();
	});

	it('"due" pages through learning cards due now, then reviews due today, never a card twice', async () => {
		const many: [string, string, string][] = Array.from({ length: 300 }, (_, i) => [`c${i}`, `Question number ${i}?`, 'Common.']);
		await syncDeck(db, parsed(many), 'bundled', T + MINUTE);
		for (let i = 0; i < 260; i++) await answer(`c${i}`, Rating.Again, T + 2 * MINUTE); // all due again at the same minute
		const r = await browseCards(db, 'blood', { query: '', filter: 'due', now: T + 20 * MINUTE, dayEnd: T + 12 * 60 * MINUTE, limit: 1000 });
		expect(r.rows).toHaveLength(260);
		expect(new Set(r.rows.map((x) => x.card.id)).size).toBe(260);
		expect(r.more).toBe(false);
	});
});

describe('cardReviews', () => {
	it('lists a card’s answers newest first, and only that card’s', async () => {
		const r1 = await answer('fats', Rating.Again, T);
		const r2 = await answer('fats', Rating.Good, T + 2 * MINUTE);
		await answer('old', Rating.Good, T + 3 * MINUTE);
		expect((await cardReviews(db, 'blood/fats')).map((r) => r.id)).toEqual([r2.id, r1.id]);
		expect(await db.reviews.count()).toBe(3);
	});
});
