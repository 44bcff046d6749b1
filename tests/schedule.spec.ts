// The study day, daily limits and the end of the queue, with the page's clock under test control.
import { expect, test, type Page } from '@playwright/test';
import { counts, question, reviewRows } from './helpers';

test.use({ timezoneId: 'Europe/London', locale: 'en-GB' });

async function setNewPerDay(page: Page, n: number) {
	await page.goto('/settings');
	await page.getByLabel('New cards per day').fill(String(n));
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('Settings saved.')).toBeVisible();
}

test('daily new-card limit, "nothing more due" with the next time, and the 4 a.m. rollover', async ({ page }) => {
	await page.clock.install({ time: new Date('2026-01-15T21:00:00Z') });
	await setNewPerDay(page, 2);

	await page.goto('/study/nephrotic-syndrome');
	await expect(counts(page)).toContainText('2 new');
	for (let i = 0; i < 2; i++) {
		const q = (await question(page).textContent())!.trim();
		await page.getByRole('button', { name: 'Show answer' }).click();
		await page.getByRole('button', { name: /^Easy/ }).click();
		await expect(question(page).or(page.locator('#done-heading'))).not.toHaveText(q);
	}
	await expect(page.getByRole('heading', { name: 'Session done: Refractory nephrotic syndrome' })).toBeVisible();
	// The session in numbers: two cards, both Easy.
	await expect(page.getByRole('definition').filter({ hasText: '2 (2 cards)' })).toBeVisible();
	await expect(page.getByRole('definition').filter({ hasText: '0 % (0)' })).toBeVisible();
	// New cards are held back by today's limit: studying goes on when the next study day starts.
	await expect(page.getByText('The next card is due tomorrow at 04:00.')).toBeVisible();
	expect(await reviewRows(page)).toHaveLength(2);

	// 03:59 the next morning still belongs to the same study day.
	await page.clock.setSystemTime(new Date('2026-01-16T03:59:00Z'));
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Nothing is due: Refractory nephrotic syndrome' })).toBeVisible();

	// From 04:00 a new study day: two more new cards.
	await page.clock.setSystemTime(new Date('2026-01-16T04:01:00Z'));
	await page.reload();
	await expect(counts(page)).toContainText('2 new');
});

test('a card answered Again comes back within the session after its learning step', async ({ page }) => {
	await page.clock.install({ time: new Date('2026-03-02T10:00:00Z') });
	await setNewPerDay(page, 1);

	await page.goto('/study/nephrotic-syndrome');
	const q = (await question(page).textContent())!.trim();
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(page.getByRole('button', { name: /^Again/ })).toHaveAccessibleName('Again 1m');
	await page.getByRole('button', { name: /^Again/ }).click();
	// Nothing else is left, so the card is shown again early (learn-ahead), now as a learning card.
	await expect(question(page)).toHaveText(q);
	await expect(counts(page)).toContainText('0 new');
	await expect(counts(page)).toContainText('1 learning');
});

test('settings persist across reloads and invalid values are refused with a reason', async ({ page }) => {
	await page.goto('/settings');
	await page.getByLabel('Desired retention').fill('0.85');
	await page.getByLabel('Learning steps', { exact: true }).fill('2m 15m 1h');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('Settings saved.')).toBeVisible();
	await page.reload();
	await expect(page.getByLabel('Desired retention')).toHaveValue('0.85');
	await expect(page.getByLabel('Learning steps', { exact: true })).toHaveValue('2m 15m 1h');

	await page.getByLabel('Maximum reviews per day').fill('-3');
	await page.getByLabel('Relearning steps').fill('ten minutes');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('Nothing was saved')).toBeVisible();
	await expect(page.getByLabel('Maximum reviews per day')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByText('Steps are whole numbers of minutes')).toBeVisible();
	await page.reload();
	await expect(page.getByLabel('Maximum reviews per day')).toHaveValue('200');
	await expect(page.getByLabel('Relearning steps')).toHaveValue('10m');
});
