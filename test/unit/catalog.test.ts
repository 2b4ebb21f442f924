// The bundled catalog: aliases, suggestions, overrides, the price library and the LiteLLM importer.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CATALOG_DATE } from '../../src/core/catalog/catalog';
import { importLiteLLM, looksLikeLiteLLM } from '../../src/core/catalog/litellm';
import { readCatalogText } from '../../src/core/catalog/userCatalog';
import { panelData } from '../../src/core/panel/panelData';
import { markdownReport } from '../../src/core/reports/markdown';
import { close, estimateText, PRICE_DATE, step, testCatalog } from './helpers';
import { HANG_GUARD_MS } from './mutate';
import { itWithShared, SHARED_DATA } from './shared';

const calcPrice = (require('@pydantic/genai-prices') as {
  calcPrice(usage: Record<string, number>, model: string, options: { providerId?: string; timestamp?: Date }): { total_price: number } | null;
}).calcPrice;
const PRICE_DAY = new Date(`${PRICE_DATE}T12:00:00Z`);

describe('model catalog (spec §4)', () => {
  const catalog = testCatalog();

  it('holds the 35 curated models, each with a dated, sourced price', () => {
    assert.equal(catalog.models.length, 35);
    assert.match(CATALOG_DATE, /^\d{4}-\d{2}-\d{2}$/);
    for (const m of catalog.models) {
      assert.ok(m.price.source && m.price.source !== 'unknown', `${m.id} price source`);
      assert.ok(m.price.asOf, `${m.id} price date`);
    }
  });

  it('resolves aliases and provider-prefixed names', () => {
    const cases: [string, string][] = [
      ['mistral-small-latest', 'mistral-small-4'],
      ['mistral/mistral-small-latest', 'mistral-small-4'],
      ['Mistral-Small', 'mistral-small-4'],
      ['openai/gpt-5.5', 'gpt-5.5'],
      ['openai:chat:gpt-5.5', 'gpt-5.5'],
      ['anthropic:messages:claude-haiku-4-5', 'claude-haiku-4.5'],
      ['gemini/gemini-3.1-pro-preview', 'gemini-3.1-pro'],
      ['together_ai/openai/gpt-oss-120b', 'gpt-oss-120b'],
      ['mistral-medium-2604', 'mistral-medium-3.5'],
    ];
    for (const [name, id] of cases) assert.equal(catalog.resolve(name)?.id, id, name);
    assert.equal(catalog.resolve('mistral-smal'), undefined);
  });

  it('names the nearest ids for an unknown model', () => {
    assert.equal(catalog.nearest('mistral-smal')[0], 'mistral-small-4');
    assert.ok(catalog.nearest('gpt-5.7').includes('gpt-5.6'));
    assert.ok(catalog.nearest('claude-sonet-5').includes('claude-sonnet-5'));
  });

  it('keeps unknown figures unknown: no speed means an assumed, labelled latency', () => {
    const e = estimateText(`steps:\n  - { id: c, model: codestral, input_tokens: 100, output_tokens: 120 }\n`);
    const c = step(e, 'c');
    assert.equal(c.speedAssumed, true);
    close(c.latency_s?.p50, 1.0 + 120 / 60, 'assumed 1 s to first token and 60 tokens/s');
    assert.ok(e.assumptions.some((a) => /codestral has no measured speed/.test(a.message)));
  });

  it('prices a model as @pydantic/genai-prices does, cache reads and writes included', () => {
    const usage = { input_tokens: 12000, cache_read_tokens: 8000, cache_write_tokens: 1000, output_tokens: 700 };
    const cases: [string, string, string][] = [
      ['claude-sonnet-5', 'anthropic', 'claude-sonnet-5'],
      ['gpt-5.4-mini', 'openai', 'gpt-5.4-mini'],
      ['mistral-medium-3.5', 'mistral', 'mistral-medium-3-5'],
      ['deepseek-v4-flash', 'deepseek', 'deepseek-v4-flash'],
    ];
    for (const [id, provider, key] of cases) {
      const m = catalog.resolve(id);
      assert.ok(m, id);
      assert.match(m.price.source, /@pydantic\/genai-prices/);
      const p = m.price;
      const ours = ((12000 - 8000 - 1000) * (p.input as number) + 8000 * (p.cacheRead ?? (p.input as number))
        + 1000 * (p.cacheWrite ?? (p.input as number)) + 700 * (p.output as number)) / 1e6;
      // a price that varies by the hour is the day's mean: the library's price at each half hour, averaged
      const halfHours = Array.from({ length: 48 }, (_, k) => new Date(Date.parse(`${PRICE_DATE}T00:15:00Z`) + k * 1_800_000));
      const theirs = halfHours.map((timestamp) => calcPrice(usage, key, { providerId: provider, timestamp })?.total_price as number);
      assert.ok(theirs.every((v) => typeof v === 'number'), `${id} in the library`);
      close(ours, theirs.reduce((a, b) => a + b, 0) / theirs.length, id);
    }
  });

  it('applies the price tier that a call\'s input falls in, as the library does', () => {
    for (const input of [100000, 271999, 272000, 300000]) {
      const e = estimateText(`steps:\n  - { id: t, model: gpt-5.5, input_tokens: ${input}, output_tokens: 1000, reasoning: { tokens: 0 } }\n`);
      const theirs = calcPrice({ input_tokens: input, output_tokens: 1000 }, 'gpt-5.5', { providerId: 'openai', timestamp: PRICE_DAY });
      close(step(e, 't').cost_usd?.p50, theirs?.total_price as number, `input ${input}`);
    }
  });

  it('applies tiers turn by turn in an agent loop whose context crosses the threshold', () => {
    const e = estimateText(`steps:\n  - { id: t, model: gemini-3.1-pro, input_tokens: 150000, output_tokens: 1000, reasoning: { tokens: 0 }, agent: { turns: 3, tool_tokens: 49000 } }\n`);
    // turns send 150k, 200k (not above 200k) and 250k input tokens
    const turn = (input: number) => calcPrice({ input_tokens: input, output_tokens: 1000 }, 'gemini-3.1-pro-preview', { providerId: 'google', timestamp: PRICE_DAY })?.total_price as number;
    close(step(e, 't').cost_usd?.p50, turn(150000) + turn(200000) + turn(250000), 'tiered loop');
  });

  it('lets a file\'s models: section override only the fields it gives', () => {
    const e = estimateText(`
models:
  mistral-small:
    price: { input: 1, output: 1 }
steps:
  - { id: s, model: mistral-small-latest, input_tokens: 1000000, output_tokens: 0 }
`);
    const s = step(e, 's');
    close(s.cost_usd?.p50, 1, 'overridden price');
    assert.equal(s.model, 'mistral-small-4');
    assert.equal(s.speedAssumed, false, 'keeps the catalog speed');
    assert.ok(s.energy_wh, 'keeps the catalog parameters');
    assert.match(s.priceSource, /models\.mistral-small/);
  });

  it('reads a local runtime\'s tag as the weights it serves, hosted, and flags it', () => {
    const cases: [string, string, string][] = [
      ['ollama:chat:llama3.3', 'llama-3.3-70b', 'ollama'],
      ['ollama/llama3.3:70b-instruct-q4_K_M', 'llama-3.3-70b', 'ollama'],
      ['ollama_chat/llama3.3:latest', 'llama-3.3-70b', 'ollama_chat'],
      ['hosted_vllm/meta-llama/Llama-3.3-70B-Instruct-Turbo', 'llama-3.3-70b', 'hosted_vllm'],
      ['lmstudio/phi4', 'phi-4', 'lmstudio'],
    ];
    for (const [name, id, runtime] of cases) {
      const found = catalog.lookup(name);
      assert.equal(found?.entry.id, id, name);
      assert.equal(found?.selfHosted, runtime, name);
    }
    assert.equal(catalog.lookup('llama-3.3-70b')?.selfHosted, undefined, 'a hosted name is not local');
    // No other size guessed, and LiteLLM's $0 for Ollama is no price.
    assert.equal(catalog.lookup('ollama/llama3.3:8b'), undefined);
    // deepseek-r1:7b is Ollama's R1 distillation into Qwen 7B: priced as that, never as the 671B R1
    assert.equal(catalog.lookup('ollama/deepseek-r1:7b')?.entry.id, 'deepseek-r1-distill-qwen-7b');
    assert.match(catalog.lookup('ollama/deepseek-r1:7b')?.pulled ?? '', /deepseek-r1-distill-qwen-7b, the 7b weights Ollama serves/);
    assert.equal(catalog.lookup('ollama/gemma2:9b')?.entry.id, 'gemma-2-9b');
    assert.equal(catalog.lookup('ollama/llama2-uncensored'), undefined);
  });

  it('prices an image model per image: one image per call, no text out', () => {
    const e = estimateText(`models:
  painter: { price: { per_image: 0.05 } }
steps:
  - { id: draw, model: painter, input_tokens: 40, output_tokens: 500, repeat: 3, retry_rate: 0.1 }
`);
    const s = step(e, 'draw');
    close(s.cost_usd?.p50, 3 * 1.1 * 0.05, '3 images, a tenth made twice');
    assert.equal(s.output_tokens.p50, 0);
    assert.ok(e.assumptions.some((a) => a.step === 'draw' && /painter makes images, priced at \$0\.05 each/.test(a.message)));
  });
});

