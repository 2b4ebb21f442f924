// Chart.js, only the parts the panel uses, themed from VS Code's colours. Series differ by pattern
// and label as well as colour: the large model's bars are striped and its line dashed.
import {
  BarController, BarElement, CategoryScale, Chart, type ChartConfiguration, Legend, LinearScale, LineController, LineElement,
  LogarithmicScale, PointElement, Tooltip,
} from 'chart.js';
import { onThemeChange, palette, type Palette } from './theme';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LogarithmicScale, LineController, LineElement, PointElement, Tooltip, Legend);

const charts = new Set<Chart>();

function stripes(color: string): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = 8;
  tile.height = 8;
  const ctx = tile.getContext('2d');
  if (!ctx) return color;
  ctx.fillStyle = color;
  ctx.globalAlpha = 0.35;
  ctx.fillRect(0, 0, 8, 8);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(0, 8);
  ctx.lineTo(8, 0);
  ctx.stroke();
  return ctx.createPattern(tile, 'repeat') ?? color;
}

/** Fill, border and dash of series `index` (0: the small model, 1: the large one). */
export function seriesStyle(p: Palette, index: number) {
  const color = index === 0 ? p.small : p.large;
  return {
    color,
    fill: index === 0 ? color : stripes(color),
    dash: index === 0 ? [] : [6, 4],
    point: index === 0 ? 'circle' : 'rectRot',
  } as const;
}

function applyTheme(chart: Chart, p: Palette): void {
  const o = chart.options;
  o.color = p.foreground;
  for (const scale of Object.values(o.scales ?? {})) {
    if (!scale) continue;
    scale.ticks = { ...scale.ticks, color: p.muted };
    scale.grid = { ...scale.grid, color: p.grid };
    if ('title' in scale && scale.title) scale.title.color = p.muted;
  }
  chart.data.datasets.forEach((d, i) => {
    const s = seriesStyle(p, (d as { seriesIndex?: number }).seriesIndex ?? i);
    if ((chart.config as { type?: string }).type === 'bar') {
      const colors = (d as { seriesOf?: number[] }).seriesOf;
      (d as { backgroundColor: unknown }).backgroundColor = colors ? colors.map((k) => seriesStyle(p, k).fill) : s.fill;
      (d as { borderColor: unknown }).borderColor = colors ? colors.map((k) => seriesStyle(p, k).color) : s.color;
    } else {
      Object.assign(d, { borderColor: s.color, backgroundColor: s.color, borderDash: s.dash, pointStyle: s.point });
    }
  });
}

/** A chart that follows the theme; `config` sets data and scales, colours come from here. */
export function themedChart(canvas: HTMLCanvasElement, config: ChartConfiguration): Chart {
  Chart.defaults.font.family = palette().font;
  const chart = new Chart(canvas, { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options } });
  applyTheme(chart, palette());
  chart.update();
  charts.add(chart);
  return chart;
}

export function retheme(chart: Chart): void {
  applyTheme(chart, palette());
  chart.update();
}

export function forget(chart: Chart | undefined): void {
  if (!chart) return;
  charts.delete(chart);
  chart.destroy();
}

onThemeChange(() => charts.forEach((c) => retheme(c)));
