// Ranges: the seeded Monte Carlo and its p50/p95.
import assert from 'node:assert/strict';
import { quantileInPlace, summarize } from '../../src/core/estimate/quantiles';
import { seededRandom } from '../../src/core/estimate/rng';
import { close, estimateText, LOCAL_MODEL, step, testCatalog } from './helpers';

const RANGED = `${LOCAL_MODEL}
steps:
  - id: r
    model: m
    input_tokens: [1000, 3000]
    output_tokens: [100, 300]
    agent: { turns: [2, 8], tool_tokens: 100 }
  - { id: s, after: [r], model: m, input_tokens: 500, output_tokens: [10, 50] }
`;

describe('Monte Carlo (spec §3)', () => {
  it('gives the same figures, byte for byte, on every run', () => {
    const a = JSON.stringify(estimateText(RANGED));
    const b = JSON.stringify(estimateText(RANGED));
    assert.equal(a, b);
  });

  it('depends on the seed, and only on the seed', () => {
    const one = estimateText(RANGED, { seed: 1 }).per_run?.cost_usd?.p50;
    const two = estimateText(RANGED, { seed: 2 }).per_run?.cost_usd?.p50;
    assert.notEqual(one, two);
    assert.equal(estimateText(RANGED, { seed: 2 }).per_run?.cost_usd?.p50, two);
  });

  it('keeps p50 ≤ p95 within [min, max], and the range ends within the exact bounds', () => {
    const e = estimateText(RANGED, { samples: 4000 });
    const r = step(e, 'r');
    for (const f of [r.cost_usd, r.latency_s, r.energy_wh, r.input_tokens, r.output_tokens]) {
      assert.ok(f && f.min <= f.p50 && f.p50 <= f.p95 && f.p95 <= f.max, JSON.stringify(f));
    }
    // extremes: input = T·C0 + (O+U)·T(T−1)/2 at the bounds of each range
    const low = 2 * 1000 + (200 * 2 * 1) / 2;
    const high = 8 * 3000 + (400 * 8 * 7) / 2;
    assert.ok(r.input_tokens.min >= low && r.input_tokens.max <= high);
    assert.ok(r.calls.min === 2 && r.calls.max === 8, 'turns are drawn as whole numbers over the full range');
  });

  it('estimates the median of a uniform range near its midpoint', () => {
    const e = estimateText(`${LOCAL_MODEL}\nsteps:\n  - { id: u, model: m, input_tokens: 0, output_tokens: [0, 1000] }\n`, { samples: 20000 });
    const out = step(e, 'u').output_tokens;
    assert.ok(Math.abs(out.p50 - 500) < 15, `p50 ${out.p50}`);
    assert.ok(Math.abs(out.p95 - 950) < 15, `p95 ${out.p95}`);
  });

  it('draws the whole workflow per sample, so the total p95 is at most the sum of step p95s', () => {
    const e = estimateText(RANGED, { samples: 3000 });
    const sum = e.steps.reduce((t, s) => t + (s.cost_usd?.p95 ?? 0), 0);
    assert.ok((e.per_run?.cost_usd?.p95 ?? Infinity) <= sum + 1e-12);
  });
});

