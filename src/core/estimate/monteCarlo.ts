// The seeded Monte Carlo over a planned workflow: each draw samples every ranged input (integers
// for tokens and turns), evaluates the ranged steps, and walks the graph for the wall time.
// Most steps are affine in their ranged inputs (token counts, with fixed turns and a known model
// size): those are evaluated from coefficients found once, and their p50/p95 follow from one
// selection. Typed arrays and no allocation in the loop keep 1,000 draws of 200 steps in a few ms.
import type { Range } from '../types';
import type { Plan } from './plan';
import { summarize, type Summary } from './quantiles';
import { seeded } from './rng';
import { emptyDraw, energyDraw, evaluateStep, Slot, SLOTS, type StepDraw } from './stepMath';

/** One ranged input's offsets from its minimum, a value per draw: whole numbers for tokens and turns. */
export type DrawColumn = Float64Array | Int32Array;

export interface Samples {
  runs: number;
  /** Step j's index among the ranged steps, or -1 for a step with exact figures. */
  rangedIndex: Int32Array;
  /**
   * Workflow totals per slot (latency: the critical path), one value per draw. The energy terms
   * (RequestWh, PrefillWh) are not totalled: nothing reports them for a whole workflow.
   */
  totals: Float64Array[];
  /** Per ranged step: its affine form, when it has one (see AffineStep), for the slots not in `explicit`. */
  affine: (AffineStep | null)[];
  /** Per ranged step: slots computed draw by draw (all of them for a step with no affine form). */
  explicit: (Float64Array | undefined)[][];
  /** Per ranged step and ranged input: each draw's offset from the range's minimum. */
  draws: DrawColumn[][];
  /** Per ranged step on a model whose size is a range: that size's energy figures per draw. */
  energy: (EnergyColumns | null)[];
  /** Whether a slot of ranged step k is computed draw by draw (not from its affine form). */
  drawn(k: number, slot: number): boolean;
  /** p50/p95/min/max of an energy slot that grows with a model's single size draw, without a column. */
  energySummary(k: number, slot: number): Summary | null;
  /** Ranged step k's figure in `slot`, one value per draw. */
  column(k: number, slot: number): Float64Array;
  /** The run's CO2 (g) per draw, where steps sit on different grids (see runMonteCarlo); null otherwise. */
  co2: Float64Array | null;
  /** 1 in the draws whose runs take ranged step k's branch, 0 in the others; null for a step on no branch. */
  mask(k: number): Float64Array | null;
  /** The same, written into `out` (of `runs` values), for a caller that reorders it. */
  columnInto(k: number, slot: number, out: Float64Array): Float64Array;
  /** The mean of that column. */
  mean(k: number, slot: number): number;
}

/** value[s] = base[s] + Σ_v slope[v][s]·(x_v − min_v) over the step's ranged inputs v. */
interface AffineStep {
  base: Float64Array;
  slopes: Float64Array[];
}

const VARS = 6; // input tokens, output tokens, turns, tool tokens, tool latency, reasoning tokens
const TURNS = 2;

/** The slots summed over the workflow, draw by draw (see Samples.totals). */
const TOTALLED = Array.from({ length: SLOTS }, (_, s) => s !== Slot.RequestWh && s !== Slot.PrefillWh);

interface RangedInput {
  variable: number;
  min: number;
  width: number;
  integer: boolean;
  max: number;
}

const ONE: Range = { min: 1, max: 1 };
const ZERO: Range = { min: 0, max: 0 };

/** A step's inputs, in the order of VARS, and whether each is a whole number. */
function inputRanges(p: Plan, j: number): [Range, boolean][] {
  const { spec: s, reasoning } = p.steps[j];
  const a = s.agent;
  return [
    [s.inputTokens, true], [s.outputTokens, true], [a ? a.turns : ONE, true], [a ? a.toolTokens : ZERO, true], [a ? a.toolLatencyS : ZERO, false],
    [reasoning ? reasoning.tokens : ZERO, true],
  ];
}

function rangedInputs(p: Plan, j: number): RangedInput[] {
  const vars = inputRanges(p, j);
  const out: RangedInput[] = [];
  vars.forEach(([r, integer], variable) => {
    if (r.max <= r.min) return;
    const whole = integer && Number.isInteger(r.min) && Number.isInteger(r.max);
    out.push({ variable, min: r.min, max: r.max, width: whole ? r.max - r.min + 1 : r.max - r.min, integer: whole });
  });
  return out;
}

