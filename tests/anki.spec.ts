// Arriving with an Anki deck: import it with its history, study it; hostile HTML stays harmless.
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { zipSync } from 'fflate';
import { buildApkg, buildPackage, initZstd, type ApkgFixture } from './fixtures/apkg';
import { PAYLOADS, question, reviewRows, watchForEscapes } from './helpers';

const SQL = await initSqlJs({ locateFile: (f) => path.resolve('node_modules/sql.js/dist', f) });
const DAY = 86_400_000;
const NOW = Date.now();

const DECK: ApkgFixture = {
	notes: [
		[1, '1001', ['Which protein is lost in the urine in <b>nephrotic</b> syndrome?', 'Albumin', 'Also <i>antithrombin III</i>']],
		[2, '1003', ['{{c1::Minimal change}} disease is the commonest cause in children. <img src="glomerulus.png">', '']]
	],
	cards: [
		[11, 1, '2001', 0, 2, 2, 100],
		[21, 2, '2001', 0, 0, 0, 1]
	],
	// Card 11 was learned in Anki months ago and is due again now.
	revlog: [
		[NOW - 90 * DAY, 11, 3, 9_000, 0],
		[NOW - 89 * DAY, 11, 3, 6_000, 1],
		[NOW - 70 * DAY, 11, 3, 4_000, 1]
	],
	media: { '0': 'glomerulus.png' }
};

async function upload(page: Page, file: string) {
	await page.goto('/import');
	await page.getByLabel('Anki package').setInputFiles(file);
}

test('an Anki deck imports with its review history and is studied with its formatting', async ({ page }, info) => {
	const file = info.outputPath('nephro.apkg');
	writeFileSync(file, buildApkg(SQL, DECK));
	await upload(page, file);
	await expect(page.getByText('“Nephrology”: 2 cards from 2 notes, with 3 past reviews.')).toBeVisible();
	await expect(page.getByText('1 media file that cards show are not in the package (first: glomerulus.png); the cards say so where they were.')).toBeVisible();
	await page.getByRole('button', { name: 'Import 2 cards' }).click();
	await expect(page.getByText('Imported: 2 new cards, 3 reviews.')).toBeVisible();
	expect(await reviewRows(page)).toHaveLength(3);

	await page.getByRole('link', { name: 'Study it now' }).click();
	// The Anki review is due: it comes first, as a review, formatted.
	await expect(page.getByTestId('counts')).toContainText('1 new');
	await expect(page.getByTestId('counts')).toContainText('1 review');
	await expect(question(page)).toHaveText('Which protein is lost in the urine in nephrotic syndrome?');
	await expect(question(page).locator('b')).toHaveText('nephrotic');
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(page.locator('#answer i i')).toHaveText('antithrombin III');
	await page.getByRole('button', { name: /^Good/ }).click();
	await expect(question(page)).toContainText('disease is the commonest cause in children.');
	await expect(question(page).locator('.cloze')).toHaveText('[…]');
	await expect(question(page)).toContainText('[image not found: glomerulus.png]');
	expect(await reviewRows(page)).toHaveLength(4);

	// Importing the same package again adds nothing.
	await upload(page, file);
	await page.getByRole('button', { name: 'Import 2 cards' }).click();
	await expect(page.getByText('Imported: 0 new cards, 0 reviews.')).toBeVisible();
	expect(await reviewRows(page)).toHaveLength(4);
});

test('a package from current Anki (collection.anki21b) imports; a damaged one or not a package at all is refused with the reason', async ({ page }, info) => {
	await initZstd();
	const modern = info.outputPath('current.apkg');
	writeFileSync(modern, buildPackage(SQL, { notes: [{ id: 7, mid: '1001', fields: ['Which cells secrete renin?', 'Juxtaglomerular cells', ''] }], cards: [{ id: 70, nid: 7, did: '2001', ord: 0 }] }, 'collection.anki21b'));
	await upload(page, modern);
	await expect(page.getByText('“Nephrology”: 1 cards from 1 notes, with 0 past reviews.')).toBeVisible();
	await expect(page.getByText('Read from collection.anki21b (the format of Anki 2.1.50 and later).')).toBeVisible();
	await page.getByRole('button', { name: 'Import 1 cards' }).click();
	await page.getByRole('link', { name: 'Study it now' }).click();
	await expect(question(page)).toHaveText('Which cells secrete renin?');

	const damaged = info.outputPath('damaged.apkg');
	writeFileSync(damaged, zipSync({ 'collection.anki21b': new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0, 1]) }));
	await upload(page, damaged);
	await expect(page.getByRole('alert').filter({ hasText: 'The collection inside “damaged.apkg” cannot be unpacked' })).toContainText('Nothing was changed.');
	const text = info.outputPath('notes.apkg');
	writeFileSync(text, 'just some text');
	await upload(page, text);
	await expect(page.getByRole('alert').filter({ hasText: '“notes.apkg” is not an Anki package' })).toContainText('Nothing was changed.');
});

