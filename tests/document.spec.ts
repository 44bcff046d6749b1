// A learner's own document into a deck: paste or pick it, correct its terms, review the drafts,
// save, study. Documents are written here; PDF and DOCX files are built by the tests.
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { makeDocx, makePdf, makeScannedPdf } from './fixtures/docs';
import { PAYLOADS, question, reviewRows, watchForEscapes } from './helpers';

const NOTES = [
	'Acute kidney injury in brief',
	'',
	'Definitions',
	'',
	'Oliguria is defined as a urine output below 0.5 mL/kg/h for 6 hours.',
	'Contrast nephropathy refers to a creatinine rise within 48 hours of iodinated contrast.',
	'',
	'Causes',
	'',
	'The main causes are the following:',
	'- prerenal hypoperfusion',
	'- acute tubular necrosis',
	'- urinary obstruction',
	'',
	'Hypovolaemia leads to low renal perfusion, which causes tubular ischaemia, resulting in acute tubular necrosis.',
	'Many patients ask what this means for them.'
].join('\n');

async function draftFromPaste(page: Page, text: string) {
	await page.goto('/import/document');
	await page.getByLabel('Or paste its text').fill(text);
	await page.getByRole('button', { name: 'Draft cards from this text' }).click();
	await expect(page.getByText(/draft cards from “Pasted text”/)).toBeVisible();
}

test('paste a document, edit a draft, save the deck and study a card from it', async ({ page }) => {
	await draftFromPaste(page, NOTES);
	const card = page.getByRole('article', { name: /^Card: What is oliguria\?$/ });
	await expect(card.getByLabel('Answer')).toHaveValue('A urine output below 0.5 mL/kg/h for 6 hours');
	// Each draft says why it was made and shows the words it comes from.
	await expect(card).toContainText('definition');
	await expect(card.getByLabel('From the document')).toHaveText('Oliguria is defined as a urine output below 0.5 mL/kg/h for 6 hours');
	const list = page.getByRole('article', { name: /^Card: What are the three main causes of acute kidney injury\?/ });
	await expect(list).toContainText('list of 3');
	await expect(page.getByRole('article', { name: /what does hypovolaemia lead to\?/ })).toContainText('cause → effect');
	await expect(page.getByRole('article', { name: /what does hypovolaemia lead to\?/ }).getByLabel('Answer')).toHaveValue('Low renal perfusion');
	await expect(page.getByText('Many patients ask')).toHaveCount(1); // only in the document, no card for it

	// Selecting a card shows its source in the document, highlighted.
	await card.getByRole('button', { name: 'Show in document' }).click();
	await expect(page.locator('.mark.selected').first()).toContainText('Oliguria is defined as');

	// Edit one draft, drop another.
	await card.getByLabel('Question').fill('What urine output defines oliguria?');
	await page.getByRole('article', { name: /^Card: What is a urine output below 0\.5 mL\/kg\/h for 6 hours called\?/ }).getByLabel('Keep').uncheck();
	await page.getByLabel('Deck title').fill('AKI notes');
	const kept = await page.getByLabel('Keep').evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).checked).length);
	await page.getByRole('button', { name: `Save ${kept} cards as a deck` }).click();
	await expect(page.getByRole('heading', { name: 'Saved' })).toBeVisible();

	await page.getByRole('link', { name: 'Study it now' }).click();
	await expect(question(page)).toHaveText('What urine output defines oliguria?');
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(page.getByText('From the source:')).toBeVisible();
	await expect(page.locator('blockquote')).toContainText('Oliguria is defined as a urine output below 0.5 mL/kg/h for 6 hours.');
	await page.getByRole('button', { name: /^Good/ }).click();
	await expect(question(page)).not.toHaveText('What urine output defines oliguria?');
	expect(await reviewRows(page)).toHaveLength(1);
});

