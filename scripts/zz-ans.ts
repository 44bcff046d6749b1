import { chromium } from '@playwright/test';
import { serveStatic } from './static-host.ts';
const { server, url } = await serveStatic('build');
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const ctx = await b.newContext({ serviceWorkers: 'block', viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true });
const page = await ctx.newPage();
page.on('console', (m) => console.log('console:', m.text()));
await page.goto(url + '/study/nephrotic-syndrome');
await page.locator('#question').waitFor();
const cdp = await ctx.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
for (let i = 0; i < 15; i++) {
	const q = await page.locator('#question').textContent();
	await page.keyboard.press('Space');
	try {
		await page.getByRole('button', { name: /^Good/ }).waitFor({ timeout: 5000 });
	} catch {
		console.log('STUCK at', i, q, 'focus:', await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200)));
		console.log(await page.locator('main').innerText());
		break;
	}
	await page.keyboard.press('3');
	await page.waitForTimeout(30);
}
console.log('done');
await b.close(); server.close();
