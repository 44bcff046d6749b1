// The one error funnel: every failure reaches the learner as a sentence in a toast.

export interface Toast {
	id: number;
	kind: 'error' | 'info';
	text: string;
}

/** How long a message stays: long enough to read twice; a learner can dismiss it sooner or keep it by pointing at it. */
export const TOAST_MS = { error: 12_000, info: 5_000 } as const;

class Toasts {
	#items = $state<Toast[]>([]);
	#next = 1;
	#timers = new Map<number, ReturnType<typeof setTimeout>>();

	get items(): readonly Toast[] {
		return this.#items;
	}

	push(kind: Toast['kind'], text: string, ms: number = TOAST_MS[kind]): number {
		// The same sentence twice (a failure repeating) shows once, for the full time again.
		const same = this.#items.find((t) => t.kind === kind && t.text === text);
		const id = same?.id ?? this.#next++;
		if (!same) this.#items = [...this.#items, { id, kind, text }].slice(-3);
		this.#schedule(id, ms);
		return id;
	}

	/** Held while the learner points at or focuses it; released, it fades after its time. */
	hold(id: number): void {
		clearTimeout(this.#timers.get(id));
		this.#timers.delete(id);
	}

	release(id: number): void {
		const t = this.#items.find((x) => x.id === id);
		if (t) this.#schedule(id, TOAST_MS[t.kind]);
	}

	dismiss(id: number): void {
		this.hold(id);
		this.#items = this.#items.filter((t) => t.id !== id);
	}

	#schedule(id: number, ms: number): void {
		this.hold(id);
		if (ms > 0 && typeof setTimeout === 'function') this.#timers.set(id, setTimeout(() => this.dismiss(id), ms));
	}
}

export const toasts = new Toasts();

/** The sentence for a full disk: what happened and what to do. */
export const OUT_OF_SPACE = 'This device has no storage space left for DocDeck. Free some space (delete files or apps you no longer need), then try again; your cards and reviews are safe.';

/** Whether an error, or one it wraps (an aborted transaction carries the cause as `inner`), is a full disk. */
export function isQuotaError(error: unknown): boolean {
	for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { inner?: unknown; cause?: unknown }).inner ?? (e as { cause?: unknown }).cause, depth++) {
		const { name, message, code } = e as { name?: unknown; message?: unknown; code?: unknown };
		if (name === 'QuotaExceededError' || name === 'QuotaExceeded' || code === 22 || (typeof message === 'string' && /QuotaExceeded|quota (has been )?exceeded/i.test(message))) return true;
	}
	return false;
}

/** Why something failed, in words: the error's own message when it has one written for people. */
export function reason(error: unknown): string {
	if (isQuotaError(error)) return OUT_OF_SPACE;
	if (error instanceof Error) {
		if (error.name === 'DatabaseClosedError') return 'The database was closed (was DocDeck updated in another tab?). Reload the page.';
		return error.message;
	}
	return String(error);
}

export function handleError(error: unknown, message: string): void {
	console.error(message, error);
	toasts.push('error', `${message} ${reason(error)}`.trim());
}

/** Runs a promise-returning action and sends any failure to the funnel: no floating promises. */
export function run(action: () => Promise<unknown>, message: string): void {
	action().catch((e: unknown) => handleError(e, message));
}
