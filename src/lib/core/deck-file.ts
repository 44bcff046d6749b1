// deck.md + source.md text → { deck, source, cards, problems }. The one parser of the deck format:
// the app (bundled decks), the build check and the `cards` command line all go through it.
// The format is described for authors in cards/README.md.

import { CARD_KINDS, CLOZE_BLANK } from './model.ts';

export { CLOZE_BLANK };
import type { CardContent, CardKind, DeckMeta, Passage, Problem, SourceDoc } from './model.ts';

export interface DeckFiles {
	/** Name of the deck file as it should appear in messages, e.g. cards/nephrotic-syndrome/deck.md */
	deckFile: string;
	deckText: string;
	sourceFile: string;
	sourceText: string;
}

export interface ParsedDeck {
	deck: DeckMeta;
	source: SourceDoc;
	cards: CardContent[];
	problems: Problem[];
}

const ID = /^[a-z0-9][a-z0-9-]*$/;
const FIELD = /^(kind|passage|Q|A|Cloze|Note|Accept|Distractors):(.*)$/;

interface FrontMatter {
	values: Map<string, { value: string; line: number }>;
	/** Index of the first line after the front matter. */
	bodyStart: number;
}

function readFrontMatter(lines: string[], file: string, problems: Problem[]): FrontMatter {
	const values = new Map<string, { value: string; line: number }>();
	if (lines[0]?.trim() !== '---') {
		problems.push({ file, line: 1, message: 'the file must start with a front matter block opened by "---"' });
		return { values, bodyStart: 0 };
	}
	for (let i = 1; i < lines.length; i++) {
		const line = lines[i] ?? '';
		if (line.trim() === '---') return { values, bodyStart: i + 1 };
		if (line.trim() === '') continue;
		const m = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
		if (!m) {
			problems.push({ file, line: i + 1, message: `front matter line is not "key: value": ${JSON.stringify(line)}` });
			continue;
		}
		values.set(m[1]!, { value: m[2]!.trim(), line: i + 1 });
	}
	problems.push({ file, line: 1, message: 'the front matter block is never closed with "---"' });
	return { values, bodyStart: lines.length };
}

