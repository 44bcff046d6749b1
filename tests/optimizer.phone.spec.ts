// A learner with weeks of history fits FSRS to it on the phone, compares, applies, goes back.
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { historyPackage } from './fixtures/history';
import { waitForOffline } from './helpers';

const SQL = await initSqlJs({ locateFile: (f) => path.resolve('node_modules/sql.js/dist', f) });

async function importHistory(page: Page, file: string, answers: number) {
	const pkg = historyPackage(SQL, answers);
	writeFileSync(file, pkg.bytes);
	await page.goto('/import');
	await page.getByLabel('Anki package').setInputFiles(file);
	await page.getByRole('button', { name: `Import ${pkg.cards} cards` }).tap();
	await expect(page.getByText(`Imported: ${pkg.cards} new cards, ${pkg.reviews} reviews.`)).toBeVisible();
	return pkg;
}

/** The parameters stored in the settings, read from the app's database. */
function storedParameters(page: Page) {
	return page.evaluate(
		() =>
			new Promise<{ parameters: number[] | null; previousParameters: number[] | null }>((resolve, reject) => {
				const open = indexedDB.open('docdeck');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction('meta').objectStore('meta').get('studySettings');
					req.onsuccess = () => {
						const v = (req.result?.value ?? {}) as { parameters?: number[] | null; previousParameters?: number[] | null };
						resolve({ parameters: v.parameters ?? null, previousParameters: v.previousParameters ?? null });
						open.result.close();
					};
				};
			})
	);
}

test('import a history, optimise, see the before/after figures, apply and go back', async ({ page }, info) => {
	test.setTimeout(120_000);
	await importHistory(page, info.outputPath('history.apkg'), 1500);
	await page.goto('/settings');
	await expect(page.getByText('In use: FSRS-6\'s default parameters.')).toBeVisible();
	// Started and cancelled: nothing changes.
	await page.getByRole('button', { name: 'Optimise from my reviews' }).tap();
	await expect(page.getByRole('status').filter({ hasText: /Reading your review log|Fitting the parameters|Starting/ }).first()).toBeVisible();
	await page.getByRole('button', { name: 'Cancel' }).tap();
	await expect(page.getByText('The optimiser was stopped; nothing was changed.')).toBeVisible();

	await page.getByRole('button', { name: 'Optimise from my reviews' }).tap();

	const table = page.getByRole('table', { name: /How well each set predicts your own answers/ });
	await expect(table).toBeVisible({ timeout: 90_000 });
	await expect(page.getByText(/^Fitted to [\d,]+ reviews of \d+ cards \(1,500 answers in all\)\.$/)).toBeVisible();
	const figures = (await table.locator('td').allTextContents()).map(Number);
	expect(figures).toHaveLength(4);
	for (const x of figures) expect(x).toBeGreaterThan(0);
	const [lossNow, , lossFitted] = figures as [number, number, number, number];
	await expect(page.getByText(lossFitted < lossNow ? 'The fitted parameters predict your recall better.' : /do not predict your recall better/)).toBeVisible();
	expect((await storedParameters(page)).parameters).toBeNull();

	await new AxeBuilder({ page }).analyze().then((r) => expect(r.violations.map((v) => v.id)).toEqual([]));

	await page.getByRole('button', { name: 'Apply the fitted parameters' }).tap();
	await expect(page.getByText(/^Your own parameters are in use: \d+ cards rescheduled from their reviews\.$/)).toBeVisible();
	await expect(page.getByText('In use: your own parameters.')).toBeVisible();
	const stored = await storedParameters(page);
	expect(stored.parameters).toHaveLength(21);
	expect(stored.previousParameters).toBeNull();

	// Still there after a reload; and going back restores the defaults.
	await page.reload();
	await expect(page.getByText('In use: your own parameters.')).toBeVisible();
	await page.getByRole('button', { name: 'Go back to the defaults' }).tap();
	await expect(page.getByText(/^FSRS's default parameters are back in use: \d+ cards rescheduled/)).toBeVisible();
	expect(await storedParameters(page)).toEqual({ parameters: null, previousParameters: stored.parameters });
});

test('with too short a history the optimiser says how many more reviews it needs', async ({ page }, info) => {
	await importHistory(page, info.outputPath('short.apkg'), 40);
	await page.goto('/settings');
	await page.getByRole('button', { name: 'Optimise from my reviews' }).tap();
	await expect(page.getByText(/^\d+ more reviews? needed$/)).toBeVisible({ timeout: 30_000 });
	await page.getByRole('button', { name: 'OK' }).tap();
	expect((await storedParameters(page)).parameters).toBeNull();
});

test('the workload at each desired retention, simulated from the learner\'s history', async ({ page }, info) => {
	test.setTimeout(60_000);
	await importHistory(page, info.outputPath('workload.apkg'), 900);
	await page.goto('/settings');
	await page.getByRole('button', { name: 'Estimate the workload' }).tap();
	const table = page.getByRole('table', { name: /Workload at each desired retention \(yours: 90 %\)/ });
	await expect(table).toBeVisible({ timeout: 30_000 });
	const rows = table.locator('tbody tr');
	await expect(rows).toHaveCount(4);
	await expect(rows.nth(2).getByRole('rowheader')).toHaveText('90 % (yours)');
	// More retention, more reviews a day.
	const reviews = await Promise.all([0, 1, 2, 3].map(async (i) => Number(await rows.nth(i).locator('td').first().textContent())));
	for (let i = 1; i < 4; i++) expect(reviews[i]).toBeGreaterThan(reviews[i - 1]!);
	await expect(page.getByText(/^Minutes a day, week by week: 80 % \(red\)/)).toBeVisible();
	const r = await new AxeBuilder({ page }).analyze();
	expect(r.violations.map((v) => v.id)).toEqual([]);
});

test('the optimiser works offline: its WebAssembly is precached with the app', async ({ page, context }, info) => {
	test.setTimeout(90_000);
	await importHistory(page, info.outputPath('offline.apkg'), 600);
	await page.goto('/settings');
	await waitForOffline(page);
	await context.setOffline(true);
	await page.reload();
	await page.getByRole('button', { name: 'Optimise from my reviews' }).tap();
	await expect(page.getByRole('table', { name: /How well each set predicts your own answers/ })).toBeVisible({ timeout: 60_000 });
	await context.setOffline(false);
});