function setInputs(d: StepDraw, p: Plan, j: number, values: Float64Array): void {
  const s = p.steps[j].spec;
  const a = s.agent;
  d.inputTokens = values[0];
  d.outputTokens = values[1];
  d.turns = a ? values[2] : 1;
  d.toolTokens = a ? values[3] : 0;
  d.toolLatencyS = a ? values[4] : 0;
  d.reasoningTokens = values[5];
}

const same = (a: number, b: number): boolean =>
  (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * The step's affine form, if its figures are affine in its ranged inputs (checked, not assumed,
 * unless `verified`: the same step was checked already with other energy figures, which do not
 * change what is affine).
 */
function affineForm(p: Plan, j: number, inputs: RangedInput[], energy: StepDraw, verified = false): AffineStep | null {
  const step = p.steps[j];
  if (inputs.some((i) => i.variable === TURNS)) return null; // agent input grows with the square of the turns
  const d = emptyDraw();
  const x = new Float64Array(VARS);
  const evaluate = (corner: (i: RangedInput) => number): Float64Array => {
    const s = step.spec;
    inputRanges(p, j).forEach(([r], v) => (x[v] = r.min));
    for (const i of inputs) x[i.variable] = corner(i);
    setInputs(d, p, j, x);
    d.gpus = energy.gpus;
    d.whPerOutputTokenPerGpu = energy.whPerOutputTokenPerGpu;
    d.whPerPrefillToken = energy.whPerPrefillToken;
    const out = new Float64Array(SLOTS);
    evaluateStep(s, step.model, d, out, 0);
    return out;
  };
  const base = evaluate((i) => i.min);
  const slopes = inputs.map((only) => {
    const hi = evaluate((i) => (i === only ? i.max : i.min));
    return base.map((b, s) => (Number.isNaN(b) ? NaN : (hi[s] - b) / (only.max - only.min)));
  });
  // Affine means the far corner and the centre are predicted exactly (price tiers and the
  // ceil of repeats would break it; such steps take the full evaluation).
  for (const t of verified ? [] : [1, 0.5, 0.37]) {
    const at = evaluate((i) => i.min + t * (i.max - i.min));
    for (let s = 0; s < SLOTS; s++) {
      let predicted = base[s];
      inputs.forEach((i, v) => (predicted += slopes[v][s] * t * (i.max - i.min)));
      if (!same(predicted, at[s])) return null;
    }
  }
  return { base, slopes: slopes.map((s) => Float64Array.from(s)) };
}

/** Uniform draws before they are scaled into a column: one buffer, reused by every run. */
let uniformBuffer = new Float64Array(0);
function uniformScratch(size: number): Float64Array {
  if (uniformBuffer.length < size) uniformBuffer = new Float64Array(size);
  return uniformBuffer;
}

/** Finish times of the varying steps, one column each: one buffer, reused by every run. */
let finishBuffer = new Float64Array(0);
function finishScratch(size: number): Float64Array {
  if (finishBuffer.length < size) finishBuffer = new Float64Array(size);
  return finishBuffer;
}

/**
 * A ranged-size model's energy columns depend only on the seed, the number of draws, the model's
 * place among the workflow's ranged-size models (which fixes its draws) and its size range: they
 * are made once and shared, read-only, by every estimate that needs them.
 */
const energyColumnCache = new Map<string, EnergyColumns>();
const MAX_CACHED_ENERGY_COLUMNS = 64;

/**
 * `gPerWh`, one per step, is its grid's carbon intensity: where steps sit on different grids, the
 * run's CO2 is summed draw by draw beside its energy (Samples.co2); null where one grid serves all.
 */
