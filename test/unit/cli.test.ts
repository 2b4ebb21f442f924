// The agent-cost CLI, run as a user runs it: the built bundle in a child process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { close } from './helpers';

const root = path.resolve(__dirname, '../../..');
const bin = path.join(root, 'bin/agent-cost.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-cost-cli-'));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: root, timeout: 30000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

const HAND = `
name: Hand vector
runs_per_day: 100
models:
  m:
    price: { input: 3, output: 15 }
    speed: { ttft_s: 1, output_tps: 100 }
    params_b: { total: 24, active: 24 }
    pue: 1.1
budget:
  usd_per_run: 0.01
steps:
  - id: loop
    model: m
    input_tokens: 1000
    output_tokens: 100
    agent: { turns: 3, tool_tokens: 200, tool_latency_s: 2 }
  - id: after
    after: [loop]
    model: m
    repeat: 4
    concurrency: 2
    input_tokens: 500
    output_tokens: 50
`;

describe('agent-cost CLI', () => {
  it('estimates the examples folder and exits 0', () => {
    const r = cli('estimate', 'examples');
    assert.equal(r.code, 0, r.err);
    for (const name of ['On-prem KYC review', 'Papyri transcription at scale', 'Coding agent with tools', 'Customer support with retrieval', 'Nightly eval sweep']) {
      assert.ok(r.out.includes(name), name);
    }
  });

  it('prints a table readable in 100 columns', () => {
    const r = cli('estimate', 'examples');
    const wide = r.out.split('\n').filter((l) => [...l].length > 100);
    assert.deepEqual(wide, []);
  });

  it('prints { workflows: [...] } with the figures computed by hand', () => {
    const file = write('hand.agentflow.yaml', HAND);
    const r = cli('estimate', file, '--format', 'json');
    assert.equal(r.code, 0, r.err);
    const [w] = JSON.parse(r.out).workflows;
    assert.equal(w.file, file);
    assert.equal(w.name, 'Hand vector');
    assert.equal(w.format, 'agentflow');
    // loop: input 3·1000 + 300·3·2/2 = 3900, output 300; after: 4 calls of 500 in, 50 out
    const loopCost = (3900 * 3 + 300 * 15) / 1e6;
    const afterCost = 4 * (500 * 3 + 50 * 15) / 1e6;
    close(w.per_run.cost_usd.p50, loopCost + afterCost, 'cost');
    close(w.per_run.cost_usd.p95, loopCost + afterCost, 'cost p95');
    close(w.per_run.latency_s.p50, 3 * (1 + 1) + 3 * 2 + 2 * (1 + 0.5), 'latency');
    close(w.per_run.input_tokens.p50, 3900 + 2000, 'input tokens');
    close(w.per_run.calls.p50, 7, 'calls');
    close(w.per_day.cost_usd.p50, 100 * (loopCost + afterCost), 'per day');
    close(w.per_month.cost_usd.p50, 3000 * (loopCost + afterCost), 'per month');
    const fE = 1.1665e-6 * Math.exp(-1.1206e-2 * 64) * 24 + 4.0529e-5;
    const perInput = (2 * 24e9) / ((0.4 * 989e12) / 700) / 3600;
    const server = (s: number) => ((s / 3600) * 1200 * (1 / 8)) / 64;
    const loopWh = 1.1 * (300 * fE + server(3 * 2)) + 1.1 * 3900 * perInput;
    const afterWh = 4 * (1.1 * (50 * fE + server(1.5)) + 1.1 * 500 * perInput);
    close(w.per_run.energy_wh.p50, loopWh + afterWh, 'energy');
    // a model defined in the file has no provider's data centres to place: the world grid, 473.01 g/kWh
    close(w.per_run.co2_g.p50, (loopWh + afterWh) * 0.47301, 'co2 (world grid)');
    assert.equal(w.steps[0].grid.gco2e_per_kwh, 473.01);
    assert.match(w.settings.price_date, /^\d{4}-\d{2}-\d{2}$/);
    assert.deepEqual(w.steps.map((s: { id: string }) => s.id), ['loop', 'after']);
    assert.equal(w.steps[0].line, 13);
    assert.equal(w.steps[0].model, 'm');
    assert.deepEqual(w.budget.map((b: { key: string; holds: boolean }) => [b.key, b.holds]), [['usd_per_run', false]]);
    assert.ok(Array.isArray(w.alternatives) && Array.isArray(w.assumptions));
    for (const key of ['cost_usd', 'latency_s', 'energy_wh', 'co2_g', 'input_tokens', 'output_tokens', 'calls']) {
      assert.ok(typeof w.steps[1][key].p50 === 'number' && typeof w.steps[1][key].p95 === 'number', key);
    }
  });

  it('gives the same output byte for byte on every run', () => {
    assert.equal(cli('estimate', 'examples', '--format', 'json').out, cli('estimate', 'examples', '--format', 'json').out);
  });

  it('exits 1 on an exceeded budget with --fail-on-budget, 0 without', () => {
    const file = write('budget.agentflow.yaml', HAND);
    assert.equal(cli('estimate', file).code, 0);
    assert.equal(cli('estimate', file, '--fail-on-budget').code, 1);
  });

  const broken: [string, string, number, RegExp][] = [
    ['cycle', 'steps:\n  - { id: a, after: [b], model: gpt-5.5, input_tokens: 1, output_tokens: 1 }\n  - { id: b, after: [a], model: gpt-5.5, input_tokens: 1, output_tokens: 1 }\n', 3, /cycle: .*a.*b/],
    ['unknown model', 'steps:\n  - id: a\n    model: gpt-9\n    input_tokens: 1\n    output_tokens: 1\n', 3, /Unknown model 'gpt-9'/],
    ['broken YAML', 'steps:\n  - id: a\n    model: gpt-5.5: x\n    output_tokens: 1\n', 3, /YAML: Nested mappings/],
    ['wrong type', 'steps:\n  - id: a\n    model: gpt-5.5\n    input_tokens: 1\n    output_tokens: many\n', 5, /output_tokens: expected a token count/],
    ['negative count', 'steps:\n  - id: a\n    model: gpt-5.5\n    repeat: -3\n    input_tokens: 1\n    output_tokens: 1\n', 4, /repeat: expected a whole number of calls, from 1 to 1,000,000,000, got -3/],
  ];
  for (const [what, text, line, message] of broken) {
    it(`exits 2 on a ${what}, naming the line`, () => {
      const file = write(`${what.replace(/\W/g, '-')}.agentflow.yaml`, text);
      for (const format of ['table', 'json']) {
        const r = cli('estimate', file, '--format', format);
        assert.equal(r.code, 2, `${format}: ${r.out}${r.err}`);
        const text = format === 'json' ? r.err : r.out;
        assert.match(text, message);
        assert.ok(format === 'json' ? r.err.includes(`${file}:${line}:`) : new RegExp(`error\\s+${line}:\\d+`).test(r.out), `line ${line} in ${text}`);
        assert.doesNotMatch(r.out + r.err, /\n\s+at .*:\d+:\d+/, 'no stack trace');
      }
    });
  }

  it('exits 2 with a usage message on a bad command line, without a stack trace', () => {
    for (const args of [[], ['estimate'], ['estimate', 'examples', '--format', 'xml'], ['estimate', 'examples', '--region', 'mars'], ['frobnicate']]) {
      const r = cli(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /Usage: agent-cost estimate/);
      assert.doesNotMatch(r.err, /\n\s+at /);
    }
    assert.equal(cli('estimate', 'no/such/path').code, 2);
  });

  it('writes markdown and CSV reports', () => {
    const md = cli('estimate', 'examples/kyc-onprem.agentflow.yaml', '--format', 'markdown');
    assert.equal(md.code, 0);
    assert.match(md.out, /## On-prem KYC review/);
    assert.match(md.out, /### Sources/);
    const csv = cli('estimate', 'examples', '--format', 'csv');
    assert.equal(csv.out.split('\n')[0].split(',')[0], 'file');
    assert.ok(csv.out.includes('(total)'));
  });

  it('writes CSV numbers to meaningful digits, and no cell a spreadsheet would run as a formula', () => {
    const file = write('sheet.agentflow.yaml', `models:\n  m: { price: { input: 3.3, output: 15.7 } }\nsteps:\n  - { id: "=HYPERLINK(\\"http://x\\")", model: m, input_tokens: 333, output_tokens: 77, repeat: 3, retry_rate: 0.07 }\n  - { id: "@sum", model: m, input_tokens: 1, output_tokens: 1 }\n`);
    const r = cli('estimate', file, '--format', 'csv');
    assert.equal(r.code, 0, r.err);
    const cells = r.out.trim().split('\n').slice(1).flatMap((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []).map((c) => c.replace(/,$/, ''));
    for (const c of cells) {
      assert.doesNotMatch(c, /^"?[=+@\t]/, `cell ${c}`);
      if (/^-?\d/.test(c)) assert.ok(c.replace(/^-|\.|e.*$/g, '').replace(/^0+/, '').length <= 4, `${c} has more than 4 significant digits`);
    }
    assert.ok(r.out.includes(`"'=HYPERLINK(""http://x"")"`), r.out);
    assert.ok(r.out.includes(",'@sum,"), r.out);
  });

  it('takes extra models from --catalog, in LiteLLM format', () => {
    const prices = write('prices.json', JSON.stringify({ 'my-model': { input_cost_per_token: 1e-6, output_cost_per_token: 2e-6, mode: 'chat' } }));
    const file = write('custom.agentflow.yaml', 'steps:\n  - { id: a, model: my-model, input_tokens: 1000, output_tokens: 1000 }\n');
    assert.equal(cli('estimate', file).code, 2, 'unknown without the catalog');
    const r = cli('estimate', file, '--catalog', prices, '--format', 'json');
    assert.equal(r.code, 0, r.err);
    close(JSON.parse(r.out).workflows[0].per_run.cost_usd.p50, 0.003, 'priced from the catalog file');
  });

  it('uses --region for CO2, by id or by country name', () => {
    const file = write('region.agentflow.yaml', HAND);
    const eu = JSON.parse(cli('estimate', file, '--format', 'json', '--region', 'eu').out).workflows[0].per_run;
    const fr = JSON.parse(cli('estimate', file, '--format', 'json', '--region', 'france').out).workflows[0].per_run;
    close(fr.co2_g.p50 / eu.co2_g.p50, 44.18 / 213.02, 'ratio of grid intensities');
    const uk = JSON.parse(cli('estimate', file, '--format', 'json', '--region', 'United Kingdom').out).workflows[0];
    assert.equal(uk.steps[0].grid.gco2e_per_kwh, 210.89);
    const wrong = cli('estimate', file, '--region', 'atlantis');
    assert.equal(wrong.code, 2);
    assert.match(wrong.err, /--region is provider, eu, .* or a country's name, got 'atlantis'/);
  });

  it('reads prices as of --price-date, and refuses a day that does not exist', () => {
    const file = write('dated.agentflow.yaml', 'steps:\n  - { id: a, model: gemini-3.6-flash, input_tokens: 1000000, output_tokens: 1000000, reasoning: { tokens: 0 } }\n');
    const on = (date: string) => JSON.parse(cli('estimate', file, '--format', 'json', '--price-date', date).out).workflows[0];
    close(on('2026-12-01').per_run.cost_usd.p50, 4.5, 'introductory price');
    close(on('2027-01-15').per_run.cost_usd.p50, 9, 'full price');
    assert.equal(on('2027-01-15').settings.price_date, '2027-01-15');
    const wrong = cli('estimate', file, '--price-date', '2026-02-30');
    assert.equal(wrong.code, 2);
    assert.match(wrong.err, /--price-date takes a date as YYYY-MM-DD, got '2026-02-30'/);
  });
});
