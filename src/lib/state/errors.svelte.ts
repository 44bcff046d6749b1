// The one error funnel: every failure reaches the learner as a sentence in a toast.

export interface Toast {
	id: number;
	kind: 'error' | 'info';
	text: string;
}

class Toasts {
	items = $state<Toast[]>([]);
	#next = 1;

	/** Errors stay until dismissed (a learner must be able to read them); notices fade. */
	push(kind: Toast['kind'], text: string, ms = kind === 'error' ? 0 : 5_000): number {
		const id = this.#next++;
		this.items.push({ id, kind, text });
		if (ms > 0) setTimeout(() => this.dismiss(id), ms);
		return id;
	}

	dismiss(id: number): void {
		this.items = this.items.filter((t) => t.id !== id);
	}
}

export const toasts = new Toasts();

/** Why something failed, in words: the error's own message when it has one written for people. */
export function reason(error: unknown): string {
	if (error instanceof Error) {
		if (error.name === 'QuotaExceededError' || error.name === 'QuotaExceeded') return 'The device is out of storage space.';
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
