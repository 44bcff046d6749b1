import { describe, expect, it } from 'vitest';
import { gradeTyped } from './typed.ts';
import { analyze, editDistance, stem } from './normalize.ts';
import { abbreviationsIn, gradeContext } from './glossary.ts';

// The lenient/strict table: what is accepted and why, what is refused and why.
// [typed, answer, question?]
const ACCEPTED: [string, string, string, string?][] = [
	['case, articles, full stop', 'the glomerulus', 'Glomerulus.'],
	['British/American spelling', 'haemoglobin', 'hemoglobin'],
	['British/American spelling', 'ischemia and hypoxia', 'Ischaemia and hypoxia'],
	['British/American spelling', 'protamine sulphate', 'Protamine sulfate'],
	['plural and word form', 'mesangial cells proliferate', 'Mesangial cell proliferation'],
	['word form', 'hypercoagulability and thrombosis', 'A hypercoagulable state and thrombosis.'],
	['word form', 'they become fibrosed and sclerosed', 'They undergo further fibrosis and sclerosis.'],
	['one typo in a long word, near no other term', 'fibrinogn', 'Fibrinogen'],
	['one typo in a drug name', 'metoprolool', 'Metoprolol'],
	['synonym', 'corticosteroids', 'Glucocorticoids'],
	['synonym', 'renal fibrosis', 'kidney fibrosis'],
	['abbreviation from the curated list', 'SRNS', 'Steroid-resistant nephrotic syndrome.'],
	['abbreviation from the curated list', 'Fbg', 'Fibrinogen.'],
	['abbreviation from the card', 'AT-III', 'Antithrombin III (AT-III).'],
	['abbreviation, other spelling', 'AT3', 'Antithrombin III'],
	['long form for an abbreviation', 'low density lipoprotein', 'LDL'],
	['adverb for the adjective', 'extrinsically', 'the extrinsic pathway', 'Vessel-wall damage activates which coagulation pathway?'],
	['-ward for the side', 'rightward', 'To the right (lower affinity for oxygen).', 'Which way does acidosis shift the curve?'],
	['the route the question already gives', '5mg', '5 mg IV.', 'What dose of IV vitamin K is given for major bleeding?'],
	['immunoglobulin class spelt out', 'immunoglobulin G', 'IgG'],
	['curated abbreviation of a virus', 'HEV', 'Hepatitis E'],
	['curated abbreviation of a structure', 'PCT', 'The proximal convoluted tubule.'],
	['anti- before an abbreviation is its antibody', 'anti-tTG IgA', 'IgA tissue transglutaminase antibody.'],
	['a genus by its short name', 'staph aureus', 'Staphylococcus aureus'],
	['factor by letter and numeral', 'FVIII', 'Factor VIII'],
	['Roman = Arabic numeral', 'factor 8', 'Factor VIII'],
	['Roman = Arabic numeral', 'type II diabetes', 'Type 2 diabetes'],
	['Greek letter as a word', 'TNF-alpha', 'TNF-α'],
	['unit spelling', '4 grams', '4 g'],
	['unit spacing', '0.5mg', '0.5 mg'],
	['unit conversion', '4000 mg', '4 g'],
	['compound unit', '0.1 units per kg per hour', '0.1 units/kg/hour'],
	['duration', 'two weeks', '14 days'],
	['duration', 'half a year', '6 months'],
	['weeks for months', '26 weeks', '6 months'],
	['a tubule named by its part', 'distal tubule', 'The distal convoluted tubule (DCT).'],
	['synonym', 'intractable nephrotic syndrome', 'Refractory nephrotic syndrome.'],
	['synonym', 'post-glomerular', 'The efferent arteriole.', 'Angiotensin II constricts mainly which arteriole?'],
	['a Roman numeral after its head', 'class 4', 'Class IV.', 'Which NYHA class has symptoms at rest?'],
	['the number of a blank with the unit the stem gives', '0.3 ml/kg/h', '0.3', 'Stage 3 by urine output: below […] mL/kg/h for 24 hours.'],
	['a measured cut-off by its figure and unit', '48 mmol/mol', '48 mmol/mol (6.5%) or above.', 'What HbA1c value is diagnostic of diabetes?'],
	['a slip in the head of a numbered name', 'factr 8', 'Factor VIII'],
	['a slip in the head of a lettered name', 'hepatitus A', 'Hepatitis A'],
	['a joined prefix', 'tri-iodothyronine', 'T3 (triiodothyronine).'],
	['seconds for milliseconds', '0.5 s', '500 ms'],
	['a count with its noun left out', '7-9', '7–9 points.', 'What Child–Pugh score range corresponds to class B?'],
	['duration and window', 'within a fortnight', 'within 14 days'],
	['threshold', '≥3', 'three or more'],
	['threshold', 'at least three', 'three or more'],
	['threshold of a count', 'more than 2 relapses', 'three or more relapses'],
	['threshold with a plus', '2+', 'two or more'],
	['a bare number where the question asks "at least how many"', '3', 'Three or more.', 'At least how many relapses in a year make it frequently relapsing?'],
	['the comparator the question puts on the value asked for', '>500 ms', '500 ms', 'Above what QTc is the drug stopped?'],
	['direction synonym', 'It is raised', 'It rises'],
	['direction and level', 'low potassium', 'Hypokalaemia'],
	['filler not required', 'fibrosis and sclerosis', 'They undergo further fibrosis and sclerosis.'],
	['filler not required', 'immune complexes', 'Large amounts of immune complexes.'],
	['what the question already says', 'steroid-resistant', 'Steroid-resistant nephrotic syndrome.', 'What do we call nephrotic syndrome that shows no response to a standard course of glucocorticoid therapy?'],
	['negation echoing the question', 'it can no longer control the disease', 'Control the disease.', 'What can anti-infective treatment alone no longer do?'],
	['negative prefix', 'irregular steroid use', 'Glucocorticoids not being used in a standard (regular) way.'],
	['negation only inside a parenthesis', 'steroid-resistant', 'Steroid-resistant (no response)'],
	['a second name in a parenthesis', 'resident renal cells', 'The intrinsic (resident) cells of the kidney'],
	['order kept in other words', 'into the matrix-synthesis phase from the inflammatory phase', 'From the inflammatory phase into the matrix-synthesis phase.'],
	['one of the two the question offers', 'medial', 'Medial.', 'Is the femoral vein medial or lateral to the femoral artery?'],
	['two directions bound to their subjects', 'the efferent constricts while the afferent dilates', 'The afferent arteriole dilates (afferent vasodilation); the efferent arteriole constricts.', 'What happens to the two arterioles of the glomerulus?'],
	['a true claim beside the answer', 'left, with a higher affinity', 'Shifts to the left (greater affinity for oxygen).', 'Which way does a fall in temperature shift the curve?'],
	['two directions, each in its clause', 'PAI increases and fibrinolysis decreases', 'It rises, which lowers fibrinolytic activity.', 'How does PAI activity change, and what does that do to fibrinolysis?']
];

