// Image Occlusion on a phone: masks over the image, studied with one thumb.
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { occlusionPackage } from './fixtures/occlusion-deck';
import { reviewRows } from './helpers';

const SQL = await initSqlJs({ locateFile: (f) => path.resolve('node_modules/sql.js/dist', f) });

test('at 360 px by taps: the image fits the screen, a tap on the asked mask shows the answer, a tap on another peeks under it, a grade records one review', async ({ page }, info) => {
	test.slow();
	const file = info.outputPath('occlusion.apkg');
	writeFileSync(file, occlusionPackage(SQL));
	await page.goto('/import');
	await page.getByLabel('Anki package').setInputFiles(file);
	await page.getByRole('button', { name: 'Import 5 cards' }).tap();
	await page.getByRole('link', { name: 'Study it now' }).tap();

	const image = page.getByRole('img', { name: 'Parts of the nephron' });
	const masks = page.getByRole('group', { name: 'Masks over the image' });
	await expect(image).toHaveAttribute('src', /^blob:/);
	await expect.poll(() => image.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(200);
	const shown = (await image.boundingBox())!;
	expect(shown.x).toBeGreaterThanOrEqual(0);
	expect(shown.x + shown.width).toBeLessThanOrEqual(360);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	const result = await new AxeBuilder({ page }).analyze();
	expect(result.violations.map((v) => v.id)).toEqual([]);

	const asked = masks.getByRole('button', { name: /^Hidden region 1 of 3, the one asked/ });
	// The asked mask is a target a thumb can hit (at least 24 px at this width).
	const target = (await asked.boundingBox())!;
	expect(Math.min(target.width, target.height)).toBeGreaterThanOrEqual(24);
	await asked.tap();
	await expect(masks.getByRole('img', { name: 'Asked region 1 of 3, revealed' })).toBeVisible();
	const other = masks.getByRole('button', { name: 'Hidden region 2 of 3: show what is under it' });
	await expect(other).toHaveAttribute('aria-pressed', 'false');
	await other.tap();
	await expect(masks.getByRole('button', { name: 'Region 2 of 3, shown' })).toHaveAttribute('aria-pressed', 'true');
	await expect(other).toHaveCount(0);
	expect(await reviewRows(page)).toHaveLength(0);
	await page.getByRole('button', { name: /^Good/ }).tap();
	await expect.poll(async () => (await reviewRows(page)).length).toBe(1);
	await expect(masks.getByRole('button', { name: /^Hidden region 2 of 3, the one asked/ })).toBeVisible();
});
