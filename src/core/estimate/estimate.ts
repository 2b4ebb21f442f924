// From a parsed workflow to its estimate: resolve models, build the step graph, run the seeded
// Monte Carlo where anything is a range, and gather totals, budgets and alternatives.
import { selfHostedRuntime, type Catalog } from '../catalog/catalog';
import { DEFAULT_REGION, findRegion, GRID_REGIONS, PREFILL } from '../energy';
import type {
  Assumption, BudgetResult, Estimate, Figure, Figures, Problem, Range, StepEstimate, StepSpec, Workflow,
} from '../types';
import { sidecarName } from '../formats/sidecar';
import { findAlternatives } from './alternatives';
import { buildGraph, criticalPath, longestPath, type StepGraph } from './graph';
import { preparedModel, type PreparedModel } from './preparedModel';
import { summarize, type Summary } from './quantiles';
import { runMonteCarlo, stepSummaries } from './monteCarlo';
import { emptyDraw, energyDraw, evaluateStep, Slot, SLOTS, type StepDraw } from './stepMath';

export interface EstimateOptions {
  catalog: Catalog;
  /** Grid region id for CO2 (see GRID_REGIONS); `gridGPerKwh` overrides its intensity. */
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
const DAYS_PER_MONTH = 30;
const MAX_STEP_DRAWS = 1_000_000;
const MIN_SAMPLES = 64;

/** A step that could be estimated, with its model prepared for its mode. */
export interface PlannedStep {
  spec: StepSpec;
  model: PreparedModel;
  /** Which of its inputs are ranges, so draws are made only for those. */
  random: boolean;
}

export interface Plan {
  /** The catalog with the workflow's own `models:` on top. */
  catalog: Catalog;
  steps: PlannedStep[];
  graph: StepGraph;
  /** Distinct models with a parameter range (an estimate), drawn once per Monte Carlo sample. */
  rangedModels: PreparedModel[];
}

const isRange = (r: Range): boolean => r.max > r.min;
const mid = (r: Range): number => (r.min + r.max) / 2;

/** Resolves models and the graph; problems found are appended to `problems`. */
export function plan(workflow: Workflow, options: EstimateOptions, problems: Problem[], assumptions: Assumption[]): Plan {
  const catalog = options.catalog.withOverrides(workflow.localModels);
  const noted = new Set<PreparedModel>();
  const steps: PlannedStep[] = [];
  for (const given of workflow.steps) {
    let spec = given;
    const found = catalog.lookup(spec.model);
    const entry = found?.entry;
    if (found?.retired) {
      const r = found.retired;
      problems.push({
        file: workflow.file, span: spec.modelSpan, severity: 'warning', code: 'retired-model', suggestions: [entry?.id ?? ''],
        message: `Model '${spec.model}' in step '${spec.id}' was retired on ${r.retiredOn}: priced as its replacement, ${entry?.id} (${r.source}).`,
      });
      addAssumption(assumptions, spec.id, `retired model '${spec.model}' priced as its replacement ${entry?.id}`);
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
    const model = preparedModel(entry, spec.mode, options.pue ?? null);
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
    const a = spec.agent;
    const random = isRange(spec.inputTokens) || isRange(spec.outputTokens)
      || (a !== null && (isRange(a.turns) || isRange(a.toolTokens) || isRange(a.toolLatencyS)))
      || (model.energyKind === 'params' && (isRange(model.activeB) || isRange(model.totalB)));
    steps.push({ spec, model, random });
  }
  // A link to a step left out for its own error (an unknown model) is not a second error.
  const planned = new Set(steps.map((s) => s.spec.id));
  const written = workflow.steps.map((s) => s.id);
  for (const s of steps) {
    if (s.spec.after.every((a) => planned.has(a) || !written.includes(a))) continue;
    const keep = s.spec.after.map((a) => planned.has(a) || !written.includes(a));
    s.spec = { ...s.spec, after: s.spec.after.filter((_, k) => keep[k]), afterSpans: s.spec.afterSpans.filter((_, k) => keep[k]) };
  }
  const graph = buildGraph(workflow.file, steps.map((s) => s.spec), problems, written);
  const rangedModels = [...new Set(steps.filter((s) => s.model.energyKind === 'params'
    && (isRange(s.model.activeB) || isRange(s.model.totalB))).map((s) => s.model))];
  return { catalog, steps, graph, rangedModels };
}

function addAssumption(list: Assumption[], step: string | null, message: string): void {
  list.push({ step, message });
}

function removeWhere<T>(list: T[], test: (item: T) => boolean): void {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i])) list.splice(i, 1);
}

