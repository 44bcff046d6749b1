// Sync through a CouchDB-protocol server: devices as separate browser contexts, a PouchDB Server
// in memory on 127.0.0.1 started and stopped by the tests themselves.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { question, waitForOffline } from './helpers';

const PORT = Number(process.env.E2E_PORT ?? 4173) + 20_000;
const SERVER = `http://127.0.0.1:${PORT}`;

/** PouchDB Server in memory (its config and log files in a temporary folder); stopping it loses everything. */
async function startServer(): Promise<{ stop: () => Promise<void> }> {
	const proc: ChildProcess = spawn(join(process.cwd(), 'node_modules/.bin/pouchdb-server'), ['--in-memory', '--host', '127.0.0.1', '--port', String(PORT), '--no-stdout-logs'], { cwd: mkdtempSync(join(tmpdir(), 'docdeck-couch-')), stdio: 'ignore' });
	for (let i = 0; i < 150; i++) {
		try {
			if ((await fetch(SERVER)).ok) break;
		} catch {
			await new Promise((r) => setTimeout(r, 200));
		}
	}
	return {
		stop: () =>
			new Promise<void>((resolve) => {
				if (proc.exitCode !== null) return resolve();
				proc.once('exit', () => resolve());
				proc.kill('SIGTERM');
			})
	};
}

interface Stored {
	reviews: { id: string; cardKey: string; rating: number; at: number }[];
	/** Schedules of the cards that have been answered. */
	schedules: Record<string, unknown>;
}

/** The review log and the studied cards' schedules, read straight from the app's IndexedDB. */
function stored(page: Page): Promise<Stored> {
	return page.evaluate(
		() =>
			new Promise<Stored>((resolve, reject) => {
				const open = indexedDB.open('docdeck');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction(['reviews', 'states']);
					const reviews = tx.objectStore('reviews').getAll();
					const states = tx.objectStore('states').getAll();
					tx.oncomplete = () => {
						const rows = (reviews.result as Stored['reviews']).map((r) => ({ id: r.id, cardKey: r.cardKey, rating: r.rating, at: r.at })).sort((a, b) => (a.id < b.id ? -1 : 1));
						const studied = new Set(rows.map((r) => r.cardKey));
						const schedules = Object.fromEntries((states.result as { key: string; schedule: unknown }[]).filter((s) => studied.has(s.key)).map((s) => [s.key, s.schedule]));
						db.close();
						resolve({ reviews: rows, schedules });
					};
				};
			})
	);
}

async function openSync(page: Page) {
	await page.goto('/settings');
	await expect(page.getByRole('heading', { name: 'Sync' })).toBeVisible();
}

async function fillServer(page: Page, url = SERVER, database = 'learner') {
	await page.getByLabel('Server URL').fill(url);
	await page.getByLabel('Database', { exact: true }).fill(database);
}

/** Sets up sync from Settings and waits for the first round trip. */
async function joinSync(page: Page, create = false) {
	await openSync(page);
	await fillServer(page);
	await page.getByRole('button', { name: 'Test connection' }).click();
	if (create) {
		await expect(page.getByTestId('sync-verdict')).toHaveText('The server has no database called "learner". You can create it.');
		await page.getByRole('button', { name: 'Create “learner”' }).click();
	}
	await expect(page.getByTestId('sync-verdict')).toHaveText('Connected: the database "learner" is ready to sync.');
	await page.getByRole('button', { name: 'Start syncing' }).click();
	await expect(page.getByTestId('sync-status')).toHaveText('Sync: Up to date.', { timeout: 15_000 });
}

async function study(page: Page, n: number, grade = /^Good/) {
	await page.goto('/study/nephrotic-syndrome');
	for (let i = 0; i < n; i++) {
		const q = (await question(page).textContent())!.trim();
		await page.getByRole('button', { name: 'Show answer' }).click();
		await page.getByRole('button', { name: grade }).click();
		await expect(question(page).or(page.locator('#done-heading'))).not.toHaveText(q);
	}
}

/** Waits until every device holds `count` reviews, and they hold the same log and the same schedules. */
async function expectInStep(pages: Page[], count: number) {
	for (const p of pages) await expect.poll(async () => (await stored(p)).reviews.length, { timeout: 30_000 }).toBe(count);
	const [first, ...rest] = await Promise.all(pages.map(stored));
	expect(new Set(first!.reviews.map((r) => r.id)).size).toBe(count);
	for (const other of rest) {
		expect(other.reviews).toEqual(first!.reviews);
		expect(other.schedules).toEqual(first!.schedules);
	}
	return first!;
}

