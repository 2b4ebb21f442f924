// Figures as the models bill them (issue 10): reasoning tokens, prices on the day and hour of a
// run, batch and service tiers, dated snapshots and free variants, provider grids for CO2, and
// alternatives named for what they are. Every expected figure is worked by hand from list prices.
import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/catalog';
import { sizeFromName } from '../../src/core/catalog/measured';
import { readWorkflow } from '../../src/core/formats/workflowFile';
import { estimateWorkflow } from '../../src/core/estimate/estimate';
import type { Estimate, Workflow } from '../../src/core/types';
import { close, estimateText, PRICE_DATE, step, testCatalog } from './helpers';

const one = (text: string, options = {}): ReturnType<typeof step> => step(estimateText(`steps:\n  - ${text}\n`, options), 's');

describe('reasoning tokens', () => {
  const gpt55 = testCatalog().resolve('gpt-5.5');

  it('bills reasoning at the output price: 1,000 in, 500 out and 2,000 reasoning on gpt-5.5 at $5/$30', () => {
    assert.deepEqual([gpt55?.price.input, gpt55?.price.output], [5, 30], 'gpt-5.5 is $5/$30 on the test date');
    const s = one('{ id: s, model: gpt-5.5, input_tokens: 1000, output_tokens: 500, reasoning: { tokens: 2000 } }');
    close(s.cost_usd?.p50, (1000 * 5 + 2500 * 30) / 1e6, 'cost');
    assert.deepEqual([s.output_tokens.p50, s.reasoning_tokens.p50], [2500, 2000]);
  });

  it('takes reasoning tokens / output speed seconds more than no reasoning', () => {
    const thinking = one('{ id: s, model: gpt-5.5, input_tokens: 1000, output_tokens: 500, reasoning: { tokens: 2000 } }');
    const plain = one('{ id: s, model: gpt-5.5, input_tokens: 1000, output_tokens: 500, reasoning: { tokens: 0 } }');
    close((thinking.latency_s?.p50 as number) - (plain.latency_s?.p50 as number), 2000 / (gpt55?.speed.outputTps as number), 'extra seconds');
  });

  it('times a call that does not think without the thinking measured into the first token', () => {
    const sonnet = testCatalog().resolve('claude-sonnet-5');
    assert.ok((sonnet?.speed.ttftS as number) < 3, `ttft ${sonnet?.speed.ttftS}`);
    assert.match(sonnet?.speed.source ?? '', /without thinking/);
    const s = one('{ id: s, model: claude-sonnet-5, input_tokens: 6000, output_tokens: 100, reasoning: { tokens: 0 } }');
    assert.ok((s.latency_s?.p95 as number) < 10, `${s.latency_s?.p95} s`);
  });

  it('applies a reasoning model\'s default, says so, and names the key that changes it', () => {
    const e = estimateText('steps:\n  - { id: s, model: claude-sonnet-5, input_tokens: 6000, output_tokens: 800 }\n');
    const s = step(e, 's');
    // Claude Sonnet 5 thinks by default at effort high: 50–1,500 reasoning tokens a call
    assert.deepEqual(s.reasoning?.tokensPerCall, { min: 50, max: 1500 });
    assert.ok(s.reasoning_tokens.p50 >= 50 && s.reasoning_tokens.p95 <= 1500);
    const note = e.assumptions.find((a) => a.step === 's' && /reasons by default/.test(a.message));
    assert.match(note?.message ?? '', /effort high.*Set reasoning: \{ effort: … \} or \{ tokens: … \} on the step/);
    // and the bill: 6,000 × $2 + (800 + reasoning) × $10, per million, at the median
    close(s.cost_usd?.p50, (6000 * 2 + (800 + s.reasoning_tokens.p50) * 10) / 1e6, 'cost at the median draw');
  });

  it('reads an effort from the file, and what the model does without one', () => {
    const low = one('{ id: s, model: gpt-5.5, input_tokens: 100, output_tokens: 100, reasoning: { effort: low } }');
    assert.deepEqual(low.reasoning?.tokensPerCall, { min: 30, max: 800 });
    const none = one('{ id: s, model: gpt-5.5, input_tokens: 100, output_tokens: 100, reasoning: { effort: none } }');
    assert.equal(none.reasoning_tokens.max, 0);
    const mistral = estimateText('steps:\n  - { id: s, model: mistral-small-4, input_tokens: 100, output_tokens: 100 }\n');
    assert.equal(step(mistral, 's').reasoning_tokens.max, 0, 'Mistral Small 4 does not reason unless asked');
    assert.ok(mistral.assumptions.some((a) => /does not reason unless asked/.test(a.message)));
  });

  it('caps visible and reasoning tokens together at the file\'s max_output_tokens', () => {
    // 2,000 reasoning tokens asked, a cap of 1,200: 1,200 billed, all of them reasoning
    const s = one('{ id: s, model: gpt-5.5, input_tokens: 1000, output_tokens: 500, max_output_tokens: 1200, reasoning: { tokens: 2000 } }');
    close(s.cost_usd?.p50, (1000 * 5 + 1200 * 30) / 1e6, 'cost');
    assert.deepEqual([s.output_tokens.p50, s.reasoning_tokens.p50], [1200, 1200]);
  });

  it('does not replay reasoning in an agent loop: each turn resends the visible output only', () => {
    // 3 turns, 1,000 in, 100 out, 50 tool tokens, 400 reasoning: inputs 1,000, 1,150, 1,300
    const s = one('{ id: s, model: gpt-5.5, input_tokens: 1000, output_tokens: 100, reasoning: { tokens: 400 }, agent: { turns: 3, tool_tokens: 50 } }');
    close(s.cost_usd?.p50, ((1000 + 1150 + 1300) * 5 + 3 * 500 * 30) / 1e6, 'cost');
    assert.equal(s.reasoning_tokens.p50, 1200);
  });

  it('reads reasoning settings from the formats that write them', () => {
    const cases: [string, string, RegExp][] = [
      ['promptfooconfig.yaml', 'prompts: [hi]\nproviders:\n  - id: openai:gpt-5.5\n    config: { reasoning_effort: low, max_completion_tokens: 900 }\n', /effort low/],
      ['promptfooconfig.yaml', 'prompts: [hi]\nproviders:\n  - id: anthropic:messages:claude-sonnet-4-5\n    config: { thinking: { type: enabled, budget_tokens: 4000 } }\n', /thinking budget of 4,000/],
      ['promptfooconfig.yaml', 'prompts: [hi]\nproviders:\n  - id: google:gemini-2.5-flash\n    config: { generationConfig: { thinkingConfig: { thinkingBudget: 0 } } }\n', /none|does not/],
    ];
    for (const [file, text, expected] of cases) {
      const reading = readWorkflow(file, text);
      assert.equal(reading.kind, 'workflow');
      const e = estimateWorkflow((reading as { workflow: Workflow }).workflow, { catalog: testCatalog() });
      const provider = e.steps.find((s) => !s.id.startsWith('grader'));
      assert.ok(provider?.reasoning, file);
      assert.match(`${provider.reasoning.effort} ${provider.reasoning.source}`, expected, text);
    }
    const cap = readWorkflow('promptfooconfig.yaml', cases[0][1]);
    assert.equal((cap as { workflow: Workflow }).workflow.steps[0].outputCap, 900);
  });
});

