// Number formatting shared by every report, hover and table: the same figure reads the same way.
import type { Figure, StepEstimate } from '../types';

const sig2 = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 });
const sig3 = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const cents = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function usd(v: number): string {
  const a = Math.abs(v);
  const sign = v < 0 ? '-' : '';
  if (a >= 1000) return `${sign}$${whole.format(a)}`;
  if (a >= 1) return `${sign}$${cents.format(a)}`;
  return `${sign}$${sig2.format(a)}`;
}

export function seconds(v: number): string {
  if (v < 1) return `${Math.round(v * 1000)} ms`;
  if (v < 100) return `${sig2.format(v)} s`;
  if (v < 3600) return `${sig2.format(v / 60)} min`;
  if (v < 86400 * 2) return `${sig3.format(v / 3600)} h`;
  return `${sig3.format(v / 86400)} d`;
}

export function wh(v: number): string {
  if (v >= 1e6) return `${sig3.format(v / 1e6)} MWh`;
  if (v >= 1000) return `${sig3.format(v / 1000)} kWh`;
  return `${v >= 100 ? whole.format(v) : sig2.format(v)} Wh`;
}

export function grams(v: number): string {
  if (v >= 1e6) return `${sig3.format(v / 1e6)} t`;
  if (v >= 1000) return `${sig3.format(v / 1000)} kg`;
  return `${v >= 100 ? whole.format(v) : sig2.format(v)} g`;
}

export function count(v: number): string {
  if (v >= 1e12) return `${sig3.format(v / 1e12)}T`;
  if (v >= 1e9) return `${sig3.format(v / 1e9)}B`;
  if (v >= 1e6) return `${sig3.format(v / 1e6)}M`;
  if (v >= 1e4) return `${sig3.format(v / 1e3)}k`;
  // a mean that is a whole number up to rounding (19 turns on average) reads as one
  const nearWhole = Math.abs(v - Math.round(v)) <= 1e-9 * Math.max(1, Math.abs(v));
  return nearWhole || v >= 100 ? whole.format(v) : cents.format(v);
}

/** "mean (p95 …)", the headline of a figure a sum of runs follows; a single value when both agree. */
export function meanAndP95(f: Figure | null, fmt: (v: number) => string): string {
  if (!f) return 'unknown';
  return fmt(f.mean) === fmt(f.p95) ? fmt(f.mean) : `${fmt(f.mean)} (p95 ${fmt(f.p95)})`;
}

/**
 * Where a step runs: "runs in 1 of 3 branches of 'route' (33% of runs)", or the share the file
 * states; null for a step that runs in every run.
 */
export function branchText(s: Pick<StepEstimate, 'branches' | 'runsShare'>): string | null {
  if (s.branches.length === 0) return null;
  const parts = s.branches.filter((b) => b.group !== null).map((b) => `${b.taken} of ${b.of} branches of '${b.group}'`);
  const stated = s.branches.length > parts.length ? ' (runs_share)' : '';
  return parts.length ? `runs in ${parts.join(' and ')} (${percent(s.runsShare)} of runs${stated ? ', with its runs_share' : ''})` : `runs in ${percent(s.runsShare)} of runs${stated}`;
}

/** "p50 (p95 …)" or a single value when both agree; "unknown" for a missing figure. */
export function range(f: Figure | null, fmt: (v: number) => string): string {
  if (!f) return 'unknown';
  return f.p50 === f.p95 ? fmt(f.p50) : `${fmt(f.p50)} (p95 ${fmt(f.p95)})`;
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
}
