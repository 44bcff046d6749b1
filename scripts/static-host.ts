// build/ served as a static host serves an adapter-static SPA (Netlify, GitHub Pages, nginx with
// try_files): a file, a folder's index.html, a prerendered page's .html, and for any other page the
// fallback shell 200.html. A missing file with an extension is a 404, as on those hosts. The
// end-to-end tests and the benchmark both run against it, so they test the build users get.
//
//   tsx scripts/static-host.ts [--port 4173] [--root build]

import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.mjs': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.wasm': 'application/wasm',
	'.txt': 'text/plain; charset=utf-8',
	'.ico': 'image/x-icon'
};

export function staticHost(root: string): Server {
	const base = path.resolve(root);
	return createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://x');
		let file = path.join(base, decodeURIComponent(url.pathname));
		if (file !== base && !file.startsWith(base + path.sep)) return void res.writeHead(403).end();
		if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
		if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
		if (!existsSync(file)) {
			if (path.extname(url.pathname)) {
				process.stderr.write(`[static-host] 404 ${url.pathname}\n`);
				return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
			}
			file = path.join(base, '200.html');
		}
		res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
		res.end(readFileSync(file));
	});
}

/** Serves `root` on 127.0.0.1 (`port` 0: any free port) and resolves with its address. */
export function serveStatic(root: string, port = 0): Promise<{ server: Server; url: string }> {
	const server = staticHost(root);
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }));
	});
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const arg = (name: string, fallback: string) => {
		const i = process.argv.indexOf(name);
		return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
	};
	const root = arg('--root', 'build');
	if (!existsSync(path.join(root, 'index.html'))) {
		console.error(`${root}/index.html is missing: run "npx vite build" first.`);
		process.exit(1);
	}
	const { url } = await serveStatic(root, Number(arg('--port', '4173')));
	console.log(`Serving ${root} at ${url}`);
}
