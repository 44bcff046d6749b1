// Messages on a phone: a full disk is told in words, and no message covers the controls.
import { expect, test, type Locator } from '@playwright/test';
import { openDeck, question, reviewRows } from './helpers';

async function box(l: Locator) {
	const b = await l.boundingBox();
	if (!b) throw new Error('not on screen');
	return b;
}

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** IndexedDB refuses every write as a full disk does (or, with `false`, takes them again). */
async function diskFull(page: import('@playwright/test').Page, full: boolean) {
	await page.evaluate((full) => {
		const w = window as unknown as { __writes?: { add: unknown; put: unknown } };
		const proto = IDBObjectStore.prototype;
		w.__writes ??= { add: proto.add, put: proto.put };
		const refuse = function () {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		};
		proto.add = (full ? refuse : w.__writes.add) as typeof proto.add;
		proto.put = (full ? refuse : w.__writes.put) as typeof proto.put;
	}, full);
}

test('with the disk full an answer is refused in words, the message stays clear of the grade buttons, and Escape dismisses it', async ({ page }) => {
	await openDeck(page);
	const q = (await question(page).textContent())!.trim();
	await diskFull(page, true);

	await page.getByRole('button', { name: 'Show answer' }).tap();
	await page.getByRole('button', { name: /^Good/ }).tap();
	const problem = page.getByRole('alert').getByRole('group', { name: 'Problem' });
	await expect(problem).toContainText('This device has no storage space left for DocDeck.');
	await expect(problem).not.toContainText('QuotaExceededError');
	// The card is still the same one, and nothing was written.
	await expect(question(page)).toHaveText(q);
	expect(await reviewRows(page)).toHaveLength(0);

	// The card comes back to be answered again: the message covers neither Show answer nor, once
	// shown, any of the four grade buttons, and each still takes a tap.
	const message = await box(problem);
	const clear = async (name: RegExp | string) => {
		const b = await box(page.getByRole('button', { name }));
		expect(overlaps(message, b), `message over ${String(name)}`).toBe(false);
		const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('button')?.textContent ?? '', [b.x + b.width / 2, b.y + b.height / 2]);
		expect(hit).toMatch(name);
	};
	await clear('Show answer');
	await page.getByRole('button', { name: 'Show answer' }).tap();
	for (const name of [/^Again/, /^Hard/, /^Good/, /^Easy/]) await clear(name);

	await page.keyboard.press('Escape');
	await expect(problem).toHaveCount(0);

	// Space again: the same answer goes through.
	await diskFull(page, false);
	await page.getByRole('button', { name: /^Good/ }).tap();
	await expect(question(page)).not.toHaveText(q);
	expect(await reviewRows(page)).toHaveLength(1);
});
