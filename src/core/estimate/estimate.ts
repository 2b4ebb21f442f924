// From a parsed workflow to its estimate: resolve models, build the step graph, run the seeded
// Monte Carlo where anything is a range, and gather totals, budgets and alternatives.
import { CATALOG_DATE } from '../catalog/catalog';
import { priceLibraryName } from '../catalog/priceLibrary';
import { today } from '../dates';
import { snapshotDate } from '../catalog/priceSnapshot';
import { ENERGY_BOUNDARY, PREFILL } from '../energy';
import { DEFAULT_REGION, findRegion, PROVIDER_GRIDS, type Grid } from '../grids';
import type {
  Assumption, BudgetResult, Estimate, Figure, Figures, Problem, StepEstimate, Workflow,
} from '../types';
import { findAlternatives } from './alternatives';
import { criticalPath, longestPath } from './graph';
import { summarize, type Summary } from './quantiles';
import { runMonteCarlo, stepSummaries } from './monteCarlo';
import { addAssumption, DEFAULTS, midpointDraw, plan, type EstimateOptions } from './plan';
import { emptyDraw, evaluateStep, Slot, SLOTS } from './stepMath';

export { DEFAULTS, type EstimateOptions } from './plan';

const DAYS_PER_MONTH = 30;
const MAX_STEP_DRAWS = 1_000_000;
const MIN_SAMPLES = 64;

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

const figure = (s: { p50: number; p95: number; min: number; max: number }): Figure => ({ p50: s.p50, p95: s.p95, min: s.min, max: s.max });
const scale = (f: Figure | null, k: number): Figure | null => (f ? { p50: f.p50 * k, p95: f.p95 * k, min: f.min * k, max: f.max * k } : null);

function scaleFigures(f: Figures, k: number): Figures {
  return {
    cost_usd: scale(f.cost_usd, k), latency_s: scale(f.latency_s, k), energy_wh: scale(f.energy_wh, k), co2_g: scale(f.co2_g, k),
    input_tokens: scale(f.input_tokens, k) as Figure, output_tokens: scale(f.output_tokens, k) as Figure,
    reasoning_tokens: scale(f.reasoning_tokens, k) as Figure, calls: scale(f.calls, k) as Figure,
  };
}

