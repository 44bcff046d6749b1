// One card asked in one question form: what the learner has picked, typed or arranged, and the
// result once they check it. The study session turns the result into a proposed rating.

import type { CardRow } from '$lib/db/db';
import type { ChoiceOption, ChoiceQuestion, SelectOption } from '$lib/core/quiz/choice';
import type { GradeContext } from '$lib/core/quiz/glossary';
import type { PreparedAnswer, TypedResult, Verdict } from '$lib/core/quiz/typed';
import type { ListResult } from '$lib/core/quiz/recall';
import { judgeSteps, type StepsResult } from '$lib/core/order-quiz';
import type { QuizForm } from '$lib/core/quiz/forms';
import type { QuizEngine } from '$lib/core/quiz/engine';
import { stripHtml } from '$lib/core/strip-html';

export interface QuizResult {
	verdict: Verdict;
	hinted: boolean;
	/** The learner gave up ("Show answer" without trying). */
	gaveUp: boolean;
	typed?: TypedResult;
	list?: ListResult;
	order?: StepsResult;
	/** The option picked in a multiple-choice question. */
	chosen?: ChoiceOption;
}

export class CardQuiz {
	readonly form: QuizForm;
	readonly card: CardRow;
	readonly choice: ChoiceQuestion | null;
	/** What a typed answer is compared with: the answer, or a cloze card's blank. */
	readonly expected: string;
	/** "Select all that apply": the card's items mixed with wrong ones. */
	readonly options: SelectOption[];
	#ctx: GradeContext | undefined;
	/** The grader and its helpers: loaded only for a card asked in a form other than flip. */
	#engine: QuizEngine | null;
	#prepared: PreparedAnswer | null = null;
	#result = $state.raw<QuizResult | null>(null);
	#picked = $state<number | null>(null);
	#typed = $state('');
	#hinted = $state(false);
	#picks = $state<boolean[]>([]);
	#listText = $state('');
	/** The steps as currently arranged: each entry is a step's right position. */
	#order = $state<number[]>([]);
	/** The arrangement the steps started from. */
	readonly start: readonly number[];

	#onResult: (r: QuizResult) => void;

	constructor(opts: { form: QuizForm; card: CardRow; seed: string; engine: QuizEngine | null; choice?: ChoiceQuestion | null; select?: SelectOption[] | null; ctx?: GradeContext; start?: readonly number[]; onResult: (r: QuizResult) => void }) {
		if (opts.form !== 'flip' && !opts.engine) throw new Error(`a ${opts.form} question needs the grader`);
		this.form = opts.form;
		this.card = opts.card;
		this.choice = opts.choice ?? null;
		this.#ctx = opts.ctx;
		this.#engine = opts.engine;
		this.#onResult = opts.onResult;
		this.expected = opts.card.typeIn ?? (opts.engine ? opts.engine.expectedAnswer(opts.card) : opts.card.answer);
		this.options = opts.form === 'select' ? (opts.select ?? []) : [];
		this.#picks = this.options.map(() => false);
		this.start = opts.form === 'order' ? (opts.start ?? opts.engine!.shuffledSteps(opts.card.items.length, opts.seed)) : [];
		this.#order = [...this.start];
	}

	get #grader(): QuizEngine {
		if (!this.#engine) throw new Error('a flip card is not checked');
		return this.#engine;
	}

	get result(): QuizResult | null {
		return this.#result;
	}
	get picked(): number | null {
		return this.#picked;
	}
	get typed(): string {
		return this.#typed;
	}
	get hinted(): boolean {
		return this.#hinted;
	}
	get picks(): boolean[] {
		return this.#picks;
	}
	get listText(): string {
		return this.#listText;
	}
	get order(): number[] {
		return this.#order;
	}

	/** A hint for a typed answer: the first letter of each word, the rest as dots. */
	get hint(): string {
		return this.expected
			.split(/\s+/)
			.map((w) => (w.length <= 2 ? w : w[0] + '·'.repeat(Math.min(w.length - 1, 8))))
			.join(' ');
	}

	type(value: string): void {
		if (!this.#result) this.#typed = value;
	}

	typeList(value: string): void {
		if (!this.#result) this.#listText = value;
	}

	showHint(): void {
		if (!this.#result) this.#hinted = true;
	}

	#finish(r: Omit<QuizResult, 'hinted' | 'gaveUp'> & { gaveUp?: boolean }): void {
		if (this.#result) return;
		this.#result = { hinted: this.#hinted, gaveUp: false, ...r };
		this.#onResult(this.#result);
	}

	choose(index: number): void {
		const option = this.choice?.options[index];
		if (!option || this.#result) return;
		this.#picked = index;
		this.#finish({ verdict: option.correct ? 'right' : 'wrong', chosen: option });
	}

	checkTyped(): void {
		// The answer is read once, when first checked (the deck's abbreviations and terms included).
		this.#prepared ??= this.#grader.prepareAnswer(this.expected, { question: this.card.format === 'html' ? stripHtml(this.card.question) : this.card.question, accept: this.card.accept, ctx: this.#ctx });
		const typed = this.#grader.gradePrepared(this.#typed, this.#prepared);
		this.#finish({ verdict: typed.verdict, typed });
	}

	togglePick(i: number): void {
		if (this.#result || i < 0 || i >= this.#picks.length) return;
		this.#picks[i] = !this.#picks[i];
	}

	/** "Select all that apply": the ticked options scored against the items. */
	checkSelect(): void {
		const list = this.#grader.scorePicks(
			this.options.filter((_, i) => this.#picks[i]),
			this.card.items
		);
		this.#finish({ verdict: list.verdict, list });
	}

	/** List recall: the typed lines matched one to one with the items. */
	checkList(): void {
		const list = this.#grader.scoreTypedList(this.#listText.split('\n'), this.card.items, { question: this.card.question, ctx: this.#ctx });
		this.#finish({ verdict: list.verdict, list });
	}

	/** Moves the step at one position to another (drag, or the up and down buttons). */
	move(from: number, to: number): void {
		if (this.#result || to < 0 || to >= this.#order.length || from === to) return;
		const next = [...this.#order];
		const [step] = next.splice(from, 1);
		next.splice(to, 0, step!);
		this.#order = next;
	}

	/** The arrangement judged: left as it started it is wrong; most of the chain right, partly (Hard). */
	checkOrder(): void {
		const order = judgeSteps(this.#order, this.start);
		this.#finish({ verdict: order.verdict, order });
	}

	/** "I don't know": the answer, counted as not remembered. */
	giveUp(): void {
		this.#finish({ verdict: 'wrong', gaveUp: true });
	}
}
