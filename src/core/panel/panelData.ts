// Everything the panel shows besides the workflows, built once per catalog: the extension host
// posts it, and the webview tests play the host with the same function.
import type { Catalog } from '../catalog/catalog';
import { ENERGY_BOUNDARY, MISTRAL_LARGE_2_LCA } from '../energy';
import { DEFAULT_REGION } from '../grids';
import type { PanelData } from '../../shared/protocol';
import { ARTICLE, CAPITAL, COMPUTE, NARROW_MODELS, PAPYRI, READINGS } from './article';
import { CALLS, SYNTHETIC_LOOP } from './compounding';
import { modelFacts } from './models';

/** Mistral's stated throughput for Mistral OCR (a single node), the calculator's default speed. */
export const OCR_PAGES_PER_MINUTE = { value: 2000, source: "Mistral's stated figure for Mistral OCR: up to 2,000 pages a minute on a single node (March 2025 announcement); editable" };

export const DEFAULT_PAIR = { small: 'mistral-small-4', large: 'gpt-5.5' } as const;

export function panelData(catalog: Catalog, region: string = DEFAULT_REGION): PanelData {
  const ocr = catalog.resolve('mistral-ocr');
  return {
    models: modelFacts(catalog, region).filter((m) => m.priceInput !== null || m.priceOutput !== null),
    defaults: { ...DEFAULT_PAIR },
    calls: [...CALLS],
    loop: { ...SYNTHETIC_LOOP },
    article: { ...ARTICLE },
    capital: [...CAPITAL],
    compute: [...COMPUTE],
    cards: [...NARROW_MODELS],
    papyri: {
      documents: PAPYRI.documents,
      byHandYears: PAPYRI.byHandYears,
      text: PAPYRI.text,
      pricePer1000Pages: (ocr?.price.perPage ?? 0.004) * 1000,
      batchPricePer1000Pages: ocr?.price.batchPerPage != null ? ocr.price.batchPerPage * 1000 : null,
      priceSource: ocr ? `${ocr.price.source}${ocr.price.asOf ? `, as of ${ocr.price.asOf}` : ''}` : 'Mistral OCR list price',
      pagesPerMinute: OCR_PAGES_PER_MINUTE.value,
      speedSource: OCR_PAGES_PER_MINUTE.source,
    },
    readings: { optimistic: [...READINGS.optimistic], skeptical: [...READINGS.skeptical] },
    lca: { outputTokens: MISTRAL_LARGE_2_LCA.outputTokens, gCo2e: MISTRAL_LARGE_2_LCA.gCo2e, waterMl: MISTRAL_LARGE_2_LCA.waterMl, source: MISTRAL_LARGE_2_LCA.source },
    energyBoundary: ENERGY_BOUNDARY,
  };
}
