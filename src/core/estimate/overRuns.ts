// Stage 5 of the Monte Carlo: totals over many runs (spec §3, Totals over many runs).
// A bill is a sum of runs, and a sum follows the mean of a run. What differs from run to run (the
// file's ranges, the branch a run takes) averages out over N runs: it adds √N·s to the total,
// s being the run-to-run standard deviation. What is the same for every run (an assumed default,
// a reasoning prior, a model's size) keeps its whole spread: N times its effect on a run's mean.
// So for each draw k of the shared unknowns, with m_k and s_k the mean and standard deviation of
// a run given that draw, N runs total about N·m_k + √N·s_k·z, and a day's p50/p95 are the
// quantiles of that mixture over the draws. m_k and s_k come from exact moments (moments.ts) and
// exact branch shares, never from a few sampled runs, whose noise would pass for spread.
import { inputRanges, type DrawColumn, type RangedInput } from './draws';
import { VARS } from './stepVariables';
import { energyTermMoments, integrate, nodeSets, polynomial, type NodeSet, type SizeTerms } from './moments';
import type { Plan } from './plan';
import { BranchShares } from './branchShares';
import { addColumn, midSizeEnergy, type StepColumns } from './stepColumns';
import { Slot, SLOTS } from './stepMath';

/** The figures a day and a month total: everything but the wall time. */
export const SUMMED = [Slot.Cost, Slot.Energy, Slot.InputTokens, Slot.OutputTokens, Slot.ReasoningTokens, Slot.Calls] as const;
/** CO2 where steps sit on different grids: each step's energy on its own grid. */
export const CO2 = -1;
export type Summed = (typeof SUMMED)[number] | typeof CO2;

/** A figure per draw of the shared unknowns: a number where it is the same in every draw. */
export type PerDraw = number | Float64Array;

/** A figure per draw, built as a constant plus a column, the column made only where something varies. */
class Series {
  constant = 0;
  column: Float64Array | null = null;

  constructor(readonly runs: number) {}

  add(value: number): void {
    this.constant += value;
  }

  addColumn(values: DrawColumn, factor = 1): void {
    this.column ??= new Float64Array(this.runs);
    addColumn(this.column, values, factor);
  }

  at(r: number): number {
    return this.column ? this.constant + this.column[r] : this.constant;
  }

  /** The figure per draw; a number where every draw has the same (the closed forms apply). */
  perDraw(): PerDraw {
    const out = this.column;
    if (!out || out.every((v) => v === out[0])) return this.constant + (out ? out[0] : 0);
    for (let r = 0; r < out.length; r++) out[r] += this.constant;
    return out;
  }
}

/** A run's mean and variance given each draw of the shared unknowns. */
export interface RunMoments {
  mean: PerDraw;
  variance: PerDraw;
}

export interface OverRuns {
  /** Per step (in plan order), per slot: its mean when it runs (see stepMean). */
  stepMeans: Float64Array[];
  /** Per step: the share of runs it runs in. */
  shares: Float64Array;
  /** Per summed figure (a slot, or CO2): a run's moments per draw. */
  moments(figure: Summed): RunMoments;
}

/** One step's contribution: its mean (per draw) and run-to-run variance, slot by slot. */
interface StepTerms {
  /** Adds factor × its mean in `slot`, per draw, to `series`. */
  addMean(series: Series, slot: number, factor: number): void;
  /** Adds factor × its run-to-run variance in `slot`, per draw, to `series`. */
  addVariance(series: Series, slot: number, factor: number): void;
}

/**
 * The moments of a run, per draw of the shared unknowns. `gPerWh`, per step, is the carbon
 * intensity of its grid, where grids differ (null where one grid serves all).
 */
