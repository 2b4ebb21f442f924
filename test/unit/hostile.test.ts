// A hostile repository, run through the CLI as CI would run it (a child process, its heap capped
// at 512 MB, the repository as its working folder): files outside the workspace and devices are
// not read, counts from files stay arithmetic and bounded, long names cost nothing, wrong types
// never throw, one bad file hides no good one, infinite values pass no budget, output carries no
// markup, control sequence or formula, and two locales give the same bytes.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HANG_GUARD_MS } from './mutate';

const root = path.resolve(__dirname, '../../..');
const bin = path.join(root, 'bin/agent-cost.js');
const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-cost-hostile-'));
const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-cost-outside-'));
const SECRET = 'THE-SECRET-OUTSIDE-THE-WORKSPACE';

function write(name: string, text: string): string {
  const file = path.join(repo, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=512', bin, ...args], {
    cwd: repo, encoding: 'utf8', timeout: 3 * HANG_GUARD_MS, maxBuffer: 512 * 1024 * 1024, env: { ...process.env, ...env },
  });
  assert.equal(r.error, undefined, `${args.join(' ')}: ${r.error?.message}`);
  assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+|heap out of memory|internal error/i, r.stderr.slice(0, 2000));
  return { code: r.status, out: r.stdout, err: r.stderr, ms: Date.now() - started };
}

const json = (out: string) => JSON.parse(out) as { workflows: { file: string; ok: boolean; per_run: { cost_usd: { p50: number } | null } | null; errors: { message: string; line: number; column: number }[]; budget: { holds: boolean | null }[] }[] };
const PF = (prompt: string) => `description: probe\nprompts:\n  - ${prompt}\nproviders:\n  - openai:gpt-4.1-mini\ntests:\n  - vars: { q: hi }\n`;