export function runMonteCarlo(p: Plan, midVals: Float64Array, known: Uint8Array, batch: Uint8Array, runs: number, seed: number, gPerWh: Float64Array | null = null): Samples {
  const n = p.steps.length;
  const ranged: number[] = [];
  const rangedIndex = new Int32Array(n).fill(-1);
  p.steps.forEach((s, j) => {
    if (s.random) {
      rangedIndex[j] = ranged.length;
      ranged.push(j);
    }
  });
  const random = seeded(seed);

  // Each ranged-size model's parameter draws, then each ranged input's: one column of `runs` each.
  const rangedModels = p.rangedModels;
  const modelEnergy = rangedModels.map((model, index): EnergyColumns => {
    const active = new Float64Array(runs);
    const total = new Float64Array(runs);
    random.fill(active);
    random.fill(total);
    const key = `${seed}|${runs}|${index}|${model.activeB.min},${model.activeB.max},${model.totalB.min},${model.totalB.max}`;
    const cached = energyColumnCache.get(key);
    if (cached) return cached;
    const dense = model.totalB.min === model.activeB.min && model.totalB.max === model.activeB.max;
    const oneDraw = dense || model.totalB.min === model.totalB.max;
    const columns: EnergyColumns = {
      gpus: new Float64Array(runs), perOutput: new Float64Array(runs), perInput: new Float64Array(runs),
      bySize: oneDraw ? Int32Array.from({ length: runs }, (_, r) => r).sort((x, y) => active[x] - active[y]) : null,
      means: { gpus: 0, gpusPerOutput: 0, perInput: 0 },
    };
    const e = emptyDraw();
    for (let r = 0; r < runs; r++) {
      const a = model.activeB.min + active[r] * (model.activeB.max - model.activeB.min);
      energyDraw(e, a, dense ? a : model.totalB.min + total[r] * (model.totalB.max - model.totalB.min));
      columns.gpus[r] = e.gpus;
      columns.perOutput[r] = e.whPerOutputTokenPerGpu;
      columns.perInput[r] = e.whPerPrefillToken;
      columns.means.gpus += e.gpus / runs;
      columns.means.gpusPerOutput += (e.gpus * e.whPerOutputTokenPerGpu) / runs;
      columns.means.perInput += e.whPerPrefillToken / runs;
    }
    if (energyColumnCache.size >= MAX_CACHED_ENERGY_COLUMNS) energyColumnCache.clear();
    energyColumnCache.set(key, columns);
    return columns;
  });
  const modelOf = ranged.map((j) => rangedModels.indexOf(p.steps[j].model));
  const inputs = ranged.map((j) => rangedInputs(p, j));
  const uniform = uniformScratch(runs);
  const draws = inputs.map((own) => own.map((i): DrawColumn => {
    random.fill(uniform, runs);
    // offsets from the range's minimum: whole numbers for tokens and turns, in half the memory
    if (i.integer && i.width <= 0x7fffffff) return scaleDraws(uniform, i.width, true, new Int32Array(runs));
    return scaleDraws(uniform, i.width, i.integer, new Float64Array(runs));
  }));
  // Means of the draws, for the mean energy terms: made on first use (hovers and reports want them).
  const drawMeans: (number[] | undefined)[] = [];
  const drawMean = (k: number, v: number): number => (drawMeans[k] ??= draws[k].map(columnMean))[v];
  const exactEnergy = ranged.map((j) => {
    const e = emptyDraw();
    const m = p.steps[j].model;
    energyDraw(e, (m.activeB.min + m.activeB.max) / 2, (m.totalB.min + m.totalB.max) / 2);
    return e;
  });
  const masks = branchMasks(p, ranged, random, runs);
  const affine = ranged.map((j, k) => (modelOf[k] < 0 && !masks[k] ? affineForm(p, j, inputs[k], exactEnergy[k]) : null));

  // Totals per draw, column by column: a constant (exact steps, and the affine steps' base),
  // then each ranged input's share.
  const constant = new Float64Array(SLOTS);
  for (let j = 0; j < n; j++) {
    if (rangedIndex[j] >= 0) continue;
    for (let s = 0; s < SLOTS; s++) if (known[j * SLOTS + s] === 1) constant[s] += midVals[j * SLOTS + s];
  }
  // CO2 where grids differ: each energy contribution below, weighted by its step's grid
  const co2 = gPerWh ? new Float64Array(runs) : null;
  let co2Constant = 0;
  if (gPerWh) for (let j = 0; j < n; j++) if (rangedIndex[j] < 0 && known[j * SLOTS + Slot.Energy] === 1) co2Constant += gPerWh[j] * midVals[j * SLOTS + Slot.Energy];
  const co2PerModel = rangedModels.map(() => ({ generation: 0, server: 0, prefill: 0 }));
  const totals = Array.from({ length: SLOTS }, (_, s) => new Float64Array(TOTALLED[s] ? runs : 0));
  const explicit: (Float64Array | undefined)[][] = ranged.map(() => []);
  /** Per ranged step: its latency, fixed, drawn (a column), or affine in its draws (walked inline). */
  const latencyOf: (Float64Array | number | AffineStep)[] = [];
  // Steps on a ranged-size model whose tokens are fixed: their energy depends on the model's draw
  // only, so their energy terms add up per model, and their own columns are made on demand.
  const lazyEnergy: (EnergyForms | null)[] = ranged.map(() => null);
  const perModel = rangedModels.map(() => ({ generation: 0, server: 0, prefill: 0 }));
  ranged.forEach((j, k) => {
    const energy = modelOf[k] >= 0 ? modelEnergy[modelOf[k]] : null;
    const forms = !affine[k] && energy && !masks[k] ? energyForms(p, j, inputs[k]) : null;
    if (forms && inputs[k].length === 0) {
      affine[k] = forms.output;
      lazyEnergy[k] = forms;
      if (known[j * SLOTS + Slot.Energy] === 1) {
        const add = (sums: { generation: number; server: number; prefill: number }, g: number) => {
          sums.generation += g * (forms.output.base[Slot.RequestWh] - forms.server.base[Slot.RequestWh]);
          sums.server += g * forms.server.base[Slot.RequestWh];
          sums.prefill += g * forms.prefill.base[Slot.PrefillWh];
        };
        add(perModel[modelOf[k]], 1);
        if (gPerWh) add(co2PerModel[modelOf[k]], gPerWh[j]);
      }
    } else if (forms && energy) {
      affine[k] = forms.output;
      explicit[k] = energyColumns(forms, draws[k], energy, runs);
    }
    if (!affine[k]) explicit[k] = evaluateRows(p, j, inputs[k], draws[k], energy, exactEnergy[k], runs);
    const form = affine[k];
    const movedBy: number[][] = form ? form.slopes.map(() => []) : [];
    for (let s = 0; s < SLOTS; s++) {
      if (!TOTALLED[s] || s === Slot.Latency || (lazyEnergy[k] && ENERGY_SLOTS.includes(s))) continue;
      const column = explicit[k][s];
      const carbon = co2 && gPerWh && s === Slot.Energy && known[j * SLOTS + s] === 1 ? gPerWh[j] : 0;
      if (column) {
        // a step on a branch counts in the runs that take its branch
        const counted = masks[k] ? masked(column, masks[k] as Float64Array) : column;
        if (known[j * SLOTS + s] === 1) addColumn(totals[s], counted, 1);
        if (carbon) addColumn(co2 as Float64Array, counted, carbon);
      } else if (form && known[j * SLOTS + s] === 1) {
        constant[s] += form.base[s];
        form.slopes.forEach((slope, v) => slope[s] !== 0 && movedBy[v].push(s));
        if (carbon) {
          co2Constant += carbon * form.base[s];
          form.slopes.forEach((slope, v) => slope[s] !== 0 && addColumn(co2 as Float64Array, draws[k][v], carbon * slope[s]));
        }
      }
    }
    movedBy.forEach((slots, v) => addScaled(totals, slots, (form as AffineStep).slopes[v], draws[k][v]));
    // an affine step whose latency moves with none of its inputs needs no column
    const fixedLatency = form && !explicit[k][Slot.Latency] && form.slopes.every((slope) => slope[Slot.Latency] === 0);
    const ownLatency = explicit[k][Slot.Latency];
    latencyOf[k] = fixedLatency ? form.base[Slot.Latency] : ownLatency ? (masks[k] ? masked(ownLatency, masks[k] as Float64Array) : ownLatency) : (form as AffineStep);
  });
  for (let s = 0; s < SLOTS; s++) addConstant(totals[s], 0, totals[s].length, constant[s]);
  perModel.forEach((sums, m) => {
    if (sums.generation === 0 && sums.server === 0 && sums.prefill === 0) return;
    addModelEnergy(totals[Slot.Energy], modelEnergy[m], sums);
    if (co2) addModelEnergy(co2, modelEnergy[m], co2PerModel[m]);
  });
  if (co2) addConstant(co2, 0, runs, co2Constant);

  // The critical path of each draw. Steps whose latency never varies, and whose predecessors all
  // finish at a fixed time, finish at a fixed time too: only the others are walked per draw.
  const latency = new Float64Array(n);
  for (let j = 0; j < n; j++) latency[j] = batch[j] ? 0 : midVals[j * SLOTS + Slot.Latency];
  const varying = new Uint8Array(n);
  const latencyColumn: (Float64Array | null)[] = Array.from({ length: n }, () => null);
  const latencyForm: (AffineStep | null)[] = Array.from({ length: n }, () => null);
  ranged.forEach((j, k) => {
    const column = latencyOf[k];
    if (batch[j] === 1) return;
    if (typeof column === 'number') latency[j] = column;
    else if (!(column instanceof Float64Array)) {
      varying[j] = 1;
      latencyForm[j] = column;
    } else if (column.some((v) => v !== column[0])) {
      varying[j] = 1;
      latencyColumn[j] = column;
    } else latency[j] = column[0];
  });
  const finish = new Float64Array(n);
  const dynamic: number[] = [];
  let fixedEnd = 0;
  for (const v of p.graph.order) {
    let start = 0;
    let moves = varying[v] === 1;
    for (const u of p.graph.preds[v]) {
      if (varying[u] === 1) moves = true;
      else if (finish[u] > start) start = finish[u];
    }
    if (moves) {
      varying[v] = 1;
      dynamic.push(v);
    } else {
      finish[v] = start + latency[v];
      if (finish[v] > fixedEnd) fixedEnd = finish[v];
    }
  }
  // The varying steps' finish times, column by column (tight loops over the draws): a step
  // starts when its last predecessor finishes, fixed or drawn. A step that another follows
  // finishes before that one does, so only the last steps bound the wall time.
  const wall = totals[Slot.Latency];
  wall.fill(fixedEnd);
  const at = new Int32Array(n).fill(-1);
  dynamic.forEach((v, i) => (at[v] = i));
  const followed = new Uint8Array(n);
  for (const v of dynamic) for (const u of p.graph.preds[v]) followed[u] = 1;
  const columns = finishScratch(dynamic.length * runs);
  for (let i = 0; i < dynamic.length; i++) {
    const v = dynamic[i];
    const base = i * runs;
    let fixedStart = 0;
    const drawnPreds: number[] = [];
    for (const u of p.graph.preds[v]) {
      if (at[u] >= 0) drawnPreds.push(at[u] * runs);
      else if (finish[u] > fixedStart) fixedStart = finish[u];
    }
    if (drawnPreds.length === 0) columns.fill(fixedStart, base, base + runs);
    else {
      startAfter(columns, base, drawnPreds[0], fixedStart, runs);
      for (let q = 1; q < drawnPreds.length; q++) raiseTo(columns, base, columns, drawnPreds[q], runs);
    }
    const own = latencyColumn[v];
    const form = latencyForm[v];
    if (own) addColumnAt(columns, base, own, runs);
    else if (form) addAffine(columns, base, form, draws[rangedIndex[v]], Slot.Latency, runs);
    else addConstant(columns, base, runs, latency[v]);
    if (followed[v] === 0) raiseTo(wall, 0, columns, base, runs);
  }
  /** Energy slot `slot` of a fixed-token step on a ranged-size model, at draw r (see energyForms). */
  const lazyValue = (k: number, slot: number, r: number): number => {
    const f = lazyEnergy[k] as EnergyForms;
    const e = modelEnergy[modelOf[k]];
    const request = e.gpus[r] * (e.perOutput[r] * (f.output.base[Slot.RequestWh] - f.server.base[Slot.RequestWh]) + f.server.base[Slot.RequestWh]);
    const prefill = e.perInput[r] * f.prefill.base[Slot.PrefillWh];
    return slot === Slot.RequestWh ? request : slot === Slot.PrefillWh ? prefill : request + prefill;
  };
  /** Whether a slot of ranged step k is computed draw by draw (not from its affine form). */
  const drawn = (k: number, slot: number): boolean => explicit[k][slot] !== undefined || (lazyEnergy[k] !== null && ENERGY_SLOTS.includes(slot));
  const column = (k: number, slot: number): Float64Array => {
    const forms = lazyEnergy[k];
    if (!explicit[k][slot] && forms && ENERGY_SLOTS.includes(slot)) Object.assign(explicit[k], energyColumns(forms, draws[k], modelEnergy[modelOf[k]], runs));
    return explicit[k][slot] ?? affineColumn(affine[k] as AffineStep, draws[k], slot, new Float64Array(runs));
  };
  const columnInto = (k: number, slot: number, out: Float64Array): Float64Array => {
    if (!drawn(k, slot)) return affineColumn(affine[k] as AffineStep, draws[k], slot, out);
    out.set(column(k, slot));
    return out;
  };
  return {
    runs,
    rangedIndex,
    mask: (k) => masks[k],
    totals,
    co2,
    affine,
    explicit,
    draws,
    energy: modelOf.map((m) => (m >= 0 ? modelEnergy[m] : null)),
    drawn,
    column,
    columnInto,
    energySummary: (k, slot) => {
      const order = lazyEnergy[k] && ENERGY_SLOTS.includes(slot) ? modelEnergy[modelOf[k]].bySize : null;
      if (!order) return null;
      const at = (q: number) => {
        const h = (runs - 1) * q;
        const lo = Math.floor(h);
        const low = lazyValue(k, slot, order[lo]);
        return lo + 1 < runs ? low + (h - lo) * (lazyValue(k, slot, order[lo + 1]) - low) : low;
      };
      return { p50: at(0.5), p95: at(0.95), min: lazyValue(k, slot, order[0]), max: lazyValue(k, slot, order[runs - 1]) };
    },
    mean: (k, slot) => {
      const forms = lazyEnergy[k];
      if (forms && ENERGY_SLOTS.includes(slot) && !explicit[k][slot]) {
        // lazyValue is linear in the model's draws, so its mean is theirs, combined.
        const m = modelEnergy[modelOf[k]].means;
        const server = forms.server.base[Slot.RequestWh];
        const request = m.gpusPerOutput * (forms.output.base[Slot.RequestWh] - server) + m.gpus * server;
        const prefill = m.perInput * forms.prefill.base[Slot.PrefillWh];
        return slot === Slot.RequestWh ? request : slot === Slot.PrefillWh ? prefill : request + prefill;
      }
      if (drawn(k, slot)) return columnMean(column(k, slot));
      const form = affine[k] as AffineStep;
      let mean = form.base[slot];
      for (let v = 0; v < form.slopes.length; v++) if (form.slopes[v][slot] !== 0) mean += form.slopes[v][slot] * drawMean(k, v);
      return mean;
    },
  };
}

