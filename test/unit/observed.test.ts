// Observed usage: promptfoo results, OTLP/JSON traces (GenAI and OpenInference attributes) and
// plain files of calls read, matched to a workflow's steps and set beside its estimate;
// `calibrate` writing the sidecar that makes the estimate follow them; broken files refused.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { run } from '../../src/cli';
import { readObservations, type Observations } from '../../src/core/observed/readers';
import { rangeAround } from '../../src/core/observed/calibrate';
import { pinToday } from '../../src/core/dates';
import { PRICE_DATE, close } from './helpers';
import { otlpRequest, promptfooResults, type SpanSpec } from './observedFiles';

function cli(...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run([...args, '--price-date', PRICE_DATE], (s) => { out += s; }, (s) => { err += s; });
  return { code, out, err };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'agent-cost-observed-'));
/** Within 2%: a Monte Carlo median of a range centred on a value. */
const near = (actual: number, expected: number, message: string) => assert.ok(Math.abs(actual / expected - 1) <= 0.02, `${message}: ${actual} vs ${expected}`);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

function read(file: string): Observations {
  const r = readObservations(file);
  assert.ok(!('error' in r), 'error' in r ? r.error : '');
  return r as Observations;
}

const PROMPTFOO = `description: Support reply eval
prompts:
  - 'Reply to this customer, briefly and kindly: {{message}}'
providers:
  - id: openai:gpt-4.1-mini
    label: small
tests:
  - vars: { message: My parcel says delivered but it is not here. }
  - vars: { message: Do you ship to Norway? }
  - vars: { message: My discount code does not work. }
`;

describe('observed usage: promptfoo results', () => {
  it('matches a results file of three calls to its provider, with cost and tokens per run equal to the file\'s', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'promptfooconfig.yaml'), PROMPTFOO);
    const results = [
      { input: 212, output: 48, cost: 0.0001616, latencyMs: 830 },
      { input: 198, output: 61, cost: 0.0001768, latencyMs: 910 },
      { input: 205, output: 39, cost: 0.0001444, latencyMs: 702 },
    ].map((r) => ({ ...r, provider: { id: 'openai:gpt-4.1-mini', label: 'small' }, prompt: 'Reply to this customer, briefly and kindly: {{message}}' }));
    fs.writeFileSync(path.join(dir, 'results.json'), promptfooResults(results));

    const r = cli('estimate', path.join(dir, 'promptfooconfig.yaml'), '--observed', path.join(dir, 'results.json'), '--format', 'json');
    assert.equal(r.code, 0, r.err);
    const w = JSON.parse(r.out).workflows[0];
    const step = w.steps.find((s: { id: string }) => s.id === 'small');
    assert.ok(step.observed, 'the provider step has observed figures');
    for (const o of [w.observed, step.observed]) {
      assert.equal(o.runs, 1, 'one results file is one eval: one run');
      close(o.calls.p50, 3, 'calls');
      close(o.cost_usd.mean, 0.0001616 + 0.0001768 + 0.0001444, 'cost per run, as recorded');
      close(o.input_tokens.mean, 212 + 198 + 205, 'input tokens per run');
      close(o.output_tokens.mean, 48 + 61 + 39, 'output tokens per run');
    }
    assert.deepEqual(w.observed.unmatched, []);
    assert.match(w.observed.cost_from, /the costs the files record/);
    // beside the estimate: three calls estimated, three observed
    assert.equal(step.observed.versus_estimate.calls.estimate_p50, 3);
    assert.equal(step.observed.versus_estimate.calls.inside, null, 'the estimate is one value: no range to fall inside');
    close(step.observed.versus_estimate.input_tokens.ratio, 615 / step.input_tokens.p50, 'ratio of input tokens');

    const table = cli('estimate', path.join(dir, 'promptfooconfig.yaml'), '--observed', path.join(dir, 'results.json'));
    assert.match(table.out, /observed: estimated \$[\d.]+, observed \$0\.00048 over 1 run/);
  });

  it('reads reasoning tokens, and gives grading calls to the grader step, priced from their tokens', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'promptfooconfig.yaml'), `${PROMPTFOO}defaultTest:\n  assert:\n    - type: llm-rubric\n      value: Polite\n`);
    const provider = { id: 'openai:gpt-4.1-mini', label: 'small' };
    fs.writeFileSync(path.join(dir, 'results.json'), promptfooResults([
      { provider, prompt: 'p', input: 200, output: 500, reasoning: 300, cost: 0.001, latencyMs: 900, grading: { prompt: 400, completion: 60 } },
    ]));
    const o = read(path.join(dir, 'results.json'));
    assert.equal(o.format, 'promptfoo');
    assert.deepEqual(o.calls.map((c) => [c.grader, c.reasoningTokens, c.inputTokens]), [[false, 300, 200], [true, 0, 400]]);
    const w = JSON.parse(cli('estimate', path.join(dir, 'promptfooconfig.yaml'), '--observed', path.join(dir, 'results.json'), '--format', 'json').out).workflows[0];
    const grader = w.steps.find((s: { id: string }) => /^grader /.test(s.id));
    assert.ok(grader.observed, `grader step observed (${w.steps.map((s: { id: string }) => s.id)})`);
    close(grader.observed.input_tokens.mean, 400, 'grader input');
    assert.ok(grader.observed.cost_usd.mean > 0, 'grading priced from its tokens');
    assert.match(w.observed.cost_from, /observed tokens at 2026-11-30's prices/);
    close(w.observed.reasoning_tokens.mean, 300, 'reasoning per run');
  });
});

