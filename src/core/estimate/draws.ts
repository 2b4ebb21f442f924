// Stage 1 of the Monte Carlo: the draws. Each ranged input of a step gets one column of values,
// a value per draw (Latin hypercube: one draw in each of `runs` equal slices of its range, in a
// seeded order, so that 1,000 draws describe a range as well as many more independent ones would);
// each model whose size is a range gets its energy figures per draw; each branching node its way
// per draw, in exact proportions (a 1-of-3 branch is taken in exactly a third of the draws).
import type { Range } from '../types';
import type { Plan } from './plan';
import { seeded, type SeededRandom } from './rng';
import { emptyDraw, energyDraw, type StepDraw } from './stepMath';
import { VARIABLES } from './stepVariables';


/** One ranged input of a step. */
export interface RangedInput {
  variable: number;
  min: number;
  max: number;
  /** The number of whole values it takes (max − min + 1), or the width of a continuous range. */
  width: number;
  integer: boolean;
  /**
   * One unknown value for every run (an assumed default, a model's reasoning prior), not what
   * differs from run to run (spec §3, Totals over many runs).
   */
  shared: boolean;
}

/** One ranged input's offsets from its minimum, a value per draw: whole numbers for tokens and turns. */
export type DrawColumn = Float64Array | Int32Array;

/** A ranged-size model's energy figures for each draw. */
export interface EnergyColumns {
  gpus: Float64Array;
  perOutput: Float64Array;
  perInput: Float64Array;
  /** Draws ordered by the drawn size: every energy figure grows with it, so its order statistics sit at these draws. */
  bySize: Int32Array;
  /** Means over the draws, for the mean energy terms of steps whose tokens are fixed. */
  means: { gpus: number; gpusPerOutput: number; perInput: number };
}

export interface Draws {
  runs: number;
  /** The plan's index of each ranged step (a step with a range, a ranged-size model or a branch). */
  ranged: number[];
  /** Step j's index among the ranged steps, or -1 for a step with exact figures. */
  rangedIndex: Int32Array;
  /** Per ranged step: its ranged inputs, and each one's column of draws. */
  inputs: RangedInput[][];
  columns: DrawColumn[][];
  /** Per ranged step: its model's index in plan.rangedModels, or -1 where the size is known. */
  modelOf: number[];
  modelEnergy: EnergyColumns[];
  /** Per ranged step: 1 in the draws whose runs take its branches, 0 in the others; null on no branch. */
  masks: (Float64Array | null)[];
}

const ONE: Range = { min: 1, max: 1 };
const ZERO: Range = { min: 0, max: 0 };

/** A step's inputs, in the order of VARIABLES, and whether each is a whole number. */
export function inputRanges(p: Plan, j: number): [Range, boolean][] {
  const { spec: s, reasoning } = p.steps[j];
  const a = s.agent;
  return [
    [s.inputTokens, true], [s.outputTokens, true], [a ? a.turns : ONE, true], [a ? a.toolTokens : ZERO, true], [a ? a.toolLatencyS : ZERO, false],
    [reasoning ? reasoning.tokens : ZERO, true],
  ];
}

export function rangedInputs(p: Plan, j: number): RangedInput[] {
  const step = p.steps[j];
  const out: RangedInput[] = [];
  inputRanges(p, j).forEach(([r, integer], variable) => {
    if (r.max <= r.min) return;
    const whole = integer && Number.isInteger(r.min) && Number.isInteger(r.max);
    const shared = step.shared.includes(VARIABLES[variable]);
    out.push({ variable, min: r.min, max: r.max, width: whole ? r.max - r.min + 1 : r.max - r.min, integer: whole, shared });
  });
  return out;
}

/** Writes input values (in the order of VARIABLES) into a draw. */
export function setInputs(d: StepDraw, p: Plan, j: number, values: Float64Array): void {
  const a = p.steps[j].spec.agent;
  d.inputTokens = values[0];
  d.outputTokens = values[1];
  d.turns = a ? values[2] : 1;
  d.toolTokens = a ? values[3] : 0;
  d.toolLatencyS = a ? values[4] : 0;
  d.reasoningTokens = values[5];
}

/** Uniform draws before they are scaled into a column: buffers reused by every run. */
let uniformBuffer = new Float64Array(0);
let shuffleBuffer = new Float64Array(0);
function scratch(size: number): [Float64Array, Float64Array] {
  if (uniformBuffer.length < size) {
    uniformBuffer = new Float64Array(size);
    shuffleBuffer = new Float64Array(size);
  }
  return [uniformBuffer, shuffleBuffer];
}

/**
 * A ranged-size model's energy columns depend only on the seed, the number of draws, the model's
 * place among the workflow's ranged-size models (which fixes its draws) and its size range: they
 * are made once and shared, read-only, by every estimate that needs them.
 */
