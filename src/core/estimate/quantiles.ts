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

/** p50, p95, min and max of `values` (reordered in place). */
export function summarize(values: Float64Array): Summary {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return { p50: min, p95: min, min, max };
  // after selecting the median, everything at or above it sits in the upper half
  const p50 = quantileInPlace(values, 0.5);
  const p95 = quantileInPlace(values, 0.95, Math.floor((values.length - 1) * 0.5));
  return { p50, p95, min, max };
}
