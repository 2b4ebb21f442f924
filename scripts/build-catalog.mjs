#!/usr/bin/env node
// Builds src/core/catalog/models.json, the bundled catalog, from the curated reference data in
// ../shared/data/catalog.json. Run it when that data changes: `npm run catalog [path/to/catalog.json]`.
// Every figure keeps its source and as-of date, written for users: the reference data's source ids
// (S1, S2, ...; see ../shared/data/SOURCES.md) become the sources' names. Ids, aliases and the
// price-library keys are ours.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const input = process.argv[2] ?? path.resolve(root, '../shared/data/catalog.json');
const output = path.join(root, 'src/core/catalog/models.json');
const source = JSON.parse(fs.readFileSync(input, 'utf8'));

// Our short ids (what users write), the aliases that map to them, the model's key in
// @pydantic/genai-prices, and, for models whose size is not published, EcoLogits' estimate for
// the closest earlier model (S10, ecologits/data/models.json) so that energy is a range, not blank.
const CURATION = {
  'Ministral 3 3B (25.12)': { id: 'ministral-3b', aliases: ['ministral-3-3b', 'ministral-3b-latest', 'ministral-3b-2512', 'mistral/ministral-3-3b-2512'], prices: ['mistral', 'ministral-3b-2512'] },
  'Ministral 3 8B (25.12)': { id: 'ministral-8b', aliases: ['ministral-3-8b', 'ministral-8b-latest', 'ministral-8b-2512', 'mistral/ministral-3-8b-2512'], prices: ['mistral', 'ministral-8b-2512'] },
  'Ministral 3 14B (25.12)': { id: 'ministral-14b', aliases: ['ministral-3-14b', 'ministral-14b-latest', 'ministral-14b-2512', 'mistral/ministral-3-14b-2512'], prices: ['mistral', 'ministral-14b-2512'] },
  'Mistral Small 3.2 (25.06)': { id: 'mistral-small-3.2', aliases: ['mistral-small-2506', 'mistral-small-3-2-2506', 'mistral/mistral-small-3-2-2506'] },
  'Mistral Small 4 (26.03)': { id: 'mistral-small-4', aliases: ['mistral-small', 'mistral-small-latest', 'mistral-small-2603', 'mistral/mistral-small-2603'], prices: ['mistral', 'mistral-small-2603'] },
  'Mistral Medium 3.5 (26.04)': { id: 'mistral-medium-3.5', aliases: ['mistral-medium', 'mistral-medium-latest', 'mistral-medium-2604', 'mistral/mistral-medium-3-5'], prices: ['mistral', 'mistral-medium-3-5'] },
  'Mistral Large 3 (25.12)': { id: 'mistral-large-3', aliases: ['mistral-large', 'mistral-large-latest', 'mistral-large-2512', 'mistral/mistral-large-2512'], prices: ['mistral', 'mistral-large-2512'] },
  'Codestral 25.08': { id: 'codestral', aliases: ['codestral-latest', 'codestral-2508', 'codestral-25.08', 'mistral/codestral-2508'], prices: ['mistral', 'codestral-2508'], energyParams: { total: 22.2, active: 22.2, note: 'EcoLogits 0.9.1 assigns 22.2B dense to codestral-2508 (S10)' } },
  'Devstral 2 (25.12)': { id: 'devstral-2', aliases: ['devstral', 'devstral-latest', 'devstral-2512', 'mistral/devstral-2512'], prices: ['mistral', 'devstral-2512'] },
  'Magistral Medium 1.2 (25.09)': { id: 'magistral-medium', aliases: ['magistral-medium-latest', 'magistral-medium-2509', 'mistral/magistral-medium-2509'], prices: ['mistral', 'magistral-medium-2509'] },
  'Magistral Small 1.2 (25.09)': { id: 'magistral-small', aliases: ['magistral-small-latest', 'magistral-small-2509', 'mistral/magistral-small-1-2-2509'], prices: ['mistral', 'magistral-small-2509'] },
  'Pixtral 12B (24.09)': { id: 'pixtral-12b', aliases: ['pixtral-12b-2409', 'pixtral-12b-latest', 'mistral/pixtral-12b-2409'], prices: ['mistral', 'pixtral-12b'] },
  'Pixtral Large (24.11)': { id: 'pixtral-large', aliases: ['pixtral-large-latest', 'pixtral-large-2411', 'mistral/pixtral-large-2411'], prices: ['mistral', 'pixtral-large-2411'] },
  'Mistral OCR 4 (Document AI)': { id: 'mistral-ocr', aliases: ['mistral-ocr-4', 'mistral-ocr-latest', 'mistral-ocr-4-0', 'mistral/mistral-ocr-4-0'], prices: ['mistral', 'mistral-ocr-4-0'] },
  'Voxtral Small 24B (25.07)': { id: 'voxtral-small', aliases: ['voxtral-small-latest', 'voxtral-small-2507', 'voxtral-small-24b-2507', 'mistral.voxtral-small-24b-2507'], prices: ['mistral', 'voxtral-small-2507'] },
  'GPT-5.6 (= gpt-5.6-sol pricing)': { id: 'gpt-5.6', aliases: ['gpt-5.6-sol'], prices: ['openai', 'gpt-5.6'], energyParams: { total: 300, active: [30, 90], note: 'not published; EcoLogits 0.9.1 estimate for gpt-5 (MoE 300B, 30-90B active, S10)' } },
  'GPT-5.5': { id: 'gpt-5.5', aliases: [], prices: ['openai', 'gpt-5.5'], energyParams: { total: 300, active: [30, 90], note: 'not published; EcoLogits 0.9.1 estimate for gpt-5 (MoE 300B, 30-90B active, S10)' } },
  'GPT-5.4 mini': { id: 'gpt-5.4-mini', aliases: [], prices: ['openai', 'gpt-5.4-mini'], energyParams: { total: [25, 70], active: [25, 70], note: 'not published; EcoLogits 0.9.1 estimate for gpt-5-mini (dense 25-70B, S10)' } },
  'GPT-5.4 nano': { id: 'gpt-5.4-nano', aliases: [], prices: ['openai', 'gpt-5.4-nano'], energyParams: { total: [5, 18.5], active: [5, 18.5], note: 'not published; EcoLogits 0.9.1 estimate for gpt-5-nano (dense 5-18.5B, S10)' } },
  'Claude Opus 5': { id: 'claude-opus-5', aliases: [], prices: ['anthropic', 'claude-opus-5'], energyParams: { total: 2000, active: [200, 600], note: 'not published; EcoLogits 0.9.1 estimate for claude-opus-4-1 (MoE 2000B, 200-600B active, S10)' } },
  'Claude Sonnet 5': { id: 'claude-sonnet-5', aliases: [], prices: ['anthropic', 'claude-sonnet-5'], energyParams: { total: 440, active: [44, 132], note: 'not published; EcoLogits 0.9.1 estimate for claude-sonnet-4-5 (MoE 440B, 44-132B active, S10)' } },
  'Claude Haiku 4.5': { id: 'claude-haiku-4.5', aliases: ['claude-haiku-4-5', 'claude-haiku-4-5-20251001'], prices: ['anthropic', 'claude-haiku-4-5'], energyParams: { total: [10, 35], active: [10, 35], note: 'not published; EcoLogits 0.9.1 estimate for claude-haiku-4-5 (dense 10-35B, S10)' } },
  'Claude Fable 5': { id: 'claude-fable-5', aliases: [], prices: ['anthropic', 'claude-fable-5'], energyParams: { total: 2000, active: [200, 600], note: 'not published; EcoLogits 0.9.1 estimate for the largest Claude it lists, claude-opus-4-1 (MoE 2000B, 200-600B active, S10)' } },
  'Gemini 3.1 Pro (preview)': { id: 'gemini-3.1-pro', aliases: ['gemini-3.1-pro-preview', 'gemini/gemini-3.1-pro-preview'], prices: ['google', 'gemini-3.1-pro-preview'], energyParams: { total: 2000, active: [200, 600], note: 'not published; EcoLogits 0.9.1 estimate for gemini-2.5-pro (MoE 2000B, 200-600B active, S10)' } },
  'Gemini 3.6 Flash': { id: 'gemini-3.6-flash', aliases: ['gemini/gemini-3.6-flash'], prices: ['google', 'gemini-3.6-flash'], energyParams: { total: 440, active: [44, 132], note: 'not published; EcoLogits 0.9.1 estimate for gemini-2.5-flash (MoE 440B, 44-132B active, S10)' } },
  'Gemini 3.5 Flash-Lite': { id: 'gemini-3.5-flash-lite', aliases: ['gemini/gemini-3.5-flash-lite'], prices: ['google', 'gemini-3.5-flash-lite'], energyParams: { total: [8, 28], active: [8, 28], note: 'not published; EcoLogits 0.9.1 estimate for gemini-2.5-flash-lite (dense 8-28B, S10)' } },
  'Gemini 3.1 Flash-Lite': { id: 'gemini-3.1-flash-lite', aliases: ['gemini/gemini-3.1-flash-lite'], prices: ['google', 'gemini-3.1-flash-lite'], energyParams: { total: [8, 28], active: [8, 28], note: 'not published; EcoLogits 0.9.1 estimate for gemini-2.5-flash-lite (dense 8-28B, S10)' } },
  'DeepSeek V4 Pro': { id: 'deepseek-v4-pro', aliases: ['deepseek/deepseek-v4-pro'], prices: ['deepseek', 'deepseek-v4-pro'] },
  'DeepSeek V4 Flash': { id: 'deepseek-v4-flash', aliases: ['deepseek/deepseek-v4-flash'], prices: ['deepseek', 'deepseek-v4-flash'] },
  'Qwen3.5 397B-A17B': { id: 'qwen3.5-397b-a17b', aliases: ['qwen/qwen3.5-397b-a17b', 'together_ai/qwen/qwen3.5-397b-a17b'] },
  'Qwen3 235B-A22B Instruct 2507': { id: 'qwen3-235b-a22b-instruct-2507', aliases: ['qwen/qwen3-235b-a22b-instruct-2507', 'deepinfra/qwen/qwen3-235b-a22b-instruct-2507'] },
  'gpt-oss-120b': { id: 'gpt-oss-120b', aliases: ['openai/gpt-oss-120b', 'together_ai/openai/gpt-oss-120b'] },
  'gpt-oss-20b': { id: 'gpt-oss-20b', aliases: ['openai/gpt-oss-20b', 'together_ai/openai/gpt-oss-20b'] },
  'Llama 4 Maverick 17B-128E': { id: 'llama-4-maverick', aliases: ['meta-llama/llama-4-maverick-17b-128e-instruct-fp8', 'together_ai/meta-llama/llama-4-maverick-17b-128e-instruct-fp8'], prices: ['together', 'meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8'] },
  'Llama 3.3 70B Instruct': { id: 'llama-3.3-70b', aliases: ['meta-llama/llama-3.3-70b-instruct-turbo', 'together_ai/meta-llama/llama-3.3-70b-instruct-turbo', 'llama-3.3-70b-instruct'], prices: ['together', 'meta-llama/Llama-3.3-70B-Instruct-Turbo'] },
};

