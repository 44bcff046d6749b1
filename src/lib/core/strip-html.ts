// Anki-style HTML reduced to plain text: for searching, for emptiness checks, for typed answers.
// Kept alone so a screen that only lists cards does not load the Anki importer.

/** Text of an HTML fragment (tags dropped, line breaks kept, common entities decoded). Not a sanitiser. */
export function stripHtml(html: string): string {
	return decodeEntities(html.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, ''));
}

/** The common HTML entities Anki's editor writes, decoded (&amp; last, so "&amp;lt;" stays "&lt;"). */
export function decodeEntities(text: string): string {
	return text
		.replace(/&nbsp;/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&');
}
