// How well a parameter set predicts a learner's own answers, measured as fsrs-rs measures it
// (FSRS::evaluate): log loss and RMSE over bins, each item weighted by how recent it is.

import type { MemoryModel, MemoryState } from '../schedule.ts';
import type { FsrsItem } from './items.ts';

export interface Evaluation {
	/** Weighted binary cross-entropy of the predicted recall against pass (Hard, Good, Easy) or fail (Again). */
	logLoss: number;
	/** Root mean square error between predicted and actual pass rate, over bins of interval, review count and lapses. */
	rmseBins: number;
	/** Items evaluated. */
	items: number;
}

/** fsrs-rs' recency weight: from 0.25 for the oldest item to 1 for the newest. */
export function recencyWeight(index: number, count: number): number {
	const last = Math.max(1, count - 1);
	return 0.25 + 0.75 * Math.pow(index / last, 3);
}

const bin = (x: number, scale: number, base: number) => Math.round(scale * Math.pow(base, Math.floor(Math.log(x) / Math.log(base))));

/** fsrs-rs' bin of an item (FSRSItem::r_matrix_index): interval, number of long-term reviews, lapses. */
export function itemBin(item: FsrsItem): string {
	const current = item.reviews[item.length - 1]!;
	let longTerm = 0;
	let lapses = 0;
	for (let i = 0; i < item.length; i++) {
		const r = item.reviews[i]!;
		if (r.deltaT > 0) {
			longTerm++;
			if (i < item.length - 1 && r.rating === 1) lapses++;
		}
	}
	const t = Math.round(2.48 * Math.pow(3.62, Math.floor(Math.log(current.deltaT) / Math.log(3.62))) * 100);
	const n = bin(longTerm + 1, 1.99, 1.89);
	const l = lapses === 0 ? 0 : bin(lapses, 1.65, 1.73);
	return `${t}:${n}:${l}`;
}

/** Predicted recall of an item's last answer from the answers before it. */
export function predictItem(model: MemoryModel, item: FsrsItem): number {
	let state: MemoryState | null = null;
	for (let i = 0; i < item.length - 1; i++) {
		const r = item.reviews[i]!;
		state = model.step(state, i === 0 ? 0 : r.deltaT, r.rating);
	}
	return model.recall(item.reviews[item.length - 1]!.deltaT, state!.stability);
}

export class EvaluationError extends Error {
	override name = 'EvaluationError';
}

/** Evaluates a model on items in the order of their last answer (see fsrsItems). */
export function evaluate(model: MemoryModel, items: readonly FsrsItem[]): Evaluation {
	if (items.length === 0) throw new EvaluationError('there are no reviews on a later day than a card\'s previous review to evaluate');
	const bins = new Map<string, { predicted: number; actual: number; count: number; weight: number }>();
	let loss = 0;
	let weights = 0;
	items.forEach((item, i) => {
		const p = predictItem(model, item);
		const y = item.reviews[item.length - 1]!.rating > 1 ? 1 : 0;
		const w = recencyWeight(i, items.length);
		loss += (y * Math.log(p) + (1 - y) * Math.log(1 - p)) * w;
		weights += w;
		const key = itemBin(item);
		const b = bins.get(key) ?? { predicted: 0, actual: 0, count: 0, weight: 0 };
		b.predicted += p;
		b.actual += y;
		b.count++;
		b.weight += w;
		bins.set(key, b);
	});
	let se = 0;
	let binWeights = 0;
	for (const b of bins.values()) {
		se += Math.pow(b.predicted / b.count - b.actual / b.count, 2) * b.weight;
		binWeights += b.weight;
	}
	const logLoss = -loss / weights;
	const rmseBins = Math.sqrt(se / binWeights);
	if (!Number.isFinite(logLoss) || !Number.isFinite(rmseBins)) throw new EvaluationError('the parameters predict a recall of exactly 0 or 1 for some review, so they cannot be scored');
	return { logLoss, rmseBins, items: items.length };
}
