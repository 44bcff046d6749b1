// Backups, merging two devices, the database check and the CSV exports, as a learner uses them.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { reviewRows, question } from './helpers';

async function studyCards(page: Page, n: number, grade = /^Good/) {
	await page.goto('/study/nephrotic-syndrome');
	for (let i = 0; i < n; i++) {
		const q = (await question(page).textContent())!.trim();
		await page.getByRole('button', { name: 'Show answer' }).click();
		await page.getByRole('button', { name: grade }).click();
		await expect(question(page).or(page.locator('#done-heading'))).not.toHaveText(q);
	}
}

async function exportBackup(page: Page, path: string): Promise<string> {
	await page.goto('/settings');
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export a backup' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^docdeck-backup-\d{4}-\d{2}-\d{2}\.json$/);
	await file.saveAs(path);
	await expect(page.getByText(/^Backup saved: 1 deck, 47 cards/)).toBeVisible();
	return path;
}

test('a backup from one device merges into another: every review arrives once, none is lost', async ({ page, browser }, info) => {
	await studyCards(page, 2);
	const file = await exportBackup(page, info.outputPath('a.json'));
	await expect(page.getByText(/^Last backup: /)).not.toContainText('never');

	// A second device with its own answers.
	const other = await browser.newContext();
	const phone = await other.newPage();
	await studyCards(phone, 3, /^Easy/);
	await phone.goto('/settings');
	await phone.getByLabel('Bring back a backup').setInputFiles(file);
	await expect(phone.getByRole('heading', { name: '“a.json”' })).toBeVisible();
	await expect(phone.getByText(/47 cards, 2 reviews\./)).toBeVisible();
	await phone.getByRole('button', { name: 'Merge into this device' }).click();
	await expect(phone.getByText(/^Merged “a\.json”: 2 reviews added/)).toBeVisible();
	expect(await reviewRows(phone)).toHaveLength(5);

	// Merging the same backup again adds nothing.
	await phone.getByLabel('Bring back a backup').setInputFiles(file);
	await phone.getByRole('button', { name: 'Merge into this device' }).click();
	await expect(phone.getByText(/^Merged “a\.json”: 0 reviews added/)).toBeVisible();
	expect(await reviewRows(phone)).toHaveLength(5);
	await phone.goto('/settings');
	await phone.getByRole('button', { name: 'Check database' }).click();
	await expect(phone.getByText('every schedule agrees with the review log.')).toBeVisible();
	await other.close();
});

test('replacing this device\'s data warns how many reviews it would lose', async ({ page }, info) => {
	const file = await exportBackup(page, info.outputPath('empty.json'));
	await studyCards(page, 2);
	await page.goto('/settings');
	await page.getByLabel('Bring back a backup').setInputFiles(file);
	await page.getByRole('button', { name: 'Replace this device\'s data…' }).click();
	await expect(page.getByText('2 reviews on this device are not in this backup and would be lost.')).toBeVisible();
	await page.getByRole('button', { name: 'Replace everything with this backup' }).click();
	await expect(page.getByText(/^Restored “empty\.json”/)).toBeVisible();
	expect(await reviewRows(page)).toHaveLength(0);
});

