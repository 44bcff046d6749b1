// Faults a learner's history must survive: a closed browser, two tabs, a newer version opening
// the database, and a hostile backup full of script.
import { chromium, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { counts, question, reviewRows, PAYLOADS, watchForEscapes } from './helpers';
import { serializeBackup, type BackupData } from '../src/lib/core/backup.ts';
import { newSchedule } from '../src/lib/core/schedule.ts';
import { Queue } from '../src/lib/core/model.ts';

test('an answer the screen has acknowledged survives closing the browser at once', async ({}, info) => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'docdeck-profile-'));
	const launch = () =>
		chromium.launchPersistentContext(dir, {
			executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic'],
			baseURL: info.project.use.baseURL
		});
	try {
		let context = await launch();
		let page = context.pages()[0] ?? (await context.newPage());
		await page.goto('/study/nephrotic-syndrome');
		const q = (await question(page).textContent())!.trim();
		await page.getByRole('button', { name: 'Show answer' }).click();
		await page.getByRole('button', { name: /^Good/ }).click();
		// The next card is painted at once; the acknowledgement is "Saved", which waits for the commit.
		await expect(question(page)).not.toHaveText(q);
		await expect(page.getByRole('status').filter({ hasText: /^Saved: Good \(1 this session\)\.$/ })).toBeVisible();
		await context.close(); // at once, no grace

		context = await launch();
		page = context.pages()[0] ?? (await context.newPage());
		await page.goto('/study/nephrotic-syndrome');
		await expect(counts(page)).toContainText('19 new');
		expect(await reviewRows(page)).toEqual([{ cardKey: 'nephrotic-syndrome/def-refractory', rating: 3 }]);
		await context.close();
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});

test('two tabs: an answer in one shows in the other\'s counts without a reload', async ({ context }) => {
	const home = await context.newPage();
	await home.goto('/');
	await expect(home.getByText('20 new')).toBeVisible();
	const study = await context.newPage();
	await study.goto('/study/nephrotic-syndrome');
	await study.getByRole('button', { name: 'Show answer' }).click();
	await study.getByRole('button', { name: /^Good/ }).click();
	await expect(counts(study)).toContainText('19 new');
	await expect(home.getByText('19 new')).toBeVisible();
	await expect(home.getByText('studied today: 1 answer')).toBeVisible();
});

test('a newer version opening the database is never blocked by an old tab, which asks to reload', async ({ context }) => {
	const old = await context.newPage();
	await old.goto('/');
	await expect(old.getByRole('link', { name: /^Study/ })).toBeVisible();
	const newer = await context.newPage();
	await newer.goto('/manifest.webmanifest'); // same origin, without the app holding the database
	const outcome = await newer.evaluate(
		async () =>
			new Promise<string>((resolve) => {
				// One version above whatever this build uses.
				void (async () => {
					const current = (await indexedDB.databases()).find((d) => d.name === 'docdeck')?.version ?? 1;
					const req = indexedDB.open('docdeck', current + 1);
					req.onblocked = () => resolve('blocked');
					req.onsuccess = () => {
						req.result.close();
						resolve('opened');
					};
					req.onerror = () => resolve(`error ${req.error?.name}`);
				})();
			})
	);
	expect(outcome).toBe('opened');
	await expect(old.getByText('DocDeck was updated in another tab. Reload this tab to go on.')).toBeVisible();
	await expect(old.getByRole('button', { name: 'Reload' })).toBeVisible();
});

test('the page ships a Content-Security-Policy without unsafe-inline scripts, and it blocks injected script', async ({ page }) => {
	const response = await page.goto('/');
	const html = await response!.text();
	const csp = /<meta http-equiv="content-security-policy" content="([^"]+)"/i.exec(html)?.[1] ?? '';
	const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? '';
	expect(scriptSrc).toContain("'self'");
	expect(scriptSrc).not.toContain('unsafe-inline');
	await expect(page.getByRole('link', { name: /^Study/ })).toBeVisible(); // the app itself runs under it
	const ran = await page.evaluate(async () => {
		const blocked = new Promise<boolean>((resolve) => {
			document.addEventListener('securitypolicyviolation', () => resolve(true), { once: true });
			setTimeout(() => resolve(false), 1000);
		});
		const s = document.createElement('script');
		s.textContent = 'window.__injected = true';
		document.body.append(s);
		return { blocked: await blocked, injected: (window as unknown as { __injected?: boolean }).__injected === true };
	});
	expect(ran).toEqual({ blocked: true, injected: false });
});

