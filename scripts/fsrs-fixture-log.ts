// Writes the fixed review log the optimiser is tested on (src/lib/core/fsrs/fixtures/log.json):
// 6 000 answers by a simulated learner whose memory is not FSRS's default one, so a fit has
// something to find. Run once; the file is committed and the reference figures are made from it.
//   npx tsx scripts/fsrs-fixture-log.ts
import { writeFileSync } from 'node:fs';
import { syntheticLog } from '../src/lib/core/fsrs/synthetic.ts';

/** The simulated learner: forgets new cards faster than the defaults say, and gains less from a success. */
export const TRUE_PARAMETERS = [0.4, 1.1, 3.2, 11.5, 6.8, 0.6, 2.4, 0.01, 1.45, 0.2, 0.9, 1.7, 0.08, 0.3, 1.9, 0.5, 2.2, 0.5, 0.1, 0.07, 0.25];

const log = syntheticLog({ seed: 'docdeck optimiser fixture', answers: 6000, newPerDay: 12, parameters: TRUE_PARAMETERS });
const rows = log.map((a) => [a.card, a.day, a.minute, a.rating, a.seconds]);
const text = `{"about":"A simulated learner's review log: [card, study day, minute of the day, rating, seconds]. Made by scripts/fsrs-fixture-log.ts.","trueParameters":${JSON.stringify(TRUE_PARAMETERS)},"answers":[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`;
writeFileSync(new URL('../src/lib/core/fsrs/fixtures/log.json', import.meta.url), text);
console.log(`${rows.length} answers on ${new Set(log.map((a) => a.card)).size} cards over ${log.at(-1)!.day + 1} days`);