test('answers given in another tab after the warning are never lost without a new warning', async ({ page, context }, info) => {
	const file = await exportBackup(page, info.outputPath('before.json'));
	await studyCards(page, 1);
	await page.goto('/settings');
	await page.getByLabel('Bring back a backup').setInputFiles(file);
	await page.getByRole('button', { name: 'Replace this device\'s data…' }).click();
	await expect(page.getByText('1 review on this device is not in this backup and would be lost.')).toBeVisible();

	const tab = await context.newPage();
	await studyCards(tab, 3);
	await tab.close();

	await page.getByRole('button', { name: 'Replace everything with this backup' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Nothing was replaced: this device changed since the backup was read, and replacing would now lose 4 reviews.' })).toBeVisible();
	expect(await reviewRows(page)).toHaveLength(4);
	await expect(page.getByText('4 reviews on this device are not in this backup and would be lost.')).toBeVisible();
	await page.getByRole('button', { name: 'Replace everything with this backup' }).click();
	await expect(page.getByText(/^Restored “before\.json”/)).toBeVisible();
	expect(await reviewRows(page)).toHaveLength(0);
});

test('a damaged or foreign file is refused with the reason, and nothing changes', async ({ page }, info) => {
	await studyCards(page, 1);
	const good = await exportBackup(page, info.outputPath('good.json'));
	const damaged = info.outputPath('damaged.json');
	writeFileSync(damaged, readFileSync(good, 'utf8').replace('"rating":3', '"rating":4'));
	await page.getByLabel('Bring back a backup').setInputFiles(damaged);
	await expect(page.getByRole('alert').filter({ hasText: 'That file cannot be used. Nothing was changed.' })).toBeVisible();
	await expect(page.getByText(/checksum does not match its contents/)).toBeVisible();

	const foreign = info.outputPath('notes.json');
	writeFileSync(foreign, '{"cards": []}');
	await page.getByLabel('Bring back a backup').setInputFiles(foreign);
	await expect(page.getByText('The file is not a DocDeck backup (it has no "format": "docdeck-backup").')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Merge into this device' })).toHaveCount(0);
	expect(await reviewRows(page)).toHaveLength(1);
});

test('Check database finds a schedule that disagrees with the review log and rebuilds it', async ({ page }) => {
	await studyCards(page, 2);
	// Damage one stored schedule behind the app's back.
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('docdeck');
				open.onsuccess = () => {
					const tx = open.result.transaction('states', 'readwrite');
					const store = tx.objectStore('states');
					const get = store.get('nephrotic-syndrome/def-refractory');
					get.onsuccess = () => store.put({ ...get.result, schedule: { ...get.result.schedule, reps: 7 } });
					tx.oncomplete = () => (open.result.close(), resolve());
					tx.onerror = () => reject(tx.error);
				};
			})
	);
	await page.goto('/settings');
	await page.getByRole('button', { name: 'Check database' }).click();
	await expect(page.getByText('1 card disagrees.')).toBeVisible();
	await expect(page.getByText(/reps: 7 → 1/)).toBeVisible();
	await page.getByRole('button', { name: 'Rebuild 1 schedule from the log' }).click();
	await expect(page.getByText('1 card rescheduled from the review log.')).toBeVisible();
	await expect(page.getByText('every schedule agrees with the review log.')).toBeVisible();
});

test('the review log and the cards export as CSV', async ({ page }) => {
	await studyCards(page, 1);
	await page.goto('/settings');
	const log = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Review log as CSV' }).click();
	const csv = readFileSync(await (await log).path(), 'utf8').trim().split('\r\n');
	expect(csv[0]).toBe('card_id,review_time,review_rating,review_state,review_duration,review_id,deck_id,card_key');
	expect(csv).toHaveLength(2);
	expect(csv[1]).toMatch(/^\d{1,16},\d{13},3,0,\d+,[0-9a-f-]{36},nephrotic-syndrome,nephrotic-syndrome\/def-refractory$/);

	const cards = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Cards as CSV' }).click();
	const rows = readFileSync(await (await cards).path(), 'utf8').trim().split('\r\n');
	expect(rows).toHaveLength(48); // the header and the deck's 47 cards
});

test('the home screen reminds the learner to back up after two weeks without one', async ({ page }) => {
	await page.clock.install({ time: new Date('2026-05-01T09:00:00Z') });
	await studyCards(page, 1);
	await page.goto('/');
	await expect(page.getByRole('complementary', { name: 'Backup reminder' })).toHaveCount(0);
	await page.clock.setSystemTime(new Date('2026-05-20T09:00:00Z'));
	await page.reload();
	await expect(page.getByText('Your reviews are only on this device: you have no backup yet.')).toBeVisible();
	await page.getByRole('link', { name: 'Back up now' }).click();
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export a backup' }).click();
	await download;
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study/ })).toBeVisible();
	await expect(page.getByRole('complementary', { name: 'Backup reminder' })).toHaveCount(0);
});
