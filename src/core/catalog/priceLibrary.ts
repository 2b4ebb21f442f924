// Current prices from @pydantic/genai-prices, a maintained price library released about weekly.
// Loaded on the first estimate that needs it (the data is large), never updated over the network:
// a new release of the library, and so of this product, brings new prices. Prices are read for a
// day (today, or the day a user pins), as the library dates its price changes; where a price
// varies by the hour (DeepSeek's peak and off-peak), the day's hour-weighted mean is the price,
// with both windows kept for a step that pins one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PriceRates, PriceSpec, PriceTier, TimeOfDayPrices } from '../types';
import { publishedBatchDiscount } from './batchDiscounts';
import type { LibraryMatch } from './libraryMatch';
import { snapshotExtras, type SnapshotPrices } from './priceSnapshot';

interface LibraryTiered {
  base: number;
  tiers: { start: number; price: number }[];
}
type LibraryPrice = number | LibraryTiered | undefined;

interface ConditionalPrice {
  constraint?: { type: 'start_date'; start_date: string } | { type: 'time_of_date'; start_time: string; end_time: string };
  prices: Record<string, LibraryPrice>;
}

interface LibraryResult {
  model: { id: string; name?: string; prices: ConditionalPrice[] | Record<string, LibraryPrice> };
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

/** The price library's name and version, as reports cite it. */
export function priceLibraryName(): string {
  load();
  return `@pydantic/genai-prices ${libraryVersion}`;
}


const cache = new Map<string, LibraryMatch | null>();
const MAX_CACHED = 5_000;

/**
 * The library's match for a model name on a day, with prices converted to USD per million tokens,
 * or null where the library does not know it. `provider` narrows the match, as names repeat across hosts.
 */
export function libraryMatch(model: string, provider: string | undefined, date: string): LibraryMatch | null {
  const key = `${date}\u0000${provider ?? ''}\u0000${model}`;
  if (cache.has(key)) return cache.get(key) ?? null;
  let match: LibraryMatch | null;
  try {
    match = readMatch(model, provider, date);
  } catch {
    match = null; // an id the library rejects is simply not priced by it
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, match);
  return match;
}

const at = (date: string, time: string): Date => new Date(`${date}T${time}Z`);
const price = (model: string, provider: string | undefined, when: Date): LibraryResult | null =>
  load().calcPrice({ input_tokens: 0, output_tokens: 0 }, model, { providerId: provider, timestamp: when });

function readMatch(model: string, provider: string | undefined, date: string): LibraryMatch | null {
  const noon = price(model, provider, at(date, '12:00:00'));
  if (!noon) return null;
  const variants = Array.isArray(noon.model.prices) ? noon.model.prices : [];
  const hourly = variants.some((v) => v.constraint?.type === 'time_of_date');
  // Windows start and end on the half hour: the middle of each half hour samples the day exactly.
  const samples = hourly
    ? Array.from({ length: 48 }, (_, k) => convert(price(model, provider, at(date, `${String(Math.floor(k / 2)).padStart(2, '0')}:${k % 2 ? '45' : '15'}:00`)), date))
    : [convert(noon, date)];
  if (samples.some((s) => s === null)) return null;
  const day = samples as PriceSpec[];
  const spec = hourly ? dayMean(day) : day[0];
  const id = noon.model.id;
  const extras = snapshotExtras(id, noon.provider.id);
  return {
    modelId: id,
    modelName: noon.model.name ?? id,
    providerId: noon.provider.id,
    price: withExtras(spec, extras, noon.provider.id),
    note: priceChangeAhead(noon, date),
  };
}

/** The standard rates as the mean over the day's half hours, with the peak and off-peak rates kept. */
function dayMean(samples: PriceSpec[]): PriceSpec {
  const rates = (s: PriceSpec): PriceRates => ({ input: s.input, output: s.output, cacheRead: s.cacheRead, cacheWrite: s.cacheWrite });
  const weight = (s: PriceSpec) => (s.input ?? 0) + (s.output ?? 0);
  const peak = samples.reduce((a, b) => (weight(b) > weight(a) ? b : a));
  const offPeak = samples.reduce((a, b) => (weight(b) < weight(a) ? b : a));
  const mean = (field: keyof PriceRates): number | null =>
    samples.some((s) => s[field] === null) ? null : samples.reduce((sum, s) => sum + (s[field] as number), 0) / samples.length;
  const isPeak = samples.map((s) => weight(s) === weight(peak));
  const timeOfDay: TimeOfDayPrices = {
    peak: rates(peak), offPeak: rates(offPeak), peakHours: hoursOf(isPeak), peakShare: isPeak.filter(Boolean).length / samples.length,
  };
  return { ...samples[0], input: mean('input'), output: mean('output'), cacheRead: mean('cacheRead'), cacheWrite: mean('cacheWrite'), tiers: [], timeOfDay };
}

/** The half hours marked, as `00:30–16:30 UTC` (a window may wrap past midnight). */
function hoursOf(marked: boolean[]): string {
  const clock = (k: number) => `${String(Math.floor((k % 48) / 2)).padStart(2, '0')}:${k % 2 ? '30' : '00'}`;
  const start = marked.findIndex((m, k) => m && !marked[(k + 47) % 48]);
  if (start < 0) return 'all day';
  let end = start;
  while (marked[end % 48] && end < start + 48) end++;
  return `${clock(start)}–${clock(end)} UTC`;
}

/** A dated price change after the day read, as the library lists it. */
function priceChangeAhead(result: LibraryResult, date: string): string | undefined {
  if (!Array.isArray(result.model.prices)) return undefined;
  const next = result.model.prices
    .map((v) => v.constraint)
    .filter((c): c is { type: 'start_date'; start_date: string } => c?.type === 'start_date' && c.start_date > date)
    .map((c) => c.start_date)
    .sort()[0];
  return next ? `${result.model.id}'s price changes on ${next} (${result.provider.name}'s price list, as in the price library): estimates for runs from then differ; pin a date with --price-date or the agentCost.priceDate setting` : undefined;
}

/** Batch, flex and priority rates, one-hour cache writes and a reasoning price, as shares of the standard rates. */
function withExtras(spec: PriceSpec, extras: { prices: SnapshotPrices; source: string } | null, providerId: string): PriceSpec {
  const e = extras?.prices;
  // The snapshot is older than the library: its extra rates are applied as ratios to today's rates.
  const scaled = (own: number | undefined, standard: number | undefined, today: number | null): number | null =>
    own !== undefined && standard && today !== null ? today * (own / standard) : null;
  const out: PriceSpec = { ...spec };
  if (e) {
    const tierRates = (i?: number, o?: number, cr?: number): PriceRates | undefined => {
      if (i === undefined || o === undefined) return undefined;
      return { input: scaled(i, e.i, spec.input), output: scaled(o, e.o, spec.output), cacheRead: cr === undefined ? null : scaled(cr, e.cr, spec.cacheRead), cacheWrite: null };
    };
    const flex = tierRates(e.fi, e.fo, e.fcr);
    const priority = tierRates(e.pi, e.po, e.pcr);
    if (flex || priority) out.serviceTiers = { ...(flex && { flex }), ...(priority && { priority }) };
    if (e.r !== undefined) out.reasoning = scaled(e.r, e.o, spec.output);
    if (out.cacheWrite1h == null && e.cw1h !== undefined) out.cacheWrite1h = scaled(e.cw1h, e.i, spec.input);
    if (e.bi !== undefined && e.bo !== undefined) {
      out.batchInput = scaled(e.bi, e.i, spec.input);
      out.batchOutput = scaled(e.bo, e.o, spec.output);
      out.batchSource = `${extras?.source} (batch rates as a share of the standard ones)`;
    }
  }
  if (out.batchInput === null) {
    const published = publishedBatchDiscount(providerId);
    if (published && spec.input !== null && spec.output !== null) {
      out.batchInput = spec.input * (1 - published.discount);
      out.batchOutput = spec.output * (1 - published.discount);
      out.batchSource = published.source;
    }
  }
  return out;
}

function base(p: LibraryPrice): number | null {
  if (p === undefined) return null;
  return typeof p === 'number' ? p : p.base;
}

function convert(result: LibraryResult | null, date: string): PriceSpec | null {
  if (!result) return null;
  const p = result.model_price;
  const kpages = base(p.input_document_kpages);
  const input = base(p.input_mtok);
  // an embedding model writes no tokens: the library gives it an input price only
  const output = base(p.output_mtok) ?? (input !== null && /embed/i.test(result.model.id) ? 0 : null);
  if (input === null && output === null && kpages === null) return null;
  const starts = new Set<number>();
  for (const v of Object.values(p)) if (v && typeof v === 'object') v.tiers.forEach((t) => starts.add(t.start));
  const tierAt = (value: LibraryPrice, start: number): number | null => {
    if (value === undefined) return null;
    if (typeof value === 'number') return value;
    let current = value.base;
    for (const t of value.tiers) if (start >= t.start) current = t.price;
    return current;
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
    cacheWrite1h: base(p.cache_write_1h_mtok),
    batchInput: null,
    batchOutput: null,
    perPage: kpages === null ? null : kpages / 1000,
    batchPerPage: null,
    perImage: null,
    tiers,
    source: `the price library @pydantic/genai-prices ${libraryVersion}: ${result.provider.name}'s price for ${result.model.id}`,
    asOf: date,
  };
}
