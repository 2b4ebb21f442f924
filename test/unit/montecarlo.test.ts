// Ranges: the seeded Monte Carlo and its p50/p95.
import assert from 'node:assert/strict';
import { quantileInPlace, summarize } from '../../src/core/estimate/quantiles';
import { seededRandom } from '../../src/core/estimate/rng';
import { close, estimateText, LOCAL_MODEL, step } from './helpers';

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
    for (const n of [1, 2, 3, 10, 101, 1000]) {
      const values = Float64Array.from({ length: n }, () => Math.floor(random() * 50));
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
});
