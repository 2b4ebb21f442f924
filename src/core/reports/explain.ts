// Short texts for the editor: hover cards (Markdown), CodeLens and status bar lines. Pure
// functions of an estimate, so they are tested without VS Code and read the same everywhere.
import type { Alternative, Estimate, Figure, Figures, ModelEntry, StepEstimate } from '../types';
import { mdCode, mdText } from './escape';
import { branchText, count, grams, meanAndP95, percent, range, seconds, usd, wh } from './format';
import { observedLine } from './observed';

/** "**Observed:** estimated $0.031, observed $0.027 over 40 runs (…)", with the files it comes from. */
const observedHover = (line: string, files: readonly string[]): string =>
  `**Observed:** ${mdText(line)} (${files.slice(0, 3).map((f) => mdCode(f)).join(', ')}${files.length > 3 ? ', …' : ''})`;

/** A source and its date, as the hovers end. */
const sourced = (source: string, asOf: string | null): string => `${mdText(source)}${asOf ? `, as of ${mdText(asOf)}` : ''}`;
const at = (f: Figure | null, q: 'mean' | 'p50' | 'p95', fmt: (v: number) => string): string => (f ? fmt(f[q]) : 'unknown');

/**
 * "$0.031/run (p95 $0.052) · p95 27 s · 0.4 Wh": the means, which a bill follows, with the cost's
 * p95; a step on a branch by its mean per run, with what it costs in a run that takes it.
 */
export function lensTitle(f: Figures | StepEstimate): string {
  const batch = 'batch' in f && f.batch;
  const time = batch ? 'batch' : f.latency_s ? `p95 ${seconds(f.latency_s.p95)}` : 'batch';
  const branch = 'runsShare' in f && f.runsShare < 1 ? f : null;
  if (branch) {
    const cost = branch.cost_usd && branch.meanPerRun.cost_usd !== null
      ? `${usd(branch.meanPerRun.cost_usd)}/run (in ${percent(branch.runsShare)} of runs, ${usd(branch.cost_usd.mean)} each)` : 'cost unknown';
    return `${cost} · ${time} · ${branch.meanPerRun.energy_wh !== null ? wh(branch.meanPerRun.energy_wh) : 'energy unknown'}`;
  }
  const cost = f.cost_usd ? `${usd(f.cost_usd.mean)}/run${usd(f.cost_usd.p95) !== usd(f.cost_usd.mean) ? ` (p95 ${usd(f.cost_usd.p95)})` : ''}` : 'cost unknown';
  return `${cost} · ${time} · ${f.energy_wh ? wh(f.energy_wh.mean) : 'energy unknown'}`;
}

/** Mean, p50 and p95 of cost, energy and CO2; wall time, which is not summed, p50 and p95 only. */
function figureRows(f: Figures, batch = false): string[] {
  const asynchronous = batch || !f.latency_s;
  return [
    '| | mean | p50 | p95 |',
    '|---|---:|---:|---:|',
    `| Cost | ${at(f.cost_usd, 'mean', usd)} | ${at(f.cost_usd, 'p50', usd)} | ${at(f.cost_usd, 'p95', usd)} |`,
    `| Wall time | | ${asynchronous ? 'batch (asynchronous)' : at(f.latency_s, 'p50', seconds)} | ${asynchronous ? '' : at(f.latency_s, 'p95', seconds)} |`,
    `| Energy | ${at(f.energy_wh, 'mean', wh)} | ${at(f.energy_wh, 'p50', wh)} | ${at(f.energy_wh, 'p95', wh)} |`,
    `| CO2e | ${at(f.co2_g, 'mean', grams)} | ${at(f.co2_g, 'p50', grams)} | ${at(f.co2_g, 'p95', grams)} |`,
  ];
}

/** Hovers stay short: the full list is in the report. */
const MAX_HOVER_ASSUMPTIONS = 8;

export function stepHover(e: Estimate, s: StepEstimate): string {
  const alt = e.alternatives.find((a) => a.step === s.id);
  const branch = branchText(s);
  const lines = [
    `**Step ${mdCode(s.id)}** on ${mdText(s.modelName)} (${mdCode(s.model)}), ${branch ? 'in a run that takes it' : 'per run'}`,
    '',
    ...figureRows(s, s.batch),
    '',
    `${meanAndP95(s.calls, count)} call${s.calls.p95 === 1 ? '' : 's'} · ${meanAndP95(s.input_tokens, count)} tokens in · ${meanAndP95(s.output_tokens, count)} out`
      + (s.reasoning_tokens.max > 0 ? ` (of which reasoning ${meanAndP95(s.reasoning_tokens, count)})` : '')
      + (s.costShare !== null ? ` · ${percent(s.costShare)} of the workflow's cost` : '')
      + (s.onCriticalPath ? ' · on the critical path' : ''),
  ];
  if (branch) lines.push('', `It ${mdText(branch)}: ${s.meanPerRun.cost_usd === null ? 'its cost is unknown' : `${usd(s.meanPerRun.cost_usd)} a run on average`}.`);
  const seen = e.observed?.steps[s.id];
  if (seen && e.observed) lines.push('', observedHover(observedLine(seen), e.observed.files));
  if (s.speedAssumed) lines.push('', '_Latency from an assumed speed: the model has no published measurement._');
  const assumed = e.assumptions.filter((a) => a.step === s.id);
  if (assumed.length) {
    lines.push('', '**Assumed:**');
    for (const a of assumed.slice(0, MAX_HOVER_ASSUMPTIONS)) lines.push(`- ${mdText(a.message)}`);
    if (assumed.length > MAX_HOVER_ASSUMPTIONS) lines.push(`- … and ${assumed.length - MAX_HOVER_ASSUMPTIONS} more in the report`);
  }
  if (alt) lines.push('', alternativeLine(alt));
  lines.push('', `Prices: ${sourced(s.priceSource, s.priceAsOf)}`);
  if (s.co2_g) lines.push('', `CO2 on the grid of ${mdText(s.grid.name)}, ${s.grid.gPerKwh} gCO2e/kWh; energy counts inference only (GPU, server and PUE).`);
  return lines.join('\n');
}

