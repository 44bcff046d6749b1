// The one module that imports the language library (wink-nlp with its English "lite web" model,
// both npm packages: the model is JavaScript data, nothing is downloaded at run time). It tags a
// stretch of text with parts of speech (Universal Dependencies tags) and lemmas, with each
// token's offsets, so the extractor can find subjects, verbs and noun phrases and build questions
// from them. Pure: the same text always gives the same tokens; runs in the worker and in Node.

import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export type Pos = 'ADJ' | 'ADP' | 'ADV' | 'AUX' | 'CCONJ' | 'DET' | 'INTJ' | 'NOUN' | 'NUM' | 'PART' | 'PRON' | 'PROPN' | 'PUNCT' | 'SCONJ' | 'SYM' | 'VERB' | 'X' | 'SPACE';

export interface Token {
	text: string;
	/** Lower case. */
	lower: string;
	lemma: string;
	pos: Pos;
	/** Offsets into the text given to `tag`. */
	start: number;
	end: number;
}

let engine: ReturnType<typeof winkNLP> | null = null;
const nlp = () => (engine ??= winkNLP(model, ['sbd', 'pos']));

/** Verbs the model often reads as nouns after "which", "that", "it" or a plural subject. */
const VERBISH = /^(?:leads?|causes?|results?|releases?|buffers?|reabsorbs?|secretes?|binds?|forms?|activates?|increases?|decreases?|reduces?|raises?|lowers?|promotes?|induces?|produces?|stimulates?|damages?|injures?|drives?|blocks?|inhibits?|excretes?|filters?|needs?|shows?|reacts?|deposits?|widens?|thickens?|clots?|joins?|carries?|wraps?|obstructs?|clears?|moves?|removes?|triggers?|protects?|relaxes?|restores?|transmits?|stretches?|speeds?|lasts?|persists?|rises?|falls?|peaks?|starts?|begins?|means?|refers?|stays?|remains?)$/;
const SUBJECT_MARK = new Set(['which', 'that', 'it', 'who', 'they', 'this']);

// One extraction tags the same short strings (a topic, a heading, a question) many times over.
const memo = new Map<string, Token[]>();
const MEMO_MAX = 20_000;

/**
 * The sentences tagged last: a detector asks for a clause, a subject or an object of the sentence it
 * reads, and those are read from the sentence's own tokens (tagged once, in their context) rather
 * than tagged again.
 */
const hosts: { text: string; toks: Token[] }[] = [];
/** The model's uncorrected tokens of every long stretch tagged, for `hosts`. */
const raws = new Map<string, Token[]>();
const HOSTS = 8;
const HOST_MIN = 40;

/** Forgets what earlier documents were tagged as (called at the start of each extraction). */
export function forgetTags(): void {
	memo.clear();
	raws.clear();
	hosts.length = 0;
}

/** Tags a stretch of text: tokens with their part of speech, lemma and offsets. Do not change the tokens returned. */
export function tag(text: string): Token[] {
	const known = memo.get(text);
	if (known) {
		if (text.length >= HOST_MIN) host(text);
		return known;
	}
	const toks = fromHost(text) ?? tagNow(text);
	if (memo.size >= MEMO_MAX) memo.clear();
	memo.set(text, toks);
	return toks;
}

/** A stretch that lies inside a sentence tagged just before, on token boundaries: the sentence's tokens for it. */
function fromHost(text: string): Token[] | null {
	if (text.length < 2) return null;
	for (const h of hosts) {
		const at = h.text.indexOf(text);
		if (at < 0) continue;
		const end = at + text.length;
		const first = h.toks.findIndex((t) => t.start >= at);
		if (first < 0 || h.toks[first]!.start !== at) continue;
		let last = first;
		while (last < h.toks.length && h.toks[last]!.end <= end) last++;
		if (h.toks[last - 1]?.end !== end || (h.toks[last] && h.toks[last]!.start < end)) continue;
		// A stretch that opens on a verb in its sentence ("so factor VIII …") is read afresh: the word before swayed the model.
		if (h.toks[first]!.pos === 'VERB') return null;
		return corrected(h.toks.slice(first, last).map((t) => ({ ...t, start: t.start - at, end: t.end - at })));
	}
	return null;
}

/** The model's own tokens for a stretch, before any correction. */
function modelTags(text: string): Token[] {
	const its = nlp().its;
	const doc = nlp().readDoc(text);
	// The model's typings and the library's disagree on the lemma helper's signature; both are strings out.
	const column = (f: unknown) => doc.tokens().out(f as never) as unknown as string[];
	const values = column(its.value);
	const pos = column(its.pos);
	const lemmas = column(its.lemma);
	const out: Token[] = [];
	let at = 0;
	values.forEach((v, i) => {
		const found = text.indexOf(v, at);
		const start = found < 0 ? at : found;
		const end = found < 0 ? at : found + v.length;
		at = end;
		const lower = v.toLowerCase();
		out.push({ text: v, lower, lemma: (lemmas[i] ?? lower).toLowerCase(), pos: (pos[i] ?? 'X') as Pos, start, end });
	});
	return out;
}

