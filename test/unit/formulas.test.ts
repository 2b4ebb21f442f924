// Every formula of the estimation model (docs/estimation-model.md) against numbers worked by hand.
import assert from 'node:assert/strict';
import { close, estimateText, LOCAL_MODEL, step } from './helpers';

// Energy constants of the spec, §5, written out again here on purpose.
const fE = (p: number) => 1.1665e-6 * Math.exp(-1.1206e-2 * 64) * p + 4.0529e-5;
const server = (latency: number, gpus: number) => ((latency / 3600) * 1200 * (gpus / 8)) / 64;
const perInput = (p: number) => (2 * p * 1e9) / ((0.4 * 989e12) / 700) / 3600;

describe('one call (spec §2)', () => {
  const e = estimateText(`${LOCAL_MODEL}
steps:
  - id: a
    model: m
    input_tokens: 1000
    output_tokens: 200
`);
  const a = step(e, 'a');

  it('costs (i·P_in + o·P_out) / 1e6', () => {
    close(a.cost_usd?.p50, (1000 * 2 + 200 * 10) / 1e6, 'cost');
  });
  it('takes ttft + o / output_tps', () => {
    close(a.latency_s?.p50, 0.5 + 200 / 50, 'latency');
  });
  it('uses the EcoLogits fit plus the labelled prefill term for energy', () => {
    const request = 1.2 * (1 * 200 * fE(8) + server(4.5, 1));
    const prefill = 1.2 * 1000 * perInput(8);
    close(a.energy_wh?.p50, request + prefill, 'energy');
    close(a.energyTerms?.request_wh, request, 'request term');
    close(a.energyTerms?.prefill_wh, prefill, 'prefill term');
  });
  it('turns energy into CO2 at the region grid intensity', () => {
    const wh = a.energy_wh?.p50 as number;
    // a model of your own has no provider's data centres to place: the world average, unless a region is set
    close(a.co2_g?.p50, (wh * 473.01) / 1000, 'world');
    const eu = step(estimateText(`${LOCAL_MODEL}\nsteps:\n  - { id: a, model: m, input_tokens: 1000, output_tokens: 200 }\n`, { region: 'eu' }), 'a');
    close(eu.co2_g?.p50, (wh * 213.02) / 1000, 'eu (Ember, 2024)');
    const fr = step(estimateText(`${LOCAL_MODEL}\nsteps:\n  - { id: a, model: m, input_tokens: 1000, output_tokens: 200 }\n`, { region: 'france' }), 'a');
    close(fr.co2_g?.p50, (wh * 44.18) / 1000, 'france');
  });
  it('gives p50 = p95 when nothing is a range', () => {
    assert.equal(a.cost_usd?.p50, a.cost_usd?.p95);
    assert.equal(e.settings.samples, 1);
  });
});

describe('repeat, concurrency and retries (spec §3)', () => {
  const e = estimateText(`${LOCAL_MODEL}
steps:
  - id: v
    model: m
    repeat: 20
    concurrency: 5
    retry_rate: 0.05
    input_tokens: 900
    output_tokens: 100
`);
  const v = step(e, 'v');
  const call = (900 * 2 + 100 * 10) / 1e6;
  const callLatency = 0.5 + 100 / 50;

  it('multiplies calls, tokens and cost by n·(1 + r)', () => {
    close(v.calls.p50, 20 * 1.05, 'calls');
    close(v.input_tokens.p50, 900 * 20 * 1.05, 'input tokens');
    close(v.cost_usd?.p50, 20 * 1.05 * call, 'cost');
  });
  it('takes ceil(n / k) calls of wall time, plus r calls for the retries', () => {
    close(v.latency_s?.p50, Math.ceil(20 / 5) * callLatency + 0.05 * callLatency, 'latency');
  });
  it('multiplies energy by n·(1 + r) as well', () => {
    const one = 1.2 * (200 * 0 + 100 * fE(8) + server(callLatency, 1)) + 1.2 * 900 * perInput(8);
    close(v.energy_wh?.p50, 21 * one, 'energy');
  });
});

