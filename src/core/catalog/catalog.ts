// The model catalog: bundled entries, user overrides, aliases and "did you mean" suggestions.
import { closest, distance } from 'fastest-levenshtein';
import bundledData from './models.json';
import { LIMITS } from '../limits';
import { byCodePoint } from '../order';
import { providerGrid } from '../grids';
import { makerOf, measuredSize, measuredSpeed, thinkingFreeTtft } from './measured';
import { today } from '../dates';
import type { LibraryMatch } from './libraryMatch';
import { libraryMatch } from './priceLibrary';
import { snapshotMatch } from './priceSnapshot';
import { reasoningFor } from './reasoning';
import { OLLAMA_SOURCE, ollamaSize, r1Distill } from './ollamaTags';
import { retirementOf, type Retirement } from './retirements';
import type { ModelEntry, PartialModel, PriceSpec, SpeedSpec } from '../types';

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

/** Prefixes that name a maker's own API (promptfoo's `anthropic:messages:`, LiteLLM's `gemini/`, the Gemini API's `models/`), not another host. */
const OWN_APIS = new Set(['openai', 'anthropic', 'google', 'gemini', 'models', 'mistral', 'deepseek']);

/** The price library's provider id of each maker's own API (see makerOf). */
const MAKER_APIS: Record<string, string> = {
  openai: 'openai', anthropic: 'anthropic', google: 'google', mistral: 'mistral', deepseek: 'deepseek', xai: 'x-ai',
  kimi: 'moonshotai', moonshot: 'moonshotai', cohere: 'cohere', minimax: 'minimax', glm: 'zai',
};
const makerApi = (name: string): string | undefined => {
  const maker = makerOf(name);
  return Object.hasOwn(MAKER_APIS, maker) ? MAKER_APIS[maker] : undefined;
};

/** The sizes a name states (`7b`, `1.5b`, `8x7b`). */
const statedSizes = (name: string): string[] => name.toLowerCase().replace(/p(?=\d+b\b)/g, '.').match(/\d+(?:\.\d+)?(?:x\d+)?b\b/g) ?? [];

/** A match keeps every size the name states: a 7B distillation is not the 671B model of the same prefix. */
function sameStatedSize(name: string, matched: string): boolean {
  const wanted = statedSizes(name);
  const found = new Set(statedSizes(matched));
  return wanted.every((size) => found.has(size));
}

/** Bedrock's model ids, `us.anthropic.claude-3-5-sonnet-20240620-v1:0`: a host's name for a model. */
const BEDROCK_ID = /^(?:(?:us|eu|apac|global)\.)?(?:anthropic|meta|mistral|amazon|cohere|ai21|deepseek|openai|qwen|writer)\./i;

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

/** Embedding models suggested for a name that says it embeds, cheapest first. */
const EMBEDDING_MODELS = ['text-embedding-3-small', 'text-embedding-3-large', 'mistral-embed'];

