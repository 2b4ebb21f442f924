// A catalog entry reduced to the numbers one call needs, for one pricing mode.
// Unknown figures are NaN here and become null (unknown, never zero) in the estimate.
import type { Mode, ModelEntry, PriceRates, PriceWindow, Range, ServiceTier } from '../types';

/** Latency defaults for a model with no published speed; every use is listed as an assumption. */
export const ASSUMED_SPEED = { ttftS: 1.0, outputTps: 60 } as const;

export interface PreparedTier {
  above: number;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

export interface PreparedModel {
  entry: ModelEntry;
  /** USD per million tokens, resolved for the mode (batch or not); NaN where unknown. */
  input: number;
  output: number;
  /** Reasoning tokens' price: the output price, unless the price data gives them one of their own. */
  reasoning: number;
  cacheRead: number;
  cacheWrite: number;
  perPage: number;
  /** Priced per page only (OCR): its tokens are included in the page price. */
  perPageOnly: boolean;
  /** USD per call for an image model (one image a call); 0 for others. */
  perImage: number;
  /** Priced per image only: it writes no text, and its prompt is in the image price. */
  perImageOnly: boolean;
  tiers: PreparedTier[];
  ttftS: number;
  outputTps: number;
  speedAssumed: boolean;
  /** How energy is known: measured per token at the meter, from parameters, or not at all. */
  energyKind: 'metered' | 'params' | 'unknown';
  whPerOutputToken: number;
  whPerInputToken: number;
  totalB: Range;
  activeB: Range;
  pue: number;
  /** Notes for the estimate's assumptions list. */
  notes: string[];
  priceSource: string;
  priceAsOf: string | null;
}

const orNaN = (v: number | null | undefined): number => (v === null || v === undefined ? NaN : v);

/** How a step buys its calls, beside its mode: the hours it runs in, a service tier, how long its cache writes last. */
export interface Purchase {
  mode: Mode;
  window: PriceWindow | null;
  tier: ServiceTier | null;
  cacheTtl: '5m' | '1h' | null;
}

export const STANDARD: Purchase = { mode: 'sync', window: null, tier: null, cacheTtl: null };

const prepared = new WeakMap<ModelEntry, Map<string, PreparedModel>>();

/** The prepared model, made once per catalog entry, purchase and PUE override (entries never change). */
export function preparedModel(entry: ModelEntry, purchase: Purchase, pueOverride: number | null): PreparedModel {
  let byPurchase = prepared.get(entry);
  if (!byPurchase) {
    byPurchase = new Map();
    prepared.set(entry, byPurchase);
  }
  // most steps buy at the standard rates: their key is short, and made without a template
  const standard = purchase.window === null && purchase.tier === null && purchase.cacheTtl === null && pueOverride === null;
  const key = standard ? purchase.mode : `${purchase.mode}:${purchase.window}:${purchase.tier}:${purchase.cacheTtl}:${pueOverride}`;
  let model = byPurchase.get(key);
  if (!model) {
    model = prepareModel(entry, purchase, pueOverride);
    byPurchase.set(key, model);
  }
  return model;
}

const dollars = (v: number | null): string => (v === null ? 'unknown' : `$${Number(v.toPrecision(4))}`);
const pair = (r: PriceRates): string => `${dollars(r.input)}/${dollars(r.output)}`;

/** The standard rates, or those of the window or service tier the step buys at. */
function rates(entry: ModelEntry, purchase: Purchase, notes: string[]): PriceRates & { source: string } {
  const p = entry.price;
  const standard = { input: p.input, output: p.output, cacheRead: p.cacheRead, cacheWrite: p.cacheWrite, source: p.source };
  const hourly = p.timeOfDay;
  if (purchase.window && !hourly) notes.push(`${entry.id}'s price does not vary by the hour: price_window ${purchase.window} changes nothing`);
  if (hourly && purchase.window) {
    const r = purchase.window === 'peak' ? hourly.peak : hourly.offPeak;
    return { ...r, source: `${p.source}, ${purchase.window === 'peak' ? `peak hours (${hourly.peakHours})` : `off-peak hours (outside ${hourly.peakHours})`}` };
  }
  if (hourly) {
    notes.push(`${entry.id}'s price varies by the hour: ${pair(hourly.peak)} per million tokens in/out at peak (${hourly.peakHours}), ${pair(hourly.offPeak)} off-peak; priced at the day's hour-weighted mean, ${pair(standard)}. Set price_window: peak or off-peak to pin one`);
  }
  if (purchase.tier && purchase.mode !== 'batch') {
    const tier = p.serviceTiers?.[purchase.tier];
    if (tier) return { ...standard, ...tier, cacheRead: tier.cacheRead ?? standard.cacheRead, cacheWrite: tier.cacheWrite ?? standard.cacheWrite, source: `${p.source}, ${purchase.tier} service tier (rates from LiteLLM's price list)` };
    notes.push(`${entry.id} has no ${purchase.tier} service-tier price in the price data: priced at its standard rates`);
  }
  return standard;
}

function prepareModel(entry: ModelEntry, purchase: Purchase, pueOverride: number | null): PreparedModel {
  const mode = purchase.mode;
  const p = entry.price;
  const notes: string[] = [...entry.notes];
  const perPageOnly = p.input === null && p.output === null && p.perPage !== null;
  const perImageOnly = p.input === null && p.output === null && p.perImage !== null;
  const bought = rates(entry, purchase, notes);
  // A model priced per page (OCR) or per image bills its tokens inside that price.
  let input = perPageOnly || perImageOnly ? 0 : orNaN(bought.input);
  let output = perPageOnly || perImageOnly ? 0 : orNaN(bought.output);
  let perPage = orNaN(p.perPage);
  let priceSource = bought.source;
  if (mode === 'batch') {
    const batchKnown = perPageOnly ? p.batchPerPage !== null : p.batchInput !== null && p.batchOutput !== null;
    if (batchKnown) {
      if (perPageOnly) perPage = orNaN(p.batchPerPage);
      else {
        input = orNaN(p.batchInput);
        output = orNaN(p.batchOutput);
      }
      priceSource = `${p.source} (batch prices: ${p.batchSource ?? p.source})`;
    } else {
      notes.push(`${entry.id} has no batch price in the price data, and its provider publishes no batch discount we know: priced at its standard rates`);
    }
  }
  // Without a cache price, cached reads and cache writes are billed as plain input (spec §2).
  const cacheRead = bought.cacheRead ?? input;
  let cacheWrite = bought.cacheWrite ?? input;
  if (purchase.cacheTtl === '1h') {
    if (p.cacheWrite1h != null) cacheWrite = p.cacheWrite1h;
    else notes.push(`${entry.id} has no one-hour cache-write price in the price data: cache writes priced at the standard rate`);
  }
  const reasoning = p.reasoning != null && mode !== 'batch' ? p.reasoning : output;
  // Input-size tiers are standard rates: a batch, a window or a service tier has its own.
  const tiers = mode === 'batch' || bought.source !== p.source
    ? []
    : p.tiers.map((t) => ({
        above: t.above,
        input: orNaN(t.input),
        output: orNaN(t.output),
        cacheRead: orNaN(t.cacheRead ?? t.input),
        cacheWrite: orNaN(t.cacheWrite ?? t.input),
      }));

  const speedAssumed = entry.speed.ttftS === null || entry.speed.outputTps === null;
  if (speedAssumed) {
    notes.push(`${entry.id} has no measured speed: latency assumed at ${ASSUMED_SPEED.ttftS} s to first token and ${ASSUMED_SPEED.outputTps} output tokens/s`);
  }

  let energyKind: PreparedModel['energyKind'] = 'unknown';
  if (entry.energy) energyKind = 'metered';
  else if (entry.params) energyKind = 'params';
  else notes.push(`${entry.id} has no published parameter count: its energy and CO2 are unknown`);
  if (energyKind === 'params' && entry.params?.estimate) notes.push(`${entry.id} parameters are an estimate: ${entry.params.source}`);

  const none: Range = { min: NaN, max: NaN };

  return {
    entry,
    input,
    output,
    reasoning,
    cacheRead: orNaN(cacheRead),
    cacheWrite: orNaN(cacheWrite),
    perPage,
    perPageOnly,
    perImage: p.perImage ?? 0,
    perImageOnly,
    tiers,
    ttftS: entry.speed.ttftS ?? ASSUMED_SPEED.ttftS,
    outputTps: entry.speed.outputTps ?? ASSUMED_SPEED.outputTps,
    speedAssumed,
    energyKind,
    whPerOutputToken: entry.energy ? entry.energy.whPer1kOutput / 1000 : NaN,
    whPerInputToken: entry.energy ? entry.energy.whPer1kInput / 1000 : NaN,
    totalB: entry.params?.total ?? none,
    activeB: entry.params?.active ?? none,
    pue: pueOverride ?? entry.pue,
    notes,
    priceSource,
    priceAsOf: p.asOf,
  };
}