export function overRuns(p: Plan, sc: StepColumns, midVals: Float64Array, gPerWh: Float64Array | null): OverRuns {
  const runs = sc.d.runs;
  const n = p.steps.length;
  // each step's terms, made on the first total asked for (none where the file sets no runs per day)
  let terms: StepTerms[] | null = null;
  const stepMeans = p.steps.map((_, j) => stepMean(p, sc, j, midVals));
  const signatures = new BranchShares(p.branchGroups);
  const signatureOf = p.steps.map((s) => signatures.index(s.spec.branches));
  const shares = Float64Array.from(signatureOf, (g) => signatures.share(g));
  const cache = new Map<Summed, RunMoments>();
  const moments = (figure: Summed): RunMoments => {
    const hit = cache.get(figure);
    if (hit) return hit;
    const slot = figure === CO2 ? Slot.Energy : figure;
    const weight = (j: number) => (figure === CO2 ? (gPerWh as Float64Array)[j] : 1);
    // by signature: W_g = Σ of the means of the steps that run on exactly those branches
    const byBranches = signatures.list.map(() => new Series(runs));
    const variance = new Series(runs);
    terms ??= p.steps.map((_, j) => stepTerms(p, sc, j, midVals));
    for (let j = 0; j < n; j++) {
      const w = weight(j);
      terms[j].addMean(byBranches[signatureOf[j]], slot, w);
      terms[j].addVariance(variance, slot, shares[j] * w * w);
    }
    const mean = new Series(runs);
    signatures.list.forEach((_, g) => {
      const { constant, column } = byBranches[g];
      mean.add(signatures.share(g) * constant);
      if (column) mean.addColumn(column, signatures.share(g));
    });
    // run-to-run variance from the branches: Σ_g,h (P(g and h) − P(g)·P(h)) · W_g · W_h
    const pairs = signatures.covariances();
    if (pairs.length) {
      const constantOnly = byBranches.every((b) => !b.column);
      if (constantOnly) {
        let extra = 0;
        for (const [g, h, c] of pairs) extra += c * byBranches[g].constant * byBranches[h].constant;
        variance.add(extra);
      } else {
        const extra = new Float64Array(runs);
        for (let r = 0; r < runs; r++) {
          let sum = 0;
          for (const [g, h, c] of pairs) sum += c * byBranches[g].at(r) * byBranches[h].at(r);
          extra[r] = sum;
        }
        variance.addColumn(extra);
      }
    }
    const result = { mean: mean.perDraw(), variance: variance.perDraw() };
    cache.set(figure, result);
    return result;
  };
  return { stepMeans, shares, moments };
}

/**
 * Step j's mean when it runs, slot by slot: exact over every range of its own, shared or not (the
 * rules of moments.ts); over a model's size, which enters its energy through the GPU count (a
 * step function), the mean of the size draws.
 */
function stepMean(p: Plan, sc: StepColumns, j: number, midVals: Float64Array): Float64Array {
  const k = sc.d.rangedIndex[j];
  if (k < 0) return midVals.slice(j * SLOTS, (j + 1) * SLOTS);
  const nodes = nodeSets(sc.d.inputs[k], polynomial(p, j)).forMean;
  const minima = Float64Array.from(inputRanges(p, j), ([r]) => r.min);
  const mid = midSizeEnergy(p, j);
  const mean = new Float64Array(SLOTS);
  integrate(p, j, nodes, minima, { gpus: mid.gpus, perOutput: mid.whPerOutputTokenPerGpu, perInput: mid.whPerPrefillToken }, mean, null);
  const model = sc.d.modelOf[k];
  if (model >= 0) {
    const [a, b, c] = energyTermMoments(p, j, nodes, minima).mean;
    const e = sc.d.modelEnergy[model].means;
    mean[Slot.RequestWh] = e.gpusPerOutput * a + e.gpus * b;
    mean[Slot.PrefillWh] = e.perInput * c;
    mean[Slot.Energy] = mean[Slot.RequestWh] + mean[Slot.PrefillWh];
  }
  return mean;
}

/** The run-to-run inputs of ranged step k (the file's ranges), and the shared ones. */
function split(sc: StepColumns, k: number) {
  const inputs = sc.d.inputs[k];
  return { perRun: inputs.filter((i) => !i.shared), shared: inputs.filter((i) => i.shared) };
}