function alternativeLine(a: Alternative): string {
  const day = a.delta_cost_usd_per_day === null ? '' : ` (${usd(-a.delta_cost_usd_per_day)} a day)`;
  const energy = a.delta_energy_wh === null ? '' : `, energy ${a.delta_energy_wh <= 0 ? '−' : '+'}${wh(Math.abs(a.delta_energy_wh))}`;
  return `**${a.smaller ? 'Smaller' : 'Cheaper'} model:** ${mdCode(a.to)} saves ${usd(-a.delta_cost_usd)} a run${day}${energy}; quality ${a.quality_from ?? '?'} → ${a.quality_to ?? '?'} (Intelligence Index).`;
}

export function workflowHover(e: Estimate): string {
  const lines = [`**${mdText(e.name)}**: ${e.steps.length} step${e.steps.length === 1 ? '' : 's'}`, ''];
  if (!e.per_run) return [...lines, 'Nothing could be estimated: see the Problems panel.'].join('\n');
  const cols: [string, Figures][] = [['per run', e.per_run]];
  if (e.per_day && e.per_month) cols.push(['per day', e.per_day], ['per month', e.per_month]);
  lines.push(
    `| | ${cols.map(([c]) => c).join(' | ')} |`,
    `|---|${cols.map(() => '---:').join('|')}|`,
    `| Cost | ${cols.map(([, f]) => meanAndP95(f.cost_usd, usd)).join(' | ')} |`,
    `| Wall time (p50) | ${cols.map(([, f]) => (f === e.per_run ? range(f.latency_s, seconds) : '')).join(' | ')} |`,
    `| Energy | ${cols.map(([, f]) => meanAndP95(f.energy_wh, wh)).join(' | ')} |`,
    `| CO2e | ${cols.map(([, f]) => meanAndP95(f.co2_g, grams)).join(' | ')} |`,
    `| LLM calls | ${cols.map(([, f]) => meanAndP95(f.calls, count)).join(' | ')} |`,
    '',
    '_Means, with the p95 in brackets._',
    '',
  );
  if (!e.per_day) lines.push('_Set `runs_per_day` for per-day and per-month figures._', '');
  if (e.observed) lines.push(observedHover(observedLine(e.observed), e.observed.files), '');
  for (const b of e.budget) {
    const state = b.holds === null ? `not checked: ${mdText(b.reason ?? '')}` : b.holds ? '✓ holds' : '✗ **exceeded**';
    lines.push(`- Budget \`${b.key}\` ≤ ${b.limit}: ${state}${b.value === null ? '' : ` (p95 ${b.value.toPrecision(4)})`}`);
  }
  const w = e.whatIf;
  if (w && w.cost_usd !== null && w.baseline_cost_usd !== null && e.alternatives.length) {
    lines.push('', `With the ${e.alternatives.every((a) => a.smaller) ? 'smaller' : 'cheaper'} models: ${usd(w.baseline_cost_usd)} → ${usd(w.cost_usd)} a run${w.saving_usd_per_month !== null ? `, ${usd(w.saving_usd_per_month)} saved a month` : ''}.`);
  }
  return lines.join('\n');
}

export function modelHover(m: ModelEntry): string {
  const p = m.price;
  const price = (v: number | null) => (v === null ? '—' : `$${v}`);
  const params = m.params
    ? `${rangeText(m.params.total.min, m.params.total.max)}B total, ${rangeText(m.params.active.min, m.params.active.max)}B active${m.params.estimate ? ' (estimate)' : ''}`
    : 'not published';
  const lines = [
    `**${mdText(m.displayName)}** (${mdCode(m.id)}), ${mdText(m.provider)}${m.openWeights ? ', open weights' : m.openWeights === false ? ', closed weights' : ''}`,
    '',
    '| | |',
    '|---|---|',
    `| Price, USD per 1M tokens | in ${price(p.input)} · out ${price(p.output)} · cache read ${price(p.cacheRead)} · batch ${price(p.batchInput)}/${price(p.batchOutput)}${p.perPage !== null ? ` · per page $${p.perPage}` : ''}${p.perImage !== null ? ` · per image $${p.perImage}` : ''} |`,
    `| Speed | ${m.speed.outputTps === null ? 'not measured' : `${m.speed.outputTps.toFixed(0)} tokens/s, ${m.speed.ttftS} s to first token`} |`,
    `| Parameters | ${params} |`,
    `| Context | ${m.context.maxInput === null ? 'unknown' : `${count(m.context.maxInput)} tokens`} |`,
    `| Quality | ${m.quality.intelligence === null ? 'no index' : `Intelligence Index ${m.quality.intelligence}`} |`,
    '',
    `Prices: ${sourced(p.source, p.asOf)}`,
  ];
  if (m.speed.source) lines.push('', `Speed: ${sourced(m.speed.source, m.speed.asOf)}`);
  if (m.params?.source) lines.push('', `Parameters: ${mdText(m.params.source)}`);
  if (m.quality.source) lines.push('', `Quality: ${sourced(m.quality.source, m.quality.asOf)}`);
  return lines.join('\n');
}

function rangeText(min: number, max: number): string {
  return min === max ? `${min}` : `${min}–${max}`;
}
