import { describe, expect, it } from 'vitest';
import { gradeTyped, wordDiff } from './typed.ts';
import { editDistance, tokens } from './normalize.ts';

// The lenient/strict table: [typed, expected answer, verdict].
const ACCEPTED: [string, string][] = [
	['albumin', 'Albumin.'],
	['ALBUMIN', 'albumin'],
	['the glomerulus', 'Glomerulus'],
	['an extrinsic pathway', 'The extrinsic pathway'],
	['haemoglobin', 'hemoglobin'],
	['hemoglobin', 'haemoglobin'],
	['oedema', 'edema'],
	['ischemia and hypoxia', 'Ischaemia and hypoxia'],
	['hyperlipidemia', 'Hyperlipidaemia'],
	['steroid', 'glucocorticoid'],
	['corticosteroids', 'Glucocorticoids'],
	['glucocorticoid-dependent', 'steroid-dependent'],
	['AT-III', 'Antithrombin III'],
	['antithrombin 3', 'AT-III'],
	['antithrombin', 'Antithrombin III (AT-III)'],
	['low density lipoprotein', 'LDL'],
	['LDL', 'Low-density lipoprotein (LDL)'],
	['oxidized LDL', 'Oxidised LDL'],
	['immune complex', 'Immune complexes'],
	['mesangial cells proliferate', 'Mesangial cell proliferates'],
	['fibrinogen', 'Fibrinogen'],
	['fibrinogn', 'Fibrinogen'],
	['plasminogen', 'plasmnogen'],
	['phenotypic transfromation', 'Phenotypic transformation'],
	['14 days', 'Within 14 days'],
	['within fourteen days', '14 days'],
	['two or more', 'Two or more'],
	['>= 2', 'two or more'],
	['3 or more relapses in a year', 'Three or more relapses within one year'],
	['factor 8', 'Factor VIII'],
	['vit K dependent', 'vitamin K–dependent'],
	['It is raised', 'It rises'],
	['Crème', 'creme'],
	['albumen', 'Albumin'],
	['oxidised', 'oxidized'],
	['intrinsic cells of the kidney', 'In the intrinsic (resident) cells of the kidney']
];

const PARTLY: [string, string][] = [
	['proximal tubule', 'Proximal convoluted tubule'],
	['free cholesterol, proliferation', 'Free cholesterol drives mesangial proliferation'],
	['immune complexes in renal cells', 'Immune complexes deposit in intrinsic renal cells']
];

const REJECTED: [string, string, RegExp | null][] = [
	['7 days', '14 days', /numbers, units or time window/],
	['14 weeks', '14 days', /numbers, units or time window/],
	['within 14 days', 'Within 7 days', /numbers/],
	['three or more', 'Two or more', /numbers/],
	['2 relapses', 'Two or more relapses', /numbers/],
	['increased', 'Decreased', /opposites/],
	['PAI activity falls', 'PAI activity rises', /opposites/],
	['it is reduced', 'It is raised', /opposites/],
	['hypolipidaemia', 'Hyperlipidaemia', /hyper-/],
	['steroid-sensitive', 'Steroid-resistant', /opposites/],
	['intrinsic pathway', 'Extrinsic pathway', /opposites/],
	['responds to steroids', 'Does not respond to steroids', /"not"/],
	['non-responder', 'responder', /"not"/],
	['globulin', 'Albumin', null],
	['within 14 days', 'Beyond 14 days', /opposites/],
	['gfr', 'Glomerulus', null],
	['', 'Albumin', /nothing was typed/],
	['heparin', 'Antithrombin III', null],
	['LDL', 'HDL', null],
	// One letter or numeral names a different factor or vitamin: never a typo.
	['factor X', 'Factor VIII', null],
	['factor XII', 'factor VIII', null],
	['vitamin C', 'vitamin K', null],
	// A negating prefix is not a typo either.
	['infrequently relapsing', 'Frequently relapsing', null],
	['insensitive', 'Sensitive', null]
];

describe('typed answers: the lenient/strict table', () => {
	it.each(ACCEPTED)('accepts %j for %j', (typed, answer) => {
		expect(gradeTyped(typed, answer).verdict).toBe('right');
	});

	it.each(PARTLY)('counts %j as partly right for %j', (typed, answer) => {
		expect(gradeTyped(typed, answer).verdict).toBe('partly');
	});

	it.each(REJECTED)('rejects %j for %j', (typed, answer, reason) => {
		const r = gradeTyped(typed, answer);
		expect(r.verdict).toBe('wrong');
		if (reason) expect(r.reason).toMatch(reason);
	});

	it('accepts any listed alternative', () => {
		expect(gradeTyped('prednisone', 'glucocorticoid', { alternatives: ['prednisone'] }).verdict).toBe('right');
	});

	it('does not ask again for what the question already says', () => {
		const question = 'What do we call nephrotic syndrome that shows no response to a standard course of glucocorticoid therapy?';
		expect(gradeTyped('steroid-resistant', 'Steroid-resistant nephrotic syndrome.', { question }).verdict).toBe('right');
		expect(gradeTyped('steroid-resistant', 'Steroid-resistant nephrotic syndrome.').verdict).toBe('partly');
	});
});

describe('the difference shown after typing', () => {
	it('marks the words in both, the ones missed and the ones added', () => {
		expect(wordDiff('within 7 day', 'within 14 days')).toEqual([
			{ text: 'within', kind: 'same' },
			{ text: '7', kind: 'extra' },
			{ text: '14', kind: 'missing' },
			{ text: 'days', kind: 'same' }
		]);
	});
});

describe('normalising', () => {
	it('keeps numbers and units apart, reads number words, drops articles', () => {
		expect(tokens('The 14days window').map((t) => t.norm)).toEqual(['14', 'day', 'window']);
		expect(tokens('two or more relapses').map((t) => t.norm)).toEqual(['2', 'atleast', 'relapse']);
	});

	it('edit distance counts a swap of two letters as one', () => {
		expect(editDistance('transfromation', 'transformation')).toBe(1);
		expect(editDistance('abc', 'abcdefgh', 2)).toBe(3);
	});
});
