// The human report: totals, per-step tables, budgets, alternatives, problems, assumptions and the
// source and date of every figure. Used by the CLI's markdown format and the editor's report.
import { ENERGY_BOUNDARY } from '../energy';
import type { Estimate, Figure, Figures } from '../types';
import { mdCode, mdText } from './escape';
import { branchText, count, grams, meanAndP95, percent, range, seconds, usd, wh } from './format';
import { observedMarkdown } from './observed';

/** A figure's headline in a table cell: its mean, with the p95 beside it. */
const cellOf = (f: Figure | null, fmt: (v: number) => string): string => meanAndP95(f, fmt).replace(/\|/g, '\\|');
/** Wall time has no mean headline (it is not summed): p50, with the p95 beside it. */
const timeCell = (f: Figure | null): string => range(f, seconds).replace(/\|/g, '\\|');

function totalsTable(e: Estimate): string[] {
  const cols: [string, Figures | null][] = [['per run', e.per_run]];
  if (e.per_day) cols.push([`per day`, e.per_day], ['per month (30 days)', e.per_month]);
  const row = (label: string, pick: (f: Figures) => string) =>
    `| ${label} | ${cols.map(([, f]) => (f ? pick(f) : '')).join(' | ')} |`;
  return [
    `| | ${cols.map(([c]) => c).join(' | ')} |`,
    `|---|${cols.map(() => '---:').join('|')}|`,
    row('Cost', (f) => cellOf(f.cost_usd, usd)),
    row('Wall time (critical path, p50)', (f) => (f === e.per_run ? (f.latency_s ? timeCell(f.latency_s) : 'batch (asynchronous)') : '')),
    row('Energy', (f) => cellOf(f.energy_wh, wh)),
    row('CO2e', (f) => cellOf(f.co2_g, grams)),
    row('LLM calls', (f) => cellOf(f.calls, count)),
    row('Input tokens', (f) => cellOf(f.input_tokens, count)),
    row('Output tokens', (f) => cellOf(f.output_tokens, count)),
    ...(e.per_run && e.per_run.reasoning_tokens.max > 0 ? [row('of which reasoning', (f) => cellOf(f.reasoning_tokens, count))] : []),
  ];
}

export function markdownReport(estimates: readonly Estimate[]): string {
  const out: string[] = ['# Agent Cost Lens estimate', ''];
  out.push('Figures are means (the expected figure of a run, which totals over many runs follow) with p95 in brackets where a range makes them uncertain; wall time is the p50 (median). A day\'s and a month\'s totals add up independent runs: their p95 keeps what is the same in every run (assumed defaults, model sizes) and averages out what differs from run to run.', '');
  const first = estimates.find((e) => e.settings.priceData);
  if (first) out.push(`Prices as of ${first.settings.priceDate}, from ${mdText(first.settings.priceData)}. Energy counts ${mdText(ENERGY_BOUNDARY)}.`, '');
  if (estimates.length > 1) {
    out.push('| Workflow | Cost per run | p95 wall time | Energy per run | Cost per month |', '|---|---:|---:|---:|---:|');
    for (const e of estimates) {
      out.push(`| ${mdText(e.name)} | ${cellOf(e.per_run?.cost_usd ?? null, usd)} | ${e.per_run?.latency_s ? seconds(e.per_run.latency_s.p95) : ''} | ${cellOf(e.per_run?.energy_wh ?? null, wh)} | ${e.per_month ? cellOf(e.per_month.cost_usd, usd) : 'no runs_per_day'} |`);
    }
    out.push('');
  }
  for (const e of estimates) out.push(...workflowSection(e));
  return `${out.join('\n')}\n`;
}