/** A compact spelling's readings: `gpt35` as gpt-3.5 and gpt-35, `gpt4o` as gpt-4o, `claude35sonnet` as claude-3.5-sonnet. */
function familyGuesses(name: string): Set<string> {
  const out = new Set<string>();
  const m = /^([a-z]+)-?(\d)(\d)?([a-z]*)(.*)$/.exec(name);
  if (!m) return out;
  const [, family, major, minor, letters, rest] = m;
  const tail = `${letters ? (letters.length === 1 ? letters : `-${letters}`) : ''}${rest}`;
  if (minor) out.add(`${family}-${major}.${minor}${tail}`);
  out.add(`${family}-${major}${minor ?? ''}${tail}`);
  if (family === 'gpt' && major === '3') out.add('gpt-3.5-turbo');
  return out;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How a name resolved: exactly, or as a guess or a retired model's replacement (to be flagged). */
export interface Lookup {
  entry: ModelEntry;
  guessedFrom?: string;
  retired?: Retirement;
  /** Served on the user's own hardware by this runtime, and priced as the same weights hosted. */
  selfHosted?: string;
  /** What a local tag without a size pulls, as Ollama's library says. */
  pulled?: string;
}

const MAX_REMEMBERED_NAMES = 10_000;

export interface CatalogOptions {
  /**
   * Price models the curated list lacks from @pydantic/genai-prices, then LiteLLM's map, with
   * speeds Artificial Analysis measures and sizes EcoLogits gives (or the name states).
   */
  priceLibraryFallback?: boolean;
  /** The day prices are read for, YYYY-MM-DD; today (UTC) where not given. */
  priceDate?: string;
}

/** OpenRouter's free variants (`meta-llama/llama-3.3-70b-instruct:free`): the same weights at $0, rate-limited. */
const FREE_VARIANT = /:free$/i;

export class Catalog {
  private readonly byKey = new Map<string, ModelEntry>();
  private readonly libraryEntries = new Map<string, ModelEntry>();
  private readonly freeEntries = new Map<ModelEntry, ModelEntry>();
  /** The day prices are read for. */
  readonly priceDate: string;
  private readonly lookups = new Map<string, Lookup | undefined>();
  /** Entries a workflow or catalog file defined or overrode: their figures are the user's own. */
  private readonly userDefined = new Set<ModelEntry>();

  constructor(readonly models: readonly ModelEntry[], readonly options: CatalogOptions = {}) {
    this.priceDate = options.priceDate ?? today();
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
    if (FREE_VARIANT.test(name.trim())) {
      const paid = this.lookup(name.trim().replace(FREE_VARIANT, ''));
      return paid && { ...paid, entry: this.freeEntry(paid.entry) };
    }
    const runtime = selfHostedRuntime(name);
    if (runtime) {
      const exact = this.resolveExact(name);
      const weights = exact ? { entry: exact } : this.resolveWeights(name.trim().replace(SELF_HOSTED, ''));
      if (!weights) return undefined;
      return this.userDefined.has(weights.entry) ? { entry: weights.entry } : { ...weights, selfHosted: runtime };
    }
    const candidates = candidateNames(name);
    // Retirement dates are the makers' own APIs': Bedrock, Vertex AI and other hosts keep their own schedules.
    const host = /^([a-z_-]+)[:/]/i.exec(name.trim())?.[1].toLowerCase();
    const ownApi = (host === undefined || OWN_APIS.has(host)) && !BEDROCK_ID.test(name.trim());
    const retired = ownApi ? retirementOf(normalizeModelName(candidates[candidates.length - 1]), this.priceDate) : undefined;
    // A replacement retired in its turn resolves to its own replacement (a short chain: each is newer).
    const replacement = retired && this.lookup(retired.replacement);
    if (retired && replacement) return { entry: replacement.entry, retired };
    const exact = this.find(candidates);
    if (exact) return { entry: exact };
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
   * The hosted model with the weights a local runtime serves: `llama3.3:70b` as llama-3.3-70b. A
   * tag with no size is the size Ollama pulls for it (`qwen2.5` is 7B); deepseek-r1's sizes below
   * the full model are distillations (`deepseek-r1:1.5b` is DeepSeek-R1-Distill-Qwen-1.5B). Else a
   * family with one size in the catalog is that size.
   */
  private resolveWeights(tag: string): { entry: ModelEntry; pulled?: string } | undefined {
    const { families, size: given } = parseTag(tag);
    const family = tag.trim().toLowerCase().split(':')[0];
    const pulled = ollamaSize(family, given);
    if (pulled) {
      const distill = family === 'deepseek-r1' ? r1Distill(pulled.size) : undefined;
      const note = pulled.byDefault || distill
        ? `'${tag}' is ${distill ? `${distill}, ` : ''}the ${pulled.size} weights Ollama serves under that tag (${OLLAMA_SOURCE})` : undefined;
      const names = distill ? [distill] : families.flatMap((f) => [`${f}-${pulled.size}`, `${f}-${pulled.size}-instruct`, `${f}-${pulled.size}-it`]);
      // The size must be in the name found: deepseek-r1:7b is a 7B distillation, not DeepSeek's R1.
      const found = this.find(names);
      const sized = new RegExp(`(?:^|[-/])${escapeRegExp(normalizeModelName(pulled.size))}(?:-|$)`);
      if (found && [found.id, ...found.aliases].some((name) => sized.test(normalizeModelName(name)))) return { entry: found, ...(note && { pulled: note }) };
      if (given || distill) return undefined;
    }
    const found = this.find(families);
    if (found) return { entry: found };
    const sized = new RegExp(`^${escapeRegExp(normalizeModelName(families[0]))}-\\d+(?:-\\d+)?[bm](?:-|$)`);
    const sizes = new Set([...this.byKey].filter(([key]) => sized.test(key)).map(([, m]) => m));
    return sizes.size === 1 ? { entry: [...sizes][0] } : undefined;
  }

  private find(candidates: string[]): ModelEntry | undefined {
    for (const candidate of candidates) {
      const hit = this.byKey.get(normalizeModelName(candidate));
      if (hit) return hit;
    }
    if (!this.options.priceLibraryFallback) return undefined;
    const match = this.priced(candidates);
    return match ? this.resolveExact(match.modelId) ?? this.libraryEntry(match, candidates) : undefined;
  }

  /**
   * The price of a model outside the curated list, by one stated rule: its maker's own API in the
   * price library; else the library's price where its host is the maker; else, for weights many
   * hosts sell, LiteLLM's list (a key of the name's own, the maker's, else the median host); else
   * whichever host the library knows.
   */
  private priced(candidates: string[]): LibraryMatch | null {
    // The library matches by prefix: deepseek-r1-distill-qwen-7b would be deepseek-reasoner (671B).
    const library = (name: string, provider?: string) => {
      const match = libraryMatch(name, provider, this.priceDate);
      return match && sameStatedSize(name, match.modelId) ? match : null;
    };
    for (const candidate of candidates) {
      const maker = makerApi(candidate);
      const own = maker ? library(candidate, maker) : null;
      if (own) return own;
    }
    for (const candidate of candidates) {
      const lib = library(candidate);
      if (lib && lib.providerId === makerApi(candidate)) return lib;
      const hosted = snapshotMatch(candidate);
      if (hosted || lib) return hosted ?? lib;
    }
    return null;
  }

  /**
   * One entry per library model, so every spelling of it shares one prepared model: priced by the
   * library (or LiteLLM's map), timed by Artificial Analysis' measurement, sized by EcoLogits or
   * by what its name states.
   */
  private libraryEntry(match: LibraryMatch, names: string[]): ModelEntry {
    let entry = this.libraryEntries.get(match.modelId);
    if (!entry) {
      const known = [match.modelId, ...names];
      const grid = providerGrid(match.providerId);
      const params = measuredSize(known);
      entry = {
        ...mergeModel(undefined, { id: match.modelId, origin: match.price.source, displayName: match.modelName, provider: match.providerId }),
        price: match.price,
        speed: withoutThinking(known, measuredSpeed(known) ?? UNKNOWN_SPEED),
        params,
        pue: grid.pue ?? DEFAULT_PUE,
        pueSource: grid.pue ? `EcoLogits 0.9.1: PUE ${grid.pue} for ${match.providerId}'s data centres` : `default PUE ${DEFAULT_PUE} (EcoLogits)`,
        notes: [`${match.modelId} is not in the curated catalog: priced by ${match.price.source}`, ...(match.note ? [match.note] : [])],
      };
      this.libraryEntries.set(match.modelId, entry);
    }
    return entry;
  }

  /** A paid model's free variant: its speed and size, at $0. */
  private freeEntry(paid: ModelEntry): ModelEntry {
    let entry = this.freeEntries.get(paid);
    if (!entry) {
      const zero = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, batchInput: 0, batchOutput: 0 };
      entry = {
        ...paid, id: `${paid.id}:free`, aliases: [], displayName: `${paid.displayName} (free)`,
        price: { ...paid.price, ...zero, tiers: [], timeOfDay: null, serviceTiers: {}, source: `OpenRouter's free variant of ${paid.id}: $0, rate-limited (OpenRouter's ':free' model naming)` },
      };
      this.freeEntries.set(paid, entry);
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
    // Families first: a compact spelling of a known model (gpt35, gpt4o, claude35sonnet), or an embedding model for an embedding.
    const known = [...familyGuesses(wanted)].flatMap((guess) => {
      const hit = this.lookup(guess);
      return hit && !hit.guessedFrom ? [hit.entry.id] : [];
    });
    const byFamily = /embed/.test(wanted) ? EMBEDDING_MODELS.filter((id) => this.lookup(id)) : known;
    if (byFamily.length) return [...new Set(byFamily)].slice(0, count);
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
    const next = new Catalog([...merged.values()], { ...this.options, priceDate: this.priceDate });
    for (const entry of [...this.userDefined, ...given]) if (next.models.includes(entry)) next.userDefined.add(entry);
    return next;
  }
}

const UNKNOWN_SPEED: SpeedSpec = { ttftS: null, outputTps: null, source: null, asOf: null };

/**
 * A speed whose time to first token includes thinking (Artificial Analysis measures reasoning
 * models thinking) as the time without it: the estimate adds the thinking itself.
 */
function withoutThinking(names: readonly string[], speed: SpeedSpec): SpeedSpec {
  if (speed.ttftS === null) return speed;
  const plain = thinkingFreeTtft(names, speed.ttftS, reasoningFor(names[0] ?? ''));
  return plain ? { ...speed, ttftS: plain.ttftS, source: `${speed.source}; ${plain.note}` } : speed;
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

/** Prices from the price library where it knows the model, on the day asked; the curated catalog's otherwise. */
function withLibraryPrice(m: BundledModel, date: string): { price: PriceSpec; note?: string } {
  const { batchSource, ...curated } = m.price;
  const own: PriceSpec = { ...curated, tiers: [], ...(batchSource && { batchSource }) };
  const key = m.priceLibraryKey;
  const match = key ? libraryMatch(key.model, key.provider, date) : null;
  const lib = match?.price;
  if (!lib) return { price: own };
  // Batch rates from the price data (a model's own, else its provider's published discount); else
  // the curated catalog's discount (Mistral's OCR pages), applied to the day's prices.
  const ratio = (batch: number | null, full: number | null) => (batch !== null && full ? batch / full : null);
  const inRatio = ratio(own.batchInput, own.input);
  const outRatio = ratio(own.batchOutput, own.output);
  const pageRatio = ratio(own.batchPerPage, own.perPage);
  const libraryBatch = lib.batchInput !== null;
  return {
    note: match.note,
    price: {
      ...lib,
      batchInput: libraryBatch ? lib.batchInput : inRatio !== null && lib.input !== null ? lib.input * inRatio : null,
      batchOutput: libraryBatch ? lib.batchOutput : outRatio !== null && lib.output !== null ? lib.output * outRatio : null,
      perPage: lib.perPage ?? own.perPage,
      batchPerPage: pageRatio !== null ? (lib.perPage ?? own.perPage ?? 0) * pageRatio : null,
      perImage: lib.perImage ?? own.perImage,
      batchSource: libraryBatch ? lib.batchSource : batchSource ?? undefined,
    },
  };
}

const bundled = new Map<string, Catalog>();

/** The catalog that ships with the product, priced for a day (today, UTC, by default) on first use. */
export function bundledCatalog(priceDate: string = today()): Catalog {
  let catalog = bundled.get(priceDate);
  if (!catalog) {
    const models = (bundledData.models as unknown as BundledModel[]).map((m): ModelEntry => {
      const { priceLibraryKey: _key, ...rest } = m;
      const { price, note } = withLibraryPrice(m, priceDate);
      const names = [m.id, ...m.aliases];
      return {
        ...rest,
        price,
        speed: withoutThinking(names, m.speed),
        params: m.params ?? measuredSize(names),
        energy: null,
        notes: note ? [...m.notes, note] : m.notes,
        origin: `bundled catalog (${CATALOG_DATE})`,
      };
    });
    if (bundled.size >= 8) bundled.clear();
    catalog = new Catalog(models, { priceLibraryFallback: true, priceDate });
    bundled.set(priceDate, catalog);
  }
  return catalog;
}
