// Each question form answered by taps on a 360 px phone, and what the review log keeps of it.
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { importTestDeck, question, QUIZ_CARDS } from './helpers';

async function study(page: Page, mode: 'Multiple choice' | 'Typed' | 'Mixed' | 'Flip') {
	await page.goto('/study/quiz');
	await page.getByRole('radio', { name: mode }).tap();
	await expect(page.getByRole('radio', { name: mode })).toHaveAttribute('aria-checked', 'true');
}

/** axe finds nothing, and nothing is wider than the 360 px screen. */
async function noViolations(page: Page, where: string) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, `${where} fits 360 px`).toBe(0);
	const result = await new AxeBuilder({ page }).analyze();
	expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), where).toEqual([]);
}

const answerOf = (q: string) => QUIZ_CARDS.find((c) => c.question === q)!.answer;

test.beforeEach(async ({ page }, info) => {
	await importTestDeck(page, info.outputPath('quiz.json'), QUIZ_CARDS);
});

test('multiple choice by taps: a right pick proposes Good, a wrong one Again and is remembered as a confusion', async ({ page }) => {
	await study(page, 'Multiple choice');
	const options = page.getByRole('list', { name: 'Options' }).getByRole('button');
	await expect(options).toHaveCount(4);
	await noViolations(page, 'multiple choice');
	let q = (await question(page).textContent())!.trim();
	await page.getByRole('button', { name: answerOf(q), exact: true }).tap();
	await expect(page.getByRole('status').filter({ hasText: 'suggested grade' })).toHaveText('Right · suggested grade: Good');
	await expect(page.getByRole('button', { name: /^Good/ })).toBeFocused();
	await page.getByRole('button', { name: /^Good/ }).tap();

	await expect(question(page)).not.toHaveText(q);
	q = (await question(page).textContent())!.trim();
	const wrong = options.filter({ hasNotText: answerOf(q) }).first();
	const wrongText = (await wrong.locator('.text').textContent())!.trim();
	await wrong.tap();
	await expect(page.getByText('✗ Your choice')).toBeVisible();
	await expect(page.getByText('✓ The right answer')).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'suggested grade' })).toHaveText('Not quite · suggested grade: Again');
	await page.getByRole('button', { name: /^Hard/ }).tap(); // the learner may overrule the suggestion
	await expect(question(page)).not.toHaveText(q); // saved

	await page.goto('/decks/quiz');
	await expect(page.getByRole('heading', { name: 'Facts you confuse' })).toBeVisible();
	await expect(page.getByText(`you chose the answer to “${QUIZ_CARDS.find((c) => c.answer === wrongText)!.question}” 1 time`)).toBeVisible();
	await page.getByRole('button', { name: new RegExp(`^${q.replace(/[?]/g, '\\?')}`) }).tap();
	const history = page.getByRole('table', { name: 'Review history' });
	await expect(history.getByRole('row').nth(1)).toContainText(`Multiple choice (picked “${wrongText}”)`);
	await expect(history.getByRole('row').nth(1).getByRole('cell').nth(2)).toHaveText('Again');
	await expect(history.getByRole('row').nth(1).getByRole('cell').nth(3)).toHaveText('Hard');
});

test('typed by taps: lenient on spelling, strict on the word; the difference is shown', async ({ page }) => {
	await study(page, 'Typed');
	await expect(page.getByLabel('Your answer')).toBeVisible();
	await noViolations(page, 'typed');
	await page.getByLabel('Your answer').fill('fibrinogn');
	await page.getByRole('button', { name: 'Check' }).tap();
	await expect(page.getByRole('status').filter({ hasText: 'suggested grade' })).toHaveText('Right · suggested grade: Good');
	await page.getByRole('button', { name: /^Good/ }).tap();

	await expect(question(page)).toHaveText(QUIZ_CARDS[1]!.question);
	await page.getByRole('button', { name: 'Hint' }).tap();
	await expect(page.getByText(/^Hint:/)).toContainText('A·');
	await page.getByLabel('Your answer').fill('heparin');
	await page.getByRole('button', { name: 'Check' }).tap();
	await expect(page.getByRole('status').filter({ hasText: 'suggested grade' })).toHaveText('Not quite · suggested grade: Again');
	await expect(page.getByLabel('What you typed compared with the answer')).toContainText('heparin');
	await page.getByRole('button', { name: /^Again/ }).tap();
	await expect(question(page)).toHaveText(QUIZ_CARDS[2]!.question);
});

