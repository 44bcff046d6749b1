// Turning a document into a deck: read it (paste, .txt, .md, .html, .pdf, .docx), correct its
// wording with a term map, extract drafts in a worker, review and edit them, save in one write.

import { MAX_DOCUMENT_CHARS, type Draft, type DroppedDraft, type Extraction } from '$lib/core/extract/types';
import { parseTermMap, suggestTerms, type TermSuggestion } from '$lib/core/extract/terms';
import { toParsedDeck } from '$lib/core/extract/deck-out';
import { looksBinary } from '$lib/core/csv-parse';
import { slug } from '$lib/core/csv-import';
import type { ParsedDeck } from '$lib/core/deck-file';
import type { CardContent } from '$lib/core/model';
import { previewSync, syncDeck } from '$lib/db/decks';
import type { CardRow } from '$lib/db/db';
import { app } from './app.svelte';
import type { ExtractRequest } from '$lib/workers/extract.worker';
import type { ReadDocumentReply, ReadDocumentRequest } from '$lib/workers/document-read';
import { timeNow } from './clock';
import { tooLarge } from '$lib/core/file-size';
import { cardKey } from '$lib/core/sync';

/** Drafts listed at once; more on request (rendering tens of thousands at once froze the tab). */
export const DRAFT_PAGE = 100;

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

const TEXT_EXTENSIONS = ['txt', 'md', 'markdown', 'text'];

/** A document's text, read in a worker (inline where the browser has none). */
function readDocumentText(req: ReadDocumentRequest): Promise<ReadDocumentReply> {
	if (typeof Worker === 'undefined') return import('$lib/workers/document-read').then((m) => m.readDocument(req));
	const worker = new Worker(new URL('../workers/document.worker.ts', import.meta.url), { type: 'module' });
	return new Promise<ReadDocumentReply>((resolve) => {
		worker.onmessage = (e: MessageEvent<ReadDocumentReply>) => resolve(e.data);
		worker.onerror = (e) => resolve({ ok: false, problem: `“${req.file.name}” could not be read (${e.message || 'the reader stopped'}).` });
		worker.postMessage(req);
	}).finally(() => worker.terminate());
}

/** A draft as the learner reviews it: accepted or not, possibly reworded. */
export interface Reviewed extends Draft {
	accepted: boolean;
}

/** For a new edition of a document already imported: cards that changed or vanished, to keep or let go. */
export interface EditionChoice {
	key: string;
	old: CardRow;
	/** The new wording, for a changed card; null for a card that is no longer in the document. */
	next: CardContent | null;
	/** Changed: take the new wording. Vanished: retire it. */
	apply: boolean;
}

type WorkerReply = { id: number; ok: true; result: Extraction; ms: number } | { id: number; ok: false; problem: string };

export class DocumentImport {
	/** The document as read (before the term map). */
	raw = $state('');
	sourceName = $state('');
	terms = $state('');
	problem = $state('');
	busy = $state(false);
	extraction = $state.raw<Extraction | null>(null);
	drafts = $state<Reviewed[]>([]);
	/** Candidates the extractor set aside and the learner has not brought back. */
	dropped = $state.raw<DroppedDraft[]>([]);
	selected = $state<string | null>(null);
	/** How many drafts the screen lists: a long document's thousands come a page at a time. */
	#shown = $state(DRAFT_PAGE);
	title = $state('');
	/** Set when a deck of this name exists: the changes of this edition. */
	edition = $state<EditionChoice[] | null>(null);
	editionCounts = $state<{ added: number; unchanged: number } | null>(null);
	savedDeck = $state<string | null>(null);
	extractMs = $state<number | null>(null);

	suggestions = $derived<TermSuggestion[]>(this.raw ? suggestTerms(this.raw).filter((s) => !this.terms.toLowerCase().includes(`${s.from.toLowerCase()} =>`)) : []);
	termProblems = $derived(parseTermMap(this.terms).problems);
	accepted = $derived(this.drafts.filter((d) => d.accepted));

	#worker: Worker | null = null;
	#request = 0;
	/** Ids of set-aside candidates the learner brought back: they stay drafts when the document is drafted again. */
	#revived = new Set<string>();

	/** Reads a pasted text. */
	async paste(text: string): Promise<void> {
		if (text.length > MAX_DOCUMENT_CHARS) return this.#refuse(`The pasted text is ${(text.length / 1_000_000).toFixed(1)} million characters; DocDeck takes documents of up to ${MAX_DOCUMENT_CHARS / 1_000_000} million characters. Paste a part of it.`);
		if (!text.trim()) return this.#refuse('There is nothing to import: the pasted text is empty.');
		if (looksBinary(text)) return this.#refuse('The pasted text is not readable text.');
		await this.#load(text, 'Pasted text');
	}