test('a "type in the answer" card is asked as a typed answer and shows its answer; a cloze shows its hint', async ({ page }, info) => {
	const file = info.outputPath('typing.apkg');
	writeFileSync(
		file,
		buildPackage(SQL, {
			notes: [
				{ id: 1, mid: '1004', fields: ['Which diuretic blocks NKCC2 in the thick ascending limb?', 'Furosemide'] },
				{ id: 2, mid: '1003', fields: ['Aldosterone acts on the {{c1::principal cells::cell type}}.', 'Mineralocorticoid receptor'] }
			],
			cards: [
				{ id: 10, nid: 1, did: '2001', ord: 0, due: 1 },
				{ id: 20, nid: 2, did: '2001', ord: 0, due: 2 }
			]
		})
	);
	await upload(page, file);
	await page.getByRole('button', { name: 'Import 2 cards' }).click();
	await page.getByRole('link', { name: 'Study it now' }).click();
	await expect(question(page)).toHaveText('Which diuretic blocks NKCC2 in the thick ascending limb?');
	const typed = page.getByLabel('Your answer');
	await expect(typed).toBeFocused();
	await typed.fill('furosemide');
	await typed.press('Enter');
	await expect(page.locator('#answer')).toContainText('Furosemide');
	await expect(page.getByRole('button', { name: /^Good/ })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(question(page)).toHaveText('Aldosterone acts on the [cell type].');
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(page.locator('#answer')).toContainText('Aldosterone acts on the principal cells.');
	await expect(page.locator('#answer')).toContainText('Mineralocorticoid receptor');
	expect(await reviewRows(page)).toHaveLength(1);
});

test('a deck tree with tags: subdecks under their parent, studied alone or with it; tags filter, suspend and make a session', async ({ page }, info) => {
	const file = info.outputPath('tree.apkg');
	writeFileSync(
		file,
		buildPackage(SQL, {
			decks: [
				{ id: '1', name: 'Default' },
				{ id: '1650000000001', name: 'Médecine' },
				{ id: '1650000000002', name: 'Médecine::腎臓' },
				{ id: '1650000000003', name: 'Médecine::Cœur' }
			],
			notes: [
				{ id: 1, mid: '1001', fields: ['What does the loop of Henle concentrate?', 'The medullary interstitium', ''], tags: ['#AK_Step1_v12::#UWorld::Renal', 'HY'] },
				{ id: 2, mid: '1001', fields: ['Which cells make renin?', 'Juxtaglomerular cells', ''], tags: ['#AK_Step1_v12::#UWorld::Renal'] },
				{ id: 3, mid: '1001', fields: ['What does the SA node set?', 'The heart rate', ''], tags: ['#AK_Step1_v12::Cardio'] }
			],
			cards: [
				{ id: 10, nid: 1, did: '1650000000002', ord: 0, due: 1 },
				{ id: 20, nid: 2, did: '1650000000002', ord: 0, due: 2 },
				{ id: 30, nid: 3, did: '1650000000003', ord: 0, due: 3 }
			]
		})
	);
	await upload(page, file);
	await expect(page.getByText('3 decks: Médecine (0); Médecine::Cœur (1); Médecine::腎臓 (2).')).toBeVisible();
	await expect(page.getByText('3 tags on 3 notes are kept')).toBeVisible();
	await page.getByRole('button', { name: 'Import 3 cards' }).click();
	await expect(page.getByText('Imported: 3 new cards, 0 reviews.')).toBeVisible();
	await page.goto('/');
	const parent = page.getByRole('article', { name: 'Médecine' });
	await expect(parent).toContainText('3 new');
	await expect(page.getByRole('article', { name: '腎臓' })).toContainText('2 new');
	// Studying the parent takes its subdecks' cards too; a subdeck alone only its own.
	await parent.getByRole('link', { name: /^Study/ }).click();
	await expect(page.getByTestId('counts')).toContainText('3 new');
	await page.goto('/');
	await page.getByRole('article', { name: 'Cœur' }).getByRole('link', { name: /^Study/ }).click();
	await expect(question(page)).toHaveText('What does the SA node set?');
	await expect(page.getByRole('list', { name: 'Tags' })).toHaveText('#AK_Step1_v12::Cardio');

	// Browse the kidney deck by tag: filter, suspend them all, bring them back, study only them.
	await page.goto('/decks/anki-1650000000002');
	await page.getByLabel('Tag').selectOption('#AK_Step1_v12::#UWorld');
	await expect(page.getByRole('status').filter({ hasText: /^2 cards$/ })).toBeVisible();
	await page.getByLabel('Search').fill('HY');
	await expect(page.getByRole('status').filter({ hasText: /^1 card$/ })).toBeVisible();
	await page.getByLabel('Search').fill('');
	await page.getByRole('button', { name: 'Suspend all tagged #AK_Step1_v12::#UWorld', exact: true }).click();
	await expect(page.getByText('2 cards tagged #AK_Step1_v12::#UWorld suspended.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Unsuspend', exact: true })).toHaveCount(2);
	await page.getByRole('button', { name: 'Unsuspend all tagged #AK_Step1_v12::#UWorld' }).click();
	await expect(page.getByRole('button', { name: 'Unsuspend', exact: true })).toHaveCount(0);
	await page.getByRole('link', { name: 'Study cards tagged #AK_Step1_v12::#UWorld' }).click();
	await expect(page.getByText('Custom study: cards tagged #AK_Step1_v12::#UWorld')).toBeVisible();
	await expect(page.getByTestId('counts')).toContainText('2 new');
	await expect(question(page)).toHaveText('What does the loop of Henle concentrate?');
});

