// Anki's Image Occlusion notes (the built-in note type of Anki 23.10 and later): an image, and in
// its Occlusion field one cloze deletion per mask, each naming a shape and where it lies:
//   {{c2::image-occlusion:rect:left=.31:top=.2:width=.12:height=.05:oi=1}}
// Shapes are rectangles (left, top, width, height), ellipses (left, top of the bounding box and
// the radii rx, ry) and polygons (points "x,y x,y …"); several shapes may share one cloze number
// (one region). Text shapes (cloze number 0) are labels always shown. `oi=1` ("hide all, guess
// one"): every mask covers the image on the question and the other masks stay on the answer;
// without it only the asked region is covered ("hide one"). Current Anki writes coordinates as
// fractions of the image; the first releases wrote pixels of the image as stored. Anki makes one
// card per cloze number, and its card's template number is that number less one.
// Pure: read when imported, written back by the export.

import { decodeEntities } from '../strip-html.ts';

/** One shape, in the units of its note. */
export type OcclusionShape =
	| { kind: 'rect'; left: number; top: number; width: number; height: number }
	| { kind: 'ellipse'; left: number; top: number; rx: number; ry: number }
	| { kind: 'polygon'; points: [number, number][] };

export interface OcclusionMask {
	/** The cloze number: the card that asks this region. */
	ordinal: number;
	shape: OcclusionShape;
	/** Anki's `oi=1`: hide all, guess one. */
	hideAll: boolean;
}

/** A text label drawn over the image (always shown). */
export interface OcclusionLabel {
	text: string;
	left: number;
	top: number;
}

/** An Image Occlusion card as DocDeck stores it: the whole note's masks, and which region it asks. */
export interface Occlusion {
	/** The image's file name among the deck's media. */
	image: string;
	/** 'fraction' (0–1 of the image's width and height) or 'pixel' (of the image's own size). */
	units: 'fraction' | 'pixel';
	masks: OcclusionMask[];
	labels: OcclusionLabel[];
	/** The cloze number this card asks. */
	ordinal: number;
}

const MAX_SHAPES = 500;
const MAX_POINTS = 500;
const MAX_COORD = 100_000;

/** The cloze deletions of an Occlusion field that hold shapes. */
const SHAPE = /\{\{c(\d{1,3})::image-occlusion:(rect|ellipse|polygon|text)((?:[^}\\]|\\.)*)\}\}/g;

/** A shape's `key=value` properties (a colon inside a value is written `\:`). */
function properties(text: string): Map<string, string> {
	const out = new Map<string, string>();
	for (const part of text.split(/(?<!\\):/)) {
		const at = part.indexOf('=');
		if (at > 0) out.set(part.slice(0, at).trim(), part.slice(at + 1).replace(/\\:/g, ':'));
	}
	return out;
}

const num = (v: string | undefined): number | null => {
	if (v === undefined || v.trim() === '') return null;
	const n = Number(v);
	return Number.isFinite(n) && Math.abs(n) <= MAX_COORD ? n : null;
};


export interface ParsedOcclusions {
	masks: OcclusionMask[];
	labels: OcclusionLabel[];
	units: 'fraction' | 'pixel';
	/** Shapes that could not be read (a missing or impossible coordinate), by place. */
	unreadable: number;
}

/** The masks and labels of an Occlusion field. */
export function parseOcclusions(field: string): ParsedOcclusions {
	const masks: OcclusionMask[] = [];
	const labels: OcclusionLabel[] = [];
	let unreadable = 0;
	for (const m of decodeEntities(field).matchAll(SHAPE)) {
		if (masks.length + labels.length >= MAX_SHAPES) break;
		const ordinal = Number(m[1]);
		const p = properties(m[3]!);
		const left = num(p.get('left')) ?? 0;
		const top = num(p.get('top')) ?? 0;
		const hideAll = p.get('oi') === '1';
		let shape: OcclusionShape | null = null;
		if (m[2] === 'text') {
			const text = (p.get('text') ?? '').slice(0, 500);
			if (text.trim()) labels.push({ text, left, top });
			continue;
		}
		if (m[2] === 'rect') {
			const width = num(p.get('width'));
			const height = num(p.get('height'));
			if (width !== null && height !== null && width > 0 && height > 0) shape = { kind: 'rect', left, top, width, height };
		} else if (m[2] === 'ellipse') {
			const rx = num(p.get('rx'));
			const ry = num(p.get('ry'));
			if (rx !== null && ry !== null && rx > 0 && ry > 0) shape = { kind: 'ellipse', left, top, rx, ry };
		} else {
			const points = (p.get('points') ?? '')
				.trim()
				.split(/\s+/)
				.slice(0, MAX_POINTS)
				.map((xy) => xy.split(',').map((v) => num(v)));
			if (points.length >= 3 && points.every((xy) => xy.length === 2 && xy[0] !== null && xy[1] !== null)) shape = { kind: 'polygon', points: points as [number, number][] };
		}
		if (!shape || ordinal < 1) {
			unreadable++;
			continue;
		}
		masks.push({ ordinal, shape, hideAll });
	}
	const values = masks.flatMap((k) => coordinates(k.shape)).concat(labels.flatMap((l) => [l.left, l.top]));
	// Fractions never pass 1 by more than a slip of the mouse; pixels of any real image do.
	const units = values.some((v) => v > 1.5) ? 'pixel' : 'fraction';
	return { masks, labels, units, unreadable };
}

