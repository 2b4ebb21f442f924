// The core's data model: what a parsed workflow is, and what an estimate says about it.
// Plain data only (and the list of budget keys), so it crosses to the CLI, the extension host and the webview unchanged.

/** A place in a source file: 1-based line and column, 0-based character offset. */
export interface SourcePosition {
  line: number;
  column: number;
  offset: number;
}

export interface SourceSpan {
  start: SourcePosition;
  end: SourcePosition;
}

export type Severity = 'error' | 'warning' | 'info';

/** A problem found in a workflow file. Problems are data: the core never throws them. */
export interface Problem {
  message: string;
  severity: Severity;
  file: string;
  span: SourceSpan;
  /** A stable code, for quick fixes and filtering: 'yaml', 'schema', 'unknown-model', 'cycle', ... */
  code: string;
  /** Replacement suggestions, where one is obvious (nearest model ids, missing step ids). */
  suggestions?: string[];
}

/** A quantity given as a number or as an inclusive [min, max] range. */
export interface Range {
  min: number;
  max: number;
}

export type History = 'replay' | 'summary' | 'none';
export type Mode = 'sync' | 'batch';
/** How hard a reasoning model thinks, in the words providers' APIs use. */
export type Effort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';
export const EFFORTS: readonly Effort[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'];
/** Providers' hours of higher and lower prices (DeepSeek's peak and off-peak). */
export type PriceWindow = 'peak' | 'off-peak';
/** Providers' service tiers beside the standard one: slower and cheaper, or faster and dearer. */
export type ServiceTier = 'flex' | 'priority';

/** What a file sets about a call's hidden reasoning: an effort, or reasoning tokens per call. */
export interface ReasoningSetting {
  effort?: Effort;
  /** Tokens per call, or a token budget the provider caps thinking at (`budget: true`). */
  tokens?: Range;
  budget?: boolean;
  /** Where the file says it, in the words of its format (`reasoning_effort`, `thinking.budget_tokens`). */
  from: string;
}

export interface AgentSpec {
  turns: Range;
  toolTokens: Range;
  toolLatencyS: Range;
  history: History;
}

/** One step of a workflow, with every default already filled in. */
export interface StepSpec {
  id: string;
  model: string;
  after: string[];
  /** Where each `after` entry is written, in the same order. */
  afterSpans: SourceSpan[];
  inputTokens: Range;
  outputTokens: Range;
  /** Tokens of inline prompt text, already counted; added to every call's input. */
  promptTokens: number;
  repeat: number;
  concurrency: number;
  retryRate: number;
  cacheHitRate: number;
  mode: Mode;
  agent: AgentSpec | null;
  /** Pages per call, for models priced per page (OCR); null where the file does not say. */
  pages: number | null;
  /** Reasoning the file sets; null where it says nothing (the model's default applies). */
  reasoning: ReasoningSetting | null;
  /** The file's cap on tokens out per call (max_tokens and the like): visible and reasoning together. */
  outputCap: number | null;
  /** Priced at one window's rates where the price varies by hour; null for the day's mean. */
  priceWindow: PriceWindow | null;
  serviceTier: ServiceTier | null;
  /** Cache writes kept an hour (Anthropic's `ttl: 1h`), billed at their own rate. */
  cacheTtl: '5m' | '1h' | null;
  /** Other names the file gives the same call's model (Prompt Flow's model and deployment_name): tried when `model` is not known. */
  modelFallbacks?: string[];
  /** Other names the framework gives its calls in traces (a crewAI agent's key and role), to match observed calls by. */
  names?: string[];
  /** The branches it lies on: it runs only when each branching node takes one of `taken` of its `of` ways. */
  branches: BranchCondition[];
  alternatives: string[];
  span: SourceSpan;
  idSpan: SourceSpan;
  modelSpan: SourceSpan;
}

/**
 * A step on a branch: a run takes one of a node's `of` ways (each equally likely, unless `weights`
 * says otherwise); the step runs on those in `taken`.
 */
export interface BranchCondition {
  /** The branching node, as the file names it (for a `runs_share` the file states: the step's own). */
  group: string;
  taken: number[];
  of: number;
  /** Each way's share of runs, where they differ: a stated runs_share r is two ways, [r, 1 − r]. */
  weights?: number[];
}

/** Prices in USD per million tokens (per page for perPage, per image for perImage), each null where unknown. */
export interface PriceSpec {
  input: number | null;
  output: number | null;
  cacheRead: number | null;
  cacheWrite: number | null;
  batchInput: number | null;
  batchOutput: number | null;
  perPage: number | null;
  batchPerPage: number | null;
  /** Image-generation models: USD per image made. */
  perImage: number | null;
  /** Input-size tiers: from `above` input tokens per call, every price becomes the tier's. */
  tiers: PriceTier[];
  source: string;
  asOf: string | null;
  /** Where the batch prices come from, when not from `source`. */
  batchSource?: string;
  /** Anthropic's one-hour cache writes. */
  cacheWrite1h?: number | null;
  /** A price of reasoning tokens of their own, where the price data has one (else output's). */
  reasoning?: number | null;
  /** Rates of the service tiers sold beside the standard one. */
  serviceTiers?: Partial<Record<ServiceTier, PriceRates>>;
  /** Where prices vary by the hour: the standard fields hold the day's hour-weighted mean. */
  timeOfDay?: TimeOfDayPrices | null;
}

/** Token rates, USD per million, that replace the standard ones under a condition. */
export interface PriceRates {
  input: number | null;
  output: number | null;
  cacheRead: number | null;
  cacheWrite: number | null;
}

export interface TimeOfDayPrices {
  peak: PriceRates;
  offPeak: PriceRates;
  /** The peak hours, as `00:30–16:30 UTC`, and the share of the day they cover. */
  peakHours: string;
  peakShare: number;
}

export interface PriceTier {
  above: number;
  input: number | null;
  output: number | null;
  cacheRead: number | null;
  cacheWrite: number | null;
}

export interface SpeedSpec {
  ttftS: number | null;
  outputTps: number | null;
  source: string | null;
  asOf: string | null;
}

export interface ParamsSpec {
  total: Range;
  active: Range;
  architecture: string | null;
  source: string | null;
  estimate: boolean;
}

/** Energy at the meter (PUE included) per 1,000 tokens; wins over the parameter-based model. */
export interface MeteredEnergySpec {
  whPer1kOutput: number;
  whPer1kInput: number;
  source: string;
}

export interface ModelEntry {
  id: string;
  aliases: string[];
  provider: string;
  displayName: string;
  segment: string | null;
  openWeights: boolean | null;
  openWeightsSource: string | null;
  params: ParamsSpec | null;
  context: { maxInput: number | null; maxOutput: number | null };
  price: PriceSpec;
  speed: SpeedSpec;
  quality: { intelligence: number | null; coding: number | null; source: string | null; asOf: string | null };
  energy: MeteredEnergySpec | null;
  pue: number;
  pueSource: string;
  notes: string[];
  /** Where this entry came from: the bundled catalog, a user catalog file, or the workflow file. */
  origin: string;
}

/** A model as a user file gives it (a workflow's `models:`, a catalog file): any field may be missing. */
export interface PartialModel {
  id: string;
  /** Where it was defined, shown as the source of its figures. */
  origin: string;
  aliases?: string[];
  displayName?: string;
  provider?: string;
  openWeights?: boolean;
  params?: ParamsSpec;
  price?: Partial<PriceSpec>;
  speed?: Partial<SpeedSpec>;
  quality?: number;
  energy?: MeteredEnergySpec;
  pue?: number;
  context?: Partial<ModelEntry['context']>;
}

export interface BudgetSpec {
  key: BudgetKey;
  limit: number;
  span: SourceSpan;
}

/** The limits a workflow (or its sidecar file) may set under `budget:`. */
export const BUDGET_KEYS = [
  'usd_per_run', 'usd_per_day', 'usd_per_month', 'p95_latency_s', 'wh_per_run', 'wh_per_day', 'wh_per_month', 'co2_g_per_run', 'co2_g_per_month',
] as const;

export type BudgetKey = (typeof BUDGET_KEYS)[number];

/** A workflow in the core's model, whatever file format it came from. */
export interface Workflow {
  file: string;
  format: string;
  name: string;
  nameSpan: SourceSpan;
  runsPerDay: number | null;
  steps: StepSpec[];
  budgets: BudgetSpec[];
  /** Models defined or overridden by the file itself. */
  localModels: PartialModel[];
  problems: Problem[];
  assumptions: Assumption[];
}

export interface Assumption {
  /** Which step it concerns, or null for the whole workflow. */
  step: string | null;
  message: string;
  /** The assumption key that overrides it (a format's default, such as `output_tokens`). */
  key?: string;
}

/**
 * A figure over the Monte Carlo draws: its mean (the expected value, which a sum of many runs
 * follows), p50, p95, min and max (all equal where nothing is a range).
 */
export interface Figure {
  mean: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
}

export interface Figures {
  cost_usd: Figure | null;
  latency_s: Figure | null;
  energy_wh: Figure | null;
  co2_g: Figure | null;
  input_tokens: Figure;
  /** Every token out, visible and reasoning. */
  output_tokens: Figure;
  /** Of the output tokens, those a model spent thinking (billed and timed as output). */
  reasoning_tokens: Figure;
  calls: Figure;
}

export interface StepEstimate extends Figures {
  id: string;
  model: string;
  modelName: string;
  /** Where its prices come from, and their date. */
  priceSource: string;
  priceAsOf: string | null;
  speedSource: string | null;
  speedAsOf: string | null;
  /** Where the parameter counts (or metered energy) behind energy_wh come from. */
  energySource: string | null;
  /** The grid its CO2 is computed on. */
  grid: { name: string; gPerKwh: number };
  /** How much the model thinks per call, and why: null for a model that does not reason. */
  reasoning: { effort: string; tokensPerCall: Range; source: string } | null;
  speedAssumed: boolean;
  batch: boolean;
  /** Share of the workflow's mean cost per run, 0..1, or null where cost is unknown. */
  costShare: number | null;
  /** The EcoLogits request term and the labelled prefill (input) term of energy_wh, means when it runs. */
  energyTerms: { request_wh: number; prefill_wh: number } | null;
  /** The share of runs it runs in (1 where it lies on no branch), and the branches that decide it. */
  runsShare: number;
  branches: StepBranch[];
  /** Its expected contribution to a run's total: its mean when it runs, times runsShare. */
  meanPerRun: MeanFigures;
  onCriticalPath: boolean;
  span: SourceSpan;
}

/** A branch a step lies on, as reports say it: "1 of 3 branches of 'classify'", or a stated share. */
export interface StepBranch {
  /** The branching node, or null for a share the file states (runs_share). */
  group: string | null;
  taken: number;
  of: number;
  share: number;
}

/** Means per run, each null where its figure is unknown. */
export interface MeanFigures {
  cost_usd: number | null;
  energy_wh: number | null;
  co2_g: number | null;
  input_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
  calls: number;
}

export interface BudgetResult {
  key: BudgetKey;
  limit: number;
  /** The p95 figure checked, or null where it was not checked. */
  value: number | null;
  /** Null where it was not checked: the workflow has an error, or the figure is unknown (see `reason`). */
  holds: boolean | null;
  /** Why it was not checked; null where it was. */
  reason: string | null;
  span: SourceSpan;
}

export interface Alternative {
  step: string;
  from: string;
  to: string;
  toName: string;
  /** Whether it has fewer active parameters (a smaller model), or is only cheaper. */
  smaller: boolean;
  quality_from: number | null;
  quality_to: number | null;
  /** Changes per run when only this step switches (negative = saving), at range midpoints. */
  delta_cost_usd: number;
  delta_latency_s: number | null;
  delta_energy_wh: number | null;
  delta_cost_usd_per_day: number | null;
  reason: string;
}

export interface WhatIf {
  /** Per-run totals with every step on its alternative, at range midpoints. */
  cost_usd: number | null;
  latency_s: number | null;
  energy_wh: number | null;
  baseline_cost_usd: number | null;
  baseline_latency_s: number | null;
  baseline_energy_wh: number | null;
  saving_usd_per_day: number | null;
  saving_usd_per_month: number | null;
}

export interface Estimate {
  file: string;
  name: string;
  format: string;
  ok: boolean;
  errors: Problem[];
  per_run: Figures | null;
  per_day: Figures | null;
  per_month: Figures | null;
  steps: StepEstimate[];
  criticalPath: string[];
  budget: BudgetResult[];
  alternatives: Alternative[];
  whatIf: WhatIf | null;
  assumptions: Assumption[];
  settings: {
    /** 'provider' (each model on its provider's grid) or a region id. */
    region: string;
    /** The grid of the steps, where one grid serves them all; null where they differ. */
    gridGPerKwh: number | null;
    samples: number;
    seed: number;
    /** The day prices are read for, and the dates of the price data. */
    priceDate: string;
    priceData: string;
  };
  /** What runs really used, where observation files were given. */
  observed?: ObservedWorkflow;
}

/** A figure over observed runs. */
export interface ObservedStat {
  mean: number;
  p50: number;
  p95: number;
}

/**
 * An observed figure beside the estimate's: observed p50 ÷ estimated p50, and whether it lies in
 * the estimate's [min, max] (null where the estimate is one value, not a range).
 */
export interface VersusEstimate {
  estimate_p50: number;
  estimate_p95: number;
  ratio: number | null;
  inside: boolean | null;
}

export const OBSERVED_KEYS = ['calls', 'cost_usd', 'latency_s', 'input_tokens', 'output_tokens', 'cached_tokens', 'reasoning_tokens'] as const;
export type ObservedKey = (typeof OBSERVED_KEYS)[number];

/** Per run, over the observed runs: each figure's mean, p50 and p95 (null where the files cannot give it). */
export interface ObservedFigures {
  runs: number;
  figures: Record<ObservedKey, ObservedStat | null>;
  versus: Partial<Record<ObservedKey, VersusEstimate>>;
}

export interface ObservedWorkflow extends ObservedFigures {
  files: string[];
  /** Where the cost comes from: the files' own figures, or their tokens priced from the catalog. */
  costFrom: string;
  /** By step id, the steps some observed call matched. */
  steps: Record<string, ObservedFigures>;
  /** Calls of the workflow's runs that no step matched, grouped by the name or model they carry. */
  unmatched: { name: string; calls: number; why: string }[];
  /** Runs in the files set aside as another workflow's: no more than half the kinds of call they make match a step. */
  otherRuns: number;
  /** Spans or rows that were no model call. */
  skipped: number;
}