test('machine-translation slips are suggested for the term map and corrected only when added', async ({ page }) => {
	await draftFromPaste(page, 'Steroid notes\n\nThe renal comprehensive patients need hormone therapy for 8 weeks.\n\nGrowth hormone is a hormone made by the pituitary gland.');
	await expect(page.getByRole('list', { name: 'Suggested corrections' })).toContainText('renal comprehensive => nephrotic syndrome');
	await expect(page.getByText(/renal comprehensive patients/).first()).toBeVisible();
	await page.getByRole('listitem').filter({ hasText: 'renal comprehensive => nephrotic syndrome' }).getByRole('button', { name: 'Add' }).click();
	await page.getByRole('listitem').filter({ hasText: 'hormone => glucocorticoid' }).getByRole('button', { name: 'Add' }).click();
	await expect(page.getByLabel('Term map')).toHaveValue('renal comprehensive => nephrotic syndrome\nhormone => glucocorticoid');
	// Whole words only, and only what was added: the learner keeps control of "growth hormone".
	await page.getByLabel('Term map').fill('renal comprehensive => nephrotic syndrome\nhormone therapy => glucocorticoid therapy');
	await page.getByRole('button', { name: 'Apply and draft again' }).click();
	await expect(page.getByText('The nephrotic syndrome patients need glucocorticoid therapy for 8 weeks.').first()).toBeVisible();
	await expect(page.getByText('Growth hormone is a hormone made by the pituitary gland.').first()).toBeVisible();
});

test('a PDF and a DOCX made by the test become drafts; a scanned PDF is refused with the reason', async ({ page }, info) => {
	const pdf = info.outputPath('aki.pdf');
	writeFileSync(pdf, makePdf(['Hyperkalaemia', '', 'Hyperkalaemia is defined as a serum potassium above 5.5 mmol/L.', 'Calcium gluconate stabilises the cardiac membrane within 3 minutes.']));
	await page.goto('/import/document');
	await page.getByLabel(/^A file/).setInputFiles(pdf);
	await expect(page.getByText(/draft cards from “aki\.pdf”/)).toBeVisible();
	await expect(page.getByRole('article', { name: /^Card: What is hyperkalaemia\?/ }).getByLabel('Answer')).toHaveValue('A serum potassium above 5.5 mmol/L');

	const docx = info.outputPath('dialysis.docx');
	writeFileSync(docx, makeDocx([{ heading: 'Dialysis access' }, { paragraph: 'An arteriovenous fistula is the preferred access for long-term haemodialysis.' }, { bullet: 'fistula' }, { bullet: 'graft' }, { bullet: 'central venous catheter' }]));
	await page.goto('/import/document');
	await page.getByLabel(/^A file/).setInputFiles(docx);
	await expect(page.getByText(/draft cards from “dialysis\.docx”/)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Dialysis access' })).toBeVisible();

	const scanned = info.outputPath('scan.pdf');
	writeFileSync(scanned, makeScannedPdf());
	await page.goto('/import/document');
	await page.getByLabel(/^A file/).setInputFiles(scanned);
	await expect(page.getByRole('alert').filter({ hasText: 'has no text layer' })).toContainText('Nothing was saved.');
});

test('bad input gets a sentence and saves nothing: empty, binary, too large, corrupt PDF or DOCX', async ({ page }, info) => {
	const cases: [string, Buffer | string, RegExp][] = [
		['empty.txt', '', /“empty\.txt” is empty\./],
		['photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe]), /not a text file/],
		['broken.pdf', '%PDF-1.4 this is not really a pdf', /broken\.pdf/],
		['broken.docx', 'PK not a real zip', /broken\.docx/],
		['big.txt', 'x'.repeat(21 * 1024 * 1024), /is 21.0 MB, over DocDeck's limit of 20 MB for a document; import a part of it/]
	];
	for (const [name, body, message] of cases) {
		const file = info.outputPath(name);
		writeFileSync(file, body);
		await page.goto('/import/document');
		await page.getByLabel(/^A file/).setInputFiles(file);
		await expect(page.getByRole('alert').filter({ hasText: message })).toContainText('Nothing was saved.');
	}
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study/ })).toHaveCount(1);
});

