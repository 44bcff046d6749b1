// Takes the README's screenshot of the study screen on a 360 px phone. Needs the app served:
// `npm run build && npx vite preview --port 4173`, then `npx tsx scripts/screenshot.ts`.
import { chromium, devices } from '@playwright/test';

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic'] });
const context = await browser.newContext({ ...devices['Pixel 5'], viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
const page = await context.newPage();
await page.goto(process.env.BASE_URL ?? 'http://127.0.0.1:4173/study/nephrotic-syndrome');
for (let i = 0; i < 3; i++) {
	await page.getByRole('button', { name: 'Show answer' }).click();
	await page.getByRole('button', { name: /^Good/ }).click();
}
await page.getByRole('button', { name: 'Show answer' }).click();
await page.getByText('From the source:').waitFor();
await page.screenshot({ path: 'docs/screenshot.png' });
await browser.close();
console.log('docs/screenshot.png');
