// Image Occlusion at the keyboard: an Anki occlusion note studied as masks over its image.
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { occlusionPackage } from './fixtures/occlusion-deck';
import { reviewRows } from './helpers';

const SQL = await initSqlJs({ locateFile: (f) => path.resolve('node_modules/sql.js/dist', f) });

async function noViolations(page: Page, where: string) {
	const result = await new AxeBuilder({ page }).analyze();
	expect(
		result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
		`axe on ${where}`
	).toEqual([]);
}

/** Tabs forward until the element named `name` has the focus. */
async function tabTo(page: Page, name: RegExp) {
	for (let i = 0; i < 40; i++) {
		await page.keyboard.press('Tab');
		const label = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
		if (name.test(label)) return;
	}
	throw new Error(`nothing named ${name} took the focus`);
}

test('hide all, guess one, by keyboard: every region masked, the asked one marked; Enter on it shows it; the others can be peeked under; hide one masks the asked region only', async ({ page }, info) => {
	test.slow();
	const file = info.outputPath('occlusion.apkg');
	writeFileSync(file, occlusionPackage(SQL));
	await page.goto('/import');
	await page.getByLabel('Anki package').setInputFiles(file);
	await page.getByRole('button', { name: 'Import 5 cards' }).click();
	await expect(page.getByText('Imported: 5 new cards, 0 reviews.')).toBeVisible();
	await page.getByRole('link', { name: 'Study it now' }).click();

	const masks = page.getByRole('group', { name: 'Masks over the image' });
	const image = page.getByRole('img', { name: 'Parts of the nephron' });
	await expect(image).toHaveAttribute('src', /^blob:/);
	await expect(page.locator('#question')).toHaveText('Parts of the nephron');
	await expect(page.getByText('image-occlusion')).toHaveCount(0);
	// The question: all three regions covered, the asked one the only one to act on.
	await expect(masks.getByRole('button')).toHaveCount(1);
	await expect(masks.getByRole('button', { name: /^Hidden region 1 of 3, the one asked/ })).toBeVisible();
	await expect(masks.getByRole('img', { name: 'Hidden region 2 of 3' })).toBeVisible();
	await expect(masks.getByRole('img', { name: 'Hidden region 3 of 3' })).toBeVisible();
	await expect(page.getByRole('button', { name: /^Good/ })).toHaveCount(0);
	await noViolations(page, 'occlusion question');

	await tabTo(page, /^Hidden region 1 of 3, the one asked/);
	await page.keyboard.press('Enter');
	// The answer: the asked region uncovered, the others still covered until peeked under.
	await expect(page.getByRole('button', { name: /^Good/ })).toBeVisible();
	await expect(masks.getByRole('img', { name: 'Asked region 1 of 3, revealed' })).toBeVisible();
	await expect(page.locator('#answer')).toContainText('Glomerulus, proximal tubule, loop of Henle');
	const peek = masks.getByRole('button', { name: 'Hidden region 3 of 3: show what is under it' });
	await expect(peek).toHaveAttribute('aria-pressed', 'false');
	await noViolations(page, 'occlusion answer');
	await tabTo(page, /^Hidden region 3 of 3: show what is under it/);
	await page.keyboard.press('Enter');
	await expect(masks.getByRole('button', { name: 'Region 3 of 3, shown' })).toHaveAttribute('aria-pressed', 'true');
	await expect(peek).toHaveCount(0);
	// Peeking is not grading: no review was written by Enter on a mask.
	expect(await reviewRows(page)).toHaveLength(0);
	await page.keyboard.press('3');
	await expect.poll(async () => (await reviewRows(page)).length).toBe(1);

	// The next card of the note asks region 2, with the same masks.
	await expect(masks.getByRole('button', { name: /^Hidden region 2 of 3, the one asked/ })).toBeVisible();
	await expect(masks.getByRole('img', { name: 'Hidden region 1 of 3' })).toBeVisible();
	await page.keyboard.press('Space');
	await page.keyboard.press('3');
	await expect(masks.getByRole('button', { name: /^Hidden region 3 of 3, the one asked/ })).toBeVisible();
	await page.keyboard.press('Space');
	await page.keyboard.press('3');

	// Hide one, in pixels: only the asked region is covered, drawn over the image's own pixels.
	await expect(page.getByRole('img', { name: 'Vessels of the nephron' })).toBeVisible();
	await expect(masks.getByRole('button', { name: /^Hidden region 1 of 2, the one asked/ })).toBeVisible();
	await expect(masks.getByRole('img')).toHaveCount(0);
	await expect(masks).toHaveAttribute('viewBox', '0 0 200 150');
	const box = await masks.locator('rect').boundingBox();
	const shown = await page.getByRole('img', { name: 'Vessels of the nephron' }).boundingBox();
	// 60 of 200 pixels wide, 120 from the left: the same fraction of the image as drawn.
	expect(box!.width / shown!.width).toBeCloseTo(0.3, 1);
	expect((box!.x - shown!.x) / shown!.width).toBeCloseTo(0.6, 1);
	await tabTo(page, /^Hidden region 1 of 2, the one asked/);
	await page.keyboard.press('Enter');
	await expect(masks.getByRole('img', { name: 'Asked region 1 of 2, revealed' })).toBeVisible();
	await expect(masks.getByRole('button')).toHaveCount(0);
});