	/** Reads a file: text formats as they are (HTML as text only), PDF and DOCX through their readers. */
	async readFile(file: File): Promise<void> {
		const name = file.name;
		const ext = name.toLowerCase().split('.').pop() ?? '';
		if (file.size === 0) return this.#refuse(`“${name}” is empty.`);
		if (file.size > MAX_FILE_BYTES) return this.#refuse(tooLarge(`“${name}”`, file.size, MAX_FILE_BYTES, 'import a part of it.', 'a document'));
		this.busy = true;
		try {
			if (ext === 'pdf') {
				const [{ pdfToText }, { default: workerSrc }] = await Promise.all([import('$lib/doc/pdf'), import('$lib/doc/pdf-worker-url')]);
				const r = await pdfToText(new Uint8Array(await file.arrayBuffer()), { fileName: name, workerSrc });
				return r.ok ? await this.#load(r.text, name) : this.#refuse(r.problem);
			}
			const kind = ext === 'docx' ? 'docx' : ext === 'html' || ext === 'htm' ? 'html' : TEXT_EXTENSIONS.includes(ext) ? 'text' : null;
			if (!kind) return this.#refuse(`“${name}” is not a document DocDeck reads: choose a .txt, .md, .html, .pdf or .docx file.`);
			const r = await readDocumentText({ kind, file });
			if (!r.ok) return this.#refuse(r.problem);
			const body = r.text;
			if (!body.trim()) return this.#refuse(`“${name}” has no text.`);
			if (body.length > MAX_DOCUMENT_CHARS) return this.#refuse(`“${name}” holds more than ${MAX_DOCUMENT_CHARS / 1_000_000} million characters of text; import a part of it.`);
			await this.#load(body, name);
		} finally {
			this.busy = false;
		}
	}