const energyColumnCache = new Map<string, EnergyColumns>();
const MAX_CACHED_ENERGY_COLUMNS = 64;

export function drawInputs(p: Plan, runs: number, seed: number): Draws {
  const ranged: number[] = [];
  const rangedIndex = new Int32Array(p.steps.length).fill(-1);
  p.steps.forEach((s, j) => {
    if (s.random) {
      rangedIndex[j] = ranged.length;
      ranged.push(j);
    }
  });
  const random = seeded(seed);
  const shared = new SharedPoints(seed, runs);
  const [uniform, order] = scratch(runs);
  // Each ranged-size model's size, then each ranged input, then each branching node: a column each.
  const modelEnergy = p.rangedModels.map((model, index) => modelEnergyColumns(model, index, shared.next(), runs, seed));
  const modelOf = ranged.map((j) => p.rangedModels.indexOf(p.steps[j].model));
  const inputs = ranged.map((j) => rangedInputs(p, j));
  const columns = inputs.map((own) => own.map((i): DrawColumn => {
    if (i.shared) uniform.set(shared.next());
    else stratified(random, uniform, order, runs);
    // offsets from the range's minimum: whole numbers for tokens and turns, in half the memory
    if (i.integer && i.width <= 0x7fffffff) return scaleDraws(uniform, i.width, true, new Int32Array(runs));
    return scaleDraws(uniform, i.width, i.integer, new Float64Array(runs));
  }));
  return { runs, ranged, rangedIndex, inputs, columns, modelOf, modelEnergy, masks: branchMasks(p, ranged, random, runs) };
}

/**
 * A model whose size is a range is one unknown, its size: total and active parameters are drawn
 * together (the same place in each range), as one model is larger or smaller than its estimate
 * in both. Every energy figure then grows with that one draw, so its order statistics sit at the
 * draws ordered by it (bySize), and its slices of the range are filled exactly.
 */
