// Totals that add up like bills (spec §3, Totals over many runs): a run's mean, exact where it
// can be; a day's and a month's totals of independent runs, whose spread keeps what every run
// shares and averages out what differs from run to run; branches counted by their share.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli';
import { estimateWorkflow } from '../../src/core/estimate/estimate';
import { plan } from '../../src/core/estimate/plan';
import { emptyDraw, energyDraw, evaluateStep, Slot, SLOTS } from '../../src/core/estimate/stepMath';
import { parseAgentflow } from '../../src/core/formats/agentflow';
import { readWorkflow } from '../../src/core/formats/workflowFile';
import { lensTitle } from '../../src/core/reports/explain';
import { tableReport } from '../../src/core/reports/table';
import type { Estimate, Figure, Workflow } from '../../src/core/types';
import { close, estimateText, LOCAL_MODEL, PRICE_DATE, step, testCatalog } from './helpers';

const Z95 = 1.6448536269514722;
const within = (actual: number | undefined, expected: number, share: number, message: string) => {
  assert.ok(typeof actual === 'number' && Math.abs(actual / expected - 1) <= share, `${message}: ${actual} vs ${expected} (±${share * 100}%)`);
};
const cost = (f: { cost_usd: Figure | null } | null): Figure => {
  assert.ok(f?.cost_usd, 'a cost');
  return f.cost_usd;
};

/** Every whole value of each range, with the step's figures at each: the exact mean and variance of a slot. */
function enumerated(w: Workflow, id: string, slot: number, values: number[][]): { mean: number; variance: number } {
  const p = plan(w, { catalog: testCatalog() }, [], []);
  const j = p.steps.findIndex((s) => s.spec.id === id);
  const { spec, model } = p.steps[j];
  const out = new Float64Array(SLOTS);
  const d = emptyDraw();
  energyDraw(d, model.activeB.min, model.totalB.min);
  let sum = 0;
  let square = 0;
  let count = 0;
  const visit = (at: number, chosen: number[]) => {
    if (at === values.length) {
      [d.inputTokens, d.outputTokens, d.turns, d.toolTokens] = chosen;
      d.toolLatencyS = 0;
      d.reasoningTokens = 0;
      evaluateStep(spec, model, d, out, 0);
      sum += out[slot];
      square += out[slot] * out[slot];
      count++;
      return;
    }
    for (const v of values[at]) visit(at + 1, [...chosen, v]);
  };
  visit(0, []);
  const mean = sum / count;
  return { mean, variance: square / count - mean * mean };
}

