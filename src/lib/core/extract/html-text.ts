// HTML → plain text with its structure kept (headings as "#", list items as "-", paragraphs
// apart). Text only: scripts, styles and every attribute are dropped, nothing is ever run.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…', ge: '≥', le: '≤', deg: '°', micro: 'µ', times: '×' };

export function decodeEntities(s: string): string {
	return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
		if (e[0] === '#') {
			const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
			return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
		}
		return ENTITIES[e.toLowerCase()] ?? m;
	});
}

const BLOCK = /^(p|div|section|article|header|footer|main|aside|blockquote|table|tr|ul|ol|dl|dt|dd|figure|figcaption|pre|hr|br)$/;

const TAG_NAME = /<\/?([a-zA-Z][a-zA-Z0-9-]*)/y;

export function htmlToText(html: string): string {
	let out = '';
	let skip: string | null = null;
	let inItem = false;
	// Scanned left to right, each character looked at a bounded number of times: the next ">" is
	// found once and reused, so a file of unclosed "<a " cannot make this quadratic.
	let gt = -1;
	const text = (t: string) => {
		if (!skip) out += decodeEntities(t.replace(/\s+/g, ' '));
	};
	for (let i = 0; i < html.length; ) {
		const lt = html.indexOf('<', i);
		if (lt < 0) {
			text(html.slice(i));
			break;
		}
		if (lt > i) text(html.slice(i, lt));
		if (html.startsWith('<!--', lt)) {
			const end = html.indexOf('-->', lt + 4);
			i = end < 0 ? html.length : end + 3;
			continue;
		}
		TAG_NAME.lastIndex = lt;
		const name = TAG_NAME.exec(html);
		if (!name) {
			text('<');
			i = lt + 1;
			continue;
		}
		if (gt < lt) gt = html.indexOf('>', lt);
		if (gt < 0) {
			// No ">" anywhere after: what is left is text, not a tag.
			text(html.slice(lt));
			break;
		}
		const token = html.slice(lt, gt + 1);
		i = gt + 1;
		const tag = name[1]!.toLowerCase();
		const closing = token.startsWith('</');
		if (skip) {
			if (tag === skip && closing) skip = null;
			continue;
		}
		if (!closing && (tag === 'script' || tag === 'style' || tag === 'template' || tag === 'noscript' || tag === 'svg' || tag === 'math' || tag === 'iframe' || tag === 'object')) {
			if (!token.endsWith('/>')) skip = tag;
			continue;
		}
		const h = /^h([1-6])$/.exec(tag);
		if (h) {
			out += closing ? '\n\n' : `\n\n${'#'.repeat(Number(h[1]))} `;
		} else if (tag === 'li') {
			if (!closing) {
				out += '\n- ';
				inItem = true;
			} else inItem = false;
		} else if (tag === 'b' || tag === 'strong') {
			out += '**';
		} else if (tag === 'br') {
			out += inItem ? ' ' : '\n';
		} else if (tag === 'td' || tag === 'th') {
			out += closing ? '' : ' | ';
		} else if (BLOCK.test(tag)) {
			out += '\n\n';
		}
	}
	return out
		.replace(/\*\*\s*\*\*/g, '')
		.replace(/[ \t]+\n/g, '\n')
		.replace(/\n[ \t]+/g, '\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}
