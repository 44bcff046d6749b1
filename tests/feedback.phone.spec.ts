// After any check, on a 360 x 740 phone: the verdict (with what differed) is the first thing under
// the question and on screen without scrolling; nothing is wider than the screen; the suggested
// grade has the focus. Select-all-that-apply by taps.
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { importTestDeck, question, QUIZ_CARDS } from './helpers';

const verdict = (page: Page) => page.getByRole('status').filter({ hasText: 'suggested grade' });

async function study(page: Page, mode: 'Multiple choice' | 'Typed') {
	await page.goto('/study/quiz');
	await page.getByRole('radio', { name: mode }).tap();
	await expect(page.getByRole('radio', { name: mode })).toHaveAttribute('aria-checked', 'true');
}

/** The verdict sits right under the question, fully inside the screen above the grade bar. */
async function verdictInView(page: Page, where: string) {
	await expect(verdict(page)).toBeVisible();
	await page.waitForTimeout(100); // the scroll into view runs on the next frame
	const v = (await verdict(page).boundingBox())!;
	const q = (await question(page).boundingBox())!;
	const dock = (await page.getByRole('group', { name: /How well did you remember/ }).boundingBox())!;
	const height = page.viewportSize()!.height;
	expect(v.y, `${where}: verdict below the question`).toBeGreaterThanOrEqual(q.y + q.height - 1);
	expect(v.y, `${where}: verdict on screen`).toBeGreaterThanOrEqual(0);
	expect(v.y + v.height, `${where}: verdict above the grade bar`).toBeLessThanOrEqual(Math.min(height, dock.y) + 1);
	// Nothing of the card comes between the question and the verdict: the answer follows it.
	const answer = await page.locator('#answer').boundingBox();
	if (answer) expect(answer.y, `${where}: answer after the verdict`).toBeGreaterThan(v.y);
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, `${where}: fits 360 px`).toBe(0);
}

async function noViolations(page: Page, where: string) {
	const result = await new AxeBuilder({ page }).analyze();
	expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), where).toEqual([]);
}

const LONG = 'Antithrombinthree-and-vitamin-K-dependent-protein-S-are-both-lost-in-large-amounts-in-the-urine-of-nephrotic-patients';

test.beforeEach(async ({ page }, info) => {
	await importTestDeck(page, info.outputPath('quiz.json'), QUIZ_CARDS);
});

test('multiple choice: a wrong tap puts the verdict and both marks in view', async ({ page }) => {
	await study(page, 'Multiple choice');
	const options = page.getByRole('list', { name: 'Options' }).getByRole('button');
	await expect(options).toHaveCount(4);
	const q = (await question(page).textContent())!.trim();
	const right = QUIZ_CARDS.find((c) => c.question === q)!.answer;
	await options.filter({ hasNotText: right }).last().tap();
	await expect(verdict(page)).toHaveText('Not quite · suggested grade: Again');
	// The marks come with the verdict: what was chosen, and the right answer.
	const marks = page.getByText(/^✗ You chose .+; ✓ the answer is /);
	await expect(marks).toContainText(`the answer is ${right}`);
	await verdictInView(page, 'multiple choice');
	await expect(marks).toBeInViewport({ ratio: 1 });
	await expect(page.getByText('✓ The right answer')).toBeVisible();
	await expect(page.getByRole('button', { name: /^Again/ })).toBeFocused();
});

test('typed: a long wrong answer wraps, and the verdict says what differed', async ({ page }) => {
	await study(page, 'Typed');
	await page.getByLabel('Your answer').fill('factor VII');
	await page.getByRole('button', { name: 'Check' }).tap();
	// The first card asks for fibrinogen: factor VII is another named thing.
	await expect(verdict(page)).toHaveText('Not quite · suggested grade: Again');
	await verdictInView(page, 'typed (short)');
	await page.getByRole('button', { name: /^Again/ }).tap();

	await expect(question(page)).toHaveText(QUIZ_CARDS[1]!.question);
	await page.getByLabel('Your answer').fill(LONG);
	await page.getByRole('button', { name: 'Check' }).tap();
	await expect(verdict(page)).toBeVisible();
	await verdictInView(page, 'typed (long)');
	await expect(page.getByLabel('What you typed compared with the answer')).toContainText('Antithrombinthree');
	await noViolations(page, 'typed result');
});

test('select all that apply by taps: items among wrong ones, partial credit, axe clean', async ({ page }) => {
	await study(page, 'Multiple choice');
	for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Bury' }).tap();
	await expect(question(page)).toHaveText(QUIZ_CARDS[5]!.question);
	const group = page.getByRole('group', { name: 'Select all that apply' });
	await expect(group).toBeVisible();
	const boxes = group.getByRole('checkbox');
	expect(await boxes.count()).toBeGreaterThanOrEqual(5);
	for (const item of QUIZ_CARDS[5]!.items!) await expect(group.getByRole('checkbox', { name: item, exact: true })).toHaveCount(1);
	await noViolations(page, 'select all that apply');
	// Two of the three items and one wrong option.
	await group.getByRole('checkbox', { name: 'Plasminogen is lost in the urine' }).tap();
	await group.getByRole('checkbox', { name: 'PAI activity rises', exact: true }).tap();
	const wrong = (await boxes.evaluateAll((els) => els.map((e) => e.closest('label')!.textContent!.trim()))).find((t) => !QUIZ_CARDS[5]!.items!.includes(t))!;
	await group.getByRole('checkbox', { name: wrong, exact: true }).tap();
	await page.getByRole('button', { name: 'Check' }).tap();
	await expect(verdict(page)).toHaveText('Partly right · suggested grade: Hard');
	await verdictInView(page, 'select all that apply');
	await expect(page.getByText(`✗ Does not belong, ticked: ${wrong}`)).toBeVisible();
	await expect(page.getByText('✗ Belongs, not ticked: TAFI activity rises')).toBeVisible();
	await expect(page.getByRole('button', { name: /^Hard/ })).toBeFocused();
	await noViolations(page, 'select all that apply, checked');
	await page.getByRole('button', { name: /^Hard/ }).tap();
	await expect(question(page)).not.toHaveText(QUIZ_CARDS[5]!.question);

	await page.goto('/decks/quiz');
	await page.getByRole('button', { name: new RegExp(`^${QUIZ_CARDS[5]!.question.replace(/[.?]/g, '\\$&')}`) }).tap();
	await expect(page.getByRole('table', { name: 'Review history' }).getByRole('row').nth(1)).toContainText('Select all that apply');
});

test('ordering and list recall: the verdict comes first under the question', async ({ page }) => {
	await study(page, 'Typed');
	for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Bury' }).tap();
	await page.getByLabel('Type the 3 items, one per line').fill('plasminogen lost in urine\nPAI activity rises\nTAFI activity falls');
	await page.getByRole('button', { name: 'Check' }).tap();
	await expect(verdict(page)).toHaveText('Partly right · suggested grade: Hard');
	await verdictInView(page, 'list recall');
	await page.getByRole('button', { name: /^Hard/ }).tap();
	await expect(question(page)).toHaveText(QUIZ_CARDS[6]!.question);
	await page.getByRole('button', { name: 'Check the order' }).tap();
	await expect(verdict(page)).toBeVisible();
	await verdictInView(page, 'ordering');
});
