// The plan of an estimate: each step's model resolved and prepared for its mode, the step graph
// built, and what the Monte Carlo must draw. Problems found are data, appended to the caller's list.
import { selfHostedRuntime, type Catalog } from '../catalog/catalog';
import { sidecarName } from '../formats/sidecar';
import { findRegion, providerGrid, PROVIDER_GRIDS, type Grid } from '../grids';
import { LIMITS } from '../limits';
import type { Assumption, ModelEntry, Problem, Range, StepSpec, Workflow } from '../types';
import type { StepVariable } from './stepVariables';
import { buildGraph, type StepGraph } from './graph';
import { preparedModel, type PreparedModel, type Purchase } from './preparedModel';
import { plannedReasoning, type PlannedReasoning } from './reasoningPlan';
import { energyDraw, type StepDraw } from './stepMath';

export interface EstimateOptions {
  catalog: Catalog;
  /** Grid for CO2: 'provider' (each model on its provider's grid, the default) or a region (see findRegion); `gridGPerKwh` overrides its intensity. */
  region?: string;
  gridGPerKwh?: number | null;
  /** Overrides every model's PUE. */
  pue?: number | null;
  samples?: number;
  seed?: number;
  /** How far below a step's model (as a share of its quality index) an alternative may be. */
  qualityMargin?: number;
  /** Used where the workflow does not set runs_per_day. */
  runsPerDay?: number | null;
}

export const DEFAULTS = { samples: 1000, seed: 1, qualityMargin: 0.2 } as const;

/** A step that could be estimated, with its model prepared for its mode. */
export interface PlannedStep {
  spec: StepSpec;
  model: PreparedModel;
  /** Its hidden reasoning, or null for a model that does not reason. */
  reasoning: PlannedReasoning | null;
  /** The grid its energy is drawn from, for CO2. */
  grid: Grid;
  /** Which of its inputs are ranges, so draws are made only for those. */
  random: boolean;
  /**
   * Its ranges that are one unknown value for every run (an assumed default, a reasoning prior),
   * not what differs from run to run as the file states it (spec §3, Totals over many runs).
   */
  shared: StepVariable[];
}

export interface Plan {
  /** The catalog with the workflow's own `models:` on top. */
  catalog: Catalog;
  steps: PlannedStep[];
  graph: StepGraph;
  /** Distinct models with a parameter range (an estimate), drawn once per Monte Carlo sample. */
  rangedModels: PreparedModel[];
  /** Branching nodes, by name, with the share of runs each of their ways takes: one is drawn per run. */
  branchGroups: Map<string, number[]>;
}

const isRange = (r: Range): boolean => r.max > r.min;
const mid = (r: Range): number => (r.min + r.max) / 2;