const span = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('totals over many runs (spec §3)', () => {
  it('holds the spec\'s hand-worked check: a step in a quarter of runs, $0.004 when it runs, 1,000 runs a day', () => {
    const e = estimateText(`runs_per_day: 1000
models:
  m: { price: { input: 0, output: 4000 }, speed: { ttft_s: 0.5, output_tps: 50 }, params_b: { total: 8, active: 8 } }
steps:
  - { id: escalate, model: m, input_tokens: 0, output_tokens: 1, runs_share: 0.25 }
`);
    const run = cost(e.per_run);
    assert.equal(run.p50, 0, 'most runs do not escalate');
    close(run.p95, 0.004, 'per-run p95');
    close(run.mean, 0.001, 'per-run mean');
    const s = 0.004 * Math.sqrt(0.25 * 0.75);
    close(cost(e.per_day).mean, 1, 'per-day mean');
    within(cost(e.per_day).p95, 1.09, 0.005, 'per-day p95');
    close(cost(e.per_day).p95, 1 + Z95 * Math.sqrt(1000) * s, 'per-day p95, to the formula');
    close(cost(e.per_month).mean, 30, 'per-month mean');
    within(cost(e.per_month).p95, 30.49, 0.005, 'per-month p95');
    const escalate = step(e, 'escalate');
    assert.equal(escalate.runsShare, 0.25);
    close(escalate.cost_usd?.mean, 0.004, 'the step when it runs');
    close(escalate.meanPerRun.cost_usd, 0.001, 'its mean per run');
    assert.match(tableReport([e]), /runs in 25% of runs \(runs_share\)/);
    assert.match(lensTitle(escalate), /^\$0\.001\/run \(in 25% of runs, \$0\.004 each\) · /, 'the CodeLens: its mean per run first');
  });

  it('gives a loop of 8 to 30 turns its exact mean cost, and a month of 150 runs a day close to its mean', () => {
    const text = `runs_per_day: 150
${LOCAL_MODEL}
steps:
  - { id: loop, model: m, input_tokens: 1000, output_tokens: 200, agent: { turns: [8, 30], tool_tokens: 300 } }
`;
    const e = estimateText(text);
    // turn t sends 1000 + (t−1)·500 tokens; each turn writes 200: priced at $2 and $10 per million
    const costOf = (t: number) => (2 * (t * 1000 + (500 * t * (t - 1)) / 2) + 10 * 200 * t) / 1e6;
    const turns = span(8, 30);
    const mean = turns.reduce((a, t) => a + costOf(t), 0) / turns.length;
    const variance = turns.reduce((a, t) => a + costOf(t) ** 2, 0) / turns.length - mean * mean;
    close(cost(e.per_run).mean, mean, 'the exact expectation over the turn counts');
    assert.ok(cost(e.per_run).mean > costOf(19), 'above the cost at the median turn count');
    const month = cost(e.per_month);
    const runs = 150 * 30;
    close(month.mean, runs * mean, 'a month is 4,500 runs');
    assert.ok(month.p95 / month.mean - 1 <= 0.02, `month p95 within 2% of its mean: ${month.p95} vs ${month.mean}`);
    // (b): with nothing shared, the month's p95 sits 1.645 run-to-run deviations of the sum above its mean
    within(month.p95 / month.mean - 1, (Z95 * Math.sqrt(variance)) / (mean * Math.sqrt(runs)), 0.01, 'p95 / mean − 1');
  });

  it('computes a run\'s mean and spread exactly over ranged tokens, turns and tool tokens', () => {
    const text = `runs_per_day: 500
${LOCAL_MODEL}
steps:
  - id: loop
    model: m
    input_tokens: [100, 103]
    output_tokens: [10, 12]
    agent: { turns: [2, 4], tool_tokens: [0, 2] }
    cache: { hit_rate: 0.5 }
`;
    const w = parseAgentflow('exact.agentflow.yaml', text);
    const e = estimateWorkflow(w, { catalog: testCatalog() });
    const values = [span(100, 103), span(10, 12), span(2, 4), span(0, 2)];
    for (const [slot, figure] of [[Slot.Cost, e.per_run?.cost_usd], [Slot.Energy, e.per_run?.energy_wh], [Slot.InputTokens, e.per_run?.input_tokens]] as const) {
      const exact = enumerated(w, 'loop', slot, values);
      close(figure?.mean, exact.mean, `mean of slot ${slot}`);
      const day = slot === Slot.Cost ? e.per_day?.cost_usd : slot === Slot.Energy ? e.per_day?.energy_wh : e.per_day?.input_tokens;
      close(day?.p95, 500 * exact.mean + Z95 * Math.sqrt(500 * exact.variance), `a day's p95 of slot ${slot}`);
    }
  });

  it('keeps the whole spread of a model size known only as a range: a month\'s energy p95 is 30·N runs at p95', () => {
    const e = estimateText(`runs_per_day: 200
models:
  m: { price: { input: 1, output: 2 }, speed: { ttft_s: 0.5, output_tps: 50 }, params_b: { total: [20, 120], active: [20, 120] } }
steps:
  - { id: ask, model: m, input_tokens: 2000, output_tokens: 300 }
`);
    const run = e.per_run?.energy_wh;
    const month = e.per_month?.energy_wh;
    assert.ok(run && month && run.p95 > run.mean * 1.1, 'the size range spreads the energy');
    within(month.p95, 200 * 30 * run.p95, 0.01, 'month p95');
    close(month.mean, 200 * 30 * run.mean, 'month mean');
    close(cost(e.per_month).p95, cost(e.per_month).mean, 'the cost does not depend on the size: no spread');
  });

  it('keeps a month\'s p95 within 1% between seeds, on every example', () => {
    const examples = path.resolve(__dirname, '../../../examples');
    let compared = 0;
    for (const name of fs.readdirSync(examples).filter((f) => f.endsWith('.agentflow.yaml'))) {
      const w = parseAgentflow(name, fs.readFileSync(path.join(examples, name), 'utf8'));
      const months = [1, 2, 3, 4].map((seed) => estimateWorkflow(w, { catalog: testCatalog(), seed, runsPerDay: 1000 }).per_month);
      for (const key of ['cost_usd', 'energy_wh'] as const) {
        const p95s = months.map((m) => m?.[key]?.p95).filter((v): v is number => typeof v === 'number');
        if (p95s.length === 0) continue; // a figure the example does not know (an OCR model's energy)
        compared++;
        const spread = Math.max(...p95s) / Math.min(...p95s) - 1;
        assert.ok(spread < 0.01, `${name} ${key}: month p95 ${p95s.join(', ')} (${(spread * 100).toFixed(2)}% apart)`);
      }
    }
    assert.ok(compared >= 8, `${compared} figures compared`);
  });

  it('sums a day of a few runs run by run: one run a day is one run', () => {
    const e = estimateText(`runs_per_day: 1\n${LOCAL_MODEL}\nsteps:\n  - { id: u, model: m, input_tokens: [100, 900], output_tokens: [10, 500] }\n`);
    for (const q of ['mean', 'p50', 'p95', 'min', 'max'] as const) close(cost(e.per_day)[q], cost(e.per_run)[q], q);
  });

  it('takes each of a question classifier\'s classes in exactly a third of the draws, and counts each branch by its share', () => {
    const llm = (id: string, title: string) => ({ id, data: { type: 'llm', title, model: { provider: 'openai', name: 'gpt-4.1-mini', completion_params: { max_tokens: 100 } }, prompt_template: [{ role: 'user', text: 'Reply' }] } });
    const app = {
      app: { name: 'Triage', mode: 'workflow' },
      workflow: {
        graph: {
          nodes: [
            { id: 'start', data: { type: 'start', title: 'Start' } },
            { id: 'route', data: { type: 'question-classifier', title: 'Route', classes: [{ id: 'a', name: 'billing' }, { id: 'b', name: 'bug' }, { id: 'c', name: 'other' }], model: { provider: 'openai', name: 'gpt-4.1-nano' } } },
            llm('x', 'Billing reply'), llm('y', 'Bug reply'), llm('z', 'Other reply'),
          ],
          edges: [
            { source: 'start', target: 'route', sourceHandle: 'source' },
            { source: 'route', target: 'x', sourceHandle: 'a' },
            { source: 'route', target: 'y', sourceHandle: 'b' },
            { source: 'route', target: 'z', sourceHandle: 'c' },
          ],
        },
      },
    };
    const r = readWorkflow('triage.yml', JSON.stringify(app));
    assert.equal(r.kind, 'workflow');
    const e: Estimate = estimateWorkflow((r as { workflow: Workflow }).workflow, { catalog: testCatalog(), samples: 999 });
    for (const id of ['Billing reply', 'Bug reply', 'Other reply']) {
      const s = step(e, id);
      close(s.runsShare, 1 / 3, `${id} runs in a third of runs`);
      assert.deepEqual(s.branches, [{ group: 'Route', taken: 1, of: 3, share: s.runsShare }]);
    }
    close(step(e, 'Route').runsShare, 1, 'the classifier runs in every run');
    close(e.per_run?.calls.mean, 2, 'the classifier and one reply');
    assert.equal(e.per_run?.calls.p50, 2);
    close(cost(e.per_run).mean, e.steps.reduce((t, s) => t + (s.meanPerRun.cost_usd as number), 0), 'the mean is the sum of the steps\' means per run');
    assert.ok(cost(e.per_run).mean > 0);
  });

  it('reads n8n If and Switch nodes as branches', () => {
    const chat = (name: string) => ({ name, type: '@n8n/n8n-nodes-langchain.chainLlm', parameters: { text: 'Reply to {{ $json.message }}' } });
    const model = (name: string) => ({ name, type: '@n8n/n8n-nodes-langchain.lmChatOpenAi', parameters: { model: 'gpt-4.1-mini' } });
    const nodes = [
      { name: 'Trigger', type: 'n8n-nodes-base.manualTrigger' }, { name: 'Urgent?', type: 'n8n-nodes-base.if' },
      chat('Urgent reply'), chat('Calm reply'), model('Model A'), model('Model B'),
      { name: 'Language', type: 'n8n-nodes-base.switch', parameters: { rules: { values: [{}, {}, {}] } } }, chat('French'), chat('German'), model('Model C'), model('Model D'),
    ];
    const link = (node: string) => ({ node, type: 'main', index: 0 });
    const ai = (node: string) => ({ ai_languageModel: [[{ node, type: 'ai_languageModel', index: 0 }]] });
    const connections = {
      Trigger: { main: [[link('Urgent?')]] },
      'Urgent?': { main: [[link('Urgent reply')], [link('Calm reply')]] },
      'Calm reply': { main: [[link('Language')]] },
      Language: { main: [[link('French')], [link('German')]] },
      'Model A': ai('Urgent reply'), 'Model B': ai('Calm reply'), 'Model C': ai('French'), 'Model D': ai('German'),
    };
    const r = readWorkflow('triage.json', JSON.stringify({ name: 'Triage', nodes: nodes.map((n, i) => ({ id: String(i), typeVersion: 1, position: [0, 0], parameters: {}, ...n })), connections }));
    assert.equal(r.kind, 'workflow', r.kind === 'not-workflow' ? r.reason : '');
    const e = estimateWorkflow((r as { workflow: Workflow }).workflow, { catalog: testCatalog() });
    close(step(e, 'Urgent reply').runsShare, 0.5, 'the true output');
    close(step(e, 'Calm reply').runsShare, 0.5, 'the false output');
    // the Switch has three rules, two of them linked: French in a third of the calm half
    close(step(e, 'French').runsShare, 1 / 6, 'a third of the false output');
    assert.deepEqual(step(e, 'French').branches.map((b) => [b.group, b.taken, b.of]), [['Urgent?', 1, 2], ['Language', 1, 3]]);
    close(e.per_run?.calls.mean, 0.5 + 0.5 + 1 / 6 + 1 / 6, 'each reply by its share');
  });
});

