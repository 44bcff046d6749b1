// The URL of pdfjs's worker as emitted into our own build (hashed, same origin, precached by the
// service worker): hand it to pdfToText as `workerSrc`. Import this module in the browser only —
// `?url` is Vite's, so Node (tests, scripts) cannot evaluate it; there pdfToText needs no worker.
export { default } from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
