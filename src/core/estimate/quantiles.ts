// p50 and p95 by linear interpolation between order statistics (numpy's default, "type 7"),
// found by selection rather than a full sort: the Monte Carlo runs on every keystroke.

/** Rearranges `a[from..to]` so that a[k] holds the k-th smallest value (Hoare's quickselect). */
function select(a: Float64Array, k: number, from: number, to: number): void {
  let lo = from;
  let hi = to;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three as the pivot, so sorted or constant inputs stay fast
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** The q-quantile (0 ≤ q ≤ 1) of `values`, which it reorders. */
export function quantileInPlace(values: Float64Array, q: number, from = 0): number {
  const n = values.length;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  select(values, lo, from, n - 1);
  const low = values[lo];
  if (lo + 1 >= n || h === lo) return low;
  let next = Infinity;
  for (let i = lo + 1; i < n; i++) if (values[i] < next) next = values[i];
  return low + (h - lo) * (next - low);
}

export interface Summary {
  p50: number;
  p95: number;
  min: number;
  max: number;
}

/**
 * Buckets for the selection in summarize: values fall into BUCKETS equal slices of [min, max]
 * (the max in a slice of its own) and one pass counts them; a quantile's two order statistics
 * are then selected among the few values of their slices only, in about a third of the time of
 * a selection over all of them. The slice of a value never decreases as the value grows (IEEE
 * subtraction and multiplication round monotonically), so the result is a full selection's.
 */
const BUCKETS = 256;
const MIN_FOR_BUCKETS = 64;
const counts = new Int32Array(BUCKETS + 1);
const wanted = new Uint8Array(BUCKETS + 1);
let bucketOf = new Uint16Array(0);
let near50 = new Float64Array(0);
let near95 = new Float64Array(0);

interface BucketRank {
  bucket: number;
  /** How many values lie in the buckets before it. */
  below: number;
}

/** The bucket holding each order statistic of `ranks` (ascending), in one scan of the buckets. */
function bucketsAt(ranks: number[]): BucketRank[] {
  const tally = counts;
  const found: BucketRank[] = [];
  let below = 0;
  for (let bucket = 0, r = 0; r < ranks.length; bucket++) {
    while (r < ranks.length && ranks[r] < below + tally[bucket]) found[r++] = { bucket, below };
    below += tally[bucket];
  }
  return found;
}

/** The q-quantile of n values, from those gathered from its buckets, `below` others being smaller. */
function quantileAmong(gathered: Float64Array, size: number, below: number, n: number, q: number): number {
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const k = lo - below;
  select(gathered, k, 0, size - 1);
  const low = gathered[k];
  if (lo + 1 >= n || h === lo) return low;
  let next = Infinity;
  for (let i = k + 1; i < size; i++) if (gathered[i] < next) next = gathered[i];
  return low + (h - lo) * (next - low);
}

/** Counts the values into buckets; false where one is not a number (NaN), which buckets cannot order. */
function countBuckets(values: Float64Array, min: number, max: number): boolean {
  const scale = BUCKETS / (max - min);
  if (!Number.isFinite(scale) || !Number.isFinite(min)) return false;
  if (bucketOf.length < values.length) bucketOf = new Uint16Array(values.length);
  // locals, not the module's bindings, in the loops: V8 keeps them in registers
  const ids = bucketOf;
  const tally = counts;
  tally.fill(0);
  for (let i = 0; i < values.length; i++) {
    const b = Math.floor((values[i] - min) * scale);
    if (!(b >= 0 && b <= BUCKETS)) return false;
    ids[i] = b;
    tally[b]++;
  }
  return true;
}

/** p50 and p95 of counted values: one more pass gathers the values of their buckets. */
function bucketQuantiles(values: Float64Array): { p50: number; p95: number } {
  const n = values.length;
  const lo50 = Math.floor((n - 1) * 0.5);
  const lo95 = Math.floor((n - 1) * 0.95);
  const [a, { bucket: b }, c, { bucket: d }] = bucketsAt([lo50, Math.min(n - 1, lo50 + 1), lo95, Math.min(n - 1, lo95 + 1)]);
  if (near50.length < n) {
    near50 = new Float64Array(n);
    near95 = new Float64Array(n);
  }
  // which quantile wants each bucket: 1 for p50, 2 for p95, 3 for both
  const wants = wanted;
  wants.fill(0);
  for (let at = a.bucket; at <= b; at++) wants[at] |= 1;
  for (let at = c.bucket; at <= d; at++) wants[at] |= 2;
  const ids = bucketOf;
  const for50 = near50;
  const for95 = near95;
  let m50 = 0;
  let m95 = 0;
  for (let i = 0; i < n; i++) {
    const want = wants[ids[i]];
    if (want === 0) continue;
    if (want & 1) for50[m50++] = values[i];
    if (want & 2) for95[m95++] = values[i];
  }
  return { p50: quantileAmong(for50, m50, a.below, n, 0.5), p95: quantileAmong(for95, m95, c.below, n, 0.95) };
}

/** p50, p95, min and max of `values` (which it may reorder). */
export function summarize(values: Float64Array): Summary {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return { p50: min, p95: min, min, max };
  // (a few values are selected directly: their p50 and p95 neighbours can overlap)
  if (values.length >= MIN_FOR_BUCKETS && countBuckets(values, min, max)) {
    const { p50, p95 } = bucketQuantiles(values);
    return { p50, p95, min, max };
  }
  // after selecting the median, everything at or above it sits in the upper half
  const p50 = quantileInPlace(values, 0.5);
  const p95 = quantileInPlace(values, 0.95, Math.floor((values.length - 1) * 0.5));
  return { p50, p95, min, max };
}

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