function stepTerms(p: Plan, sc: StepColumns, j: number, midVals: Float64Array): StepTerms {
  const k = sc.d.rangedIndex[j];
  if (k < 0) return exactTerms(midVals.subarray(j * SLOTS, (j + 1) * SLOTS));
  const { perRun, shared } = split(sc, k);
  if (perRun.length === 0) return sharedTerms(sc, k);
  const nodes = nodeSets(perRun, polynomial(p, j));
  const minima = Float64Array.from(inputRanges(p, j), ([r]) => r.min);
  const sized = sc.d.modelOf[k] >= 0;
  if (shared.length === 0 && !sized) {
    const mean = new Float64Array(SLOTS);
    const variance = new Float64Array(SLOTS);
    const size = midSizeEnergy(p, j);
    integrate(p, j, nodes.forVariance, minima, { gpus: size.gpus, perOutput: size.whPerOutputTokenPerGpu, perInput: size.whPerPrefillToken }, mean, variance);
    return constantTerms(mean, variance);
  }
  if (shared.length === 0) return sizedTerms(p, sc, j, k, nodes.forVariance, minima);
  return mixedTerms(p, sc, j, k, nodes, minima);
}

/** A step without ranges: the same figures in every run. */
function exactTerms(values: Float64Array): StepTerms {
  return {
    addMean: (series, s, f) => series.add(f * values[s]),
    addVariance: () => undefined,
  };
}

/** A step whose every range is shared: in each draw, its figure is the run's, with no run-to-run spread. */
function sharedTerms(sc: StepColumns, k: number): StepTerms {
  const form = sc.affine[k];
  const draws = sc.d.columns[k];
  return {
    addMean: (series, s, f) => {
      if (sc.drawn(k, s) || !form) {
        series.addColumn(sc.column(k, s), f);
        return;
      }
      series.add(f * form.base[s]);
      form.slopes.forEach((slope, v) => slope[s] !== 0 && series.addColumn(draws[v], f * slope[s]));
    },
    addVariance: () => undefined,
  };
}

/** A step whose ranges all differ from run to run, on a model of known size: constant moments. */
function constantTerms(mean: Float64Array, variance: Float64Array): StepTerms {
  return {
    addMean: (series, s, f) => series.add(f * mean[s]),
    addVariance: (series, s, f) => series.add(f * variance[s]),
  };
}

/**
 * Run-to-run ranges on a model whose size is a range: the figures other than energy do not
 * depend on the size; energy is E = gpus·perOutput·A + gpus·B + perInput·C, so each size draw's
 * mean and variance follow from the moments of (A, B, C).
 */
function sizedTerms(p: Plan, sc: StepColumns, j: number, k: number, nodes: NodeSet, minima: Float64Array): StepTerms {
  const mid = midSizeEnergy(p, j);
  const mean = new Float64Array(SLOTS);
  const variance = new Float64Array(SLOTS);
  integrate(p, j, nodes, minima, { gpus: mid.gpus, perOutput: mid.whPerOutputTokenPerGpu, perInput: mid.whPerPrefillToken }, mean, variance);
  const terms = energyTermMoments(p, j, nodes, minima);
  const [a, b, c] = terms.mean;
  const cov = terms.covariance;
  const e = sc.d.modelEnergy[sc.d.modelOf[k]];
  const energy = (s: number) => s === Slot.Energy || s === Slot.RequestWh || s === Slot.PrefillWh;
  return {
    addMean: (series, s, f) => {
      if (!energy(s)) series.add(f * mean[s]);
      else series.addColumn(energyMeans(e.gpus, e.perOutput, e.perInput, a, b, c), f);
    },
    addVariance: (series, s, f) => {
      if (!energy(s)) series.add(f * variance[s]);
      else series.addColumn(energyVariances(e.gpus, e.perOutput, e.perInput, cov), f);
    },
  };
}

