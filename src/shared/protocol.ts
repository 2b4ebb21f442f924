// Messages between the extension host and the side panel's webview, typed once for both sides.
// No `vscode`, no DOM: plain data. Every incoming message is checked with these guards; anything
// else is ignored. Every number the panel shows comes from the host.
import type { Card, GapFigure } from '../core/panel/article';

/** A catalog model as the panel compares it: speed, energy per 1,000 output tokens (from the
 * energy model), prices and quality, each with its source. */
export interface ModelFacts {
  id: string;
  name: string;
  provider: string;
  openWeights: boolean | null;
  outputTps: number | null;
  ttftS: number | null;
  /** Wh per 1,000 output tokens (EcoLogits plus server, PUE included; midpoint of an estimated size). */
  whPer1kOutput: number | null;
  priceInput: number | null;
  priceOutput: number | null;
  quality: number | null;
  /** Hidden reasoning tokens of a call at the model's default, midpoint; 0 for a model that does not reason. */
  reasoningTokens: number;
  /** The grid its CO2 is computed on: its provider's data centres', or the region set. */
  grid: { name: string; gPerKwh: number };
  sources: { price: string; speed: string | null; energy: string | null; quality: string | null; reasoning: string | null; grid: string };
}

/** One point of a compounding series: totals after `calls` calls (or runs). */
export interface SeriesPoint {
  calls: number;
  costUsd: number | null;
  seconds: number | null;
  wh: number | null;
}


/** One workflow file of the workspace, as the panel lists it. */
export interface WorkflowRow {
  /** The file's URI, to open it. */
  uri: string;
  path: string;
  name: string;
  /** Cost and energy per run: means (the figures a bill follows), with the cost's p95 beside. */
  costPerRun: number | null;
  costP95: number | null;
  p95LatencyS: number | null;
  energyWh: number | null;
  errors: number;
  /** Hidden reasoning tokens per run (mean) and their share of the tokens out; null where nothing reasons. */
  reasoning: { tokens: number; share: number } | null;
  /** The small-model what-if: every step on its alternative. */
  smaller: { costPerRun: number; saving: number; qualityGivenUp: number | null } | null;
  /** What runs really used (agentCost.observedFiles): cost per run (p50), over how many runs, against the estimate. */
  observed: { costPerRun: number | null; estimatedPerRun: number | null; runs: number; ratio: number | null; inside: boolean | null } | null;
}

/** What the panel shows besides the workflows: catalog facts and the article's figures. */
export interface PanelData {
  models: ModelFacts[];
  defaults: { small: string; large: string };
  calls: number[];
  loop: { inputTokens: number; outputTokens: number; toolTokens: number; toolLatencyS: number };
  article: { title: string; asOf: string; sources: string };
  capital: GapFigure[];
  compute: GapFigure[];
  cards: Card[];
  papyri: { documents: number; byHandYears: number; text: string; pricePer1000Pages: number; batchPricePer1000Pages: number | null; priceSource: string; pagesPerMinute: number; speedSource: string };
  readings: { optimistic: string[]; skeptical: string[] };
  /** Mistral's published life-cycle figures for Mistral Large 2, shown beside our energy figures. */
  lca: { outputTokens: number; gCo2e: number; waterMl: number; source: string };
  /** What our energy figures count, said beside the life-cycle figures. */
  energyBoundary: string;
}

export interface CompoundRequest {
  small: string;
  large: string;
  /** A workflow's URI: its runs instead of the synthetic loop's calls. */
  workflow: string | null;
}

/** Host → webview. */
export type HostMessage =
  | { type: 'workflows'; rows: WorkflowRow[] }
  | { type: 'data'; data: PanelData }
  | { type: 'compounding'; request: CompoundRequest; small: SeriesPoint[]; large: SeriesPoint[] };

/** Webview → host. The webview sends `ready` once it listens; the host posts nothing before. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'openFile'; uri: string }
  | { type: 'openExample' }
  | { type: 'compound'; request: CompoundRequest };

const isObject = (m: unknown): m is Record<string, unknown> => typeof m === 'object' && m !== null && !Array.isArray(m);
const num = (v: unknown) => v === null || typeof v === 'number';

function isRequest(r: unknown): r is CompoundRequest {
  return isObject(r) && typeof r.small === 'string' && typeof r.large === 'string' && (r.workflow === null || typeof r.workflow === 'string');
}

export function isWebviewMessage(m: unknown): m is WebviewMessage {
  if (!isObject(m)) return false;
  switch (m.type) {
    case 'ready':
    case 'openExample':
      return true;
    case 'openFile':
      return typeof m.uri === 'string';
    case 'compound':
      return isRequest(m.request);
    default:
      return false;
  }
}

function isRow(r: unknown): r is WorkflowRow {
  return isObject(r) && typeof r.uri === 'string' && typeof r.path === 'string' && typeof r.name === 'string'
    && num(r.costPerRun) && num(r.costP95) && num(r.p95LatencyS) && num(r.energyWh) && typeof r.errors === 'number'
    && (r.reasoning === null || (isObject(r.reasoning) && typeof r.reasoning.tokens === 'number' && typeof r.reasoning.share === 'number'))
    && (r.smaller === null || (isObject(r.smaller) && typeof r.smaller.costPerRun === 'number' && typeof r.smaller.saving === 'number' && num(r.smaller.qualityGivenUp)))
    && (r.observed === null || (isObject(r.observed) && num(r.observed.costPerRun) && num(r.observed.estimatedPerRun) && typeof r.observed.runs === 'number'
      && num(r.observed.ratio) && (r.observed.inside === null || typeof r.observed.inside === 'boolean')));
}

function isPoint(p: unknown): p is SeriesPoint {
  return isObject(p) && typeof p.calls === 'number' && num(p.costUsd) && num(p.seconds) && num(p.wh);
}

function isData(d: unknown): d is PanelData {
  return isObject(d) && Array.isArray(d.models) && d.models.every((m) => isObject(m) && typeof m.id === 'string' && typeof m.name === 'string')
    && isObject(d.defaults) && Array.isArray(d.calls) && d.calls.every((c) => typeof c === 'number')
    && Array.isArray(d.capital) && Array.isArray(d.compute) && Array.isArray(d.cards) && isObject(d.papyri) && isObject(d.readings) && isObject(d.loop) && isObject(d.article)
    && typeof d.energyBoundary === 'string';
}

export function isHostMessage(m: unknown): m is HostMessage {
  if (!isObject(m)) return false;
  switch (m.type) {
    case 'workflows':
      return Array.isArray(m.rows) && m.rows.every(isRow);
    case 'data':
      return isData(m.data);
    case 'compounding':
      return isRequest(m.request) && Array.isArray(m.small) && m.small.every(isPoint) && Array.isArray(m.large) && m.large.every(isPoint);
    default:
      return false;
  }
}
