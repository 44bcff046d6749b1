import { describe, expect, it } from 'vitest';
import { hasTag, parseTags, tagTree } from './tags.ts';
import { deckTree } from './deck-tree.ts';

describe('tags with "::" levels', () => {
	it('parses a note’s tags, once each whatever the case', () => {
		expect(parseTags('  #AK_Step1_v12::#UWorld::Renal  HY hy\u3000腎臓 ')).toEqual(['#AK_Step1_v12::#UWorld::Renal', 'HY', '腎臓']);
	});
	it('a tag matches itself and its children, not a longer name', () => {
		expect(hasTag(['Renal::Diuretics::Loop'], 'renal')).toBe(true);
		expect(hasTag(['Renal::Diuretics::Loop'], 'Renal::Diuretics')).toBe(true);
		expect(hasTag(['Renalx'], 'Renal')).toBe(false);
		expect(hasTag(undefined, 'Renal')).toBe(false);
	});
	it('lists every level once, in tree order, counting the cards under each', () => {
		expect(tagTree([['A::B::C', 'Z'], ['A::B'], ['a::D']]).map((t) => [t.tag, t.depth, t.count])).toEqual([
			['A', 0, 3],
			['A::B', 1, 2],
			['A::B::C', 2, 1],
			['a::D', 1, 1],
			['Z', 0, 1]
		]);
	});
});

describe('deck tree', () => {
	const c = (n: number) => ({ new: n, learning: 0, review: 0, studiedToday: 0, total: n });
	it('children after their parent, counts summed upwards, a loop or a missing parent never loses a deck', () => {
		const out = deckTree([
			{ id: 'kid', title: 'Kidney', parentId: 'med', counts: c(2) },
			{ id: 'med', title: 'Medicine', counts: c(1) },
			{ id: 'tub', title: 'Tubule', parentId: 'kid', counts: c(4) },
			{ id: 'x', title: 'Orphan', parentId: 'gone', counts: c(1) },
			{ id: 'l1', title: 'Loop one', parentId: 'l2', counts: c(1) },
			{ id: 'l2', title: 'Loop two', parentId: 'l1', counts: c(1) }
		]);
		expect(out.map((d) => [d.id, d.depth, d.counts.new, d.own.new])).toEqual([
			['med', 0, 7, 1],
			['kid', 1, 6, 2],
			['tub', 2, 4, 4],
			['x', 0, 1, 1],
			['l1', 0, 2, 1],
			['l2', 1, 1, 1]
		]);
	});
});