describe('sources as users read them', () => {
  const CODE = /\bS\d{1,3}\b|\.json\b|\.csv\b/;

  it('name every catalog figure\'s source and date in words, with no reference ids or file names', () => {
    for (const m of testCatalog().models) {
      const texts = [m.price.source, m.price.asOf, m.speed.source, m.speed.asOf, m.quality.source, m.quality.asOf, m.params?.source, m.openWeightsSource, m.pueSource, ...m.notes];
      for (const t of texts) if (t) assert.doesNotMatch(t, CODE, `${m.id}: ${t}`);
      assert.match(m.price.source, /[A-Za-z]{4,}/, m.id);
    }
  });

  it('say the same in reports, and in the panel\'s data', () => {
    const e = estimateText('steps:\n  - { id: a, model: mistral-small, input_tokens: 10, output_tokens: 10 }\n  - { id: b, model: gpt-4o-mini, input_tokens: 10, output_tokens: 10 }\n');
    const report = markdownReport([e]);
    assert.doesNotMatch(report, CODE);
    const panel = JSON.stringify(panelData(testCatalog()));
    assert.doesNotMatch(panel, /\bS\d{1,3}\b/);
  });
});

describe('catalog files', () => {
  const snapshot = path.join(SHARED_DATA, 'litellm_model_prices.json');
  const sample = {
    'gpt-4o-mini': { input_cost_per_token: 1.5e-7, output_cost_per_token: 6e-7, cache_read_input_token_cost: 7.5e-8, litellm_provider: 'openai', mode: 'chat', max_input_tokens: 128000 },
    'mistral/mistral-small-latest': { input_cost_per_token: 1e-7, output_cost_per_token: 3e-7, litellm_provider: 'mistral', mode: 'chat' },
    'text-embedding-3-small': { input_cost_per_token: 2e-8, litellm_provider: 'openai', mode: 'embedding' },
    'dall-e-3': { input_cost_per_image: 0.04, litellm_provider: 'openai', mode: 'image_generation' },
    'hd/1024-x-1024/dall-e-3': { input_cost_per_pixel: 7.629e-8, output_cost_per_pixel: 0, mode: 'image_generation' },
    'gemini/gemini-x': { input_cost_per_token: 1e-6, output_cost_per_token: 4e-6, input_cost_per_token_above_200k_tokens: 2e-6, output_cost_per_token_above_200k_tokens: 8e-6, mode: 'chat' },
    sample_spec: { input_cost_per_token: 0 },
  };

  it('imports a LiteLLM price map: USD per token become USD per million tokens', () => {
    assert.ok(looksLikeLiteLLM(sample));
    const models = importLiteLLM(sample, 'prices.json');
    assert.deepEqual(models.map((m) => m.id).sort(), ['dall-e-3', 'gemini/gemini-x', 'gpt-4o-mini', 'mistral/mistral-small-latest']);
    close(models.find((m) => m.id === 'dall-e-3')?.price?.perImage, 0.04, 'an image model, per image');
    const mini = models.find((m) => m.id === 'gpt-4o-mini');
    close(mini?.price?.input, 0.15, 'input');
    close(mini?.price?.cacheRead, 0.075, 'cache read');
    const tiered = models.find((m) => m.id === 'gemini/gemini-x');
    assert.equal(tiered?.price?.tiers?.[0].above, 200000);
    close(tiered?.price?.tiers?.[0].output, 8, 'tier output');
  });

  it('adds imported models and overrides catalog prices where the key names a catalog model', () => {
    const catalog = testCatalog().withOverrides(importLiteLLM(sample, 'prices.json'));
    close(catalog.resolve('openai/gpt-4o-mini')?.price.input, 0.15, 'new model, reached through a prefix');
    const small = catalog.resolve('mistral-small');
    close(small?.price.input, 0.1, 'override through the provider prefix');
    assert.equal(small?.speed.outputTps, testCatalog().resolve('mistral-small')?.speed.outputTps, 'speed kept');
  });

  itWithShared(snapshot, 'reads the shared LiteLLM snapshot', () => {
    const { models, problems } = readCatalogText(snapshot, fs.readFileSync(snapshot, 'utf8'));
    assert.deepEqual(problems, []);
    assert.ok(models.length > 2000, `${models.length} models`);
    const catalog = testCatalog().withOverrides(models);
    assert.ok(catalog.resolve('gpt-4o-mini'));
    assert.equal(catalog.resolve('gpt-5.5')?.price.input, testCatalog().resolve('gpt-5.5')?.price.input, 'azure/ or openrouter/ keys do not override OpenAI prices');
  });

  it('reads our own catalog format from YAML', () => {
    const { models, problems } = readCatalogText('team.yaml', 'models:\n  team-7b:\n    price: { input: 0.1, output: 0.2 }\n    params_b: { active: 7 }\n');
    assert.deepEqual(problems, []);
    assert.equal(models[0].id, 'team-7b');
    assert.equal(models[0].params?.total.min, 7, 'total defaults to active');
  });
});

