// Builds the benchmark page (bench/page) next to the app, at /__bench/, so it shares the app's
// origin and IndexedDB database and drives the app's own storage layer and worker.
import { defineConfig } from 'vite';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export default defineConfig({
	root: path.join(root, 'bench/page'),
	base: '/__bench/',
	logLevel: 'warn',
	resolve: { alias: { $lib: path.join(root, 'src/lib') } },
	build: { outDir: path.join(root, 'build/__bench'), emptyOutDir: true, target: 'es2022', rolldownOptions: { checks: { bundlerTimings: false } } },
	worker: { format: 'es' }
});