// EcoLogits' data-centre PUE per provider (S10, docs/methodology/llm_inference.md); where it gives
// a range we take the upper end, so energy is not understated.
const PUE = {
  mistral: [1.16, 'EcoLogits provider config: mistralai, PUE 1.16 (S10)'],
  openai: [1.2, 'EcoLogits provider config: openai, PUE 1.2 (S10)'],
  anthropic: [1.14, 'EcoLogits provider config: anthropic, PUE 1.09-1.14, upper end (S10)'],
  google: [1.09, 'EcoLogits provider config: google_genai, PUE 1.09 (S10)'],
};
const DEFAULT_PUE = [1.2, 'no provider figure; EcoLogits default PUE 1.2 (S10/S11)'];

// The reference data's source ids, as users know the sources: SOURCES.md lists each id with its
// address or description; a web page is named by its site.
const SOURCE_NAMES = { S1: "LiteLLM's price list", S2: 'Artificial Analysis', S3: "OpenRouter's model list", S10: 'EcoLogits 0.9.1', S11: 'EcoLogits 0.9.1', S12: 'EcoLogits 0.9.1', S50: 'Hugging Face AI Energy Score' };
const sourcesFile = path.resolve(path.dirname(input), 'SOURCES.md');
if (fs.existsSync(sourcesFile)) {
  for (const [, id, rest] of fs.readFileSync(sourcesFile, 'utf8').matchAll(/\*\*(S\d+)\*\*\s+([^|\n]+)/g)) {
    const site = /^https?:\/\/(?:www\.)?([^/\s]+)/.exec(rest.trim());
    if (!SOURCE_NAMES[id] && site) SOURCE_NAMES[id] = site[1];
  }
}