test.describe('sync between devices', () => {
	let server: { stop: () => Promise<void> };
	const contexts: BrowserContext[] = [];
	test.beforeEach(async () => {
		server = await startServer();
	});
	test.afterEach(async () => {
		for (const c of contexts.splice(0)) await c.close();
		await server.stop();
	});

	test('two devices, online and offline, the same card on both, an undo, the server restarted empty, and a third device joining later', async ({ browser }) => {
		test.setTimeout(240_000);
		const device = async () => {
			const c = await browser.newContext();
			contexts.push(c);
			return c;
		};
		const laptopContext = await device();
		const phoneContext = await device();
		const laptop = await laptopContext.newPage();
		const phone = await phoneContext.newPage();
		await joinSync(laptop, true);
		await joinSync(phone);

		// Both start with the same first new cards: the same card is answered on both devices.
		await study(laptop, 2);
		await phone.goto('/');
		await waitForOffline(phone);
		await phoneContext.setOffline(true);
		await study(phone, 3, /^Easy/);
		await openSync(phone);
		await expect(phone.getByTestId('sync-status')).toContainText('3 changes waiting', { timeout: 15_000 });
		await expect(phone.getByTestId('sync-status')).toContainText('Last error: The server could not be reached');
		await phoneContext.setOffline(false);
		await openSync(laptop);
		let log = await expectInStep([laptop, phone], 5);
		expect(Object.keys(log.schedules).length).toBe(3);
		// Five answers on three cards: the first two cards were answered on both devices, and both answers are kept.
		const perCard = [...new Set(log.reviews.map((r) => r.cardKey))].map((key) => log.reviews.filter((r) => r.cardKey === key).length).sort();
		expect(perCard).toEqual([1, 2, 2]);

		// An undo on the laptop removes the row on the phone.
		await study(laptop, 1, /^Again/);
		await expectInStep([laptop, phone], 6);
		const before = (await stored(laptop)).reviews.map((r) => r.id);
		await laptop.keyboard.press('z');
		await expect.poll(async () => (await stored(laptop)).reviews.length).toBe(5);
		const undone = before.find((id) => !(log.reviews.map((r) => r.id).includes(id)))!;
		log = await expectInStep([laptop, phone], 5);
		expect(log.reviews.map((r) => r.id)).not.toContain(undone);

		// The server stops mid-way and comes back empty: answers queue meanwhile, and the devices send everything again.
		await server.stop();
		await study(laptop, 1);
		await openSync(laptop);
		await expect(laptop.getByTestId('sync-status')).toContainText('1 change waiting', { timeout: 15_000 });
		server = await startServer();
		await expect(laptop.getByTestId('sync-status')).toContainText('Last error: The server has no database called "learner"', { timeout: 15_000 });

		// A third device joins later, creates the database again, and receives everything.
		const tablet = await (await device()).newPage();
		await joinSync(tablet, true);
		log = await expectInStep([laptop, phone, tablet], 6);
		await expect(laptop.getByTestId('sync-status')).toHaveText('Sync: Up to date.', { timeout: 15_000 });
		expect(log.reviews.map((r) => r.id)).not.toContain(undone);
	});
});

test.describe('bad server answers', () => {
	const FAKE = `http://127.0.0.1:${PORT + 1}`;

	async function answerWith(page: Page, reply: { status?: number; contentType: string; body: string; delayMs?: number }) {
		await page.unrouteAll();
		await page.route(`${FAKE}/**`, async (route) => {
			if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
			await route.fulfill({ status: reply.status ?? 200, contentType: reply.contentType, body: reply.body, headers: { 'access-control-allow-origin': '*' } }).catch(() => undefined);
		});
	}

	test('each failure of Test connection is named, and a running sync against a bad server changes nothing here', async ({ page }) => {
		test.setTimeout(90_000);
		await study(page, 2);
		const mine = await stored(page);
		await openSync(page);
		await fillServer(page, FAKE);
		const verdict = page.getByTestId('sync-verdict');
		const testButton = page.getByRole('button', { name: 'Test connection' });

		await testButton.click();
		await expect(verdict).toContainText('The server could not be reached.');
		await answerWith(page, { contentType: 'text/html', body: '<!doctype html><title>Router login</title><p>Welcome</p>' });
		await testButton.click();
		await expect(verdict).toHaveText('That address answers with a web page, not CouchDB. Check the server URL (it is often on port 5984).');
		await answerWith(page, { contentType: 'application/json', body: '{"status":"ok"}' });
		await testButton.click();
		await expect(verdict).toContainText('not as CouchDB');
		await answerWith(page, { status: 401, contentType: 'application/json', body: '{"error":"unauthorized","reason":"Name or password is incorrect."}' });
		await testButton.click();
		await expect(verdict).toContainText('refused the user name or password (401)');
		await answerWith(page, { status: 500, contentType: 'text/plain', body: 'Internal Server Error' });
		await testButton.click();
		await expect(verdict).toContainText('answered with an error (500)');
		await answerWith(page, { contentType: 'application/json', body: '{"couchdb":"Welcome!"}', delayMs: 9_000 });
		await testButton.click();
		await expect(verdict).toContainText('took longer than 8 seconds', { timeout: 15_000 });

		// A server address that is not one is refused before anything is sent.
		await fillServer(page, 'http://couch.example.org');
		await testButton.click();
		await expect(verdict).toContainText('needs https://');

		// Syncing with a server that answers HTML: a clear status, and this device's log and schedules untouched.
		await fillServer(page, FAKE);
		await answerWith(page, { contentType: 'text/html', body: '<html><body>Not here</body></html>' });
		await page.getByRole('button', { name: 'Start syncing' }).click();
		await expect(page.getByTestId('sync-status')).toHaveText('Sync: 2 changes waiting. Last error: That address answers with a web page, not CouchDB. Check the server URL (it is often on port 5984).', { timeout: 15_000 });
		await answerWith(page, { status: 500, contentType: 'application/json', body: '{"error":"internal"}' });
		await expect(page.getByTestId('sync-status')).toContainText('Last error: The server answered with an error (500)', { timeout: 15_000 });
		expect(await stored(page)).toEqual(mine);

		// Forget this server: the set-up and the queue go, the reviews stay.
		await page.getByRole('button', { name: 'Forget this server' }).click();
		await expect(page.getByTestId('sync-status')).toHaveText('Sync: Not syncing: no server is set up.');
		await expect(page.getByLabel('Server URL')).toHaveValue('');
		expect(await stored(page)).toEqual(mine);
	});
});