describe('quantiles', () => {
  it('match a sorted reference (linear interpolation, numpy\'s default)', () => {
    const random = seededRandom(7);
    for (const [n, spread] of [[1, 50], [2, 50], [3, 50], [10, 50], [101, 50], [1000, 50], [1000, 1e6], [1000, 3]]) {
      const values = Float64Array.from({ length: n }, () => (spread === 1e6 ? random() ** 8 * spread : Math.floor(random() * spread)));
      const sorted = [...values].sort((x, y) => x - y);
      const ref = (q: number) => {
        const h = (n - 1) * q;
        const lo = Math.floor(h);
        return lo + 1 < n ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
      };
      close(quantileInPlace(values.slice(), 0.5), ref(0.5), `p50 n=${n}`);
      close(quantileInPlace(values.slice(), 0.95), ref(0.95), `p95 n=${n}`);
      const s = summarize(values.slice());
      close(s.p50, ref(0.5), `summary p50 n=${n}`);
      close(s.p95, ref(0.95), `summary p95 n=${n}`);
      assert.equal(s.min, sorted[0]);
      assert.equal(s.max, sorted[n - 1]);
    }
  });

  it('stay exact when one far value crowds the others into one bucket', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => (i === 500 ? 1e12 : ((i * 7919) % 1000) / 1000));
    const sorted = [...values].sort((x, y) => x - y);
    const s = summarize(values.slice());
    close(s.p50, sorted[499] + 0.5 * (sorted[500] - sorted[499]), 'p50');
    close(s.p95, sorted[949] + 0.05 * (sorted[950] - sorted[949]), 'p95');
    assert.equal(s.max, 1e12);
  });
});