/** The word a source's name is known by: "nvidia" for docs.nvidia.com, "LiteLLM" for LiteLLM's price list. */
function keyWord(name) {
  if (/\.[a-z]{2,}$/.test(name)) return name.split('.').find((label) => !['www', 'docs', 'sg', 'explore', 'app', 'hub'].includes(label)) ?? name;
  return name.split(/[\s']/)[0];
}

/** A source as a user reads it: its name and what it says, with no reference ids or file paths. */
function userSource(text) {
  if (!text) return text;
  return text
    .replace(/S1 LiteLLM model_prices_and_context_window\.json key "([^"]+)"(?: \(LiteLLM entry cites https?:\/\/(?:www\.)?([^)\s]+)\))?/g,
      (_, key, cited) => `LiteLLM's price list, entry "${key}"${cited ? `, citing ${cited}` : ''}`)
    .replace(/S2 Artificial Analysis API payload \(median_output_tokens_per_second, median_time_to_first_token_seconds\)[^;]*/g, 'Artificial Analysis: median measured output speed and time to first token')
    .replace(/S2 Artificial Analysis API payload \(intelligence \/ coding index\) in [^,]+, slug "([^"]+)"/g, 'Artificial Analysis Intelligence Index ("$1")')
    .replace(/(?:\s*\(S10(?: source list)?\)|, S10(?=\)))/g, () => (/EcoLogits/.test(text) ? '' : ' (EcoLogits 0.9.1)'))
    .replace(/\bHF (id )?/g, 'Hugging Face ')
    .replace(/EcoLogits (0\.9\.1 )?models\.json/g, "EcoLogits 0.9.1's model list")
    .replace(/ in huggingface\/AIEnergyScore \S+\.csv/g, '')
    .replace(/EcoLogits provider config: (\w+), PUE ([\d.-]+)(, upper end)?/, (_, p, v, upper) => `EcoLogits 0.9.1: PUE ${v} for ${p}'s data centres${upper ? ' (the upper end)' : ''}`)
    // an id followed by its own source's name is dropped; any other id becomes the name
    .replace(/\bS(\d+)\b(?:\s*-\s*S\d+)?\s?(?=(.{0,40}))/g, (m, n, next) => {
      const name = SOURCE_NAMES[`S${n}`];
      if (!name) return m;
      return next.toLowerCase().includes(keyWord(name).toLowerCase()) ? '' : `${name}${m.endsWith(' ') ? ' ' : ''}`;
    })
    .replace(/([\w. ]+)\/\1/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .replace(/\s+([;,)])/g, '$1')
    .trim();
}

