// `npx tsx bench/quiz-prep.ts [--quick]`: how long preparing one card's quiz takes, the work the
// study screen does for the next card while the learner reads the current one: its multiple-choice
// options (basic and cloze cards), its select-all-that-apply options (list cards) and its typed
// answer read for grading. Run over the shipped deck and over a synthetic deck of 10 000 cards,
// with the deck's grading context and distractor pool built once per stretch of 200 cards, as the
// session does. Prints milliseconds of CPU time per card (the machine's other work does not count;
// a phone is about four times slower); a command, never a test.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDeck } from '../src/lib/core/deck-file.ts';
import type { CardContent } from '../src/lib/core/model.ts';
import { buildChoice, buildSelect, choicePool, expectedAnswer, type ChoicePool, type Sibling } from '../src/lib/core/quiz/choice.ts';
import { gradeContext } from '../src/lib/core/quiz/glossary.ts';
import { prepareAnswer } from '../src/lib/core/quiz/typed.ts';
import { seeded, type Rng } from '../src/lib/core/quiz/rng.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const QUICK = process.argv.includes('--quick');

interface Figures {
	cards: number;
	setupMs: number;
	mean: number;
	p95: number;
	max: number;
}

/** CPU time of this process, in milliseconds. */
const cpu = () => process.cpuUsage().user / 1000;

function percentile(xs: number[], p: number): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
}

/** A pool as the session builds it: the stretch of the deck around a card, with the deck's texts. */
function poolFor(siblings: Sibling[], passages: string[]): ChoicePool {
	const texts = [...siblings.map((s) => `${s.card.question}\n${s.card.answer}\n${s.card.items.join('\n')}`), ...passages];
	return choicePool(siblings, gradeContext(texts));
}

/** Everything the session prepares for one card before it is shown. */
function prepareCard(key: string, card: CardContent, pool: ChoicePool, seed: string): void {
	if (card.kind === 'list') buildSelect(key, card, pool, seed);
	else if (card.kind === 'basic' || card.kind === 'cloze') {
		buildChoice(key, card, pool, seed);
		prepareAnswer(expectedAnswer(card), { question: card.question, accept: card.accept, ctx: pool.ctx });
	}
}

function measure(cards: CardContent[], passages: string[], sample: number[]): Figures {
	const siblings = cards.map((card) => ({ key: card.id, card }));
	const pools = new Map<number, ChoicePool>();
	let setupMs = 0;
	const times: number[] = [];
	for (const i of sample) {
		const bucket = Math.floor(i / 100);
		let pool = pools.get(bucket);
		if (!pool) {
			const t0 = cpu();
			const from = Math.max(0, bucket * 100 + 50 - 100);
			pool = poolFor(siblings.slice(from, from + 200), passages);
			setupMs += cpu() - t0;
			pools.set(bucket, pool);
		}
		const card = cards[i]!;
		const t0 = cpu();
		prepareCard(card.id, card, pool, `${card.id}:1`);
		times.push(cpu() - t0);
	}
	return { cards: sample.length, setupMs: setupMs / pools.size, mean: times.reduce((a, b) => a + b, 0) / times.length, p95: percentile(times, 0.95), max: Math.max(...times) };
}

// ---- a synthetic deck: the shapes real decks have, in many topics -------------------------------

