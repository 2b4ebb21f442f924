// The model catalog: bundled entries, user overrides, aliases and "did you mean" suggestions.
import { closest, distance } from 'fastest-levenshtein';
import bundledData from './models.json';
import { LIMITS } from '../limits';
import { byCodePoint } from '../order';
import { libraryMatch, libraryPrice, type LibraryMatch } from './priceLibrary';
import { snapshotMatch } from './priceSnapshot';
import type { ModelEntry, PartialModel, PriceSpec } from '../types';

type BundledModel = Omit<ModelEntry, 'price' | 'energy' | 'origin'> & {
  price: Omit<PriceSpec, 'tiers'> & { batchSource: string | null };
  priceLibraryKey: { provider: string; model: string } | null;
};

export const CATALOG_DATE: string = bundledData.generated;

/** Lower-case, and `.`/`_` as `-`, so `claude-haiku-4.5` and `claude-haiku-4-5` meet. */
export function normalizeModelName(name: string): string {
  return name.trim().toLowerCase().replace(/[._\s]+/g, '-');
}

/** Ever shorter suffixes of a provider-qualified name: `openai:chat:gpt-5.5` → `chat:gpt-5.5`, `gpt-5.5`. */
function suffixes(name: string): string[] {
  const out = [name];
  let rest = name;
  for (;;) {
    const cut = rest.search(/[/:]/);
    if (cut < 0) break;
    rest = rest.slice(cut + 1);
    if (rest) out.push(rest);
  }
  return out;
}

/**
 * Spellings of one model across hosts, most specific first: the name, its provider-less
 * suffixes, and Bedrock's `us.anthropic.claude-3-5-sonnet-20240620-v1:0` as `claude-3-5-sonnet-20240620`.
 */
export function candidateNames(name: string): string[] {
  const trimmed = name.trim();
  const bedrock = trimmed
    .replace(/-v\d+(?::\d+)?$/i, '')
    .replace(/^(?:[a-z]+:)*(?:arn:[^/]*\/)?/i, '')
    .replace(/^(?:us|eu|apac|global)\./i, '')
    .replace(/^(?:anthropic|meta|mistral|amazon|cohere|ai21|deepseek|openai|qwen|writer)\./i, '');
  const out = suffixes(trimmed);
  if (bedrock !== trimmed) out.push(...suffixes(bedrock));
  // Azure's spellings: GPT-3.5 as gpt-35, GPT-4 Turbo with Vision as gpt-4v.
  const last = out[out.length - 1];
  if (/^gpt-35\b/i.test(last)) out.push(last.replace(/^gpt-35/i, 'gpt-3.5'));
  if (/^gpt-4v$/i.test(last)) out.push('gpt-4-vision-preview');
  return [...new Set(out)];
}

export interface Retirement {
  replacement: string;
  retiredOn: string;
  source: string;
}

/**
 * Models their provider has shut down, which old files still name: a run today goes to the
 * replacement the provider named, so that is what is priced (and flagged).
 */
const OPENAI_DEPRECATIONS = 'OpenAI, Deprecations (platform.openai.com/docs/deprecations), 2023-07-06 notice';
const RETIRED: Record<string, Retirement> = Object.fromEntries(
  ['text-davinci-003', 'text-davinci-002', 'text-davinci-001', 'text-curie-001', 'text-babbage-001', 'text-ada-001', 'davinci', 'curie', 'babbage', 'ada']
    .map((id) => [id, { replacement: 'gpt-3.5-turbo-instruct', retiredOn: '2024-01-04', source: OPENAI_DEPRECATIONS }]),
);

/** Provider prefixes of LiteLLM keys that differ from our provider names. */
const PROVIDER_PREFIXES: Record<string, string> = { gemini: 'google', mistralai: 'mistral' };

/**
 * Runtimes that serve open weights on the user's own hardware, as promptfoo (`ollama:chat:`),
 * LiteLLM and CrewAI (`ollama/`, `hosted_vllm/`) and Dify name them.
 */
const SELF_HOSTED = /^(ollama|ollama_chat|lmstudio|lm_studio|localai|llamafile|llama\.cpp|vllm|hosted_vllm|jan)(?::(?:chat|completion|text))*[:/]/i;

/** The runtime a name is served by, if it is one of the self-hosted ones. */
export function selfHostedRuntime(name: string): string | undefined {
  return SELF_HOSTED.exec(name.trim())?.[1].toLowerCase();
}