const REFUSED: [string, string, string, RegExp, string?][] = [
	['a numeral away', 'factor VII', 'factor VIII', /you wrote factor VII; the answer is factor VIII/],
	['a numeral away', 'type 1 diabetes', 'type 2 diabetes', /you wrote type 1; the answer is type 2/],
	['a letter away', 'vitamin C', 'vitamin K', /you wrote vitamin C; the answer is vitamin K/],
	['a letter away', 'protein C', 'Protein S', /protein C/],
	['a letter away', 'hepatitis C', 'hepatitis B', /hepatitis C/],
	['a sub-stage away', 'stage 3b', 'stage 3a', /stage 3b/],
	['another class', 'IgG', 'IgA', /IgG/],
	['-ward the other way', 'leftward', 'To the right (lower affinity for oxygen).', /leftward/, 'Which way does acidosis shift the curve?'],
	['another dose, the route in the question', '10 mg', '5 mg IV.', /10 mg/, 'What dose of IV vitamin K is given for major bleeding?'],
	['another route', '5 mg IM', '5 mg IV.', /IM/],
	['another class, spelt out', 'immunoglobulin M', 'IgG', /immunoglobulin M/],
	['another hepatitis virus', 'HDV', 'Hepatitis B virus', /HDV/],
	['another tubule', 'DCT', 'The proximal convoluted tubule.', /DCT/],
	['another Greek letter', 'TNF beta', 'TNF-α', /beta/],
	['another lipoprotein', 'HDL', 'LDL', /HDL/],
	['a name without its number', 'factor', 'factor VIII', /without its number/],
	['a hedge with a second name', 'factor VIII or factor IX', 'factor VIII', /factor IX/],
	['a typo that lands on another known term', 'metolazone', 'metoprolol', /metolazone/],
	['a typo that lands on another known term', 'prednisone', 'prednisolone', /prednisone/],
	['a "typo" that is another word', 'lactose', 'lactulose', /lactose/],
	['prefix that changes meaning', 'hypolipidaemia', 'Hyperlipidaemia', /hypolipidaemia/],
	['level the other way', 'hypernatraemia', 'Hyponatraemia', /hypernatraemia/],
	['opposite word', 'intrinsic pathway', 'Extrinsic pathway', /opposite/],
	['opposite word', 'steroid-sensitive', 'Steroid-resistant', /opposite/],
	['opposite filler', 'small amounts of immune complexes', 'Large amounts of immune complexes.', /small/],
	['another number', '7 days', '14 days', /you wrote 7 days; the answer is 14 days/],
	['another unit', '14 weeks', '14 days', /14 weeks/],
	['another unit', '4 mg', '4 g', /4 mg/],
	['weeks that are not the months', '24 weeks', '6 months', /24 weeks/],
	['the other tubule', 'proximal tubule', 'The distal convoluted tubule (DCT).', /proximal tubule/],
	['the synonym of the other arteriole', 'pre-glomerular', 'The efferent arteriole.', /preglomerular/],
	['another Roman numeral after its head', 'class III', 'Class IV.', /class III/, 'Which NYHA class has symptoms at rest?'],
	['the number of a blank with another unit than the stem gives', '0.3 ml/kg/day', '0.3', /number/, 'Stage 3 by urine output: below […] mL/kg/h for 24 hours.'],
	['the cut-off the other way', 'below 48 mmol/mol', '48 mmol/mol (6.5%) or above.', /less than 48/, 'What HbA1c value is diagnostic of diabetes?'],
	['a slip in the head, another numeral', 'factr 9', 'Factor VIII', /factr 9/],
	['a slip in the head, another letter', 'hepatitus E', 'Hepatitis A', /hepatitus E/],
	['a month is not four weeks', '4 weeks', '1 month', /4 weeks/],
	['another prefix of the unit', '0.5 ms', '500 ms', /0.5 ms/],
	['another threshold', 'three or more', 'Two or more', /three or more/],
	['comparator reversed', '3 or fewer', 'three or more', /at most|3 or fewer/],
	['window reversed', 'within 14 days', 'Beyond 14 days', /within/],
	['numbers paired differently', 'three or more relapses within six months, or two or more within one year', 'Two or more relapses within six months after a remission, or three or more relapses within one year.', /paired differently/],
	['direction reversed', 'PAI activity falls', 'PAI activity rises', /falls/],
	['both directions reversed', 'it falls, which raises fibrinolysis', 'It rises, which lowers fibrinolytic activity.', /falls/],
	['one of two directions reversed', 'it rises, which raises fibrinolysis', 'It rises, which lowers fibrinolytic activity.', /raises/],
	['two directions swapped between their subjects', 'dilates the efferent and constricts the afferent', 'The afferent arteriole dilates (afferent vasodilation); the efferent arteriole constricts.', /the answer pairs “\w+” with “\w+”, not “\w+”/, 'What happens to the two arterioles of the glomerulus?'],
	['two directions swapped between their subjects', 'calcium rises and phosphate falls', 'Calcium falls; phosphate rises.', /rises|falls/],
	['a claim against the parenthesis', 'left, reduced affinity', 'Shifts to the left (greater affinity for oxygen).', /pairs “affinity” with “greater”, not “reduced”/, 'Which way does a fall in temperature shift the curve?'],
	['worse for better', 'it improves renal ischaemia', 'It worsens renal ischaemia.', /improves/],
	['negation missing', 'responds to steroids', 'Does not respond to steroids', /not/],
	['negation added', 'non-responder', 'responder', /not/],
	['order reversed', 'from the matrix synthesis phase into the inflammatory phase', 'From the inflammatory (induction) phase into the matrix-synthesis phase.', /order is reversed/],
	['order reversed', 'angiotensin II to angiotensin I', 'Angiotensin I to angiotensin II', /order is reversed/],
	['a numeral away', 'factor X', 'Factor VIII', /factor X/],
	['a numeral away', 'factor XII', 'factor VIII', /factor XII/],
	['a negating prefix is no typo', 'infrequently relapsing', 'Frequently relapsing', /infrequently/],
	['a negating prefix is no typo', 'insensitive', 'Sensitive', /insensitive/],
	['another term', 'heparin', 'Antithrombin III', /you wrote heparin; the answer is Antithrombin III/],
	['nothing typed', '', 'Albumin', /nothing was typed/],
	['a drug is not the hormone', 'levothyroxine', 'T4 (thyroxine)', /levothyroxine/, 'Which thyroid hormone does the gland release most of?'],
	['the question restated', 'ACTH', 'Adrenocorticotropic hormone', /ACTH is what the question names/, 'What does ACTH stand for?'],
	['the question restated', 'the hormone from the pituitary', 'Adrenocorticotropic hormone', /what the question names/, 'Which pituitary hormone drives cortisol release?']
];

