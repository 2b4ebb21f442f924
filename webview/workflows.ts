// "Your workflows": every workflow file of the workspace, a compact row each (laid out for a
// sidebar of 250 to 400 px): its name, then cost per run · p95 time · energy on one line whose
// numbers never break, what runs really used where observation files are set, and the small-model
// what-if in one short line (details in its tooltip).
// Clicking a row opens the file.
import { seconds, usd, wh } from '../src/core/reports/format';
import type { WorkflowRow } from '../src/shared/protocol';
import { post } from './host';
import { compactNumber } from './labels';
import { button } from './toolkit';
import { el } from './ui';

/** One figure: it may move to the next line as a whole, never break inside. */
const figure = (text: string, className: string, title: string): HTMLElement => el('span', { className: `fig ${className}`, title }, text);

/** "Smaller models: −$0.0061/run (−67%)", with the quality given up in the tooltip. */
function smallerLine(s: NonNullable<WorkflowRow['smaller']>): HTMLElement {
  const before = s.costPerRun + s.saving;
  const share = before > 0 ? ` (−${Math.round((s.saving / before) * 100)}%)` : '';
  const quality = s.qualityGivenUp === null ? 'quality unknown'
    : s.qualityGivenUp > 0 ? `quality ${s.qualityGivenUp.toFixed(1)} lower (Intelligence Index)` : `quality ${(-s.qualityGivenUp).toFixed(1)} higher (Intelligence Index)`;
  return el('div', { className: 'note smaller', title: `With every step on its cheaper alternative: ${usd(s.costPerRun)} a run instead of ${usd(before)}; ${quality}` },
    'Cheaper models: ', figure(`−${usd(s.saving)}/run${share}`, 'saving', ''));
}

/** "Observed: $0.027/run over 40 runs (0.87× the estimate)", the estimate in its tooltip. */
function observedRow(o: NonNullable<WorkflowRow['observed']>): HTMLElement {
  const runs = `${o.runs} run${o.runs === 1 ? '' : 's'}`;
  const against = o.ratio === null ? '' : ` (${o.ratio.toFixed(2)}× the estimate)`;
  const title = o.estimatedPerRun === null ? `Observed over ${runs} in the files agentCost.observedFiles names`
    : `Estimated ${usd(o.estimatedPerRun)} a run (p50); observed ${o.costPerRun === null ? 'cost unknown' : usd(o.costPerRun)} (p50 over ${runs})${o.inside === null ? '' : `, ${o.inside ? 'inside' : 'outside'} the estimate's range`}`;
  const parts: (HTMLElement | string)[] = o.costPerRun === null ? [figure(`over ${runs}`, 'runs', '')] : [figure(`${usd(o.costPerRun)}/run`, 'observed', ''), ' ', figure(`over ${runs}`, 'runs', '')];
  if (against) parts.push(' ', figure(against.trim(), 'ratio', ''));
  return el('div', { className: `note observed${o.inside === false ? ' outside' : ''}`, title }, 'Observed: ', ...parts);
}

export function renderWorkflows(rows: readonly WorkflowRow[]): HTMLElement {
  const section = el('div', { id: 'workflow-list' });
  if (rows.length === 0) {
    section.append(el('p', {}, 'No workflow files in this workspace yet (agentflow, promptfoo, CrewAI, Prompty, Prompt Flow, Dify, Semantic Kernel, n8n, AutoGen Studio).'),
      button('Open an example', () => post({ type: 'openExample' })));
    return section;
  }
  const list = el('ul', { className: 'workflows' });
  for (const r of rows) {
    const open = el('a', { href: '#', className: 'name', title: `Open ${r.path}` }, r.name);
    open.addEventListener('click', (e) => {
      e.preventDefault();
      post({ type: 'openFile', uri: r.uri });
    });
    const figures = el('div', { className: 'figures' },
      figure(r.costPerRun === null ? 'cost ?' : `${usd(r.costPerRun)}/run`, 'cost', 'Cost per run, mean: what a day of runs adds up to, run by run'),
      ...(r.costP95 !== null && r.costPerRun !== null && usd(r.costP95) !== usd(r.costPerRun) ? [figure(`p95 ${usd(r.costP95)}`, 'cost-p95', 'Cost per run, p95')] : []),
      figure(r.p95LatencyS === null ? 'batch' : `p95 ${seconds(r.p95LatencyS)}`, 'latency', 'Wall time per run, p95'),
      figure(r.energyWh === null ? 'energy ?' : wh(r.energyWh), 'energy', 'Energy per run, mean'));
    const row = el('li', { className: 'workflow' }, open, figures);
    row.dataset.uri = r.uri;
    if (r.errors) row.append(el('div', { className: 'note error' }, `${r.errors} problem${r.errors > 1 ? 's' : ''}`));
    if (r.reasoning) {
      row.append(el('div', { className: 'note reasoning', title: 'Hidden reasoning tokens per run (mean): billed and timed as output' },
        'Of which reasoning: ', figure(`${compactNumber(r.reasoning.tokens)} tokens (${Math.round(r.reasoning.share * 100)}% of tokens out)`, 'reasoning', '')));
    }
    if (r.observed) row.append(observedRow(r.observed));
    if (r.smaller) row.append(smallerLine(r.smaller));
    row.addEventListener('click', (e) => {
      if (e.target === open) return;
      post({ type: 'openFile', uri: r.uri });
    });
    list.append(row);
  }
  section.append(list);
  return section;
}