const ORGANS = ['kidney', 'liver', 'heart', 'lung', 'pancreas', 'thyroid', 'adrenal gland', 'spleen', 'bone marrow', 'small intestine'];
const DRUGS = ['furosemide', 'spironolactone', 'ramipril', 'losartan', 'bisoprolol', 'amlodipine', 'warfarin', 'apixaban', 'heparin', 'metformin', 'gliclazide', 'levothyroxine', 'carbimazole', 'prednisolone', 'hydrocortisone', 'omeprazole', 'lactulose', 'vancomycin', 'gentamicin', 'amoxicillin', 'digoxin', 'amiodarone', 'allopurinol', 'colchicine'];
const PROCESSES = ['fibrosis', 'apoptosis', 'inflammation', 'proliferation', 'phagocytosis', 'coagulation', 'fibrinolysis', 'angiogenesis', 'oxidation', 'endocytosis'];
const MEASURES = ['serum potassium', 'serum sodium', 'plasma albumin', 'urine protein', 'blood glucose', 'serum calcium', 'platelet count', 'haemoglobin'];
const UNITS = ['mmol/L', 'g/L', 'mg', 'days', 'weeks', 'hours', 'months'];
const VERBS = ['rises', 'falls', 'increases', 'decreases'];
const ROMAN = ['II', 'V', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII'];

const pick = <T>(xs: readonly T[], rng: Rng): T => xs[Math.floor(rng() * xs.length)]!;

function syntheticDeck(n: number, seed = 'quiz-prep synthetic deck'): CardContent[] {
	const rng = seeded(seed);
	const cards: CardContent[] = [];
	for (let i = 0; i < n; i++) {
		const section = `Topic ${Math.floor(i / 25)}`;
		const base = { id: `c${i}`, explanation: '', section, passage: '', items: [] as string[] };
		const shape = i % 8;
		const organ = pick(ORGANS, rng);
		if (shape === 0) cards.push({ ...base, kind: 'basic', question: `Which drug is first choice for condition ${i} of the ${organ}?`, answer: `${pick(DRUGS, rng)}.` });
		else if (shape === 1) cards.push({ ...base, kind: 'basic', question: `Deficiency of which clotting factor causes bleeding disorder ${i}?`, answer: `Factor ${pick(ROMAN, rng)}.` });
		else if (shape === 2) {
			const value = 1 + Math.floor(rng() * 60);
			const unit = pick(UNITS, rng);
			const measure = pick(MEASURES, rng);
			cards.push({ ...base, kind: 'cloze', question: `In stage ${i % 5} disease the ${measure} target is […].`, answer: `In stage ${i % 5} disease the ${measure} target is ${value} ${unit}.` });
		} else if (shape === 3) cards.push({ ...base, kind: 'basic', question: `What happens to the ${pick(MEASURES, rng)} in syndrome ${i}, and what does that do to ${pick(PROCESSES, rng)}?`, answer: `It ${pick(VERBS, rng)}, which ${pick(['raises', 'lowers'], rng)} ${pick(PROCESSES, rng)} in the ${organ}.` });
		else if (shape === 4) {
			const items = Array.from({ length: 3 + (i % 3) }, () => pick(DRUGS, rng)).filter((d, k, all) => all.indexOf(d) === k);
			cards.push({ ...base, kind: 'list', question: `Name the drugs used in regimen ${i}.`, answer: items.join('\n'), items });
		} else if (shape === 5) cards.push({ ...base, kind: 'basic', question: `Which process drives the ${organ} damage in model ${i}?`, answer: `${pick(PROCESSES, rng)} of the ${organ} cells.`, distractors: [pick(PROCESSES, rng), pick(PROCESSES, rng), pick(PROCESSES, rng)].filter((d, k, all) => all.indexOf(d) === k) });
		else if (shape === 6) cards.push({ ...base, kind: 'basic', question: `How long is treatment ${i} given for?`, answer: `${2 + (i % 10)} weeks.` });
		else cards.push({ ...base, kind: 'basic', question: `Where in the body does reaction ${i} take place?`, answer: `In the ${organ}.` });
	}
	return cards;
}

// ---- run ------------------------------------------------------------------------------------

const deckText = readFileSync(path.join(ROOT, 'cards/nephrotic-syndrome/deck.md'), 'utf8');
const sourceText = readFileSync(path.join(ROOT, 'cards/nephrotic-syndrome/source.md'), 'utf8');
const shipped = parseDeck({ deckFile: 'deck.md', deckText, sourceFile: 'source.md', sourceText });
const passages = shipped.source.passages.map((p) => p.text);

// Warm up (the curated lexicon, the engine's compiler) on a small deck of its own.
measure(syntheticDeck(60, 'warm-up'), [], Array.from({ length: 60 }, (_, i) => i));

const rows: [string, Figures][] = [];
rows.push(['shipped deck (every card)', measure(shipped.cards, passages, shipped.cards.map((_, i) => i))]);
const big = syntheticDeck(10_000);
const step = QUICK ? 100 : 25;
rows.push([`synthetic 10 000 cards (every ${step}th)`, measure(big, [], big.map((_, i) => i).filter((i) => i % step === 0))]);

console.log("Preparing one card's quiz (choice or select-all options, and the typed answer read), CPU ms per card:\n");
console.log('| deck | cards timed | mean | p95 | max | pool setup per 200 cards |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [name, f] of rows) console.log(`| ${name} | ${f.cards} | ${f.mean.toFixed(2)} | ${f.p95.toFixed(2)} | ${f.max.toFixed(1)} | ${f.setupMs.toFixed(0)} |`);
