// The grader's word lists: small, curated, and all in one place so a clinician can review them.
// Nothing here is matched as a raw string against an answer: normalize.ts reads these tables.

/**
 * Common clinical abbreviations and their long forms. A deck teaches more of its own ("long form
 * (ABBR)" in its cards or document); these are the ones a learner may type without the deck ever
 * spelling them out. One meaning each: an abbreviation with two common meanings is left out.
 */
export const CURATED_ABBREVIATIONS: readonly [string, string][] = [
	['ACE', 'angiotensin-converting enzyme'],
	['ACTH', 'adrenocorticotropic hormone'],
	['ADH', 'antidiuretic hormone'],
	['AF', 'atrial fibrillation'],
	['AKI', 'acute kidney injury'],
	['ALP', 'alkaline phosphatase'],
	['ALT', 'alanine aminotransferase'],
	['ANCA', 'antineutrophil cytoplasmic antibody'],
	['APTT', 'activated partial thromboplastin time'],
	['ARB', 'angiotensin receptor blocker'],
	['AST', 'aspartate aminotransferase'],
	['AT-III', 'antithrombin III'],
	['BP', 'blood pressure'],
	['CKD', 'chronic kidney disease'],
	['CRP', 'C-reactive protein'],
	['DIC', 'disseminated intravascular coagulation'],
	['DKA', 'diabetic ketoacidosis'],
	['DOAC', 'direct oral anticoagulant'],
	['DVT', 'deep vein thrombosis'],
	['ECG', 'electrocardiogram'],
	['EKG', 'electrocardiogram'],
	['ECM', 'extracellular matrix'],
	['eGFR', 'estimated glomerular filtration rate'],
	['ESR', 'erythrocyte sedimentation rate'],
	['Fbg', 'fibrinogen'],
	['NAC', 'acetylcysteine'],
	['NS', 'nephrotic syndrome'],
	['HE', 'hepatic encephalopathy'],
	['DM1', 'type 1 diabetes mellitus'],
	['DM2', 'type 2 diabetes mellitus'],
	['IDDM', 'type 1 diabetes mellitus'],
	['IgA', 'immunoglobulin A'],
	['IgD', 'immunoglobulin D'],
	['IgE', 'immunoglobulin E'],
	['IgG', 'immunoglobulin G'],
	['IgM', 'immunoglobulin M'],
	['HAV', 'hepatitis A'],
	['HDV', 'hepatitis D'],
	['HEV', 'hepatitis E'],
	['PCT', 'proximal convoluted tubule'],
	['DCT', 'distal convoluted tubule'],
	['SV', 'stroke volume'],
	['EDV', 'end-diastolic volume'],
	['tTG', 'tissue transglutaminase'],
	['FCR', 'flexor carpi radialis'],
	['NIDDM', 'type 2 diabetes mellitus'],
	['VKOR', 'vitamin K epoxide reductase'],
	['FFP', 'fresh frozen plasma'],
	['FRNS', 'frequently relapsing nephrotic syndrome'],
	['FSGS', 'focal segmental glomerulosclerosis'],
	['GBM', 'glomerular basement membrane'],
	['GFR', 'glomerular filtration rate'],
	['GGT', 'gamma-glutamyl transferase'],
	['Hb', 'haemoglobin'],
	['HbA1c', 'glycated haemoglobin'],
	['HBV', 'hepatitis B virus'],
	['HCC', 'hepatocellular carcinoma'],
	['HCV', 'hepatitis C virus'],
	['HDL', 'high-density lipoprotein'],
	['HIT', 'heparin-induced thrombocytopenia'],
	['HUS', 'haemolytic uraemic syndrome'],
	['INR', 'international normalised ratio'],
	['ITP', 'immune thrombocytopenia'],
	['LDL', 'low-density lipoprotein'],
	['LMWH', 'low-molecular-weight heparin'],
	['LVEF', 'left ventricular ejection fraction'],
	['MCD', 'minimal change disease'],
	['MI', 'myocardial infarction'],
	['MPS', 'mononuclear phagocyte system'],
	['NAFLD', 'non-alcoholic fatty liver disease'],
	['NSAID', 'non-steroidal anti-inflammatory drug'],
	['oxLDL', 'oxidised LDL'],
	['PAI', 'plasminogen activator inhibitor'],
	['PBC', 'primary biliary cholangitis'],
	['PCC', 'prothrombin complex concentrate'],
	['PPI', 'proton pump inhibitor'],
	['PSC', 'primary sclerosing cholangitis'],
	['PT', 'prothrombin time'],
	['PTH', 'parathyroid hormone'],
	['RAAS', 'renin-angiotensin-aldosterone system'],
	['RBC', 'red blood cell'],
	['SDNS', 'steroid-dependent nephrotic syndrome'],
	['SGLT2', 'sodium-glucose cotransporter 2'],
	['SIADH', 'syndrome of inappropriate antidiuretic hormone secretion'],
	['SRNS', 'steroid-resistant nephrotic syndrome'],
	['SSNS', 'steroid-sensitive nephrotic syndrome'],
	['T2DM', 'type 2 diabetes mellitus'],
	['T1DM', 'type 1 diabetes mellitus'],
	['TAFI', 'thrombin-activatable fibrinolysis inhibitor'],
	['TSH', 'thyroid-stimulating hormone'],
	['TTP', 'thrombotic thrombocytopenic purpura'],
	['UFH', 'unfractionated heparin'],
	['VLDL', 'very-low-density lipoprotein'],
	['VTE', 'venous thromboembolism'],
	['vWF', 'von Willebrand factor'],
	['WBC', 'white blood cell']
];

