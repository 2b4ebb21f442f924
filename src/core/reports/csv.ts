// One row per step and one total row per workflow, for spreadsheets.
import type { Estimate, Figure, Figures } from '../types';
import { csvText } from './escape';

/** Each figure's columns: its mean (the expected value of a run), then p50, p95, min and max. */
const FIGURES = ['calls', 'input_tokens', 'output_tokens', 'reasoning_tokens', 'cost_usd', 'latency_s', 'energy_wh', 'co2_g'] as const;
const STATS = ['mean', 'p50', 'p95', 'min', 'max'] as const;

const HEADER = [
  'file', 'workflow', 'step', 'model', 'runs_share', ...FIGURES.flatMap((f) => STATS.map((q) => `${f}_${q}`)),
  'cost_usd_per_day_mean', 'cost_usd_per_day_p95', 'cost_usd_per_month_mean', 'cost_usd_per_month_p95', 'price_source', 'price_as_of', 'grid_gco2e_per_kwh',
];

/** Significant digits kept: the estimate is no more precise than that, and spreadsheets show no float noise. */
const DIGITS = 4;

/** A number rounded to meaningful digits; text as csvText writes it (escape.ts). */
function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toPrecision(DIGITS))) : '';
  return csvText(v);
}

/** A step's figures are those of a run it runs in (its runs_share says how often). */
function figureCells(f: Figures): (number | null)[] {
  return FIGURES.flatMap((name) => {
    const figure: Figure | null = f[name];
    return STATS.map((q) => (figure ? figure[q] : null));
  });
}

export function csvReport(estimates: readonly Estimate[]): string {
  const rows: (string | number | null | undefined)[][] = [HEADER];
  for (const e of estimates) {
    for (const s of e.steps) {
      rows.push([e.file, e.name, s.id, s.model, s.runsShare, ...figureCells(s), null, null, null, null, s.priceSource, s.priceAsOf, s.grid.gPerKwh]);
    }
    if (e.per_run) {
      const day = e.per_day?.cost_usd ?? null;
      const month = e.per_month?.cost_usd ?? null;
      rows.push([e.file, e.name, '(total)', '', 1, ...figureCells(e.per_run), day?.mean, day?.p95, month?.mean, month?.p95, '', '', e.settings.gridGPerKwh]);
    }
  }
  return `${rows.map((r) => r.map(cell).join(',')).join('\n')}\n`;
}
