import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, formatSteps, fromForm, parseSteps, toForm, validateSettings } from './settings.ts';

describe('validateSettings', () => {
	it('accepts the defaults', () => {
		expect(validateSettings(DEFAULT_SETTINGS)).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
		expect(validateSettings({})).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
	});

	it('accepts sensible changes and keeps them', () => {
		const r = validateSettings({ desiredRetention: 0.85, newPerDay: 0, learningSteps: [], relearningSteps: ['5m', '1h', '2d'], fuzz: false, dayStartHour: 0 });
		expect(r.ok).toBe(true);
		if (r.ok) expect(r.settings).toMatchObject({ desiredRetention: 0.85, newPerDay: 0, learningSteps: [], relearningSteps: ['5m', '1h', '2d'], fuzz: false, dayStartHour: 0 });
	});

	it.each([0.5, 0.69, 1, 1.2, Number.NaN, '0.9', null])('rejects desired retention %s', (v) => {
		const r = validateSettings({ desiredRetention: v });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(Object.keys(r.problems)).toEqual(['desiredRetention']);
	});

	it('accepts the retention bounds 0.70 and 0.99', () => {
		expect(validateSettings({ desiredRetention: 0.7 }).ok).toBe(true);
		expect(validateSettings({ desiredRetention: 0.99 }).ok).toBe(true);
	});

	it('rejects negative or fractional daily limits with a sentence per field', () => {
		const r = validateSettings({ newPerDay: -1, maxReviewsPerDay: 2.5 });
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(Object.keys(r.problems).sort()).toEqual(['maxReviewsPerDay', 'newPerDay']);
			expect(r.problems.newPerDay).toMatch(/New cards per day/);
		}
	});

	it.each([[['1x']], [['0m']], [['10']], [['1m', 'soon']], ['1m 10m']])('rejects learning steps %j', (steps) => {
		const r = validateSettings({ learningSteps: steps, relearningSteps: steps });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(Object.keys(r.problems).sort()).toEqual(['learningSteps', 'relearningSteps']);
	});

	it('rejects a bad maximum interval, fuzz or day start hour', () => {
		const r = validateSettings({ maximumInterval: 0, fuzz: 'yes', dayStartHour: 24 });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(Object.keys(r.problems).sort()).toEqual(['dayStartHour', 'fuzz', 'maximumInterval']);
	});
});

describe('parseSteps', () => {
	it('reads steps separated by spaces or commas', () => {
		expect(parseSteps('1m 10m')).toEqual(['1m', '10m']);
		expect(parseSteps(' 1m,10m ,  1h  ')).toEqual(['1m', '10m', '1h']);
	});

	it('reads an empty text as no steps', () => {
		expect(parseSteps('   ')).toEqual([]);
	});

	it.each(['1x', '0m', '10', 'm', '-1m', '1m 0h', '1 m', '0.5m', '1.5h', '01m'])('returns null for %j', (text) => {
		expect(parseSteps(text)).toBeNull();
	});

	it('round-trips with formatSteps', () => {
		expect(parseSteps(formatSteps(['1m', '10m', '1d']))).toEqual(['1m', '10m', '1d']);
	});
});

describe('the settings form', () => {
	it('saves the form of the current settings back unchanged', () => {
		const custom = { ...DEFAULT_SETTINGS, desiredRetention: 0.87, learningSteps: [] as string[], relearningSteps: ['5m', '1h'], fuzz: false };
		expect(fromForm(toForm(custom))).toEqual({ ok: true, settings: custom });
	});

	it('reads what a person types: spaces around numbers, a decimal comma, commas between steps', () => {
		const r = fromForm({ ...toForm(DEFAULT_SETTINGS), desiredRetention: ' 0,85 ', newPerDay: '12 ', learningSteps: '1m, 15m' });
		expect(r.ok).toBe(true);
		if (r.ok) expect(r.settings).toMatchObject({ desiredRetention: 0.85, newPerDay: 12, learningSteps: ['1m', '15m'] });
	});

	it('reads thousands separators as thousands, never as a decimal point', () => {
		const r = fromForm({ ...toForm(DEFAULT_SETTINGS), maxReviewsPerDay: '1,000', maximumInterval: '36 500' });
		expect(r.ok).toBe(true);
		if (r.ok) expect(r.settings).toMatchObject({ maxReviewsPerDay: 1000, maximumInterval: 36500 });
	});

	it('keeps only the known settings', () => {
		const r = validateSettings({ ...DEFAULT_SETTINGS, colour: 'red' } as Parameters<typeof validateSettings>[0]);
		expect(r).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
	});

	it('reports each field that cannot be read, and only those', () => {
		const r = fromForm({ ...toForm(DEFAULT_SETTINGS), newPerDay: '', maximumInterval: 'lots', relearningSteps: '10 minutes' });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(Object.keys(r.problems).sort()).toEqual(['maximumInterval', 'newPerDay', 'relearningSteps']);
	});
});

describe('FSRS parameters in the settings', () => {
	const fitted = [0.39, 1.55, 3.43, 8.3, 6.58, 0.67, 3.14, 0.05, 1.7, 0.32, 0.63, 1.48, 0.1, 0.3, 1.65, 0.58, 1.9, 0.57, 0.03, 0.03, 0.1];

	it('keeps a fitted set and the one before it', () => {
		const r = validateSettings({ parameters: fitted, previousParameters: null });
		expect(r.ok && r.settings.parameters).toEqual(fitted);
	});

	it.each([
		[[1, 2, 3], /21 numbers \(this one has 3\)/],
		['0.4,1.5', /list of 21 numbers/],
		[fitted.map((x, i) => (i === 20 ? 5 : x)), /w20 must be a number from 0.1 to 0.8 \(it is 5\)/],
		[fitted.map((x, i) => (i === 3 ? Number.NaN : x)), /w3 must be a number/]
	])('refuses %j with where the problem is', (v, message) => {
		const r = validateSettings({ previousParameters: v });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.problems.previousParameters).toMatch(message);
	});

	it('survives a save of the settings form', () => {
		const base = { ...DEFAULT_SETTINGS, parameters: fitted };
		const r = fromForm({ ...toForm(base), newPerDay: '5' }, base);
		expect(r.ok && r.settings).toMatchObject({ newPerDay: 5, parameters: fitted });
	});
});
