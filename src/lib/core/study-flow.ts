// What a study session does after an answer, as pure functions the session calls and the tests
// check without a browser: the day's counts, whether the card prepared ahead may be shown at once,
// and what a read of the queue begun earlier may still change.

import { Queue, type QueueValue } from './model.ts';
import type { QueueCounts } from './queue.ts';

/** Enough of a queue row for these decisions. */
export interface FlowItem {
	state: { key: string; queue: QueueValue; schedule: { reps: number } };
}

/** The counts once a card from `queue` has been answered (it leaves its queue for today). */
export function countsAfterAnswer(counts: QueueCounts, queue: QueueValue): QueueCounts {
	const c = { ...counts };
	if (queue === Queue.New) c.new = Math.max(0, c.new - 1);
	else if (queue === Queue.Review) c.review = Math.max(0, c.review - 1);
	else c.learning = Math.max(0, c.learning - 1);
	return c;
}

/** A card asked ahead of time, and what it was asked for. */
export interface Prepared {
	key: string;
	/** The card's repetitions when it was prepared: another answer since makes it stale. */
	reps: number;
	/** The question mode it was prepared in: a change of mode makes it stale. */
	mode: string;
}

/**
 * Whether the card prepared ahead may be shown the moment `answered` is committed: it is still the
 * next card in line, unanswered since it was prepared, and asked in the mode now set.
 */
export function canShowPrepared(items: readonly FlowItem[], answered: FlowItem, prepared: Prepared | null, mode: string): boolean {
	const next = items[1];
	if (!next || !prepared) return false;
	return prepared.key === next.state.key && prepared.key !== answered.state.key && prepared.reps === next.state.schedule.reps && prepared.mode === mode;
}

/** Where the session stands when a queue read begun earlier comes back. */
export interface SessionNow<T extends FlowItem> {
	/** The card on screen. */
	shown: T | null;
	/** Its answer is being written (it stays on screen meanwhile). */
	writing: boolean;
	/** Answers given this session, counted. */
	answers: number;
	/** The count at each card's latest answer this session. */
	answeredAt: ReadonlyMap<string, number>;
}

export type Reconciled<T> =
	/** The card shown stays first; the rest of the line is the read's; counts are fresh when no answer came since. */
	| { keep: true; items: T[]; countsFresh: boolean }
	/** The card shown has left the queue meanwhile (answered or moved elsewhere). */
	| { keep: false };

/**
 * Meets a queue read begun after `answersAtRead` answers with the session as it is now. A learner
 * quicker than the read has answered cards the read still lists: those are left out, so no card
 * comes twice. The card shown stays first, also while its own answer is being written.
 */
export function reconcileRead<T extends FlowItem>(read: readonly T[], now: SessionNow<T>, answersAtRead: number): Reconciled<T> {
	const fresh = read.filter((i) => (now.answeredAt.get(i.state.key) ?? 0) <= answersAtRead);
	const shown = now.shown;
	const still = shown && (read.find((i) => i.state.key === shown.state.key) ?? (now.writing ? shown : undefined));
	if (!shown || !still) return { keep: false };
	return { keep: true, items: [still, ...fresh.filter((i) => i.state.key !== still.state.key)], countsFresh: answersAtRead === now.answers };
}

/** Enough of a card to say why it is asked the way it is. */
export interface AskedCard {
	kind: 'basic' | 'cloze' | 'list' | 'steps';
	format?: 'html';
	typeIn?: string;
	items: readonly string[];
}

/**
 * When a card is asked in another form than the one the learner chose (Typed or Multiple choice),
 * which form and why, in a sentence; '' when it is asked as chosen (Mixed and Flip choose for
 * themselves, so they never need one).
 */
export function askedAnotherWay(mode: string, form: string, card: AskedCard): string {
	if (mode !== 'typed' && mode !== 'choice') return '';
	if (mode === 'typed' && (form === 'typed' || form === 'list')) return '';
	if (mode === 'choice' && (form === 'choice' || form === 'select')) return '';
	if (form === 'typed' && card.typeIn) return 'Asked as a typed answer: its Anki card asks for the answer to be typed.';
	if (card.format === 'html') return 'Shown as a flip card: a card imported from Anki is asked as it was made.';
	if (card.kind === 'steps') return form === 'order' ? 'Asked as ordering: the steps of a chain are put in order.' : 'Shown as a flip card: it has too few steps to put in order.';
	if (card.kind === 'list') return 'Asked as list recall: there are no good wrong items to mix with its items.';
	if (mode === 'typed') return form === 'choice' ? 'Asked as multiple choice: its answer is too long to type.' : 'Shown as a flip card: its answer is too long to type, and there are no good wrong options for it.';
	return 'Shown as a flip card: there are no good wrong options for it.';
}
