// What an Image Occlusion card shows, region by region: pure, so the component only draws it.

import type { Occlusion, OcclusionMask } from '$lib/core/anki/occlusion';

export interface Region {
	ordinal: number;
	/** 1-based place among the note's regions, and how many there are. */
	index: number;
	total: number;
	masks: OcclusionMask[];
	/** The region this card asks. */
	asked: boolean;
	/** Whether it covers the image now. */
	covered: boolean;
	/** What a screen reader says of it. */
	label: string;
	/** What a tap or Enter on it does. */
	action: 'reveal' | 'peek' | null;
}

/**
 * The regions of a card's note as they stand. On the question the asked region is covered (and
 * marked), the others too in hide-all mode; on the answer the asked one is uncovered, the others
 * stay covered in hide-all mode until the learner peeks under one.
 */
export function regions(o: Occlusion, revealed: boolean, peeked: ReadonlySet<number>): Region[] {
	const ordinals = [...new Set(o.masks.map((m) => m.ordinal))].sort((a, b) => a - b);
	return ordinals.map((ordinal, i) => {
		const masks = o.masks.filter((m) => m.ordinal === ordinal);
		const asked = ordinal === o.ordinal;
		const hideAll = masks.some((m) => m.hideAll);
		const place = `region ${i + 1} of ${ordinals.length}`;
		const covered = asked ? !revealed : hideAll && !peeked.has(ordinal);
		const label = asked
			? revealed
				? `Asked ${place}, revealed`
				: `Hidden ${place}, the one asked: show the answer`
			: covered
				? `Hidden ${place}${revealed ? ': show what is under it' : ''}`
				: `${place[0]!.toUpperCase()}${place.slice(1)}, shown`;
		const action = asked && !revealed ? 'reveal' : !asked && revealed && hideAll ? 'peek' : null;
		return { ordinal, index: i + 1, total: ordinals.length, masks, asked, covered, label, action };
	});
}

/** The SVG view box the masks are drawn in: the unit square for fractions, the image's pixels otherwise. */
export function viewBox(o: Occlusion, natural: { width: number; height: number } | null): string | null {
	if (o.units === 'fraction') return '0 0 1 1';
	return natural && natural.width > 0 && natural.height > 0 ? `0 0 ${natural.width} ${natural.height}` : null;
}
