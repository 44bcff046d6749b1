// Anki packages in and out: the public surface of the Anki importer (and, later, exporter).

export { readApkg, MAX_APKG_BYTES, type ApkgResult } from './package.ts';
export { ankiToDataset, type AnkiImport } from './convert.ts';
export { renderTemplate, clozeNumbers, type RenderContext } from './template.ts';
export type * from './types.ts';
export { stripHtml } from '../strip-html.ts';
