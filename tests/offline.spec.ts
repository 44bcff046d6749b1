// After one visit the app loads and studies with the network off.
import { expect, test } from '@playwright/test';
import { counts, question, reviewRows, waitForOffline } from './helpers';

test('after the first visit, the app reloads and studies with no network', async ({ page, context }) => {
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study/ })).toBeVisible();
	await waitForOffline(page);

	await context.setOffline(true);
	await page.reload();
	await page.getByRole('link', { name: /^Study/ }).tap();
	await expect(counts(page)).toContainText('20 new');
	const q = (await question(page).textContent())!.trim();
	await page.getByRole('button', { name: 'Show answer' }).tap();
	await page.getByRole('button', { name: /^Good/ }).tap();
	await expect(question(page)).not.toHaveText(q);
	expect(await reviewRows(page)).toHaveLength(1);

	// A deep link opened cold, offline, still gets the app.
	// It comes from the fallback shell the static host serves (200.html), cached at install.
	expect(await page.evaluate(async () => !!(await caches.match('/200.html')))).toBe(true);
	await page.goto('/decks/nephrotic-syndrome/source#hc-4');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Why is refractory nephrotic syndrome so hard to treat?');
	await expect(page.locator('#hc-4')).toContainText('antithrombin III');
	await context.setOffline(false);
});

test('without the service worker the same offline reload fails (the check above is real)', async ({ browser }) => {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study/ })).toBeVisible();
	await context.setOffline(true);
	await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
	await context.close();
});