describe('agent loops (spec §3)', () => {
  const loop = (turns: number, history = 'replay', cache = '') => estimateText(`${LOCAL_MODEL}
steps:
  - id: r
    model: m
    input_tokens: 2000
    output_tokens: 300
    agent: { turns: ${turns}, tool_tokens: 400, tool_latency_s: 1.5, history: ${history} }
    ${cache}
`);

  it('replays the history: input = T·C0 + (O+U)·T(T−1)/2, growing with the square of the turns', () => {
    for (const t of [1, 2, 5, 10, 40]) {
      const r = step(loop(t), 'r');
      close(r.input_tokens.p50, t * 2000 + (700 * t * (t - 1)) / 2, `T=${t}`);
      close(r.output_tokens.p50, t * 300, `output T=${t}`);
      close(r.calls.p50, t, `calls T=${t}`);
    }
    const ten = step(loop(10), 'r').input_tokens.p50;
    const twenty = step(loop(20), 'r').input_tokens.p50;
    assert.ok(twenty / ten > 3, `doubling the turns more than triples the input (${ten} → ${twenty})`);
  });
  it('costs the loop turn by turn and takes T·(ttft + O/tps) + T·tool_latency', () => {
    const r = step(loop(5), 'r');
    close(r.cost_usd?.p50, ((5 * 2000 + 700 * 10) * 2 + 1500 * 10) / 1e6, 'cost');
    close(r.latency_s?.p50, 5 * (0.5 + 300 / 50) + 5 * 1.5, 'latency');
  });
  it('keeps the context at C0 + O + U from turn 2 with history: summary', () => {
    close(step(loop(5, 'summary'), 'r').input_tokens.p50, 2000 + 4 * 2700, 'summary');
  });
  it('keeps the context at C0 with history: none', () => {
    close(step(loop(5, 'none'), 'r').input_tokens.p50, 5 * 2000, 'none');
  });

  it('splits the cache turn by turn: turn 1 writes C0, later turns read h·R_t and write O+U', () => {
    // C0 = 1000, O + U = 100, h = 0.8, four turns:
    //   turn 1: write 1000
    //   turn 2: R = 1000 → read 800, miss 200, write 100
    //   turn 3: R = 1100 → read 880, miss 220, write 100
    //   turn 4: R = 1200 → read 960, miss 240, write 100
    const e = estimateText(`${LOCAL_MODEL}
steps:
  - id: c
    model: m
    input_tokens: 1000
    output_tokens: 60
    agent: { turns: 4, tool_tokens: 40 }
    cache: { hit_rate: 0.8 }
`);
    const c = step(e, 'c');
    const [written, read, missed, out] = [1300, 2640, 660, 240];
    close(c.cost_usd?.p50, (missed * 2 + read * 0.2 + written * 2.5 + out * 10) / 1e6, 'cost');
    close(c.input_tokens.p50, written + read + missed, 'input tokens');
    close(c.energyTerms?.prefill_wh, 1.2 * (missed + written + read / 10) * perInput(8), 'prefill energy counts cached tokens at a tenth');
  });
  it('reads the share h of each call from the cache on a plain step', () => {
    const e = estimateText(`${LOCAL_MODEL}
steps:
  - { id: p, model: m, input_tokens: 1000, output_tokens: 100, cache: { hit_rate: 0.25 } }
`);
    close(step(e, 'p').cost_usd?.p50, (750 * 2 + 250 * 0.2 + 100 * 10) / 1e6, 'cost');
  });
  it('bills cached tokens at the input price when the model has no cache price', () => {
    const e = estimateText(`
models:
  plain: { price: { input: 2, output: 10 }, speed: { ttft_s: 0.5, output_tps: 50 } }
steps:
  - { id: p, model: plain, input_tokens: 1000, output_tokens: 60, agent: { turns: 4, tool_tokens: 40 }, cache: { hit_rate: 0.8 } }
`);
    close(step(e, 'p').cost_usd?.p50, ((1300 + 2640 + 660) * 2 + 240 * 10) / 1e6, 'cost');
  });
});