describe('what every run shares, and what differs from run to run', () => {
  const PROMPTFOO = `prompts:\n  - 'Answer: {{q}}'\nproviders:\n  - openai:gpt-4.1-mini\ntests:\n  - vars: { q: Where is my order? }\n`;
  const read = (sidecar: string) => {
    const r = readWorkflow('promptfooconfig.yaml', PROMPTFOO, { read: (name) => (name === 'promptfooconfig.agentcost.yaml' ? { file: `w/${name}`, text: sidecar } : { error: 'no such file' }) });
    assert.equal(r.kind, 'workflow');
    return (r as { workflow: Workflow }).workflow;
  };

  it('takes an assumed default as one unknown for every run, and a range the sidecar states as differing from run to run', () => {
    const assumed = plan(read('runs_per_day: 100\n'), { catalog: testCatalog() }, [], []);
    assert.deepEqual(assumed.steps[0].shared, ['output_tokens'], 'the output_tokens assumption');
    const stated = read('runs_per_day: 100\nsteps:\n  openai:gpt-4.1-mini: { output_tokens: [200, 800] }\n');
    assert.deepEqual(plan(stated, { catalog: testCatalog() }, [], []).steps[0].shared, [], 'the sidecar states the range');
    // the same range: shared, a month keeps its spread; stated, it averages out
    const month = (w: Workflow) => cost(estimateWorkflow(w, { catalog: testCatalog() }).per_month);
    const keep = month(read('runs_per_day: 100\n'));
    const average = month(stated);
    close(keep.mean, average.mean, 'the same mean');
    assert.ok(keep.p95 / keep.mean > 1.2, `an assumed default keeps its spread: ${keep.p95} vs ${keep.mean}`);
    assert.ok(average.p95 / average.mean < 1.03, `a stated range averages out: ${average.p95} vs ${average.mean}`);
  });

  it('lets a sidecar say how often a step runs', () => {
    const e = estimateWorkflow(read('runs_per_day: 100\nsteps:\n  openai:gpt-4.1-mini: { runs_share: 0.2 }\n'), { catalog: testCatalog() });
    const s = e.steps[0];
    assert.equal(s.runsShare, 0.2);
    close(cost(e.per_run).mean, 0.2 * (s.cost_usd?.mean as number), 'a fifth of the runs');
  });
});