/** Runs the model over a planned workflow: per step and in total, p50/p95 over the draws. */
export function estimateWorkflow(workflow: Workflow, options: EstimateOptions): Estimate {
  const problems: Problem[] = [...workflow.problems];
  const assumptions: Assumption[] = [...workflow.assumptions];
  const region = options.gridGPerKwh != null ? 'custom' : findRegion(options.region ?? DEFAULT_REGION)?.id ?? PROVIDER_GRIDS;
  const samples = Math.max(1, Math.floor(options.samples ?? DEFAULTS.samples));
  const seed = options.seed ?? DEFAULTS.seed;
  const p = plan(workflow, options, problems, assumptions);
  const n = p.steps.length;
  const grids = p.steps.map((s) => s.grid);
  const oneGrid = grids.every((g) => g.gPerKwh === grids[0]?.gPerKwh);
  if (n > 0) {
    addAssumption(assumptions, null, `energy counts ${ENERGY_BOUNDARY}`);
    for (const line of gridLines(p.steps.map((s) => [s.model.entry.id, s.grid]))) addAssumption(assumptions, null, line);
    addAssumption(assumptions, null, `prefill (input) energy at ${PREFILL.mfu * 100}% utilisation of an H100 (989 TFLOP/s at 700 W); cached tokens count at a tenth`);
    if (options.pue != null) addAssumption(assumptions, null, `PUE ${options.pue} for every model (set by you)`);
  }

  // Midpoint evaluation: tells which figures are unknown, and gives the critical path shown.
  const midVals = new Float64Array(n * SLOTS);
  const d = emptyDraw();
  p.steps.forEach((s, j) => {
    midpointDraw(s.spec, s.model, s.reasoning, d);
    evaluateStep(s.spec, s.model, d, midVals, j * SLOTS);
  });
  const known = (j: number, slot: number): boolean => !Number.isNaN(midVals[j * SLOTS + slot]);
  const isBatch = (j: number): boolean => p.steps[j].spec.mode === 'batch';
  const idsWhere = (test: (j: number) => boolean) => p.steps.filter((_, j) => test(j)).map((s) => s.spec.id);
  const noCost = idsWhere((j) => !known(j, Slot.Cost));
  const noEnergy = idsWhere((j) => !known(j, Slot.Energy));
  const batch = idsWhere(isBatch);
  // A total that leaves out what it cannot compute would pass a budget it may break: it is unknown.
  if (noCost.length) addAssumption(assumptions, null, `cost unknown for ${listSteps(noCost)} (no price for what ${noCost.length > 1 ? 'they use' : 'it uses'}): the workflow's cost is unknown too`);
  if (noEnergy.length) addAssumption(assumptions, null, `energy unknown for ${listSteps(noEnergy)} (no size or measurement for ${noEnergy.length > 1 ? 'their models' : 'its model'}): the workflow's energy and CO2 are unknown too`);
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
  const mc = runMonteCarlo(p, midVals, knownFlags, batchFlags, runs, seed, oneGrid ? null : Float64Array.from(grids, (g) => g.gPerKwh / 1000));
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
  const allKnown = (slot: number): boolean => p.steps.every((_, j) => known(j, slot));
  const branched = p.branchGroups.size > 0;
  const total = (slot: number): Figure | null => {
    if (!allKnown(slot)) return null;
    const f = figure(summarize(totals[slot]));
    // A run takes one branch; the maximum is every branch taken, each at its maximum.
    if (branched && slot !== Slot.Latency) f.max = Math.max(f.max, p.steps.reduce((sum, _, j) => sum + (stepFigure(j, slot)?.max ?? 0), 0));
    return f;
  };
  if (branched) {
    addAssumption(assumptions, null, `a run takes one way at each of ${p.branchGroups.size} branching node${p.branchGroups.size > 1 ? 's' : ''} (${listSteps([...p.branchGroups.keys()])}), each way equally likely: p50 and p95 describe a run; the maximum counts every branch`);
  }

  const energyTotal = total(Slot.Energy);
  /** CO2: the energy on its one grid, or, where steps sit on different grids, each step's energy on its own (summed by the Monte Carlo). */
  const co2Total = (): Figure | null => {
    if (!energyTotal) return null;
    if (oneGrid || !mc.co2) return scale(energyTotal, grids[0].gPerKwh / 1000);
    const f = figure(summarize(mc.co2));
    if (branched) f.max = Math.max(f.max, p.steps.reduce((sum, s, j) => sum + (stepFigure(j, Slot.Energy)?.max ?? 0) * (s.grid.gPerKwh / 1000), 0));
    return f;
  };
  const perRun: Figures | null = n === 0 ? null : {
    cost_usd: total(Slot.Cost),
    latency_s: p.steps.every((_, j) => isBatch(j)) ? null : figure(summarize(totals[Slot.Latency])),
    energy_wh: energyTotal,
    co2_g: co2Total(),
    input_tokens: total(Slot.InputTokens) as Figure,
    output_tokens: total(Slot.OutputTokens) as Figure,
    reasoning_tokens: total(Slot.ReasoningTokens) as Figure,
    calls: total(Slot.Calls) as Figure,
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
      grid: { name: s.grid.name, gPerKwh: s.grid.gPerKwh },
      reasoning: s.reasoning && { effort: s.reasoning.effort, tokensPerCall: s.reasoning.tokens, source: s.reasoning.source },
      speedAssumed: s.model.speedAssumed,
      batch: isBatch(j),
      cost_usd: cost,
      latency_s: isBatch(j) ? null : stepFigure(j, Slot.Latency),
      energy_wh: energy,
      co2_g: scale(energy, s.grid.gPerKwh / 1000),
      input_tokens: stepFigure(j, Slot.InputTokens) as Figure,
      output_tokens: stepFigure(j, Slot.OutputTokens) as Figure,
      reasoning_tokens: stepFigure(j, Slot.ReasoningTokens) as Figure,
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
    settings: { region, gridGPerKwh: n > 0 && oneGrid ? grids[0].gPerKwh : null, samples: runs, seed, priceDate: p.catalog.priceDate, priceData: priceDataNames() },
  };
}

/** The price data behind every estimate, with their dates. */
export function priceDataNames(): string {
  return `the price library ${priceLibraryName()}; LiteLLM's price list of ${snapshotDate()}; the curated catalog of ${CATALOG_DATE}`;
}

/** One assumption line per grid: which models' CO2 it carries, at what intensity, from where. */
function gridLines(steps: [string, Grid][]): string[] {
  const byGrid = new Map<string, { grid: Grid; models: Set<string> }>();
  for (const [model, grid] of steps) {
    const entry = byGrid.get(grid.id) ?? { grid, models: new Set<string>() };
    entry.models.add(model);
    byGrid.set(grid.id, entry);
  }
  return [...byGrid.values()].map(({ grid, models }) => {
    const list = [...models];
    const named = list.length > 3 ? `${list.slice(0, 3).join(', ')} and ${list.length - 3} more` : list.join(', ');
    return `CO2 of ${named} at ${grid.gPerKwh} gCO2e/kWh, the grid of ${grid.name} (${grid.source})`;
  });
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

/**
 * The estimate of a file whose reading or estimating failed unexpectedly: a bug, said as such at
 * the file, so that the files beside it are still estimated and reported.
 */
export function failedEstimate(file: string, format: string, error: unknown): Estimate {
  const origin = { line: 1, column: 1, offset: 0 };
  const reason = error instanceof Error ? error.message : String(error);
  return {
    file, name: file, format, ok: false,
    errors: [{
      file, span: { start: origin, end: origin }, severity: 'error', code: 'internal',
      message: `Internal error while estimating this file (${reason}). This is a bug in Agent Cost Lens: please report it with the file.`,
    }],
    per_run: null, per_day: null, per_month: null, steps: [], criticalPath: [], budget: [], alternatives: [], whatIf: null, assumptions: [],
    settings: { region: DEFAULT_REGION, gridGPerKwh: null, samples: 0, seed: DEFAULTS.seed, priceDate: today(), priceData: '' },
  };
}
