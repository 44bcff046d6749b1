// The study screen on a 360 px phone, by taps: one compact top row, a notice that moves nothing,
// Bury and Suspend away from the grade bar, "asked another way" in Typed mode, and ordering.
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { importTestDeck, question, QUIZ_CARDS, reviewRows } from './helpers';

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

async function fits(page: Page, where: string) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, `${where} fits 360 px`).toBe(0);
	const result = await new AxeBuilder({ page }).analyze();
	expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), where).toEqual([]);
}

/** Buries cards by taps until the card asking `q` is shown. */
async function buryUntil(page: Page, q: string) {
	for (let shown = (await question(page).textContent())!.trim(); shown !== q; ) {
		await page.getByRole('button', { name: 'Bury' }).tap();
		await expect(question(page)).not.toHaveText(shown);
		shown = (await question(page).textContent())!.trim();
	}
}

test.beforeEach(async ({ page }, info) => {
	await importTestDeck(page, info.outputPath('quiz.json'), QUIZ_CARDS);
});

test('one top row with the deck name and the forms; a notice never moves the card or the buttons; Bury and Suspend sit above the card', async ({ page }) => {
	await page.goto('/study/quiz');
	await expect(question(page)).toBeVisible();
	const radios = page.getByRole('radio');
	await expect(radios).toHaveCount(4);
	const name = await box(page, 'main h1');
	await expect(page.locator('main h1')).toHaveText('Quiz deck');
	const tops = await Promise.all([0, 1, 2, 3].map(async (i) => (await radios.nth(i).boundingBox())!));
	// One row: every form beside the deck's name, none wrapped below.
	for (const t of tops) expect(Math.abs(t.y + t.height / 2 - (name.y + name.height / 2))).toBeLessThan(12);
	await fits(page, 'study, question');

	const card = await box(page, 'article.card');
	const reveal = await box(page, '.dock');
	const bury = (await page.getByRole('button', { name: 'Bury' }).boundingBox())!;
	const suspend = (await page.getByRole('button', { name: 'Suspend' }).boundingBox())!;
	// Above the card, in the top half of the screen: far from the thumb at the bottom.
	expect(bury.y + bury.height).toBeLessThanOrEqual(card.y);
	expect(suspend.y + suspend.height).toBeLessThanOrEqual(card.y);
	expect(bury.y + bury.height).toBeLessThan(740 / 2);
	// The chosen form stands out: its name in the accent's text colour on the accent.
	const checked = page.getByRole('radio', { checked: true });
	const [fg, bg] = await checked.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
	expect(fg).not.toBe(bg);

	// A notice appears and goes: the card and the buttons stay where they were.
	await page.getByRole('button', { name: 'Flag' }).tap();
	await expect(page.getByRole('status').filter({ hasText: 'Card flagged.' })).toBeVisible();
	expect((await box(page, 'article.card')).y).toBe(card.y);
	expect((await box(page, '.dock')).y).toBe(reveal.y);
	await page.getByRole('button', { name: 'Flagged' }).tap();
	await expect(page.getByRole('status').filter({ hasText: 'Flag removed.' })).toBeVisible();
	// A long notice (the suspend one, two lines at 360 px) is held to its place too: the next card
	// starts where this one did, and after Undo this card and its buttons are back where they were.
	const q = (await question(page).textContent())!.trim();
	await page.getByRole('button', { name: 'Suspend' }).tap();
	await expect(page.getByRole('status').filter({ hasText: /^Card suspended/ })).toBeVisible();
	expect((await box(page, 'article.card')).y).toBe(card.y);
	await page.getByRole('button', { name: 'Undo' }).tap();
	await expect(page.getByRole('status').filter({ hasText: 'Suspend undone: the card is back.' })).toBeVisible();
	await expect(question(page)).toHaveText(q);
	expect((await box(page, 'article.card')).y).toBe(card.y);
	expect((await box(page, '.dock')).y).toBe(reveal.y);
	await fits(page, 'study, after a notice');
});

test('Typed mode says when a card is asked another way and why; ordering by taps, a partly right order proposing Hard', async ({ page }) => {
	await page.goto('/study/quiz');
	await page.getByRole('radio', { name: 'Typed' }).tap();
	await expect(page.getByRole('radio', { name: 'Typed' })).toHaveAttribute('aria-checked', 'true');
	// A short answer is typed: nothing to explain.
	await expect(page.getByRole('textbox', { name: 'Your answer' })).toBeVisible();
	await expect(page.locator('.why-form')).toHaveCount(0);

	const chain = QUIZ_CARDS[6]!;
	await buryUntil(page, chain.question);
	await expect(page.getByText('Asked as ordering: the steps of a chain are put in order.')).toBeVisible();
	await fits(page, 'ordering');

	// Put the chain in order with Move up, all but the last two steps, which are left swapped.
	const steps = chain.items!;
	const list = page.getByRole('list', { name: /^Steps/ });
	const start = await list.locator('.text').allTextContents();
	expect(start).not.toEqual(steps);
	expect(start).not.toEqual([...steps].reverse());
	const want = [...steps.slice(0, -2), steps[steps.length - 1]!, steps[steps.length - 2]!];
	for (let target = 0; target < want.length; target++) {
		let at = (await list.locator('.text').allTextContents()).indexOf(want[target]!);
		while (at > target) {
			await page.getByRole('button', { name: `Move up: ${want[target]}` }).tap();
			at--;
			await expect(list.locator('.text').nth(at)).toHaveText(want[target]!);
		}
	}
	await page.getByRole('button', { name: 'Check the order' }).tap();
	await expect(page.getByRole('status').filter({ hasText: 'suggested grade' })).toHaveText('Partly right · suggested grade: Hard');
	await page.getByRole('button', { name: /^Hard/ }).tap();
	await expect(question(page).or(page.locator('#done-heading'))).not.toHaveText(chain.question);
	const rows = await reviewRows(page);
	expect(rows.at(-1)).toEqual({ cardKey: 'quiz/chain', rating: 2 });
});