/** "<= 2026-07-05 (payload last written ...)" → "2026-07-05 or earlier". */
function userDate(text) {
  if (!text) return text;
  const bare = text.replace(/\s*\(.*\)\s*$/, '').trim();
  return bare.startsWith('<=') ? `${bare.slice(2).trim()} or earlier` : bare;
}

const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const range = (v) => (Array.isArray(v) ? { min: v[0], max: v[1] } : { min: v, max: v });

const models = source.models.map((m) => {
  const cur = CURATION[m.display_name];
  if (!cur) throw new Error(`No curation for ${m.display_name}`);
  const p = m.pricing_usd_per_mtok;
  const provider = m.provider.split(' ')[0];
  const [pue, pueSource] = (PUE[provider] ?? DEFAULT_PUE).map((v) => (typeof v === 'string' ? userSource(v) : v));
  const batchPct = num(p.batch_discount_pct);
  const perPage = p.other?.ocr_cost_per_page;
  const params = m.params?.active_b != null
    ? { total: range(m.params.total_b), active: range(m.params.active_b), architecture: m.params.architecture, source: userSource(m.params.source), estimate: false }
    : cur.energyParams
      ? { total: range(cur.energyParams.total), active: range(cur.energyParams.active), architecture: null, source: userSource(cur.energyParams.note), estimate: true }
      : null;
  return {
    id: cur.id,
    aliases: [...new Set([...(m.id ? [m.id] : []), ...cur.aliases].map((a) => a.toLowerCase()))].filter((a) => a !== cur.id),
    provider,
    displayName: m.display_name,
    segment: m.segment,
    openWeights: m.open_weights ?? null,
    openWeightsSource: userSource(m.open_weights_source) ?? null,
    params,
    context: { maxInput: num(m.context?.max_input_tokens), maxOutput: num(m.context?.max_output_tokens) },
    price: {
      input: num(p.input),
      output: num(p.output),
      cacheRead: num(p.cached_input_read),
      cacheWrite: num(p.cache_write_5min),
      batchInput: num(p.batch_input) ?? (batchPct != null && num(p.input) != null ? +(p.input * (1 - batchPct / 100)).toPrecision(12) : null),
      batchOutput: num(p.batch_output) ?? (batchPct != null && num(p.output) != null ? +(p.output * (1 - batchPct / 100)).toPrecision(12) : null),
      perPage: num(perPage),
      perImage: null,
      batchPerPage: num(perPage) != null && batchPct != null ? +(perPage * (1 - batchPct / 100)).toPrecision(12) : null,
      source: userSource(p.source),
      asOf: userDate(p.as_of),
      batchSource: userSource(p.batch_input != null ? p.source : (p.batch_source ?? null)),
    },
    priceLibraryKey: cur.prices ? { provider: cur.prices[0], model: cur.prices[1] } : null,
    speed: {
      ttftS: num(m.speed?.ttft_s),
      outputTps: num(m.speed?.output_tokens_per_s),
      source: userSource(m.speed?.source ?? m.speed?.note ?? null),
      asOf: userDate(m.speed?.as_of ?? null),
    },
    quality: {
      intelligence: num(m.quality?.intelligence_index),
      coding: num(m.quality?.coding_index),
      source: userSource(m.quality?.source ?? null),
      asOf: userDate(m.quality?.as_of ?? null),
    },
    pue,
    pueSource,
    notes: (m.notes ?? []).map(userSource),
  };
});

