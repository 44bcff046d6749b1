// The sheet a reader judges drafts from: every draft of one fixture document with its id, the
// passage it comes from, what the harness found and the judgement on file (or "unjudged", or
// "stale" when the draft changed since). `--skeleton` prints the judged file with the current
// hashes, unjudged drafts marked "?" to fill in by reading them against docs/card-rubric.md.
//   npx tsx scripts/judge-sheet.ts <document name, e.g. notes or seed> [--skeleton]
import { DOCS, draftHash, extractDoc, readJudged, ruleBreaks } from '../tests/fixtures/extract/judging.ts';

const name = process.argv[2];
const doc = DOCS.find((d) => d.name === name);
if (!doc) {
	console.error(`name one of: ${DOCS.map((d) => d.name).join(', ')}`);
	process.exit(2);
}
const ex = extractDoc(doc);
const judged = readJudged(doc);
const breaks = ruleBreaks(ex);
if (process.argv.includes('--skeleton')) {
	const out: Record<string, unknown> = {};
	for (const d of ex.drafts) {
		const j = judged[d.id];
		out[d.id] = j && j.text === draftHash(d) ? j : { text: draftHash(d), verdict: '?', ...(j ? { was: j } : {}) };
	}
	console.log(JSON.stringify(out, null, '\t'));
} else {
	for (const d of ex.drafts) {
		const j = judged[d.id];
		const state = !j ? 'unjudged' : j.text !== draftHash(d) ? `stale (was ${j.verdict})` : `${j.verdict}${j.rule ? ` r${j.rule}` : ''}${j.note ? `: ${j.note}` : ''}`;
		console.log(`[${d.id}] ${d.kind} · ${d.why}${d.needsLook ? ` · needs a look: ${d.needsLook}` : ''}\n  Q: ${d.question}\n  A: ${d.answer.replace(/\n/g, ' ')}\n  from: ${d.passageText}\n  ${breaks.filter((b) => b.id === d.id).map((b) => `rule ${b.rule}: ${b.what}; `).join('')}judged: ${state}`);
	}
}