function unique(list: Assumption[]): Assumption[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const key = `${a.step}\u0000${a.message}`;
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}

/** "a, b and c" or "a, b, c and 97 more". */
function listSteps(ids: string[]): string {
  const shown = ids.slice(0, 5).map((id) => `'${id}'`);
  const rest = ids.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0];
}

/** A step's inputs at the midpoints of their ranges. */
export function midpointDraw(s: StepSpec, model: PreparedModel, d: StepDraw): void {
  const a = s.agent;
  d.inputTokens = mid(s.inputTokens);
  d.outputTokens = mid(s.outputTokens);
  d.turns = a ? mid(a.turns) : 1;
  d.toolTokens = a ? mid(a.toolTokens) : 0;
  d.toolLatencyS = a ? mid(a.toolLatencyS) : 0;
  energyDraw(d, mid(model.activeB), mid(model.totalB));
}

const figure = (s: { p50: number; p95: number; min: number; max: number }): Figure => ({ p50: s.p50, p95: s.p95, min: s.min, max: s.max });
const scale = (f: Figure | null, k: number): Figure | null => (f ? { p50: f.p50 * k, p95: f.p95 * k, min: f.min * k, max: f.max * k } : null);

function scaleFigures(f: Figures, k: number): Figures {
  return {
    cost_usd: scale(f.cost_usd, k), latency_s: scale(f.latency_s, k), energy_wh: scale(f.energy_wh, k), co2_g: scale(f.co2_g, k),
    input_tokens: scale(f.input_tokens, k) as Figure, output_tokens: scale(f.output_tokens, k) as Figure, calls: scale(f.calls, k) as Figure,
  };
}