describe('typed answers: the lenient/strict table', () => {
	it.each(ACCEPTED)('accepts (%s): %j for %j', (_why, typed, answer, question) => {
		const r = gradeTyped(typed, answer, { question });
		expect(r.verdict, r.reason).toBe('right');
	});

	it.each(REFUSED)('refuses (%s): %j for %j', (_why, typed, answer, reason, question) => {
		const r = gradeTyped(typed, answer, { question });
		expect(r.verdict).toBe('wrong');
		expect(r.reason).toMatch(reason);
	});

	it('partly right: a bare number where the stem does not say "or more", a part of the answer', () => {
		expect(gradeTyped('2', 'Two or more relapses').verdict).toBe('partly');
		// An "or more" elsewhere in the stem belongs to another number.
		expect(gradeTyped('3', 'three or more', { question: 'Frequently relapsing means two or more relapses in six months, or […] relapses in one year.' }).verdict).toBe('partly');
		expect(gradeTyped('3', 'three or more', { question: 'Frequently relapsing means […] or more relapses in one year.' }).verdict).toBe('right');
		// The tubule without the part that names it is not the answer ("proximal tubule" is: both examiners take it).
		expect(gradeTyped('convoluted tubule', 'Proximal convoluted tubule').verdict).not.toBe('right');
		expect(gradeTyped('it rises', 'It rises, which lowers fibrinolytic activity.').verdict).toBe('partly');
		// A modifier alone is not the named thing, even where the question names the rest.
		const leiden = 'Name the factor V mutation that lets it escape activated protein C.';
		expect(gradeTyped('Leiden', 'Factor V Leiden', { question: leiden }).verdict).toBe('partly');
		expect(gradeTyped('factor V Leiden', 'Factor V Leiden', { question: leiden }).verdict).toBe('right');
		// Also where the named thing with its proper name is the answer's parenthesis.
		expect(gradeTyped('Leiden', 'Factor V (factor V Leiden).', { question: leiden }).verdict).not.toBe('right');
		expect(gradeTyped('factor V Leiden', 'Factor V (factor V Leiden).', { question: leiden }).verdict).toBe('right');
		const hit = 'What do we call the fall in platelet count that heparin can provoke through antibodies?';
		expect(gradeTyped('induced thrombocytopenia', 'Heparin-induced thrombocytopenia', { question: hit }).verdict).toBe('partly');
		expect(gradeTyped('heparin induced thrombocytopenia', 'Heparin-induced thrombocytopenia', { question: hit }).verdict).toBe('right');
		expect(gradeTyped('HIT', 'Heparin-induced thrombocytopenia', { question: hit }).verdict).toBe('right');
		// Half of the compound in the place of the other half is another term.
		expect(gradeTyped('heparin-associated', 'Heparin-induced', { question: hit }).verdict).toBe('wrong');
	});

	it('close, never right, when it cannot tell: a name without its numeral the deck has two of, words it cannot place', () => {
		// The deck names one antithrombin only: its name without the numeral is the same protein.
		expect(gradeTyped('antithrombin', 'Antithrombin III').verdict).toBe('right');
		const ctx = gradeContext(['Angiotensin I becomes angiotensin II.']);
		const a = gradeTyped('angiotensin', 'Angiotensin II', { ctx });
		expect(a.verdict).toBe('close');
		expect(a.reason).toMatch(/angiotensin/i);
		expect(gradeTyped('factor VIII deficiency', 'Factor VIII').verdict).toBe('close');
		// The voice of a compound's second half says what acts on what.
		const r = gradeTyped('calcium-sensed receptor', 'Calcium-sensing receptor');
		expect(r.verdict).toBe('close');
		expect(r.reason).toMatch(/sensed.*sensing/);
		expect(gradeTyped('heparin-inducing thrombocytopenia', 'Heparin-induced thrombocytopenia').verdict).toBe('close');
		expect(gradeTyped('calcium sensing receptor', 'Calcium-sensing receptor').verdict).toBe('right');
	});

	it('accepts any listed alternative, and the deck teaches its abbreviations both ways', () => {
		expect(gradeTyped('prednisone', 'glucocorticoid', { alternatives: ['prednisone'] }).verdict).toBe('right');
		expect(abbreviationsIn('Fourth, antithrombin III (AT-III) is the most important; TAFI (thrombin-activatable fibrinolysis inhibitor) rises; collagen fibre proteins (extracellular matrix, ECM).')).toEqual([
			['AT-III', 'antithrombin III'],
			['TAFI', 'thrombin-activatable fibrinolysis inhibitor'],
			['ECM', 'extracellular matrix']
		]);
		// A glossed word is not an abbreviation: "glucocorticoid (steroid)" teaches nothing.
		expect(abbreviationsIn('a standard course of glucocorticoid (steroid) therapy')).toEqual([]);
		const ctx = gradeContext(['Serum amyloid P component (SAP) binds amyloid fibrils.']);
		expect(gradeTyped('SAP', 'Serum amyloid P component', { ctx }).verdict).toBe('right');
		expect(gradeTyped('SAP', 'Serum amyloid P component').verdict).not.toBe('right');
	});

	it('names what differed, and shows the typed words against the answer', () => {
		const r = gradeTyped('within 7 days', 'within 14 days');
		expect(r.reason).toBe('you wrote 7 days; the answer is 14 days');
		expect(r.diff.map((d) => `${d.kind}:${d.text}`)).toEqual(expect.arrayContaining(['extra:7 days', 'missing:14 days']));
	});
});