function splitLines(text: string): string[] {
	return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

/** Parses a source.md: front matter (title, origin), `#` section headings, `{#id}` passages. */
export function parseSource(text: string, file: string): { source: SourceDoc; problems: Problem[]; lines: Map<string, number> } {
	const problems: Problem[] = [];
	const lines = splitLines(text);
	const fm = readFrontMatter(lines, file, problems);
	const title = fm.values.get('title')?.value ?? '';
	if (!title) problems.push({ file, line: 1, message: 'front matter has no "title"' });
	const passages: Passage[] = [];
	const passageLines = new Map<string, number>();
	let section = '';
	let current: { id: string; line: number; parts: string[]; notes: string[] } | null = null;

	const close = () => {
		if (!current) return;
		const body = current.parts.join(' ').replace(/\s+/g, ' ').trim();
		const note = current.notes.join(' ').replace(/\s+/g, ' ').trim();
		if (!body) problems.push({ file, line: current.line, message: `passage "${current.id}" has no text` });
		passages.push({ id: current.id, section, text: body, ...(note ? { note } : {}) });
		current = null;
	};

	for (let i = fm.bodyStart; i < lines.length; i++) {
		const raw = lines[i] ?? '';
		const line = raw.trim();
		const n = i + 1;
		if (line === '') {
			close();
			continue;
		}
		const heading = /^#{1,6}\s+(.*)$/.exec(line);
		if (heading) {
			close();
			section = heading[1]!.trim();
			continue;
		}
		const start = /^\{#([^}]*)\}\s*(.*)$/.exec(line);
		if (start) {
			close();
			const id = start[1]!.trim();
			if (!ID.test(id)) {
				problems.push({ file, line: n, message: `passage id "${id}" must be lower-case letters, digits and hyphens` });
			} else if (passageLines.has(id)) {
				problems.push({ file, line: n, message: `passage id "${id}" is used twice (first on line ${passageLines.get(id)})` });
			}
			if (!section) problems.push({ file, line: n, message: `passage "${id}" comes before any "#" section heading` });
			if (!passageLines.has(id)) passageLines.set(id, n);
			current = { id, line: n, parts: [start[2]!], notes: [] };
			continue;
		}
		if (!current) {
			problems.push({ file, line: n, message: 'text outside a passage: start the paragraph with a passage id such as "{#causes-1}"' });
			continue;
		}
		// "> " lines end a passage with an editor's note, kept apart from the document's words.
		const noteLine = /^>\s?(.*)$/.exec(line);
		if (noteLine) current.notes.push(noteLine[1]!);
		else if (current.notes.length) problems.push({ file, line: n, message: `passage "${current.id}": text after its "> " note; put the note's lines last` });
		else current.parts.push(line);
	}
	close();
	if (passages.length === 0) problems.push({ file, line: 1, message: 'the source has no passages' });
	return { source: { title, origin: fm.values.get('origin')?.value ?? '', passages }, problems, lines: passageLines };
}

interface RawCard {
	id: string;
	line: number;
	section: string;
	fields: Map<string, { line: number; lines: string[] }>;
}

/** Turns a cloze sentence into its question (blanks shown) and answer (the whole sentence). */
export function clozeParts(text: string): { question: string; answer: string; blanks: string[] } {
	// A plain scan (not a lazy regex, which is quadratic on a hostile "{{{{…" with no "}}").
	const blanks: string[] = [];
	let question = '';
	let answer = '';
	let at = 0;
	for (;;) {
		const open = text.indexOf('{{', at);
		const close = open < 0 ? -1 : text.indexOf('}}', open + 2);
		if (open < 0 || close < 0) break;
		// As the regex /\{\{(.+?)\}\}/ would: the blank holds at least one character.
		const end = close === open + 2 ? text.indexOf('}}', open + 3) : close;
		if (end < 0) break;
		const inner = text.slice(open + 2, end).trim();
		blanks.push(inner);
		question += text.slice(at, open) + CLOZE_BLANK;
		answer += text.slice(at, open) + inner;
		at = end + 2;
	}
	return { question: question + text.slice(at), answer: answer + text.slice(at), blanks };
}

const LIST_ITEM = /^(?:[-*•]|\d+[.)])\s+(.*)$/;

function fieldText(lines: string[]): string {
	return lines
		.join('\n')
		.split(/\n\s*\n/)
		.map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
		.filter(Boolean)
		.join('\n\n');
}

/**
 * An `Accept:` or `Distractors:` field: one entry on the field's own line, or one per "- " line
 * below it. Every entry must be non-empty and different from the others.
 */
function entryList(lines: string[]): { values: string[]; problem?: string } {
	const values: string[] = [];
	const first = lines[0]?.trim() ?? '';
	if (first) values.push(first);
	for (const l of lines.slice(1)) {
		const t = l.trim();
		if (!t) continue;
		const m = /^[-*•]\s+(.*)$/.exec(t);
		if (!m) return { values, problem: `lines must each start with "- " (found ${JSON.stringify(t)})` };
		values.push(m[1]!.trim());
	}
	if (values.length === 0) return { values, problem: 'is empty' };
	const seen = new Set<string>();
	for (const v of values) {
		const k = v.toLowerCase();
		if (seen.has(k)) return { values, problem: `lists ${JSON.stringify(v)} twice` };
		seen.add(k);
	}
	return { values };
}

function buildCard(raw: RawCard, file: string, problems: Problem[]): CardContent | null {
	const at = (key: string) => raw.fields.get(key);
	const report = (line: number, message: string) => problems.push({ file, line, message: `card "${raw.id}": ${message}` });
	const kindField = at('kind');
	const kind = kindField ? fieldText(kindField.lines) : '';
	if (!kindField) {
		report(raw.line, `has no "kind:" line (one of ${CARD_KINDS.join(', ')})`);
		return null;
	}
	if (!(CARD_KINDS as readonly string[]).includes(kind)) {
		report(kindField.line, `kind "${kind}" is not one of ${CARD_KINDS.join(', ')}`);
		return null;
	}
	const passageField = at('passage');
	const passage = passageField ? fieldText(passageField.lines) : '';
	if (!passage) report(passageField?.line ?? raw.line, 'has no "passage:" naming the source passage it comes from');
	const note = at('Note');
	const explanation = note ? fieldText(note.lines) : '';
	const extras: Pick<CardContent, 'accept' | 'distractors'> = {};
	for (const [name, key] of [['Accept', 'accept'], ['Distractors', 'distractors']] as const) {
		const f = at(name);
		if (!f) continue;
		const entries = entryList(f.lines);
		if (entries.problem) report(f.line, `"${name}:" ${entries.problem}`);
		else if (name === 'Accept' && (kind === 'list' || kind === 'steps')) report(f.line, `"Accept:" is for basic and cloze cards; a ${kind} card's items are graded one by one`);
		else extras[key] = entries.values;
	}
	const base = { id: raw.id, kind: kind as CardKind, explanation, section: raw.section, passage, ...extras };
	let ok = !!passage;

	if (kind === 'cloze') {
		for (const k of ['Q', 'A']) {
			const f = at(k);
			if (f) report(f.line, `a cloze card takes its question and answer from "Cloze:", so "${k}:" does not belong here`);
		}
		const cloze = at('Cloze');
		const text = cloze ? fieldText(cloze.lines) : '';
		if (!cloze || !text) {
			report(cloze?.line ?? raw.line, 'a cloze card needs a "Cloze:" sentence with the hidden words in {{double braces}}');
			return null;
		}
		const parts = clozeParts(text);
		if (parts.blanks.length === 0) {
			report(cloze.line, 'the "Cloze:" sentence has no {{hidden words}}');
			return null;
		}
		if (parts.blanks.some((b) => b === '')) {
			report(cloze.line, 'the "Cloze:" sentence has an empty {{}}');
			return null;
		}
		if (/\{\{|\}\}/.test(parts.answer)) {
			report(cloze.line, 'the "Cloze:" sentence has an unmatched "{{" or "}}"');
			return null;
		}
		return ok ? { ...base, question: parts.question, answer: parts.answer, items: [] } : null;
	}

	const cloze = at('Cloze');
	if (cloze) report(cloze.line, `"Cloze:" belongs only on cloze cards, not on a ${kind} card`);
	const q = at('Q');
	const question = q ? fieldText(q.lines) : '';
	if (!question) {
		report(q?.line ?? raw.line, 'has an empty question ("Q:")');
		ok = false;
	}
	const a = at('A');
	if (!a) {
		report(raw.line, 'has no answer ("A:")');
		return null;
	}
	if (kind === 'basic') {
		const answer = fieldText(a.lines);
		if (!answer) {
			report(a.line, 'has an empty answer ("A:")');
			return null;
		}
		return ok ? { ...base, question, answer, items: [] } : null;
	}

	// list and steps: the answer is a list of items, one per line.
	const items: string[] = [];
	let lead = '';
	let itemLine = a.line;
	a.lines.forEach((l, k) => {
		const t = l.trim();
		if (!t) return;
		const m = LIST_ITEM.exec(t);
		if (m) {
			items.push(m[1]!.trim());
			itemLine = a.line + k;
		} else if (items.length > 0) {
			items[items.length - 1] += ' ' + t;
		} else {
			lead += (lead ? ' ' : '') + t;
		}
	});
	if (lead) report(a.line, `the answer of a ${kind} card is a list of lines starting with "-" (or "1." for steps), not "${lead}"`);
	if (items.length < 2) {
		report(itemLine, `a ${kind} card needs at least two items in its answer`);
		return null;
	}
	const answer = kind === 'steps' ? items.map((it, k) => `${k + 1}. ${it}`).join('\n') : items.map((it) => `• ${it}`).join('\n');
	return ok && !lead ? { ...base, question, answer, items } : null;
}

/** Parses a deck.md: front matter (id, title, description), `#` sections, `## card-id` cards. */
export function parseDeckText(text: string, file: string): { deck: DeckMeta; cards: CardContent[]; problems: Problem[]; cardLines: Map<string, number> } {
	const problems: Problem[] = [];
	const lines = splitLines(text);
	const fm = readFrontMatter(lines, file, problems);
	const id = fm.values.get('id');
	const title = fm.values.get('title')?.value ?? '';
	if (!id?.value) problems.push({ file, line: 1, message: 'front matter has no "id"' });
	else if (!ID.test(id.value)) problems.push({ file, line: id.line, message: `deck id "${id.value}" must be lower-case letters, digits and hyphens` });
	if (!title) problems.push({ file, line: 1, message: 'front matter has no "title"' });
	const deck: DeckMeta = { id: id?.value ?? '', title, description: fm.values.get('description')?.value ?? '' };

	const raws: RawCard[] = [];
	const cardLines = new Map<string, number>();
	let section = '';
	let card: RawCard | null = null;
	let field: { line: number; lines: string[] } | null = null;

	for (let i = fm.bodyStart; i < lines.length; i++) {
		const raw = lines[i] ?? '';
		const line = raw.trim();
		const n = i + 1;
		const sec = /^#\s+(.*)$/.exec(line);
		if (sec) {
			section = sec[1]!.trim();
			card = null;
			field = null;
			continue;
		}
		const head = /^##\s+(.*)$/.exec(line);
		if (head) {
			const cid = head[1]!.trim();
			field = null;
			if (!ID.test(cid)) problems.push({ file, line: n, message: `card id "${cid}" must be lower-case letters, digits and hyphens` });
			else if (cardLines.has(cid)) problems.push({ file, line: n, message: `card id "${cid}" is used twice (first on line ${cardLines.get(cid)})` });
			if (!section) problems.push({ file, line: n, message: `card "${cid}" comes before any "#" section heading` });
			if (!cardLines.has(cid)) cardLines.set(cid, n);
			card = { id: cid, line: n, section, fields: new Map() };
			raws.push(card);
			continue;
		}
		if (/^#{3,}\s/.test(line)) {
			problems.push({ file, line: n, message: 'only "#" (section) and "##" (card id) headings are used in a deck file' });
			continue;
		}
		const f = FIELD.exec(raw);
		if (f) {
			if (!card) {
				problems.push({ file, line: n, message: `"${f[1]}:" appears before any "## card-id" heading` });
				continue;
			}
			if (card.fields.has(f[1]!)) {
				problems.push({ file, line: n, message: `card "${card.id}": "${f[1]}:" appears twice` });
				field = null;
				continue;
			}
			field = { line: n, lines: [f[2]!] };
			card.fields.set(f[1]!, field);
			continue;
		}
		if (line === '') {
			field?.lines.push('');
			continue;
		}
		// An unindented "Word:" line is meant as a field; a misspelt one must not vanish into the
		// field above. (Indent a continuation line that starts with "Word:".)
		const looksLikeField = /^([A-Za-z]+):/.exec(raw);
		if (field && !looksLikeField) {
			field.lines.push(raw);
			continue;
		}
		problems.push({
			file,
			line: n,
			message: looksLikeField
				? `unknown field "${looksLikeField[1]}:" (use kind, passage, Q, A, Cloze, Note, Accept or Distractors)`
				: card
					? `card "${card.id}": text outside a field`
					: 'text outside a card: cards start with a "## card-id" heading'
		});
	}

	const seen = new Set<string>();
	const cards: CardContent[] = [];
	for (const r of raws) {
		const c = buildCard(r, file, problems);
		if (c && !seen.has(c.id)) {
			seen.add(c.id);
			cards.push(c);
		}
	}
	if (raws.length === 0) problems.push({ file, line: 1, message: 'the deck has no cards' });
	return { deck, cards, problems, cardLines };
}

/** Parses a deck folder's two files and checks that every card's passage exists in the source. */
export function parseDeck(files: DeckFiles): ParsedDeck {
	const d = parseDeckText(files.deckText, files.deckFile);
	const s = parseSource(files.sourceText, files.sourceFile);
	const problems = [...d.problems, ...s.problems];
	for (const c of d.cards) {
		if (c.passage && !s.lines.has(c.passage)) {
			problems.push({
				file: files.deckFile,
				line: d.cardLines.get(c.id) ?? 1,
				message: `card "${c.id}": passage "${c.passage}" is not in ${files.sourceFile}`
			});
		}
	}
	problems.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
	return { deck: d.deck, source: s.source, cards: d.cards, problems };
}

export function formatProblem(p: Problem): string {
	return `${p.file}:${p.line}: ${p.message}`;
}
