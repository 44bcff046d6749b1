// The one wording for a file too large to take: its size, the limit and what to do instead.

const MB = 1024 * 1024;

/** Megabytes rounded up to a tenth, so a file just over a limit never reads as the limit itself. */
export function megabytes(bytes: number): string {
	return (Math.ceil((bytes / MB) * 10) / 10).toFixed(1);
}

/**
 * "notes.pdf is 50.1 MB, over DocDeck's limit of 50 MB; split it …". `kind` names what the limit is
 * for when the name alone does not ("for a backup"); `advice` says what to do instead.
 */
export function tooLarge(name: string, bytes: number, limitBytes: number, advice: string, kind = ''): string {
	return `${name} is ${megabytes(bytes)} MB, over DocDeck's limit of ${Math.round(limitBytes / MB)} MB${kind ? ` for ${kind}` : ''}; ${advice}`;
}
