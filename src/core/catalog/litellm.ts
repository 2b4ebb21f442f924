// Importer for LiteLLM's model_prices_and_context_window.json, the price map many teams keep.
// Its prices are USD per token; ours are USD per million tokens.
import type { PartialModel, PriceTier } from '../types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const perToken = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v * 1e6 : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Modes whose entries price text generation (or OCR pages, or images) and so can run a workflow step. */
const MODES = new Set(['chat', 'responses', 'completion', 'ocr', 'image_generation']);

/** True for a LiteLLM price map: entries with per-token prices or a litellm_provider. */
export function looksLikeLiteLLM(data: unknown): data is Obj {
  if (!isObj(data)) return false;
  const entries = Object.values(data).filter(isObj);
  return entries.length > 0 && entries.some((e) => 'input_cost_per_token' in e || 'litellm_provider' in e);
}

export function importLiteLLM(data: Obj, origin: string): PartialModel[] {
  const models: PartialModel[] = [];
  for (const [key, raw] of Object.entries(data)) {
    if (!isObj(raw) || key === 'sample_spec' || (typeof raw.mode === 'string' && !MODES.has(raw.mode))) continue;
    const input = perToken(raw.input_cost_per_token);
    const output = perToken(raw.output_cost_per_token);
    const perPage = num(raw.ocr_cost_per_page);
    // An image model's price per image, under either key (a chat model's input_cost_per_image prices images it reads).
    const perImage = raw.mode === 'image_generation' ? num(raw.output_cost_per_image) ?? num(raw.input_cost_per_image) : undefined;
    if (input === undefined && output === undefined && perPage === undefined && perImage === undefined) continue;
    const tiers = new Map<number, PriceTier>();
    for (const [field, value] of Object.entries(raw)) {
      const m = /^(input|output|cache_read_input|cache_creation_input)_(?:cost_per_)?token_cost_above_(\d+)k_tokens$|^(input|output)_cost_per_token_above_(\d+)k_tokens$/.exec(field);
      if (!m) continue;
      const kind = m[1] ?? m[3];
      const above = Number(m[2] ?? m[4]) * 1000;
      const tier = tiers.get(above) ?? { above, input: input ?? null, output: output ?? null, cacheRead: null, cacheWrite: null };
      const price = perToken(value) ?? null;
      if (kind === 'input') tier.input = price;
      else if (kind === 'output') tier.output = price;
      else if (kind === 'cache_read_input') tier.cacheRead = price;
      else tier.cacheWrite = price;
      tiers.set(above, tier);
    }
    models.push({
      id: key.toLowerCase(),
      origin,
      provider: typeof raw.litellm_provider === 'string' ? raw.litellm_provider : undefined,
      price: {
        input, output,
        cacheRead: perToken(raw.cache_read_input_token_cost),
        cacheWrite: perToken(raw.cache_creation_input_token_cost),
        batchInput: perToken(raw.input_cost_per_token_batches),
        batchOutput: perToken(raw.output_cost_per_token_batches),
        perPage,
        perImage,
        tiers: [...tiers.values()].sort((a, b) => a.above - b.above),
        source: `${origin}, key "${key}" (LiteLLM format)`,
        asOf: null,
      },
      context: { maxInput: num(raw.max_input_tokens) ?? null, maxOutput: num(raw.max_output_tokens) ?? null },
    });
  }
  return models;
}
