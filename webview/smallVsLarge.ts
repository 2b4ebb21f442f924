// "Small vs large": two catalog models, four metrics, and how the case compounds over the calls of
// an agent workflow (or the runs of one of the user's workflows).
import type { Chart } from 'chart.js';
import { count, seconds, usd, wh } from '../src/core/reports/format';
import type { ModelFacts, PanelData, SeriesPoint, WorkflowRow } from '../src/shared/protocol';
import type { Compound, Metric, UiState } from './state';
import { radioGroup } from './toolkit';
import { chartBlock, cite, el, select } from './ui';


interface MetricDef {
  label: string;
  unit: string;
  better: 'higher' | 'lower';
  value: (m: ModelFacts, blend: number) => number | null;
  format: (v: number) => string;
  source: (m: ModelFacts) => string | null;
}

export const METRICS: Record<Metric, MetricDef> = {
  speed: { label: 'Speed', unit: 'output tokens/s', better: 'higher', value: (m) => m.outputTps, format: (v) => `${v.toFixed(0)} tokens/s`, source: (m) => m.sources.speed },
  energy: { label: 'Energy', unit: 'Wh per 1,000 output tokens', better: 'lower', value: (m) => m.whPer1kOutput, format: (v) => `${wh(v)} per 1k tokens`, source: (m) => m.sources.energy },
  cost: {
    label: 'Cost', unit: 'USD per million tokens, blended', better: 'lower',
    value: (m, blend) => (m.priceInput === null || m.priceOutput === null ? null : blend * m.priceInput + (1 - blend) * m.priceOutput),
    format: (v) => `$${v.toFixed(v < 1 ? 3 : 2)} per 1M tokens`, source: (m) => m.sources.price,
  },
  quality: { label: 'Quality', unit: 'Intelligence Index', better: 'higher', value: (m) => m.quality, format: (v) => `${v} (Intelligence Index)`, source: (m) => m.sources.quality },
};

/** The winner of a metric: 0 for the first model, 1 for the second, null when unknown or tied. */
export function winner(metric: Metric, a: ModelFacts, b: ModelFacts, blend: number): 0 | 1 | null {
  const d = METRICS[metric];
  const [x, y] = [d.value(a, blend), d.value(b, blend)];
  if (x === null || y === null || x === y) return null;
  return (d.better === 'higher') === (x > y) ? 0 : 1;
}

const COMPOUND: Record<Compound, { label: string; pick: (p: SeriesPoint) => number | null; format: (v: number) => string; lessIs: string }> = {
  cost: { label: 'Total cost', pick: (p) => p.costUsd, format: usd, lessIs: 'cheaper' },
  time: { label: 'Wall time', pick: (p) => p.seconds, format: seconds, lessIs: 'faster' },
  energy: { label: 'Energy', pick: (p) => p.wh, format: wh, lessIs: 'less energy' },
};

export interface Compounding {
  small: SeriesPoint[];
  large: SeriesPoint[];
}

/** "At 100 calls, Mistral Small 4 costs $0.21 against $3.40 for GPT-5.5: 16× cheaper." */
export function compoundSentence(kind: Compound, calls: number, unit: string, a: ModelFacts, b: ModelFacts, c: Compounding): string {
  const def = COMPOUND[kind];
  const pa = c.small.find((p) => p.calls === calls);
  const pb = c.large.find((p) => p.calls === calls);
  const [x, y] = [pa && def.pick(pa), pb && def.pick(pb)];
  if (x == null || y == null) return `${def.label} is unknown for one of the models.`;
  const head = `At ${count(calls)} ${unit}, ${def.label.toLowerCase()}: ${a.name} ${def.format(x)}, ${b.name} ${def.format(y)}`;
  if (x === y) return `${head}: a tie.`;
  const [win, times] = x < y ? [a.name, y / x] : [b.name, x / y];
  return `${head}. ${win} wins by ${times >= 10 ? times.toFixed(0) : times.toFixed(1)}× (${def.lessIs}).`;
}

/** Mistral's life-cycle analysis of Mistral Large 2 beside our estimate for the same answer. */
function lcaReference(data: PanelData, models: readonly ModelFacts[]): HTMLElement {
  const l = data.lca;
  const ours = models.filter((m) => m.whPer1kOutput !== null).map((m) => {
    const whAnswer = ((m.whPer1kOutput as number) * l.outputTokens) / 1000;
    return `${m.name}: ${wh(whAnswer)}, ${((whAnswer * m.grid.gPerKwh) / 1000).toPrecision(2)} gCO2e on the grid of ${m.grid.name}`;
  });
  const p = el('p', { className: 'footnote', id: 'lca' },
    `For scale: Mistral's life-cycle analysis gives ${l.gCo2e} gCO2e and ${l.waterMl} mL of water for a ${l.outputTokens}-token Mistral Large 2 answer, all life-cycle stages included (${l.source}). `
    + `Our estimate for a ${l.outputTokens}-token answer counts ${data.energyBoundary}: ${ours.join('; ')}.`);
  return p;
}

