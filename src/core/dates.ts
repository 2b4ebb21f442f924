// Calendar days as prices are dated: YYYY-MM-DD, in UTC.

/** Today's date in UTC, the default day prices are read for. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A real calendar day written YYYY-MM-DD (not 2026-02-30). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
}