// A two-step workflow, traced four times: each run a root span, an agent span per step, and a
// model call under each; the conventions vary by trace as instrumentations' do.
const SUPPORT = `name: Support
runs_per_day: 100
steps:
  - { id: triage, model: mistral-small-4, input_tokens: 800, output_tokens: 100 }
  - { id: answer, after: [triage], model: gpt-4.1-mini, input_tokens: 2000, output_tokens: [300, 500] }
`;
const TRIAGE = [{ i: 900, o: 80 }, { i: 1000, o: 90 }, { i: 1100, o: 110 }, { i: 1200, o: 120 }];
const ANSWER = [{ i: 2400, o: 350 }, { i: 2600, o: 420 }, { i: 2500, o: 380 }, { i: 2700, o: 450 }];

function supportTrace(k: number): SpanSpec[] {
  const trace = `trace-${k}`;
  const t = TRIAGE[k];
  const a = ANSWER[k];
  const usage = (i: number, o: number): Record<string, number> =>
    k === 2 ? { 'gen_ai.usage.prompt_tokens': i, 'gen_ai.usage.completion_tokens': o }
      : k === 3 ? { 'llm.token_count.prompt': i, 'llm.token_count.completion': o }
        : { 'gen_ai.usage.input_tokens': i, 'gen_ai.usage.output_tokens': o };
  const model = (name: string): Record<string, string> =>
    k === 3 ? { 'llm.model_name': name } : k === 2 ? { 'gen_ai.system': 'openai', 'gen_ai.request.model': name } : { 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': name };
  return [
    { trace, id: 'root', name: 'invoke_workflow support', startMs: 0, endMs: 6000 },
    { trace, id: 'triage', parent: 'root', name: 'invoke_agent triage', startMs: 10, endMs: 1500, attrs: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'triage' } },
    { trace, id: 'chat1', parent: 'triage', name: 'chat mistral-small-latest', startMs: 20, endMs: 1400, attrs: { 'gen_ai.operation.name': 'chat', ...model('mistral-small-latest'), ...usage(t.i, t.o) } },
    // the last trace's answer has no agent span: matched by its model, which only 'answer' uses
    ...(k === 3 ? [] : [{ trace, id: 'answer', parent: 'root', name: 'invoke_agent answer', startMs: 1500, endMs: 5900, attrs: { 'gen_ai.agent.name': 'answer' } }]),
    {
      trace, id: 'chat2', parent: k === 3 ? 'root' : 'answer', name: 'chat gpt-4.1-mini', startMs: 1600, endMs: 5800,
      attrs: { ...model('gpt-4.1-mini'), ...(k === 0 ? { 'gen_ai.response.model': 'gpt-4.1-mini-2025-04-14' } : {}), ...usage(a.i, a.o) },
    },
  ];
}