describe('tiered prices in agent loops', () => {
  // The spec's turn-by-turn definition, written out directly, against the closed form.
  const model = testCatalog().resolve('gemini-3.1-pro');
  /** `r` reasoning tokens a turn are billed as output, and never replayed. */
  function reference(c0: number, o: number, u: number, turns: number, h: number, history: string, r: number): number {
    const p = model?.price;
    assert.ok(p && p.tiers.length === 1);
    let cost = 0;
    for (let t = 1; t <= turns; t++) {
      const context = history === 'replay' ? c0 + (t - 1) * (o + u) : history === 'summary' && t > 1 ? c0 + o + u : c0;
      let i = context;
      let c = 0;
      let w = 0;
      if (h > 0 && t === 1) [i, w] = [0, c0];
      else if (h > 0) {
        const prefix = history === 'replay' ? c0 + (t - 2) * (o + u) : c0;
        [i, c, w] = [(1 - h) * prefix, h * prefix, context - prefix];
      }
      const tier = i + c + w > p.tiers[0].above ? p.tiers[0] : p;
      const input = tier.input as number;
      cost += (i * input + c * (tier.cacheRead ?? input) + w * (tier.cacheWrite ?? input) + (o + r) * (tier.output as number)) / 1e6;
    }
    return cost;
  }
  for (const history of ['replay', 'summary', 'none']) {
    for (const h of [0, 0.6]) {
      it(`matches a turn-by-turn sum (history ${history}, hit rate ${h})`, () => {
        for (const [c0, o, u, turns, r] of [[150000, 1000, 9000, 12, 0], [190000, 500, 6000, 2, 700], [10000, 800, 30000, 25, 300], [250000, 100, 0, 4, 0]]) {
          const e = estimateText(`steps:\n  - { id: t, model: gemini-3.1-pro, input_tokens: ${c0}, output_tokens: ${o}, reasoning: { tokens: ${r} }, agent: { turns: ${turns}, tool_tokens: ${u}, history: ${history} }, cache: { hit_rate: ${h} } }\n`);
          close(step(e, 't').cost_usd?.p50, reference(c0, o, u, turns, h, history, r), `${c0}/${o}/${u}/${turns}/${r}`);
        }
      });
    }
  }
  it('estimates a 100,000-turn loop in closed form', () => {
    const started = performance.now();
    const e = estimateText('steps:\n  - { id: t, model: gpt-5.5, input_tokens: 1000, output_tokens: 10, agent: { turns: 100000, tool_tokens: 10 } }\n');
    assert.ok(step(e, 't').cost_usd);
    assert.ok(performance.now() - started < HANG_GUARD_MS);
  });
});
