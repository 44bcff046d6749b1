// Grading a typed answer: lenient where meaning is the same, strict where it matters (numbers,
// units, time windows, negation, direction). Returns the verdict and a word diff to show.

import { FILLER, NEGATIONS, OPPOSITES, QUALIFIERS, isNumberToken, isUnitToken, sameWord, tokens, type Token } from './normalize.ts';

export type Verdict = 'right' | 'partly' | 'wrong';

export interface DiffPart {
	text: string;
	/** same: in both; missing: in the answer, not typed; extra: typed, not in the answer */
	kind: 'same' | 'missing' | 'extra';
}

export interface TypedResult {
	verdict: Verdict;
	/** Share of the answer's key words that were typed (0–1). */
	score: number;
	/** Why a close answer was not accepted, when a strict rule decided it. */
	reason: string;
	diff: DiffPart[];
}

/**
 * The answer's key words. Optional: words in parentheses, time-window qualifiers, and words the
 * question itself already says ("steroid-resistant" answers "what is this nephrotic syndrome
 * called?" without repeating "nephrotic syndrome").
 */
function keyTokens(answer: string, question: string): { required: Token[]; optional: Token[]; all: Token[] } {
	const optionalText = [...answer.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!).join(' ');
	const asked = new Set(tokens(question).map((t) => t.norm));
	const main = tokens(answer.replace(/\([^)]*\)/g, ' '));
	const keep = (t: Token) => !FILLER.has(t.norm) && !QUALIFIERS.has(t.norm);
	const required = main.filter((t) => keep(t) && !asked.has(t.norm));
	const optional = [...tokens(optionalText), ...main.filter((t) => asked.has(t.norm) || QUALIFIERS.has(t.norm))].filter((t) => !FILLER.has(t.norm));
	return { required: required.length ? required : main.filter(keep), optional, all: [...main, ...tokens(optionalText)] };
}

const facts = (ts: Token[]) => ts.filter((t) => isNumberToken(t.norm) || isUnitToken(t.norm) || t.norm === 'atleast' || t.norm === 'atmost' || t.norm === 'over' || t.norm === 'under').map((t) => t.norm);
const negated = (ts: Token[]) => ts.some((t) => NEGATIONS.has(t.norm));
const prefix = (ts: Token[], p: string) => ts.some((t) => t.norm.startsWith(p) && t.norm.length > p.length + 3);

function sameMultiset(a: string[], b: string[]): boolean {
	if (a.length !== b.length) return false;
	const x = [...a].sort();
	const y = [...b].sort();
	return x.every((v, i) => v === y[i]);
}

/** A strict rule the typed answer breaks, in words; '' when none. */
function strictProblem(expected: Token[], typed: Token[]): string {
	const ef = facts(expected);
	const tf = facts(typed);
	if (ef.length && !sameMultiset(ef, tf)) return 'the numbers, units or time window differ';
	if (!ef.length && tf.some(isNumberTokenOrUnit) && typed.length <= expected.length + 2) return 'it adds a number the answer does not have';
	if (negated(expected) !== negated(typed)) return 'one says "not" and the other does not';
	for (const [a, b] of OPPOSITES) {
		const e = { a: expected.some((t) => t.norm === a), b: expected.some((t) => t.norm === b) };
		const t = { a: typed.some((x) => x.norm === a), b: typed.some((x) => x.norm === b) };
		if ((e.a && !e.b && t.b && !t.a) || (e.b && !e.a && t.a && !t.b)) return `“${a}” and “${b}” are opposites`;
	}
	if ((prefix(expected, 'hyper') && prefix(typed, 'hypo') && !prefix(typed, 'hyper')) || (prefix(expected, 'hypo') && prefix(typed, 'hyper') && !prefix(typed, 'hypo'))) {
		return '“hyper-” and “hypo-” are opposites';
	}
	return '';
}

function isNumberTokenOrUnit(t: string): boolean {
	return isNumberToken(t) || isUnitToken(t);
}

/** Word-level differences between what was typed and the answer, for showing both. */
export function wordDiff(typed: string, answer: string): DiffPart[] {
	const a = tokens(answer);
	const b = tokens(typed);
	// Longest common subsequence on canonical words, tolerating typos.
	const n = a.length;
	const m = b.length;
	const L: number[][] = Array.from({ length: n + 1 }, () => Array<number>(m + 1).fill(0));
	for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i]![j] = sameWord(a[i]!.norm, b[j]!.norm) ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
	const out: DiffPart[] = [];
	let i = 0;
	let j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && sameWord(a[i]!.norm, b[j]!.norm)) {
			out.push({ text: a[i]!.raw, kind: 'same' });
			i++;
			j++;
		} else if (j < m && (i === n || L[i]![j + 1]! >= L[i + 1]![j]!)) {
			out.push({ text: b[j]!.raw, kind: 'extra' });
			j++;
		} else {
			out.push({ text: a[i]!.raw, kind: 'missing' });
			i++;
		}
	}
	return out;
}

/**
 * Grades what was typed against an answer. Right: every key word of the answer is there (small
 * typos in long words forgiven) and no strict rule is broken. Partly: most key words and no
 * strict rule broken. Wrong otherwise.
 */
export function gradeTyped(typed: string, answer: string, opts: { question?: string; alternatives?: string[] } = {}): TypedResult {
	const results = [answer, ...(opts.alternatives ?? [])].map((a) => gradeOne(typed, a, opts.question ?? ''));
	return results.reduce((best, r) => (rank(r) > rank(best) ? r : best));
}

function rank(r: TypedResult): number {
	return (r.verdict === 'right' ? 2 : r.verdict === 'partly' ? 1 : 0) + r.score / 10;
}

function gradeOne(typed: string, answer: string, question: string): TypedResult {
	const { required, optional, all } = keyTokens(answer, question);
	const typedAll = tokens(typed);
	const typedTokens = typedAll.filter((t) => !FILLER.has(t.norm) && !QUALIFIERS.has(t.norm));
	const diff = wordDiff(typed, answer);
	if (typedTokens.length === 0) return { verdict: 'wrong', score: 0, reason: 'nothing was typed', diff };
	const strict = strictProblem(all, typedAll);
	const matched = required.filter((e) => typedTokens.some((t) => sameWord(e.norm, t.norm))).length;
	const score = required.length ? matched / required.length : 0;
	if (strict) return { verdict: 'wrong', score, reason: strict, diff };
	// Words typed that the answer does not have at all (wrong additions) cost the "right" verdict.
	const allowed = [...required, ...optional];
	const stray = typedTokens.filter((t) => !allowed.some((e) => sameWord(e.norm, t.norm)) && !isNumberToken(t.norm)).length;
	if (score === 1 && stray <= Math.max(1, Math.floor(required.length / 3))) return { verdict: 'right', score, reason: '', diff };
	if (score >= 0.6) return { verdict: 'partly', score, reason: '', diff };
	return { verdict: 'wrong', score, reason: '', diff };
}
