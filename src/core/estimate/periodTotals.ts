// Stage 5, the end: the total of N independent runs, from a run's moments per draw of what every
// run shares (overRuns.ts). For N ≥ 30 each draw contributes a normal of mean N·m and variance N·v
// (the central limit theorem), and the quantiles are the mixture's; for fewer runs the sum is
// drawn run by run.
import { RunMixture } from './mixture';
import type { RunMoments } from './overRuns';
import { summarize } from './quantiles';

/**
 * The total of N independent runs, from a run's moments per draw of the shared unknowns:
 * mean, p50 and p95. For N ≥ 30 each draw contributes N(N·m, N·v) and the quantiles are the
 * mixture's; for fewer runs the sum is drawn: N·m_k plus N run-to-run deviations taken from the
 * draws (`perRun` holds each draw's run total), each rescaled to draw k's standard deviation.
 */
export function totalOfRuns(moments: RunMoments, perRun: Float64Array, meanPerRun: number, n: number): { mean: number; p50: number; p95: number } {
  const mean = n * meanPerRun;
  const runs = perRun.length;
  if (n >= LARGE && typeof moments.mean === 'number' && typeof moments.variance === 'number') {
    return { mean, p50: mean, p95: mean + Z95 * Math.sqrt(n * moments.variance) };
  }
  // each draw's mean, moved so that their average is the exact mean (a run's mean is exact over
  // its own ranges; the draws of the shared unknowns only spread it)
  const drawn = typeof moments.mean === 'number' ? new Float64Array(runs).fill(moments.mean) : moments.mean;
  const m = recentred(drawn, meanPerRun);
  const v = typeof moments.variance === 'number' ? new Float64Array(runs).fill(moments.variance) : moments.variance;
  if (n >= LARGE) {
    let mixture = mixtures.get(moments);
    if (!mixture) {
      mixture = new RunMixture(m, v);
      mixtures.set(moments, mixture);
    }
    return { mean, p50: mixture.quantile(n, 0.5), p95: mixture.quantile(n, 0.95) };
  }
  return { mean, ...sumOfFewRuns(m, drawn, v.map(Math.sqrt), perRun, n) };
}

function recentred(m: Float64Array, mean: number): Float64Array {
  let sum = 0;
  for (let r = 0; r < m.length; r++) sum += m[r];
  const shift = mean - sum / m.length;
  return m.map((x) => x + shift);
}

/** Each figure's mixture, made once for its day and its month. */
const mixtures = new WeakMap<RunMoments, RunMixture>();

/**
 * N < LARGE runs, summed: for each draw, N·m plus N run-to-run deviations of other draws (each run
 * less its draw's mean, `drawn`), rescaled to its own standard deviation.
 */
function sumOfFewRuns(m: Float64Array, drawn: Float64Array, sd: Float64Array, perRun: Float64Array, n: number): { p50: number; p95: number } {
  const runs = perRun.length;
  const whole = Math.max(1, Math.round(n));
  const stride = Math.max(1, Math.floor(runs * 0.6180339887));
  const totals = new Float64Array(runs);
  for (let r = 0; r < runs; r++) {
    let total = whole * m[r];
    if (sd[r] > 0) {
      for (let i = 0; i < whole; i++) {
        const from = (r + i * stride + i) % runs;
        if (sd[from] > 0) total += ((perRun[from] - drawn[from]) * sd[r]) / sd[from];
      }
    }
    totals[r] = (total * n) / whole;
  }
  const s = summarize(totals);
  return { p50: s.p50, p95: s.p95 };
}

/** Below this many runs a day, the sum is drawn rather than taken as normal. */
const LARGE = 30;
/** The standard normal's 95th percentile. */
const Z95 = 1.6448536269514722;