const out = {
  generated: source.generated,
  description: 'Bundled model catalog of Agent Cost Lens, built by scripts/build-catalog.mjs from the curated reference data. Prices in USD per million tokens; params in billions; speed in seconds and output tokens per second.',
  snapshots: source.snapshots,
  models,
};
fs.writeFileSync(output, JSON.stringify(out, null, 1) + '\n');
console.log(`wrote ${models.length} models to ${path.relative(root, output)}`);

// The second price source, for names neither the curated catalog nor @pydantic/genai-prices knows
// (regional hosts, older models), and the prices the library has no field for: batch, flex and
// priority tiers, one-hour cache writes, a reasoning price. LiteLLM's price map (S1), reduced to
// text models' token prices and image models' price per image, in USD per million tokens. Its
// entries for local runtimes (Ollama) are left out: their $0 is no price, and such a model is
// priced as the same weights hosted (see catalog.ts).
const litellmInput = path.resolve(path.dirname(input), 'litellm_model_prices.json');
if (fs.existsSync(litellmInput)) {
  const raw = JSON.parse(fs.readFileSync(litellmInput, 'utf8'));
  const perMillion = (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Number((v * 1e6).toPrecision(6)) : undefined);
  // short field names, as the snapshot is loaded with every estimate of a model outside the curated list
  const FIELDS = {
    i: 'input_cost_per_token', o: 'output_cost_per_token', cr: 'cache_read_input_token_cost', cw: 'cache_creation_input_token_cost',
    cw1h: 'cache_creation_input_token_cost_above_1hr', bi: 'input_cost_per_token_batches', bo: 'output_cost_per_token_batches',
    fi: 'input_cost_per_token_flex', fo: 'output_cost_per_token_flex', fcr: 'cache_read_input_token_cost_flex',
    pi: 'input_cost_per_token_priority', po: 'output_cost_per_token_priority', pcr: 'cache_read_input_token_cost_priority',
    r: 'output_cost_per_reasoning_token',
  };
  const prices = {};
  const localRuntimes = new Set(['ollama', 'ollama_chat', 'lm_studio', 'llamafile', 'hosted_vllm', 'vllm']);
  for (const [key, e] of Object.entries(raw)) {
    if (!e || typeof e !== 'object' || localRuntimes.has(e.litellm_provider)) continue;
    const entry = { p: e.litellm_provider ?? null };
    if (e.mode === 'image_generation') {
      // LiteLLM writes an image model's price per image as either key.
      const perImage = e.output_cost_per_image ?? e.input_cost_per_image;
      if (typeof perImage === 'number' && perImage > 0) prices[key.toLowerCase()] = { ...entry, img: perImage };
      continue;
    }
    if (!['chat', 'completion', 'responses', 'embedding'].includes(e.mode)) continue;
    if (perMillion(e.input_cost_per_token) === undefined) continue;
    for (const [short, field] of Object.entries(FIELDS)) {
      const v = perMillion(e[field]);
      if (v !== undefined) entry[short] = v;
    }
    entry.o ??= 0;
    if (typeof e.deprecation_date === 'string') entry.dep = e.deprecation_date;
    prices[key.toLowerCase()] = entry;
  }
  const snapshot = {
    source: "LiteLLM's price list of 2026-07-24",
    asOf: '2026-07-24',
    fields: Object.fromEntries([['p', 'litellm_provider'], ...Object.entries(FIELDS).map(([k, f]) => [k, `${f} (USD per million tokens)`]), ['img', 'USD per image'], ['dep', 'deprecation_date']]),
    prices,
  };
  const snapshotOut = path.join(root, 'src/core/catalog/litellm-snapshot.json');
  fs.writeFileSync(snapshotOut, JSON.stringify(snapshot) + '\n');
  console.log(`wrote ${Object.keys(prices).length} LiteLLM prices to ${path.relative(root, snapshotOut)}`);
}