/**
 * Run-to-run and shared ranges together: each draw's mean by the exact rule at that draw's shared
 * values (affine in them, as a reasoning prior or an assumed token count enters, where checked so:
 * then from coefficients, else draw by draw); the run-to-run variance at the middle of the shared
 * ranges (it enters a day's total as √N·s, a second-order term beside N·m).
 */
function mixedTerms(p: Plan, sc: StepColumns, j: number, k: number, nodes: { forMean: NodeSet; forVariance: NodeSet }, minima: Float64Array): StepTerms {
  const { runs, inputs, columns, modelOf, modelEnergy } = sc.d;
  const mid = midSizeEnergy(p, j);
  const midSize: SizeTerms = { gpus: mid.gpus, perOutput: mid.whPerOutputTokenPerGpu, perInput: mid.whPerPrefillToken };
  const e = modelOf[k] >= 0 ? modelEnergy[modelOf[k]] : null;
  const shared = inputs[k].map((input, v) => [input, v] as const).filter(([input]) => input.shared);
  const means = sharedMeansByForm(p, j, nodes.forMean, minima, shared.map(([input]) => input), midSize, e !== null)
    ?.columns(shared.map(([, v]) => columns[k][v]), runs, e ?? constantSize(midSize, runs))
    ?? sharedMeansByDraw(p, j, nodes.forMean, minima, shared.map(([input, v]) => [input, columns[k][v]] as const), midSize, e, runs);
  const middle = Float64Array.from(minima);
  for (const [input] of shared) middle[input.variable] = (input.min + input.max) / 2;
  const ignored = new Float64Array(SLOTS);
  const variance = new Float64Array(SLOTS);
  integrate(p, j, nodes.forVariance, middle, midSize, ignored, variance);
  return {
    addMean: (series, s, f) => series.addColumn(means[s], f),
    addVariance: (series, s, f) => series.add(f * variance[s]),
  };
}

/** A size's energy figures in every draw, for a model whose size is known. */
function constantSize(size: SizeTerms, runs: number): { gpus: Float64Array; perOutput: Float64Array; perInput: Float64Array } {
  return { gpus: new Float64Array(runs).fill(size.gpus), perOutput: new Float64Array(runs).fill(size.perOutput), perInput: new Float64Array(runs).fill(size.perInput) };
}

/**
 * The step's mean over its run-to-run inputs as an affine function of its shared ones: each slot,
 * and (on a ranged-size model) the three energy terms, from coefficients checked at the ends and
 * inside the shared ranges; null where the mean is not affine in them (shared turns).
 */
function sharedMeansByForm(p: Plan, j: number, nodes: NodeSet, minima: Float64Array, shared: RangedInput[], size: SizeTerms, sized: boolean) {
  const fixed = new Float64Array(VARS);
  const slots = new Float64Array(SLOTS);
  const meanAt = (t: (i: number) => number): Float64Array => {
    fixed.set(minima);
    shared.forEach((input, q) => (fixed[input.variable] = input.min + t(q)));
    integrate(p, j, nodes, fixed, size, slots, null);
    return Float64Array.from([...slots, ...(sized ? energyTermMoments(p, j, nodes, fixed).mean : [0, 0, 0])]);
  };
  const base = meanAt(() => 0);
  const slopes = shared.map((input, q) => {
    const end = meanAt((i) => (i === q ? input.max - input.min : 0));
    return end.map((x, o) => (x - base[o]) / (input.max - input.min));
  });
  for (const share of [1, 0.5, 0.37]) {
    const at = meanAt((q) => share * (shared[q].max - shared[q].min));
    for (let o = 0; o < base.length; o++) {
      let predicted = base[o];
      slopes.forEach((slope, q) => (predicted += slope[o] * share * (shared[q].max - shared[q].min)));
      if (!(Math.abs(predicted - at[o]) <= 1e-9 * Math.max(1, Math.abs(predicted), Math.abs(at[o])))) return null;
    }
  }
  return {
    /** Each slot's mean per draw, from the shared inputs' offsets and the size's energy figures per draw. */
    columns(offsets: DrawColumn[], runs: number, e: { gpus: Float64Array; perOutput: Float64Array; perInput: Float64Array }): Float64Array[] {
      const terms = Array.from(base, (b, o) => {
        const column = new Float64Array(runs).fill(b);
        slopes.forEach((slope, q) => slope[o] !== 0 && addColumn(column, offsets[q], slope[o]));
        return column;
      });
      const out = terms.slice(0, SLOTS);
      if (sized) sizedEnergy(out, terms[SLOTS], terms[SLOTS + 1], terms[SLOTS + 2], e);
      return out;
    },
  };
}

