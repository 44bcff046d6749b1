import { describe, expect, it } from 'vitest';
import { analyse, questionProblems, whatQuestion, whyQuestion, textOf } from './clause.ts';
import { tag } from './nlp.ts';

describe('questions read as English by the parse', () => {
	it('flags the template slips a teacher found', () => {
		for (const q of ['what can heart failure means that the heart not do?', 'what does baroreceptors sense the low effective arterial volume lead to?', 'what does since plasminogen missing from the urine lead to?', 'What does the kidney leads to?', 'Name the three causes given.', 'What is the cause of the?']) {
			expect(questionProblems(q), q).not.toEqual([]);
		}
	});

	it('accepts grammatical questions of every form the extractor builds', () => {
		for (const q of ['What does hypovolaemia lead to?', 'What is oliguria?', 'Why is hyperkalaemia the most dangerous early complication?', 'What are the three mechanisms of acute kidney injury?', 'When bone buffers the excess hydrogen ions, what does this cause?', 'What causes type 4 renal tubular acidosis?', 'What can simple anti-infective therapy no longer do?', 'What do LDL and OX-LDL stimulate mesangial cells to produce?', 'Which term means a urine output below 0.5 mL/kg/h for 6 hours?']) {
			expect(questionProblems(q), q).toEqual([]);
		}
	});
});

describe('clauses', () => {
	const c = (s: string) => analyse(tag(s))!;

	it('finds subject and verb, and asks with do-support or inversion', () => {
		const a = c('Hypovolaemia leads to low renal perfusion.');
		expect(a.subject.map((t) => t.text)).toEqual(['Hypovolaemia']);
		expect(whatQuestion('Hypovolaemia', a.subject, a.verb, 'to')).toBe('What does hypovolaemia lead to?');
		const b = c('Too much glucose enter the mesangial cells.');
		expect(whatQuestion('Too much glucose', b.subject, b.verb)).toBe('What does too much glucose enter?');
		const s = 'Hyperkalaemia is the most dangerous early complication';
		expect(whyQuestion(s, c(s), 0)).toBe('Why is hyperkalaemia the most dangerous early complication?');
		const p = 'The kidneys keep the arterial pH between 7.35 and 7.45';
		expect(whyQuestion(p, c(p), 0)).toBe('Why do the kidneys keep the arterial pH between 7.35 and 7.45?');
		expect(textOf(p, c(p).subject)).toBe('The kidneys');
	});
});
