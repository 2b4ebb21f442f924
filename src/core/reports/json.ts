// The machine-readable report: `agent-cost estimate --format json` and the extension's JSON export.
import type { Estimate, Figure, Figures, ObservedFigures, SourceSpan } from '../types';
import { jsonText } from './escape';

type Pair = { mean: number; p50: number; p95: number; min: number; max: number } | null;

const pair = (f: Figure | null): Pair => (f ? { mean: f.mean, p50: f.p50, p95: f.p95, min: f.min, max: f.max } : null);

function figures(f: Figures | null) {
  if (!f) return null;
  return {
    cost_usd: pair(f.cost_usd),
    latency_s: pair(f.latency_s),
    energy_wh: pair(f.energy_wh),
    co2_g: pair(f.co2_g),
    input_tokens: pair(f.input_tokens),
    output_tokens: pair(f.output_tokens),
    reasoning_tokens: pair(f.reasoning_tokens),
    calls: pair(f.calls),
  };
}

/** Observed figures per run: `runs`, then each figure as { mean, p50, p95 }, and `versus_estimate`. */
const observedJson = (o: ObservedFigures) => ({ runs: o.runs, ...o.figures, versus_estimate: o.versus });

const position = (s: SourceSpan) => ({ line: s.start.line, column: s.start.column, end_line: s.end.line, end_column: s.end.column });

export function workflowJson(e: Estimate) {
  return {
    file: e.file,
    name: e.name,
    format: e.format,
    ok: e.ok,
    errors: e.errors.map((p) => ({ ...(p.file !== e.file ? { file: p.file } : {}), message: p.message, ...position(p.span), severity: p.severity, code: p.code, ...(p.suggestions ? { suggestions: p.suggestions } : {}) })),
    per_run: figures(e.per_run),
    per_day: figures(e.per_day),
    per_month: figures(e.per_month),
    critical_path: e.criticalPath,
    steps: e.steps.map((s) => ({
      id: s.id,
      model: s.model,
      model_name: s.modelName,
      ...position(s.span),
      runs_share: s.runsShare,
      ...(s.branches.length ? { branches: s.branches } : {}),
      ...figures(s),
      mean_per_run: s.meanPerRun,
      cost_share: s.costShare,
      energy_terms_mean: s.energyTerms,
      batch: s.batch,
      speed_assumed: s.speedAssumed,
      on_critical_path: s.onCriticalPath,
      price_source: s.priceSource,
      price_as_of: s.priceAsOf,
      speed_source: s.speedSource,
      energy_source: s.energySource,
      reasoning: s.reasoning && { effort: s.reasoning.effort, tokens_per_call: s.reasoning.tokensPerCall, source: s.reasoning.source },
      grid: { name: s.grid.name, gco2e_per_kwh: s.grid.gPerKwh },
      ...(e.observed?.steps[s.id] ? { observed: observedJson(e.observed.steps[s.id]) } : {}),
    })),
    budget: e.budget.map((b) => ({ key: b.key, limit: b.limit, value: b.value, holds: b.holds, ...(b.reason ? { not_checked: b.reason } : {}), ...position(b.span) })),
    alternatives: e.alternatives,
    what_if: e.whatIf,
    assumptions: e.assumptions,
    ...(e.observed
      ? { observed: { files: e.observed.files, ...observedJson(e.observed), cost_from: e.observed.costFrom, unmatched: e.observed.unmatched, other_runs: e.observed.otherRuns, skipped: e.observed.skipped } }
      : {}),
    settings: {
      region: e.settings.region, grid_gco2e_per_kwh: e.settings.gridGPerKwh, samples: e.settings.samples, seed: e.settings.seed,
      price_date: e.settings.priceDate, price_data: e.settings.priceData,
    },
  };
}

/** Files named explicitly that turned out not to be workflows are listed with the reason. */
export function jsonReport(estimates: readonly Estimate[], notWorkflows: readonly { file: string; reason: string }[] = []): string {
  const report = notWorkflows.length ? { workflows: estimates.map(workflowJson), not_workflows: notWorkflows } : { workflows: estimates.map(workflowJson) };
  return `${jsonText(JSON.stringify(report, null, 2))}\n`;
}
