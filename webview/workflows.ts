// "Your workflows": every workflow file of the workspace with its cost per run, p95 wall time and
// energy, and beside them the small-model what-if. Clicking a row opens the file.
import { seconds, usd, wh } from '../src/core/reports/format';
import type { WorkflowRow } from '../src/shared/protocol';
import { post } from './host';
import { button } from './toolkit';

function cell(text: string, className = ''): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function note(text: string, className: string): HTMLElement {
  const div = document.createElement('div');
  div.className = `note ${className}`;
  div.textContent = text;
  return div;
}

/** "Smaller models: −$0.13/run (−76%), quality −10.5" */
function smallerText(s: NonNullable<WorkflowRow['smaller']>): string {
  const share = s.costPerRun + s.saving > 0 ? ` (−${Math.round((s.saving / (s.costPerRun + s.saving)) * 100)}%)` : '';
  const quality = s.qualityGivenUp === null ? '' : `, quality ${s.qualityGivenUp > 0 ? '−' : '+'}${Math.abs(s.qualityGivenUp).toFixed(1)}`;
  return `Smaller models: −${usd(s.saving)}/run${share}${quality}`;
}

export function renderWorkflows(rows: readonly WorkflowRow[]): HTMLElement {
  const section = document.createElement('div');
  section.id = 'workflow-list';
  if (rows.length === 0) {
    const p = document.createElement('p');
    p.textContent = 'No workflow files (*.agentflow.yaml) in this workspace yet.';
    section.append(p, button('Open an example', () => post({ type: 'openExample' })));
    return section;
  }
  const table = document.createElement('table');
  table.className = 'workflows';
  const head = table.createTHead().insertRow();
  for (const h of ['Workflow', 'Cost/run', 'p95 time', 'Energy']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = h;
    head.append(th);
  }
  const body = table.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    tr.dataset.uri = r.uri;
    const name = document.createElement('td');
    const open = document.createElement('a');
    open.href = '#';
    open.textContent = r.name;
    open.title = `Open ${r.path}`;
    open.addEventListener('click', (e) => {
      e.preventDefault();
      post({ type: 'openFile', uri: r.uri });
    });
    name.append(open);
    if (r.errors) name.append(note(`${r.errors} problem${r.errors > 1 ? 's' : ''}`, 'error'));
    if (r.smaller) name.append(note(smallerText(r.smaller), 'smaller'));
    tr.append(
      name,
      cell(r.costPerRun === null ? '?' : usd(r.costPerRun), 'num cost'),
      cell(r.p95LatencyS === null ? 'batch' : seconds(r.p95LatencyS), 'num latency'),
      cell(r.energyWh === null ? '?' : wh(r.energyWh), 'num energy'),
    );
    tr.addEventListener('click', (e) => {
      if (e.target === open) return;
      post({ type: 'openFile', uri: r.uri });
    });
  }
  section.append(table);
  return section;
}
