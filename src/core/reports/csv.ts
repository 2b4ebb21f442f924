// One row per step and one total row per workflow, for spreadsheets.
import type { Estimate, Figure, Figures } from '../types';
import { csvText } from './escape';

const HEADER = [
  'file', 'workflow', 'step', 'model', 'calls_p50', 'input_tokens_p50', 'output_tokens_p50', 'reasoning_tokens_p50',
  'cost_usd_p50', 'cost_usd_p95', 'latency_s_p50', 'latency_s_p95', 'energy_wh_p50', 'energy_wh_p95', 'co2_g_p50', 'co2_g_p95',
  'cost_usd_per_day_p50', 'cost_usd_per_month_p50', 'price_source', 'price_as_of', 'grid_gco2e_per_kwh',
];

/** Significant digits kept: the estimate is no more precise than that, and spreadsheets show no float noise. */
const DIGITS = 4;

/** A number rounded to meaningful digits; text as csvText writes it (escape.ts). */
function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toPrecision(DIGITS))) : '';
  return csvText(v);
}

const p50 = (f: Figure | null) => (f ? f.p50 : null);
const p95 = (f: Figure | null) => (f ? f.p95 : null);

function figureCells(f: Figures): (number | null)[] {
  return [p50(f.calls), p50(f.input_tokens), p50(f.output_tokens), p50(f.reasoning_tokens), p50(f.cost_usd), p95(f.cost_usd), p50(f.latency_s), p95(f.latency_s),
    p50(f.energy_wh), p95(f.energy_wh), p50(f.co2_g), p95(f.co2_g)];
}

export function csvReport(estimates: readonly Estimate[]): string {
  const rows: (string | number | null)[][] = [HEADER];
  for (const e of estimates) {
    for (const s of e.steps) {
      rows.push([e.file, e.name, s.id, s.model, ...figureCells(s), null, null, s.priceSource, s.priceAsOf, s.grid.gPerKwh]);
    }
    if (e.per_run) {
      rows.push([e.file, e.name, '(total)', '', ...figureCells(e.per_run), p50(e.per_day?.cost_usd ?? null), p50(e.per_month?.cost_usd ?? null), '', '', e.settings.gridGPerKwh]);
    }
  }
  return `${rows.map((r) => r.map(cell).join(',')).join('\n')}\n`;
}
