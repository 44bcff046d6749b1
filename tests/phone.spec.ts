// A learner on a 360 px phone, studying with taps.
import { expect, test } from '@playwright/test';
import { counts, openDeck, question, reviewRows, waitForOffline } from './helpers';

test('five cards studied with taps survive a reload and an offline reload, and the queue moves on', async ({ page, context }) => {
	await openDeck(page);
	await expect(counts(page)).toContainText('20 new');
	const studied: string[] = [];
	for (let i = 0; i < 5; i++) {
		const q = (await question(page).textContent())!.trim();
		studied.push(q);
		await page.getByRole('button', { name: 'Show answer' }).tap();
		await expect(page.getByText('From the source:')).toBeVisible();
		await page.getByRole('button', { name: /^Good/ }).tap();
		await expect(question(page)).not.toHaveText(q);
	}
	expect(new Set(studied).size).toBe(5);
	await expect(counts(page)).toContainText('15 new');

	await page.reload();
	await expect(counts(page)).toContainText('15 new');
	const rows = await reviewRows(page);
	expect(rows).toHaveLength(5);
	expect(rows.every((r) => r.rating === 3)).toBe(true);
	// The five studied cards wait for their 10-minute step: the card shown now is a new one.
	const next = (await question(page).textContent())!.trim();
	expect(studied).not.toContain(next);

	await page.getByRole('link', { name: '← Decks' }).tap();
	await expect(page.getByText('studied today: 5 answers')).toBeVisible();

	// No signal: the app still loads from the service worker and goes on where it stopped.
	await waitForOffline(page);
	await context.setOffline(true);
	await page.reload();
	await page.getByRole('link', { name: /^Study/ }).tap();
	await expect(counts(page)).toContainText('15 new');
	const offlineCard = (await question(page).textContent())!.trim();
	expect(studied).not.toContain(offlineCard);
	await page.getByRole('button', { name: 'Show answer' }).tap();
	await page.getByRole('button', { name: /^Good/ }).tap();
	await expect(counts(page)).toContainText('14 new');
	expect(await reviewRows(page)).toHaveLength(6);
	await context.setOffline(false);
});

test('grade buttons and Show answer are big enough for a thumb and fit the screen', async ({ page }) => {
	await openDeck(page);
	const reveal = await page.getByRole('button', { name: 'Show answer' }).boundingBox();
	expect(reveal!.height).toBeGreaterThanOrEqual(44);
	await page.getByRole('button', { name: 'Show answer' }).tap();
	for (const name of ['Again', 'Hard', 'Good', 'Easy']) {
		const box = (await page.getByRole('button', { name: new RegExp(`^${name}`) }).boundingBox())!;
		expect(box.height).toBeGreaterThanOrEqual(44);
		expect(box.width).toBeGreaterThanOrEqual(44);
		expect(box.x + box.width).toBeLessThanOrEqual(360);
	}
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBe(0);
});

test('bury, suspend and flag from the study screen; unsuspend from Browse', async ({ page }) => {
	await openDeck(page);
	const first = (await question(page).textContent())!.trim();
	await page.getByRole('button', { name: 'Flag' }).tap();
	await expect(page.getByRole('button', { name: 'Flagged', exact: true })).toHaveAttribute('aria-pressed', 'true');
	await page.getByRole('button', { name: 'Suspend' }).tap();
	await expect(question(page)).not.toHaveText(first);
	await expect(page.getByText('Card suspended.')).toBeVisible();
	const second = (await question(page).textContent())!.trim();
	await page.getByRole('button', { name: 'Bury' }).tap();
	await expect(question(page)).not.toHaveText(second);

	await page.goto('/decks/nephrotic-syndrome');
	await page.getByLabel('Show').selectOption('suspended');
	await expect(page.getByRole('status').filter({ hasText: 'card' })).toHaveText('1 card');
	await expect(page.getByText(first)).toBeVisible();
	await expect(page.getByText(/Suspended ·/)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Flagged', exact: true })).toHaveAttribute('aria-pressed', 'true');
	await page.getByRole('button', { name: 'Unsuspend' }).tap();
	await expect(page.getByRole('status').filter({ hasText: 'card' })).toHaveText('0 cards');

	await page.getByLabel('Show').selectOption('buried');
	await expect(page.getByText(second)).toBeVisible();

	await page.goto('/');
	await page.getByRole('link', { name: /^Study/ }).tap();
	// The unsuspended card is back at the head of the new queue; the buried one waits for tomorrow.
	await expect(question(page)).toHaveText(first);
});
