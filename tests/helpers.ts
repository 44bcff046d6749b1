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

/** Script and markup a hostile file may carry: none of it may run, load or leave the page. */
export const PAYLOADS = [
	'<script>window.__xss=1;alert(1)</script>',
	'<img src=x onerror="window.__xss=2;alert(2)">',
	'<a href="javascript:alert(3)">click me</a>',
	'<svg onload="alert(4)"><circle r=1 /></svg>',
	'<div style="background:url(javascript:alert(5));width:expression(alert(6))">css</div>',
	'{@html "<img src=x onerror=alert(7)>"}',
	'<iframe srcdoc="<script>parent.alert(8)</script>"></iframe>',
	'"><img src=https://evil.example/x.png>',
	'<math><mtext><table><mglyph><style><img src=x onerror=alert(9)></style></mglyph></table></mtext></math>'
];

/** Watches a page for any sign that imported content escaped being text. */
export function watchForEscapes(page: Page, baseURL: string) {
	const dialogs: string[] = [];
	const outside: string[] = [];
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	page.on('request', (r) => {
		const url = r.url();
		if (!url.startsWith(baseURL) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
	});
	return {
		async check() {
			expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
			expect(await page.locator('main img, main svg, main iframe, main script, main math, main a[href^="javascript"]').count()).toBe(0);
			expect(dialogs).toEqual([]);
			expect(outside).toEqual([]);
		}
	};
}
