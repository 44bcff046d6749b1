// Maths drawn as MathML, offline: TeX from a card (see $lib/core/maths) through temml, which
// writes MathML without any network or eval, and each piece through the MathML allow-list of the
// sanitiser. Loaded only when a face has maths.

import temml from 'temml';
import { replaceMaths } from '$lib/core/maths';
import { sanitizeMathml } from './sanitize';

/** Most macro expansions in one piece (a hostile `\def` loop stops here). */
const MAX_EXPAND = 500;

function draw(tex: string, display: boolean): string | null {
	try {
		// trust: false refuses \href, \url, \includegraphics and the HTML extensions.
		const mathml = temml.renderToString(tex, { displayMode: display, throwOnError: true, trust: false, maxExpand: MAX_EXPAND, annotate: false, xml: false });
		const safe = sanitizeMathml(mathml);
		return /^<math[\s>]/.test(safe) ? safe : null;
	} catch {
		// Source that is not TeX temml reads stays as the learner wrote it.
		return null;
	}
}

/** Sanitised card HTML with its maths drawn. */
export function withMaths(safeHtml: string): string {
	return replaceMaths(safeHtml, draw);
}
