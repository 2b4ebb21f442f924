// The second price source: a snapshot of LiteLLM's price map (built by scripts/build-catalog.mjs),
// for names that neither the curated catalog nor @pydantic/genai-prices knows: regional hosts,
// open models on inference providers, older models. Loaded with the price library, on first use.
import type { LibraryMatch } from './priceLibrary';

interface Snapshot {
  source: string;
  asOf: string;
  /** key → [provider, input, output, cache read] in USD per million tokens, and USD per image for image models. */
  prices: Record<string, [string | null, number | null, number | null, number | null, number?]>;
}

let snapshot: Snapshot | null = null;
/** Keys by their last path segment (`deepinfra/qwen/qwen-max` under `qwen-max`), sorted. */
let byName: Map<string, string[]> | null = null;

function load(): { data: Snapshot; index: Map<string, string[]> } {
  if (!snapshot || !byName) {
    // The bundles read it from dist/, beside them, as plain JSON (see esbuild.js).
    snapshot = require('./litellm-snapshot.json') as Snapshot;
    byName = new Map();
    for (const key of Object.keys(snapshot.prices).sort()) {
      const name = key.slice(key.lastIndexOf('/') + 1);
      byName.set(name, [...(byName.get(name) ?? []), key]);
    }
  }
  return { data: snapshot, index: byName };
}

/** The snapshot's price for a name: its own key, else the same model name under a host prefix. */
export function snapshotMatch(name: string): LibraryMatch | null {
  const lower = name.trim().toLowerCase();
  if (!lower) return null;
  const { data, index } = load();
  // A key of its own wins; among hosts, the first in sorted order, so the choice is stable.
  // A path (`fal-ai/flux/schnell`) must match whole: fal_ai/fal-ai/flux/schnell, not aiml/flux/schnell.
  const hosted = index.get(lower.slice(lower.lastIndexOf('/') + 1))?.find((k) => k.endsWith(`/${lower}`));
  // own keys only: a model named __proto__ or constructor is no key of the map
  const key = Object.hasOwn(data.prices, lower) ? lower : hosted;
  if (!key) return null;
  const [provider, input, output, cacheRead, perImage] = data.prices[key];
  return {
    modelId: lower,
    modelName: name.trim(),
    providerId: provider ?? 'unknown',
    price: {
      input, output, cacheRead, cacheWrite: null, batchInput: null, batchOutput: null, perPage: null, batchPerPage: null, perImage: perImage ?? null, tiers: [],
      source: `${data.source}, key "${key}"`,
      asOf: data.asOf,
    },
  };
}
