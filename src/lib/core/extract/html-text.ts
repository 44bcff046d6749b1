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

export function htmlToText(html: string): string {
	let out = '';
	let skip: string | null = null;
	let inItem = false;
	// A tag, a comment, or text; scanned left to right (linear, no backtracking).
	const re = /<!--[\s\S]*?(?:-->|$)|<\/?([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>|[^<]+|</g;
	for (let m = re.exec(html); m; m = re.exec(html)) {
		const token = m[0];
		const tag = m[1]?.toLowerCase();
		if (skip) {
			if (tag === skip && token.startsWith('</')) skip = null;
			continue;
		}
		if (token.startsWith('<!--')) continue;
		if (tag) {
			const closing = token.startsWith('</');
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
			continue;
		}
		out += decodeEntities(token.replace(/\s+/g, ' '));
	}
	return out
		.replace(/\*\*\s*\*\*/g, '')
		.replace(/[ \t]+\n/g, '\n')
		.replace(/\n[ \t]+/g, '\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}
