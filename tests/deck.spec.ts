// The shipped nephrotic-syndrome deck as a learner reads it: the article's words on the card and
// in the document, and how a garbled translation was read shown beside them, never inside them.
import { expect, test } from '@playwright/test';
import { question } from './helpers';

test('a card shows the article\'s passage, and the note on how its numbers were read apart from it', async ({ page }) => {
	await page.goto('/study/nephrotic-syndrome');
	// The eighth new card is the article's definition of frequent relapses.
	for (let i = 0; i < 7; i++) {
		const q = (await question(page).textContent())!.trim();
		await page.getByRole('button', { name: 'Bury' }).click();
		await expect(question(page)).not.toHaveText(q);
	}
	await expect(question(page)).toHaveText('How does the article define frequently relapsing nephrotic syndrome?');
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(page.locator('#answer')).toContainText('Two or more relapses within six months of a remission, or three or more within one year.');
	const source = page.getByRole('complementary', { name: 'From the source' });
	await expect(source.locator('blockquote')).toContainText('two or more relapses within six months after a remission, or three or more relapses within one year');
	await expect(source.locator('blockquote')).not.toContainText('translation');
	await expect(source.locator('p', { hasText: 'About this passage:' })).toContainText('"more than 2 or 2 times"');
});

test('the document: the hypercoagulable state is one factor among others, and "thrombosis, microcirculation" is flagged, not read one way', async ({ page }) => {
	await page.goto('/decks/nephrotic-syndrome/source');
	await expect(page.locator('#hc-role')).toContainText('one of the factors that lead to refractory nephrotic syndrome');
	await expect(page.locator('#hc-role')).not.toContainText('main');
	await expect(page.locator('#hc-5')).toHaveText('Fifth, platelets adhere and aggregate more readily, which easily leads to thrombosis.');
	const note = page.locator('#hc-5 + p');
	await expect(note).toContainText('About this passage:');
	await expect(note).toContainText('thrombosis in the microcirculation, or thrombosis together with a disturbance of the microcirculation');
});

test('an unknown page and an unknown deck say so, with a way back, on every screen', async ({ page }) => {
	await page.goto('/no-such-page');
	await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
	await page.getByRole('link', { name: 'Back to your decks' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Your decks' })).toBeVisible();
	for (const path of ['/decks/no-such-deck', '/decks/no-such-deck/source', '/study/no-such-deck']) {
		await page.goto(path);
		await expect(page.getByRole('heading', { name: 'No such deck' })).toBeVisible();
		await expect(page.getByText('There is no deck called “no-such-deck” on this device.')).toBeVisible();
	}
	await page.goto('/decks/nephrotic-syndrome');
	await expect(page.getByRole('heading', { level: 1, name: /^Browse cards: / })).toBeVisible();
});