/**
 * Each branching node takes one of its ways per run, each equally likely (drawn after every other
 * input, so that files without branches draw as before); a step runs where every branch it lies
 * on is taken.
 */
function branchMasks(p: Plan, ranged: number[], random: ReturnType<typeof seeded>, runs: number): (Float64Array | null)[] {
  if (p.branchGroups.size === 0) return ranged.map(() => null);
  const uniform = new Float64Array(runs);
  const choice = new Map<string, Int32Array>();
  for (const [group, ways] of [...p.branchGroups].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    random.fill(uniform, runs);
    choice.set(group, scaleDraws(uniform, ways, true, new Int32Array(runs)));
  }
  return ranged.map((j) => {
    const branches = p.steps[j].spec.branches;
    if (branches.length === 0) return null;
    const mask = new Float64Array(runs).fill(1);
    for (const b of branches) {
      const picked = choice.get(b.group) as Int32Array;
      const taken = new Set(b.taken);
      for (let r = 0; r < runs; r++) if (!taken.has(picked[r])) mask[r] = 0;
    }
    return mask;
  });
}

function masked(values: Float64Array, mask: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let r = 0; r < values.length; r++) out[r] = values[r] * mask[r];
  return out;
}

function columnMean(values: DrawColumn): number {
  let sum = 0;
  for (let r = 0; r < values.length; r++) sum += values[r];
  return sum / values.length;
}