/** A real 2×1 PNG and a real short WAV, so the browser can show and play them. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGP4z8DwHwQZYAwAe+QK9l3f3tcAAAAASUVORK5CYII=', 'base64');
function wav(): Buffer {
	const samples = 800;
	const b = Buffer.alloc(44 + samples);
	b.write('RIFF', 0);
	b.writeUInt32LE(36 + samples, 4);
	b.write('WAVEfmt ', 8);
	b.writeUInt32LE(16, 16);
	b.writeUInt16LE(1, 20);
	b.writeUInt16LE(1, 22);
	b.writeUInt32LE(8000, 24);
	b.writeUInt32LE(8000, 28);
	b.writeUInt16LE(1, 32);
	b.writeUInt16LE(8, 34);
	b.write('data', 36);
	b.writeUInt32LE(samples, 40);
	for (let i = 0; i < samples; i++) b[44 + i] = 128 + Math.round(60 * Math.sin(i / 4));
	return b;
}

test('images are shown from the device with no request leaving it; sounds play on request', async ({ page, baseURL }, info) => {
	const requests: string[] = [];
	page.on('request', (r) => {
		if (!r.url().startsWith(baseURL!) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) requests.push(r.url());
	});
	const file = info.outputPath('images.apkg');
	writeFileSync(
		file,
		buildPackage(SQL, {
			notes: [
				{ id: 1, mid: '1001', fields: ['<img src="brachial plexus.png">', 'Brachial plexus [sound:say it.wav]', ''] },
				{ id: 2, mid: '1001', fields: ['Name this structure', '<img src="brachial plexus.png">', ''] }
			],
			cards: [
				{ id: 10, nid: 1, did: '2001', ord: 0, due: 1 },
				{ id: 20, nid: 2, did: '2001', ord: 0, due: 2 }
			],
			media: { 'brachial plexus.png': new Uint8Array(PNG), 'say it.wav': new Uint8Array(wav()), 'unused.png': new Uint8Array(PNG) }
		})
	);
	await upload(page, file);
	await expect(page.getByText('2 media files (images, sounds) are kept on this device with their cards.')).toBeVisible();
	await expect(page.getByText('1 media file in the package that no card uses are left out.')).toBeVisible();
	await page.getByRole('button', { name: 'Import 2 cards' }).click();
	await page.getByRole('link', { name: 'Study it now' }).click();
	// A front that is only an image is a card, and the image is really drawn.
	const img = question(page).locator('img');
	await expect(img).toHaveAttribute('src', /^blob:/);
	await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(2);
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(page.locator('#answer')).toContainText('Brachial plexus');
	await expect(page.locator('#answer')).not.toContainText('[sound:');
	await page.getByRole('button', { name: 'Play sound say it.wav' }).click();
	await expect(page.getByText(/could not be played|not on this device/)).toHaveCount(0);
	await page.getByRole('button', { name: /^Good/ }).click();
	await expect(question(page)).toHaveText('Name this structure');
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(page.locator('#answer img')).toHaveAttribute('src', /^blob:/);
	expect(requests).toEqual([]);
});

/** Every card and review as the app stored them, read from its IndexedDB. */
async function stored(page: Page) {
	return page.evaluate(
		() =>
			new Promise<{ cards: string[]; reviews: string[]; media: string[] }>((resolve, reject) => {
				const open = indexedDB.open('docdeck');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction(['cards', 'reviews', 'media']);
					const all = (name: string) => new Promise<Record<string, unknown>[]>((ok) => (tx.objectStore(name).getAll().onsuccess = (e) => ok((e.target as IDBRequest).result)));
					void Promise.all([all('cards'), all('reviews'), all('media')]).then(([cards, reviews, media]) => {
						db.close();
						resolve({
							cards: cards.filter((c) => String(c.deckId).startsWith('anki-')).map((c) => JSON.stringify([c.id, c.kind, c.question, c.answer, c.typeIn ?? null, c.tags ?? null])).sort(),
							reviews: reviews.map((r) => JSON.stringify([String(r.cardKey).split('/')[1], r.at, r.rating, r.durationMs])).sort(),
							media: media.map((m) => String(m.name)).sort()
						});
					});
				};
			})
	);
}

