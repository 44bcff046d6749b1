import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { occlusionField, occlusionOrdinals, occlusionProblem, parseOcclusions } from './occlusion';

describe('Image Occlusion fields', () => {
	it('reads rectangles, ellipses, polygons and labels, grouped by cloze number, with the hide-all mode', () => {
		const field =
			'{{c1::image-occlusion:rect:left=.1:top=.2:width=.3:height=.05:oi=1}}<br>' +
			'{{c2::image-occlusion:ellipse:left=.5:top=.55:rx=.1:ry=.08:oi=1}}<br>' +
			'{{c2::image-occlusion:polygon:left=.6:top=.1:points=.6,.1 .8,.15 .7,.3:oi=1}}<br>' +
			'{{c0::image-occlusion:text:left=.05:top=.9:text=Left kidney\\: anterior view}}';
		const p = parseOcclusions(field);
		expect(p.units).toBe('fraction');
		expect(p.unreadable).toBe(0);
		expect(p.masks).toEqual([
			{ ordinal: 1, hideAll: true, shape: { kind: 'rect', left: 0.1, top: 0.2, width: 0.3, height: 0.05 } },
			{ ordinal: 2, hideAll: true, shape: { kind: 'ellipse', left: 0.5, top: 0.55, rx: 0.1, ry: 0.08 } },
			{ ordinal: 2, hideAll: true, shape: { kind: 'polygon', points: [[0.6, 0.1], [0.8, 0.15], [0.7, 0.3]] } }
		]);
		expect(p.labels).toEqual([{ text: 'Left kidney: anterior view', left: 0.05, top: 0.9 }]);
		expect(occlusionOrdinals(p.masks)).toEqual([1, 2]);
	});

	it('hide one (no oi) and the pixel coordinates of the first Anki releases are told apart', () => {
		const p = parseOcclusions('{{c1::image-occlusion:rect:left=120:top=48:width=200:height=30}}{{c3::image-occlusion:rect:left=10:top=300:width=90:height=40}}');
		expect(p.units).toBe('pixel');
		expect(p.masks.map((m) => [m.ordinal, m.hideAll])).toEqual([
			[1, false],
			[3, false]
		]);
		expect(occlusionOrdinals(p.masks)).toEqual([1, 3]);
	});

	it('a shape with a missing or impossible value is counted, not drawn; nothing crashes on any text', () => {
		const p = parseOcclusions('{{c1::image-occlusion:rect:left=.1:top=.1:width=abc:height=.1}}{{c2::image-occlusion:polygon:points=.1,.1 .2}}{{c3::image-occlusion:ellipse:rx=1e999:ry=.1}}');
		expect(p.masks).toEqual([]);
		expect(p.unreadable).toBe(3);
		fc.assert(
			fc.property(fc.string({ maxLength: 300 }), (text) => {
				const r = parseOcclusions(`{{c1::image-occlusion:rect:${text}}}` + text);
				return r.masks.every((m) => occlusionProblem({ image: 'a.png', units: r.units, masks: [m], labels: [], ordinal: m.ordinal }) === null);
			})
		);
	});

	it('written back as Anki writes it, it reads back the same', () => {
		const field = '{{c1::image-occlusion:rect:left=.1:top=.2:width=.3:height=.05:oi=1}}{{c2::image-occlusion:polygon:left=.6:top=.1:points=.6,.1 .8,.15 .7,.3:oi=1}}{{c0::image-occlusion:text:left=.05:top=.9:text=Renal artery\\: origin}}';
		const p = parseOcclusions(field);
		const again = parseOcclusions(occlusionField(p.masks, p.labels));
		expect(again).toEqual(p);
		expect(occlusionField(p.masks, p.labels)).toContain('{{c1::image-occlusion:rect:left=.1:top=.2:width=.3:height=.05:oi=1}}');
	});

	it('a stored occlusion that does not hold together is named', () => {
		const good = { image: 'kidney.png', units: 'fraction', ordinal: 1, labels: [], masks: [{ ordinal: 1, hideAll: false, shape: { kind: 'rect', left: 0, top: 0, width: 0.5, height: 0.5 } }] };
		expect(occlusionProblem(good)).toBeNull();
		expect(occlusionProblem({ ...good, image: '../etc/passwd' })).toMatch(/file name/);
		expect(occlusionProblem({ ...good, ordinal: 2 })).toMatch(/ordinal/);
		expect(occlusionProblem({ ...good, masks: [{ ordinal: 1, hideAll: false, shape: { kind: 'rect', left: 'x', top: 0, width: 1, height: 1 } }] })).toMatch(/shape/);
	});
});
