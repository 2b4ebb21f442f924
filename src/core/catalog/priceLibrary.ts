// Current prices from @pydantic/genai-prices, a maintained price library released about weekly.
// Loaded on the first estimate that needs it (the data is large), never updated over the network:
// a new release of the library, and so of this product, brings new prices.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PriceSpec, PriceTier } from '../types';

/** Prices are read as of this date, so the same input gives the same figures on every run. */
export const PRICE_DATE = '2026-11-29';

interface LibraryTiered {
  base: number;
  tiers: { start: number; price: number }[];
}
type LibraryPrice = number | LibraryTiered | undefined;

interface LibraryResult {
  model: { id: string; name?: string };
  provider: { id: string; name: string };
  model_price: Record<string, LibraryPrice>;
}

interface PriceLibraryModule {
  /** Set by our bundled chunk (dist/prices.js); read from the package's manifest otherwise. */
  version?: string;
  calcPrice(usage: Record<string, number>, modelId: string, options?: { providerId?: string; timestamp?: Date }): LibraryResult | null;
}

let library: PriceLibraryModule | null = null;
let libraryVersion = '';

function load(): PriceLibraryModule {
  if (!library) {
    // The bundles map this require to their own lazily loaded file (see esbuild.js).
    library = require('@pydantic/genai-prices') as PriceLibraryModule;
    libraryVersion = readVersion();
  }
  return library;
}

function readVersion(): string {
  if (library?.version) return library.version;
  try {
    // The package does not export its manifest: find it beside the resolved entry point.
    const entry = require.resolve('@pydantic/genai-prices');
    const manifest = join(entry.slice(0, entry.lastIndexOf(join('genai-prices', 'dist'))), 'genai-prices', 'package.json');
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown version';
  }
}

export interface LibraryMatch {
  /** The library's own id and name for the model (`gpt-3.5-turbo` for `gpt-35-turbo`). */
  modelId: string;
  modelName: string;
  providerId: string;
  price: PriceSpec;
}

const cache = new Map<string, LibraryMatch | null>();

/**
 * The library's match for a model name, with prices converted to USD per million tokens, or
 * null where the library does not know it. `provider` narrows the match, as names repeat across hosts.
 */
export function libraryMatch(model: string, provider?: string): LibraryMatch | null {
  const key = `${provider ?? ''}\u0000${model}`;
  if (cache.has(key)) return cache.get(key) ?? null;
  let match: LibraryMatch | null = null;
  try {
    const result = load().calcPrice({ input_tokens: 0, output_tokens: 0 }, model, {
      providerId: provider,
      timestamp: new Date(`${PRICE_DATE}T00:00:00Z`),
    });
    const price = result ? convert(result) : null;
    if (result && price) match = { modelId: result.model.id, modelName: result.model.name ?? result.model.id, providerId: result.provider.id, price };
  } catch {
    match = null; // an id the library rejects is simply not priced by it
  }
  cache.set(key, match);
  return match;
}

/** The library's prices for a model, or null where it does not know it. */
export function libraryPrice(model: string, provider?: string): PriceSpec | null {
  return libraryMatch(model, provider)?.price ?? null;
}

function base(price: LibraryPrice): number | null {
  if (price === undefined) return null;
  return typeof price === 'number' ? price : price.base;
}

function convert(result: LibraryResult): PriceSpec | null {
  const p = result.model_price;
  const kpages = base(p.input_document_kpages);
  const input = base(p.input_mtok);
  const output = base(p.output_mtok);
  if (input === null && output === null && kpages === null) return null;
  const starts = new Set<number>();
  for (const v of Object.values(p)) if (v && typeof v === 'object') v.tiers.forEach((t) => starts.add(t.start));
  const tierAt = (price: LibraryPrice, start: number): number | null => {
    if (price === undefined) return null;
    if (typeof price === 'number') return price;
    let value = price.base;
    for (const t of price.tiers) if (start >= t.start) value = t.price;
    return value;
  };
  const tiers: PriceTier[] = [...starts]
    .sort((a, b) => a - b)
    .map((start) => ({
      above: start,
      input: tierAt(p.input_mtok, start),
      output: tierAt(p.output_mtok, start),
      cacheRead: tierAt(p.cache_read_mtok, start),
      cacheWrite: tierAt(p.cache_write_mtok, start),
    }));
  return {
    input,
    output,
    cacheRead: base(p.cache_read_mtok),
    cacheWrite: base(p.cache_write_mtok),
    batchInput: null,
    batchOutput: null,
    perPage: kpages === null ? null : kpages / 1000,
    batchPerPage: null,
    perImage: null,
    tiers,
    source: `the price library @pydantic/genai-prices ${libraryVersion}: ${result.provider.name}'s price for ${result.model.id}`,
    asOf: PRICE_DATE,
  };
}