function addColumn(column: Float64Array, values: DrawColumn, factor: number): void {
  for (let r = 0; r < values.length; r++) column[r] += factor * values[r];
}

// The loops over the draws, as small functions: V8 optimizes them after a few calls, where a
// loop inside runMonteCarlo (one long call per estimate) would run unoptimized on small files.

/** Offsets from a range's minimum: uniform draws times its width, rounded down for whole numbers. */
function scaleDraws<T extends DrawColumn>(uniform: Float64Array, width: number, whole: boolean, out: T): T {
  if (whole) for (let r = 0; r < out.length; r++) out[r] = Math.floor(uniform[r] * width);
  else for (let r = 0; r < out.length; r++) out[r] = uniform[r] * width;
  return out;
}

function addConstant(out: Float64Array, at: number, runs: number, value: number): void {
  for (let r = 0; r < runs; r++) out[at + r] += value;
}

function addColumnAt(out: Float64Array, at: number, values: Float64Array, runs: number): void {
  for (let r = 0; r < runs; r++) out[at + r] += values[r];
}

/** out[at + r] = max(fixed, columns[from + r]): a step's start after its first drawn predecessor. */
function startAfter(columns: Float64Array, at: number, from: number, fixed: number, runs: number): void {
  for (let r = 0; r < runs; r++) {
    const t = columns[from + r];
    columns[at + r] = t > fixed ? t : fixed;
  }
}