test('HTML with scripts and handlers is read as text only: nothing runs, nothing is fetched', async ({ page, baseURL }, info) => {
	const escapes = watchForEscapes(page, baseURL!);
	const html = `<html><head><script>window.__xss=1;alert(1)</script></head><body onload="alert(2)"><h1>Hostile page</h1>${PAYLOADS.map((p) => `<p>${p} is defined as a payload.</p>`).join('')}<p>Hyponatraemia is defined as a sodium below 135 mmol/L.</p></body></html>`;
	const file = info.outputPath('page.html');
	writeFileSync(file, html);
	await page.goto('/import/document');
	await page.getByLabel(/^A file/).setInputFiles(file);
	await expect(page.getByText(/draft cards from “page\.html”/)).toBeVisible();
	await expect(page.getByRole('article', { name: /^Card: What is hyponatraemia\?/ })).toBeVisible();
	await page.getByLabel('Deck title').fill('Hostile page');
	await page.getByRole('button', { name: /^Save \d+ cards as a deck$/ }).click();
	await page.getByRole('link', { name: 'Study it now' }).click();
	// Study every card the page gave (the payload lines make no card of their own: they are not terms).
	for (let i = 0; i < 3 && (await page.getByRole('button', { name: 'Show answer' }).count()); i++) {
		await page.getByRole('button', { name: 'Show answer' }).click();
		await page.getByRole('button', { name: /^Good/ }).click();
		await expect(page.getByRole('button', { name: /^Good/ })).toHaveCount(0);
	}
	await escapes.check();
});

test('a new edition of the document: unchanged cards keep their reviews, changed and vanished ones are the learner\'s choice', async ({ page }) => {
	const first = 'Sodium\n\nHyponatraemia is defined as a serum sodium below 135 mmol/L.\n\nHypernatraemia is defined as a serum sodium above 145 mmol/L.\n\nSIADH refers to water retention driven by inappropriate ADH.';
	await draftFromPaste(page, first);
	await page.getByLabel('Deck title').fill('Sodium');
	await page.getByRole('button', { name: /^Save \d+ cards as a deck$/ }).click();
	await page.getByRole('link', { name: 'Study it now' }).click();
	const q = (await question(page).textContent())!.trim();
	await page.getByRole('button', { name: 'Show answer' }).click();
	await page.getByRole('button', { name: /^Good/ }).click();
	await expect(question(page)).not.toHaveText(q);

	const second = first.replace('above 145 mmol/L', 'above 146 mmol/L').replace('\n\nSIADH refers to water retention driven by inappropriate ADH.', '') + '\n\nDiabetes insipidus refers to the loss of dilute urine from lack of ADH action.';
	await draftFromPaste(page, second);
	await page.getByLabel('Deck title').fill('Sodium');
	await page.getByRole('button', { name: /^Save \d+ cards as a deck$/ }).click();
	await expect(page.getByRole('heading', { name: 'A new edition of a deck you have' })).toBeVisible();
	await expect(page.getByRole('heading', { name: /^No longer in the document/ })).toBeVisible();
	// Keep every vanished card this time.
	for (const box of await page.getByLabel('Retire it (kept with its reviews, no longer studied)').all()) await box.uncheck();
	await page.getByRole('button', { name: 'Save this edition' }).click();
	await expect(page.getByRole('heading', { name: 'Saved' })).toBeVisible();
	expect(await reviewRows(page)).toHaveLength(1);
	await page.goto('/decks/doc-sodium');
	await expect(page.getByText(/what does siadh refer to\?/i)).toBeVisible();
	await expect(page.getByText(/what does diabetes insipidus refer to\?/i)).toBeVisible();
});

