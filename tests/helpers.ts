// Shared steps for the end-to-end tests: what a learner does, and reading what the app stored.
import { expect, type Page } from '@playwright/test';

/** Rows in the review log, read straight from the app's IndexedDB (the truth the UI reports). */
export async function reviewRows(page: Page): Promise<{ cardKey: string; rating: number }[]> {
	return page.evaluate(
		() =>
			new Promise<{ cardKey: string; rating: number }[]>((resolve, reject) => {
				const open = indexedDB.open('docdeck');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const req = db.transaction('reviews').objectStore('reviews').getAll();
					req.onsuccess = () => {
						resolve((req.result as { cardKey: string; rating: number }[]).map((r) => ({ cardKey: r.cardKey, rating: r.rating })));
						db.close();
					};
					req.onerror = () => reject(req.error);
				};
			})
	);
}

export async function openDeck(page: Page): Promise<void> {
	await page.goto('/');
	await page.getByRole('link', { name: /^Study/ }).click();
	await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
}

export function question(page: Page) {
	return page.locator('#question');
}

/** The counts line of the study screen, e.g. "20 new 0 learning 0 review". */
export function counts(page: Page) {
	return page.getByTestId('counts');
}

/** Waits until the service worker controls the page, so the next load can be offline. */
export async function waitForOffline(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
		}
	});
}

/** Script and markup a hostile file may carry: none of it may run, load or leave the page. */
export const PAYLOADS = [
	'<script>window.__xss=1;alert(1)</script>',
	'<img src=x onerror="window.__xss=2;alert(2)">',
	'<a href="javascript:alert(3)">click me</a>',
	'<svg onload="alert(4)"><circle r=1 /></svg>',
	'<div style="background:url(javascript:alert(5));width:expression(alert(6))">css</div>',
	'{@html "<img src=x onerror=alert(7)>"}',
	'<iframe srcdoc="<script>parent.alert(8)</script>"></iframe>',
	'"><img src=https://evil.example/x.png>',
	'<math><mtext><table><mglyph><style><img src=x onerror=alert(9)></style></mglyph></table></mtext></math>'
];

/** Watches a page for any sign that imported content escaped being text. */
export function watchForEscapes(page: Page, baseURL: string) {
	const dialogs: string[] = [];
	const outside: string[] = [];
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	page.on('request', (r) => {
		const url = r.url();
		if (!url.startsWith(baseURL) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
	});
	return {
		async check() {
			expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
			expect(await page.locator('main img, main svg, main iframe, main script, main math, main a[href^="javascript"]').count()).toBe(0);
			expect(dialogs).toEqual([]);
			expect(outside).toEqual([]);
		}
	};
}

/** A small deck, brought in through the app's own backup merge, for tests that need exact cards. */
export async function importTestDeck(page: Page, file: string, cards: { id: string; kind: 'basic' | 'cloze' | 'list' | 'steps'; question: string; answer: string; items?: string[]; section?: string }[]) {
	const { serializeBackup } = await import('../src/lib/core/backup.ts');
	const { newSchedule } = await import('../src/lib/core/schedule.ts');
	const s = newSchedule(Date.UTC(2026, 0, 1));
	const rows = cards.map((c, i) => ({ ...c, key: `quiz/${c.id}`, deckId: 'quiz', items: c.items ?? [], explanation: '', section: c.section ?? 'Clotting', passage: '', position: i, retired: 0 as const }));
	const text = serializeBackup(
		{
			decks: [{ id: 'quiz', title: 'Quiz deck', description: 'For the quiz tests', origin: 'imported', source: { title: 'None', origin: '', passages: [] }, fingerprint: 'q', updatedAt: Date.UTC(2026, 0, 1) }],
			cards: rows,
			states: rows.map((c) => ({ key: c.key, deckId: 'quiz', queue: 0 as const, due: c.position, position: c.position, schedule: s, flag: 0 as const, buriedDay: 0 })),
			reviews: [],
			settings: null
		},
		{ createdAt: Date.now(), schemaVersion: 2, app: 'test' }
	);
	const { writeFileSync } = await import('node:fs');
	writeFileSync(file, text);
	await page.goto('/settings');
	await page.getByLabel('Bring back a backup').setInputFiles(file);
	await page.getByRole('button', { name: 'Merge into this device' }).click();
	await expect(page.getByText(/^Merged/)).toBeVisible();
}

export const QUIZ_CARDS = [
	{ id: 't0', kind: 'basic' as const, question: 'Which clotting protein does the liver make more of in nephrotic syndrome?', answer: 'Fibrinogen' },
	{ id: 't1', kind: 'basic' as const, question: 'Which protein is the most important natural anticoagulant?', answer: 'Antithrombin III' },
	{ id: 't2', kind: 'basic' as const, question: 'Which anticoagulant protein depends on vitamin K?', answer: 'Protein S' },
	{ id: 't3', kind: 'basic' as const, question: 'Which protein lost in the urine lowers fibrinolysis?', answer: 'Plasminogen' },
	{ id: 't4', kind: 'basic' as const, question: 'Which clotting factor do long-term steroids make more active?', answer: 'Factor VIII' },
	{ id: 'list', kind: 'list' as const, question: 'Name the three changes that lower fibrinolysis.', answer: 'x', items: ['Plasminogen is lost in the urine', 'PAI activity rises', 'TAFI activity rises'] },
	{ id: 'chain', kind: 'steps' as const, question: 'Put the vicious circle in order.', answer: 'x', items: ['Hypercoagulability worsens ischaemia', 'Thrombi form and lumens narrow', 'Intrinsic cells are injured', 'Ischaemia becomes more severe'] },
	{ id: 'other', kind: 'list' as const, question: 'Name two lipoproteins that harm mesangial cells.', answer: 'x', items: ['LDL', 'Oxidised LDL', 'Very-low-density lipoprotein'], section: 'Lipids' }
];