/** out[at + r] = max(out[at + r], values[from + r]). */
function raiseTo(out: Float64Array, at: number, values: Float64Array, from: number, runs: number): void {
  for (let r = 0; r < runs; r++) if (values[from + r] > out[at + r]) out[at + r] = values[from + r];
}

/** The energy of the fixed-token steps on one ranged-size model, draw by draw. */
function addModelEnergy(energy: Float64Array, e: EnergyColumns, sums: { generation: number; server: number; prefill: number }): void {
  for (let r = 0; r < energy.length; r++) energy[r] += e.gpus[r] * (e.perOutput[r] * sums.generation + sums.server) + e.perInput[r] * sums.prefill;
}

/** Adds slope[s]·values to totals[s] for each slot s: one pass over the draws for two slots. */
function addScaled(totals: Float64Array[], slots: number[], slope: Float64Array, values: DrawColumn): void {
  let q = 0;
  for (; q + 1 < slots.length; q += 2) {
    const [a, b] = [totals[slots[q]], totals[slots[q + 1]]];
    const [fa, fb] = [slope[slots[q]], slope[slots[q + 1]]];
    for (let r = 0; r < values.length; r++) {
      const x = values[r];
      a[r] += fa * x;
      b[r] += fb * x;
    }
  }
  if (q < slots.length) addColumn(totals[slots[q]], values, slope[slots[q]]);
}

