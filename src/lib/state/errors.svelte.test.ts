import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isQuotaError, OUT_OF_SPACE, reason, TOAST_MS, toasts } from './errors.svelte';

describe('a full disk is told in words, however it is wrapped', () => {
	it('finds the quota error itself, inside an aborted transaction, or by its code', () => {
		const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		const aborted = Object.assign(new Error('QuotaExceededError'), { name: 'AbortError', inner: quota });
		expect(isQuotaError(quota)).toBe(true);
		expect(isQuotaError(aborted)).toBe(true);
		expect(isQuotaError(Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } }))).toBe(true);
		expect(isQuotaError({ code: 22 })).toBe(true);
		expect(isQuotaError(new Error('The card has no valid due time'))).toBe(false);
		expect(reason(aborted)).toBe(OUT_OF_SPACE);
		expect(reason(new Error('Nothing was merged: a clash.'))).toBe('Nothing was merged: a clash.');
	});
});

describe('toasts', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => {
		for (const t of toasts.items) toasts.dismiss(t.id);
		vi.useRealTimers();
	});

	it('errors fade after their time, unless the learner holds them', () => {
		const a = toasts.push('error', 'The answer was not saved.');
		const b = toasts.push('info', 'Saved.');
		vi.advanceTimersByTime(TOAST_MS.info + 1);
		expect(toasts.items.map((t) => t.id)).toEqual([a]);
		toasts.hold(a);
		vi.advanceTimersByTime(TOAST_MS.error * 3);
		expect(toasts.items.map((t) => t.id)).toEqual([a]);
		toasts.release(a);
		vi.advanceTimersByTime(TOAST_MS.error + 1);
		expect(toasts.items).toEqual([]);
		expect(b).not.toBe(a);
	});

	it('the same failure repeating shows once, and no more than three messages stack', () => {
		const first = toasts.push('error', 'Could not save.');
		expect(toasts.push('error', 'Could not save.')).toBe(first);
		for (let i = 0; i < 5; i++) toasts.push('error', `Problem ${i}.`);
		expect(toasts.items.map((t) => t.text)).toEqual(['Problem 2.', 'Problem 3.', 'Problem 4.']);
	});
});