function supportFiles(dir: string): { workflow: string; jsonl: string; document: string } {
  const workflow = path.join(dir, 'support.agentflow.yaml');
  fs.writeFileSync(workflow, SUPPORT);
  const jsonl = path.join(dir, 'traces.jsonl');
  fs.writeFileSync(jsonl, [0, 1, 2, 3].map((k) => JSON.stringify(otlpRequest(supportTrace(k)))).join('\n') + '\n');
  // one document: the traces' resource spans in one export request, pretty-printed
  const document = path.join(dir, 'traces.json');
  fs.writeFileSync(document, JSON.stringify({ resourceSpans: [0, 1, 2, 3].flatMap((k) => (otlpRequest(supportTrace(k)) as { resourceSpans: unknown[] }).resourceSpans) }, null, 2));
  return { workflow, jsonl, document };
}

describe('observed usage: promptfoo results of a custom provider', () => {
  it('counts the gradings where the provider reports no usage, on the grader the test names', () => {
    // as promptfoo 0.121 writes an eval of a file:// provider: response without tokenUsage, and
    // gradingResult.tokensUsed with numRequests 0; the test's options name the grader
    const dir = tmp();
    const file = path.join(dir, 'results.json');
    const graded = [[288, 144], [297, 250], [245, 78]];
    fs.writeFileSync(file, JSON.stringify({
      evalId: 'eval-jbk-2026-05-19T22:20:39',
      results: {
        version: 3,
        results: graded.map(([prompt, completion], i) => ({
          cost: 0, latencyMs: 3000 + i, provider: { id: 'file://../../src/providers/agent-provider.ts', label: '' }, response: { output: 'HTCPCP stands for …' },
          prompt: { raw: 'q', label: '{{question}}' }, testCase: { vars: { question: 'q' }, options: { provider: 'anthropic:messages:claude-haiku-4-5' } },
          gradingResult: { pass: false, score: 0.8, tokensUsed: { total: prompt + completion, prompt, completion, cached: 0, numRequests: 0 } },
        })),
      },
      shareableUrl: null,
    }));
    const o = read(file);
    assert.equal(o.skipped, 3, 'three provider calls without usage');
    assert.deepEqual(o.calls.map((c) => [c.grader, c.model, c.inputTokens, c.outputTokens, c.requests]), graded.map(([p, c]) => [true, 'claude-haiku-4-5', p, c, 1]));
  });
});