// Speeds and sizes for every model a source measures or estimates, matched to model names at run
// time (src/core/catalog/measured.ts): Artificial Analysis' median output speed and time to first
// token (S2; speed 0 means not measured, and is left out), and EcoLogits' parameter counts (S10),
// published or estimated, as ranges.
const aaInput = path.resolve(path.dirname(input), 'raw/aa_models_le_2026-07-05.json');
const ecoInput = path.resolve(path.dirname(input), 'raw/ecologits_models_v0.9.1.json');
if (fs.existsSync(aaInput) && fs.existsSync(ecoInput)) {
  const aa = JSON.parse(fs.readFileSync(aaInput, 'utf8'));
  const speeds = {};
  for (const [slug, m] of Object.entries(aa)) if (m.speed > 0 && m.ttft > 0) speeds[slug] = [Number(m.speed.toFixed(3)), Number(m.ttft.toFixed(3))];
  const eco = JSON.parse(fs.readFileSync(ecoInput, 'utf8'));
  const bounds = (p) => (typeof p === 'number' ? [p, p] : [p.min, p.max]);
  const sizes = {};
  for (const m of eco.models) {
    const a = m.architecture;
    if (!a?.parameters) continue;
    const total = bounds(a.type === 'moe' ? a.parameters.total : a.parameters);
    const active = bounds(a.type === 'moe' ? a.parameters.active : a.parameters);
    const estimated = (m.warnings ?? []).includes('model-arch-not-released') ? 1 : 0;
    sizes[m.name.toLowerCase()] = [...total, ...active, estimated];
  }
  for (const alias of eco.aliases ?? []) if (sizes[alias.alias?.toLowerCase()]) sizes[alias.name.toLowerCase()] = sizes[alias.alias.toLowerCase()];
  const measured = {
    speed: { name: 'Artificial Analysis', what: 'median measured output speed and time to first token', asOf: '2026-07-05 or earlier' },
    size: { name: "EcoLogits 0.9.1's model list", what: 'parameter counts, published or estimated' },
    speeds,
    sizes,
  };
  const measuredOut = path.join(root, 'src/core/catalog/measured.json');
  fs.writeFileSync(measuredOut, JSON.stringify(measured) + '\n');
  console.log(`wrote ${Object.keys(speeds).length} speeds and ${Object.keys(sizes).length} sizes to ${path.relative(root, measuredOut)}`);
}

