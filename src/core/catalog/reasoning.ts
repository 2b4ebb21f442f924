// Reasoning ("thinking") per model family: whether a call thinks when the file says nothing, the
// efforts the API takes and its default, and the hidden reasoning tokens a call spends per effort.
// Read from the providers' SDKs and docs (and secondary sources where those were silent), as
// gathered in the project's reference data (../shared/data/reasoning.json, read 2026-11-30). Every
// provider bills reasoning tokens at the model's output price; they take time at its output speed.
// Token ranges are per call, for chat and agent steps (p10–p90 of the measurements where one
// exists, a derived prior otherwise); the Monte Carlo draws within them.
import type { Effort, Range } from '../types';

export interface ReasoningSpec {
  /** The family, as messages name it. */
  family: string;
  /** Whether a call thinks when the file sets nothing. */
  onByDefault: boolean;
  /** The efforts the API takes (a model that always thinks at one depth has none). */
  efforts: Effort[];
  /** The effort applied when the file sets nothing: 'none' where the model does not think by default. */
  defaultEffort: Effort;
  /** Where that default comes from, or why it is assumed. */
  defaultSource: string;
  /** Reasoning tokens per call, per effort. */
  tokens: Partial<Record<Effort, Range>>;
  tokensSource: string;
  /** How a token budget in the file (Anthropic's budget_tokens, Gemini's thinkingBudget) maps to a range. */
  budget: 'anthropic' | 'gemini' | null;
}

const r = (min: number, max: number): Range => ({ min, max });

const OPENAI_TOKENS = { none: r(0, 0), minimal: r(0, 150), low: r(30, 800), medium: r(150, 1500), high: r(100, 2500), xhigh: r(200, 5000), max: r(300, 8000) };
const OPENAI_TOKENS_SOURCE = 'reasoning tokens per call: measured for gpt-5-mini at medium and gpt-5.2 at high on short questions (p10–p90, the "pricing reversal" study); a derived prior for the other efforts';
const ANTHROPIC_TOKENS = { none: r(0, 0), low: r(0, 300), medium: r(0, 800), high: r(50, 1500), xhigh: r(100, 3000), max: r(200, 5000) };
const ANTHROPIC_TOKENS_SOURCE = 'reasoning tokens per call: measured for claude-opus-4-6 at high on short questions (p10–p90, the "pricing reversal" study); a derived prior for the other efforts';
const GEMINI_TOKENS = { none: r(0, 0), minimal: r(0, 100), low: r(0, 500), medium: r(50, 1500), high: r(150, 3000) };
const GEMINI_TOKENS_SOURCE = 'reasoning tokens per call: measured for Gemini 3 Flash and 3.1 Pro at their default (high) on short questions (p10–p90); a derived prior for the other levels';
const SDK = "OpenAI's API reference (openai-python SDK)";

const openai = (family: string, efforts: Effort[], defaultEffort: Effort, defaultSource: string): ReasoningSpec => ({
  family, onByDefault: defaultEffort !== 'none', efforts, defaultEffort, defaultSource, tokens: OPENAI_TOKENS, tokensSource: OPENAI_TOKENS_SOURCE, budget: null,
});
const anthropic = (family: string, onByDefault: boolean, defaultEffort: Effort, defaultSource: string, efforts: Effort[] = ['low', 'medium', 'high', 'xhigh', 'max']): ReasoningSpec => ({
  family, onByDefault, efforts: onByDefault ? efforts : ['none', ...efforts], defaultEffort: onByDefault ? defaultEffort : 'none',
  defaultSource, tokens: ANTHROPIC_TOKENS, tokensSource: ANTHROPIC_TOKENS_SOURCE, budget: 'anthropic',
});
const gemini = (family: string, efforts: Effort[], defaultEffort: Effort, defaultSource: string, tokens: Partial<Record<Effort, Range>> = GEMINI_TOKENS, tokensSource = GEMINI_TOKENS_SOURCE): ReasoningSpec => ({
  family, onByDefault: defaultEffort !== 'none', efforts, defaultEffort, defaultSource, tokens, tokensSource, budget: 'gemini',
});
/** A model that always thinks, at one depth its API does not let a caller set. */
const always = (family: string, tokens: Range, tokensSource: string, defaultSource: string): ReasoningSpec => ({
  family, onByDefault: true, efforts: [], defaultEffort: 'medium', defaultSource, tokens: { medium: tokens }, tokensSource, budget: null,
});

