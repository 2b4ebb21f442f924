// The compute gap, and "electrons into tokens": what a power budget serves per day through the
// energy model. Pure arithmetic, tested against hand-computed numbers.

/** How many times `b` is `a`. */
export function ratio(a: number, b: number): number {
  return b / a;
}

const HOURS_PER_DAY = 24;

/** Output tokens per day that `megawatts` of capacity serves at `whPerToken` (PUE included). */
export function tokensPerDay(megawatts: number, whPerToken: number): number {
  return (megawatts * 1e6 * HOURS_PER_DAY) / whPerToken;
}

/** Runs per day of a workflow that uses `whPerRun`. */
export function runsPerDay(megawatts: number, whPerRun: number): number {
  return (megawatts * 1e6 * HOURS_PER_DAY) / whPerRun;
}
