// A static, offline single-page app: no server rendering, one prerendered shell for every URL.
export const ssr = false;
export const prerender = true;
