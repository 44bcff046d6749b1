// The one HTML sanitiser: imported HTML (Anki fields) goes through it when it is stored and again
// when it is shown. A small allow-list: text formatting, lists and tables, a hint to unfold,
// ruby readings; no scripts, links, styles, images or event handlers. Images and other media
// become visible placeholders.

import DOMPurify from 'dompurify';

const ALLOWED_TAGS = ['b', 'strong', 'i', 'em', 'u', 's', 'sub', 'sup', 'br', 'p', 'div', 'span', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'hr', 'code', 'pre', 'blockquote', 'h3', 'h4', 'h5', 'h6', 'small', 'mark', 'dl', 'dt', 'dd', 'details', 'summary', 'ruby', 'rt', 'rp'];
const ALLOWED_ATTR = ['class', 'colspan', 'rowspan'];
/** The only class imported HTML may carry: our own cloze highlight. */
const CLASSES = new Set(['cloze']);
const MEDIA = new Set(['IMG', 'AUDIO', 'VIDEO', 'SOURCE', 'OBJECT', 'EMBED', 'PICTURE']);

let ready = false;
function setUp(): void {
	if (ready) return;
	ready = true;
	DOMPurify.addHook('uponSanitizeElement', (node, data) => {
		if (MEDIA.has(node.nodeName) && node.parentNode) {
			const name = (node as Element).getAttribute?.('src')?.split('/').pop() ?? '';
			node.parentNode.replaceChild(node.ownerDocument!.createTextNode(`[${data.tagName === 'img' ? 'image' : 'media'} not imported${name ? `: ${name.slice(0, 80)}` : ''}]`), node);
		}
	});
	DOMPurify.addHook('uponSanitizeAttribute', (_node, data) => {
		if (data.attrName === 'class') data.attrValue = data.attrValue.split(/\s+/).filter((c) => CLASSES.has(c)).join(' ');
	});
}

export function sanitizeHtml(html: string): string {
	setUp();
	return DOMPurify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, KEEP_CONTENT: true, ALLOW_DATA_ATTR: false });
}