export function renderSmallVsLarge(data: PanelData, rows: readonly WorkflowRow[], ui: UiState, compounding: Compounding | null, update: (patch: Partial<UiState>) => void, keep: (c: Chart) => void): (Node | string)[] {
  const byId = new Map(data.models.map((m) => [m.id, m]));
  const a = byId.get(ui.small) ?? data.models[0];
  const b = byId.get(ui.large) ?? data.models[data.models.length - 1];
  const options = data.models.map((m) => ({ value: m.id, label: m.name }));
  const metric = METRICS[ui.metric];
  const values = [metric.value(a, ui.blend), metric.value(b, ui.blend)];
  const w = winner(ui.metric, a, b, ui.blend);

  const picks = el('div', { className: 'row' },
    select('small-model', 'Small model', options, a.id, (small) => update({ small })),
    select('large-model', 'Large model', options, b.id, (large) => update({ large })));
  const flip = radioGroup('Compare on', (Object.keys(METRICS) as Metric[]).map((k) => ({ value: k, label: METRICS[k].label })), ui.metric, (m) => update({ metric: m as Metric }));
  flip.id = 'metric';
  const blend = el('input', { id: 'blend', type: 'range', min: '0', max: '100', step: '5', value: String(Math.round(ui.blend * 100)) });
  blend.addEventListener('change', () => update({ blend: Number(blend.value) / 100 }));
  const blendField = el('label', { className: 'field', htmlFor: 'blend', hidden: ui.metric !== 'cost' }, el('span', {}, `Blend: ${Math.round(ui.blend * 100)}% input, ${100 - Math.round(ui.blend * 100)}% output tokens`), blend);
  const verdict = el('p', { id: 'winner', className: 'verdict' }, w === null
    ? `${metric.label}: no winner (${values.some((v) => v === null) ? 'a figure is unknown' : 'a tie'}).`
    : `${metric.label}: ${[a, b][w].name} wins, ${metric.format(values[w] as number)} against ${metric.format(values[1 - w] as number)}.`);
  verdict.dataset.winner = w === null ? '' : [a, b][w].id;
  const bars = chartBlock('metric-chart', `${metric.label} (${metric.unit}; ${metric.better} is better)`, ui.tables['metric-chart'] ?? false,
    (on) => update({ tables: { ...ui.tables, 'metric-chart': on } }),
    {
      type: 'bar',
      data: { labels: [a.name, b.name], datasets: [{ label: metric.unit, data: values.map((v) => v ?? 0), seriesOf: [0, 1] } as never] },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, title: { display: true, text: metric.unit } } } },
    },
    { head: ['Model', metric.unit], rows: [a, b].map((m, i) => [m.name, values[i] === null ? 'unknown' : metric.format(values[i] as number)]) }, keep);
  const scoreboard = el('ul', { className: 'scoreboard', id: 'scoreboard' }, ...(Object.keys(METRICS) as Metric[]).map((k) => {
    const win = winner(k, a, b, ui.blend);
    const li = el('li', {}, `${METRICS[k].label}: ${win === null ? 'no winner' : `${[a, b][win].name}`}`);
    li.dataset.metric = k;
    li.dataset.winner = win === null ? '' : [a, b][win].id;
    return li;
  }));
  const sources = cite(`Sources: ${[a, b].map((m) => `${m.name}: ${metric.source(m) ?? 'no published figure'}`).join('; ')}.`);
  const reference = ui.metric === 'energy' ? [lcaReference(data, [a, b])] : [];

  // compounding
  const workflowOptions = [{ value: '', label: `A replayed agent loop (${count(data.loop.inputTokens)} tokens of context, ${data.loop.outputTokens} out and ${data.loop.toolTokens} tool tokens a turn)` },
    ...rows.map((r) => ({ value: r.uri, label: `My workflow: ${r.name}` }))];
  const useWorkflow = select('compound-source', 'Use my workflow', workflowOptions, ui.workflow ?? '', (v) => update({ workflow: v || null }));
  const kind = radioGroup('Total', (Object.keys(COMPOUND) as Compound[]).map((k) => ({ value: k, label: COMPOUND[k].label })), ui.compound, (v) => update({ compound: v as Compound }));
  kind.id = 'compound-metric';
  const calls = data.calls[Math.min(ui.callsIndex, data.calls.length - 1)];
  const unit = ui.workflow ? 'runs' : 'calls';
  const slider = el('input', { id: 'calls', type: 'range', min: '0', max: String(data.calls.length - 1), step: '1', value: String(ui.callsIndex) });
  slider.setAttribute('aria-valuetext', `${calls} ${unit}`);
  slider.addEventListener('input', () => update({ callsIndex: Number(slider.value) }));
  const sliderField = el('label', { className: 'field', htmlFor: 'calls' }, el('span', {}, `${count(calls)} ${unit}`), slider);
  const compoundParts: (Node | string)[] = [el('h3', {}, `Over the ${unit} of an agent workflow`), useWorkflow, kind, sliderField];
  if (compounding) {
    const def = COMPOUND[ui.compound];
    const series = [compounding.small, compounding.large];
    compoundParts.push(
      el('p', { id: 'compound-sentence', className: 'verdict' }, compoundSentence(ui.compound, calls, unit, a, b, compounding)),
      chartBlock('compound-chart', `${def.label} over 1 to 1,000 ${unit}`, ui.tables['compound-chart'] ?? false,
        (on) => update({ tables: { ...ui.tables, 'compound-chart': on } }),
        {
          type: 'line',
          data: {
            datasets: [a, b].map((m, i) => ({
              label: `${m.name}${i === 1 ? ' (dashed)' : ''}`, seriesIndex: i,
              data: series[i].map((p) => ({ x: p.calls, y: def.pick(p) })).filter((p) => p.y !== null),
            }) as never),
          },
          options: {
            parsing: false,
            scales: {
              x: { type: 'logarithmic', min: 1, max: 1000, title: { display: true, text: unit } },
              y: { type: 'logarithmic', title: { display: true, text: def.label } },
            },
          },
        },
        {
          head: [unit, a.name, b.name],
          rows: data.calls.map((n, k) => [count(n), ...series.map((s) => {
            const v = def.pick(s[k]);
            return v === null ? 'unknown' : def.format(v);
          })]),
        }, keep),
    );
  } else compoundParts.push(el('p', { className: 'muted' }, 'Computing…'));
  return [picks, flip, blendField, verdict, scoreboard, bars, sources, ...reference, ...compoundParts];
}