describe('budgets of a workflow that cannot be fully estimated', () => {
  const BROKEN = `name: Broken
runs_per_day: 100
budget:
  usd_per_run: 0.01
  usd_per_month: 100
  p95_latency_s: 60
models:
  m: { price: { input: 1, output: 2 }, speed: { ttft_s: 0.5, output_tps: 50 } }
steps:
  - { id: fine, model: m, input_tokens: 100, output_tokens: 10 }
  - id: broken
    input_tokens: .inf
    model: m
    output_tokens: 10
`;

  it('says "not checked", with the reason, for every budget, and fails --fail-on-budget', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-cost-budget-'));
    const file = path.join(dir, 'broken.agentflow.yaml');
    fs.writeFileSync(file, BROKEN);
    assert.equal(BROKEN.split('\n')[11].trim(), 'input_tokens: .inf', 'the error is at line 12');
    let out = '';
    const code = run(['estimate', file, '--fail-on-budget', '--price-date', PRICE_DATE], (s) => { out += s; }, () => undefined);
    assert.notEqual(code, 0);
    const budgets = out.split('\n').filter((l) => /budget \w+ ≤/.test(l));
    assert.equal(budgets.length, 3, out);
    for (const line of budgets) assert.match(line, /not checked \(the workflow has an error \(line 12\)/);
    assert.doesNotMatch(out, /holds/);
    let json = '';
    run(['estimate', file, '--format', 'json', '--price-date', PRICE_DATE], (s) => { json += s; }, () => undefined);
    const w = JSON.parse(json).workflows[0];
    for (const b of w.budget) {
      assert.equal(b.holds, null);
      assert.match(b.not_checked, /error \(line 12\)/);
    }
    assert.ok(w.errors.some((p: { code: string; line: number }) => p.code === 'budget-unchecked' && p.line === 4), 'a diagnostic at the budget');
  });
});