function modelEnergyColumns(model: Plan['rangedModels'][number], index: number, size: Float64Array, runs: number, seed: number): EnergyColumns {
  const key = `${seed}|${runs}|${index}|${model.activeB.min},${model.activeB.max},${model.totalB.min},${model.totalB.max}`;
  const cached = energyColumnCache.get(key);
  if (cached) return cached;
  const columns: EnergyColumns = {
    gpus: new Float64Array(runs), perOutput: new Float64Array(runs), perInput: new Float64Array(runs),
    bySize: Int32Array.from({ length: runs }, (_, r) => r).sort((x, y) => size[x] - size[y]),
    means: { gpus: 0, gpusPerOutput: 0, perInput: 0 },
  };
  const e: StepDraw = emptyDraw();
  for (let r = 0; r < runs; r++) {
    const a = model.activeB.min + size[r] * (model.activeB.max - model.activeB.min);
    energyDraw(e, a, model.totalB.min + size[r] * (model.totalB.max - model.totalB.min));
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
}

/**
 * The draws of what every run shares (model sizes, assumed defaults, reasoning priors): one
 * unknown value each, whose spread a month's total keeps. A day's p95 is a quantile of a sum of
 * their effects, so they are drawn as a low-discrepancy point set (Halton, with each dimension's
 * digits scrambled by seeded permutations, in a seeded order) that fills their joint range far
 * more evenly than independent draws: the p95 then moves little from seed to seed. Beyond
 * HALTON_DIMENSIONS of them, the rest are Latin hypercube columns.
 */
class SharedPoints {
  private dimension = 0;
  private readonly made: Float64Array[];
  private readonly random: SeededRandom;
  private readonly order: Int32Array;

  constructor(private readonly seed: number, private readonly runs: number) {
    const key = `${seed}|${runs}`;
    let cached = haltonCache.get(key);
    if (!cached) {
      const random = seeded((seed ^ 0x5bd1e995) >>> 0);
      const u = new Float64Array(runs);
      random.fill(u);
      const order = Int32Array.from({ length: runs }, (_, r) => r);
      for (let i = runs - 1; i > 0; i--) {
        const j = Math.floor(u[i] * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      cached = { random, order, made: [] };
      if (haltonCache.size >= MAX_CACHED_POINT_SETS) haltonCache.clear();
      haltonCache.set(key, cached);
    }
    ({ random: this.random, order: this.order, made: this.made } = cached);
  }

  /** The next shared unknown's column: `runs` values in [0, 1), shared read-only with other estimates of the same seed. */
  next(): Float64Array {
    const dimension = this.dimension++;
    if (dimension < this.made.length) return this.made[dimension];
    const out = new Float64Array(this.runs);
    if (dimension >= PRIMES.length) {
      // past the Halton dimensions: a Latin hypercube column, from a generator of its own so that every estimate draws the same
      const random = seeded((this.seed * 0x9e3779b1 + dimension) >>> 0);
      stratified(random, out, new Float64Array(this.runs), this.runs);
      return out;
    }
    const base = PRIMES[dimension];
    const digits = Math.ceil(Math.log(Math.max(2, this.runs)) / Math.log(base)) + 2;
    // one permutation of the digits 0..base−1 per digit place
    const permutations = Array.from({ length: digits }, () => {
      const u = new Float64Array(base);
      this.random.fill(u);
      const perm = Int32Array.from({ length: base }, (_, d) => d);
      for (let i = base - 1; i > 0; i--) {
        const j = Math.floor(u[i] * (i + 1));
        [perm[i], perm[j]] = [perm[j], perm[i]];
      }
      return perm;
    });
    for (let r = 0; r < this.runs; r++) {
      let i = r;
      let value = 0;
      let scale = 1 / base;
      for (let place = 0; place < digits; place++, scale /= base) {
        value += permutations[place][i % base] * scale;
        i = Math.floor(i / base);
      }
      out[this.order[r]] = value;
    }
    this.made.push(out);
    return out;
  }
}

/** The point sets made so far, by seed and number of draws: every estimate with that seed draws the same. */
const haltonCache = new Map<string, { random: SeededRandom; order: Int32Array; made: Float64Array[] }>();
const MAX_CACHED_POINT_SETS = 8;

/** Shared unknowns drawn as Halton dimensions, one prime base each. */
const HALTON_DIMENSIONS = 48;
const PRIMES = ((): number[] => {
  const primes: number[] = [];
  for (let n = 2; primes.length < HALTON_DIMENSIONS; n++) if (primes.every((q) => n % q !== 0)) primes.push(n);
  return primes;
})();

/** One uniform draw in each of `runs` equal slices of [0, 1), shuffled: a Latin hypercube column. */
function stratified(random: SeededRandom, out: Float64Array, order: Float64Array, runs: number): void {
  random.fill(out, runs);
  jitterIntoSlices(out, runs);
  random.fill(order, runs);
  shuffle(out, order, runs);
}

// The loops over the draws, as small functions: V8 optimizes them after a few calls.

function jitterIntoSlices(out: Float64Array, runs: number): void {
  for (let r = 0; r < runs; r++) out[r] = (r + out[r]) / runs;
}

/** Fisher–Yates, driven by the uniform draws in `order`. */
function shuffle(values: Float64Array | Int32Array, order: Float64Array, runs: number): void {
  for (let i = runs - 1; i > 0; i--) {
    const j = Math.floor(order[i] * (i + 1));
    const t = values[i];
    values[i] = values[j];
    values[j] = t;
  }
}

/** Offsets from a range's minimum: uniform draws times its width, rounded down for whole numbers. */
function scaleDraws<T extends DrawColumn>(uniform: Float64Array, width: number, whole: boolean, out: T): T {
  if (whole) for (let r = 0; r < out.length; r++) out[r] = Math.floor(uniform[r] * width);
  else for (let r = 0; r < out.length; r++) out[r] = uniform[r] * width;
  return out;
}

/**
 * Each branching node takes one of its ways per run, in the proportions of its weights, exactly:
 * the counts are rounded by largest remainder, then dealt to the draws in a seeded order (drawn
 * after every other input, so that files without branches draw as before). A step runs where
 * every branch it lies on is taken.
 */
function branchMasks(p: Plan, ranged: number[], random: SeededRandom, runs: number): (Float64Array | null)[] {
  if (p.branchGroups.size === 0) return ranged.map(() => null);
  const order = new Float64Array(runs);
  const choice = new Map<string, Int32Array>();
  for (const [group, weights] of [...p.branchGroups].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const ways = dealt(weights, runs);
    random.fill(order, runs);
    shuffle(ways, order, runs);
    choice.set(group, ways);
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

/** Way numbers for `runs` draws, each way as often as its weight says, rounded by largest remainder. */
function dealt(weights: readonly number[], runs: number): Int32Array {
  const exact = weights.map((w) => w * runs);
  const counts = exact.map(Math.floor);
  let left = runs - counts.reduce((s, c) => s + c, 0);
  const byRemainder = exact.map((x, w) => [x - Math.floor(x), w]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let i = 0; left > 0; i = (i + 1) % byRemainder.length, left--) counts[byRemainder[i][1]]++;
  const out = new Int32Array(runs);
  let at = 0;
  counts.forEach((c, w) => {
    out.fill(w, at, at + c);
    at += c;
  });
  return out;
}