/** Energy per draw on a ranged-size model: gpus·(perOutput·A + B) + perInput·C, with A, B, C per draw. */
function sizedEnergy(out: Float64Array[], a: Float64Array, b: Float64Array, c: Float64Array, e: { gpus: Float64Array; perOutput: Float64Array; perInput: Float64Array }): void {
  const energy = out[Slot.Energy];
  const request = out[Slot.RequestWh];
  const prefill = out[Slot.PrefillWh];
  for (let r = 0; r < energy.length; r++) {
    request[r] = e.gpus[r] * (e.perOutput[r] * a[r] + b[r]);
    prefill[r] = e.perInput[r] * c[r];
    energy[r] = request[r] + prefill[r];
  }
}

/** The same, draw by draw: the exact rule at each draw's shared values and size. */
function sharedMeansByDraw(
  p: Plan, j: number, nodes: NodeSet, minima: Float64Array, shared: readonly (readonly [RangedInput, DrawColumn])[], midSize: SizeTerms,
  e: { gpus: Float64Array; perOutput: Float64Array; perInput: Float64Array } | null, runs: number,
): Float64Array[] {
  const means = Array.from({ length: SLOTS }, () => new Float64Array(runs));
  const fixed = new Float64Array(VARS);
  const at = new Float64Array(SLOTS);
  const size: SizeTerms = { ...midSize };
  for (let r = 0; r < runs; r++) {
    fixed.set(minima);
    for (const [input, column] of shared) fixed[input.variable] = input.min + column[r];
    if (e) [size.gpus, size.perOutput, size.perInput] = [e.gpus[r], e.perOutput[r], e.perInput[r]];
    integrate(p, j, nodes, fixed, size, at, null);
    for (let s = 0; s < SLOTS; s++) means[s][r] = at[s];
  }
  return means;
}

// The loops over the draws, as small functions: V8 optimizes them after a few calls.

/** E per size draw: gpus·(perOutput·A + B) + perInput·C, at the means of A, B and C. */
function energyMeans(gpus: Float64Array, perOutput: Float64Array, perInput: Float64Array, a: number, b: number, c: number): Float64Array {
  const out = new Float64Array(gpus.length);
  for (let r = 0; r < out.length; r++) out[r] = gpus[r] * (perOutput[r] * a + b) + perInput[r] * c;
  return out;
}

/** Var E per size draw: uᵀ·Cov(A, B, C)·u with u = (gpus·perOutput, gpus, perInput). */
function energyVariances(gpus: Float64Array, perOutput: Float64Array, perInput: Float64Array, cov: Float64Array): Float64Array {
  const out = new Float64Array(gpus.length);
  for (let r = 0; r < out.length; r++) {
    const u0 = gpus[r] * perOutput[r];
    const u1 = gpus[r];
    const u2 = perInput[r];
    const v = u0 * (cov[0] * u0 + cov[1] * u1 + cov[2] * u2) + u1 * (cov[3] * u0 + cov[4] * u1 + cov[5] * u2) + u2 * (cov[6] * u0 + cov[7] * u1 + cov[8] * u2);
    out[r] = v > 0 ? v : 0;
  }
  return out;
}
