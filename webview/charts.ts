// Chart.js, only the parts the panel uses, themed from VS Code's colours. Series differ by pattern
// and label as well as colour: the large model's bars are striped and its line dashed. Labels fit
// a sidebar of 250 px: category labels are shortened to their room (the tooltip has them whole),
// numbers written compactly, nothing rotated.
import {
  BarController, BarElement, CategoryScale, Chart, type ChartConfiguration, Legend, LinearScale, LineController, LineElement,
  LogarithmicScale, type Plugin, PointElement, type Scale, Tooltip,
} from 'chart.js';
import { compactNumber, fitLabel } from './labels';
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
    // grid lines only at labelled ticks: a log axis has eight unlabelled ones between two labels
    scale.grid = { ...scale.grid, color: (c: { tick?: { label?: unknown } }) => (c.tick?.label === '' ? 'transparent' : p.grid) };
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

let measurer: CanvasRenderingContext2D | null = null;

/** Text width in the charts' tick font. */
function measure(text: string): number {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return text.length * 7;
  measurer.font = `${Chart.defaults.font.size ?? 12}px ${Chart.defaults.font.family}`;
  return measurer.measureText(text).width;
}

/** The room a category label has: a share of the width beside a vertical axis, an even share below a horizontal one. */
function labelRoom(scale: Scale): number {
  const labels = Math.max(1, scale.chart.data.labels?.length ?? 1);
  return scale.isHorizontal() ? (scale.chart.width * 0.85) / labels - 6 : scale.chart.width * 0.38;
}

const isPowerOfTen = (v: number): boolean => v > 0 && Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;

/** Tick options that keep every axis label inside the chart. */
function fittedScales(config: ChartConfiguration): ChartConfiguration['options'] {
  const options = config.options ?? {};
  const horizontalBars = (options as { indexAxis?: string }).indexAxis === 'y';
  const scales: Record<string, unknown> = { ...(options.scales ?? {}) };
  for (const axis of ['x', 'y']) {
    const given = (scales[axis] ?? {}) as { type?: string; ticks?: object };
    const category = given.type === undefined ? (config.type === 'bar' && (axis === 'y') === horizontalBars) : given.type === 'category';
    const logarithmic = given.type === 'logarithmic';
    scales[axis] = {
      ...given,
      ticks: {
        maxRotation: 0,
        autoSkip: false,
        // Chart.js sizes an axis by its first maxTicksLimit labels: a log axis, labelled at powers of ten, needs them all
        ...(logarithmic ? {} : { maxTicksLimit: 5 }),
        ...(given.ticks ?? {}),
        callback: category
          ? function (this: Scale, value: string | number) {
            return fitLabel(String(this.getLabelForValue(Number(value))), labelRoom(this), measure);
          }
          // a log axis is labelled at powers of ten only
          : (value: string | number) => (logarithmic && !isPowerOfTen(Number(value)) ? '' : compactNumber(Number(value))),
      },
    };
  }
  // room for half the last label of a numeric axis at the right edge, which Chart.js leaves out
  return { ...options, layout: { padding: { right: 12 } }, scales: scales as never };
}

/** The first drawn tick label that does not fit, or null. */
function misfit(chart: Chart): string | null {
  for (const scale of Object.values(chart.scales)) {
    const labels = scale.ticks.map((t) => String(t.label ?? ''));
    let previousEnd = -Infinity;
    for (const [i, label] of labels.entries()) {
      if (!label) continue;
      const width = measure(label);
      if (!scale.isHorizontal()) {
        if (width > scale.width + 1) return `${scale.id}: ${label}`;
        continue;
      }
      const x = scale.getPixelForTick(i);
      if (x - width / 2 < Math.max(previousEnd, 0) - 1 || x + width / 2 > chart.width + 1) return `${scale.id}: ${label}`;
      previousEnd = x + width / 2;
    }
  }
  return null;
}

/**
 * Marks the canvas with whether every drawn tick label fits (the layout tests read it): beside a
 * vertical axis, within the axis' width; below a horizontal one, inside the chart and clear of
 * its neighbours. Otherwise it names the first that does not.
 */
const labelsFit: Plugin = {
  id: 'labelsFit',
  afterDraw(chart) {
    chart.canvas.dataset.labelsFit = misfit(chart) ?? 'true';
  },
};

/** A chart that follows the theme; `config` sets data and scales, colours come from here. */
export function themedChart(canvas: HTMLCanvasElement, config: ChartConfiguration): Chart {
  Chart.defaults.font.family = palette().font;
  const chart = new Chart(canvas, {
    ...config,
    options: { responsive: true, maintainAspectRatio: false, animation: false, ...fittedScales(config) },
    plugins: [labelsFit],
  });
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
