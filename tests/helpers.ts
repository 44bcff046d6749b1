// Shared steps for the end-to-end tests: what a learner does, and reading what the app stored.
import { expect, type Page } from '@playwright/test';

/** Rows in the review log, read straight from the app's IndexedDB (the truth the UI reports). */
export async function reviewRows(page: Page): Promise<{ cardKey: string; rating: number }[]> {
	return page.evaluate(
		() =>
			new Promise<{ cardKey: string; rating: number }[]>((resolve, reject) => {
				const open = indexedDB.open('docdeck');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const req = db.transaction('reviews').objectStore('reviews').getAll();
					req.onsuccess = () => {
						resolve((req.result as { cardKey: string; rating: number }[]).map((r) => ({ cardKey: r.cardKey, rating: r.rating })));
						db.close();
					};
					req.onerror = () => reject(req.error);
				};
			})
	);
}

export async function openDeck(page: Page): Promise<void> {
	await page.goto('/');
	await page.getByRole('link', { name: /^Study/ }).click();
	await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
}

export function question(page: Page) {
	return page.locator('#question');
}

/** The counts line of the study screen, e.g. "20 new 0 learning 0 review". */
export function counts(page: Page) {
	return page.getByTestId('counts');
}

/** Waits until the service worker controls the page, so the next load can be offline. */
export async function waitForOffline(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
		}
	});
}