describe('prices as billed', () => {
  it('prices DeepSeek at its peak, its off-peak, or the day\'s hour-weighted mean of the two', () => {
    const at = (window: string) => one(`{ id: s, model: deepseek-chat, input_tokens: 1000000, output_tokens: 1000000${window} }`).cost_usd?.p50;
    close(at(', price_window: peak'), 0.27 + 1.10, 'peak');
    close(at(', price_window: off-peak'), 0.135 + 0.55, 'off-peak');
    // peak 00:30–16:30 UTC is 16 of 24 hours
    close(at(''), (16 * 1.37 + 8 * 0.685) / 24, 'the day\'s mean');
    const e = estimateText('steps:\n  - { id: s, model: deepseek-chat, input_tokens: 10, output_tokens: 10 }\n');
    assert.ok(e.assumptions.some((a) => /varies by the hour.*00:30–16:30 UTC.*price_window/.test(a.message)));
  });

  it('reads prices as of the day asked: an introductory price, then the full one', () => {
    const on = (date: string) => step(estimateWorkflow(readAgentflow('{ id: s, model: gemini-3.6-flash, input_tokens: 1000000, output_tokens: 1000000, reasoning: { tokens: 0 } }'), { catalog: bundledCatalog(date) }), 's');
    close(on('2026-12-01').cost_usd?.p50, 4.5, 'introductory price');
    close(on('2027-01-15').cost_usd?.p50, 9, 'from 2027-01-01');
    assert.equal(on('2027-01-15').priceAsOf, '2027-01-15');
    const e = estimateWorkflow(readAgentflow('{ id: s, model: gemini-3.6-flash, input_tokens: 10, output_tokens: 10 }'), { catalog: bundledCatalog('2026-12-01') });
    assert.ok(e.assumptions.some((a) => /price changes on 2027-01-01/.test(a.message)));
    assert.equal(e.settings.priceDate, '2026-12-01');
    assert.match(e.settings.priceData, /@pydantic\/genai-prices .*LiteLLM's price list of 2026-07-24/);
  });

  it('prices batch from the price data\'s batch rates, else from the provider\'s published discount', () => {
    const gpt41 = one('{ id: s, model: gpt-4.1, input_tokens: 1000000, output_tokens: 1000000, mode: batch }');
    close(gpt41.cost_usd?.p50, 1 + 4, 'gpt-4.1 in batch');
    assert.match(gpt41.priceSource, /batch prices: LiteLLM's price list of 2026-07-24, key "gpt-4\.1"/);
    const sonnet = one('{ id: s, model: claude-sonnet-4-5, input_tokens: 1000000, output_tokens: 1000000, mode: batch, reasoning: { tokens: 0 } }');
    close(sonnet.cost_usd?.p50, (3 + 15) / 2, 'claude-sonnet-4-5 at Anthropic\'s 50% discount');
    assert.match(sonnet.priceSource, /Anthropic's Message Batches discount, 50%/);
  });

  it('prices flex and priority service tiers, and one-hour cache writes', () => {
    const tier = (t: string) => one(`{ id: s, model: gpt-5.5, input_tokens: 1000000, output_tokens: 1000000, service_tier: ${t}, reasoning: { tokens: 0 } }`).cost_usd?.p50;
    close(tier('flex'), 2.5 + 15, 'flex');
    close(tier('priority'), 10 + 60, 'priority');
    // turn 1 of a cached loop writes its 100,000 tokens: $2.50 (5 minutes) or $4 (1 hour) per million on claude-sonnet-5
    const write = (ttl: string) => one(`{ id: s, model: claude-sonnet-5, input_tokens: 100000, output_tokens: 0, reasoning: { tokens: 0 }, agent: { turns: 1 }, cache: { hit_rate: 0.5${ttl} } }`).cost_usd?.p50;
    close(write(''), (100000 * 2.5) / 1e6, 'five-minute writes');
    close(write(', ttl: 1h'), (100000 * 4) / 1e6, 'one-hour writes');
  });

  it('prices a dated snapshot as itself, a free variant at $0, and names the host rule', () => {
    const snapshot = testCatalog().resolve('mistral-small-2402');
    assert.equal(snapshot?.id, 'mistral-small-2402');
    assert.deepEqual([snapshot?.price.input, snapshot?.price.output], [1, 3]);
    const free = one('{ id: s, model: openrouter/meta-llama/llama-3.3-70b-instruct:free, input_tokens: 1000, output_tokens: 1000 }');
    assert.equal(free.cost_usd?.p50, 0);
    assert.match(free.priceSource, /OpenRouter's free variant/);
    assert.ok(free.energy_wh && free.energy_wh.p50 > 0, 'a free call still uses energy');
    const hosted = testCatalog().resolve('qwen2.5-72b-instruct');
    assert.match(hosted?.price.source ?? '', /the median of the \d+ hosts that sell it/);
    assert.match(testCatalog().resolve('kimi-k2')?.price.source ?? '', /MoonshotAi's price/, "the maker's own API first");
  });

  it('prices a retired model as what a run costs from its retirement, dated', () => {
    const text = '{ id: s, model: claude-3-5-sonnet-20241022, input_tokens: 10, output_tokens: 10 }';
    const before = estimateWorkflow(readAgentflow(text), { catalog: bundledCatalog('2025-06-01') });
    assert.equal(before.steps[0].model, 'claude-3-5-sonnet');
    const after = estimateWorkflow(readAgentflow(text), { catalog: bundledCatalog(PRICE_DATE) });
    assert.equal(after.steps[0].model, 'claude-sonnet-4-6', 'Sonnet 3.5 → Sonnet 4 → claude-sonnet-4-6');
    assert.ok(after.errors.some((p) => p.code === 'retired-model' && /requests to it fail/.test(p.message)));
    const routed = estimateWorkflow(readAgentflow('{ id: s, model: gemini-2.5-flash, input_tokens: 10, output_tokens: 10 }'), { catalog: bundledCatalog('2026-12-02') });
    assert.equal(routed.steps[0].model, 'gemini-3.5-flash-lite');
    assert.ok(routed.errors.some((p) => /its requests go to gemini-3\.5-flash-lite and are billed at its rates/.test(p.message)));
    const bedrock = testCatalog().lookup('us.anthropic.claude-3-5-sonnet-20240620-v1:0');
    assert.equal(bedrock?.retired, undefined, 'a host keeps its own schedule');
  });
});

describe('speed and energy for the models files use', () => {
  it('times and sizes models outside the curated catalog from Artificial Analysis and EcoLogits', () => {
    for (const id of ['gpt-4.1-mini', 'gpt-4o-mini', 'gpt-4', 'gpt-4o', 'gpt-3.5-turbo', 'gpt-4.1']) {
      const m = testCatalog().resolve(id);
      assert.match(m?.speed.source ?? '', /Artificial Analysis/, `${id} speed`);
      assert.match(m?.params?.source ?? '', /EcoLogits/, `${id} size`);
    }
    // sizes a name states: 72B, not 5.72B from "2.5-72b"
    assert.deepEqual(sizeFromName('qwen2.5-72b-instruct')?.total, { min: 72, max: 72 });
    assert.deepEqual(sizeFromName('Qwen/Qwen3-235B-A22B')?.active, { min: 22, max: 22 });
    assert.deepEqual(sizeFromName('mixtral-8x7b-32768')?.total, { min: 56, max: 56 });
    assert.deepEqual(sizeFromName('llama-3.1-8b-instant')?.total, { min: 8, max: 8 });
    assert.equal(sizeFromName('gpt-4.1-mini'), null);
    const deepseek = testCatalog().resolve('deepseek-chat');
    assert.deepEqual(deepseek?.params?.active, { min: 37, max: 37 }, 'DeepSeek V3: 37B active');
    assert.equal(deepseek?.speed.outputTps, null, 'not measured: its speed is still said to be assumed');
  });
});

describe('CO2 on the provider\'s grid', () => {
  const flow = 'steps:\n  - { id: mistral, model: mistral-small-4, input_tokens: 1000, output_tokens: 500 }\n  - { id: openai, model: gpt-4.1, input_tokens: 1000, output_tokens: 500 }\n';
  const grid = (e: Estimate, id: string) => step(e, id).grid.gPerKwh;

  it('puts Mistral on a grid under 100 g/kWh and OpenAI on one over 300, by default', () => {
    const e = estimateText(flow);
    assert.ok(grid(e, 'mistral') < 100 && grid(e, 'openai') > 300, `${grid(e, 'mistral')} / ${grid(e, 'openai')}`);
    const co2 = (id: string) => ((step(e, id).energy_wh?.p50 as number) * grid(e, id)) / 1000;
    close(step(e, 'mistral').co2_g?.p50, co2('mistral'), 'Mistral');
    close(e.per_run?.co2_g?.p50, co2('mistral') + co2('openai'), 'the run: each step on its own grid');
    assert.equal(e.settings.region, 'provider');
    assert.ok(e.assumptions.some((a) => /EcoLogits 0\.9\.1 places mistral's data centres in Sweden/.test(a.message)));
  });

  it('applies one region to every model when asked: France\'s grid to both', () => {
    const e = estimateText(flow, { region: 'france' });
    assert.deepEqual([grid(e, 'mistral'), grid(e, 'openai')], [44.18, 44.18]);
    assert.equal(estimateText(flow, { region: 'eu' }).steps[0].grid.gPerKwh, 213.02, "Ember's EU-27 average for 2024");
  });

  it('states what energy counts', () => {
    assert.ok(estimateText(flow).assumptions.some((a) => /energy counts inference only: the GPUs, the rest of the server and the data centre's overhead \(PUE\)/.test(a.message)));
  });
});

describe('alternatives named for what they are', () => {
  it('calls an alternative smaller only where it has fewer active parameters', () => {
    const e = estimateText('runs_per_day: 10\nsteps:\n  - { id: s, model: gpt-5.5, input_tokens: 4000, output_tokens: 500, reasoning: { tokens: 0 } }\n');
    const catalog = testCatalog();
    for (const a of e.alternatives) {
      const [from, to] = [catalog.resolve(a.from)?.params?.active, catalog.resolve(a.to)?.params?.active];
      assert.equal(a.smaller, from !== undefined && to !== undefined && to.max < from.min, `${a.from} → ${a.to}`);
    }
  });
});

function readAgentflow(stepText: string): Workflow {
  const reading = readWorkflow('w.agentflow.yaml', `steps:\n  - ${stepText}\n`);
  assert.equal(reading.kind, 'workflow');
  return (reading as { workflow: Workflow }).workflow;
}
