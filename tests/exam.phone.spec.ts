// An exam date on a deck: set on the phone, its extra daily load shown, removed again.
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import initSqlJs from 'sql.js';
import AxeBuilder from '@axe-core/playwright';
import { historyPackage } from './fixtures/history';

const SQL = await initSqlJs({ locateFile: (f) => path.resolve('node_modules/sql.js/dist', f) });

test('an exam date keeps a deck at the target recall, shows what it costs a day, and can be removed', async ({ page }, info) => {
	test.setTimeout(90_000);
	const pkg = historyPackage(SQL, 900);
	const file = info.outputPath('history.apkg');
	writeFileSync(file, pkg.bytes);
	await page.goto('/import');
	await page.getByLabel('Anki package').setInputFiles(file);
	await page.getByRole('button', { name: `Import ${pkg.cards} cards` }).tap();
	await expect(page.getByText(`Imported: ${pkg.cards} new cards, ${pkg.reviews} reviews.`)).toBeVisible();
	await page.getByRole('link', { name: 'browse its cards' }).tap();
	await expect(page.getByRole('heading', { name: 'Browse cards' })).toBeVisible();

	await expect(page.getByRole('heading', { name: 'Exam date' })).toBeVisible();
	const soon = new Date(Date.now() + 30 * 86_400_000);
	const date = `${soon.getFullYear()}-${String(soon.getMonth() + 1).padStart(2, '0')}-${String(soon.getDate()).padStart(2, '0')}`;
	await page.getByLabel('Exam date', { exact: true }).and(page.locator('input')).fill(date);
	await page.getByLabel('Recall on the day').fill('0.97');
	await page.getByRole('button', { name: 'Set the exam date' }).tap();
	await expect(page.getByText(/^Exam date saved: until then this deck's cards are kept at 97 % recall\. \d+ cards rescheduled\.$/)).toBeVisible({ timeout: 30_000 });
	const load = page.getByText(/^Until the exam \(\d+ days\): about [\d.]+ reviews a day/);
	await expect(load).toBeVisible({ timeout: 30_000 });
	const text = (await load.textContent())!;
	const more = Number(/([\d.]+) more than without the exam date/.exec(text)![1]);
	expect(more).toBeGreaterThan(0);
	const r = await new AxeBuilder({ page }).analyze();
	expect(r.violations.map((v) => v.id)).toEqual([]);

	// Bad input changes nothing.
	await page.getByLabel('Recall on the day').fill('2');
	await page.getByRole('button', { name: 'Change the exam date' }).tap();
	await expect(page.getByText('Nothing was saved: the target recall must be between 0.70 and 0.99.')).toBeVisible();

	await page.getByRole('button', { name: 'Remove it' }).tap();
	await expect(page.getByText(/^Exam date removed: this deck is scheduled as usual\. \d+ cards rescheduled\.$/)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Exam date' })).toBeVisible();
	await expect(load).toBeHidden();
});