// Electricity grids for CO2 (grids.json): EcoLogits' mixes per zone (Ember/OWID lifecycle
// intensities of 2024), its mapping of API providers to data-centre zones and PUE, and the current
// EU-27 average.
const gridsInput = path.resolve(path.dirname(input), 'grids.json');
if (fs.existsSync(gridsInput)) {
  const g = JSON.parse(fs.readFileSync(gridsInput, 'utf8'));
  const zones = Object.fromEntries(Object.entries(g.ecologits.zones).map(([code, z]) => [code, { name: z.name.replace(/ \(EcoLogits default\)$/, ''), gPerKwh: z.gwp_gCO2eq_per_kWh }]));
  const providers = {};
  for (const p of Object.values(g.ecologits_providers.providers)) {
    if (!p.ecologits_provider_key || p.ecologits_provider_key.startsWith('(') || !zones[p.datacenter_location]) continue;
    const pue = typeof p.pue === 'number' ? p.pue : p.pue.max;
    providers[p.ecologits_provider_key] = { zone: p.datacenter_location, pue };
  }
  const eu = g.eu27_average.recommended;
  const grids = {
    source: "EcoLogits 0.9.1's electricity mixes (Our World in Data and Ember, 2024 figures) and its data-centre locations of API providers",
    zones,
    providers,
    eu: { gPerKwh: eu.value_gCO2eq_per_kWh, year: eu.year, source: `Ember's EU-27 average for ${eu.year}, lifecycle (as published in co2.js)` },
  };
  const gridsOut = path.join(root, 'src/core/catalog/grids.json');
  fs.writeFileSync(gridsOut, JSON.stringify(grids, null, 1) + '\n');
  console.log(`wrote ${Object.keys(zones).length} grid zones and ${Object.keys(providers).length} providers to ${path.relative(root, gridsOut)}`);
}
