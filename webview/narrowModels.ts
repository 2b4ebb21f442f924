// "Narrow models doing real work": the article's four cards, and a scale calculator for the
// papyri: documents × pages read by an OCR model, in days and money.
import { papyriScale } from '../src/core/panel/papyri';
import { count, usd } from '../src/core/reports/format';
import type { PanelData } from '../src/shared/protocol';
import type { UiState } from './state';
import { cite, el, numberInput } from './ui';

export function renderNarrowModels(data: PanelData, ui: UiState, update: (patch: Partial<UiState>) => void): (Node | string)[] {
  const cards = el('div', { className: 'cards' }, ...data.cards.map((c) => el('article', { className: 'card' }, el('h3', {}, c.title), el('p', {}, c.text))));
  const p = ui.papyri ?? { documents: data.papyri.documents, pages: 2, price: data.papyri.pricePer1000Pages, speed: data.papyri.pagesPerMinute };
  const set = (patch: Partial<typeof p>) => update({ papyri: { ...p, ...patch } });
  const result = papyriScale({ documents: p.documents, pagesPerDocument: p.pages, pricePer1000Pages: p.price, pagesPerMinute: p.speed });
  const days = Number.isFinite(result.days) ? (result.days < 1 ? `${(result.days * 24).toFixed(1)} hours` : `${result.days.toFixed(1)} days`) : 'never';
  const output = el('p', { id: 'papyri-result', className: 'verdict' },
    `${count(result.pages)} pages: ${days} and ${usd(result.costUsd)} for the whole collection, against more than ${count(data.papyri.byHandYears)} years by hand.`);
  return [
    cards,
    el('h3', {}, 'The papyri, at scale'),
    el('p', {}, data.papyri.text),
    el('div', { className: 'row' },
      numberInput('papyri-documents', 'Documents', p.documents, 1000, (documents) => set({ documents })),
      numberInput('papyri-pages', 'Pages per document', p.pages, 1, (pages) => set({ pages })),
      numberInput('papyri-price', 'OCR price, USD per 1,000 pages', p.price, 0.5, (price) => set({ price })),
      numberInput('papyri-speed', 'OCR speed, pages per minute', p.speed, 100, (speed) => set({ speed }))),
    output,
    cite(`Price: Mistral OCR, ${data.papyri.priceSource}${data.papyri.batchPricePer1000Pages !== null ? `; $${data.papyri.batchPricePer1000Pages} per 1,000 pages in batch` : ''}. Speed: ${data.papyri.speedSource}. Collection and years by hand: ${data.article.title}, as of ${data.article.asOf}.`),
  ];
}

export function renderReadings(data: PanelData): (Node | string)[] {
  const list = (title: string, points: readonly string[], id: string) => el('div', { className: 'reading', id }, el('h3', {}, title), el('ul', {}, ...points.map((t) => el('li', {}, t))));
  return [
    el('div', { className: 'cards' }, list('A different game', data.readings.optimistic, 'optimistic'), list('Already lost', data.readings.skeptical, 'skeptical')),
    cite(`Both readings from ${data.article.title}, as of ${data.article.asOf}: "I want them to win, but I'm worried."`),
  ];
}
