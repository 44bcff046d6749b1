// The service worker's life: registered here so we can tell the learner when an update waits.

import { dev } from '$app/environment';
import { handleError } from './errors.svelte';

class AppUpdate {
	/** A new version is installed and waiting for the learner to reload. */
	ready = $state(false);
	#waiting: ServiceWorker | null = null;
	#reloading = false;

	register(): void {
		if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
		const hadController = !!navigator.serviceWorker.controller;
		navigator.serviceWorker.addEventListener('controllerchange', () => {
			if (this.#reloading) return location.reload();
			// Another tab applied an update: this page still runs the old code, so offer a reload.
			if (hadController) {
				this.#waiting = null;
				this.ready = true;
			}
		});
		navigator.serviceWorker
			.register('/service-worker.js', { type: dev ? 'module' : 'classic' })
			.then((reg) => {
				if (reg.waiting && navigator.serviceWorker.controller) this.#offer(reg.waiting);
				reg.addEventListener('updatefound', () => {
					const worker = reg.installing;
					worker?.addEventListener('statechange', () => {
						if (worker.state === 'installed' && navigator.serviceWorker.controller) this.#offer(worker);
					});
				});
				// Look for a new version whenever the learner comes back to the app.
				document.addEventListener('visibilitychange', () => {
					if (document.visibilityState === 'visible') reg.update().catch(() => {});
				});
			})
			.catch((e: unknown) => handleError(e, 'Offline use could not be set up.'));
	}

	#offer(worker: ServiceWorker): void {
		this.#waiting = worker;
		this.ready = true;
	}

	/** Activates the waiting version; the page reloads once it has taken over. */
	apply(): void {
		if (!this.#waiting || this.#waiting.state !== 'installed') return location.reload();
		this.#reloading = true;
		this.#waiting.postMessage({ type: 'SKIP_WAITING' });
	}
}

export const appUpdate = new AppUpdate();
