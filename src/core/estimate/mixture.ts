// The distribution of a day's total when each draw of what every run shares gives it a normal
// spread (stage 5, periodTotals.ts): a mixture of normals, and its quantiles.
import { quantileInPlace } from './quantiles';

/** Chebyshev coefficients of erfc (Numerical Recipes, 3rd ed., §6.2.2): a relative error near 1e-16. */
const ERFC = [
  -1.3026537197817094, 6.419697923564902e-1, 1.9476473204185836e-2, -9.561514786808631e-3, -9.46595344482036e-4,
  3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5, -1.624290004647e-6, 1.30365583558e-6, 1.5626441722e-8,
  -8.5238095915e-8, 6.529054439e-9, 5.059343495e-9, -9.91364156e-10, -2.27365122e-10, 9.6467911e-11, 2.394038e-12,
  -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13, 3.81e-16, 7.106e-15, -1.523e-15, -9.4e-17, 1.21e-16, -2.8e-17,
];

/** erfc(z) for z ≥ 0. */
function erfc(z: number): number {
  let d = 0;
  let dd = 0;
  const t = 2 / (2 + z);
  const ty = 4 * t - 2;
  for (let j = ERFC.length - 1; j > 0; j--) {
    const previous = d;
    d = ty * d - dd + ERFC[j];
    dd = previous;
  }
  return t * Math.exp(-z * z + 0.5 * (ERFC[0] + ty * d) - dd);
}

/** The standard normal's distribution function. */
export function normalCdf(z: number): number {
  const tail = 0.5 * erfc(Math.abs(z) / Math.SQRT2);
  return z >= 0 ? 1 - tail : tail;
}

/** Beyond this many standard deviations a normal's share is 0 or 1, to the precision wanted here. */
const TAIL = 9;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * A sum of n runs when each draw k of the shared unknowns gives a run of mean m_k and variance
 * v_k: the mixture over the draws of N(n·m_k, n·v_k) (spec §3). The draws are grouped by their
 * mean into GROUPS equal slices of its range, each slice a normal with the slice's mean and
 * variance (n·mean v + n²·variance of m), so a quantile reads GROUPS components rather than every
 * draw; where no draw has run-to-run variance, the total is n times the draws' own quantile.
 */
export class RunMixture {
  private readonly weights: Float64Array;
  private readonly means: Float64Array;
  private readonly spreadOfMeans: Float64Array;
  private readonly runVariances: Float64Array;
  private readonly exact: Float64Array | null;

  constructor(m: Float64Array, v: Float64Array) {
    const count = m.length;
    let min = Infinity;
    let max = -Infinity;
    let varies = false;
    for (let k = 0; k < count; k++) {
      if (m[k] < min) min = m[k];
      if (m[k] > max) max = m[k];
      if (v[k] !== 0) varies = true;
    }
    this.exact = varies ? null : m.slice();
    const groups = Math.min(GROUPS, count);
    const scale = max > min ? groups / (max - min) : 0;
    const n = new Float64Array(groups);
    const sum = new Float64Array(groups);
    const square = new Float64Array(groups);
    const runs = new Float64Array(groups);
    for (let k = 0; k < count; k++) {
      const g = Math.min(groups - 1, Math.floor((m[k] - min) * scale));
      n[g]++;
      sum[g] += m[k];
      square[g] += m[k] * m[k];
      runs[g] += v[k];
    }
    this.weights = new Float64Array(groups);
    this.means = new Float64Array(groups);
    this.spreadOfMeans = new Float64Array(groups);
    this.runVariances = new Float64Array(groups);
    for (let g = 0; g < groups; g++) {
      if (n[g] === 0) continue;
      this.weights[g] = n[g] / count;
      this.means[g] = sum[g] / n[g];
      this.spreadOfMeans[g] = Math.max(0, square[g] / n[g] - this.means[g] * this.means[g]);
      this.runVariances[g] = runs[g] / n[g];
    }
  }

  /** The q-quantile of the total of `runs` runs. */
  quantile(runs: number, q: number): number {
    if (this.exact) return runs * quantileInPlace(this.exact.slice(), q);
    const centres = this.means.map((x) => runs * x);
    const spreads = this.spreadOfMeans.map((x, g) => Math.sqrt(runs * runs * x + runs * this.runVariances[g]));
    return mixtureQuantile(centres, spreads, q, this.weights);
  }
}

const GROUPS = 64;

/**
 * The q-quantile of a mixture of normals N(centres[i], spreads[i]²) with `weights` (a spread of
 * 0 is a point): the t where the mixture's distribution function reaches q, by Newton's method
 * inside a bracket that always holds it, bisecting where a step would leave it.
 */
export function mixtureQuantile(centres: Float64Array, spreads: Float64Array, q: number, weights: Float64Array): number {
  const n = centres.length;
  let density = 0;
  const cdf = (t: number): number => {
    let sum = 0;
    density = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (w === 0) continue;
      const sd = spreads[i];
      if (sd === 0) {
        if (centres[i] <= t) sum += w;
        continue;
      }
      const z = (t - centres[i]) / sd;
      if (z >= TAIL) sum += w;
      else if (z > -TAIL) {
        sum += w * normalCdf(z);
        density += (w * INV_SQRT_2PI * Math.exp(-0.5 * z * z)) / sd;
      }
    }
    return sum;
  };
  let lo = Infinity;
  let hi = -Infinity;
  // start from the normal with the mixture's mean and variance: most mixtures here are near one
  let mean = 0;
  let second = 0;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, centres[i] - TAIL * spreads[i]);
    hi = Math.max(hi, centres[i] + TAIL * spreads[i]);
    mean += weights[i] * centres[i];
    second += weights[i] * (centres[i] * centres[i] + spreads[i] * spreads[i]);
  }
  if (!(hi > lo)) return lo;
  let t = Math.min(hi, Math.max(lo, mean + normalQuantile(q) * Math.sqrt(Math.max(0, second - mean * mean))));
  for (let i = 0; i < 200; i++) {
    const f = cdf(t) - q;
    if (Math.abs(f) < 1e-12) return t;
    if (f < 0) lo = t;
    else hi = t;
    if (hi - lo <= 1e-12 * Math.max(Math.abs(lo), Math.abs(hi))) break;
    const step = density > 0 ? t - f / density : NaN;
    t = step > lo && step < hi ? step : (lo + hi) / 2;
  }
  return t;
}

/** The standard normal's quantiles the estimate uses, as a starting point. */
function normalQuantile(q: number): number {
  return q === 0.5 ? 0 : q === 0.95 ? 1.6448536269514722 : 0;
}
