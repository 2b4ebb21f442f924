// "The compute gap": capital and compute against a frontier leader, on a linear or log scale, and
// what each power budget serves per day through the energy model ("electrons into tokens").
import type { Chart } from 'chart.js';
import { ratio, runsPerDay, tokensPerDay } from '../src/core/panel/computeGap';
import { count, wh } from '../src/core/reports/format';
import type { PanelData, WorkflowRow } from '../src/shared/protocol';
import type { UiState } from './state';
import { radioGroup } from './toolkit';
import { chartBlock, cite, el, select, table } from './ui';

const money = (v: number) => `$${(v / 1e9).toFixed(1)}B`;
// a no-break space: a figure and its unit stay on one line
const power = (mw: number) => (mw >= 1000 ? `${(mw / 1000).toFixed(0)}\u00a0GW` : `${mw}\u00a0MW`);

export function renderComputeGap(data: PanelData, rows: readonly WorkflowRow[], ui: UiState, update: (patch: Partial<UiState>) => void, keep: (c: Chart) => void): (Node | string)[] {
  const cite2 = `${data.article.title}, as of ${data.article.asOf}`;
  const scale = radioGroup('Scale', [{ value: 'linear', label: 'Linear' }, { value: 'logarithmic', label: 'Log' }], ui.gapScale, (v) => update({ gapScale: v as UiState['gapScale'] }));
  scale.id = 'gap-scale';
  const [mistral, anthropic] = data.capital;
  const [today, target, frontier] = data.compute;
  const capitalRatio = ratio(mistral.value, anthropic.value);
  const computeRatio = ratio(target.value, frontier.value);
  const bar = (id: string, label: string, figures: PanelData['capital'], format: (v: number) => string, unit: string) => chartBlock(id, label, ui.tables[id] ?? false,
    (on) => update({ tables: { ...ui.tables, [id]: on } }),
    {
      type: 'bar',
      data: { labels: figures.map((f) => f.label), datasets: [{ label: unit, data: figures.map((f) => f.value), seriesOf: figures.map((_, i) => (i === figures.length - 1 ? 1 : 0)) } as never] },
      options: {
        indexAxis: 'y',
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => `${format(c.parsed.x ?? 0)}: ${figures[c.dataIndex].note} (${cite2})` } } },
        scales: { x: { type: ui.gapScale, title: { display: true, text: unit } } },
      },
    },
    { head: ['', unit, 'Source'], rows: figures.map((f) => [f.label, format(f.value), `${f.note} (${cite2})`]) }, keep);

  const models = data.models.filter((m) => m.whPer1kOutput !== null);
  const model = models.find((m) => m.id === (ui.gapModel || data.defaults.small)) ?? models[0];
  const workflow = rows.find((r) => r.uri === ui.gapWorkflow) ?? rows.find((r) => r.energyWh !== null);
  const electrons = table(
    `What each power budget serves per day on ${model.name} (${wh(model.whPer1kOutput as number)} per 1,000 output tokens, PUE included)`,
    ['Power', 'Output tokens a day', workflow ? `Runs of ${workflow.name} a day` : 'Runs a day'],
    data.compute.map((f) => [`${f.label}: ${power(f.value)}`, count(tokensPerDay(f.value, (model.whPer1kOutput as number) / 1000)),
      workflow?.energyWh ? count(runsPerDay(f.value, workflow.energyWh)) : 'no workflow with a known energy']),
    'data electrons',
  );
  electrons.id = 'electrons';
  return [
    el('p', {}, `Capital: ${money(mistral.value)} over Mistral's lifetime against ${money(anthropic.value)} for one frontier round: ${capitalRatio.toFixed(1)}× (the article: "about 16 times").`),
    el('p', {}, `Compute: ${power(today.value)} now and ${power(target.value)} targeted for 2027, against more than ${power(frontier.value)}: ${computeRatio.toFixed(0)}× the 2027 target, ${ratio(today.value, frontier.value).toFixed(0)}× today's.`),
    scale,
    bar('capital-chart', 'Capital (USD)', data.capital, money, 'USD'),
    bar('compute-chart', 'Compute (MW)', data.compute, power, 'MW'),
    el('h3', {}, 'Electrons into tokens'),
    el('div', { className: 'row' },
      select('gap-model', 'Model', models.map((m) => ({ value: m.id, label: m.name })), model.id, (gapModel) => update({ gapModel })),
      select('gap-workflow', 'Workflow', rows.filter((r) => r.energyWh !== null).map((r) => ({ value: r.uri, label: r.name })), workflow?.uri ?? '', (gapWorkflow) => update({ gapWorkflow }))),
    electrons,
    cite(`Figures: ${cite2}; ${data.article.sources}. Energy per token from the EcoLogits method (see the README), at a day of 24 hours at full power.`),
  ];
}
