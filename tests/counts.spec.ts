// One truth for counts: Home and the study screen say the same at every moment of a learning
// session, by keyboard, with the page's clock under test control.
import { expect, test, type Page } from '@playwright/test';
import { counts, question, reviewRows } from './helpers';

test.use({ timezoneId: 'Europe/London', locale: 'en-GB' });

const DECK = 'Refractory nephrotic syndrome';

/** The deck's counts on Home, as "N new · N learning · N to review". */
async function homeCounts(page: Page): Promise<[number, number, number]> {
	await page.goto('/');
	const tile = page.getByRole('article', { name: DECK });
	await expect(tile.locator('.counts')).toBeVisible();
	const text = (await tile.locator('.counts').textContent())!;
	const m = /(\d+) new · (\d+) learning · (\d+) to review/.exec(text.replace(/\s+/g, ' '));
	expect(m, text).not.toBeNull();
	return [Number(m![1]), Number(m![2]), Number(m![3])];
}

/** The study screen's counts, once they are counted (the first card may show before them). */
async function studyCounts(page: Page): Promise<[number, number, number]> {
	await page.goto('/study/nephrotic-syndrome');
	await expect(question(page)).toBeVisible();
	await expect(counts(page)).toHaveAttribute('aria-busy', 'false');
	const text = (await counts(page).textContent())!.replace(/\s+/g, ' ');
	const m = /(\d+) new (\d+) learning (\d+) review/.exec(text);
	expect(m, text).not.toBeNull();
	return [Number(m![1]), Number(m![2]), Number(m![3])];
}

/** Shows the answer and grades the card shown, by keyboard alone. */
async function grade(page: Page, digit: string) {
	const q = (await question(page).textContent())!.trim();
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
	// A digit before the answer is shown grades nothing.
	await page.keyboard.press(digit);
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
	await page.keyboard.press('Space');
	await expect(page.getByRole('group', { name: /^How well did you remember/ })).toBeVisible();
	await page.keyboard.press(digit);
	await expect(question(page).or(page.locator('#done-heading'))).not.toHaveText(q);
}

test('Home and Study agree across a learning session, and say when learning cards shown early fall due', async ({ page }) => {
	await page.clock.install({ time: new Date('2026-02-10T09:00:00Z') });
	await page.goto('/settings');
	await page.getByLabel('New cards per day').fill('3');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('Settings saved.')).toBeVisible();

	expect(await homeCounts(page)).toEqual([3, 0, 0]);
	expect(await studyCounts(page)).toEqual([3, 0, 0]);

	// Good on a new card: a learning card due in 10 minutes, not counted while new cards remain.
	await grade(page, '3');
	expect(await reviewRows(page)).toHaveLength(1);
	const afterOne = await homeCounts(page);
	expect(afterOne).toEqual([2, 0, 0]);
	expect(await studyCounts(page)).toEqual(afterOne);

	// Again on the other two: only learning cards within the learn-ahead window are left. Both
	// screens count all three and show them early, saying when the next falls due.
	await grade(page, '1');
	await grade(page, '1');
	expect(await reviewRows(page)).toHaveLength(3);
	const ahead = await homeCounts(page);
	expect(ahead).toEqual([0, 3, 0]);
	await expect(page.getByText('Only learning cards are left today; the next is due at 09:01 (in a minute). You can study them now.')).toBeVisible();
	await expect(page.getByRole('article', { name: DECK }).getByRole('link', { name: /^Study/ })).toHaveText('Study');
	expect(await studyCounts(page)).toEqual(ahead);
	await expect(page.getByText(/^Shown early: only learning cards are left; it is due at 09:01/)).toBeVisible();

	// Half an hour later all three are due: the same three learning cards on both screens.
	await page.clock.setSystemTime(new Date('2026-02-10T09:30:00Z'));
	const due = await homeCounts(page);
	expect(due).toEqual([0, 3, 0]);
	await expect(page.getByText(/^Only learning cards are left/)).toHaveCount(0);
	expect(await studyCounts(page)).toEqual(due);
	await expect(page.getByText(/^Shown early/)).toHaveCount(0);
});

test('after a move to another page, focus is on its heading', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1, name: 'Your decks' })).toBeVisible();
	const nav = page.getByRole('navigation').getByRole('link', { name: 'Settings' });
	await nav.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
	// And the next Tab, once the page's controls are there, goes on from there into the page.
	await expect(page.getByRole('heading', { level: 2, name: 'Studying' })).toBeVisible();
	await page.keyboard.press('Tab');
	expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
});