/** Words with one meaning in an answer, each group mapped to its first word. */
export const SYNONYM_GROUPS: readonly string[][] = [
	['glucocorticoid', 'steroid', 'corticosteroid', 'glucocorticosteroid'],
	['renal', 'kidney', 'nephric'],
	['hepatic', 'liver'],
	['cardiac', 'heart'],
	['pulmonary', 'lung'],
	['coagulation', 'clotting'],
	['thrombus', 'clot', 'blood clot'],
	['platelet', 'thrombocyte'],
	['leukocyte', 'white cell', 'white blood cell'],
	['erythrocyte', 'red cell', 'red blood cell'],
	['produce', 'make', 'synthesize', 'generate'],
	['secrete', 'release'],
	['epinephrine', 'adrenaline'],
	['norepinephrine', 'noradrenaline'],
	['acetaminophen', 'paracetamol'],
	['cyclosporine', 'ciclosporin'],
	['glibenclamide', 'glyburide'],
	['furosemide', 'frusemide'],
	['lidocaine', 'lignocaine'],
	['salbutamol', 'albuterol'],
	['acyclovir', 'aciclovir'],
	['phytomenadione', 'phytonadione'],
	['degradation', 'breakdown', 'break down', 'breaking down'],
	['uptake', 'take up', 'taking up'],
	['hypercoagulable', 'prothrombotic'],
	['accumulate', 'build up', 'builds up', 'built up', 'building up', 'accrue'],
	['atpase', 'pump'],
	['antibody', 'anti'],
	['staphylococcus', 'staph'],
	['streptococcus', 'strep'],
	['bolus', 'push'],
	['refractory', 'intractable'],
	['efferent', 'postglomerular'],
	['afferent', 'preglomerular'],
	// Routes: not abbreviations, since IV is also a Roman numeral (class IV, factor IV).
	['iv', 'intravenous', 'intravenously'],
	['im', 'intramuscular', 'intramuscularly']
];

/**
 * Words in an answer that carry no fact of their own: a learner need not type them. Still read for
 * opposites ("small amounts" is not "large amounts").
 */
export const LIGHT = new Set(
	(
		'a an the of in to into on at by for with from as than via through and or nor but so then thus hence also even both each all ' +
		'it its they them their theirs this these those that which who whom whose there here itself themselves own ' +
		'is are was were be been being am has have had do does did can could may might will would should must shall ' +
		'large larg amount lot much many series various several number further readily easily quite rather just simply ' +
		'undergo become get occur take place go goes going there state process form kind way sort basically mainly usually generally ' +
		'some any certain particular such like one ones thing things result cause lead leads led leading i we you he she activity level ' +
		'therapy treatment brought bring set sets off receptor route other mellitus vs versus lots ' +
		// A count's noun and a class word a question implies ("7–9" for a score range; the disease it
		// defines); "convoluted" in a tubule's name (proximal or distal is what names it).
		'point points disease convoluted'
	).split(' ')
);

