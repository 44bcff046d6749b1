// The one HTML sanitiser: imported HTML (Anki fields) goes through it when it is stored and again
// when it is shown. A small allow-list: text formatting, lists and tables, a hint to unfold,
// ruby readings, and images of the deck's own media files; no scripts, links, styles or event
// handlers, and nothing loaded from anywhere else. Other media become visible placeholders.

import DOMPurify from 'dompurify';
import { plainMediaName } from '$lib/core/anki/media';

const ALLOWED_TAGS = ['b', 'strong', 'i', 'em', 'u', 's', 'sub', 'sup', 'br', 'p', 'div', 'span', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'hr', 'code', 'pre', 'blockquote', 'h3', 'h4', 'h5', 'h6', 'small', 'mark', 'dl', 'dt', 'dd', 'details', 'summary', 'ruby', 'rt', 'rp', 'img'];
const ALLOWED_ATTR = ['class', 'colspan', 'rowspan', 'src', 'alt'];
/** The only classes imported HTML may carry: our own cloze highlight and hint. */
const CLASSES = new Set(['cloze', 'hint']);
const MEDIA = new Set(['AUDIO', 'VIDEO', 'SOURCE', 'OBJECT', 'EMBED', 'PICTURE']);
/** Small images written into the HTML itself, in formats that cannot carry script. */
const INLINE_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]+$/i;

/**
 * How images are treated: `keep` (when storing) keeps those naming a file of the package;
 * a function (when showing) gives the object URL of such a file, or null when it is not here.
 * Without either, every image becomes a placeholder.
 */
export type MediaMode = 'keep' | ((name: string) => string | null) | undefined;

let mode: MediaMode;
let ready = false;

function placeholder(node: Element, kind: string, name: string) {
	node.parentNode?.replaceChild(node.ownerDocument.createTextNode(`[${kind}${name ? `: ${name.slice(0, 80)}` : ''}]`), node);
}

function setUp(): void {
	if (ready) return;
	ready = true;
	DOMPurify.addHook('uponSanitizeElement', (node, data) => {
		if (!(node instanceof Element) || !node.parentNode) return;
		const src = node.getAttribute('src') ?? '';
		if (MEDIA.has(node.nodeName)) return placeholder(node, 'media not imported', src.split('/').pop() ?? '');
		if (data.tagName !== 'img') return;
		if (INLINE_IMAGE.test(src)) return;
		const name = plainMediaName(src);
		if (!name || mode === undefined) return placeholder(node, 'image not imported', name ?? src.split('/').pop() ?? '');
		if (typeof mode === 'function' && !mode(name)) return placeholder(node, 'image not found', name);
	});
	DOMPurify.addHook('uponSanitizeAttribute', (_node, data) => {
		if (data.attrName === 'class') data.attrValue = data.attrValue.split(/\s+/).filter((c) => CLASSES.has(c)).join(' ');
	});
	DOMPurify.addHook('afterSanitizeAttributes', (node) => {
		if (node.nodeName !== 'IMG' || typeof mode !== 'function') return;
		const name = plainMediaName(node.getAttribute('src') ?? '');
		const url = name ? mode(name) : null;
		if (url) {
			node.setAttribute('src', url);
			if (!node.hasAttribute('alt')) node.setAttribute('alt', '');
		}
	});
}

/**
 * MathML as the maths renderer writes it (never MathML from a card's own HTML, which
 * `sanitizeHtml` removes): presentation elements and their layout attributes only. No
 * `annotation-xml`, `maction`, links, styles, classes or events.
 */
const MATHML_TAGS = ['math', 'semantics', 'annotation', 'mrow', 'mi', 'mn', 'mo', 'ms', 'mtext', 'mspace', 'msup', 'msub', 'msubsup', 'mfrac', 'msqrt', 'mroot', 'mover', 'munder', 'munderover', 'mtable', 'mtr', 'mtd', 'mlabeledtr', 'mstyle', 'mpadded', 'mphantom', 'menclose', 'mmultiscripts', 'mprescripts', 'none', 'merror'];
const MATHML_ATTR = ['display', 'displaystyle', 'scriptlevel', 'mathvariant', 'mathsize', 'fence', 'form', 'stretchy', 'symmetric', 'largeop', 'movablelimits', 'accent', 'accentunder', 'separator', 'lspace', 'rspace', 'minsize', 'maxsize', 'linethickness', 'width', 'height', 'depth', 'voffset', 'notation', 'columnalign', 'rowalign', 'columnspacing', 'rowspacing', 'columnlines', 'rowlines', 'frame', 'framespacing', 'equalrows', 'equalcolumns', 'columnspan', 'rowspan', 'encoding'];

/** One piece of rendered maths, made safe: MathML elements alone, nothing that runs or loads. */
export function sanitizeMathml(mathml: string): string {
	setUp();
	mode = undefined;
	return DOMPurify.sanitize(mathml, { ALLOWED_TAGS: MATHML_TAGS, ALLOWED_ATTR: MATHML_ATTR, KEEP_CONTENT: true, ALLOW_DATA_ATTR: false, ALLOW_ARIA_ATTR: false });
}

export function sanitizeHtml(html: string, media?: MediaMode): string {
	setUp();
	mode = media;
	try {
		return DOMPurify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, KEEP_CONTENT: true, ALLOW_DATA_ATTR: false });
	} finally {
		mode = undefined;
	}
}