describe('the critical path (spec §3)', () => {
  // a (2.5 s) → b (0.5 + 50/50 = 1.5 s) and a → c (0.5 + 250/50 = 5.5 s); b, c → d (0.5 + 25/50 = 1 s)
  const e = estimateText(`${LOCAL_MODEL}
steps:
  - { id: d, after: [b, c], model: m, input_tokens: 10, output_tokens: 25 }
  - { id: a, model: m, input_tokens: 10, output_tokens: 100 }
  - { id: b, after: [a], model: m, input_tokens: 10, output_tokens: 50 }
  - { id: c, after: [a], model: m, input_tokens: 10, output_tokens: 250 }
`);
  it('takes the longest branch where branches join', () => {
    close(e.per_run?.latency_s?.p50, 2.5 + 5.5 + 1, 'latency');
    assert.deepEqual(e.criticalPath, ['a', 'c', 'd']);
    assert.equal(step(e, 'b').onCriticalPath, false);
    assert.equal(step(e, 'c').onCriticalPath, true);
  });
  it('sums cost, tokens and calls over every step', () => {
    close(e.per_run?.cost_usd?.p50, (40 * 2 + 425 * 10) / 1e6, 'cost');
    close(e.per_run?.calls.p50, 4, 'calls');
  });
  it('starts steps without `after` at time zero, in parallel', () => {
    const par = estimateText(`${LOCAL_MODEL}
steps:
  - { id: x, model: m, input_tokens: 10, output_tokens: 100 }
  - { id: y, model: m, input_tokens: 10, output_tokens: 200 }
`);
    close(par.per_run?.latency_s?.p50, 4.5, 'latency');
  });
});

describe('batch mode (spec §1)', () => {
  const e = estimateText(`${LOCAL_MODEL}
steps:
  - { id: live, model: m, input_tokens: 1000, output_tokens: 100 }
  - { id: nightly, after: [live], model: m, mode: batch, repeat: 10, input_tokens: 1000, output_tokens: 100 }
`);
  it('prices the step with the model\'s batch prices', () => {
    close(step(e, 'nightly').cost_usd?.p50, (10 * (1000 * 1 + 100 * 5)) / 1e6, 'batch cost');
  });
  it('reports its latency as asynchronous and keeps it off the critical path', () => {
    assert.equal(step(e, 'nightly').latency_s, null);
    assert.equal(step(e, 'nightly').batch, true);
    close(e.per_run?.latency_s?.p50, 0.5 + 2, 'only the live step counts');
  });
  it('uses the catalog batch discount for Mistral models', () => {
    const m = estimateText(`steps:\n  - { id: s, model: mistral-small, mode: batch, input_tokens: 1000000, output_tokens: 0 }\n`);
    close(step(m, 's').cost_usd?.p50, 0.075, 'half of $0.15 per million input tokens');
  });
});

describe('figures per day and per month (spec §3)', () => {
  const e = estimateText(`${LOCAL_MODEL}
runs_per_day: 2000
steps:
  - { id: a, model: m, input_tokens: 1000, output_tokens: 200 }
`);
  it('multiplies per-run figures by runs_per_day, and by 30 for a month', () => {
    close(e.per_day?.cost_usd?.p50, 0.004 * 2000, 'per day');
    close(e.per_month?.cost_usd?.p50, 0.004 * 2000 * 30, 'per month');
    close(e.per_month?.calls.p50, 60000, 'calls per month');
  });
  it('has no per-day figures without runs_per_day', () => {
    const none = estimateText(`${LOCAL_MODEL}\nsteps:\n  - { id: a, model: m, input_tokens: 1, output_tokens: 1 }\n`);
    assert.equal(none.per_day, null);
    assert.equal(none.per_month, null);
  });
});
