// The figures and readings of the source article ("Different game, or already lost?", on Mistral's
// AI Now Summit, figures current as of late May 2026), cited wherever the panel shows them.

export const ARTICLE = {
  title: 'Different game, or already lost? (commentary on Mistral\'s AI Now Summit)',
  asOf: 'late May 2026',
  sources: "Koen van Gilst's notes on the Mistral AI Now Summit and the Hacker News discussion; Mistral AI summit materials; VentureBeat, TechCrunch, Data Center Dynamics, the Austrian Academy of Sciences",
} as const;

export interface GapFigure {
  label: string;
  value: number;
  unit: string;
  note: string;
}

/** Capital: Mistral's lifetime funding against one frontier round, the same week. */
export const CAPITAL: readonly GapFigure[] = [
  { label: 'Mistral, lifetime funding', value: 3.9e9, unit: 'USD', note: 'about $3.9 billion across nine funding rounds' },
  { label: 'Anthropic, one round', value: 65e9, unit: 'USD', note: '$65 billion in a single round, the same week' },
];

/** Compute: power capacity, megawatts. */
export const COMPUTE: readonly GapFigure[] = [
  { label: 'Mistral today (near Paris)', value: 40, unit: 'MW', note: '40 MW data center in Bruyères-le-Châtel' },
  { label: 'Mistral target, 2027', value: 200, unit: 'MW', note: 'stated target of 200 MW of European compute by 2027, including a €1.2 billion build in Sweden' },
  { label: 'Anthropic, committed', value: 10000, unit: 'MW', note: 'more than 10 GW of compute committed across its infrastructure deals' },
];

export interface Card {
  title: string;
  text: string;
}

export const NARROW_MODELS: readonly Card[] = [
  { title: 'On-prem KYC compliance', text: "Mistral models run inside BNP Paribas' walls for know-your-customer checks in Belgium; sensitive financial data never leaves (BNP was Mistral's first customer, 2023)." },
  { title: 'Voxtral multilingual voice', text: "A focused voice model powering Amazon's Alexa+ across Europe: speed and efficiency over raw size." },
  { title: 'Robostral industrial robotics', text: 'Robotics with ASML, plus a "physics AI" push (via the Emmi acquisition) into aerospace, automotive and semiconductor design and simulation.' },
  { title: 'Document AI / OCR at scale', text: 'Large-scale text extraction, used by the European Patent Office: the unglamorous, high-volume work small models excel at.' },
];

/** The papyri: Apollo, a Codestral fine-tune, reads a collection found in the Egyptian desert. */
export const PAPYRI = {
  documents: 180000,
  byHandYears: 2000,
  text: 'The Austrian Academy of Sciences fine-tuned Codestral into Apollo (with Sail Reply) to read fragments of discarded papyri: a collection of roughly 180,000 documents, a task estimated at more than 2,000 years by hand.',
} as const;

export const READINGS = {
  optimistic: [
    'On-prem deployment, real sales teams, the Koyeb acquisition and EU provenance are what regulated enterprises want, and stickier than consumer mindshare.',
    'US closed-API labs structurally cannot match the sovereignty axis: "you can own the weights and run them inside your own walls".',
    'A steep growth curve: a €1 billion revenue target for 2026 with 1,000 staff, up from 15 people and one customer in 2023.',
  ],
  skeptical: [
    '"Software consultancy with a data center", not a foundation-model moat.',
    'Why pay Mistral on-prem when you could run Qwen or another capable open-weight model for free?',
    'A fiftieth of the compute and a sixteenth of one round\'s capital; a paying Le Chat Pro user found the quality gap with frontier labs hard to ignore.',
  ],
} as const;
