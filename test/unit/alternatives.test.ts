// Small vs large (spec §6), the model comparison, and the editor's short texts.
import assert from 'node:assert/strict';
import { compareWithModel } from '../../src/core/estimate/compare';
import { MIN_SAVING } from '../../src/core/estimate/alternatives';
import { parseAgentflow } from '../../src/core/formats/agentflow';
import { comparisonReport } from '../../src/core/reports/comparison';
import { lensTitle, modelHover, stepHover, workflowHover } from '../../src/core/reports/explain';
import { seconds, usd, wh } from '../../src/core/reports/format';
import { close, estimateText, LOCAL_MODEL, PRICE_DATE, step, testCatalog } from './helpers';

const FLOW = `
runs_per_day: 100
steps:
  - { id: big, model: gpt-5.5, input_tokens: 4000, output_tokens: 500, reasoning: { tokens: 1000 } }
  - { id: small, after: [big], model: ministral-3b, input_tokens: 500, output_tokens: 50 }
`;

describe('small vs large (spec §6)', () => {
  const e = estimateText(FLOW);

  it('picks the cheapest model with at least 80% of the step\'s quality', () => {
    const alt = e.alternatives.find((a) => a.step === 'big');
    assert.ok(alt);
    const catalog = testCatalog();
    const quality = catalog.resolve('gpt-5.5')?.quality.intelligence as number;
    assert.ok((alt.quality_to as number) >= quality * 0.8);
    // no model within the margin is cheaper for this step
    const cost = (id: string) => step(estimateText(`steps:\n  - { id: big, model: ${id}, input_tokens: 4000, output_tokens: 500, reasoning: { tokens: 1000 } }\n`), 'big').cost_usd?.p50 as number;
    for (const m of catalog.models) {
      if (m.quality.intelligence !== null && m.quality.intelligence >= quality * 0.8 && m.price.input !== null) assert.ok(cost(m.id) >= cost(alt.to), `${m.id} is cheaper than ${alt.to}`);
    }
    close(alt.delta_cost_usd, cost(alt.to) - cost('gpt-5.5'), 'saving');
    close(alt.delta_cost_usd_per_day as number, 100 * alt.delta_cost_usd, 'per day');
  });

  it(`suggests nothing that saves less than ${MIN_SAVING * 100}%`, () => {
    for (const a of estimateText(FLOW).alternatives) {
      const own = step(e, a.step).cost_usd?.p50 as number;
      assert.ok(-a.delta_cost_usd >= own * MIN_SAVING, a.step);
    }
  });

  it('takes a model the file names in alternatives:, whatever its quality', () => {
    const named = estimateText(`${LOCAL_MODEL}\n  cheap: { price: { input: 0.01, output: 0.01 } }\nsteps:\n  - { id: s, model: m, input_tokens: 1000, output_tokens: 100, alternatives: [cheap] }\n`);
    assert.equal(named.alternatives[0]?.to, 'cheap');
  });

  it('compounds the switch over the workflow and a month', () => {
    const w = e.whatIf;
    assert.ok(w && w.cost_usd !== null && w.baseline_cost_usd !== null && w.saving_usd_per_month !== null);
    close(w.saving_usd_per_month, (w.baseline_cost_usd - w.cost_usd) * 100 * 30, 'per month');
  });
});

describe('model comparison', () => {
  it('switches the chosen steps and compares them step by step', () => {
    const w = parseAgentflow('c.agentflow.yaml', FLOW);
    const c = compareWithModel(w, 'ministral-8b', { catalog: testCatalog() }, ['big']);
    assert.ok(c);
    assert.deepEqual(c.steps.map((s) => [s.step, s.from, s.to]), [['big', 'gpt-5.5', 'ministral-8b']]);
    assert.ok((c.steps[0].cost_usd[1]?.p50 as number) < (c.steps[0].cost_usd[0]?.p50 as number));
    assert.deepEqual(c.steps[0].quality, [54.8, 9]);
    const report = comparisonReport(c);
    assert.match(report, /\| big \| gpt-5\.5 → ministral-8b \|.*\| 54\.8 → 9 \|/);
    assert.equal(compareWithModel(w, 'no-such-model', { catalog: testCatalog() }), null);
  });
});

describe('editor texts', () => {
  const e = estimateText(FLOW);
  it('CodeLens reads "$cost/run · p95 time · energy"', () => {
    assert.match(lensTitle(e.per_run!), /^\$\S+\/run · p95 \S+ s · \S+ Wh$/);
    const s = step(e, 'small');
    assert.equal(lensTitle(s), `${usd(s.cost_usd!.p50)}/run · p95 ${seconds(s.latency_s!.p95)} · ${wh(s.energy_wh!.p50)}`);
    const batch = estimateText(`${LOCAL_MODEL}\nsteps:\n  - { id: b, model: m, mode: batch, input_tokens: 1, output_tokens: 1 }\n`);
    assert.match(lensTitle(step(batch, 'b')), /· batch ·/);
  });
  it('hovers carry the figures, the share, the alternative and the price source', () => {
    const text = stepHover(e, step(e, 'big'));
    assert.match(text, /\*\*Step `big`\*\*/);
    assert.match(text, /\| Cost \| \$/);
    assert.match(text, /of the workflow's cost/);
    const alt = e.alternatives.find((a) => a.step === 'big');
    assert.match(text, alt?.smaller ? /\*\*Smaller model:\*\*/ : /\*\*Cheaper model:\*\*/);
    assert.match(text, new RegExp(`Prices: the price library @pydantic/genai-prices .*as of ${PRICE_DATE}`));
    assert.match(workflowHover(e), /per run \| per day \| per month/);
    const model = modelHover(testCatalog().resolve('mistral-small') as never);
    assert.match(model, /Mistral Small 4 \(26\.03\).*open weights/);
    assert.match(model, /119B total, 6\.5B active/);
  });
});
