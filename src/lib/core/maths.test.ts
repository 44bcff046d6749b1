import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hasMaths, mathsPieces, replaceMaths } from './maths';

const pieces = (html: string) => mathsPieces(html).map((p) => [p.tex, p.display]);

describe('maths in card HTML', () => {
	it('finds MathJax and LaTeX markers, inline and display, with their source as text', () => {
		expect(pieces('GFR \\(= \\frac{U_x V}{P_x}\\) and \\[C_{in} &lt; C_{cr}\\]')).toEqual([
			['= \\frac{U_x V}{P_x}', false],
			['C_{in} < C_{cr}', true]
		]);
		expect(pieces('[$]Na^+[/$] then [$$]\\sum_i x_i[/$$]')).toEqual([
			['Na^+', false],
			['\\sum_i x_i', true]
		]);
		expect(pieces('[latex]$pH = pK_a + \\log\\frac{[A^-]}{[HA]}$[/latex]')).toEqual([['pH = pK_a + \\log\\frac{[A^-]}{[HA]}', false]]);
		expect(pieces('[latex]\\begin{equation}E = mc^2\\end{equation}[/latex]')).toEqual([['E = mc^2', true]]);
		expect(pieces('[latex]The anion gap is $Na - (Cl + HCO_3)$[/latex]')).toEqual([['\\text{The anion gap is $Na - (Cl + HCO_3)$}', false]]);
		expect(pieces('\\(a<br>+ b\\)')).toEqual([['a + b', false]]);
	});

	it('leaves alone what is not maths, or crosses other markup', () => {
		expect(hasMaths('A plain card about [brackets] and $5 fees')).toBe(false);
		expect(hasMaths('<b>\\(x</b>\\)')).toBe(false);
		expect(hasMaths('\\(\\)')).toBe(false);
		expect(hasMaths('\\(x\\)')).toBe(true);
	});

	it('replaces each piece in place, keeping its source where it cannot be drawn', () => {
		const html = 'K<sup>+</sup> \\(x^2\\) and \\(\\bad\\) end';
		expect(replaceMaths(html, (tex) => (tex === 'x^2' ? '<math><msup><mi>x</mi><mn>2</mn></msup></math>' : null))).toBe('K<sup>+</sup> <math><msup><mi>x</mi><mn>2</mn></msup></math> and \\(\\bad\\) end');
	});

	it('never cuts markup apart: what is outside the pieces is kept byte for byte', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom('\\(', '\\)', '\\[', '\\]', '[$]', '[/$]', '[latex]', '[/latex]', '<b>', '</b>', '<br>', 'x', ' ', '&lt;')), (parts) => {
				const html = parts.join('');
				const out = replaceMaths(html, () => '\u0000');
				return out.replace(/\u0000/g, '').length <= html.length && (out.match(/<b>|<\/b>/g) ?? []).length === (html.match(/<b>|<\/b>/g) ?? []).length;
			})
		);
	});
});
