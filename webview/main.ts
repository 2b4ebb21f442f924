// The side panel. It renders what the host posts (validated against the shared protocol), keeps
// the user's choices with setState, and asks the host for the compounding series it shows.
import type { Chart } from 'chart.js';
import { isHostMessage, type CompoundRequest, type PanelData, type WorkflowRow } from '../src/shared/protocol';
import { forget } from './charts';
import { renderComputeGap } from './computeGap';
import { loadState, post, saveState } from './host';
import { renderNarrowModels, renderReadings } from './narrowModels';
import { type Compounding, renderSmallVsLarge } from './smallVsLarge';
import { INITIAL, type UiState } from './state';
import { section } from './ui';
import { renderWorkflows } from './workflows';

const app = document.getElementById('app') as HTMLElement;
const saved = loadState();
let ui: UiState = { ...INITIAL, ...saved.ui };
let data: PanelData | null = saved.data ?? null;
let rows: WorkflowRow[] = saved.rows ?? [];
let compounding: (Compounding & { request: CompoundRequest }) | null = null;
const charts: Chart[] = [];
const firstPaint = performance.now();

function request(): CompoundRequest | null {
  if (!data) return null;
  return { small: ui.small || data.defaults.small, large: ui.large || data.defaults.large, workflow: ui.workflow };
}

function sameRequest(a: CompoundRequest, b: CompoundRequest): boolean {
  return a.small === b.small && a.large === b.large && a.workflow === b.workflow;
}

function update(patch: Partial<UiState>): void {
  ui = { ...ui, ...patch };
  const wanted = request();
  if (wanted && (!compounding || !sameRequest(compounding.request, wanted))) post({ type: 'compound', request: wanted });
  render();
}

function render(): void {
  const focused = document.activeElement?.id;
  charts.splice(0).forEach(forget);
  const keep = (c: Chart) => charts.push(c);
  const toggle = (id: string) => (open: boolean) => update({ open: { ...ui.open, [id]: open } });
  const parts: HTMLElement[] = [section('workflows', 'Your workflows', ui.open.workflows !== false, toggle('workflows'), () => [renderWorkflows(rows)])];
  if (data) {
    const d = data;
    const view = { ...ui, small: ui.small || d.defaults.small, large: ui.large || d.defaults.large };
    const current = compounding && sameRequest(compounding.request, request() as CompoundRequest) ? compounding : null;
    parts.push(
      section('small-vs-large', 'Small vs large', ui.open['small-vs-large'] !== false, toggle('small-vs-large'), () => renderSmallVsLarge(d, rows, view, current, update, keep)),
      section('compute-gap', 'The compute gap', ui.open['compute-gap'] !== false, toggle('compute-gap'), () => renderComputeGap(d, rows, ui, update, keep)),
      section('narrow-models', 'Narrow models doing real work', ui.open['narrow-models'] !== false, toggle('narrow-models'), () => renderNarrowModels(d, ui, update)),
      section('readings', 'Different game, or already lost?', ui.open.readings !== false, toggle('readings'), () => renderReadings(d)),
    );
  }
  app.replaceChildren(...parts);
  if (focused) document.getElementById(focused)?.focus();
  saveState({ ui, data: data ?? undefined, rows });
  app.dataset.renderedMs = String(Math.round(performance.now() - firstPaint));
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = event.data;
  if (!isHostMessage(m)) return; // anything else is ignored
  if (m.type === 'workflows') rows = m.rows;
  else if (m.type === 'data') {
    data = m.data;
    const wanted = request();
    if (wanted) post({ type: 'compound', request: wanted });
  } else {
    const wanted = request();
    if (!wanted || !sameRequest(m.request, wanted)) return; // an answer to an older choice
    compounding = { request: m.request, small: m.small, large: m.large };
  }
  render();
});

if (data || rows.length) render();
post({ type: 'ready' });