/** Runs the model over a planned workflow: per step and in total, p50/p95 over the draws. */
export function estimateWorkflow(workflow: Workflow, options: EstimateOptions): Estimate {
  const problems: Problem[] = [...workflow.problems];
  const assumptions: Assumption[] = [...workflow.assumptions];
  const region = findRegion(options.region ?? DEFAULT_REGION) ?? GRID_REGIONS[0];
  const gridGPerKwh = options.gridGPerKwh ?? region.gPerKwh;
  const gPerWh = gridGPerKwh / 1000;
  const samples = Math.max(1, Math.floor(options.samples ?? DEFAULTS.samples));
  const seed = options.seed ?? DEFAULTS.seed;
  const p = plan(workflow, options, problems, assumptions);
  const n = p.steps.length;
  if (n > 0) {
    addAssumption(assumptions, null, `CO2 at ${gridGPerKwh} gCO2e/kWh (${options.gridGPerKwh != null ? 'set by you' : `${region.name}: ${region.source}`})`);
    addAssumption(assumptions, null, `prefill (input) energy at ${PREFILL.mfu * 100}% utilisation of an H100 (989 TFLOP/s at 700 W); cached tokens count at a tenth`);
    if (options.pue != null) addAssumption(assumptions, null, `PUE ${options.pue} for every model (set by you)`);
  }

  // Midpoint evaluation: tells which figures are unknown, and gives the critical path shown.
  const midVals = new Float64Array(n * SLOTS);
  const d = emptyDraw();
  p.steps.forEach((s, j) => {
    midpointDraw(s.spec, s.model, d);
    evaluateStep(s.spec, s.model, d, midVals, j * SLOTS);
  });
  const known = (j: number, slot: number): boolean => !Number.isNaN(midVals[j * SLOTS + slot]);
  const isBatch = (j: number): boolean => p.steps[j].spec.mode === 'batch';
  const idsWhere = (test: (j: number) => boolean) => p.steps.filter((_, j) => test(j)).map((s) => s.spec.id);
  const noCost = idsWhere((j) => !known(j, Slot.Cost));
  const noEnergy = idsWhere((j) => !known(j, Slot.Energy));
  const batch = idsWhere(isBatch);
  if (noCost.length) addAssumption(assumptions, null, `cost unknown for ${listSteps(noCost)} (no price for what ${noCost.length > 1 ? 'they use' : 'it uses'}): left out of the cost totals`);
  if (noEnergy.length) addAssumption(assumptions, null, `energy unknown for ${listSteps(noEnergy)}: left out of the energy and CO2 totals`);
  if (batch.length) addAssumption(assumptions, null, `${listSteps(batch)} ${batch.length > 1 ? 'run' : 'runs'} in batch mode: latency is asynchronous (up to 24 h) and off the critical path`);
  const finishMid = new Float64Array(n);
  const syncLatency = (j: number): number => (isBatch(j) ? 0 : midVals[j * SLOTS + Slot.Latency]);
  longestPath(p.graph, syncLatency, finishMid);
  const critical = criticalPath(p.graph, finishMid, syncLatency);

  // The Monte Carlo: only where a range exists; otherwise one exact evaluation.
  const randomCount = p.steps.filter((s) => s.random).length;
  // Memory and time stay bounded on huge files: at most ~1M step draws in all.
  const runs = randomCount > 0 ? Math.min(samples, Math.max(MIN_SAMPLES, Math.floor(MAX_STEP_DRAWS / randomCount))) : 1;
  if (runs < samples && randomCount > 0) addAssumption(assumptions, null, `Monte Carlo over ${runs} draws instead of ${samples}: the file has ${randomCount} steps with ranges`);
  const knownFlags = Uint8Array.from(midVals, (v) => (Number.isNaN(v) ? 0 : 1));
  const batchFlags = Uint8Array.from(p.steps, (s) => (s.spec.mode === 'batch' ? 1 : 0));
  const mc = runMonteCarlo(p, midVals, knownFlags, batchFlags, runs, seed);
  const summaries = new Map<number, (slot: number) => Summary>();

  const stepFigure = (j: number, slot: number): Figure | null => {
    if (!known(j, slot)) return null;
    const k = mc.rangedIndex[j];
    if (k < 0) {
      const v = midVals[j * SLOTS + slot];
      return { p50: v, p95: v, min: v, max: v };
    }
    let all = summaries.get(k);
    if (!all) {
      all = stepSummaries(mc, k);
      summaries.set(k, all);
    }
    return figure(all(slot));
  };
  const mean = (j: number, slot: number): number => {
    const k = mc.rangedIndex[j];
    if (k < 0) return midVals[j * SLOTS + slot];
    return mc.mean(k, slot);
  };
  const totals = mc.totals;
  const anyKnown = (slot: number): boolean => p.steps.some((_, j) => known(j, slot));
  const total = (slot: number): Figure | null => (anyKnown(slot) ? figure(summarize(totals[slot])) : null);

  const energyTotal = total(Slot.Energy);
  const perRun: Figures | null = n === 0 ? null : {
    cost_usd: total(Slot.Cost),
    latency_s: p.steps.every((_, j) => isBatch(j)) ? null : figure(summarize(totals[Slot.Latency])),
    energy_wh: energyTotal,
    co2_g: scale(energyTotal, gPerWh),
    input_tokens: figure(summarize(totals[Slot.InputTokens])),
    output_tokens: figure(summarize(totals[Slot.OutputTokens])),
    calls: figure(summarize(totals[Slot.Calls])),
  };
  const criticalIds = new Set(critical.map((j) => p.steps[j].spec.id));
  const steps: StepEstimate[] = p.steps.map((s, j) => {
    const energy = stepFigure(j, Slot.Energy);
    const cost = stepFigure(j, Slot.Cost);
    return {
      id: s.spec.id,
      model: s.model.entry.id,
      modelName: s.model.entry.displayName,
      priceSource: s.model.priceSource,
      priceAsOf: s.model.priceAsOf,
      speedSource: s.model.speedAssumed ? null : s.model.entry.speed.source,
      speedAsOf: s.model.speedAssumed ? null : s.model.entry.speed.asOf,
      energySource: s.model.entry.energy?.source ?? s.model.entry.params?.source ?? null,
      speedAssumed: s.model.speedAssumed,
      batch: isBatch(j),
      cost_usd: cost,
      latency_s: isBatch(j) ? null : stepFigure(j, Slot.Latency),
      energy_wh: energy,
      co2_g: scale(energy, gPerWh),
      input_tokens: stepFigure(j, Slot.InputTokens) as Figure,
      output_tokens: stepFigure(j, Slot.OutputTokens) as Figure,
      calls: stepFigure(j, Slot.Calls) as Figure,
      costShare: cost && perRun?.cost_usd && perRun.cost_usd.p50 > 0 ? cost.p50 / perRun.cost_usd.p50 : null,
      energyTerms: energy ? { request_wh: mean(j, Slot.RequestWh), prefill_wh: mean(j, Slot.PrefillWh) } : null,
      onCriticalPath: criticalIds.has(s.spec.id),
      span: s.spec.span,
    };
  });

  const runsPerDay = workflow.runsPerDay ?? options.runsPerDay ?? null;
  const perDay = perRun && runsPerDay !== null ? scaleFigures(perRun, runsPerDay) : null;
  const perMonth = perRun && runsPerDay !== null ? scaleFigures(perRun, runsPerDay * DAYS_PER_MONTH) : null;
  if (workflow.runsPerDay === null && runsPerDay !== null) addAssumption(assumptions, null, `runs per day: ${runsPerDay} (from settings; the file sets no runs_per_day)`);

  const budget = checkBudgets(workflow, perRun, perDay, perMonth, problems);
  const { alternatives, whatIf } = findAlternatives(p, options, midVals, runsPerDay);

  return {
    file: workflow.file,
    name: workflow.name,
    format: workflow.format,
    ok: !problems.some((x) => x.severity === 'error'),
    errors: problems,
    per_run: perRun,
    per_day: perDay,
    per_month: perMonth,
    steps,
    criticalPath: critical.map((j) => p.steps[j].spec.id),
    budget,
    alternatives,
    whatIf,
    assumptions: unique(assumptions),
    settings: { region: region.id, gridGPerKwh, samples: runs, seed },
  };
}

