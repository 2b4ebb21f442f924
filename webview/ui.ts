// Small DOM helpers shared by the panel's sections: collapsible sections, labelled inputs, tables,
// and charts with a "show as table" toggle.
import type { Chart, ChartConfiguration } from 'chart.js';
import { themedChart } from './charts';
import { checkbox } from './toolkit';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** A section whose title is a button that folds it; `open` is kept in the panel state. */
export function section(id: string, title: string, open: boolean, onToggle: (open: boolean) => void, body: () => (Node | string)[]): HTMLElement {
  const heading = el('button', { className: 'section-toggle', id: `${id}-toggle`, type: 'button' }, title);
  heading.setAttribute('aria-expanded', String(open));
  heading.setAttribute('aria-controls', `${id}-body`);
  heading.addEventListener('click', () => onToggle(!open));
  const content = el('div', { id: `${id}-body`, className: 'section-body', hidden: !open });
  if (open) content.append(...body());
  return el('section', { id }, el('h2', {}, heading), content);
}

export function table(caption: string, head: readonly string[], rows: readonly (readonly string[])[], className = 'data'): HTMLTableElement {
  const t = el('table', { className });
  t.append(el('caption', {}, caption));
  const tr = t.createTHead().insertRow();
  for (const h of head) tr.append(el('th', { scope: 'col' }, h));
  const body = t.createTBody();
  for (const r of rows) {
    const row = body.insertRow();
    r.forEach((c, i) => row.append(i === 0 ? el('th', { scope: 'row' }, c) : el('td', {}, c)));
  }
  return t;
}

/**
 * A chart, or the same numbers as a real table when `asTable` is on (screen readers get the table
 * either way: the canvas is hidden from them).
 */
export function chartBlock(id: string, label: string, asTable: boolean, onToggle: (on: boolean) => void, config: ChartConfiguration, data: { head: string[]; rows: string[][] }, keep: (chart: Chart) => void): HTMLElement {
  const figure = el('figure', { className: 'chart', id });
  const toggle = checkbox('Show as table', asTable, onToggle);
  toggle.id = `${id}-as-table`;
  const t = table(label, data.head, data.rows);
  if (asTable) {
    figure.append(t, toggle);
    return figure;
  }
  const canvas = el('canvas');
  canvas.setAttribute('aria-hidden', 'true');
  const box = el('div', { className: 'canvas-box' }, canvas);
  // a table ignores a width below its content's: the wrapper is what clips it
  figure.append(box, el('div', { className: 'visually-hidden' }, t), toggle);
  requestAnimationFrame(() => keep(themedChart(canvas, config)));
  return figure;
}

export function numberInput(id: string, label: string, value: number, step: number, onChange: (v: number) => void): HTMLElement {
  const input = el('input', { id, type: 'number', value: String(value), step: String(step), min: '0' });
  input.addEventListener('change', () => {
    const v = Number(input.value);
    if (Number.isFinite(v) && v >= 0) onChange(v);
  });
  return el('label', { className: 'field', htmlFor: id }, el('span', {}, label), input);
}

export function select(id: string, label: string, options: readonly { value: string; label: string }[], value: string, onChange: (v: string) => void): HTMLElement {
  const s = el('select', { id });
  for (const o of options) s.append(el('option', { value: o.value, selected: o.value === value }, o.label));
  s.addEventListener('change', () => onChange(s.value));
  return el('label', { className: 'field', htmlFor: id }, el('span', {}, label), s);
}

export function cite(text: string): HTMLElement {
  return el('p', { className: 'footnote' }, text);
}