function tagNow(text: string): Token[] {
	const raw = modelTags(text);
	if (text.length >= HOST_MIN && raw.length) {
		if (raws.size >= MEMO_MAX) raws.clear();
		raws.set(text, raw);
		host(text);
	}
	return corrected(raw.map((t) => ({ ...t })));
}

/** Puts a sentence tagged before at the head of the hosts: what is asked next is likely inside it. */
function host(text: string): void {
	if (hosts[0]?.text === text) return;
	const toks = raws.get(text);
	if (!toks) return;
	const at = hosts.findIndex((h) => h.text === text);
	if (at >= 0) hosts.splice(at, 1);
	hosts.unshift({ text, toks });
	if (hosts.length > HOSTS) hosts.pop();
}

/** Small, fixed corrections where the lite model is known to slip on clinical prose; they read the whole stretch, so they run on each stretch asked for. */
function corrected(out: Token[]): Token[] {
	// Small, fixed corrections where the lite model is known to slip on clinical prose.
	const hasVerb = out.some((t) => t.pos === 'VERB' || t.pos === 'AUX');
	for (let i = 0; i < out.length; i++) {
		const t = out[i]!;
		const prev = out[i - 1];
		if (t.pos === 'NOUN' && VERBISH.test(t.lower) && prev && (SUBJECT_MARK.has(prev.lower) || prev.pos === 'CCONJ' && out.slice(0, i).some((x) => x.pos === 'VERB'))) {
			t.pos = 'VERB';
			t.lemma = t.lower.replace(/ies$/, 'y').replace(/(ch|sh|ss|x)es$/, '$1').replace(/s$/, '');
		}
		// "Bone buffers the excess …": with no verb anywhere, a plural noun between a noun and a determiner is the verb.
		const next = out[i + 1];
		if (!hasVerb && t.pos === 'NOUN' && /s$/.test(t.lower) && prev && /^(NOUN|PROPN)$/.test(prev.pos) && next && next.pos === 'DET') {
			t.pos = 'VERB';
			t.lemma = t.lower.replace(/s$/, '');
		}
		// "low renal perfusion": an adjective read as a verb before an adjective or noun, after "to".
		if (t.pos === 'VERB' && prev && prev.lower === 'to' && /^(low|high|poor|reduced|increased|decreased)$/.test(t.lower)) t.pos = 'ADJ';
		// A capitalised first word of a sentence is rarely a proper name in clinical prose.
		if (t.pos === 'PROPN' && i === 0 && /^[A-Z][a-z]+$/.test(t.text) && out[1] && out[1].pos !== 'PROPN') t.pos = 'NOUN';
		// "both can lower the pressure": a modal is an auxiliary, and the word after it a verb when it can be one.
		if (MODAL.test(t.lower) && t.pos !== 'AUX' && (!prev || prev.pos !== 'DET' || /^(both|all|each|either|neither)$/.test(prev.lower))) t.pos = 'AUX';
		if (prev && prev.pos === 'AUX' && MODAL.test(prev.lower) && (t.pos === 'ADJ' || t.pos === 'NOUN') && next && next.pos !== 'NOUN' && canBeVerb(t.lower)) {
			t.pos = 'VERB';
			t.lemma = t.lower;
		}
	}
	return out;
}

const MODAL = /^(?:can|could|must|should|would|will|shall)$/;
const verbish = new Map<string, boolean>();

/**
 * Whether a word can be a verb, asked of the model in a frame where only a verb fits ("they lower
 * it"): the lite model reads many clinical verbs as nouns or adjectives out of context.
 */
export function canBeVerb(word: string): boolean {
	const w = word.toLowerCase();
	let known = verbish.get(w);
	if (known === undefined) {
		if (verbish.size > 5000) verbish.clear();
		const toks = corrected(modelTags(`they ${w} it`));
		known = toks.length === 3 && toks[1]!.pos === 'VERB';
		verbish.set(w, known);
	}
	return known;
}

/** Third person singular, base form, past: what a verb's lemma becomes after do/does/did. */
export function baseForm(t: Token): string {
	if (t.lower === 'is' || t.lower === 'are' || t.lower === 'was' || t.lower === 'were') return 'be';
	if (t.lower === 'has' || t.lower === 'had') return 'have';
	const lemma = t.lemma || t.lower;
	// The model's lemmas are American ("favours" → "favor"): the base form keeps the text's spelling.
	if (/[^s]s$/.test(t.lower) && lemma !== t.lower) {
		const bare = t.lower.replace(/ies$/, 'y').replace(/(ch|sh|ss|x|z)es$/, '$1').replace(/s$/, '');
		if (bare !== lemma && bare.slice(0, 3) === lemma.slice(0, 3) && Math.abs(bare.length - lemma.length) <= 1) return bare;
	}
	return lemma;
}

/** Whether a verb token is inflected (not its base form): "leads", "led", "leading". */
export function inflected(t: Token): boolean {
	return baseForm(t) !== t.lower;
}
