// axe finds no violations on the screens a learner uses, in light and dark mode.
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

async function noViolations(page: Page, where: string) {
	const result = await new AxeBuilder({ page }).analyze();
	const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(summary, `axe on ${where}`).toEqual([]);
}

for (const scheme of ['light', 'dark'] as const) {
	test(`home, study, settings, browse and source pass axe (${scheme})`, async ({ page }) => {
		// Ten full axe runs: more than the default 30 s on a busy two-core machine.
		test.slow();
		await page.emulateMedia({ colorScheme: scheme });
		await page.goto('/');
		await expect(page.getByRole('link', { name: /^Study/ })).toBeVisible();
		await noViolations(page, 'home');

		await page.getByRole('link', { name: /^Study/ }).click();
		await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
		await noViolations(page, 'study (question)');
		await page.getByRole('button', { name: 'Show answer' }).click();
		await expect(page.getByRole('button', { name: /^Good/ })).toBeVisible();
		await noViolations(page, 'study (answer)');

		await page.goto('/settings');
		await expect(page.getByLabel('Desired retention')).toBeVisible();
		await noViolations(page, 'settings');

		await page.goto('/decks/nephrotic-syndrome');
		await expect(page.getByRole('status').filter({ hasText: 'cards' })).toBeVisible();
		await noViolations(page, 'browse');

		await page.goto('/decks/nephrotic-syndrome/source');
		await expect(page.locator('#hc-1')).toBeVisible();
		await noViolations(page, 'source');
	});
}
