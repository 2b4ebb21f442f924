// The seeded Monte Carlo over a planned workflow, in stages, each a module to read top to bottom:
//   1. draw (draws.ts): every ranged input, model size and branch, a column of draws each;
//   2. evaluate (stepColumns.ts): each ranged step's figures per draw, and the run's totals;
//   3. walk the critical path (wallTime.ts): each draw's wall time;
//   4. summarise per run (perRun.ts): p50, p95, min, max and mean, per step and per run;
//   5. total over runs: a run's exact moments per draw of what every run shares (overRuns.ts,
//      with moments.ts and branchShares.ts), then a day's and a month's totals of independent
//      runs (periodTotals.ts, mixture.ts).
// This module runs stages 1 to 3; the estimate (estimate.ts) asks stages 4 and 5 for figures.
// Typed arrays and no allocation in the loops keep 1,000 draws of 200 steps in a few ms.
import { drawInputs, type Draws } from './draws';
import type { Plan } from './plan';
import { runTotals, StepColumns } from './stepColumns';
import { Slot } from './stepMath';
import { walkCriticalPath } from './wallTime';

export interface Samples {
  runs: number;
  draws: Draws;
  /** Step j's index among the ranged steps, or -1 for a step with exact figures. */
  rangedIndex: Int32Array;
  columns: StepColumns;
  /** The run's totals per slot, one value per draw (latency: the critical path; not the energy terms). */
  totals: Float64Array[];
  /** The run's CO2 (g) per draw, where steps sit on different grids; null otherwise. */
  co2: Float64Array | null;
}

/**
 * `midVals` and `known` hold each step's figures at the midpoints of its ranges and whether each
 * is known; `batch` flags batch steps (no wall time); `gPerWh`, one per step, is its grid's carbon
 * intensity where steps sit on different grids (null where one grid serves all).
 */
export function runMonteCarlo(p: Plan, midVals: Float64Array, known: Uint8Array, batch: Uint8Array, runs: number, seed: number, gPerWh: Float64Array | null = null): Samples {
  const draws = drawInputs(p, runs, seed);
  const columns = new StepColumns(p, draws);
  const { totals, co2 } = runTotals(p, columns, midVals, known, gPerWh);
  walkCriticalPath(p, columns, midVals, batch, totals[Slot.Latency]);
  return { runs, draws, rangedIndex: draws.rangedIndex, columns, totals, co2 };
}
