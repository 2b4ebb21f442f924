// Observed runs beside the estimate: per run and per step, each figure's mean, p50 and p95 over
// the runs, its ratio to the estimate's p50, and whether it falls inside the estimate's range.
import type { Catalog } from '../catalog/catalog';
import { quantileInPlace } from '../estimate/quantiles';
import {
  OBSERVED_KEYS, type Estimate, type Figure, type Figures, type ModelEntry, type ObservedFigures, type ObservedKey, type ObservedStat,
  type ObservedWorkflow, type VersusEstimate, type Workflow,
} from '../types';
import { matchCalls, type Matching, type StepToMatch } from './match';
import type { ObservedCall, Observations } from './readers';

/** The steps of a workflow as matching sees them: their ids, other names and models. */
function stepsToMatch(workflow: Workflow, estimate: Estimate): StepToMatch[] {
  const models = new Map(estimate.steps.map((s) => [s.id, s.model]));
  return workflow.steps.map((s) => ({
    id: s.id,
    model: models.get(s.id) ?? s.model,
    names: s.names ?? [],
    grader: workflow.format === 'promptfoo' && /^grader /.test(s.id) && s.outputTokens.max > 0,
  }));
}

export function matchObservations(workflow: Workflow, estimate: Estimate, sets: readonly Observations[], catalog: Catalog): Matching {
  return matchCalls(stepsToMatch(workflow, estimate), sets.flatMap((o) => o.calls), (name) => catalog.resolve(name)?.id);
}

function stat(values: number[]): ObservedStat {
  const a = Float64Array.from(values);
  const mean = a.reduce((s, v) => s + v, 0) / Math.max(1, a.length);
  return { mean, p50: quantileInPlace(a, 0.5), p95: quantileInPlace(a, 0.95) };
}

/** USD of a call from its tokens at the catalog's prices: input less cached, cached at the cache-read rate, output. */
function pricedCost(call: ObservedCall, entry: ModelEntry | undefined): number | null {
  const p = entry?.price;
  if (!p || p.input === null || p.output === null) return null;
  const cached = Math.min(call.cachedTokens, call.inputTokens);
  return ((call.inputTokens - cached) * p.input + cached * (p.cacheRead ?? p.input) + call.outputTokens * p.output) / 1e6;
}

/** Seconds from a calls' first start to its last end where the file times them, else the calls' summed durations. */
function wallTime(calls: readonly ObservedCall[]): number | null {
  if (calls.length === 0) return 0;
  if (calls.every((c) => c.startUs !== undefined && c.endUs !== undefined)) {
    let start = Infinity;
    let end = -Infinity;
    for (const c of calls) {
      start = Math.min(start, c.startUs as number);
      end = Math.max(end, c.endUs as number);
    }
    return (end - start) / 1e6;
  }
  return calls.every((c) => c.latencyS !== null) ? calls.reduce((s, c) => s + (c.latencyS as number), 0) : null;
}

interface RunTotals {
  values: Record<ObservedKey, number | null>;
}

function totals(calls: readonly ObservedCall[], cost: (c: ObservedCall) => number | null, latency: number | null): RunTotals {
  const values: Record<ObservedKey, number | null> = { calls: 0, cost_usd: 0, latency_s: latency, input_tokens: 0, output_tokens: 0, cached_tokens: 0, reasoning_tokens: 0 };
  for (const c of calls) {
    values.calls = (values.calls as number) + c.requests;
    values.input_tokens = (values.input_tokens as number) + c.inputTokens;
    values.output_tokens = (values.output_tokens as number) + c.outputTokens;
    values.cached_tokens = (values.cached_tokens as number) + c.cachedTokens;
    values.reasoning_tokens = (values.reasoning_tokens as number) + c.reasoningTokens;
    const usd = cost(c);
    values.cost_usd = usd === null || values.cost_usd === null ? null : values.cost_usd + usd;
  }
  return { values };
}

const ESTIMATED: Partial<Record<ObservedKey, keyof Figures>> = {
  calls: 'calls', cost_usd: 'cost_usd', latency_s: 'latency_s', input_tokens: 'input_tokens', output_tokens: 'output_tokens', reasoning_tokens: 'reasoning_tokens',
};

/** Within a millionth: figures read from a file and summed again should not fall out on rounding. */
const TOLERANCE = 1e-6;

function versus(observed: ObservedStat, estimated: Figure): VersusEstimate {
  const slack = TOLERANCE * Math.max(Math.abs(estimated.max), Math.abs(observed.p50));
  return {
    estimate_p50: estimated.p50,
    estimate_p95: estimated.p95,
    ratio: estimated.p50 > 0 ? observed.p50 / estimated.p50 : null,
    inside: estimated.min === estimated.max ? null : observed.p50 >= estimated.min - slack && observed.p50 <= estimated.max + slack,
  };
}

/** Each figure's mean, p50 and p95 over the runs (null where a run lacks it). */
function statsOver(perRun: RunTotals[]): Record<ObservedKey, ObservedStat | null> {
  const figures = {} as Record<ObservedKey, ObservedStat | null>;
  for (const key of OBSERVED_KEYS) {
    const values = perRun.map((r) => r.values[key]);
    figures[key] = values.length && values.every((v): v is number => v !== null) ? stat(values) : null;
  }
  return figures;
}