test('a set-aside candidate is shown with its reason and brought back from the keyboard', async ({ page }) => {
	await draftFromPaste(page, NOTES);
	await expect(page.getByText(/\d+ set aside/)).toBeVisible();
	const aside = page.getByText(/^Set aside \(\d+\)$/);
	await aside.focus();
	await page.keyboard.press('Enter');
	const item = page.getByRole('list', { name: 'Set-aside candidates' }).getByRole('listitem').filter({ hasText: 'Oliguria is defined as a urine output […]' });
	await expect(item).toContainText('another card already asks this fact');
	const before = await page.getByRole('article').count();
	await item.getByRole('button', { name: /^Bring back/ }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('article')).toHaveCount(before + 1);
	const revived = page.getByRole('article', { name: 'Card: Oliguria is defined as a urine output […]' });
	await expect(revived.getByLabel('Keep')).toBeChecked();
	await expect(item).toHaveCount(0);
});

test.describe('on a phone', () => {
	test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

	test('document and cards are tabs; a card leads to its source and back; axe finds nothing', async ({ page }) => {
		await draftFromPaste(page, NOTES);
		await expect(page.getByRole('tab', { name: /^Cards/ })).toHaveAttribute('aria-selected', 'true');
		await expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
		await page.getByRole('article', { name: /What is oliguria\?/ }).getByRole('button', { name: 'Show in document' }).tap();
		await expect(page.getByRole('tab', { name: 'Document' })).toHaveAttribute('aria-selected', 'true');
		await expect(page.locator('.mark.selected').first()).toBeVisible();
		await page.locator('.mark.selected').first().tap();
		await expect(page.getByRole('tab', { name: /^Cards/ })).toHaveAttribute('aria-selected', 'true');
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow).toBe(0);
	});

	test('why each draft was made, what needs a look, and a set-aside candidate brought back by taps; axe finds nothing', async ({ page }) => {
		await draftFromPaste(page, `${NOTES}\n\nNephrotic syndrome refers to heavy proteinuria with a low serum albumin, oedema and high serum lipids that usually appears in young children and often relapses.`);
		await expect(page.getByRole('article', { name: /What is oliguria\?/ })).toContainText('definition');
		await expect(page.getByText(/need a look/).first()).toBeVisible();
		await page.getByText(/^Set aside \(\d+\)$/).tap();
		const item = page.getByRole('list', { name: 'Set-aside candidates' }).getByRole('listitem').first();
		const question = (await item.locator('.q').textContent())!.trim();
		await expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
		await item.getByRole('button', { name: /^Bring back/ }).tap();
		await expect(page.getByRole('article', { name: `Card: ${question}` })).toBeVisible();
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow).toBe(0);
	});
});

test('a long document lists its drafts a page at a time, and more on request', async ({ page }) => {
	// 160 made-up conditions, each defined once: more drafts than one page lists.
	const syl = ['ka', 'lo', 'mi', 'ta', 'ren', 'vos', 'dul', 'pex', 'sor', 'bin', 'gra', 'tel'];
	const lines = ['Glossary of invented terms', ''];
	for (let i = 0; i < 160; i++) {
		const term = syl[i % 12]! + syl[Math.floor(i / 12) % 12]! + 'osis';
		const protein = syl[(i * 5) % 12]! + syl[(i * 7 + 3) % 12]! + 'in';
		lines.push(`${term[0]!.toUpperCase()}${term.slice(1)} is defined as a deficiency of ${protein} in the ${syl[(i * 3) % 12]}al tissue.`);
	}
	await draftFromPaste(page, lines.join('\n'));
	const cards = page.getByRole('article', { name: /^Card:/ });
	await expect(page.getByText(/^100 of \d+ drafts listed/)).toBeVisible();
	await expect(cards).toHaveCount(100);
	await page.getByRole('button', { name: /^Show \d+ more$/ }).click();
	await expect(cards).not.toHaveCount(100);
	expect(await cards.count()).toBeGreaterThan(100);
});