describe('observed usage: OpenTelemetry traces', () => {
  it('gives four runs of a two-step workflow, with per-step token means equal to the spans\'', () => {
    const files = supportFiles(tmp());
    for (const obs of [files.jsonl, files.document]) {
      const o = read(obs);
      assert.equal(o.format, 'otlp');
      assert.equal(o.calls.length, 8, 'eight model calls');
      assert.equal(o.skipped, 4 + 4 + 3, 'the root spans and the agent spans are no model calls');
      const r = cli('estimate', files.workflow, '--observed', obs, '--format', 'json');
      assert.equal(r.code, 0, r.err);
      const w = JSON.parse(r.out).workflows[0];
      assert.equal(w.observed.runs, 4, `four traces, four runs (${obs})`);
      assert.deepEqual(w.observed.unmatched, []);
      const [triage, answer] = ['triage', 'answer'].map((id) => w.steps.find((s: { id: string }) => s.id === id).observed);
      close(triage.input_tokens.mean, mean(TRIAGE.map((t) => t.i)), 'triage input');
      close(triage.output_tokens.mean, mean(TRIAGE.map((t) => t.o)), 'triage output');
      close(answer.input_tokens.mean, mean(ANSWER.map((t) => t.i)), 'answer input');
      close(answer.output_tokens.mean, mean(ANSWER.map((t) => t.o)), 'answer output');
      close(answer.calls.mean, 1, 'one answer call a run');
      assert.equal(answer.versus_estimate.output_tokens.inside, true, 'observed output p50 400 inside the estimate\'s 300–500');
      assert.equal(answer.versus_estimate.input_tokens.inside, null, 'input estimated as one value');
      close(answer.versus_estimate.input_tokens.ratio, 2550 / 2000, 'observed input ÷ estimated');
      close(w.observed.latency_s.p50, 6, 'a run lasts from its first span to its last');
      close(triage.latency_s.mean, 1.38, 'a step lasts from its first call to its last');
      // no cost in the spans: priced from the tokens, and said so
      assert.match(w.observed.cost_from, /observed tokens/);
      assert.ok(w.observed.cost_usd.mean > 0);
    }
  });

  it('reads the model from a span\'s name where no attribute gives it, and other spellings of cache and reasoning tokens', () => {
    const dir = tmp();
    const file = path.join(dir, 'copilot.jsonl');
    // as VS Code's Copilot Chat and Codex exporters write them: the model only in the span's name,
    // cached and reasoning tokens as gen_ai.usage.cached_input_tokens and reasoning_tokens
    fs.writeFileSync(file, `${JSON.stringify(otlpRequest([
      { trace: 't', id: 'chat', name: 'chat gpt-4o', startMs: 0, endMs: 900, attrs: { 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': 120, 'gen_ai.usage.cached_input_tokens': 40, 'gen_ai.usage.output_tokens': 30, 'gen_ai.usage.reasoning_tokens': 5 } },
      { trace: 't', id: 'tool', parent: 'chat', name: 'execute_tool', startMs: 100, endMs: 200, attrs: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'read_file' } },
    ]))}\n`);
    const o = read(file);
    assert.deepEqual(o.calls.map((c) => [c.model, c.inputTokens, c.cachedTokens, c.outputTokens, c.reasoningTokens]), [['gpt-4o', 120, 40, 30, 5]]);
    assert.equal(o.skipped, 1, 'the tool span is no model call');
  });

  it('reports the calls no step matches, with the reason, and skips spans that are no model call', () => {
    const dir = tmp();
    const { workflow } = supportFiles(dir);
    const stray = path.join(dir, 'stray.jsonl');
    fs.writeFileSync(stray, `${JSON.stringify(otlpRequest([
      ...supportTrace(0),
      { trace: 'trace-0', id: 'emb', parent: 'root', name: 'embeddings text-embedding-3-small', startMs: 1, endMs: 5, attrs: { 'gen_ai.request.model': 'text-embedding-3-small', 'gen_ai.usage.input_tokens': 40 } },
      { trace: 'trace-0', id: 'http', parent: 'root', name: 'GET /tickets', startMs: 1, endMs: 5, attrs: { 'http.request.method': 'GET' } },
    ]))}\n`);
    const w = JSON.parse(cli('estimate', workflow, '--observed', stray, '--format', 'json').out).workflows[0];
    assert.deepEqual(w.observed.unmatched, [{ name: 'embeddings text-embedding-3-small', calls: 1, why: "no step is named 'embeddings text-embedding-3-small', and no step uses text-embedding-3-small" }]);
    close(w.observed.calls.mean, 3, 'the run counts its unmatched call too');
  });
});