/** Adds an affine slot's value per draw to `out[at..at+runs)`, summed as affineColumn sums it. */
function addAffine(out: Float64Array, at: number, form: AffineStep, draws: DrawColumn[], slot: number, runs: number): void {
  const moving = form.slopes.map((slope, v) => [slope[slot], v] as const).filter(([slope]) => slope !== 0);
  const b = form.base[slot];
  if (moving.length === 1) {
    const [slope, v] = moving[0];
    const d = draws[v];
    for (let r = 0; r < runs; r++) out[at + r] += b + slope * d[r];
    return;
  }
  for (let r = 0; r < runs; r++) {
    let value = b;
    for (const [slope, v] of moving) value += slope * draws[v][r];
    out[at + r] += value;
  }
}

function affineColumn(form: AffineStep, draws: DrawColumn[], slot: number, out: Float64Array): Float64Array {
  out.fill(form.base[slot]);
  form.slopes.forEach((slope, v) => slope[slot] !== 0 && addColumn(out, draws[v], slope[slot]));
  return out;
}

/** A ranged-size model's energy figures for each draw. */
export interface EnergyColumns {
  gpus: Float64Array;
  perOutput: Float64Array;
  perInput: Float64Array;
  /**
   * Draws ordered by the drawn size, when the size is one draw (a dense model, or a fixed total):
   * every energy figure then grows with it, so its order statistics sit at these draws.
   */
  bySize: Int32Array | null;
  /** Means over the draws, for the mean energy terms of steps whose tokens are fixed. */
  means: { gpus: number; gpusPerOutput: number; perInput: number };
}

const basis = (gpus: number, perOutput: number, perInput: number): StepDraw => ({
  ...emptyDraw(), gpus, whPerOutputTokenPerGpu: perOutput, whPerPrefillToken: perInput,
});

/** The three unit-size evaluations of a step on a model whose size is a range (see energyColumns). */
interface EnergyForms {
  output: AffineStep;
  server: AffineStep;
  prefill: AffineStep;
}

const ENERGY_SLOTS: readonly number[] = [Slot.Energy, Slot.RequestWh, Slot.PrefillWh];

/**
 * A step on a model whose size is a range: energy is bilinear, (size terms) × (token terms).
 * With the token terms affine, three evaluations at unit size terms give every draw's energy as
 *   request = gpus·perOutput·A(x) + gpus·B(x),  prefill = perInput·C(x);
 * the other figures do not depend on the size and keep the affine form. Null when the step is
 * not affine in its tokens (turns drawn, price tiers crossed).
 */
function energyForms(p: Plan, j: number, own: RangedInput[]): EnergyForms | null {
  const output = affineForm(p, j, own, basis(1, 1, 0)); // request: generation + server
  if (!output) return null;
  const server = affineForm(p, j, own, basis(1, 0, 0), true); // request: server only
  const prefill = affineForm(p, j, own, basis(0, 0, 1), true); // prefill per unit of Wh per token
  return output && server && prefill ? { output, server, prefill } : null;
}

