// Importing cards from a CSV file, as a learner does it: choose, map, review, import, study.
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { PAYLOADS, question, reviewRows, watchForEscapes } from './helpers';

const FIRST = [
	'Topic,Front,Back,Notes',
	'Diuretics,What does furosemide inhibit?,"NKCC2, in the thick ascending limb",Loop diuretic',
	'Diuretics,Where do thiazides act?,Distal convoluted tubule,',
	',,orphan answer without a question,',
	'Electrolytes,Name a potassium-sparing diuretic,Spironolactone,'
].join('\n');

async function importCsv(page: Page, file: string) {
	await page.goto('/import');
	await page.getByLabel('CSV file', { exact: true }).setInputFiles(file);
	await expect(page.getByLabel('Question')).toBeVisible();
}

test('a CSV becomes a deck: columns guessed, rows without a question left out, then studied', async ({ page }, info) => {
	const file = info.outputPath('renal-drugs.csv');
	writeFileSync(file, FIRST);
	await importCsv(page, file);
	await expect(page.getByLabel('Deck name')).toHaveValue('renal-drugs');
	await page.getByLabel('Deck name').fill('Renal drugs');
	await expect(page.getByLabel('Question')).toHaveValue('1');
	await expect(page.getByLabel('Answer', { exact: true })).toHaveValue('2');
	await expect(page.getByLabel('Section (optional)')).toHaveValue('0');
	await expect(page.getByText('3 cards from this file; 1 row left out.')).toBeVisible();
	await page.getByText('Rows left out').click();
	await expect(page.getByText('Row 4: no question')).toBeVisible();
	await expect(page.getByRole('cell', { name: 'NKCC2, in the thick ascending limb' })).toBeVisible();

	await page.getByRole('button', { name: 'Review the import' }).click();
	await expect(page.getByText('This creates a new deck with 3 cards.')).toBeVisible();
	await page.getByRole('button', { name: 'Import 3 cards' }).click();
	await page.getByRole('link', { name: 'Study it now' }).click();
	await expect(question(page)).toHaveText('What does furosemide inhibit?');
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(page.getByText('NKCC2, in the thick ascending limb')).toBeVisible();
	await expect(page.getByText('Loop diuretic')).toBeVisible();
	await page.getByRole('button', { name: /^Good/ }).click();
	await expect(question(page)).not.toHaveText('What does furosemide inhibit?'); // saved: the next card

	// A new edition of the file: one answer changed, one row gone, one new. History is kept.
	const second = info.outputPath('renal-drugs-v2.csv');
	writeFileSync(
		second,
		['Topic,Front,Back,Notes', 'Diuretics,What does furosemide inhibit?,"NKCC2 (Na-K-2Cl), thick ascending limb",Loop diuretic', 'Electrolytes,Name a potassium-sparing diuretic,Spironolactone or amiloride,', 'Electrolytes,What does amiloride block?,ENaC,'].join('\n')
	);
	await importCsv(page, second);
	await page.getByLabel('Deck name').fill('Renal drugs');
	await page.getByRole('button', { name: 'Review the import' }).click();
	await expect(page.getByText(/This updates your deck “Renal drugs”: 1 new, 2 changed, 0 unchanged, 1 no longer in the file/)).toBeVisible();
	await page.getByRole('button', { name: 'Import 3 cards' }).click();
	await expect(page.getByText('Imported.')).toBeVisible();
	const rows = await reviewRows(page);
	expect(rows).toHaveLength(1);
	await page.goto('/decks/renal-drugs');
	await page.getByRole('button', { name: /^What does furosemide inhibit\?/ }).click();
	await expect(page.getByText('NKCC2 (Na-K-2Cl), thick ascending limb')).toBeVisible();
	await expect(page.getByRole('table', { name: 'Review history' })).toContainText('Good');
});

test('an empty file and a binary file are refused with the reason; nothing is added', async ({ page }, info) => {
	const empty = info.outputPath('empty.csv');
	writeFileSync(empty, '\n \n');
	await page.goto('/import');
	await page.getByLabel('CSV file', { exact: true }).setInputFiles(empty);
	await expect(page.getByRole('alert').filter({ hasText: '“empty.csv” is empty. Nothing was changed.' })).toBeVisible();
	const binary = info.outputPath('deck.xlsx');
	writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff, 0xfe, 0x00, 0x01]));
	await page.getByLabel('CSV file', { exact: true }).setInputFiles(binary);
	await expect(page.getByText(/“deck\.xlsx” is not a text file/)).toBeVisible();
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study/ })).toHaveCount(1);
});

test('a CSV full of script shows it as text; nothing runs, nothing is fetched', async ({ page, baseURL }, info) => {
	const escapes = watchForEscapes(page, baseURL!);
	const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
	const file = info.outputPath('hostile.csv');
	writeFileSync(file, ['question,answer,explanation,section,source', ...PAYLOADS.map((p, i) => [`Q${i} ${p}`, `A ${p}`, p, p, p].map(quote).join(','))].join('\n'));
	await importCsv(page, file);
	await page.getByLabel('Deck name').fill('Hostile CSV');
	await page.getByRole('button', { name: 'Review the import' }).click();
	await page.getByRole('button', { name: `Import ${PAYLOADS.length} cards` }).click();
	await page.getByRole('link', { name: 'Study it now' }).click();
	for (let i = 0; i < 3; i++) {
		await expect(question(page)).toContainText(`Q${i} <`);
		await page.getByRole('button', { name: 'Show answer' }).click();
		await expect(page.getByText('From the source:')).toBeVisible();
		await page.getByRole('button', { name: /^Good/ }).click();
	}
	await escapes.check();
});
