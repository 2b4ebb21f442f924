// From a parsed workflow to its estimate: resolve models, build the step graph, run the seeded
// Monte Carlo where anything is a range, and gather totals, budgets and alternatives.
import { CATALOG_DATE } from '../catalog/catalog';
import { priceLibraryName } from '../catalog/priceLibrary';
import { today } from '../dates';
import { snapshotDate } from '../catalog/priceSnapshot';
import { ENERGY_BOUNDARY, PREFILL } from '../energy';
import { DEFAULT_REGION, findRegion, PROVIDER_GRIDS, type Grid } from '../grids';
import type {
  Assumption, BranchCondition, BudgetResult, Estimate, Figure, Figures, Problem, StepBranch, StepEstimate, Workflow,
} from '../types';
import { findAlternatives } from './alternatives';
import { criticalPath, longestPath } from './graph';
import { runMonteCarlo, type Samples } from './monteCarlo';
import { CO2, overRuns, type OverRuns, type Summed } from './overRuns';
import { totalOfRuns } from './periodTotals';
import { runFigures } from './perRun';
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

/** Runs the model over a planned workflow: per step and per run, and totals per day and per month. */
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
  const gPerWh = Float64Array.from(grids, (g) => g.gPerKwh / 1000);
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
  const mc = runMonteCarlo(p, midVals, knownFlags, batchFlags, runs, seed, oneGrid ? null : gPerWh);
  const over = overRuns(p, mc.columns, midVals, oneGrid ? null : gPerWh);
  const branched = p.branchGroups.size > 0;
  const figures = runFigures(mc, midVals, knownFlags, over, branched);
  if (branched) {
    addAssumption(assumptions, null, `a run takes one way at each of ${p.branchGroups.size} branching node${p.branchGroups.size > 1 ? 's' : ''} (${listSteps([...p.branchGroups.keys()])}), in the shares each step states: the mean counts each branch by its share of runs, p50 and p95 describe one run, the maximum counts every branch`);
  }

  const perRun: Figures | null = n === 0 ? null : {
    cost_usd: figures.total(Slot.Cost),
    latency_s: p.steps.every((_, j) => isBatch(j)) ? null : figures.total(Slot.Latency),
    energy_wh: figures.total(Slot.Energy),
    co2_g: figures.co2(gPerWh, oneGrid),
    input_tokens: figures.total(Slot.InputTokens) as Figure,
    output_tokens: figures.total(Slot.OutputTokens) as Figure,
    reasoning_tokens: figures.total(Slot.ReasoningTokens) as Figure,
    calls: figures.total(Slot.Calls) as Figure,
  };
  const criticalIds = new Set(critical.map((j) => p.steps[j].spec.id));
  const steps: StepEstimate[] = p.steps.map((s, j) => {
    const energy = figures.step(j, Slot.Energy);
    const cost = figures.step(j, Slot.Cost);
    const share = over.shares[j];
    const perRunMean = (f: Figure | null): number | null => (f ? f.mean * share : null);
    const co2 = scale(energy, s.grid.gPerKwh / 1000);
    const calls = figures.step(j, Slot.Calls) as Figure;
    const input = figures.step(j, Slot.InputTokens) as Figure;
    const output = figures.step(j, Slot.OutputTokens) as Figure;
    const thinking = figures.step(j, Slot.ReasoningTokens) as Figure;
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
      latency_s: isBatch(j) ? null : figures.step(j, Slot.Latency),
      energy_wh: energy,
      co2_g: co2,
      input_tokens: input,
      output_tokens: output,
      reasoning_tokens: thinking,
      calls,
      costShare: cost && perRun?.cost_usd && perRun.cost_usd.mean > 0 ? (cost.mean * share) / perRun.cost_usd.mean : null,
      energyTerms: energy ? { request_wh: over.stepMeans[j][Slot.RequestWh], prefill_wh: over.stepMeans[j][Slot.PrefillWh] } : null,
      runsShare: share,
      branches: stepBranches(s.spec.branches, p.branchGroups),
      meanPerRun: {
        cost_usd: perRunMean(cost), energy_wh: perRunMean(energy), co2_g: perRunMean(co2), input_tokens: input.mean * share,
        output_tokens: output.mean * share, reasoning_tokens: thinking.mean * share, calls: calls.mean * share,
      },
      onCriticalPath: criticalIds.has(s.spec.id),
      span: s.spec.span,
    };
  });

  const runsPerDay = workflow.runsPerDay ?? options.runsPerDay ?? null;
  const totals = perRun && runsPerDay !== null ? { perDay: overPeriod(perRun, mc, over, runsPerDay, oneGrid, gPerWh), perMonth: overPeriod(perRun, mc, over, runsPerDay * DAYS_PER_MONTH, oneGrid, gPerWh) } : null;
  if (workflow.runsPerDay === null && runsPerDay !== null) addAssumption(assumptions, null, `runs per day: ${runsPerDay} (from settings; the file sets no runs_per_day)`);
  if (totals) addAssumption(assumptions, null, `per day and per month: totals of ${runsPerDay} independent runs a day; their spread keeps what is the same in every run (assumed defaults, reasoning priors, model sizes) and averages out what differs from run to run`);

  const budget = checkBudgets(workflow, perRun, totals?.perDay ?? null, totals?.perMonth ?? null, problems);
  const { alternatives, whatIf } = findAlternatives(p, options, midVals, runsPerDay);

  return {
    file: workflow.file,
    name: workflow.name,
    format: workflow.format,
    ok: !problems.some((x) => x.severity === 'error'),
    errors: problems,
    per_run: perRun,
    per_day: totals?.perDay ?? null,
    per_month: totals?.perMonth ?? null,
    steps,
    criticalPath: critical.map((j) => p.steps[j].spec.id),
    budget,
    alternatives,
    whatIf,
    assumptions: unique(assumptions),
    settings: { region, gridGPerKwh: n > 0 && oneGrid ? grids[0].gPerKwh : null, samples: runs, seed, priceDate: p.catalog.priceDate, priceData: priceDataNames() },
  };
}

