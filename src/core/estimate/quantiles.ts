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