describe('reading answers', () => {
	it('numbers, units, comparators and named things become tokens of their kind', () => {
		const t = analyze('≥2 relapses within 14days; factor VIII and protein S').tokens;
		expect(t.filter((x) => x.kind === 'quantity').map((x) => [x.value, x.dim, x.cmp])).toEqual([
			[2, '', '>='],
			[14, 'time', 'within']
		]);
		expect(t.filter((x) => x.kind === 'named').map((x) => x.norm)).toEqual(['factor#8', 'protein#s']);
	});

	it('a text read twice with one lexicon is read once; a lexicon that learns more reads it again', () => {
		const lexicon = { abbreviations: new Map(), phrases: [] };
		const first = analyze('raised SAP levels', lexicon);
		expect(analyze('raised SAP levels', lexicon)).toBe(first);
		lexicon.abbreviations.set('sap', { kind: 'concept', norm: 'c:serum amyloid p', display: 'serum amyloid P', parts: ['serum', 'amyloid', 'p'] });
		expect(analyze('raised SAP levels', lexicon).tokens.map((t) => t.norm)).toContain('c:serum amyloid p');
		expect(first.tokens.map((t) => t.norm)).not.toContain('c:serum amyloid p');
	});

	it('a slip in a head is read as the head only before its numeral or letter', () => {
		expect(analyze('protien C').tokens.map((t) => t.kind)).toEqual(['named']);
		expect(analyze('protean features').tokens.map((t) => t.surface ?? t.norm)[0]).not.toBe('protein');
	});

	it('word forms share a stem; edit distance counts a swap as one', () => {
		expect(stem('fibrosed')).toBe(stem('fibrosis'));
		expect(stem('hypercoagulability')).toBe(stem('hypercoagulable'));
		expect(stem('nephritis')).not.toBe(stem('nephrosis'));
		expect(editDistance('transfromation', 'transformation')).toBe(1);
		expect(editDistance('abc', 'abcdefgh', 2)).toBe(3);
	});
});