const BUDGET_FIGURE: Record<string, { period: 'run' | 'day' | 'month'; figure: keyof Figures; label: string; unit: string }> = {
  usd_per_run: { period: 'run', figure: 'cost_usd', label: 'cost per run', unit: 'USD' },
  usd_per_day: { period: 'day', figure: 'cost_usd', label: 'cost per day', unit: 'USD' },
  usd_per_month: { period: 'month', figure: 'cost_usd', label: 'cost per month', unit: 'USD' },
  p95_latency_s: { period: 'run', figure: 'latency_s', label: 'wall time per run', unit: 's' },
  wh_per_run: { period: 'run', figure: 'energy_wh', label: 'energy per run', unit: 'Wh' },
  wh_per_day: { period: 'day', figure: 'energy_wh', label: 'energy per day', unit: 'Wh' },
  wh_per_month: { period: 'month', figure: 'energy_wh', label: 'energy per month', unit: 'Wh' },
  co2_g_per_run: { period: 'run', figure: 'co2_g', label: 'CO2 per run', unit: 'g' },
  co2_g_per_month: { period: 'month', figure: 'co2_g', label: 'CO2 per month', unit: 'g' },
};

function checkBudgets(workflow: Workflow, perRun: Figures | null, perDay: Figures | null, perMonth: Figures | null, problems: Problem[]): BudgetResult[] {
  return workflow.budgets.map((b): BudgetResult => {
    const def = BUDGET_FIGURE[b.key];
    const figures = def.period === 'run' ? perRun : def.period === 'day' ? perDay : perMonth;
    const f = figures ? (figures[def.figure] as Figure | null) : null;
    if (!f) {
      problems.push({
        file: workflow.file, span: b.span, severity: 'warning', code: 'budget-unchecked',
        message: def.period !== 'run' && !perDay
          ? `Budget '${b.key}' cannot be checked: set runs_per_day so that per-${def.period} figures exist.`
          : `Budget '${b.key}' cannot be checked: the workflow's ${def.label} is unknown.`,
      });
      return { key: b.key, limit: b.limit, value: null, holds: null, span: b.span };
    }
    const holds = f.p95 <= b.limit;
    if (!holds) {
      problems.push({
        file: workflow.file, span: b.span, severity: 'warning', code: 'budget-exceeded',
        message: `Budget exceeded: ${def.label} is ${formatBudget(f.p95, def.unit)} at p95, over the limit of ${formatBudget(b.limit, def.unit)} (${b.key}).`,
      });
    }
    return { key: b.key, limit: b.limit, value: f.p95, holds, span: b.span };
  });
}

function formatBudget(v: number, unit: string): string {
  if (unit === 'USD') return `$${v < 1 ? v.toPrecision(3) : v.toFixed(2)}`;
  return `${v.toPrecision(4)} ${unit}`;
}
