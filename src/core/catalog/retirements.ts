// Models their provider has retired, which old files still name, with the day and what happens to
// a request from then: it fails (the provider names a replacement to move to), or the provider
// routes it to a newer model and bills that model's rates. Either way a run from that day costs
// what the replacement costs, so that is what is priced, and the step is flagged. Read against the
// day prices are read for: `--price-date` before a retirement prices the model itself.

export interface Retirement {
  replacement: string;
  retiredOn: string;
  /** Requests are routed to the replacement (and billed at its rates), rather than failing. */
  routed: boolean;
  source: string;
}

const OPENAI = 'OpenAI, Deprecations (platform.openai.com/docs/deprecations), 2023-07-06 notice';
const ANTHROPIC_35 = "Anthropic's model deprecations page: Claude Sonnet 3.5 deprecated on 2025-08-13 with Claude Sonnet 4 as its replacement, retired on 2025-10-22 (as GitLab issue 572012 quotes it)";
const ANTHROPIC_4 = "Anthropic's notice of 2026-04-14: Claude Sonnet 4 and Opus 4 retired on 2026-06-15, replaced by claude-sonnet-4-6 and claude-opus-4-8 (as totalum.app's migration guide quotes it)";
const GOOGLE_20 = "Google's Gemini deprecations page: gemini-2.0-flash(-lite) replaced by gemini-2.5-flash(-lite); shut down on 2026-06-01 (LiteLLM's price list; Embabel's model docs: it now returns 404)";
const GOOGLE_25 = "Google's Gemini deprecations page, read 2026-11-10 (as aideprecations.com quotes it): from 2026-12-01 requests to gemini-2.5-pro go to gemini-3.8-flash and to gemini-2.5-flash go to gemini-3.5-flash-lite, billed at their rates";

const table: [string[], Retirement][] = [
  [['text-davinci-003', 'text-davinci-002', 'text-davinci-001', 'text-curie-001', 'text-babbage-001', 'text-ada-001', 'davinci', 'curie', 'babbage', 'ada'],
    { replacement: 'gpt-3.5-turbo-instruct', retiredOn: '2024-01-04', routed: false, source: OPENAI }],
  [['claude-3-5-sonnet', 'claude-3-5-sonnet-20240620', 'claude-3-5-sonnet-20241022', 'claude-3-5-sonnet-latest'],
    { replacement: 'claude-sonnet-4-20250514', retiredOn: '2025-10-22', routed: false, source: ANTHROPIC_35 }],
  [['claude-sonnet-4-20250514', 'claude-sonnet-4-0', 'claude-4-sonnet-20250514', 'claude-sonnet-4', 'claude-4-sonnet'],
    { replacement: 'claude-sonnet-4-6', retiredOn: '2026-06-15', routed: false, source: ANTHROPIC_4 }],
  [['claude-opus-4-20250514', 'claude-opus-4-0', 'claude-4-opus-20250514', 'claude-opus-4', 'claude-4-opus'],
    { replacement: 'claude-opus-4-8', retiredOn: '2026-06-15', routed: false, source: ANTHROPIC_4 }],
  [['gemini-2-0-flash', 'gemini-2-0-flash-001'], { replacement: 'gemini-2.5-flash', retiredOn: '2026-06-01', routed: false, source: GOOGLE_20 }],
  [['gemini-2-0-flash-exp'], { replacement: 'gemini-2.5-flash', retiredOn: '2026-02-18', routed: false, source: "Google's Gemini 2.0 Flash model page (updated 2026-02-18) lists gemini-2.0-flash-exp as shut down; its deprecations page names gemini-2.5-flash as Gemini 2.0 Flash's replacement" }],
  [['claude-3-haiku', 'claude-3-haiku-20240307'], { replacement: 'claude-haiku-4-5', retiredOn: '2026-04-20', routed: false, source: "agentupdate.ai's report of Anthropic retiring claude-3-haiku-20240307 on April 20, with Claude Haiku 4.5 as the model to move to" }],
  [['gemini-2-0-flash-lite', 'gemini-2-0-flash-lite-001'], { replacement: 'gemini-2.5-flash-lite', retiredOn: '2026-06-01', routed: false, source: GOOGLE_20 }],
  [['gemini-2-5-pro'], { replacement: 'gemini-3.8-flash', retiredOn: '2026-12-01', routed: true, source: GOOGLE_25 }],
  [['gemini-2-5-flash'], { replacement: 'gemini-3.5-flash-lite', retiredOn: '2026-12-01', routed: true, source: GOOGLE_25 }],
];

/** By model name, lower case with `.` and `_` as `-` (as normalizeModelName writes it). */
const RETIRED = new Map<string, Retirement>(table.flatMap(([names, r]) => names.map((n) => [n.replace(/[._]/g, '-'), r] as const)));

/** The retirement of a model (by its normalized name) in effect on `date`, if any. */
export function retirementOf(normalizedName: string, date: string): Retirement | undefined {
  const r = RETIRED.get(normalizedName);
  return r && r.retiredOn <= date ? r : undefined;
}