test('a current package with an image, tags, a type-in and a cloze: studied, exported as .apkg, imported again: nothing differs', async ({ page, browser }, info) => {
	await initZstd();
	const file = info.outputPath('full.apkg');
	writeFileSync(
		file,
		buildPackage(
			SQL,
			{
				decks: [{ id: '1', name: 'Default' }, { id: '1650000000001', name: 'Renal' }],
				notes: [
					{ id: 1, mid: '1001', fields: ['<img src="kidney.png">', 'Left kidney', ''], tags: ['Renal::Anatomy'] },
					{ id: 2, mid: '1004', fields: ['Which diuretic acts on the thick ascending limb?', 'Furosemide'], tags: ['Renal::Drugs'] },
					{ id: 3, mid: '1003', fields: ['{{c1::Aldosterone}} acts on principal cells.', ''] }
				],
				cards: [
					{ id: 10, nid: 1, did: '1650000000001', ord: 0, due: 1 },
					{ id: 20, nid: 2, did: '1650000000001', ord: 0, due: 2 },
					{ id: 30, nid: 3, did: '1650000000001', ord: 0, due: 3 }
				],
				media: { 'kidney.png': new Uint8Array(PNG) }
			},
			'collection.anki21b'
		)
	);
	await upload(page, file);
	await page.getByRole('button', { name: 'Import 3 cards' }).click();
	await page.getByRole('link', { name: 'Study it now' }).click();
	await expect(question(page).locator('img')).toHaveAttribute('src', /^blob:/);
	await page.getByRole('button', { name: 'Show answer' }).click();
	await page.getByRole('button', { name: /^Good/ }).click();
	await page.getByLabel('Your answer').fill('furosemide');
	await page.getByLabel('Your answer').press('Enter');
	await page.keyboard.press('Enter');
	await expect(question(page).locator('.cloze')).toHaveText('[…]');
	await page.getByRole('button', { name: 'Show answer' }).click();
	await page.getByRole('button', { name: /^Easy/ }).click();
	const before = await stored(page);
	expect(before.reviews).toHaveLength(3);

	await page.goto('/decks/anki-1650000000001');
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export as Anki package (.apkg)' }).click();
	const saved = info.outputPath('exported.apkg');
	await (await download).saveAs(saved);
	await expect(page.getByText(/^Saved “Renal .*\.apkg”: 3 cards, 3 reviews, 1 media files\./)).toBeVisible();

	// Another device: a fresh browser profile imports the exported package.
	const other = await browser.newContext();
	const second = await other.newPage();
	await upload(second, saved);
	await expect(second.getByText('Read from collection.anki21.')).toBeVisible();
	await second.getByRole('button', { name: 'Import 3 cards' }).click();
	await expect(second.getByText('Imported: 3 new cards, 3 reviews.')).toBeVisible();
	expect(await stored(second)).toEqual(before);
	await other.close();
});

test('HTML full of script in Anki fields is sanitised: nothing runs, loads or leaves the page', async ({ page, baseURL }, info) => {
	const escapes = watchForEscapes(page, baseURL!);
	const hostile: ApkgFixture = {
		notes: PAYLOADS.map((p, i) => [100 + i, i % 2 ? '1003' : '1001', i % 2 ? [`{{c1::${p}}} and text ${i}`, p] : [`Q${i} ${p}`, `A ${p}`, p]]),
		cards: PAYLOADS.map((_, i) => [200 + i, 100 + i, '2001', 0, 0, 0, i]),
		revlog: []
	};
	const file = info.outputPath('hostile.apkg');
	writeFileSync(file, buildApkg(SQL, hostile));
	await upload(page, file);
	await page.getByRole('button', { name: /^Import \d+ cards$/ }).click();
	await page.getByRole('link', { name: 'Study it now' }).click();
	for (let i = 0; i < PAYLOADS.length - 1; i++) {
		await page.getByRole('button', { name: 'Show answer' }).click();
		await page.getByRole('button', { name: /^Good/ }).click();
	}
	await page.goto('/decks/anki-2001');
	await page.getByRole('button', { name: /^Q0 / }).click();
	await expect(page.getByText('Answer:')).toBeVisible();
	await escapes.check();
});

