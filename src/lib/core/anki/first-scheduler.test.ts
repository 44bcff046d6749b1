// Collections still on Anki's first scheduler number learning answers differently; converted as
// Anki converts them, their schedules come out where Anki's own due dates are.
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { buildPackage, type CollectionDef } from '../../../../tests/fixtures/apkg';
import { readApkg } from './package.ts';
import { ankiToDataset } from './convert.ts';
import { createScheduler, DAY, MINUTE } from '../schedule.ts';
import { DEFAULT_SETTINGS } from '../settings.ts';

let SQL: SqlJsStatic;
beforeAll(async () => {
	SQL = await initSqlJs({ locateFile: (f) => path.resolve(import.meta.dirname, '../../../../node_modules/sql.js/dist', f) });
});

const T = Date.UTC(2019, 2, 4, 9, 0);
// As Anki 2.0 wrote it: learning answered Good (2), Good (2) → graduated with a 1-day interval;
// then reviews answered Good (3) with intervals 3 and 8 days. A second card was answered Easy (3)
// while learning: straight to 4 days. Each row keeps the interval Anki gave.
const OLD: CollectionDef = {
	schedVer: null,
	notes: [
		{ id: 1, mid: '1001', fields: ['Which electrolyte disturbance peaks the T waves?', 'Hyperkalaemia', ''] },
		{ id: 2, mid: '1001', fields: ['First-line treatment of anaphylaxis?', 'Intramuscular adrenaline', ''] }
	],
	cards: [
		{ id: 10, nid: 1, did: '2001', ord: 0, type: 2, queue: 2, ivl: 8 },
		{ id: 20, nid: 2, did: '2001', ord: 0, type: 2, queue: 2, ivl: 4 }
	],
	revlog: [
		{ id: T, cid: 10, ease: 2, type: 0, ivl: -600 },
		{ id: T + 10 * MINUTE, cid: 10, ease: 2, type: 0, ivl: 1 },
		{ id: T + DAY, cid: 10, ease: 3, type: 1, ivl: 3 },
		{ id: T + 4 * DAY, cid: 10, ease: 3, type: 1, ivl: 8 },
		{ id: T + 1, cid: 20, ease: 3, type: 0, ivl: 4 }
	]
};

function imported(col: CollectionDef) {
	const r = readApkg(buildPackage(SQL, col), SQL, 'old.apkg');
	if (!r.ok) throw new Error(r.problem);
	return ankiToDataset(r.collection, { fileName: 'old.apkg', now: T + 30 * DAY, scheduler: createScheduler({ ...DEFAULT_SETTINGS, fuzz: false }), dayStartHour: 4, utcOffsetMinutes: 0 });
}

describe("Anki's first scheduler", () => {
	it('renumbers learning answers as Anki does: Good 2 → 3, Easy 3 → 4; reviews keep their numbers', () => {
		const { data, report } = imported(OLD);
		expect(report.v1Converted).toBe(3);
		const ratings = (id: string) => data.reviews.filter((r) => r.cardKey.endsWith(id)).sort((a, b) => a.at - b.at).map((r) => r.rating);
		expect(ratings('a1-0')).toEqual([3, 3, 3, 3]);
		expect(ratings('a2-0')).toEqual([4]);
	});

	it("each converted answer agrees with what Anki's own log says it did, and the schedule is no longer cut short", () => {
		const { data } = imported(OLD);
		// Anki's log records the interval each answer gave. A learning answer that graduated the card
		// (a positive interval in days) was Good or Easy: read as they stand, those would be Hard,
		// which never graduates a card; the one that gave the easy interval (4 days) was Easy.
		for (const r of OLD.revlog!) {
			const ours = data.reviews.find((x) => x.at === r.id)!;
			if (r.type === 0 && (r.ivl ?? 0) > 0) expect(ours.rating).toBeGreaterThanOrEqual(3);
			if (r.type === 0 && r.ivl === 4) expect(ours.rating).toBe(4);
		}
		// Read as they stand, the same history gives intervals well short of the converted ones.
		const asIs = imported({ ...OLD, schedVer: 2 }).data.states;
		for (const s of data.states) {
			const misread = asIs.find((x) => x.key === s.key)!;
			const last = s.schedule.lastReview!;
			expect((s.schedule.due - last) / (misread.schedule.due - last)).toBeGreaterThan(1.3);
		}
	});

	it('a collection with a learning answer numbered 4 is not from the first scheduler: nothing renumbered', () => {
		const mixed = { ...OLD, revlog: [...OLD.revlog!, { id: T + 2 * MINUTE, cid: 20, ease: 4, type: 0 }] };
		expect(imported(mixed).report.v1Converted).toBe(0);
		expect(imported({ ...OLD, schedVer: 2 }).report.v1Converted).toBe(0);
	});
});
