// A new version of the app waits until the learner chooses to reload, then takes over.
import { expect, test } from '@playwright/test';
import { waitForOffline } from './helpers';

test('a new version is announced with "Reload to update" and applied on request', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study/ })).toBeVisible();
	await waitForOffline(page);
	const firstWorker = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL);
	expect(firstWorker).toContain('/service-worker.js');

	// A new version appears: the browser finds a changed worker script for the registration (here
	// the same build under another URL, which the browser treats exactly like a changed script).
	await page.evaluate(async () => {
		await navigator.serviceWorker.register('/service-worker.js?next-version');
	});
	const banner = page.getByRole('button', { name: 'Reload to update' });
	await expect(banner).toBeVisible();
	// Nothing changes under the learner until they choose to reload.
	expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(true);

	await banner.click();
	await page.waitForEvent('load');
	await expect(page.getByRole('button', { name: 'Reload to update' })).toHaveCount(0);
	expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(false);
	expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toContain('next-version');
	await expect(page.getByRole('link', { name: /^Study/ })).toBeVisible();
});
