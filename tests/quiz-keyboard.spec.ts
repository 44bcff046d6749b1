// The question forms with the keyboard alone.
import { expect, test, type Page } from '@playwright/test';
import { importTestDeck, question, QUIZ_CARDS, reviewRows } from './helpers';

const answerOf = (q: string) => QUIZ_CARDS.find((c) => c.question === q)!.answer;

async function focusedName(page: Page) {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		return `${el?.getAttribute('role') ?? el?.tagName.toLowerCase()}:${el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? ''}`;
	});
}

/** Moves the question form with the arrow keys, as a radio group is used. */
async function chooseMode(page: Page, mode: string) {
	for (let i = 0; i < 40 && !(await focusedName(page)).startsWith('radio:'); i++) await page.keyboard.press('Shift+Tab');
	for (let i = 0; i < 4 && (await focusedName(page)) !== `radio:${mode}`; i++) await page.keyboard.press('ArrowRight');
	await expect(page.getByRole('radio', { name: mode })).toHaveAttribute('aria-checked', 'true');
	// The new form's controls do not take focus from the picker (nor does Flag or anything else).
	await expect(page.getByRole('radio', { name: mode })).toBeFocused();
}

test('multiple choice, typed and ordering with the keyboard alone', async ({ page }, info) => {
	await importTestDeck(page, info.outputPath('quiz.json'), QUIZ_CARDS);
	await page.goto('/study/quiz');
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
	await chooseMode(page, 'Multiple choice');

	// Letters choose; a digit before the answer is shown neither chooses nor grades.
	const q0 = (await question(page).textContent())!.trim();
	const options = page.getByRole('list', { name: 'Options' }).getByRole('button');
	const names = await options.locator('.text').allTextContents();
	const right = names.indexOf(answerOf(q0));
	await page.keyboard.press(String(right + 1));
	await expect(options.nth(right)).toBeEnabled();
	expect(await reviewRows(page)).toHaveLength(0);
	// The arrow keys move between the options (the first had focus when the question appeared).
	await options.nth(0).focus();
	await page.keyboard.press('ArrowDown');
	await expect(options.nth(1)).toBeFocused();
	await page.keyboard.press('ArrowUp');
	await page.keyboard.press('ArrowUp');
	await expect(options.nth(names.length - 1)).toBeFocused();
	await page.keyboard.press('ABCD'[right]!.toLowerCase());
	await expect(page.getByText('Right · suggested grade: Good')).toBeVisible();
	await expect(page.getByRole('button', { name: /^Good/ })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(question(page)).not.toHaveText(q0);

	// Typed: focus stays on the picker; Tab reaches the answer box; Enter checks, Enter again takes the suggestion.
	await chooseMode(page, 'Typed');
	const box = page.getByRole('textbox', { name: 'Your answer' });
	for (let i = 0; i < 12 && !(await box.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
	await expect(box).toBeFocused();
	const q1 = (await question(page).textContent())!.trim();
	await page.keyboard.type(answerOf(q1).toLowerCase());
	await page.keyboard.press('Enter');
	await expect(page.getByText('Right · suggested grade: Good')).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(question(page)).not.toHaveText(q1);
	// The next card, asked in the same form, puts focus in its answer box.
	await expect(box).toBeFocused();

	// Ordering with Move up, by Tab and Enter.
	for (let shown = (await question(page).textContent())!.trim(); shown !== QUIZ_CARDS[6]!.question; ) {
		await page.getByRole('button', { name: 'Bury' }).focus();
		await page.keyboard.press('Enter');
		await expect(question(page)).not.toHaveText(shown);
		shown = (await question(page).textContent())!.trim();
	}
	const steps = QUIZ_CARDS[6]!.items!;
	const list = page.getByRole('list', { name: /^Steps/ });
	// An ordering question puts focus on its first control: the first step's Move down.
	const first = (await list.locator('.text').first().textContent())!.trim();
	await expect(page.getByRole('button', { name: `Move down: ${first}` })).toBeFocused();
	for (let target = 0; target < steps.length; target++) {
		let at = (await list.locator('.text').allTextContents()).indexOf(steps[target]!);
		while (at > target) {
			await page.getByRole('button', { name: `Move up: ${steps[target]}` }).focus();
			await page.keyboard.press('Enter');
			at--;
			await expect(list.locator('.text').nth(at)).toHaveText(steps[target]!);
		}
	}
	await page.getByRole('button', { name: 'Check the order' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByText('Right · suggested grade: Good')).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(question(page)).not.toHaveText(QUIZ_CARDS[6]!.question);
	const rows = await reviewRows(page);
	expect(rows).toHaveLength(3);
});
