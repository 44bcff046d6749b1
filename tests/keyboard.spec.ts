// A learner on a laptop with the keyboard alone.
import { expect, test, type Page } from '@playwright/test';
import { counts, question, reviewRows } from './helpers';

async function tabTo(page: Page, name: RegExp) {
	for (let i = 0; i < 30; i++) {
		await page.keyboard.press('Tab');
		const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
		if (name.test(focused)) return;
	}
	throw new Error(`never reached ${name} with Tab`);
}

test('study three cards, then undo, with the keyboard alone', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study/ })).toBeVisible();
	await tabTo(page, /^Study/);
	await page.keyboard.press('Enter');
	await expect(counts(page)).toContainText('20 new');

	const seen: string[] = [];
	// Space reveals, then each of the three ways of grading from the keyboard.
	for (const grade of ['3', 'Enter', '4']) {
		const q = (await question(page).textContent())!.trim();
		seen.push(q);
		await page.keyboard.press('Space');
		await expect(page.getByText('From the source:')).toBeVisible();
		await expect(page.getByRole('button', { name: /^Good/ })).toBeFocused();
		await page.keyboard.press(grade);
		await expect(question(page)).not.toHaveText(q);
		await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
	}
	const rows = await reviewRows(page);
	expect(rows.map((r) => r.rating).sort()).toEqual([3, 3, 4]);
	await expect(counts(page)).toContainText('17 new');

	// Z takes the last answer back: the card returns and its review row is gone.
	await page.keyboard.press('z');
	await expect(question(page)).toHaveText(seen[2]!);
	await expect(counts(page)).toContainText('18 new');
	expect(await reviewRows(page)).toHaveLength(2);
	// Enter on the question reveals too; 1 grades Again.
	await page.keyboard.press('Enter');
	await page.keyboard.press('1');
	await expect(question(page)).not.toHaveText(seen[2]!);
	expect((await reviewRows(page)).map((r) => r.rating).sort()).toEqual([1, 3, 3]);
});

test('holding Enter shows the answer once and grades nothing', async ({ page }) => {
	await page.goto('/study/nephrotic-syndrome');
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
	const q = (await question(page).textContent())!.trim();
	for (let i = 0; i < 8; i++) await page.keyboard.down('Enter'); // the 2nd to 8th are key repeats
	await page.keyboard.up('Enter');
	await expect(page.getByRole('button', { name: /^Good/ })).toBeFocused();
	await expect(question(page)).toHaveText(q);
	expect(await reviewRows(page)).toHaveLength(0);
	// A fresh press grades.
	await page.keyboard.press('Enter');
	await expect(question(page)).not.toHaveText(q);
	expect(await reviewRows(page)).toHaveLength(1);
});

test('focus is always visible on the study screen', async ({ page }) => {
	await page.goto('/study/nephrotic-syndrome');
	const reveal = page.getByRole('button', { name: 'Show answer' });
	await expect(reveal).toBeFocused();
	await page.keyboard.press('Tab');
	await page.keyboard.press('Shift+Tab');
	const outline = await reveal.evaluate((el) => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth);
	expect(outline).toMatch(/solid [1-9]/);
});
