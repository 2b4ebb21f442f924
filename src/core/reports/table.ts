// The terminal table of `agent-cost estimate`: readable in 100 columns.
import type { Estimate } from '../types';
import { terminalLine, terminalText } from './escape';
import { branchText, count, grams, meanAndP95, seconds, usd, wh } from './format';
import { observedLine } from './observed';

const WIDTH = 100;

function fit(s: string, width: number): string {
  const text = terminalText(s);
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}
const right = (s: string, width: number): string => (s.length > width ? s.slice(0, width) : s.padStart(width));

/** Text (workspace names in it, control characters shown) folded at the width. */
function wrap(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const word of terminalText(text).split(/\s+/)) {
    if (line.length + word.length + 1 > WIDTH && line.trim()) {
      lines.push(line.trimEnd());
      line = `${indent}  `;
    }
    line += `${word} `;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

export function tableReport(estimates: readonly Estimate[]): string {
  const out: string[] = [];
  for (const e of estimates) {
    out.push(...wrap(`${e.name}  (${e.file}, ${e.format})`, ''));
    for (const p of e.errors) out.push(...wrap(`${p.severity.padEnd(7)} ${p.span.start.line}:${p.span.start.column}  ${p.message}`, '  '));
    if (!e.per_run) {
      out.push('  nothing could be estimated', '');
      continue;
    }
    // a step's figures are those of a run it runs in; the total's mean counts each step by its share of runs
    out.push(`  ${fit('step', 18)} ${fit('model', 22)} ${right('calls', 6)} ${right('cost mean', 9)} ${right('cost p95', 9)} ${right('time p95', 9)} ${right('energy mean', 11)}`);
    for (const s of e.steps) {
      const time = s.batch ? 'batch' : s.latency_s ? `${seconds(s.latency_s.p95)}${s.speedAssumed ? '*' : ''}` : '';
      out.push(`  ${fit(s.id, 18)} ${fit(s.model, 22)} ${right(count(s.calls.mean), 6)} ${right(s.cost_usd ? usd(s.cost_usd.mean) : '?', 9)} ${right(s.cost_usd ? usd(s.cost_usd.p95) : '?', 9)} ${right(time, 9)} ${right(s.energy_wh ? wh(s.energy_wh.mean) : '?', 11)}`);
      const branch = branchText(s);
      if (branch) out.push(...wrap(`${branch}: ${s.meanPerRun.cost_usd === null ? 'cost unknown' : `${usd(s.meanPerRun.cost_usd)} a run on average`}`, '    '));
    }
    const r = e.per_run;
    out.push(`  ${fit('total per run', 18)} ${fit('', 22)} ${right(count(r.calls.mean), 6)} ${right(r.cost_usd ? usd(r.cost_usd.mean) : '?', 9)} ${right(r.cost_usd ? usd(r.cost_usd.p95) : '?', 9)} ${right(r.latency_s ? seconds(r.latency_s.p95) : 'batch', 9)} ${right(r.energy_wh ? wh(r.energy_wh.mean) : '?', 11)}`);
    if (e.per_day && e.per_month) {
      const d = e.per_day;
      const m = e.per_month;
      const co2 = d.co2_g ? `${meanAndP95(d.co2_g, grams)} CO2e` : '?';
      out.push(...wrap(`per day: ${meanAndP95(d.cost_usd, usd)}, ${meanAndP95(d.energy_wh, wh)}, ${co2} · per month: ${meanAndP95(m.cost_usd, usd)}`, '  '));
    }
    for (const b of e.budget) {
      const state = b.holds === null ? `not checked (${b.reason})` : b.holds ? 'holds' : 'EXCEEDED';
      out.push(...wrap(`budget ${b.key} ≤ ${b.limit}: ${state}${b.value === null ? '' : ` (p95 ${b.value.toPrecision(4)})`}`, '  '));
    }
    for (const a of e.alternatives) {
      const day = a.delta_cost_usd_per_day === null ? '' : `, ${usd(-a.delta_cost_usd_per_day)}/day`;
      out.push(...wrap(`${a.smaller ? 'smaller' : 'cheaper'}: ${a.step}: ${a.from} → ${a.to} saves ${usd(-a.delta_cost_usd)}/run${day}; quality ${a.quality_from ?? '?'} → ${a.quality_to ?? '?'}`, '  '));
    }
    const o = e.observed;
    if (o) {
      out.push(...wrap(`observed: ${observedLine(o)}`, '  '));
      for (const [id, step] of Object.entries(o.steps)) out.push(...wrap(`${id}: ${observedLine(step)}`, '    '));
      const unmatched = o.unmatched.reduce((n, u) => n + u.calls, 0);
      if (unmatched) out.push(...wrap(`${count(unmatched)} observed calls matched no step (${o.unmatched.slice(0, 3).map((u) => `${u.name}: ${u.why}`).join('; ')})`, '    '));
      if (o.otherRuns) out.push(...wrap(`${count(o.otherRuns)} runs set aside as another workflow's (no more than half the kinds of call they make match a step)`, '    '));
    }
    if (r.reasoning_tokens.max > 0) out.push(...wrap(`of ${count(r.output_tokens.mean)} output tokens a run, ${count(r.reasoning_tokens.mean)} are reasoning (means), billed and timed as output`, '  '));
    if (e.steps.some((s) => s.speedAssumed)) out.push('  * latency from an assumed speed (the model has no published measurement)');
    if (e.per_day) out.push(...wrap('means are the expected figure of a run, which a day\'s and a month\'s totals follow; p95 per day and per month keeps what is the same in every run', '  '));
    out.push('');
  }
  const first = estimates.find((e) => e.settings.priceData);
  if (first) out.push(...wrap(`Prices as of ${first.settings.priceDate} (${first.settings.priceData}). Energy is inference only: GPU, server and PUE.`, ''));
  return `${out.map(terminalLine).join('\n')}\n`;
}