test('maths in MathJax and LaTeX markers is drawn as MathML, offline; hostile TeX draws nothing that runs, loads or links', async ({ page, baseURL }, info) => {
	const outside: string[] = [];
	const dialogs: string[] = [];
	page.on('request', (r) => {
		if (!r.url().startsWith(baseURL!) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) outside.push(r.url());
	});
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	const hostile = [
		'\\(\\href{javascript:alert(1)}{click}\\)',
		'\\(\\url{https://evil.example/u}\\)',
		'\\(\\includegraphics{https://evil.example/x.png}\\)',
		'\\(\\htmlClass{cloze}{x} \\htmlStyle{background:url(https://evil.example/s)}{y}\\)',
		'\\(\\def\\a{\\a\\a}\\a\\)',
		'\\(\\text{<math><mtext><table><mglyph><style><img src=x onerror=alert(2)></style></mglyph></table></mtext></math>}\\)',
		'\\(x</mi><maction actiontype="statusline" xlink:href="javascript:alert(3)">y</maction>\\)',
		'[$]\\operatorname{<svg onload=alert(4)>}[/$]'
	];
	const file = info.outputPath('maths.apkg');
	writeFileSync(
		file,
		buildPackage(SQL, {
			notes: [
				{ id: 1, mid: '1001', fields: ['Creatinine clearance: \\(C = \\frac{U \\times V}{P}\\)', 'Display: [$$]\\sqrt{x^2 + 1}[/$$] and \\[a &lt; b\\]', ''] },
				{ id: 2, mid: '1001', fields: ['[latex]$pH = pK_a + \\log \\frac{[A^-]}{[HA]}$[/latex] is named after whom?', 'Henderson and Hasselbalch', ''] },
				{ id: 3, mid: '1001', fields: [`Hostile maths ${hostile.join(' ')}`, hostile.join(' '), ''] },
				{ id: 4, mid: '1001', fields: ['Unfinished \\(\\frac{a\\) stays as written', 'ok', ''] }
			],
			cards: [1, 2, 3, 4].map((n) => ({ id: 10 * n, nid: n, did: '2001', ord: 0, due: n }))
		})
	);
	await upload(page, file);
	await page.getByRole('button', { name: 'Import 4 cards' }).click();
	await page.getByRole('link', { name: 'Study it now' }).click();
	await expect(question(page).locator('math mfrac')).toHaveCount(1);
	await expect(question(page)).not.toContainText('\\frac');
	await expect(question(page)).toContainText('Creatinine clearance:');
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(page.locator('#answer math[display="block"] msqrt')).toHaveCount(1);
	await expect(page.locator('#answer math[display="block"]')).toHaveCount(2);
	await expect(page.locator('#answer')).not.toContainText('[$$]');
	await page.getByRole('button', { name: /^Good/ }).click();
	await expect(question(page).locator('math msub')).toHaveCount(1);
	await expect(question(page)).not.toContainText('[latex]');
	await expect(question(page)).toContainText('is named after whom?');
	await page.getByRole('button', { name: 'Show answer' }).click();
	await page.getByRole('button', { name: /^Good/ }).click();

	await expect(question(page)).toContainText('Hostile maths');
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(page.locator('#answer')).toBeVisible();
	const faces = page.locator('#question, #answer');
	// Commands that would link, load or style are refused by the renderer: their source stays as text.
	await expect(faces.locator('math').first()).toBeAttached();
	await expect(question(page)).toContainText('\\(\\href{javascript:alert(1)}{click}\\)');
	expect(await faces.locator('a, img, svg, iframe, script, style, maction, annotation-xml, [href], [style], [onload], [onerror]').count()).toBe(0);
	expect(await faces.locator('math [class], math [id]').count()).toBe(0);
	expect(dialogs).toEqual([]);
	await page.getByRole('button', { name: /^Good/ }).click();
	// TeX the renderer cannot read is kept as written, not lost.
	await expect(question(page)).toContainText('Unfinished \\(\\frac{a\\) stays as written');
	expect(outside).toEqual([]);
	expect(dialogs).toEqual([]);
});
