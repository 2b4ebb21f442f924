// A catalog entry reduced to the numbers one call needs, for one pricing mode.
// Unknown figures are NaN here and become null (unknown, never zero) in the estimate.
import type { Mode, ModelEntry, Range } from '../types';

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

const prepared = new WeakMap<ModelEntry, Map<string, PreparedModel>>();

/** The prepared model, made once per catalog entry, mode and PUE override (entries never change). */
export function preparedModel(entry: ModelEntry, mode: Mode, pueOverride: number | null): PreparedModel {
  let byMode = prepared.get(entry);
  if (!byMode) {
    byMode = new Map();
    prepared.set(entry, byMode);
  }
  const key = `${mode}:${pueOverride}`;
  let model = byMode.get(key);
  if (!model) {
    model = prepareModel(entry, mode, pueOverride);
    byMode.set(key, model);
  }
  return model;
}

function prepareModel(entry: ModelEntry, mode: Mode, pueOverride: number | null): PreparedModel {
  const p = entry.price;
  const notes: string[] = [];
  const perPageOnly = p.input === null && p.output === null && p.perPage !== null;
  const perImageOnly = p.input === null && p.output === null && p.perImage !== null;
  // A model priced per page (OCR) or per image bills its tokens inside that price.
  let input = perPageOnly || perImageOnly ? 0 : orNaN(p.input);
  let output = perPageOnly || perImageOnly ? 0 : orNaN(p.output);
  let perPage = orNaN(p.perPage);
  let priceSource = p.source;
  if (mode === 'batch') {
    const batchKnown = perPageOnly ? p.batchPerPage !== null : p.batchInput !== null && p.batchOutput !== null;
    if (batchKnown) {
      if (perPageOnly) perPage = orNaN(p.batchPerPage);
      else {
        input = orNaN(p.batchInput);
        output = orNaN(p.batchOutput);
      }
      priceSource = `${p.source} (batch prices)`;
    } else {
      notes.push(`${entry.id} has no batch price in the catalog: priced at its standard rates`);
    }
  }
  // Without a cache price, cached reads and cache writes are billed as plain input (spec §2).
  const cacheRead = p.cacheRead ?? input;
  const cacheWrite = p.cacheWrite ?? input;
  const tiers = mode === 'batch'
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
