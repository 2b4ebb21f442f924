// Calendar days as prices are dated (YYYY-MM-DD, in UTC), and the one clock every "today" is read
// from: prices as of, calibration dates, retirements, introductory prices and reports' dates.
// Tests pin it (pinToday), and so can a reproducible CI run: AGENT_COST_TODAY=YYYY-MM-DD.

let pinned: string | null = null;

/** Today's date in UTC (whatever the machine's time zone), or the pinned day. */
export function today(): string {
  if (pinned) return pinned;
  const fromEnv = typeof process !== 'undefined' ? process.env.AGENT_COST_TODAY?.trim() : undefined;
  if (fromEnv && isIsoDate(fromEnv)) return fromEnv;
  return new Date().toISOString().slice(0, 10);
}

/** Pins today's date (null unpins it): for tests, which must pass on any day. */
export function pinToday(day: string | null): void {
  if (day !== null && !isIsoDate(day)) throw new Error(`not a calendar day: ${day}`);
  pinned = day;
}

/** A real calendar day written YYYY-MM-DD (not 2026-02-30). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
}