/** Resolves models and the graph; problems found are appended to `problems`. */
export function plan(workflow: Workflow, options: EstimateOptions, problems: Problem[], assumptions: Assumption[]): Plan {
  const catalog = options.catalog.withOverrides(workflow.localModels);
  const noted = new Set<PreparedModel>();
  const gridFor = gridChooser(options);
  const explained = new Set<string>();
  const steps: PlannedStep[] = [];
  const assumed = assumedKeys(workflow.assumptions);
  for (const given of workflow.steps) {
    let spec = given;
    if (spec.model.length > LIMITS.modelName) {
      problems.push({
        file: workflow.file, span: spec.modelSpan, severity: 'error', code: 'unknown-model',
        message: `The model name of step '${spec.id.slice(0, 80)}' is ${spec.model.length} characters long: no model name is longer than ${LIMITS.modelName}.`,
      });
      continue;
    }
    let found = catalog.lookup(spec.model);
    const fallback = found ? undefined : spec.modelFallbacks?.find((name) => name.length <= LIMITS.modelName && catalog.lookup(name));
    if (fallback) {
      addAssumption(assumptions, spec.id, `'${spec.model}' is no model the price data knows; the step also names '${fallback}', which is priced`);
      spec = { ...spec, model: fallback };
      found = catalog.lookup(fallback);
    }
    const entry = found?.entry;
    if (found?.retired) {
      const r = found.retired;
      problems.push({
        file: workflow.file, span: spec.modelSpan, severity: 'warning', code: 'retired-model', suggestions: [entry?.id ?? ''],
        message: r.routed
          ? `Model '${spec.model}' in step '${spec.id}' is retired from ${r.retiredOn}: its requests go to ${entry?.id} and are billed at its rates, as priced here (${r.source}).`
          : `Model '${spec.model}' in step '${spec.id}' was retired on ${r.retiredOn}: requests to it fail. Priced as ${entry?.id}, ${r.replacement === entry?.id ? 'the replacement its provider names' : `the replacement of ${r.replacement}, the one its provider named, itself retired since`}: change the model to run this step (${r.source}).`,
      });
      addAssumption(assumptions, spec.id, `retired model '${spec.model}' priced as ${entry?.id}, ${r.routed ? 'where its requests go' : 'its replacement'} from ${r.retiredOn}`);
    }
    if (found?.guessedFrom) {
      problems.push({
        file: workflow.file, span: spec.modelSpan, severity: 'warning', code: 'guessed-model', suggestions: [entry?.id ?? ''],
        message: `Model '${spec.model}' in step '${spec.id}' is not a known name: read as ${entry?.id}, the nearest shorter name. ${workflow.format === 'agentflow'
          ? 'Write the model id to be sure.'
          : `Map it under 'deployments:' in ${sidecarName(workflow.file)} (or the agentCost.deployments setting) to be sure.`}`,
      });
      addAssumption(assumptions, spec.id, `model '${spec.model}' read as ${entry?.id}`);
    }
    if (found?.pulled) addAssumption(assumptions, spec.id, found.pulled);
    if (found?.selfHosted) {
      addAssumption(assumptions, spec.id, `'${spec.model}' runs on your own hardware (${found.selfHosted}): priced as the same weights hosted, ${entry?.id} (${entry?.price.source}). Give it your own price under 'models:'${workflow.format === 'agentflow' ? '' : ` in ${sidecarName(workflow.file)}`}`);
    }
    if (!entry && selfHostedRuntime(spec.model)) {
      problems.push({
        file: workflow.file, span: spec.modelSpan, severity: 'error', code: 'unknown-model', suggestions: catalog.nearest(spec.model),
        message: `Model '${spec.model}' in step '${spec.id}' runs on your own hardware, and no host in the price data serves these weights. ${workflow.format === 'agentflow'
          ? `Define it under 'models:' with a price (0 for none) and params_b.`
          : `Define it under 'models:' in ${sidecarName(workflow.file)} with a price (0 for none) and params_b, or map it to a hosted model under 'deployments:' there.`}`,
      });
      continue;
    }
    if (!entry) {
      const near = catalog.nearest(spec.model);
      problems.push({
        file: workflow.file, span: spec.modelSpan, severity: 'error', code: 'unknown-model', suggestions: near,
        message: `Unknown model '${spec.model}' in step '${spec.id}'. Nearest catalog ids: ${near.join(', ')}. ${workflow.format === 'agentflow'
          ? `Use one of them, or define '${spec.model}' under 'models:'.`
          : `Map it to one of them under 'deployments:' in ${sidecarName(workflow.file)} (or the agentCost.deployments setting), or define it under 'models:' there.`}`,
      });
      continue;
    }
    const model = preparedModel(entry, purchaseOf(spec), options.pue ?? null);
    if (!noted.has(model)) {
      noted.add(model);
      for (const note of model.notes) addAssumption(assumptions, null, note);
    }
    if (spec.pages === null && model.perPageOnly) {
      spec = { ...spec, pages: 1 };
      addAssumption(assumptions, spec.id, `${entry.id} is priced per page and '${spec.id}' sets no pages: 1 page per call`);
    }
    if (model.perImageOnly) {
      spec = { ...spec, outputTokens: { min: 0, max: 0 } };
      const stepId = spec.id;
      removeWhere(assumptions, (a) => a.step === stepId && a.key === 'output_tokens');
      addAssumption(assumptions, spec.id, `${entry.id} makes images, priced at $${entry.price.perImage} each: one image per call, and no text tokens out`);
    }
    const reasoning = model.perImageOnly || model.perPageOnly ? null : plannedReasoning(spec, entry, howToSetReasoning(workflow, spec.id));
    if (reasoning) {
      addAssumption(assumptions, spec.id, reasoning.note);
      // once per model: the sources of its default and its token ranges
      if (reasoning.about && !explained.has(reasoning.about)) {
        explained.add(reasoning.about);
        addAssumption(assumptions, null, reasoning.about);
      }
    }
    const a = spec.agent;
    const random = isRange(spec.inputTokens) || isRange(spec.outputTokens) || (reasoning !== null && isRange(reasoning.tokens))
      || (a !== null && (isRange(a.turns) || isRange(a.toolTokens) || isRange(a.toolLatencyS)))
      || (model.energyKind === 'params' && (isRange(model.activeB) || isRange(model.totalB)))
      || spec.branches.length > 0;
    steps.push({ spec, model, reasoning, grid: gridFor(entry), random, shared: sharedRanges(spec.id, assumed, reasoning) });
  }
  // A link to a step left out for its own error (an unknown model) is not a second error.
  const planned = new Set(steps.map((s) => s.spec.id));
  const written = workflow.steps.map((s) => s.id);
  const writtenSet = new Set(written);
  for (const s of steps) {
    if (s.spec.after.every((a) => planned.has(a) || !writtenSet.has(a))) continue;
    const keep = s.spec.after.map((a) => planned.has(a) || !writtenSet.has(a));
    s.spec = { ...s.spec, after: s.spec.after.filter((_, k) => keep[k]), afterSpans: s.spec.afterSpans.filter((_, k) => keep[k]) };
  }
  const graph = buildGraph(workflow.file, steps.map((s) => s.spec), problems, written);
  const rangedModels = [...new Set(steps.filter((s) => s.model.energyKind === 'params'
    && (isRange(s.model.activeB) || isRange(s.model.totalB))).map((s) => s.model))];
  const branchGroups = new Map<string, number[]>();
  for (const s of steps) {
    for (const b of s.spec.branches) {
      const weights = b.weights ?? Array.from({ length: b.of }, () => 1 / b.of);
      if (weights.length > (branchGroups.get(b.group)?.length ?? 0)) branchGroups.set(b.group, weights);
    }
  }
  return { catalog, steps, graph, rangedModels, branchGroups };
}