function coordinates(s: OcclusionShape): number[] {
	if (s.kind === 'rect') return [s.left, s.top, s.left + s.width, s.top + s.height];
	if (s.kind === 'ellipse') return [s.left, s.top, s.left + 2 * s.rx, s.top + 2 * s.ry];
	return s.points.flat();
}

/** The cloze numbers of a note's masks, in order: one card each. */
export function occlusionOrdinals(masks: readonly OcclusionMask[]): number[] {
	return [...new Set(masks.map((m) => m.ordinal))].sort((a, b) => a - b);
}

/** Shortest decimal text of a coordinate, as Anki writes them (".25", "12"). */
function short(n: number): string {
	const t = String(Number(n.toFixed(4)));
	return t.replace(/^0\./, '.').replace(/^-0\./, '-.');
}

/** The Occlusion field for a note's masks and labels, as Anki writes it. */
export function occlusionField(masks: readonly OcclusionMask[], labels: readonly OcclusionLabel[]): string {
	const escape = (v: string) => v.replace(/:/g, '\\:').replace(/[{}]/g, '');
	const out: string[] = [];
	for (const m of masks) {
		const s = m.shape;
		const props =
			s.kind === 'rect'
				? `left=${short(s.left)}:top=${short(s.top)}:width=${short(s.width)}:height=${short(s.height)}`
				: s.kind === 'ellipse'
					? `left=${short(s.left)}:top=${short(s.top)}:rx=${short(s.rx)}:ry=${short(s.ry)}`
					: `left=${short(Math.min(...s.points.map((p) => p[0])))}:top=${short(Math.min(...s.points.map((p) => p[1])))}:points=${s.points.map(([x, y]) => `${short(x)},${short(y)}`).join(' ')}`;
		out.push(`{{c${m.ordinal}::image-occlusion:${s.kind}:${props}${m.hideAll ? ':oi=1' : ''}}}`);
	}
	for (const l of labels) out.push(`{{c0::image-occlusion:text:left=${short(l.left)}:top=${short(l.top)}:text=${escape(l.text)}}}`);
	return out.join('<br>');
}

/** Whether a stored occlusion holds together (for a backup's validation): null when it does. */
export function occlusionProblem(o: unknown): string | null {
	if (!o || typeof o !== 'object') return 'must be an object';
	const v = o as Record<string, unknown>;
	const finite = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && Math.abs(x) <= MAX_COORD;
	if (typeof v.image !== 'string' || !v.image || v.image.length > 255 || /[\\/]/.test(v.image)) return 'image must be a file name';
	if (v.units !== 'fraction' && v.units !== 'pixel') return 'units must be "fraction" or "pixel"';
	if (!Number.isInteger(v.ordinal) || (v.ordinal as number) < 1 || (v.ordinal as number) > 999) return 'ordinal must be a cloze number';
	if (!Array.isArray(v.masks) || v.masks.length === 0 || v.masks.length > MAX_SHAPES) return 'masks must be a list of shapes';
	for (const m of v.masks as Record<string, unknown>[]) {
		const s = m?.shape as Record<string, unknown> | undefined;
		if (!s || !Number.isInteger(m.ordinal) || typeof m.hideAll !== 'boolean') return 'each mask needs an ordinal, a shape and hideAll';
		const ok =
			s.kind === 'rect'
				? [s.left, s.top, s.width, s.height].every(finite)
				: s.kind === 'ellipse'
					? [s.left, s.top, s.rx, s.ry].every(finite)
					: s.kind === 'polygon' && Array.isArray(s.points) && s.points.length >= 3 && s.points.length <= MAX_POINTS && s.points.every((p) => Array.isArray(p) && p.length === 2 && p.every(finite));
		if (!ok) return 'a mask has a shape that is not a rectangle, ellipse or polygon with numbers';
	}
	if (!(v.masks as OcclusionMask[]).some((m) => m.ordinal === v.ordinal)) return 'no mask has the card’s ordinal';
	if (!Array.isArray(v.labels) || v.labels.length > MAX_SHAPES || !v.labels.every((l: Record<string, unknown>) => typeof l?.text === 'string' && l.text.length <= 500 && finite(l.left) && finite(l.top))) return 'labels must be a list of texts with a place';
	return null;
}
