// Renders the app icons (static/icons/*.svg) to the PNG sizes the manifest lists, in Chromium.
// Run after changing an icon: `npx tsx scripts/make-icons.ts`. The PNGs are committed.
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const jobs = [
	{ svg: 'static/icons/icon.svg', out: 'static/icons/icon-192.png', size: 192, bg: 'transparent' },
	{ svg: 'static/icons/icon.svg', out: 'static/icons/icon-512.png', size: 512, bg: 'transparent' },
	{ svg: 'static/icons/maskable.svg', out: 'static/icons/maskable-512.png', size: 512, bg: '#0f5e6e' },
	{ svg: 'static/icons/icon.svg', out: 'static/icons/apple-touch-icon.png', size: 180, bg: '#0f5e6e' }
];

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const j of jobs) {
	await page.setViewportSize({ width: j.size, height: j.size });
	const svg = readFileSync(j.svg, 'utf8');
	await page.setContent(`<html><body style="margin:0;background:${j.bg}">${svg.replace('<svg ', `<svg width="${j.size}" height="${j.size}" `)}</body></html>`);
	await page.screenshot({ path: j.out, omitBackground: j.bg === 'transparent' });
	console.log(`${j.out} ${j.size}px`);
}
await browser.close();
