// Stage 4 of the Monte Carlo: each figure of one run, per step (when the step runs) and for the
// whole run, as p50, p95, min and max over the draws, and its mean. The mean is exact over what
// differs from run to run (overRuns.ts): it is the figure a sum of runs follows, the headline.
import type { Figure } from '../types';
import type { Samples } from './monteCarlo';
import type { OverRuns } from './overRuns';
import { summarize, type Summary } from './quantiles';
import { Slot, SLOTS } from './stepMath';

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
  const sc = mc.columns;
  const cache = new Map<number, Summary>();
  const byInput = new Map<number, Summary>();
  const form = sc.affine[k];
  return (slot) => {
    let hit = cache.get(slot) ?? sc.energySummary(k, slot) ?? undefined;
    if (hit) {
      cache.set(slot, hit);
      return hit;
    }
    const moving = form && !sc.drawn(k, slot) ? form.slopes.map((s, v) => (s[slot] !== 0 ? v : -1)).filter((v) => v >= 0) : null;
    if (form && moving && moving.length === 0) {
      const v = form.base[slot];
      hit = { p50: v, p95: v, min: v, max: v };
    } else if (form && moving && moving.length === 1 && form.slopes[moving[0]][slot] > 0) {
      const v = moving[0];
      let drawn = byInput.get(v);
      if (!drawn) {
        const copy = summaryScratch(mc.runs);
        copy.set(mc.draws.columns[k][v]);
        drawn = summarize(copy);
        byInput.set(v, drawn);
      }
      const map = (x: number) => form.base[slot] + form.slopes[v][slot] * x;
      hit = { p50: map(drawn.p50), p95: map(drawn.p95), min: map(drawn.min), max: map(drawn.max) };
    } else {
      hit = summarize(sc.columnInto(k, slot, summaryScratch(mc.runs)));
    }
    cache.set(slot, hit);
    return hit;
  };
}

export interface RunFigures {
  /** Step j's figure in `slot` when it runs; null where unknown. */
  step(j: number, slot: number): Figure | null;
  /** The run's figure in `slot`; null where a step's is unknown. */
  total(slot: number): Figure | null;
  /** The run's CO2 (g), each step's energy on its own grid (`gPerWh`, per step). */
  co2(gPerWh: Float64Array, oneGrid: boolean): Figure | null;
}

const withMean = (s: Summary, mean: number): Figure => ({ mean, p50: s.p50, p95: s.p95, min: s.min, max: s.max });

export function runFigures(mc: Samples, midVals: Float64Array, known: Uint8Array, over: OverRuns, branched: boolean): RunFigures {
  const n = over.shares.length;
  const summaries = new Map<number, (slot: number) => Summary>();
  const isKnown = (j: number, slot: number) => known[j * SLOTS + slot] === 1;
  const step = (j: number, slot: number): Figure | null => {
    if (!isKnown(j, slot)) return null;
    const k = mc.rangedIndex[j];
    if (k < 0) {
      const v = midVals[j * SLOTS + slot];
      return { mean: v, p50: v, p95: v, min: v, max: v };
    }
    let all = summaries.get(k);
    if (!all) {
      all = stepSummaries(mc, k);
      summaries.set(k, all);
    }
    return withMean(all(slot), over.stepMeans[j][slot]);
  };
  const allKnown = (slot: number) => Array.from({ length: n }, (_, j) => isKnown(j, slot)).every(Boolean);
  /** The mean of a run's total: each step's mean when it runs, times the share of runs it runs in. */
  const meanOfSum = (slot: number, weight: (j: number) => number = () => 1) => {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += over.shares[j] * weight(j) * over.stepMeans[j][slot];
    return sum;
  };
  /** A run takes one branch; the maximum is every branch taken, each at its maximum. */
  const branchMax = (f: Figure, slot: number, weight: (j: number) => number) => {
    if (branched) f.max = Math.max(f.max, Array.from({ length: n }, (_, j) => (step(j, slot)?.max ?? 0) * weight(j)).reduce((a, b) => a + b, 0));
    return f;
  };
  return {
    step,
    total: (slot) => {
      if (!allKnown(slot)) return null;
      const s = summarize(mc.totals[slot].slice());
      if (slot === Slot.Latency) return withMean(s, columnMean(mc.totals[slot]));
      return branchMax(withMean(s, meanOfSum(slot)), slot, () => 1);
    },
    co2: (gPerWh, oneGrid) => {
      if (!allKnown(Slot.Energy)) return null;
      if (oneGrid || !mc.co2) {
        const g = n > 0 ? gPerWh[0] : 0;
        const e = branchMax(withMean(summarize(mc.totals[Slot.Energy].slice()), meanOfSum(Slot.Energy)), Slot.Energy, () => 1);
        return { mean: e.mean * g, p50: e.p50 * g, p95: e.p95 * g, min: e.min * g, max: e.max * g };
      }
      return branchMax(withMean(summarize(mc.co2.slice()), meanOfSum(Slot.Energy, (j) => gPerWh[j])), Slot.Energy, (j) => gPerWh[j]);
    },
  };
}

function columnMean(values: Float64Array): number {
  let sum = 0;
  for (let r = 0; r < values.length; r++) sum += values[r];
  return sum / values.length;
}
