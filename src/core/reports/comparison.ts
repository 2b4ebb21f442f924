// The what-if report of a model comparison: step by step, then the whole workflow.
import type { Comparison } from '../estimate/compare';
import type { Figure } from '../types';
import { mdCode, mdText } from './escape';
import { seconds, usd, wh } from './format';

const mean = (f: Figure | null, fmt: (v: number) => string) => (f ? fmt(f.mean) : 'unknown');
const p95 = (f: Figure | null, fmt: (v: number) => string) => (f ? fmt(f.p95) : 'batch');

function change(pair: [Figure | null, Figure | null], pick: (f: Figure) => number): string {
  const [a, b] = pair;
  if (!a || !b || pick(a) === 0) return '';
  const pct = ((pick(b) - pick(a)) / pick(a)) * 100;
  return `${pct > 0 ? '+' : ''}${pct.toFixed(0)}%`;
}

export function comparisonReport(c: Comparison): string {
  const out = [
    `# What if: ${mdText(c.before.name)} on ${mdText(c.modelName)}`,
    '',
    `Each step below switched to ${mdCode(c.model)}; figures per run (cost and energy means, wall time p95).`,
    '',
    '| Step | Model | Cost | Change | p95 wall time | Change | Energy | Change | Quality |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const s of c.steps) {
    out.push(`| ${mdText(s.step)} | ${mdText(s.from)} → ${mdText(s.to)} | ${mean(s.cost_usd[0], usd)} → ${mean(s.cost_usd[1], usd)} | ${change(s.cost_usd, (f) => f.mean)} | ${p95(s.latency_s[0], seconds)} → ${p95(s.latency_s[1], seconds)} | ${change(s.latency_s, (f) => f.p95)} | ${mean(s.energy_wh[0], wh)} → ${mean(s.energy_wh[1], wh)} | ${change(s.energy_wh, (f) => f.mean)} | ${s.quality[0] ?? '?'} → ${s.quality[1] ?? '?'} |`);
  }
  const [b, a] = [c.before, c.after];
  if (b.per_run && a.per_run) {
    out.push('', '## The whole workflow', '', '| | As written | Switched | Change |', '|---|---:|---:|---:|');
    out.push(`| Cost per run | ${mean(b.per_run.cost_usd, usd)} | ${mean(a.per_run.cost_usd, usd)} | ${change([b.per_run.cost_usd, a.per_run.cost_usd], (f) => f.mean)} |`);
    out.push(`| p95 wall time | ${p95(b.per_run.latency_s, seconds)} | ${p95(a.per_run.latency_s, seconds)} | ${change([b.per_run.latency_s, a.per_run.latency_s], (f) => f.p95)} |`);
    out.push(`| Energy per run | ${mean(b.per_run.energy_wh, wh)} | ${mean(a.per_run.energy_wh, wh)} | ${change([b.per_run.energy_wh, a.per_run.energy_wh], (f) => f.mean)} |`);
    if (b.per_day && a.per_day) out.push(`| Cost per day | ${mean(b.per_day.cost_usd, usd)} | ${mean(a.per_day.cost_usd, usd)} | ${change([b.per_day.cost_usd, a.per_day.cost_usd], (f) => f.mean)} |`);
    if (b.per_month && a.per_month) out.push(`| Cost per month | ${mean(b.per_month.cost_usd, usd)} | ${mean(a.per_month.cost_usd, usd)} | ${change([b.per_month.cost_usd, a.per_month.cost_usd], (f) => f.mean)} |`);
  }
  const sources = [...new Set(c.after.steps.filter((s) => s.model === c.model).map((s) => `${mdText(s.priceSource)}${s.priceAsOf ? `, as of ${mdText(s.priceAsOf)}` : ''}`))];
  if (sources.length) out.push('', `Prices of ${mdCode(c.model)}: ${sources.join('; ')}.`);
  out.push('', 'Quality is the Artificial Analysis Intelligence Index (higher is better).');
  return `${out.join('\n')}\n`;
}