const FAMILIES: { match: RegExp; spec: ReasoningSpec | null }[] = [
  // OpenAI
  { match: /^o1-(preview|mini)\b/, spec: always('OpenAI o1-preview / o1-mini', OPENAI_TOKENS.medium, OPENAI_TOKENS_SOURCE, `${SDK}: it always reasons and takes no reasoning_effort`) },
  { match: /^o[134](-mini|-pro)?(-high|-low)?(-\d|$)/, spec: openai('OpenAI o-series', ['low', 'medium', 'high'], 'medium', `${SDK}: "all models before gpt-5.1 default to medium"`) },
  { match: /chat-latest|^gpt-5(\.\d+)?-chat/, spec: null },
  { match: /^gpt-5([.-]\d+)?-pro/, spec: openai('OpenAI gpt-5 pro', ['high'], 'high', `${SDK}: pro models reason at high only`) },
  { match: /^gpt-5([.-]\d+)?-codex/, spec: openai('OpenAI gpt-5 codex', ['low', 'medium', 'high', 'xhigh'], 'medium', 'not published for codex models: assumed medium') },
  { match: /^gpt-5[.-]1(-mini|-nano)?(-\d|$)/, spec: openai('OpenAI gpt-5.1', ['none', 'low', 'medium', 'high'], 'none', `${SDK}: gpt-5.1 defaults to none`) },
  { match: /^gpt-5[.-][24](-mini|-nano)?(-\d|$)/, spec: openai('OpenAI gpt-5.2 / 5.4', ['none', 'low', 'medium', 'high', 'xhigh'], 'none', "OpenAI's gpt-5.2 guide (as mirrored) and Replicate's gpt-5.4 wrapper: none by default") },
  { match: /^gpt-5[.-]5(-mini|-nano)?(-\d|$)/, spec: openai('OpenAI gpt-5.5', ['none', 'low', 'medium', 'high', 'xhigh'], 'medium', 'not published in what was read (secondary sources say medium or none): assumed medium, the higher') },
  { match: /^gpt-5[.-]6/, spec: openai('OpenAI gpt-5.6', ['none', 'low', 'medium', 'high', 'xhigh', 'max'], 'medium', 'not published in what was read (a wrapper says none): assumed medium, the higher') },
  { match: /^gpt-5(-mini|-nano)?(-\d{4}-|$)/, spec: openai('OpenAI gpt-5', ['minimal', 'low', 'medium', 'high'], 'medium', `${SDK}: gpt-5 defaults to medium`) },
  // Anthropic: thinking is off unless the call turns it on, until Claude 5
  { match: /^claude-3[.-]7-sonnet/, spec: anthropic('Claude 3.7 Sonnet', false, 'none', "Anthropic's extended-thinking docs: no thinking unless thinking.type is enabled", []) },
  { match: /^claude-(sonnet|opus)-4(-[01])?(-20\d{6})?$|^claude-(sonnet|haiku)-4[.-]5/, spec: anthropic('Claude 4 / 4.5', false, 'none', "Anthropic's extended-thinking docs: no thinking unless thinking.type is enabled", []) },
  { match: /^claude-(opus|sonnet)-4[.-][5-8]/, spec: anthropic('Claude 4.5–4.8', false, 'high', "Anthropic's effort docs: no thinking unless the call turns it on; effort high when it does") },
  { match: /^claude-opus-5[.-]5/, spec: anthropic('Claude Opus 5.5', true, 'medium', "Anthropic's models overview: adaptive thinking always on, effort medium by default") },
  { match: /^claude-haiku-5[.-]5/, spec: anthropic('Claude Haiku 5.5', true, 'medium', "Anthropic's models overview: adaptive thinking on, effort medium by default") },
  { match: /^claude-sonnet-5[.-]5/, spec: anthropic('Claude Sonnet 5.5', true, 'high', "Anthropic's models overview: adaptive thinking on, effort high by default") },
  { match: /^claude-opus-5/, spec: anthropic('Claude Opus 5', true, 'high', "Anthropic's Opus 5 announcement: adaptive thinking on by default, effort high") },
  { match: /^claude-sonnet-5/, spec: anthropic('Claude Sonnet 5', true, 'high', "Anthropic's docs give effort high by default; whether it thinks when the call says nothing is not confirmed: assumed it does, as Artificial Analysis measures it") },
  { match: /^claude-(fable|mythos)-5/, spec: anthropic('Claude Fable / Mythos 5', true, 'high', "Anthropic's models overview: adaptive thinking always on, effort high") },
  // Google
  { match: /^gemini-2[.-]5-pro/, spec: gemini('Gemini 2.5 Pro', [], 'high', "Google's thinking docs: dynamic thinking, always on", { high: r(150, 1500) }, 'reasoning tokens per call: measured for gemini-2.5-pro on short questions (p10–p90)') },
  { match: /^gemini-2[.-]5-flash-lite/, spec: gemini('Gemini 2.5 Flash-Lite', ['none', 'high'], 'none', "Google's thinking docs: no thinking by default", { none: r(0, 0), high: r(20, 800) }) },
  { match: /^gemini-2[.-]5-flash/, spec: gemini('Gemini 2.5 Flash', ['none', 'high'], 'high', "Google's thinking docs: dynamic thinking by default", { none: r(0, 0), high: r(20, 800) }, 'reasoning tokens per call: measured for gemini-2.5-flash on short questions (p10–p90)') },
  { match: /^gemini-3-pro/, spec: gemini('Gemini 3 Pro', ['low', 'high'], 'high', "Google's thinking docs: Gemini 3 thinks at level high by default") },
  { match: /^gemini-3-flash/, spec: gemini('Gemini 3 Flash', ['minimal', 'low', 'medium', 'high'], 'high', "Google's thinking docs: Gemini 3 thinks at level high by default") },
  { match: /^gemini-3[.-]1-pro/, spec: gemini('Gemini 3.1 Pro', ['low', 'medium', 'high'], 'high', "Google's thinking docs: level high by default") },
  { match: /^gemini-3[.-]5-flash-lite/, spec: gemini('Gemini 3.5 Flash-Lite', ['minimal', 'low', 'medium', 'high'], 'minimal', "Google Cloud's 3.5 Flash-Lite page: level minimal by default") },
  { match: /^gemini-3[.-][567]-flash/, spec: gemini('Gemini 3.5–3.7 Flash', ['minimal', 'low', 'medium', 'high'], 'medium', "Google Cloud's thinking docs: level medium by default") },
  // DeepSeek
  { match: /^deepseek-(reasoner|r1)\b/, spec: always('DeepSeek R1 (deepseek-reasoner)', r(150, 1500), 'reasoning tokens per call: measured for deepseek-r1-0528 on short questions, rounded out (a derived prior)', "DeepSeek's API docs: deepseek-reasoner always thinks") },
  { match: /^deepseek-v4/, spec: { family: 'DeepSeek V4', onByDefault: true, efforts: ['none', 'low', 'high', 'max'], defaultEffort: 'high', defaultSource: "DeepSeek's thinking-mode docs: thinking on, effort high by default", tokens: { none: r(0, 0), low: OPENAI_TOKENS.low, high: r(150, 1500), max: OPENAI_TOKENS.max }, tokensSource: 'reasoning tokens per call: no V4 measurement; deepseek-r1-0528 on short questions as the analogue (a derived prior)', budget: null } },
  // Mistral
  { match: /^magistral/, spec: always('Magistral', r(200, 2000), 'reasoning tokens per call: measured for magistral-medium-2506 and -small-2506 on short questions (median about 500, p90 about 1,800)', "Mistral's reasoning docs: Magistral always produces a reasoning trace") },
  { match: /^mistral-(small-4|small-2603|medium-3[.-]5|medium-2604)/, spec: { family: 'Mistral Small 4 / Medium 3.5', onByDefault: false, efforts: ['none', 'high'], defaultEffort: 'none', defaultSource: "Mistral's reasoning docs: reasoning_effort none by default (opt-in)", tokens: { none: r(0, 0), high: r(200, 2000) }, tokensSource: 'reasoning tokens per call at high: Magistral measured on short questions as the analogue (a derived prior)', budget: null } },
  // Qwen
  { match: /^qwen3-.*-instruct-2507|^qwen3-.*-2507-instruct/, spec: null },
  { match: /^qwen3-.*thinking|^qwen3-\d+(\.\d+)?b(-a\d+b)?$/, spec: always('Qwen3 (thinking)', r(200, 500), 'reasoning tokens per call: measured for qwen3-235b-a22b thinking on short questions (p10–p90)', "Qwen's quickstart: thinking on by default (enable_thinking)") },
  // xAI
  { match: /-non-reasoning$/, spec: null },
  { match: /^grok-3-mini/, spec: always('Grok 3 mini', r(120, 350), 'reasoning tokens per call: measured for grok-4 and grok-3-mini on short questions (p10–p90)', "xAI's reasoning docs: grok-3-mini always reasons") },
  { match: /^grok-4[.-][3-9]/, spec: { family: 'Grok 4.3 and later', onByDefault: true, efforts: ['low', 'medium', 'high'], defaultEffort: 'medium', defaultSource: 'efforts low, medium, high (secondary); the default is not published: assumed medium', tokens: { low: r(60, 200), medium: r(120, 350), high: r(200, 800) }, tokensSource: 'reasoning tokens per call: measured for grok-4 on short questions (p10–p90) at medium; low and high a derived prior', budget: null } },
  { match: /^grok-4/, spec: always('Grok 4', r(120, 350), 'reasoning tokens per call: measured for grok-4 on short questions (p10–p90)', "xAI's reasoning docs: grok-4 always reasons and takes no reasoning_effort") },
];

const known = new Map<string, ReasoningSpec | null>();

/** The reasoning facts of a model id (its own, or the name a file uses), or null for a model that does not reason. */
export function reasoningFor(id: string): ReasoningSpec | null {
  let spec = known.get(id);
  if (spec === undefined) {
    const name = id.trim().toLowerCase().replace(/^.*\//, '');
    spec = FAMILIES.find((f) => f.match.test(name))?.spec ?? null;
    if (known.size >= 10_000) known.clear();
    known.set(id, spec);
  }
  return spec;
}

/** Reasoning tokens per call for a budget a file sets (Anthropic's budget_tokens, Gemini's thinkingBudget). */
export function budgetRange(spec: ReasoningSpec, budget: number): Range | null {
  if (budget <= 0) return r(0, 0);
  // The budget is a ceiling: calls on short questions use far less (Anthropic's budget_tokens ≥ 1024).
  if (spec.budget === 'anthropic') return r(Math.min(50, budget), Math.min(1500, 0.5 * budget));
  if (spec.budget === 'gemini') return r(Math.min(30, budget), Math.min(1500, budget));
  return null;
}