describe('observed usage: hostile names', () => {
  it('shows names from a trace inertly: no control character in the terminal, no link in Markdown', () => {
    const dir = tmp();
    const { workflow } = supportFiles(dir);
    const evil = path.join(dir, 'evil.jsonl');
    fs.writeFileSync(evil, `${JSON.stringify(otlpRequest([
      ...supportTrace(0),
      { trace: 'trace-0', id: 'x', parent: 'root', name: '[click](https://evil.example) \u001b[31mred\u001b[0m <img src=x>', startMs: 1, endMs: 2, attrs: { 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 5, 'gen_ai.usage.output_tokens': 5 } },
    ]))}\n`);
    const table = cli('estimate', workflow, '--observed', evil);
    assert.equal(table.code, 0, table.err);
    assert.match(table.out, /matched no step/);
    assert.equal(table.out.includes('\u001b'), false, 'no escape character reaches the terminal');
    const markdown = cli('estimate', workflow, '--observed', evil, '--format', 'markdown').out;
    assert.match(markdown, /Calls no step matched/);
    // rendered as VS Code renders reports (markdown-it, HTML and bare links on): no link, no image
    const html = new MarkdownIt({ html: true, linkify: true }).render(markdown);
    assert.doesNotMatch(html, /<a |<img/);
    assert.match(html, /\[click\]\(https:\/\/evil\.example\)/, 'the name reads as written');
  });
});

describe('observed usage: whose runs', () => {
  it('sets aside runs of another workflow that shares a model with this one', () => {
    const dir = tmp();
    const { jsonl } = supportFiles(dir);
    const digest = path.join(dir, 'digest.agentflow.yaml');
    fs.writeFileSync(digest, 'name: Digest\nsteps:\n  - { id: summarise, model: gpt-4.1-mini, input_tokens: 3000, output_tokens: 300 }\n');
    const r = cli('estimate', digest, '--observed', jsonl, '--format', 'json');
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.out).workflows[0].observed, undefined, 'half of each run (the answer call) is not enough');
    assert.match(r.err, /none of the observed runs is this workflow's \(in none do more than half the kinds of call match its steps\)/);
    // a workflow with both steps' models claims the runs, by model alone
    fs.writeFileSync(digest, 'name: Digest\nsteps:\n  - { id: a, model: mistral-small-4, input_tokens: 900, output_tokens: 90 }\n  - { id: b, model: gpt-4.1-mini, input_tokens: 3000, output_tokens: 300 }\n');
    const w = JSON.parse(cli('estimate', digest, '--observed', jsonl, '--format', 'json').out).workflows[0];
    assert.equal(w.observed.runs, 4);
    assert.equal(w.observed.other_runs, 0);
  });
});

describe('observed usage: a CSV or JSONL of calls', () => {
  it('reads runs, steps, models and tokens, quoted fields and latency in milliseconds', () => {
    const dir = tmp();
    const csv = path.join(dir, 'calls.csv');
    fs.writeFileSync(csv, [
      'run,step,model,input_tokens,output_tokens,cached_tokens,reasoning_tokens,cost_usd,latency_ms',
      'a,triage,mistral-small-4,900,80,0,0,0.0001,700',
      'a,"answer, with a comma",gpt-4.1-mini,2400,350,1200,0,0.0015,4000',
      'b,triage,mistral-small-4,1100,120,0,0,0.00012,800',
      'b,"answer, with a comma",gpt-4.1-mini,2600,420,1300,0,0.0017,4200',
    ].join('\r\n'));
    const o = read(csv);
    assert.equal(o.format, 'calls');
    assert.deepEqual(o.calls.map((c) => [c.names[0], c.inputTokens, c.cachedTokens, c.latencyS]), [
      ['triage', 900, 0, 0.7], ['answer, with a comma', 2400, 1200, 4], ['triage', 1100, 0, 0.8], ['answer, with a comma', 2600, 1300, 4.2],
    ]);
    const jsonl = path.join(dir, 'calls.jsonl');
    fs.writeFileSync(jsonl, o.calls.map((c) => JSON.stringify({ run: c.run.split('#')[1], agent: c.names[0], model: c.model, input_tokens: c.inputTokens, output_tokens: c.outputTokens, latency_s: c.latencyS })).join('\n'));
    const j = read(jsonl);
    assert.deepEqual(j.calls.map((c) => [c.run.split('#')[1], c.names[0], c.outputTokens]), [['a', 'triage', 80], ['a', 'answer, with a comma', 350], ['b', 'triage', 120], ['b', 'answer, with a comma', 420]]);

    const workflow = path.join(dir, 'support.agentflow.yaml');
    fs.writeFileSync(workflow, SUPPORT);
    const w = JSON.parse(cli('estimate', workflow, '--observed', csv, '--format', 'json').out).workflows[0];
    assert.equal(w.observed.runs, 2);
    close(w.observed.cost_usd.mean, (0.0001 + 0.0015 + 0.00012 + 0.0017) / 2, 'cost per run from the file');
    // 'answer, with a comma' is no step's name: matched by its model
    close(w.steps.find((s: { id: string }) => s.id === 'answer').observed.cached_tokens.mean, 1250, 'cached tokens');
  });
});

