// The second price source: a snapshot of LiteLLM's price map (built by scripts/build-catalog.mjs),
// for names that neither the curated catalog nor @pydantic/genai-prices knows (regional hosts,
// open models on inference providers, older models), and for the prices the library has no field
// for: batch, flex and priority tiers, one-hour cache writes, a reasoning price. Loaded with the
// price library, on first use.
import type { PriceRates, PriceSpec } from '../types';
import type { LibraryMatch } from './libraryMatch';
import { makerOf } from './measured';

/** One key's prices, USD per million tokens (per image for `img`); short names, as the file is large. */
export interface SnapshotPrices {
  p: string | null;
  i?: number; o?: number; cr?: number; cw?: number; cw1h?: number;
  bi?: number; bo?: number;
  fi?: number; fo?: number; fcr?: number;
  pi?: number; po?: number; pcr?: number;
  r?: number;
  img?: number;
  dep?: string;
}

interface Snapshot {
  source: string;
  asOf: string;
  prices: Record<string, SnapshotPrices>;
}

let snapshot: Snapshot | null = null;
/** Keys by the model name they end in (`deepinfra/qwen/qwen-max` under `qwen-max`; Bedrock's `mistral.mistral-small-2402-v1:0` under `mistral-small-2402`), sorted. */
let byName: Map<string, string[]> | null = null;

/** The model name a key ends in: its last path segment, without Bedrock's vendor prefix and version. */
function modelName(key: string): string {
  const last = key.slice(key.lastIndexOf('/') + 1);
  return last.replace(/^(?:(?:us|eu|apac|global)\.)?(?:anthropic|meta|mistral|amazon|cohere|ai21|deepseek|openai|qwen|writer)\./, '').replace(/-v\d+(?::\d+)?$/, '');
}

function load(): { data: Snapshot; index: Map<string, string[]> } {
  if (!snapshot || !byName) {
    // The bundles read it from dist/, beside them, as plain JSON (see esbuild.js).
    snapshot = require('./litellm-snapshot.json') as Snapshot;
    byName = new Map();
    for (const key of Object.keys(snapshot.prices).sort()) {
      const name = modelName(key);
      byName.set(name, [...(byName.get(name) ?? []), key]);
    }
  }
  return { data: snapshot, index: byName };
}

/** LiteLLM's provider names for a maker's own API, by maker (see makerOf) and by the price library's provider id. */
const MAKER_APIS: Record<string, string[]> = {
  openai: ['openai'], anthropic: ['anthropic'], google: ['gemini', 'vertex_ai-language-models'], mistral: ['mistral', 'codestral'],
  deepseek: ['deepseek'], xai: ['xai'], 'x-ai': ['xai'], qwen: ['dashscope'], meta: ['meta'], cohere: ['cohere_chat', 'cohere'],
  moonshotai: ['moonshot'], kimi: ['moonshot'], minimax: ['minimax'], glm: ['zai'], zai: ['zai'], ai21: ['ai21'],
};

const total = (p: SnapshotPrices): number => (p.i ?? 0) + (p.o ?? 0);

/**
 * The snapshot's price for a name, by one stated rule: a key of its own; else the model's maker's
 * own API; else, where several hosts sell the same weights, the host with the median price.
 */
export function snapshotMatch(name: string): LibraryMatch | null {
  const lower = name.trim().toLowerCase();
  if (!lower) return null;
  const { data, index } = load();
  // own keys only: a model named __proto__ or constructor is no key of the map
  if (Object.hasOwn(data.prices, lower)) return toMatch(name, lower, data, '');
  // A path (`fal-ai/flux/schnell`) must match whole: fal_ai/fal-ai/flux/schnell, not aiml/flux/schnell.
  const hosts = (index.get(modelName(lower)) ?? []).filter((k) => k.endsWith(`/${lower}`) || !lower.includes('/'));
  if (hosts.length === 0) return null;
  const makers = Object.hasOwn(MAKER_APIS, makerOf(lower)) ? MAKER_APIS[makerOf(lower)] : [];
  const own = hosts.find((k) => makers.includes(data.prices[k].p ?? ''));
  if (own) return toMatch(name, own, data, ', its maker\'s own API');
  if (hosts.length === 1) return toMatch(name, hosts[0], data, '');
  const ranked = [...hosts].sort((a, b) => total(data.prices[a]) - total(data.prices[b]));
  const median = ranked[Math.floor((ranked.length - 1) / 2)];
  return toMatch(name, median, data, `, the median of the ${hosts.length} hosts that sell it`);
}

function toMatch(name: string, key: string, data: Snapshot, rule: string): LibraryMatch {
  const e = data.prices[key];
  return {
    modelId: name.trim().toLowerCase(),
    modelName: name.trim(),
    providerId: e.p ?? 'unknown',
    price: {
      ...snapshotPrice(e),
      source: `${data.source}, key "${key}"${rule}`,
      asOf: data.asOf,
    },
  };
}

const orNull = (v: number | undefined): number | null => v ?? null;

function rates(input: number | undefined, output: number | undefined, cacheRead: number | undefined): PriceRates | undefined {
  return input === undefined || output === undefined ? undefined : { input, output, cacheRead: orNull(cacheRead), cacheWrite: null };
}

/** A snapshot entry as our prices, without their source. */
function snapshotPrice(e: SnapshotPrices): Omit<PriceSpec, 'source' | 'asOf'> {
  const flex = rates(e.fi, e.fo, e.fcr);
  const priority = rates(e.pi, e.po, e.pcr);
  return {
    input: orNull(e.i), output: orNull(e.o), cacheRead: orNull(e.cr), cacheWrite: orNull(e.cw),
    batchInput: orNull(e.bi), batchOutput: orNull(e.bo), perPage: null, batchPerPage: null, perImage: orNull(e.img), tiers: [],
    cacheWrite1h: orNull(e.cw1h), reasoning: orNull(e.r),
    serviceTiers: { ...(flex && { flex }), ...(priority && { priority }) },
  };
}

/**
 * The prices beyond the standard ones that the snapshot has for a model the price library priced:
 * batch, flex and priority rates, one-hour cache writes, a reasoning price. Looked up by the
 * library's model id under the maker's own API, never another host's.
 */
export function snapshotExtras(modelId: string, providerId: string): { prices: SnapshotPrices; source: string } | null {
  const { data, index } = load();
  const lower = modelId.toLowerCase();
  const apis = Object.hasOwn(MAKER_APIS, providerId) ? MAKER_APIS[providerId] : [providerId];
  const key = [lower, ...(index.get(lower) ?? [])].find((k) => Object.hasOwn(data.prices, k) && apis.includes(data.prices[k].p ?? ''));
  return key ? { prices: data.prices[key], source: `${data.source}, key "${key}"` } : null;
}

/** The snapshot's date, for reports. */
export function snapshotDate(): string {
  return load().data.asOf;
}