/** Light words with an opposite: never required, but a contradiction when the learner writes the other. */
export const LIGHT_OPPOSITES: readonly [string, string][] = [
	['large', 'small'],
	['many', 'few'],
	['much', 'little'],
	['readily', 'rarely'],
	['easily', 'rarely'],
	['always', 'never'],
	['quickly', 'slowly'],
	['rapidly', 'slowly'],
	['fast', 'slow']
];

/** Content words that are the opposite of each other. */
export const OPPOSITE_WORDS: readonly [string, string][] = [
	['intrinsic', 'extrinsic'],
	['resistant', 'sensitive'],
	['dependent', 'independent'],
	['anticoagulant', 'procoagulant'],
	['proliferation', 'apoptosis'],
	['synthesis', 'degradation'],
	['acute', 'chronic'],
	['benign', 'malignant'],
	['systolic', 'diastolic'],
	['afferent', 'efferent'],
	['arterial', 'venous'],
	['artery', 'vein'],
	['agonist', 'antagonist'],
	['sympathetic', 'parasympathetic'],
	['vasodilation', 'vasoconstriction'],
	['dilate', 'constrict'],
	['hypertrophy', 'atrophy'],
	['positive', 'negative'],
	['before', 'after'],
	['early', 'late'],
	['proximal', 'distal'],
	['direct', 'indirect'],
	['conjugated', 'unconjugated'],
	['relapse', 'remission'],
	['left', 'right'],
	['inflammatory', 'antiinflammatory'],
	['excitatory', 'inhibitory'],
	['inspiratory', 'expiratory'],
	['within', 'beyond'],
	['primary', 'secondary'],
	['upper', 'lower'],
	['male', 'female'],
	['absorption', 'excretion'],
	['retention', 'loss'],
	['induce', 'inhibit'],
	['induction', 'inhibition'],
	['prolonged', 'shortened'],
	['high', 'low']
];

/** Word beginnings and endings that change meaning: a typo never turns one into the other. */
export const CONTRAST_PREFIXES: readonly [string, string][] = [
	['hyper', 'hypo'],
	['tachy', 'brady'],
	['micro', 'macro'],
	['intra', 'extra'],
	['intra', 'inter'],
	['endo', 'exo'],
	['pre', 'post'],
	['anti', 'pro'],
	['supra', 'sub'],
	['hyper', 'normo'],
	['hypo', 'normo']
];
export const CONTRAST_SUFFIXES: readonly [string, string][] = [
	['itis', 'osis'],
	['emia', 'uria'],
	['penia', 'cytosis'],
	['ectomy', 'otomy'],
	['ectomy', 'ostomy'],
	['otomy', 'ostomy'],
	['plasia', 'trophy'],
	['lysis', 'genesis'],
	['ase', 'ogen'],
	['philia', 'penia']
];

/** Direction words: which way a quantity or process goes. */
export const UP = new Set(
	'increase increased increases increasing rise rises rising rose risen raise raised raises raising elevate elevated elevates elevation high higher up more greater enhance enhanced enhances enhancing augment augmented boost boosted accelerate accelerated accelerates heighten heightened excess excessive'.split(
		' '
	)
);
export const DOWN = new Set(
	'decrease decreased decreases decreasing reduce reduced reduces reducing reduction fall falls falling fell fallen lower lowered lowers lowering low drop drops dropped decline declines declined diminish diminished diminishes less fewer weaken weakened weakens impair impaired impairs suppress suppressed suppresses suppressing depress depressed attenuate attenuated deficient deficiency insufficient slow slowed slows'.split(
		' '
	)
);
export const WORSE = new Set('worsen worsens worsened worsening worse aggravate aggravates aggravated exacerbate exacerbates exacerbated deteriorate deteriorates deteriorated progress progresses advance advances'.split(' '));
export const BETTER = new Set('improve improves improved improving better ameliorate ameliorates relieve relieves relieved resolve resolves resolved'.split(' '));

