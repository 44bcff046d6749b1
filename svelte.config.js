import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A static, offline single-page app: every URL is served by the same prerendered shell.
		adapter: adapter({ fallback: '200.html', strict: true }),
		// Absolute asset paths, so nested URLs load their chunks offline from the service worker cache.
		paths: { relative: false },
		// Hash-based CSP in the prerendered shell: no inline script runs unless the build emitted it.
		// 'wasm-unsafe-eval' lets the Anki importer compile sql.js' WebAssembly; it allows no script.
		// Nothing else leaves or enters the page: images only from the app itself and from object
		// URLs (imported media), no plugins, no <base>, forms to the app only; fetches to the app and to the sync server below.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'style-src': ['self'],
				'img-src': ['self', 'blob:', 'data:'],
				// Sounds of imported decks, played from their object URLs.
				'media-src': ['self', 'blob:'],
				// The learner's sync server (Settings → Sync): any https one, or one on this computer over
				// http. Nothing connects until a server is set up there.
				'connect-src': ['self', 'https:', 'http://127.0.0.1:*', 'http://localhost:*'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'form-action': ['self']
			}
		},
		// The service worker is registered by the app itself (src/lib/state/app-update.svelte.ts),
		// so that it can tell the learner when an update is waiting.
		serviceWorker: { register: false }
	}
};

export default config;
