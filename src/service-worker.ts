/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// Precaches the whole build so the app loads and studies with no network after the first visit.
// A new version waits until the learner chooses "Reload to update" (except on first install).

import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `docdeck-${version}`;
// 200.html is the adapter's fallback shell, which preloads no page's code: every page but home is
// served from it. `vite preview` answers it with 404, so it is cached only where the host serves it,
// and "/" (home's shell, which also works for every page) stands in otherwise.
const FALLBACK = '/200.html';
const ASSETS = [...build, ...files, ...prerendered].filter((p) => p !== FALLBACK);
const PRECACHED = new Set(ASSETS);

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await cache.addAll(ASSETS);
			const fallback = await fetch(FALLBACK).catch(() => null);
			if (fallback?.ok) await cache.put(FALLBACK, fallback);
			// The first version takes over at once; later ones wait for the learner.
			if (!sw.registration.active) await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') event.waitUntil(sw.skipWaiting());
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('fetch', (event) => {
	const req = event.request;
	if (req.method !== 'GET') return;
	const url = new URL(req.url);
	if (url.origin !== sw.location.origin) return;

	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			if (PRECACHED.has(url.pathname)) {
				const hit = await cache.match(url.pathname);
				if (hit) return hit;
			}
			// Every page of the app is a prerendered shell.
			if (req.mode === 'navigate') {
				const shell = (url.pathname !== '/' && (await cache.match(FALLBACK))) || (await cache.match('/'));
				if (shell) return shell;
			}
			try {
				return await fetch(req);
			} catch (e) {
				const hit = await cache.match(req);
				if (hit) return hit;
				throw e;
			}
		})()
	);
});
