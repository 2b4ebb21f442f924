// A cost diff as people read it: a terminal table, a pull-request comment in Markdown, JSON for
// tools, and GitHub Actions annotations on the lines whose cost rose.
import type { Change, CostDiff, StepDiff } from '../diff/costDiff';
import { ghText, htmlText, jsonText, mdCellCode, mdCode, terminalLine, terminalText } from './escape';
import { usd } from './format';

const signed = (v: number): string => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${usd(Math.abs(v))}`;
const pct = (c: Change): string => (c.delta_pct === null ? '' : `${c.delta_pct > 0 ? '+' : c.delta_pct < 0 ? '−' : '±'}${Math.abs(c.delta_pct * 100).toFixed(Math.abs(c.delta_pct) < 0.1 ? 1 : 0)}%`);
const money = (v: number | null): string => (v === null ? '—' : usd(v));

/** "$0.012 → $0.018 (+$0.006, +50%; p95 $0.02 → $0.03)", or what is known of it. */
function arrow(c: Change): string {
  if (c.base === null && c.head === null) return 'unknown';
  const parts = [c.delta === null ? '' : `${signed(c.delta)}${c.delta_pct === null ? '' : `, ${pct(c)}`}`, p95Arrow(c)].filter(Boolean);
  return `${money(c.base)} → ${money(c.head)}${parts.length ? ` (${parts.join('; ')})` : ''}`;
}

/** "p95 $0.02 → $0.03", where the p95 differs from the mean on either side. */
function p95Arrow(c: Change): string {
  const p = c.p95;
  if (!p || (money(p.base) === money(c.base) && money(p.head) === money(c.head))) return '';
  return `p95 ${money(p.base)} → ${money(p.head)}`;
}

/** The period the totals are best read in: per month where every workflow has runs per day. */
const monthly = (d: CostDiff): boolean => d.totals.per_month.cost_usd.delta !== null;

function summary(d: CostDiff): string {
  const total = monthly(d) ? d.totals.per_month.cost_usd : d.totals.per_run.cost_usd;
  const changed = d.workflows.filter((w) => w.status !== 'unchanged');
  const counts = (['changed', 'added', 'removed'] as const).map((s) => [s, d.workflows.filter((w) => w.status === s).length] as const).filter(([, n]) => n > 0);
  const what = changed.length === 0 ? 'no workflow changed' : counts.map(([s, n]) => `${n} ${s}`).join(', ');
  return `${what}; cost ${monthly(d) ? 'per month' : 'per run'}: ${arrow(total)}`;
}

function modelChange(s: StepDiff): string {
  return s.model.base && s.model.head && s.model.base !== s.model.head ? `${s.model.base} → ${s.model.head}` : s.model.head ?? s.model.base ?? '';
}

export function diffTable(d: CostDiff): string {
  const out = [`Cost diff: ${d.base} → ${d.head}`, `  ${summary(d)}`, ''];
  for (const w of d.workflows.filter((x) => x.status !== 'unchanged')) {
    out.push(`${w.status.padEnd(8)} ${w.name} (${w.file}${w.renamed_from ? `, was ${w.renamed_from}` : ''})`);
    out.push(`  per run:   ${arrow(w.per_run.cost_usd)}`);
    if (w.per_month.cost_usd.base !== null || w.per_month.cost_usd.head !== null) out.push(`  per month: ${arrow(w.per_month.cost_usd)}`);
    for (const s of w.steps.filter((x) => x.status !== 'unchanged')) out.push(`    ${s.status.padEnd(8)} ${s.id}: ${modelChange(s)}, ${arrow(s.cost_usd)}`);
    out.push('');
  }
  return `${out.map(terminalLine).join('\n')}\n`;
}

export function diffMarkdown(d: CostDiff): string {
  const out = ['### Agent Cost Lens: what this change does to the bill', '', `${ghText(summary(d))} (${mdCode(d.base)} → ${mdCode(d.head)}).`, ''];
  const changed = d.workflows.filter((w) => w.status !== 'unchanged');
  if (changed.length) {
    out.push('| Workflow | Status | Cost per run | Cost per month | Change |', '|---|---|---:|---:|---:|');
    for (const w of changed) {
      const main = monthly(d) && w.per_month.cost_usd.delta !== null ? w.per_month.cost_usd : w.per_run.cost_usd;
      const change = main.delta === null ? '' : `${signed(main.delta)}${main.delta_pct === null ? '' : ` (${pct(main)})`}`;
      const pair = (c: Change) => ghText(`${money(c.base)} → ${money(c.head)}${p95Arrow(c) ? ` (${p95Arrow(c)})` : ''}`);
      out.push(`| ${ghText(w.name)}<br>${mdCellCode(w.file)}${w.renamed_from ? ` (was ${mdCellCode(w.renamed_from)})` : ''} | ${w.status} | ${pair(w.per_run.cost_usd)} | ${pair(w.per_month.cost_usd)} | ${ghText(change)} |`);
    }
    out.push('');
    for (const w of changed) {
      const steps = w.steps.filter((s) => s.status !== 'unchanged');
      if (!steps.length) continue;
      out.push(`<details><summary>${htmlText(w.name)}: ${steps.length} step${steps.length > 1 ? 's' : ''}</summary>`, '', '| Step | Status | Model | Cost per run |', '|---|---|---|---:|');
      for (const s of steps) out.push(`| ${ghText(s.id)} | ${s.status} | ${ghText(modelChange(s))} | ${ghText(arrow(s.cost_usd))} |`);
      out.push('', '</details>', '');
    }
  }
  out.push('<sub>Mean costs (the figure a bill follows), p95 in brackets; estimated before the runs by Agent Cost Lens, with no network request.</sub>', '');
  return out.join('\n');
}

/**
 * GitHub Actions workflow commands: a warning on each step line whose cost rose, and on the file
 * of a workflow whose total rose. Values escaped as the runner's command syntax wants them.
 */
export function diffGithub(d: CostDiff): string {
  const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const lines: string[] = [];
  const rose = (c: Change) => c.delta !== null && c.delta > 0;
  for (const w of d.workflows) {
    if (w.status === 'removed') continue;
    const steps = w.steps.filter((s) => s.status !== 'removed' && (rose(s.cost_usd) || (s.status === 'added' && (s.cost_usd.head ?? 0) > 0)));
    for (const s of steps) {
      const message = `Agent Cost Lens: step '${s.id}' ${s.status === 'added' ? 'is new' : 'costs more'}: ${arrow(s.cost_usd)} per run${s.model.base && s.model.head !== s.model.base ? ` (model ${modelChange(s)})` : ''}`;
      lines.push(`::warning file=${escapeProperty(w.file)},line=${s.line},title=${escapeProperty('Cost per run rose')}::${escapeData(terminalText(message))}`);
    }
    if (steps.length === 0 && (rose(w.per_run.cost_usd) || w.status === 'added')) {
      lines.push(`::warning file=${escapeProperty(w.file)},line=1,title=${escapeProperty('Cost per run rose')}::${escapeData(terminalText(`Agent Cost Lens: ${w.name}: ${arrow(w.per_run.cost_usd)} per run`))}`);
    }
  }
  lines.push(`::notice title=${escapeProperty('Agent Cost Lens')}::${escapeData(summary(d))}`);
  return `${lines.join('\n')}\n`;
}

export function diffJson(d: CostDiff): string {
  return `${jsonText(JSON.stringify(d, null, 2))}\n`;
}

export type DiffFormat = 'table' | 'markdown' | 'json' | 'github';
export const DIFF_FORMATS: Record<DiffFormat, (d: CostDiff) => string> = { table: diffTable, markdown: diffMarkdown, json: diffJson, github: diffGithub };