test('list recall typed and ordering by taps, with partial credit', async ({ page }) => {
	await study(page, 'Typed');
	// Bury the five term cards to reach the list and the chain.
	for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Bury' }).tap();
	await expect(question(page)).toHaveText(QUIZ_CARDS[5]!.question);
	await noViolations(page, 'list recall');
	await page.getByLabel('Type the 3 items, one per line').fill('plasminogen lost in urine\nPAI rises');
	await page.getByRole('button', { name: 'Check' }).tap();
	await expect(page.getByText('2 of 3 found.')).toBeVisible();
	await expect(page.getByText('✗ Missed: TAFI activity rises')).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'suggested grade' })).toHaveText('Partly right · suggested grade: Hard');
	await page.getByRole('button', { name: /^Hard/ }).tap();

	await expect(question(page)).toHaveText(QUIZ_CARDS[6]!.question);
	await noViolations(page, 'ordering');
	const steps = QUIZ_CARDS[6]!.items!;
	// Put each step in place with the Move up buttons.
	for (let target = 0; target < steps.length; target++) {
		const texts = await page.getByRole('list', { name: /^Steps/ }).locator('.text').allTextContents();
		let at = texts.indexOf(steps[target]!);
		while (at > target) {
			await page.getByRole('button', { name: `Move up: ${steps[target]}` }).tap();
			at--;
		}
	}
	await expect(page.getByRole('list', { name: /^Steps/ }).locator('.text')).toHaveText(steps);
	await page.getByRole('button', { name: 'Check the order' }).tap();
	await expect(page.getByRole('status').filter({ hasText: 'suggested grade' })).toHaveText('Right · suggested grade: Good');
});

test('the chosen form is kept in settings', async ({ page }) => {
	await study(page, 'Typed');
	await page.reload();
	await expect(page.getByRole('radio', { name: 'Typed' })).toHaveAttribute('aria-checked', 'true');
	await page.goto('/settings');
	await expect(page.getByLabel('Question form')).toHaveValue('typed');
});

test('ordering by dragging a step with a finger (pointer) into place', async ({ page }) => {
	await study(page, 'Typed');
	for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Bury' }).tap();
	await expect(question(page)).toHaveText(QUIZ_CARDS[6]!.question);
	const steps = QUIZ_CARDS[6]!.items!;
	const list = page.getByRole('list', { name: /^Steps/ });
	for (let target = 0; target < steps.length; target++) {
		const texts = await list.locator('.text').allTextContents();
		const at = texts.indexOf(steps[target]!);
		if (at === target) continue;
		// The whole list in view (a finger cannot drag what is off the screen), then measured.
		await list.evaluate((el) => el.scrollIntoView({ block: 'center' }));
		const handle = (await list.getByRole('button', { name: `Drag to reorder: ${steps[target]}` }).boundingBox())!;
		const dest = (await list.locator('li').nth(target).boundingBox())!;
		await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
		await page.mouse.down();
		// Just inside the target row's top: the rows above it are placed and keep their heights,
		// while its own height changes as steps of other lengths pass through it.
		await page.mouse.move(handle.x + handle.width / 2, dest.y + 4, { steps: 8 });
		await page.mouse.up();
	}
	await expect(list.locator('.text')).toHaveText(steps);
	await page.getByRole('button', { name: 'Check the order' }).tap();
	await expect(page.getByRole('status').filter({ hasText: 'suggested grade' })).toHaveText('Right · suggested grade: Good');
});