describe('Monte Carlo fast paths', () => {
  // Steps affine in their tokens are computed from coefficients, steps on models of ranged size
  // from energy bases, the rest draw by draw: each must equal a direct evaluation of the draw.
  const { plan } = require('../../src/core/estimate/plan') as typeof import('../../src/core/estimate/plan');
  const { runMonteCarlo } = require('../../src/core/estimate/monteCarlo') as typeof import('../../src/core/estimate/monteCarlo');
  const { stepSummaries } = require('../../src/core/estimate/perRun') as typeof import('../../src/core/estimate/perRun');
  const { emptyDraw, energyDraw, evaluateStep, SLOTS } = require('../../src/core/estimate/stepMath') as typeof import('../../src/core/estimate/stepMath');
  const { parseAgentflow } = require('../../src/core/formats/agentflow') as typeof import('../../src/core/formats/agentflow');

  it('agree with a direct evaluation of every draw', () => {
    const w = parseAgentflow('fast.agentflow.yaml', `
steps:
  - { id: plain, model: mistral-small, input_tokens: [100, 5000], output_tokens: [10, 900], repeat: 7, concurrency: 3, retry_rate: 0.1 }
  - { id: loop, model: mistral-medium, input_tokens: [1000, 2000], output_tokens: 200, agent: { turns: 6, tool_tokens: [0, 800], tool_latency_s: [0.5, 2] }, cache: { hit_rate: 0.7 } }
  - { id: turns, model: devstral-2, input_tokens: 3000, output_tokens: [100, 300], agent: { turns: [2, 12], tool_tokens: 500 } }
  - { id: sized, model: gpt-5.5, input_tokens: [2000, 4000], output_tokens: [100, 500] }
  - { id: sized-loop, model: claude-sonnet-5, input_tokens: 9000, output_tokens: 300, agent: { turns: [3, 5], tool_tokens: 100 } }
  - { id: exact-sized, model: gpt-5.5, input_tokens: 1000, output_tokens: 100 }
`);
    const p = plan(w, { catalog: testCatalog() }, [], []);
    const n = p.steps.length;
    const mc = runMonteCarlo(p, new Float64Array(n * SLOTS), new Uint8Array(n * SLOTS).fill(1), new Uint8Array(n), 300, 5);
    const out = new Float64Array(SLOTS);
    p.steps.forEach((step, j) => {
      const k = mc.rangedIndex[j];
      assert.ok(k >= 0, `${step.spec.id} is ranged`);
      const s = step.spec;
      const a = s.agent;
      const ranges = [
        s.inputTokens, s.outputTokens, a ? a.turns : { min: 1, max: 1 }, a ? a.toolTokens : { min: 0, max: 0 }, a ? a.toolLatencyS : { min: 0, max: 0 },
        step.reasoning ? step.reasoning.tokens : { min: 0, max: 0 },
      ];
      for (let r = 0; r < 300; r += 37) {
        let v = 0;
        const x = ranges.map((range) => (range.max > range.min ? range.min + mc.draws.columns[k][v++][r] : range.min));
        const d = emptyDraw();
        [d.inputTokens, d.outputTokens, d.turns, d.toolTokens, d.toolLatencyS, d.reasoningTokens] = x;
        const m = mc.draws.modelOf[k];
        const e = m >= 0 ? mc.draws.modelEnergy[m] : null;
        if (e) [d.gpus, d.whPerOutputTokenPerGpu, d.whPerPrefillToken] = [e.gpus[r], e.perOutput[r], e.perInput[r]];
        else energyDraw(d, step.model.activeB.min, step.model.totalB.min);
        evaluateStep(s, step.model, d, out, 0);
        for (let slot = 0; slot < SLOTS; slot++) close(mc.columns.column(k, slot)[r], out[slot], `${s.id} draw ${r} slot ${slot}`);
      }
    });
    assert.ok(mc.columns.affine.filter(Boolean).length >= 2, 'the affine path was taken');
    // summaries without columns (a model's single size draw) equal those of the columns
    for (let k = 0; k < n; k++) {
      const summary = stepSummaries(mc, k);
      for (const slot of [2, 3, 4]) {
        const direct = summarize(mc.columns.column(k, slot).slice());
        for (const q of ['p50', 'p95', 'min', 'max'] as const) close(summary(slot)[q], direct[q], `step ${k} slot ${slot} ${q}`);
      }
    }
    // every step here is ranged: each draw's totals are the sums of the steps' figures
    // (the energy terms, slots 3 and 4, are reported per step only)
    assert.deepEqual([mc.totals[3].length, mc.totals[4].length], [0, 0]);
    for (let r = 0; r < 300; r += 29) {
      for (const slot of [0, 2, 5, 6, 7, 8]) {
        close(mc.totals[slot][r], p.steps.reduce((t, _, j) => t + mc.columns.column(mc.rangedIndex[j], slot)[r], 0), `total of slot ${slot}, draw ${r}`);
      }
    }
  });

  it('walk the critical path of every draw', () => {
    const w = parseAgentflow('path.agentflow.yaml', `
steps:
  - { id: a, model: mistral-small, input_tokens: 100, output_tokens: [10, 900] }
  - { id: b, model: mistral-small, input_tokens: 100, output_tokens: 400 }
  - { id: c, after: [a, b], model: ministral-8b, input_tokens: 100, output_tokens: [50, 60] }
  - { id: d, after: [b], model: ministral-8b, input_tokens: 100, output_tokens: 200 }
  - { id: e, after: [d], model: ministral-8b, input_tokens: 100, output_tokens: 10 }
`);
    const p = plan(w, { catalog: testCatalog() }, [], []);
    const n = p.steps.length;
    const mid = new Float64Array(n * SLOTS);
    const out = new Float64Array(SLOTS);
    p.steps.forEach((s, j) => {
      const d = emptyDraw();
      [d.inputTokens, d.outputTokens, d.turns, d.toolTokens, d.toolLatencyS] = [s.spec.inputTokens.min, s.spec.outputTokens.min, 1, 0, 0];
      d.reasoningTokens = s.reasoning ? s.reasoning.tokens.min : 0;
      energyDraw(d, s.model.activeB.min, s.model.totalB.min);
      evaluateStep(s.spec, s.model, d, out, 0);
      mid.set(out, j * SLOTS);
    });
    const mc = runMonteCarlo(p, mid, new Uint8Array(n * SLOTS).fill(1), new Uint8Array(n), 200, 3);
    const lat = (id: string, r: number) => {
      const j = p.steps.findIndex((s) => s.spec.id === id);
      const k = mc.rangedIndex[j];
      return k >= 0 ? mc.columns.column(k, 1)[r] : mid[j * SLOTS + 1];
    };
    for (let r = 0; r < 200; r += 17) {
      const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((id) => lat(id, r));
      close(mc.totals[1][r], Math.max(Math.max(a, b) + c, b + d + e), `draw ${r}`);
    }
  });
});
