import { defineConfig, devices } from '@playwright/test';

// End-to-end tests drive the built app in Debian's Chromium (Playwright's own browser download is
// not available here). See ../shared/STACK.md for why these flags.
// E2E_PORT lets two checkouts on one machine run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests',
	testMatch: '**/*.spec.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 30_000,
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		serviceWorkers: 'allow',
		launchOptions: {
			executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic']
		}
	},
	projects: [
		{ name: 'phone', use: { ...devices['Pixel 5'], viewport: { width: 360, height: 740 }, browserName: 'chromium' }, testMatch: /phone\.spec\.ts|offline\.spec\.ts|a11y\.spec\.ts/ },
		{ name: 'laptop', use: { viewport: { width: 1280, height: 800 }, browserName: 'chromium' }, testIgnore: /phone\.spec\.ts|offline\.spec\.ts|a11y\.spec\.ts/ }
	],
	webServer: {
		// The build served as a static host serves it (with its 200.html fallback), not `vite preview`.
		command: `npx vite build && node_modules/.bin/tsx scripts/static-host.ts --port ${PORT}`,
		url: `http://127.0.0.1:${PORT}`,
		reuseExistingServer: false,
		timeout: 120_000
	}
});