/** The assumption keys that fill in each step's ranges, by step id (the keys adapters name). */
function assumedKeys(assumptions: readonly Assumption[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const a of assumptions) {
    if (a.step === null || !a.key) continue;
    const keys = out.get(a.step) ?? new Set<string>();
    keys.add(a.key);
    out.set(a.step, keys);
  }
  return out;
}

/** Which assumption fills in which range: what the file does not say is the same unknown in every run. */
const SHARED_BY_KEY: Record<string, StepVariable> = {
  input_tokens: 'input_tokens', output_tokens: 'output_tokens', agent_turns: 'turns', iteration_items: 'turns', loop_rounds: 'turns', tool_tokens: 'tool_tokens',
};

function sharedRanges(step: string, assumed: Map<string, Set<string>>, reasoning: PlannedReasoning | null): StepVariable[] {
  const out = new Set<StepVariable>();
  for (const key of assumed.get(step) ?? []) if (Object.hasOwn(SHARED_BY_KEY, key)) out.add(SHARED_BY_KEY[key]);
  if (reasoning?.prior) out.add('reasoning_tokens');
  return [...out];
}

/** How a step buys its calls: its mode, the hours it runs in, its service tier, its cache's lifetime. */
export function purchaseOf(spec: StepSpec): Purchase {
  return { mode: spec.mode, window: spec.priceWindow, tier: spec.serviceTier, cacheTtl: spec.cacheTtl };
}

function howToSetReasoning(workflow: Workflow, step: string): string {
  return workflow.format === 'agentflow'
    ? "Set reasoning: { effort: … } or { tokens: … } on the step to change it"
    : `Set reasoning: { effort: … } or { tokens: … } under steps.'${step}' in ${sidecarName(workflow.file)} to change it`;
}

/** Each model's grid: the region the user names, else its provider's data centres'. */
function gridChooser(options: EstimateOptions): (entry: ModelEntry) => Grid {
  if (options.gridGPerKwh != null) {
    const own: Grid = { id: 'custom', name: 'your grid', gPerKwh: options.gridGPerKwh, source: 'set by you' };
    return () => own;
  }
  const region = options.region && options.region !== PROVIDER_GRIDS ? findRegion(options.region) : undefined;
  if (region) return () => region;
  const byProvider = new Map<string, Grid>();
  return (entry) => {
    let grid = byProvider.get(entry.provider);
    if (!grid) {
      grid = providerGrid(entry.provider);
      byProvider.set(entry.provider, grid);
    }
    return grid;
  };
}

export function addAssumption(list: Assumption[], step: string | null, message: string): void {
  list.push({ step, message });
}

function removeWhere<T>(list: T[], test: (item: T) => boolean): void {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i])) list.splice(i, 1);
}

/** A step's inputs at the midpoints of their ranges. */
export function midpointDraw(s: StepSpec, model: PreparedModel, reasoning: PlannedReasoning | null, d: StepDraw): void {
  const a = s.agent;
  d.inputTokens = mid(s.inputTokens);
  d.outputTokens = mid(s.outputTokens);
  d.reasoningTokens = reasoning ? mid(reasoning.tokens) : 0;
  d.turns = a ? mid(a.turns) : 1;
  d.toolTokens = a ? mid(a.toolTokens) : 0;
  d.toolLatencyS = a ? mid(a.toolLatencyS) : 0;
  energyDraw(d, mid(model.activeB), mid(model.totalB));
}
