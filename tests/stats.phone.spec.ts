// The statistics screen on a phone: every chart with its numbers in words, the source map leading
// to the cards of a passage, and no accessibility violations.
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { historyPackage } from './fixtures/history';

const SQL = await initSqlJs({ locateFile: (f) => path.resolve('node_modules/sql.js/dist', f) });

test('statistics of an imported history: forecast, calendar, grades, retention, states, distributions', async ({ page }, info) => {
	test.setTimeout(60_000);
	const pkg = historyPackage(SQL, 800);
	const file = info.outputPath('history.apkg');
	writeFileSync(file, pkg.bytes);
	await page.goto('/import');
	await page.getByLabel('Anki package').setInputFiles(file);
	await page.getByRole('button', { name: `Import ${pkg.cards} cards` }).tap();
	await expect(page.getByText(`Imported: ${pkg.cards} new cards, ${pkg.reviews} reviews.`)).toBeVisible();

	await page.getByRole('link', { name: 'Stats' }).tap();
	await expect(page.getByRole('heading', { name: 'Due in the next 30 days' })).toBeVisible();
	// The calendar's summary counts every imported answer.
	await expect(page.getByText(new RegExp(`on \\d+ of the last 365 days, ${pkg.reviews} answers in all\\.`))).toBeVisible();
	for (const name of ['Answer buttons per day, last 30 days', 'Minutes per day, last 30 days', 'True retention', 'Cards by state', 'Stability (days until recall falls to 90 %)', 'Difficulty (1 easiest, 10 hardest)', 'Predicted recall now']) {
		await expect(page.getByRole('heading', { name })).toBeVisible();
	}
	// Every chart is drawn, and every chart's figure carries its numbers as a table.
	await expect(page.locator('.chart canvas').first()).toBeVisible();
	const figures = page.locator('figure');
	expect(await figures.count()).toBeGreaterThanOrEqual(7);
	for (const fig of await figures.all()) await expect(fig.locator('table')).toHaveCount(1);
	await page.getByText('Due in the next 30 days: the numbers').tap();
	await expect(page.getByRole('row', { name: /^Today \(and overdue\) \d+$/ })).toBeVisible();
	const mature = Number(await page.getByRole('row', { name: /^Mature/ }).getByRole('cell').textContent());
	const young = Number(await page.getByRole('row', { name: /^Young/ }).getByRole('cell').textContent());
	expect(mature + young).toBeGreaterThan(0);
	const r = await new AxeBuilder({ page }).analyze();
	expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('the source map colours the passages studied and a tap leads to their cards', async ({ page }) => {
	await page.goto('/study/nephrotic-syndrome');
	// Three new cards answered Good (Space shows the answer, then takes the suggested Good).
	for (let i = 0; i < 3; i++) {
		await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
		await page.keyboard.press('Space');
		await expect(page.getByRole('button', { name: /^Good/ })).toBeVisible();
		await page.keyboard.press('Space');
	}
	await expect.poll(async () => (await page.evaluate(() => document.querySelector('.notice')?.textContent ?? ''))).toContain('3 this session');
	await page.goto('/stats?deck=nephrotic-syndrome');
	await expect(page.getByRole('heading', { name: /^Source map: what you know of/ })).toBeVisible();
	const studied = page.locator('a.passage').filter({ hasText: /Recall \d+ % · \d+ of \d+ cards? studied/ });
	await expect(studied.first()).toBeVisible();
	await expect(page.locator('a.passage').filter({ hasText: 'not studied yet' }).first()).toBeVisible();
	const r = await new AxeBuilder({ page }).analyze();
	expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

	const label = (await studied.first().locator('.figure').textContent())!;
	const cards = Number(/of (\d+) cards?/.exec(label)![1]);
	await studied.first().tap();
	await expect(page.getByText('Cards from one passage of the source')).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: /^\d+ cards?$/ })).toHaveText(`${cards} card${cards === 1 ? '' : 's'}`);
});