describe('calibrate', () => {
  // the calibration is dated: today, from the clock, pinned here so that the test passes on any day
  before(() => pinToday(PRICE_DATE));
  after(() => pinToday(null));

  it('writes the sidecar so that the per-call tokens follow the observations, keeping its comments', () => {
    const dir = tmp();
    const files = supportFiles(dir);
    const sidecar = path.join(dir, 'support.agentflow.agentcost.yaml');
    fs.writeFileSync(sidecar, '# kept: our budget\nbudget:\n  usd_per_run: 0.5 # a hard limit\n');
    const r = cli('calibrate', files.workflow, '--observed', files.jsonl);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /steps\.triage\.input_tokens: \(unset\) → \[\d+,\d+\]/);
    const text = fs.readFileSync(sidecar, 'utf8');
    assert.match(text, /# kept: our budget/);
    assert.match(text, /usd_per_run: 0\.5 # a hard limit/);
    assert.match(text, /calibrated_from:/);

    const w = JSON.parse(cli('estimate', files.workflow, '--format', 'json').out).workflows[0];
    for (const [id, seen] of [['triage', TRIAGE], ['answer', ANSWER]] as const) {
      const s = w.steps.find((x: { id: string }) => x.id === id);
      const perCallIn = s.input_tokens.p50 / s.calls.p50;
      const perCallOut = s.output_tokens.p50 / s.calls.p50;
      const observedIn = mean(seen.map((t) => t.i));
      const observedOut = mean(seen.map((t) => t.o));
      assert.ok(Math.abs(perCallIn / observedIn - 1) <= 0.1, `${id}: input per call ${perCallIn} vs observed ${observedIn}`);
      assert.ok(Math.abs(perCallOut / observedOut - 1) <= 0.1, `${id}: output per call ${perCallOut} vs observed ${observedOut}`);
    }
    assert.ok(w.assumptions.some((a: { message: string }) => /calibrated from 4 observed runs \(traces\.jsonl\) on 2026-11-30/.test(a.message)), JSON.stringify(w.assumptions));
  });

  it('calibrates a loop: its turns from the calls per run, and each call\'s input as observed (history included)', () => {
    const dir = tmp();
    const workflow = path.join(dir, 'fix.agentflow.yaml');
    fs.writeFileSync(workflow, `name: Fix
steps:
  - id: edit-loop
    model: devstral-2
    input_tokens: 9000
    output_tokens: [150, 600]
    agent: { turns: [8, 30], tool_tokens: [500, 3000], history: replay }
`);
    const calls: string[] = ['run,step,model,input_tokens,output_tokens'];
    for (const r of ['a', 'b', 'c']) for (let t = 0; t < 5; t++) calls.push(`${r},edit-loop,devstral-2,${1000 + 600 * t},200`);
    fs.writeFileSync(path.join(dir, 'calls.csv'), calls.join('\n'));
    assert.equal(cli('calibrate', workflow, '--observed', path.join(dir, 'calls.csv')).code, 0);
    const w = JSON.parse(cli('estimate', workflow, '--format', 'json').out).workflows[0];
    const s = w.steps[0];
    assert.equal(s.calls.p50, 5, 'five turns a run');
    near(s.input_tokens.p50 / 5, 2200, 'each call\'s input as observed, the history in it not added again');
    near(s.output_tokens.p50 / 5, 200, 'output per call');
  });

  it('refuses a broken observation file: exit 2, the file named, nothing written', () => {
    const dir = tmp();
    const files = supportFiles(dir);
    const lines = fs.readFileSync(files.jsonl, 'utf8').split('\n');
    const cases: [string, string, RegExp][] = [
      ['truncated.jsonl', `${lines[0]}\n${lines[1]}\n${lines[2].slice(0, lines[2].length / 2)}`, /truncated\.jsonl: line 3: not JSON/],
      ['truncated.json', fs.readFileSync(files.document, 'utf8').slice(0, 1500), /truncated\.json: the JSON document ends too early/],
      ['empty.json', '  \n', /empty\.json: the file is empty/],
      ['other.json', '{"name": "not observations", "items": [1, 2]}', /other\.json: no observations in it/],
      ['columns.csv', 'when,who\n1,2\n', /columns\.csv: line 1: no input_tokens or output_tokens column/],
      ['layout.jsonl', `${JSON.stringify(otlpRequest([{ trace: 't', id: 's', name: 'chat', startMs: 0, endMs: 1, attrs: { 'ai.model': 'gpt-4o', 'ai.tokens': 12 } }]))}\n`,
        /layout\.jsonl: no model call among its 1 span: none has a model \(gen_ai\.response\.model/],
      ['missing.json', null as unknown as string, /missing\.json: no such file/],
    ];
    for (const [name, text, message] of cases) {
      const file = path.join(dir, name);
      if (text !== null) fs.writeFileSync(file, text);
      const calibrated = cli('calibrate', files.workflow, '--observed', files.jsonl, '--observed', file);
      assert.equal(calibrated.code, 2, name);
      assert.match(calibrated.err, message);
      assert.match(calibrated.err, /nothing written/);
      assert.equal(fs.existsSync(path.join(dir, 'support.agentflow.agentcost.yaml')), false, `${name}: no sidecar written`);
      const estimated = cli('estimate', files.workflow, '--observed', file);
      assert.equal(estimated.code, 2, name);
      assert.match(estimated.err, message);
    }
  });

  it('writes nothing through a sidecar that is a link, or when no step matches', () => {
    const dir = tmp();
    const files = supportFiles(dir);
    const target = path.join(dir, 'elsewhere.txt');
    fs.writeFileSync(target, 'untouched\n');
    fs.symlinkSync(target, path.join(dir, 'support.agentflow.agentcost.yaml'));
    const r = cli('calibrate', files.workflow, '--observed', files.jsonl);
    assert.equal(r.code, 2);
    assert.match(r.err, /not a regular file/);
    assert.equal(fs.readFileSync(target, 'utf8'), 'untouched\n');

    const other = tmp();
    const digest = path.join(other, 'digest.agentflow.yaml');
    fs.writeFileSync(digest, 'name: Digest\nsteps:\n  - { id: summarise, model: gpt-4o-mini, input_tokens: 3000, output_tokens: 300 }\n');
    const none = cli('calibrate', digest, '--observed', files.jsonl);
    assert.equal(none.code, 2);
    assert.match(none.err, /none of the observed runs is this workflow's/);
    assert.equal(fs.existsSync(path.join(other, 'digest.agentflow.agentcost.yaml')), false);
  });

  it('centres a range on the mean, within the middle 80% of the values', () => {
    assert.deepEqual(rangeAround([100, 100, 100]), { min: 100, max: 100 });
    const r = rangeAround([10, 20, 30, 40, 500]);
    close((r.min + r.max) / 2, 120, 'midpoint is the mean');
    assert.ok(r.min >= 0);
    assert.deepEqual(rangeAround([1, 1, 1, 9], 1), { min: 1, max: 5 }, 'never below the floor, mean 3 kept');
  });
});