/** The energy slots' columns of such a step, draw by draw. */
function energyColumns(forms: EnergyForms, draws: DrawColumn[], energy: EnergyColumns, runs: number): Float64Array[] {
  const request = new Float64Array(runs);
  const pre = new Float64Array(runs);
  const total = new Float64Array(runs);
  const slope = (f: AffineStep, slot: number) => Float64Array.from(f.slopes, (s) => s[slot]);
  const [g0, s0, p0] = [forms.output.base[Slot.RequestWh], forms.server.base[Slot.RequestWh], forms.prefill.base[Slot.PrefillWh]];
  const [gs, ss, ps] = [slope(forms.output, Slot.RequestWh), slope(forms.server, Slot.RequestWh), slope(forms.prefill, Slot.PrefillWh)];
  // one pass over the draws: the three unit-size terms, then the model's size draw applied to them
  for (let r = 0; r < runs; r++) {
    let generation = g0;
    let server = s0;
    let prefill = p0;
    for (let v = 0; v < draws.length; v++) {
      const x = draws[v][r];
      generation += gs[v] * x;
      server += ss[v] * x;
      prefill += ps[v] * x;
    }
    const g = energy.gpus[r];
    request[r] = g * energy.perOutput[r] * (generation - server) + g * server;
    pre[r] = prefill * energy.perInput[r];
    total[r] = request[r] + pre[r];
  }
  const columns: Float64Array[] = [];
  columns[Slot.Energy] = total;
  columns[Slot.RequestWh] = request;
  columns[Slot.PrefillWh] = pre;
  return columns;
}

/** A step that is not affine (turns drawn, or a ranged model size), evaluated draw by draw. */
function evaluateRows(
  p: Plan, j: number, own: RangedInput[], draws: DrawColumn[], energy: EnergyColumns | null, exactEnergy: StepDraw, runs: number,
): Float64Array[] {
  const step = p.steps[j];
  const columns = Array.from({ length: SLOTS }, () => new Float64Array(runs));
  const values = new Float64Array(SLOTS);
  const minima = Float64Array.from(inputRanges(p, j), ([r]) => r.min);
  const x = new Float64Array(VARS);
  const d = emptyDraw();
  for (let r = 0; r < runs; r++) {
    x.set(minima);
    for (let v = 0; v < own.length; v++) x[own[v].variable] = own[v].min + draws[v][r];
    setInputs(d, p, j, x);
    d.gpus = energy ? energy.gpus[r] : exactEnergy.gpus;
    d.whPerOutputTokenPerGpu = energy ? energy.perOutput[r] : exactEnergy.whPerOutputTokenPerGpu;
    d.whPerPrefillToken = energy ? energy.perInput[r] : exactEnergy.whPerPrefillToken;
    evaluateStep(step.spec, step.model, d, values, 0);
    for (let s = 0; s < SLOTS; s++) columns[s][r] = values[s];
  }
  return columns;
}

/** The column summarize reorders: one buffer, reused by every summary (each is used at once). */
let summaryBuffer = new Float64Array(0);
function summaryScratch(runs: number): Float64Array {
  if (summaryBuffer.length < runs) summaryBuffer = new Float64Array(runs);
  return summaryBuffer.subarray(0, runs);
}

/**
 * p50/p95/min/max of ranged step k, by slot, computed on first use. Where a slot of an affine
 * step moves with a single ranged input, one selection over that input's draws serves it:
 * quantiles commute with an increasing affine map.
 */
export function stepSummaries(mc: Samples, k: number): (slot: number) => Summary {
  const cache = new Map<number, Summary>();
  const byInput = new Map<number, Summary>();
  const form = mc.affine[k];
  return (slot) => {
    let hit = cache.get(slot) ?? mc.energySummary(k, slot) ?? undefined;
    if (hit) {
      cache.set(slot, hit);
      return hit;
    }
    const moving = form && !mc.drawn(k, slot) ? form.slopes.map((s, v) => (s[slot] !== 0 ? v : -1)).filter((v) => v >= 0) : null;
    if (form && moving && moving.length === 0) {
      const v = form.base[slot];
      hit = { p50: v, p95: v, min: v, max: v };
    } else if (form && moving && moving.length === 1 && form.slopes[moving[0]][slot] > 0) {
      const v = moving[0];
      let drawn = byInput.get(v);
      if (!drawn) {
        const copy = summaryScratch(mc.runs);
        copy.set(mc.draws[k][v]);
        drawn = summarize(copy);
        byInput.set(v, drawn);
      }
      const map = (x: number) => form.base[slot] + form.slopes[v][slot] * x;
      hit = { p50: map(drawn.p50), p95: map(drawn.p95), min: map(drawn.min), max: map(drawn.max) };
    } else {
      hit = summarize(mc.columnInto(k, slot, summaryScratch(mc.runs)));
    }
    cache.set(slot, hit);
    return hit;
  };
}
