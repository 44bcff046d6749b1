// At 1280 x 800 with the keyboard alone: the verdict is in view after each check, and
// select-all-that-apply is answered with Tab and Space.
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { importTestDeck, question, QUIZ_CARDS, reviewRows } from './helpers';

const verdict = (page: Page) => page.getByRole('status').filter({ hasText: 'suggested grade' });

async function inView(page: Page) {
	await page.waitForTimeout(100);
	const v = (await verdict(page).boundingBox())!;
	const q = (await question(page).boundingBox())!;
	expect(v.y).toBeGreaterThanOrEqual(q.y + q.height - 1);
	expect(v.y).toBeGreaterThanOrEqual(0);
	expect(v.y + v.height).toBeLessThanOrEqual(800);
}

async function focusedText(page: Page) {
	return page.evaluate(() => (document.activeElement?.closest('label') ?? document.activeElement)?.textContent?.trim() ?? '');
}

test('select all that apply and typed, by keyboard, with the verdict in view', async ({ page }, info) => {
	await importTestDeck(page, info.outputPath('quiz.json'), QUIZ_CARDS);
	await page.goto('/study/quiz');
	await page.getByRole('radio', { name: 'Flip' }).focus();
	await page.keyboard.press('ArrowRight');
	await expect(page.getByRole('radio', { name: 'Multiple choice' })).toHaveAttribute('aria-checked', 'true');
	// Reach the list card: bury the five term cards from the keyboard.
	for (let i = 0; i < 5; i++) {
		const shown = (await question(page).textContent())!.trim();
		await page.getByRole('button', { name: 'Bury' }).focus();
		await page.keyboard.press('Enter');
		await expect(question(page)).not.toHaveText(shown);
	}
	await expect(question(page)).toHaveText(QUIZ_CARDS[5]!.question);
	const group = page.getByRole('group', { name: 'Select all that apply' });
	await expect(group.getByRole('checkbox').first()).toBeFocused();
	const axe = await new AxeBuilder({ page }).analyze();
	expect(axe.violations.map((v) => v.id)).toEqual([]);
	// Tick every item with Space, moving with Tab; then Tab to Check and Enter.
	const count = await group.getByRole('checkbox').count();
	for (let i = 0; i < count; i++) {
		if (QUIZ_CARDS[5]!.items!.includes(await focusedText(page))) await page.keyboard.press('Space');
		await page.keyboard.press('Tab');
	}
	await expect(page.getByRole('button', { name: 'Check' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(verdict(page)).toHaveText('Right · suggested grade: Good');
	await inView(page);
	await expect(page.getByRole('button', { name: /^Good/ })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(question(page)).toHaveText(QUIZ_CARDS[6]!.question);
	expect((await reviewRows(page)).at(-1)).toMatchObject({ cardKey: 'quiz/list', rating: 3 });
});

test('typed by keyboard: a near-miss name is refused with what differed, in view', async ({ page }, info) => {
	await importTestDeck(page, info.outputPath('quiz.json'), QUIZ_CARDS);
	await page.goto('/study/quiz');
	await page.getByRole('radio', { name: 'Typed' }).click();
	// Bury to the factor VIII card.
	for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Bury' }).click();
	await expect(question(page)).toHaveText(QUIZ_CARDS[4]!.question);
	await page.getByRole('textbox', { name: 'Your answer' }).focus();
	await page.keyboard.type('factor VII');
	await page.keyboard.press('Enter');
	await expect(verdict(page)).toHaveText('Not quite · suggested grade: Again');
	await expect(page.getByText('You wrote factor VII; the answer is Factor VIII.')).toBeVisible();
	await inView(page);
	await expect(page.getByRole('button', { name: /^Again/ })).toBeFocused();
});