describe('a hostile repository, through the CLI', function () {
  this.timeout(10 * HANG_GUARD_MS);

  before(() => {
    fs.writeFileSync(path.join(outside, 'secret.txt'), `${SECRET} `.repeat(5000));
    fs.writeFileSync(path.join(outside, 'catalog.yaml'), 'models:\n  gpt-4.1-mini: { price: { input: 1000000, output: 1000000 } }\n');
  });
  after(() => {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('reads no file outside the workspace: not by a relative path, an absolute one or a link', () => {
    const relative = path.relative(path.join(repo, 'evals'), path.join(outside, 'secret.txt'));
    fs.mkdirSync(path.join(repo, 'evals'), { recursive: true });
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(repo, 'evals/link.txt'));
    const cases: [string, RegExp][] = [
      [`file://${relative}`, /outside the workspace/],
      [`file://${path.join(outside, 'secret.txt')}`, /absolute path/],
      ['file://link.txt', /link to a file outside the workspace/],
    ];
    for (const [i, [ref, why]] of cases.entries()) {
      const file = write(`evals/promptfooconfig${i}.yaml`, PF(ref));
      const r = cli(['estimate', file, '--format', 'json']);
      const w = json(r.out).workflows[0];
      const problem = w.errors.find((e) => why.test(e.message));
      assert.ok(problem, `${ref}: ${JSON.stringify(w.errors)}`);
      assert.deepEqual([problem.line, problem.column], [3, 5], 'at the reference');
      assert.doesNotMatch(r.out + r.err, new RegExp(SECRET));
      assert.ok(w.per_run?.cost_usd, 'the rest is still estimated');
    }
  });

  it('refuses devices and FIFOs without reading or waiting', () => {
    fs.symlinkSync('/dev/zero', path.join(repo, 'evals/zero.txt'));
    execFileSync('mkfifo', [path.join(repo, 'evals/fifo.txt')]);
    for (const [ref, why] of [['file:///dev/zero', /absolute path/], ['file://zero.txt', /outside the workspace/], ['file://fifo.txt', /not a regular file/i]] as const) {
      const r = cli(['estimate', write('evals/promptfooconfig-device.yaml', PF(ref)), '--format', 'json']);
      assert.ok(json(r.out).workflows[0].errors.some((e) => why.test(e.message)), `${ref}: ${r.out.slice(0, 1000)}`);
      assert.ok(r.ms < HANG_GUARD_MS, `${ref} took ${r.ms} ms`);
    }
    // named on the command line, the FIFO itself is refused the same way
    const r = cli(['estimate', path.join(repo, 'evals/fifo.txt')]);
    assert.equal(r.code, 2);
  });

  it('turns huge counts from files into problems at their line, never into arrays', () => {
    write('big/promptfooconfig.yaml', 'prompts: [hi]\nproviders: [openai:gpt-4.1-mini]\ntests: file://tests.csv\n');
    write('big/promptfooconfig.agentcost.yaml', 'assumptions:\n  test_cases: 100000000\n');
    write('red/promptfooconfig.yaml', 'targets: [openai:gpt-4.1-mini]\nredteam:\n  numTests: 30000000\n  plugins: [harmful]\n');
    const big = cli(['estimate', 'big', '--format', 'json']);
    const sidecarProblem = json(big.out).workflows[0].errors.find((e) => /test_cases/.test(e.message));
    assert.ok(sidecarProblem && sidecarProblem.line === 2, big.out.slice(0, 1500));
    const red = cli(['estimate', 'red', '--format', 'json']);
    const numTests = json(red.out).workflows[0].errors.find((e) => /numTests/.test(e.message));
    assert.ok(numTests && numTests.line === 3, red.out.slice(0, 1500));
  });

  it('looks up no model name longer than any model has, however long', () => {
    for (const size of [50_000, 800_000]) {
      const file = write(`long${size}.agentflow.yaml`, `steps:\n  - { id: a, model: ${'x-'.repeat(size / 2)}, input_tokens: 1, output_tokens: 1 }\n  - { id: b, model: gpt-5.5, input_tokens: 1, output_tokens: 1 }\n`);
      const r = cli(['estimate', file, '--format', 'json']);
      const w = json(r.out).workflows[0];
      assert.ok(w.errors.some((e) => /characters long/.test(e.message) && e.line === 2), JSON.stringify(w.errors).slice(0, 500));
      assert.ok(w.per_run?.cost_usd, 'the other step is estimated');
      assert.ok(r.ms < HANG_GUARD_MS, `${size}: ${r.ms} ms`);
    }
  });

  it('never throws on a wrong type, and one bad file hides no good one', () => {
    const dir = 'types';
    write(`${dir}/n8n.json`, JSON.stringify({ nodes: [{ name: { x: 1 }, type: '@n8n/n8n-nodes-langchain.agent', parameters: {} }, { name: 'Model', type: '@n8n/n8n-nodes-langchain.lmChatOpenAi', parameters: { model: { x: [] } } }], connections: { Model: { ai_languageModel: [[{ node: { x: 1 }, type: 'ai_languageModel' }]] } } }));
    write(`${dir}/dify.yml`, 'app: { mode: { x: 1 }, name: { y: 2 } }\nworkflow: { graph: { nodes: [], edges: [] } }\n');
    write(`${dir}/flow.dag.yaml`, 'inputs: {}\nnodes:\n  - { name: a, type: { x: 1 }, inputs: { deployment_name: { y: 1 } } }\n  - { name: { z: 1 }, type: llm }\n');
    write(`${dir}/flow.json`, JSON.stringify({ inputs: {}, nodes: [{ name: 'a', type: { x: 1 }, inputs: { deployment_name: 'gpt-4o' } }] }));
    write(`${dir}/good.agentflow.yaml`, 'name: Good\nsteps:\n  - { id: a, model: gpt-5.5, input_tokens: 10, output_tokens: 10 }\n');
    const r = cli(['estimate', dir, '--format', 'json']);
    const good = json(r.out).workflows.find((w) => w.file.endsWith('good.agentflow.yaml'));
    assert.ok(good?.per_run?.cost_usd, r.out.slice(0, 2000));
  });

  it('lets no infinite or absurd value pass a budget', () => {
    const base = 'budget: { usd_per_run: 1 }\nsteps:\n  - { id: a, model: gpt-5.5, input_tokens: 10, output_tokens: 10 }\n';
    for (const [name, extra, line] of [['inf', '  - { id: b, model: gpt-5.5, input_tokens: .inf, output_tokens: 1 }\n', 4], ['turns', '  - { id: b, model: gpt-5.5, input_tokens: 1, output_tokens: 1, agent: { turns: 1e308 } }\n', 4], ['nan', '  - { id: b, model: gpt-5.5, input_tokens: .nan, output_tokens: 1 }\n', 4]] as const) {
      const file = write(`budget-${name}.agentflow.yaml`, base + extra);
      const r = cli(['estimate', file, '--format', 'json', '--fail-on-budget']);
      assert.notEqual(r.code, 0, `${name}: the gate does not pass`);
      const w = json(r.out).workflows[0];
      assert.ok(w.errors.some((e) => e.line === line), `${name}: ${JSON.stringify(w.errors)}`);
    }
    // a step whose cost cannot be computed leaves the total unknown, and the budget unchecked
    const unpriced = write('unpriced.agentflow.yaml', 'budget: { usd_per_run: 1 }\nmodels:\n  free: { params_b: { active: 7 } }\nsteps:\n  - { id: a, model: gpt-5.5, input_tokens: 10, output_tokens: 10 }\n  - { id: b, model: free, input_tokens: 10, output_tokens: 10 }\n');
    const r = cli(['estimate', unpriced, '--format', 'json', '--fail-on-budget']);
    const w = json(r.out).workflows[0];
    assert.equal(w.per_run?.cost_usd, null);
    assert.deepEqual(w.budget.map((b) => b.holds), [null]);
    assert.equal(r.code, 1);
    assert.match(r.err, /could not be checked/);
  });

  it('prints no control character, no markup and no formula from workspace names', () => {
    const evil = '\u001b[2J\u001b]8;;https://attacker.example\u0007ALL GOOD\u001b]8;;\u0007 =cmd|x ![i](https://attacker.example/p.png)';
    const file = write('names.agentflow.yaml', `name: ${JSON.stringify(evil)}\nsteps:\n  - { id: ${JSON.stringify(evil)}, model: gpt-5.5, input_tokens: 10, output_tokens: 10 }\n  - { id: ${JSON.stringify(`=${evil}`)}, model: ${JSON.stringify(evil)}, input_tokens: 10, output_tokens: 10 }\n`);
    for (const format of ['table', 'markdown', 'csv', 'json']) {
      const r = cli(['estimate', file, '--format', format]);
      // eslint-disable-next-line no-control-regex -- control characters are what this matches
      assert.doesNotMatch(r.out + r.err, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, format);
      if (format === 'csv') for (const line of r.out.split('\n')) for (const c of line.split(',')) assert.doesNotMatch(c, /^"?[=+@]/, c);
      if (format === 'markdown') assert.doesNotMatch(r.out, /!\[i\]\(/);
    }
  });

  it('gives the same bytes in every locale', () => {
    // names whose order differs by locale: Swedish puts ä after z, Turkish ı before i
    for (const name of ['ä', 'b', 'z', 'a', 'B', 'ı', 'i', 'I']) write(`locale/${name}.agentflow.yaml`, `name: ${name}\nsteps:\n  - { id: ${name}, model: gpt-5.5, input_tokens: 10, output_tokens: 10 }\n`);
    for (const format of ['json', 'table', 'markdown', 'csv']) {
      const runs = ['C', 'sv_SE.UTF-8', 'tr_TR.UTF-8', 'de_DE.UTF-8'].map((locale) => cli(['estimate', 'locale', path.join(root, 'examples'), '--format', format], { LC_ALL: locale, LANG: locale }).out);
      for (const out of runs.slice(1)) assert.equal(out, runs[0], format);
    }
  });

  it('estimates 60,000 steps within the heap cap', () => {
    const lines = ['defaults: { model: mistral-small, input_tokens: 100, output_tokens: [10, 20] }', 'steps:'];
    for (let i = 0; i < 60_000; i++) lines.push(`- {id: s${i}}`);
    const file = write('wide.agentflow.yaml', `${lines.join('\n')}\n`);
    assert.ok(fs.statSync(file).size < 1024 * 1024);
    const r = cli(['estimate', file]);
    assert.equal(r.code, 0, r.err.slice(0, 500));
    assert.match(r.out, /total per run +60,000|total per run +60k/);
  });

  it('reads no catalog file above the catalog limit', () => {
    const catalog = path.join(repo, 'huge-catalog.json');
    fs.writeFileSync(catalog, `{"x": "${'a'.repeat(33 * 1024 * 1024)}"}`);
    const r = cli(['estimate', path.join(root, 'examples/support-agent.agentflow.yaml'), '--catalog', catalog]);
    assert.equal(r.code, 2);
    assert.match(r.err, /too large to read/);
  });
});