function workflowSection(e: Estimate): string[] {
  const out = [`## ${mdText(e.name)}`, '', `${mdCode(e.file)} (${e.format})`, ''];
  const errors = e.errors.filter((p) => p.severity === 'error');
  if (errors.length) {
    out.push(`**${errors.length} problem${errors.length > 1 ? 's' : ''} to fix** (the figures below leave out what could not be estimated):`, '');
    for (const p of e.errors) out.push(`- ${p.severity} at line ${p.span.start.line}, column ${p.span.start.column}: ${mdText(p.message)}`);
    out.push('');
  }
  if (!e.per_run) return [...out, 'Nothing could be estimated.', ''];
  const runs = e.per_day && e.per_run.calls.mean > 0 ? Math.round(e.per_day.calls.mean / e.per_run.calls.mean) : null;
  out.push('### Totals', '', ...totalsTable(e), '');
  if (runs !== null) out.push(`Per day at ${count(runs)} runs per day.`, '');
  if (e.criticalPath.length) out.push(`Critical path: ${e.criticalPath.map(mdText).join(' → ')}.`, '');

  const branched = e.steps.some((s) => s.branches.length > 0);
  out.push('### Steps', '', `| Step | Model |${branched ? ' Runs in |' : ''} Calls | Tokens in / out (reasoning) | Cost | Share | Wall time | Energy |`, `|---|---|${branched ? '---|' : ''}---:|---:|---:|---:|---:|---:|`);
  for (const s of e.steps) {
    const time = s.batch ? 'batch (async)' : `${timeCell(s.latency_s)}${s.speedAssumed ? ' (assumed speed)' : ''}${s.onCriticalPath ? ' ★' : ''}`;
    const runsIn = branched ? ` ${mdText((branchText(s) ?? 'every run').replace(/^runs in /, ''))} |` : '';
    out.push(`| ${mdText(s.id)} | ${mdText(s.model)} |${runsIn} ${cellOf(s.calls, count)} | ${count(s.input_tokens.mean)} / ${count(s.output_tokens.mean)}${s.reasoning_tokens.mean > 0 ? ` (${count(s.reasoning_tokens.mean)})` : ''} | ${cellOf(s.cost_usd, usd)} | ${s.costShare === null ? '' : percent(s.costShare)} | ${time} | ${cellOf(s.energy_wh, wh)} |`);
  }
  out.push('', `★ on the critical path.${branched ? ' A step on a branch shows the figures of a run that takes it; its share of the cost counts how often runs do.' : ''}`, '');
  if (e.observed) out.push(...observedMarkdown(e.observed));

  if (e.budget.length) {
    out.push('### Budget', '', '| Limit | Value (p95) | Status |', '|---|---:|---|');
    for (const b of e.budget) out.push(`| ${b.key} ≤ ${b.limit} | ${b.value === null ? 'unknown' : b.value.toPrecision(4)} | ${b.holds === null ? `not checked: ${mdText(b.reason ?? '')}` : b.holds ? 'holds' : '**exceeded**'} |`);
    out.push('');
  }
  if (e.alternatives.length) {
    out.push('### Smaller or cheaper models', '', '| Step | Now | Alternative | Quality (index) | Cost per run | Wall time | Energy |', '|---|---|---|---|---:|---:|---:|');
    for (const a of e.alternatives) {
      const delta = (v: number | null, fmt: (x: number) => string) => (v === null ? '' : `${v < 0 ? '−' : '+'}${fmt(Math.abs(v))}`);
      out.push(`| ${mdText(a.step)} | ${mdText(a.from)} | ${mdText(a.to)} (${a.smaller ? 'smaller' : 'cheaper'}) | ${a.quality_from ?? '?'} → ${a.quality_to ?? '?'} | ${delta(a.delta_cost_usd, usd)} | ${delta(a.delta_latency_s, seconds)} | ${delta(a.delta_energy_wh, wh)} |`);
    }
    const w = e.whatIf;
    if (w && w.cost_usd !== null && w.baseline_cost_usd !== null) {
      out.push('', `With every alternative: ${usd(w.baseline_cost_usd)} → ${usd(w.cost_usd)} per run${w.saving_usd_per_month !== null ? `, ${usd(w.saving_usd_per_month)} saved per month` : ''} (at range midpoints).`);
    }
    out.push('');
  }
  if (e.assumptions.length) {
    out.push('### Assumptions', '');
    for (const a of e.assumptions) out.push(`- ${a.step ? `${mdText(a.step)}: ` : ''}${mdText(a.message)}`);
    out.push('');
  }
  out.push('### Sources', '', '| Model | Prices (as of) | Speed (as of) | Energy inputs | Grid for CO2 |', '|---|---|---|---|---|');
  const seen = new Set<string>();
  for (const s of e.steps) {
    if (seen.has(s.model)) continue;
    seen.add(s.model);
    out.push(`| ${mdText(s.modelName)} | ${mdText(s.priceSource)} (${mdText(s.priceAsOf ?? 'undated')}) | ${s.speedSource ? `${mdText(s.speedSource)} (${mdText(s.speedAsOf ?? 'undated')})` : 'assumed'} | ${mdText(s.energySource ?? 'unknown')} | ${mdText(s.grid.name)}, ${s.grid.gPerKwh} g/kWh |`);
  }
  out.push('');
  return out;
}