test('nothing leaves for another host: images, fetches, plugins and form posts are refused by the policy', async ({ page }) => {
	// A blocked request is still attempted (and fails); none may get an answer.
	const answered: string[] = [];
	page.on('response', (r) => {
		if (!r.url().startsWith('http://127.0.0.1') && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) answered.push(r.url());
	});
	const response = await page.goto('/');
	const csp = /<meta http-equiv="content-security-policy" content="([^"]+)"/i.exec(await response!.text())?.[1] ?? '';
	for (const d of ["default-src 'self'", "img-src 'self' blob: data:", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "connect-src 'self'"]) expect(csp).toContain(d);
	await expect(page.getByRole('link', { name: /^Study/ })).toBeVisible();
	const violated = await page.evaluate(async () => {
		const seen: string[] = [];
		document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
		const img = document.createElement('img');
		img.src = 'http://example.com/pixel.png';
		document.body.append(img);
		const obj = document.createElement('object');
		obj.data = 'http://example.com/movie.swf';
		document.body.append(obj);
		const fetched = await fetch('http://example.com/steal').then(
			() => 'sent',
			() => 'refused'
		);
		// Our own object URLs (imported media) still show.
		const own = document.createElement('img');
		own.src = URL.createObjectURL(new Blob(['<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'], { type: 'image/svg+xml' }));
		const loaded = await new Promise<boolean>((resolve) => {
			own.onload = () => resolve(true);
			own.onerror = () => resolve(false);
			document.body.append(own);
		});
		await new Promise((r) => setTimeout(r, 300));
		return { seen: [...new Set(seen)].sort(), fetched, loaded };
	});
	expect(violated).toEqual({ seen: ['connect-src', 'img-src', 'object-src'], fetched: 'refused', loaded: true });
	expect(answered).toEqual([]);
});


function hostileBackup(): string {
	const s = newSchedule(Date.UTC(2026, 0, 1));
	const p = (i: number) => PAYLOADS[i % PAYLOADS.length]!;
	const data: BackupData = {
		decks: [
			{
				id: 'hostile',
				title: `Hostile ${p(0)}`,
				description: p(1),
				origin: 'imported',
				source: { title: p(2), origin: p(3), passages: PAYLOADS.map((text, i) => ({ id: `p${i}`, section: p(i + 4), text })) },
				fingerprint: 'x',
				updatedAt: Date.UTC(2026, 0, 1)
			}
		],
		cards: PAYLOADS.map((payload, i) => ({
			id: `c${i}`,
			key: `hostile/c${i}`,
			deckId: 'hostile',
			kind: i % 3 === 0 ? 'list' : 'basic',
			question: `Question ${payload}`,
			answer: `Answer ${p(i + 1)}`,
			items: i % 3 === 0 ? [p(i + 2), p(i + 3)] : [],
			explanation: p(i + 4),
			section: p(i + 5),
			passage: `p${i}`,
			position: i,
			retired: 0
		})),
		states: PAYLOADS.map((_, i) => ({ key: `hostile/c${i}`, deckId: 'hostile', queue: Queue.New, due: i, position: i, schedule: s, flag: 0, buriedDay: 0 })),
		reviews: [],
		settings: null
	};
	return serializeBackup(data, { createdAt: Date.now(), schemaVersion: 1, app: 'test' });
}

test('script in every field of an imported deck never runs and no request leaves the page', async ({ page, baseURL }, info) => {
	const escapes = watchForEscapes(page, baseURL!);
	const file = info.outputPath('hostile.json');
	writeFileSync(file, hostileBackup());
	await page.goto('/settings');
	await page.getByLabel('Bring back a backup').setInputFiles(file);
	await page.getByRole('button', { name: 'Merge into this device' }).click();
	await expect(page.getByText(/^Merged “hostile\.json”/)).toBeVisible();

	await page.goto('/');
	await expect(page.getByRole('heading', { name: `Hostile ${PAYLOADS[0]}` })).toBeVisible(); // shown as text
	await page.goto('/study/hostile');
	for (let i = 0; i < 4; i++) {
		await expect(question(page)).toContainText('Question <');
		await page.getByRole('button', { name: 'Show answer' }).click();
		await expect(page.getByText('From the source:')).toBeVisible();
		await page.getByRole('button', { name: /^Good/ }).click();
	}
	await page.goto('/decks/hostile');
	await page.getByRole('button', { name: /^Question <script>/ }).click();
	await expect(page.getByText('Answer:')).toBeVisible();
	await page.goto('/decks/hostile/source');
	await expect(page.locator('#p1')).toHaveText(PAYLOADS[1]!);

	await escapes.check();
});
