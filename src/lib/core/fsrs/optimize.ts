// One optimiser run, apart from the fit itself: what the log allows, and the before/after
// figures the learner sees before choosing to apply the fitted set.

import { memoryModel } from '../schedule.ts';
import { evaluate, type Evaluation } from './evaluate.ts';
import { fsrsItems, readiness, type ItemSet, type LoggedReview, type Readiness } from './items.ts';

export interface LogSummary {
	reviews: number;
	cards: number;
	/** Answers the optimiser learns from: those on a later day than the card's previous answer. */
	items: number;
}

export type OptimizeOutcome =
	| { kind: 'too-few'; log: LogSummary; more: number }
	| { kind: 'fitted'; log: LogSummary; fit: Exclude<Readiness['fit'], 'none'>; parameters: number[]; current: Evaluation; fitted: Evaluation };

export function prepareLog(log: Iterable<LoggedReview>): { set: ItemSet; summary: LogSummary; readiness: Readiness } {
	const set = fsrsItems(log);
	return { set, summary: { reviews: set.reviews, cards: set.cards, items: set.items.length }, readiness: readiness(set.items.length) };
}

/** The before/after figures: both sets scored on the same items of the learner's own log. */
export function compareFit(set: ItemSet, summary: LogSummary, fit: Exclude<Readiness['fit'], 'none'>, current: readonly number[] | null, parameters: number[]): OptimizeOutcome {
	return { kind: 'fitted', log: summary, fit, parameters, current: evaluate(memoryModel(current), set.items), fitted: evaluate(memoryModel(parameters), set.items) };
}

/** Whether the fitted set predicts the learner's answers better than the one in use (lower log loss). */
export function isBetter(o: Extract<OptimizeOutcome, { kind: 'fitted' }>): boolean {
	return o.fitted.logLoss < o.current.logLoss;
}