/** Negation. Words that make a clause say the opposite. */
export const NEGATIONS = new Set(['not', 'no', 'never', 'without', 'none', 'cannot', 'neither', 'nor', 'lack', 'lacks', 'lacking', 'absent', 'absence', 'fail', 'fails', 'failed', 'failure', 'unable']);
/** Words that carry a negative meaning without a "not": a paraphrase the grader cannot confirm by itself. */
export const NEGATIVE_MEANING = new Set(['resistant', 'refractory', 'unresponsive', 'ineffective', 'insensitive', 'absent', 'lost', 'loss', 'inadequate', 'insufficient', 'inappropriate', 'irregular', 'nonstandard', 'intractable']);
/** Adjectives whose negative prefix is a "not": "irregular" is "not regular". */
export const NEGATED_ADJECTIVES: Record<string, string> = {
	irregular: 'regular',
	unregulated: 'regulated',
	uncontrolled: 'controlled',
	untreated: 'treated',
	unresponsive: 'responsive',
	nonstandard: 'standard',
	improper: 'proper',
	inappropriate: 'appropriate',
	inadequate: 'adequate',
	incomplete: 'complete',
	ineffective: 'effective',
	unstable: 'stable',
	irreversible: 'reversible',
	insufficient: 'sufficient'
};

/** Words after which a number, a single letter or a Roman numeral names a thing (factor VIII, type 2). */
export const ID_HEADS = new Set(
	'factor type class stage grade phase complex collagen nerve lead antithrombin angiotensin lipoprotein il cd hla chromosome trisomy generation degree category tier interleukin vitamin protein hepatitis group schedule fraction component'.split(
		' '
	)
);

export const GREEK: Record<string, string> = {
	α: 'alpha',
	β: 'beta',
	γ: 'gamma',
	δ: 'delta',
	ε: 'epsilon',
	κ: 'kappa',
	λ: 'lambda',
	μ: 'mu',
	σ: 'sigma',
	τ: 'tau',
	ω: 'omega'
};
export const GREEK_NAMES = new Set(Object.values(GREEK));

export const NUMBER_WORDS: Record<string, number> = {
	zero: 0,
	one: 1,
	two: 2,
	twice: 2,
	three: 3,
	thrice: 3,
	four: 4,
	five: 5,
	six: 6,
	seven: 7,
	eight: 8,
	nine: 9,
	ten: 10,
	eleven: 11,
	twelve: 12,
	thirteen: 13,
	fourteen: 14,
	fifteen: 15,
	sixteen: 16,
	seventeen: 17,
	eighteen: 18,
	nineteen: 19,
	twenty: 20,
	thirty: 30,
	forty: 40,
	fifty: 50,
	sixty: 60,
	seventy: 70,
	eighty: 80,
	ninety: 90,
	hundred: 100,
	thousand: 1000,
	dozen: 12,
	half: 0.5,
	quarter: 0.25
};

/** Units: spelling → [dimension, factor to the dimension's base unit]. */
export const UNITS: Record<string, [string, number]> = {
	millisecond: ['time', 1 / 86_400_000],
	msec: ['time', 1 / 86_400_000],
	ms: ['time', 1 / 86_400_000],
	second: ['time', 1 / 86400],
	sec: ['time', 1 / 86400],
	s: ['time', 1 / 86400],
	minute: ['time', 1 / 1440],
	min: ['time', 1 / 1440],
	hour: ['time', 1 / 24],
	hr: ['time', 1 / 24],
	h: ['time', 1 / 24],
	day: ['time', 1],
	d: ['time', 1],
	week: ['time', 7],
	wk: ['time', 7],
	fortnight: ['time', 14],
	month: ['time', 30.4375],
	mo: ['time', 30.4375],
	year: ['time', 365.25],
	yr: ['time', 365.25],
	y: ['time', 365.25],
	kg: ['mass', 1000],
	kilogram: ['mass', 1000],
	g: ['mass', 1],
	gram: ['mass', 1],
	gm: ['mass', 1],
	mg: ['mass', 1e-3],
	milligram: ['mass', 1e-3],
	mcg: ['mass', 1e-6],
	ug: ['mass', 1e-6],
	microgram: ['mass', 1e-6],
	ng: ['mass', 1e-9],
	nanogram: ['mass', 1e-9],
	l: ['volume', 1],
	liter: ['volume', 1],
	dl: ['volume', 0.1],
	deciliter: ['volume', 0.1],
	ml: ['volume', 1e-3],
	milliliter: ['volume', 1e-3],
	mmol: ['amount', 1e-3],
	millimole: ['amount', 1e-3],
	umol: ['amount', 1e-6],
	micromole: ['amount', 1e-6],
	mol: ['amount', 1],
	mole: ['amount', 1],
	meq: ['equivalent', 1e-3],
	iu: ['iu', 1],
	unit: ['iu', 1],
	percent: ['percent', 1],
	'%': ['percent', 1],
	mmhg: ['pressure', 1],
	bpm: ['rate', 1],
	times: ['times', 1],
	time: ['times', 1]
};

