// An extraction written as a deck folder (source.md + deck.md) in the format `cards -- check`
// reads, and as the parsed deck the app stores. Both come from one function, so they agree.

import { slug } from '../csv-import.ts';
import { extractBlank } from '../quiz/choice.ts';
import type { ParsedDeck } from '../deck-file.ts';
import type { CardContent } from '../model.ts';
import type { Draft, Extraction } from './types.ts';

/** Text on one line, with nothing that would read as a cloze mark. */
const flat = (s: string) => s.replace(/\s+/g, ' ').replace(/\{\{/g, '{ {').replace(/\}\}/g, '} }');
const oneLine = (s: string) => flat(s).trim();

/** The accepted drafts as a deck, with the whole document as its source. */
export function toParsedDeck(ex: Extraction, drafts: Draft[], opts: { deckId?: string; title?: string; description?: string; origin: string }): ParsedDeck {
	const title = opts.title?.trim() || ex.title;
	const id = opts.deckId || slug(title);
	const ids = new Set<string>();
	const cards: CardContent[] = drafts.map((d) => {
		let cid = d.id;
		for (let n = 2; ids.has(cid); n++) cid = `${d.id}-${n}`;
		ids.add(cid);
		return { id: cid, kind: d.kind, question: d.question, answer: d.answer, items: d.items, explanation: d.explanation, section: d.section, passage: d.passage };
	});
	return {
		deck: { id, title, description: opts.description ?? `Cards drafted from “${ex.title}”.` },
		source: { title: ex.title, origin: opts.origin, passages: ex.passages.map((p) => ({ id: p.id, section: p.section, text: p.text })) },
		cards,
		problems: []
	};
}

/** The deck folder's two files. */
export function writeDeckFiles(deck: ParsedDeck): { deckText: string; sourceText: string } {
	const src: string[] = ['---', `title: ${oneLine(deck.source.title)}`, `origin: ${oneLine(deck.source.origin)}`, '---'];
	let section: string | null = null;
	for (const p of deck.source.passages) {
		if (p.section !== section) {
			section = p.section;
			src.push('', `# ${oneLine(section) || 'Document'}`);
		}
		src.push('', `{#${p.id}} ${oneLine(p.text)}`);
	}
	const out: string[] = ['---', `id: ${deck.deck.id}`, `title: ${oneLine(deck.deck.title)}`, `description: ${oneLine(deck.deck.description)}`, '---'];
	section = null;
	for (const c of deck.cards) {
		if (c.section !== section) {
			section = c.section;
			out.push('', `# ${oneLine(section) || 'Cards'}`);
		}
		out.push('', `## ${c.id}`, `kind: ${c.kind}`, `passage: ${c.passage}`);
		if (c.kind === 'cloze') {
			const blank = extractBlank(c.question, c.answer);
			const at = blank ? c.question.indexOf('[…]') : -1;
			out.push(`Cloze: ${flat(c.answer.slice(0, at)).trimStart()}{{${oneLine(blank ?? '')}}}${flat(c.answer.slice(at + (blank?.length ?? 0))).trimEnd()}`);
		} else if (c.kind === 'list' || c.kind === 'steps') {
			out.push(`Q: ${oneLine(c.question)}`, 'A:', ...c.items.map((it, i) => `${c.kind === 'steps' ? `${i + 1}.` : '-'} ${oneLine(it)}`));
		} else {
			out.push(`Q: ${oneLine(c.question)}`, `A: ${oneLine(c.answer)}`);
		}
		if (c.explanation) out.push(`Note: ${oneLine(c.explanation)}`);
	}
	return { deckText: out.join('\n') + '\n', sourceText: src.join('\n') + '\n' };
}