/** Observed figures beside an estimate's. */
function against(observed: Omit<ObservedFigures, 'versus'>, estimated: Figures | null): ObservedFigures {
  const out: Partial<Record<ObservedKey, VersusEstimate>> = {};
  for (const key of OBSERVED_KEYS) {
    const field = ESTIMATED[key];
    const seen = observed.figures[key];
    const est = field && estimated ? (estimated[field] as Figure | null) : null;
    if (seen && est) out[key] = versus(seen, est);
  }
  return { ...observed, versus: out };
}

/** What the files say of a workflow's runs, before any estimate is set beside it. */
type Observed = Omit<ObservedWorkflow, 'versus' | 'steps'> & { steps: Record<string, Omit<ObservedFigures, 'versus'>> };

/**
 * The observed figures depend on the steps (ids, names, models), the files and the catalog, not on
 * the estimate: they are worked out once, so that editing a workflow, which estimates it again at
 * each keystroke, does not match a 100 MB trace file again.
 */
const remembered = new WeakMap<Catalog, WeakMap<readonly Observations[], Map<string, Observed | null>>>();
const MAX_REMEMBERED = 200;

/** What the observation files say of one workflow's runs, beside its estimate; null where none of their runs is the workflow's. */
export function observedWorkflow(workflow: Workflow, estimate: Estimate, sets: readonly Observations[], catalog: Catalog): ObservedWorkflow | null {
  const steps = stepsToMatch(workflow, estimate);
  const key = JSON.stringify(steps);
  let bySets = remembered.get(catalog);
  if (!bySets) remembered.set(catalog, (bySets = new WeakMap()));
  let bySteps = bySets.get(sets);
  if (!bySteps) bySets.set(sets, (bySteps = new Map()));
  let observed = bySteps.get(key);
  if (observed === undefined) {
    observed = observe(steps, sets, catalog);
    if (bySteps.size >= MAX_REMEMBERED) bySteps.clear();
    bySteps.set(key, observed);
  }
  if (!observed) return null;
  const estimated = new Map(estimate.steps.map((s) => [s.id, s]));
  return {
    ...against(observed, estimate.per_run),
    files: observed.files,
    costFrom: observed.costFrom,
    steps: Object.fromEntries(Object.entries(observed.steps).map(([id, o]) => [id, against(o, estimated.get(id) ?? null)])),
    unmatched: observed.unmatched,
    otherRuns: observed.otherRuns,
    skipped: observed.skipped,
  };
}

function observe(steps: StepToMatch[], sets: readonly Observations[], catalog: Catalog): Observed | null {
  const matching = matchCalls(steps, sets.flatMap((o) => o.calls), (name) => catalog.resolve(name)?.id);
  if (matching.runs.size === 0) return null;
  const stepModel = new Map(steps.map((s) => [s.id, s.model]));
  const entries = new Map<string, ModelEntry | undefined>();
  const entry = (name: string) => {
    if (!entries.has(name)) entries.set(name, catalog.resolve(name));
    return entries.get(name);
  };
  // each call priced once: from the file, else from its tokens at its step's model's prices
  const costs = new Map<ObservedCall, number | null>();
  let fromFiles = 0;
  let priced = 0;
  for (const [step, calls] of [...matching.byStep, ['', [...matching.runs.values()].flat()] as const]) {
    for (const c of calls) {
      if (costs.has(c)) continue;
      if (c.costUsd !== null) fromFiles++;
      const usd = c.costUsd ?? pricedCost(c, entry(stepModel.get(step) ?? c.model ?? ''));
      if (c.costUsd === null && usd !== null) priced++;
      costs.set(c, usd);
    }
  }
  const cost = (c: ObservedCall) => costs.get(c) ?? null;
  const runLatency = new Map<string, number>();
  for (const o of sets) for (const [run, s] of o.runLatencyS) runLatency.set(run, s);

  const runs = [...matching.runs];
  const perRun = runs.map(([run, calls]) => totals(calls, cost, runLatency.get(run) ?? wallTime(calls)));
  const byStep: Observed['steps'] = {};
  for (const [id, calls] of matching.byStep) {
    const byRun = new Map<string, ObservedCall[]>(runs.map(([run]) => [run, []]));
    for (const c of calls) byRun.get(c.run)?.push(c);
    const stepRuns = [...byRun.values()].map((list) => totals(list, cost, wallTime(list)));
    byStep[id] = { runs: stepRuns.length, figures: statsOver(stepRuns) };
  }
  const prices = `${catalog.priceDate}'s prices in the catalog`;
  const costFrom = priced === 0 ? 'the costs the files record' : fromFiles === 0 ? `the observed tokens at ${prices}` : `the costs the files record, and the observed tokens at ${prices} where they record none`;
  return {
    runs: perRun.length,
    figures: statsOver(perRun),
    files: sets.map((o) => o.file),
    costFrom,
    steps: byStep,
    unmatched: matching.unmatched,
    otherRuns: matching.otherRuns,
    skipped: sets.reduce((n, o) => n + o.skipped, 0),
  };
}