/** Units whose single letter is also a word or a label: read as a unit only right after a number. */
export const NUMBER_ONLY_UNITS = new Set(['s', 'h', 'd', 'y', 'l', 'g', 'mo', 'min', 'time', 'times', 'unit']);

/**
 * Drug names and other terms a typo must never be bridged to: one letter from each other and
 * from the deck's own words. Not a formulary: the near neighbours learners mix up.
 */
export const KNOWN_TERMS = (
	'metoprolol metolazone atenolol bisoprolol carvedilol propranolol labetalol nebivolol amlodipine nifedipine diltiazem verapamil ' +
	'lisinopril enalapril ramipril captopril perindopril losartan valsartan candesartan irbesartan furosemide bumetanide torasemide ' +
	'hydrochlorothiazide chlorthalidone indapamide spironolactone eplerenone amiloride digoxin amiodarone dronedarone adenosine atropine ' +
	'dobutamine dopamine milrinone hydralazine hydroxyzine isosorbide nitroglycerin atorvastatin simvastatin rosuvastatin pravastatin ezetimibe ' +
	'warfarin heparin enoxaparin dalteparin tinzaparin fondaparinux rivaroxaban apixaban edoxaban dabigatran argatroban bivalirudin aspirin ' +
	'clopidogrel ticagrelor prasugrel alteplase tenecteplase streptokinase protamine tranexamic desmopressin phytomenadione ' +
	'prednisone prednisolone methylprednisolone dexamethasone hydrocortisone fludrocortisone budesonide cyclosporine tacrolimus sirolimus ' +
	'mycophenolate cyclophosphamide rituximab levamisole chlorambucil azathioprine methotrexate hydroxychloroquine ' +
	'metformin gliclazide glipizide glimepiride glibenclamide sitagliptin linagliptin empagliflozin dapagliflozin canagliflozin ' +
	'liraglutide semaglutide exenatide dulaglutide pioglitazone insulin glargine detemir degludec lispro aspart ' +
	'levothyroxine liothyronine carbimazole methimazole propylthiouracil cyanocobalamin hydroxocobalamin ' +
	'omeprazole pantoprazole lansoprazole esomeprazole ranitidine famotidine lactulose rifaximin terlipressin octreotide vasopressin ' +
	'acetylcysteine paracetamol ibuprofen naproxen diclofenac morphine codeine tramadol naloxone oxycodone fentanyl ' +
	'amoxicillin ampicillin penicillin flucloxacillin ceftriaxone cefalexin cefuroxime vancomycin gentamicin metronidazole ciprofloxacin ' +
	'doxycycline clarithromycin azithromycin erythromycin trimethoprim nitrofurantoin fluconazole acyclovir oseltamivir entecavir tenofovir ' +
	'sofosbuvir ribavirin lamivudine interferon allopurinol febuxostat colchicine haloperidol lithium sertraline fluoxetine citalopram ' +
	'amitriptyline diazepam lorazepam midazolam phenytoin levetiracetam valproate carbamazepine lamotrigine calcitriol alendronate ' +
	'thrombin prothrombin plasmin plasminogen fibrin fibrinogen fibrinolysis thrombosis thrombocytosis thrombocytopenia thromboplastin ' +
	'albumin globulin macroglobulin antiplasmin hemophilia hemolysis hematuria hemoptysis hematemesis ' +
	'nephritis nephrosis nephrotic nephritic glomerulonephritis glomerulosclerosis pyelonephritis ' +
	'hypokalemia hyperkalemia hyponatremia hypernatremia hypocalcemia hypercalcemia hypoglycemia hyperglycemia ' +
	'hypothyroidism hyperthyroidism hypotension hypertension tachycardia bradycardia ' +
	'mesangial endothelial epithelial podocyte monocyte macrophage lymphocyte neutrophil eosinophil basophil ' +
	'ileum ilium ureter urethra perineal peroneal prostate prostrate lactose lactate glucose fructose sucrose'
).split(' ');