	#refuse(problem: string): void {
		this.problem = problem;
		this.busy = false;
	}

	async #load(text: string, name: string): Promise<void> {
		this.problem = '';
		this.raw = text;
		this.sourceName = name;
		this.savedDeck = null;
		this.edition = null;
		await this.run();
		this.title = this.extraction?.title ?? name;
	}

	addSuggestion(s: TermSuggestion): void {
		this.terms = `${this.terms.trimEnd()}${this.terms.trim() ? '\n' : ''}${s.from} => ${s.to}`;
	}

	/** Extracts (again) in the worker, e.g. after the term map changed. Keeps what the learner edited. */
	async run(): Promise<void> {
		if (!this.raw || this.termProblems.length) return;
		this.busy = true;
		try {
			const reply = await this.#extract({ id: ++this.#request, text: this.raw, terms: this.terms, title: this.sourceName.replace(/\.[^.]+$/, '') });
			if (!reply.ok) {
				this.problem = `The document could not be read into cards: ${reply.problem}`;
				return;
			}
			if (reply.id !== this.#request) return;
			const before = new Map(this.drafts.map((d) => [d.id, d]));
			this.extraction = reply.result;
			this.extractMs = reply.ms;
			this.#shown = DRAFT_PAGE;
			const revived = reply.result.dropped.filter((d) => this.#revived.has(d.id));
			this.drafts = [...reply.result.drafts, ...revived.map(({ dropped: _, ...d }) => d)]
				.sort((a, b) => a.span.start - b.span.start)
				.map((d) => {
					const prev = before.get(d.id);
					return prev ? { ...d, question: prev.question, answer: prev.answer, items: prev.items, accepted: prev.accepted } : { ...d, accepted: true };
				});
			this.dropped = reply.result.dropped.filter((d) => !this.#revived.has(d.id));
			this.selected = null;
			this.edition = null;
		} finally {
			this.busy = false;
		}
	}

	#extract(req: ExtractRequest): Promise<WorkerReply> {
		// The extractor and its language model load only inside the worker: no second copy in the page's code.
		if (typeof Worker === 'undefined') return Promise.resolve({ id: req.id, ok: false as const, problem: 'this browser cannot run the drafting in the background (no Web Worker)' });
		this.#worker ??= new Worker(new URL('../workers/extract.worker.ts', import.meta.url), { type: 'module' });
		const worker = this.#worker;
		return new Promise((resolve) => {
			const onMessage = (e: MessageEvent<WorkerReply>) => {
				if (e.data.id !== req.id) return;
				worker.removeEventListener('message', onMessage);
				resolve(e.data);
			};
			worker.addEventListener('message', onMessage);
			worker.addEventListener('error', (e) => resolve({ id: req.id, ok: false, problem: e.message || 'the extractor stopped' }), { once: true });
			worker.postMessage(req);
		});
	}

	/** Brings a set-aside candidate back as a draft, kept, in its place in the document. */
	revive(id: string): void {
		const d = this.dropped.find((x) => x.id === id);
		if (!d) return;
		this.#revived.add(id);
		this.dropped = this.dropped.filter((x) => x.id !== id);
		const { dropped: _, ...draft } = d;
		const at = this.drafts.findIndex((x) => x.span.start > draft.span.start);
		const next = { ...draft, accepted: true };
		if (at < 0) this.drafts.push(next);
		else this.drafts.splice(at, 0, next);
		this.selected = id;
	}

	setAll(accepted: boolean): void {
		for (const d of this.drafts) d.accepted = accepted;
	}

	/** The deck to save: the accepted drafts (as edited), the whole document as its source. */
	deck(): ParsedDeck | null {
		const ex = this.extraction;
		if (!ex) return null;
		const title = this.title.trim() || ex.title;
		// Plain copies: IndexedDB cannot store the reactive proxies the edited drafts are.
		return toParsedDeck(ex, $state.snapshot(this.accepted) as Reviewed[], { deckId: `doc-${slug(title)}`, title, origin: `Drafted by DocDeck from “${this.sourceName}”.` });
	}

	/**
	 * Before saving: when the deck exists (a new edition of the document), lists the changed and the
	 * vanished cards for the learner to decide; unchanged cards keep their history either way.
	 */
	async prepareSave(): Promise<void> {
		const deck = this.deck();
		if (!deck) return;
		if (!deck.cards.length) {
			this.problem = 'No card is accepted: accept at least one before saving.';
			return;
		}
		const p = await previewSync(app.db, deck);
		if (p.existing && p.existing.origin !== 'imported') {
			this.problem = `A built-in deck is already called “${p.existing.title}”. Choose another title.`;
			return;
		}
		this.problem = '';
		if (!p.existing) {
			await this.save();
			return;
		}
		const old = new Map(p.stored.map((c) => [c.key, c]));
		this.edition = [
			...p.plan.update.filter((c) => old.get(c.key)!.question !== c.question || old.get(c.key)!.answer !== c.answer).map((c) => ({ key: c.key, old: old.get(c.key)!, next: c, apply: true })),
			...p.plan.retire.map((c) => ({ key: c.key, old: old.get(c.key)!, next: null, apply: true }))
		];
		this.editionCounts = { added: p.added, unchanged: p.unchanged };
	}

	/** Saves the deck in one transaction, honouring the learner's choices for a new edition. */
	async save(): Promise<void> {
		const deck = this.deck();
		if (!deck) return;
		const keepOld = new Map(($state.snapshot(this.edition) ?? []).filter((e) => !e.apply).map((e) => [e.key, e.old as CardRow]));
		const cards = deck.cards.map((c) => keepOld.get(cardKey(deck.deck.id, c.id)) ?? c);
		const kept = [...keepOld.values()].filter((c) => !deck.cards.some((d) => d.id === c.id));
		const final: ParsedDeck = { ...deck, cards: [...cards, ...kept].map(({ id, kind, question, answer, items, explanation, section, passage }) => ({ id, kind, question, answer, items, explanation, section, passage })) };
		// A kept card's passage from the earlier edition stays in the source, so it can still be shown.
		if (kept.length) {
			const existing = await import('$lib/db/deck-rows').then((m) => m.getDeck(app.db, deck.deck.id));
			const have = new Set(final.source.passages.map((p) => p.id));
			for (const p of existing?.source.passages ?? []) if (kept.some((c) => c.passage === p.id) && !have.has(p.id)) final.source.passages.push(p);
		}
		this.busy = true;
		try {
			await syncDeck(app.db, final, 'imported', timeNow());
			this.savedDeck = deck.deck.id;
			this.edition = null;
		} finally {
			this.busy = false;
		}
	}

	get shownDrafts(): number {
		return this.#shown;
	}

	/** Lists the next page of drafts. */
	showMoreDrafts(): void {
		this.#shown += DRAFT_PAGE;
	}

	/** Lists drafts far enough to include the one at `index` (e.g. chosen in the document). */
	showDraftAt(index: number): void {
		if (index >= this.#shown) this.#shown = (Math.floor(index / DRAFT_PAGE) + 1) * DRAFT_PAGE;
	}

	dispose(): void {
		this.#worker?.terminate();
		this.#worker = null;
	}
}