/** An Ollama-style tag, `llama3.3:70b-instruct-q4_K_M`, as its family and size: `llama-3.3`, `70b`. */
function parseTag(tag: string): { families: string[]; size: string | undefined } {
  const [family, variant = ''] = tag.trim().toLowerCase().split(':');
  const spaced = family.replace(/([a-z])(\d)/g, '$1-$2');
  const size = /(?:^|-)(\d+(?:\.\d+)?[bm])(?:-|$)/.exec(variant)?.[1];
  return { families: [...new Set([spaced, family])], size };
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How a name resolved: exactly, or as a guess or a retired model's replacement (to be flagged). */
export interface Lookup {
  entry: ModelEntry;
  guessedFrom?: string;
  retired?: Retirement;
  /** Served on the user's own hardware by this runtime, and priced as the same weights hosted. */
  selfHosted?: string;
}

const MAX_REMEMBERED_NAMES = 10_000;

export interface CatalogOptions {
  /** Price models the curated list lacks from @pydantic/genai-prices, then LiteLLM's map (speed assumed, energy unknown). */
  priceLibraryFallback?: boolean;
}

export class Catalog {
  private readonly byKey = new Map<string, ModelEntry>();
  private readonly libraryEntries = new Map<string, ModelEntry>();
  private readonly lookups = new Map<string, Lookup | undefined>();
  /** Entries a workflow or catalog file defined or overrode: their figures are the user's own. */
  private readonly userDefined = new Set<ModelEntry>();

  constructor(readonly models: readonly ModelEntry[], readonly options: CatalogOptions = {}) {
    for (const m of models) {
      for (const name of [m.id, ...m.aliases]) {
        const key = normalizeModelName(name);
        if (!this.byKey.has(key) || name === m.id) this.byKey.set(key, m);
      }
    }
  }

  /** The entry for a model name, through its id, an alias, a provider prefix or the price library. */
  resolve(name: string): ModelEntry | undefined {
    return this.lookup(name)?.entry;
  }

  /**
   * How a name resolves: exactly (an id, an alias, a spelling of one), or as a guess from a
   * shorter form of it (`gpt-4o-deployment1` as gpt-4o), which callers should flag.
   */
  lookup(name: string): Lookup | undefined {
    // No model has a longer name; the spellings tried grow with a name's parts.
    if (name.length > LIMITS.modelName) return undefined;
    // Catalogs never change, and a workflow names few models: each name is resolved once.
    if (this.lookups.has(name)) return this.lookups.get(name);
    if (this.lookups.size >= MAX_REMEMBERED_NAMES) this.lookups.clear();
    const found = this.resolveName(name);
    this.lookups.set(name, found);
    return found;
  }

  private resolveName(name: string): Lookup | undefined {
    const runtime = selfHostedRuntime(name);
    if (runtime) {
      const entry = this.resolveExact(name) ?? this.resolveWeights(name.trim().replace(SELF_HOSTED, ''));
      if (!entry) return undefined;
      return this.userDefined.has(entry) ? { entry } : { entry, selfHosted: runtime };
    }
    const candidates = candidateNames(name);
    const exact = this.find(candidates);
    if (exact) return { entry: exact };
    const last = normalizeModelName(candidates[candidates.length - 1]);
    const retired = Object.hasOwn(RETIRED, last) ? RETIRED[last] : undefined;
    const replacement = retired && this.find([retired.replacement]);
    if (retired && replacement) return { entry: replacement, retired };
    // Deployment and variant names add segments to a model's name: drop them, keeping two.
    const base = candidates[candidates.length - 1];
    const parts = base.trim().toLowerCase().split('-');
    for (let k = parts.length - 1; k >= 2; k--) {
      const entry = this.find([parts.slice(0, k).join('-')]);
      if (entry) return { entry, guessedFrom: base };
    }
    return undefined;
  }

  /**
   * The hosted model with the weights a local runtime serves: `llama3.3:70b` as llama-3.3-70b.
   * A tag with no size (`llama3.3`) names the family's only size in the catalog, if it has one.
   */
  private resolveWeights(tag: string): ModelEntry | undefined {
    const { families, size } = parseTag(tag);
    if (size) {
      // The size must be in the name found: deepseek-r1:7b is a 7B distillation, not DeepSeek's R1.
      const found = this.find(families.map((f) => `${f}-${size}`));
      const sized = new RegExp(`(?:^|[-/])${escapeRegExp(normalizeModelName(size))}(?:-|$)`);
      return found && [found.id, ...found.aliases].some((name) => sized.test(normalizeModelName(name))) ? found : undefined;
    }
    const found = this.find(families);
    if (found) return found;
    const sized = new RegExp(`^${escapeRegExp(normalizeModelName(families[0]))}-\\d+(?:-\\d+)?[bm](?:-|$)`);
    const sizes = new Set([...this.byKey].filter(([key]) => sized.test(key)).map(([, m]) => m));
    return sizes.size === 1 ? [...sizes][0] : undefined;
  }

  private find(candidates: string[]): ModelEntry | undefined {
    for (const candidate of candidates) {
      const hit = this.byKey.get(normalizeModelName(candidate));
      if (hit) return hit;
    }
    if (!this.options.priceLibraryFallback) return undefined;
    for (const find of [libraryMatch, snapshotMatch]) {
      for (const candidate of candidates) {
        const match = find(candidate);
        if (match) return this.resolveExact(match.modelId) ?? this.libraryEntry(match);
      }
    }
    return undefined;
  }

  /** One entry per library model, so every spelling of it shares one prepared model. */
  private libraryEntry(match: LibraryMatch): ModelEntry {
    let entry = this.libraryEntries.get(match.modelId);
    if (!entry) {
      entry = {
        ...mergeModel(undefined, { id: match.modelId, origin: match.price.source, displayName: match.modelName, provider: match.providerId }),
        price: match.price,
        notes: [`${match.modelId} is not in the curated catalog: priced by ${match.price.source}`],
      };
      this.libraryEntries.set(match.modelId, entry);
    }
    return entry;
  }

  /** The entry whose id or alias is exactly this name (no provider prefixes stripped). */
  resolveExact(name: string): ModelEntry | undefined {
    return this.byKey.get(normalizeModelName(name));
  }

  /**
   * `mistral/mistral-small-latest` names our mistral-small-4 because Mistral is its provider;
   * `azure/gpt-5.5` does not name our gpt-5.5, since Azure's price may differ from OpenAI's.
   */
  private resolveOwnProvider(name: string): ModelEntry | undefined {
    const cut = name.indexOf('/');
    if (cut < 0) return undefined;
    const prefix = name.slice(0, cut).toLowerCase();
    const model = this.resolveExact(name.slice(cut + 1));
    return model && ((Object.hasOwn(PROVIDER_PREFIXES, prefix) ? PROVIDER_PREFIXES[prefix] : prefix) === model.provider) ? model : undefined;
  }

  /** The known ids nearest to an unknown name, best first. */
  nearest(name: string, count = 3): string[] {
    if (name.length > LIMITS.modelName) return [];
    const wanted = normalizeModelName(suffixes(name.trim()).pop() ?? name);
    const scored = new Map<string, number>();
    for (const [key, model] of this.byKey) {
      const d = distance(wanted, key) - (key.startsWith(wanted) || wanted.startsWith(key) ? 2 : 0);
      const prev = scored.get(model.id);
      if (prev === undefined || d < prev) scored.set(model.id, d);
    }
    const ranked = [...scored].sort((a, b) => a[1] - b[1] || byCodePoint(a[0], b[0]));
    const best = closest(wanted, ranked.slice(0, count).map(([id]) => id));
    return [best, ...ranked.map(([id]) => id).filter((id) => id !== best)].slice(0, count);
  }

  /**
   * A catalog with these entries layered on top: an entry whose id names an existing model's id
   * or alias exactly overrides only the fields it gives; any other entry is added.
   */
  withOverrides(overrides: readonly PartialModel[]): Catalog {
    if (overrides.length === 0) return this;
    const merged = new Map(this.models.map((m) => [m.id, m]));
    const given = new Set<ModelEntry>();
    for (const o of overrides) {
      const base = this.resolveExact(o.id) ?? this.resolveOwnProvider(o.id) ?? merged.get(o.id);
      const entry = mergeModel(base, o);
      merged.set(base ? base.id : o.id, entry);
      given.add(entry);
    }
    const next = new Catalog([...merged.values()], this.options);
    for (const entry of [...this.userDefined, ...given]) if (next.models.includes(entry)) next.userDefined.add(entry);
    return next;
  }
}

const UNKNOWN_PRICE: PriceSpec = {
  input: null, output: null, cacheRead: null, cacheWrite: null, batchInput: null, batchOutput: null,
  perPage: null, batchPerPage: null, perImage: null, tiers: [], source: 'unknown', asOf: null,
};

export const DEFAULT_PUE = 1.2;

function defined<T extends object>(obj: T | undefined): Partial<T> {
  if (!obj) return {};
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function mergeModel(base: ModelEntry | undefined, o: PartialModel): ModelEntry {
  const givenPrice = defined(o.price);
  const priceGiven = Object.keys(givenPrice).length > 0;
  const speed = { ...(base?.speed ?? { ttftS: null, outputTps: null, source: null, asOf: null }), ...defined(o.speed) };
  if (o.speed && (o.speed.ttftS !== undefined || o.speed.outputTps !== undefined)) speed.source = o.speed.source ?? o.origin;
  return {
    id: base?.id ?? o.id,
    aliases: [...(base?.aliases ?? []), ...(o.aliases ?? [])],
    provider: o.provider ?? base?.provider ?? 'custom',
    displayName: o.displayName ?? base?.displayName ?? o.id,
    segment: base?.segment ?? null,
    openWeights: o.openWeights ?? base?.openWeights ?? null,
    openWeightsSource: o.openWeights !== undefined ? o.origin : (base?.openWeightsSource ?? null),
    params: o.params ?? base?.params ?? null,
    context: { ...(base?.context ?? { maxInput: null, maxOutput: null }), ...defined(o.context) },
    price: priceGiven
      ? { ...(base?.price ?? UNKNOWN_PRICE), tiers: [], ...givenPrice, source: givenPrice.source ?? o.origin, asOf: givenPrice.asOf ?? null }
      : (base?.price ?? UNKNOWN_PRICE),
    speed,
    quality: o.quality !== undefined
      ? { intelligence: o.quality, coding: base?.quality.coding ?? null, source: o.origin, asOf: null }
      : (base?.quality ?? { intelligence: null, coding: null, source: null, asOf: null }),
    energy: o.energy ?? base?.energy ?? null,
    pue: o.pue ?? base?.pue ?? DEFAULT_PUE,
    pueSource: o.pue !== undefined ? o.origin : (base?.pueSource ?? `default PUE ${DEFAULT_PUE} (EcoLogits)`),
    notes: base?.notes ?? [],
    origin: base ? `${base.origin}, overridden by ${o.origin}` : o.origin,
  };
}

/** Prices from the price library where it knows the model; the curated catalog's otherwise. */
function withLibraryPrice(m: BundledModel): PriceSpec {
  const { batchSource, ...curated } = m.price;
  const own: PriceSpec = { ...curated, tiers: [] };
  const key = m.priceLibraryKey;
  const lib = key ? libraryPrice(key.model, key.provider) : null;
  if (!lib) return own;
  // The library has no batch prices: keep the catalog's batch discount, applied to current prices.
  const ratio = (batch: number | null, full: number | null) => (batch !== null && full ? batch / full : null);
  const inRatio = ratio(own.batchInput, own.input);
  const outRatio = ratio(own.batchOutput, own.output);
  const pageRatio = ratio(own.batchPerPage, own.perPage);
  return {
    ...lib,
    batchInput: inRatio !== null && lib.input !== null ? lib.input * inRatio : null,
    batchOutput: outRatio !== null && lib.output !== null ? lib.output * outRatio : null,
    perPage: lib.perPage ?? own.perPage,
    batchPerPage: pageRatio !== null ? (lib.perPage ?? own.perPage ?? 0) * pageRatio : null,
    perImage: lib.perImage ?? own.perImage,
    source: batchSource && (inRatio !== null || pageRatio !== null) ? `${lib.source}; batch discount: ${batchSource}` : lib.source,
  };
}

let bundled: Catalog | null = null;

/** The catalog that ships with the product, priced on first use. */
export function bundledCatalog(): Catalog {
  if (!bundled) {
    const models = (bundledData.models as unknown as BundledModel[]).map((m): ModelEntry => {
      const { priceLibraryKey: _key, ...rest } = m;
      return { ...rest, price: withLibraryPrice(m), energy: null, origin: `bundled catalog (${CATALOG_DATE})` };
    });
    bundled = new Catalog(models, { priceLibraryFallback: true });
  }
  return bundled;
}
