// Observed runs beside the estimate, in words: the line hovers, CodeLens and the terminal table
// show ("estimated $0.031, observed $0.027 over 40 runs"), and the report's section.
import { OBSERVED_KEYS, type ObservedFigures, type ObservedKey, type ObservedWorkflow } from '../types';
import { mdText } from './escape';
import { count, seconds, usd } from './format';

const LABELS: Record<ObservedKey, [string, (v: number) => string]> = {
  calls: ['LLM calls', count],
  cost_usd: ['Cost', usd],
  latency_s: ['Wall time', seconds],
  input_tokens: ['Input tokens', count],
  output_tokens: ['Output tokens', count],
  cached_tokens: ['of input, cached', count],
  reasoning_tokens: ['of output, reasoning', count],
};

const runsText = (n: number): string => `${count(n)} run${n === 1 ? '' : 's'}`;

/**
 * "estimated $0.031, observed $0.027 over 40 runs (0.87×, outside the estimate's range)", or
 * output tokens where cost is unknown; no range is named where the estimate is one value.
 */
export function observedLine(o: ObservedFigures): string {
  const key: ObservedKey = o.figures.cost_usd && o.versus.cost_usd ? 'cost_usd' : 'output_tokens';
  const [, fmt] = LABELS[key];
  const seen = o.figures[key];
  const against = o.versus[key];
  if (!seen) return `observed over ${runsText(o.runs)}`;
  const what = key === 'cost_usd' ? '' : ' output tokens';
  if (!against) return `observed ${fmt(seen.p50)}${what} over ${runsText(o.runs)}`;
  const notes = [against.ratio === null ? null : `${against.ratio.toFixed(2)}×`, against.inside === null ? null : `${against.inside ? 'inside' : 'outside'} the estimate's range`]
    .filter((n) => n !== null);
  return `estimated ${fmt(against.estimate_p50)}${what}, observed ${fmt(seen.p50)} over ${runsText(o.runs)}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

function figureRows(o: ObservedFigures): string[] {
  const rows: string[] = [];
  for (const key of OBSERVED_KEYS) {
    const seen = o.figures[key];
    if (!seen || ((key === 'cached_tokens' || key === 'reasoning_tokens') && seen.p95 === 0)) continue;
    const [label, fmt] = LABELS[key];
    const v = o.versus[key];
    const estimated = v ? (v.estimate_p50 === v.estimate_p95 ? fmt(v.estimate_p50) : `${fmt(v.estimate_p50)} (p95 ${fmt(v.estimate_p95)})`) : '';
    const ratio = v?.ratio == null ? '' : `${v.ratio.toFixed(2)}×`;
    const inside = !v || v.inside === null ? '' : v.inside ? 'yes' : '**no**';
    rows.push(`| ${label} | ${estimated} | ${fmt(seen.mean)} | ${fmt(seen.p50)} | ${fmt(seen.p95)} | ${ratio} | ${inside} |`);
  }
  return rows;
}

const HEADER = ['| Per run | Estimated p50 | Observed mean | p50 | p95 | Observed ÷ estimated | Inside the estimate\'s range |', '|---|---:|---:|---:|---:|---:|---|'];

/** The report's section: totals per run, each step's, and the calls no step matched. */
export function observedMarkdown(o: ObservedWorkflow): string[] {
  const out = ['### Observed', '', `${runsText(o.runs)} in ${o.files.map((f) => mdText(f)).join(', ')}. Cost from ${mdText(o.costFrom)}.`, '', ...HEADER, ...figureRows(o), ''];
  for (const [id, s] of Object.entries(o.steps)) out.push(`#### ${mdText(id)}`, '', ...HEADER, ...figureRows(s), '');
  if (o.otherRuns) out.push(`${runsText(o.otherRuns)} in these files set aside as another workflow's: no more than half the kinds of call they make match a step of this one.`, '');
  if (o.unmatched.length) {
    out.push('Calls no step matched:', '');
    for (const u of o.unmatched.slice(0, 20)) out.push(`- ${mdText(u.name)}: ${count(u.calls)} call${u.calls === 1 ? '' : 's'}; ${mdText(u.why)}`);
    if (o.unmatched.length > 20) out.push(`- and ${o.unmatched.length - 20} more names`);
    out.push('');
  }
  return out;
}