const scale = (f: Figure | null, k: number): Figure | null => (f ? { mean: f.mean * k, p50: f.p50 * k, p95: f.p95 * k, min: f.min * k, max: f.max * k } : null);

/**
 * The totals of `n` independent runs (a day's, a month's): the mean is n times a run's; p50 and
 * p95 keep the spread of the shared unknowns, while run-to-run variation averages out (stage 5).
 * The bounds are n runs all at their least, or all at their most. Wall time is not summed.
 */
function overPeriod(perRun: Figures, mc: Samples, over: OverRuns, n: number, oneGrid: boolean, gPerWh: Float64Array): Figures {
  const total = (f: Figure | null, figure: Summed, perDraw: Float64Array | null): Figure | null => {
    if (!f || !perDraw) return null;
    const t = totalOfRuns(over.moments(figure), perDraw, f.mean, n);
    const min = n * f.min;
    const max = n * f.max;
    return { mean: t.mean, p50: clamp(t.p50, min, max), p95: clamp(t.p95, min, max), min, max };
  };
  const energy = total(perRun.energy_wh, Slot.Energy, mc.totals[Slot.Energy]);
  return {
    cost_usd: total(perRun.cost_usd, Slot.Cost, mc.totals[Slot.Cost]),
    latency_s: null,
    energy_wh: energy,
    co2_g: oneGrid ? scale(energy, gPerWh[0] ?? 0) : total(perRun.co2_g, CO2, mc.co2),
    input_tokens: total(perRun.input_tokens, Slot.InputTokens, mc.totals[Slot.InputTokens]) as Figure,
    output_tokens: total(perRun.output_tokens, Slot.OutputTokens, mc.totals[Slot.OutputTokens]) as Figure,
    reasoning_tokens: total(perRun.reasoning_tokens, Slot.ReasoningTokens, mc.totals[Slot.ReasoningTokens]) as Figure,
    calls: total(perRun.calls, Slot.Calls, mc.totals[Slot.Calls]) as Figure,
  };
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** A step's branches as reports say them: "1 of 3 branches of 'classify'", or the share the file states. */
function stepBranches(conditions: readonly BranchCondition[], groups: ReadonlyMap<string, readonly number[]>): StepBranch[] {
  return conditions.map((c) => {
    const weights = groups.get(c.group) ?? [];
    const share = c.taken.reduce((sum, w) => sum + (weights[w] ?? 0), 0);
    return c.weights ? { group: null, taken: 1, of: 1, share } : { group: c.group, taken: c.taken.length, of: c.of, share };
  });
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

/**
 * Each budget against the p95 of its figure (per run, or of the day's or month's total). A
 * workflow with an error leaves out what it could not estimate, and an unknown figure is no
 * figure: neither ever says that a budget holds. The budget is "not checked", and says why.
 */
function checkBudgets(workflow: Workflow, perRun: Figures | null, perDay: Figures | null, perMonth: Figures | null, problems: Problem[]): BudgetResult[] {
  const error = problems.find((x) => x.severity === 'error');
  return workflow.budgets.map((b): BudgetResult => {
    const def = BUDGET_FIGURE[b.key];
    const figures = def.period === 'run' ? perRun : def.period === 'day' ? perDay : perMonth;
    const f = figures ? (figures[def.figure] as Figure | null) : null;
    const reason = error
      ? `the workflow has an error (line ${error.span.start.line}${error.file !== workflow.file ? ` of ${error.file}` : ''}), so its figures leave out what could not be estimated`
      : !f && def.period !== 'run' && !perDay
        ? `set runs_per_day so that per-${def.period} figures exist`
        : !f ? `the workflow's ${def.label} is unknown` : null;
    if (reason !== null || !f) {
      problems.push({ file: workflow.file, span: b.span, severity: 'warning', code: 'budget-unchecked', message: `Budget '${b.key}' is not checked: ${reason}.` });
      return { key: b.key, limit: b.limit, value: null, holds: null, reason, span: b.span };
    }
    const holds = f.p95 <= b.limit;
    if (!holds) {
      problems.push({
        file: workflow.file, span: b.span, severity: 'warning', code: 'budget-exceeded',
        message: `Budget exceeded: ${def.label} is ${formatBudget(f.p95, def.unit)} at p95, over the limit of ${formatBudget(b.limit, def.unit)} (${b.key}).`,
      });
    }
    return { key: b.key, limit: b.limit, value: f.p95, holds, reason: null, span: b.span };
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
