// What calibration writes, tried as an attacker and an unlucky user would: two workflows sharing
// one sidecar (both calibrations land, or neither), a sidecar hard-linked to a file elsewhere
// (left untouched), observations past the format's limits (the calibrated workflow still
// estimates), and the write itself (a new file renamed over the old: never a half-written one).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { run } from '../../src/cli';
import { pinToday } from '../../src/core/dates';
import { writeFileAtomic } from '../../src/core/files';
import { LIMITS } from '../../src/core/limits';
import { PRICE_DATE } from './helpers';
import { promptfooResults } from './observedFiles';

function cli(...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run([...args, '--price-date', PRICE_DATE], (s) => { out += s; }, (s) => { err += s; });
  return { code, out, err };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'agent-cost-writes-'));

const SUPPORT = 'name: Support\nsteps:\n  - { id: triage, model: mistral-small-4, input_tokens: 800, output_tokens: 100 }\n  - { id: answer, after: [triage], model: gpt-4.1-mini, input_tokens: 2000, output_tokens: 400 }\n';
const DIGEST = 'name: Digest\nsteps:\n  - { id: summarise, model: gpt-4o-mini, input_tokens: 3000, output_tokens: 300 }\n';
/** Runs a and b are the support workflow's, c and d the digest's. */
const CALLS = [
  'run,step,model,input_tokens,output_tokens',
  'a,triage,mistral-small-4,900,80', 'a,answer,gpt-4.1-mini,2400,350',
  'b,triage,mistral-small-4,1100,120', 'b,answer,gpt-4.1-mini,2600,420',
  'c,summarise,gpt-4o-mini,5000,500', 'd,summarise,gpt-4o-mini,5200,520',
].join('\n');

describe('calibration writes', () => {
  before(() => pinToday(PRICE_DATE));
  after(() => pinToday(null));

  it('writes both calibrations of two workflows that share a sidecar, in one write', () => {
    const dir = tmp();
    const [yaml, yml] = [path.join(dir, 'a.agentflow.yaml'), path.join(dir, 'a.agentflow.yml')];
    fs.writeFileSync(yaml, SUPPORT);
    fs.writeFileSync(yml, DIGEST);
    fs.writeFileSync(path.join(dir, 'calls.csv'), CALLS);
    const r = cli('calibrate', yaml, yml, '--observed', path.join(dir, 'calls.csv'));
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.split('\n').filter((l) => l.endsWith('a.agentflow.agentcost.yaml')).length, 1, `one sidecar, written once: ${r.out}`);
    const sidecar = parse(fs.readFileSync(path.join(dir, 'a.agentflow.agentcost.yaml'), 'utf8'));
    assert.deepEqual(Object.keys(sidecar.steps).sort(), ['answer', 'summarise', 'triage'], 'no calibration lost');
    assert.equal(sidecar.calibrated_from.runs, 4, 'the runs of both');
    for (const file of [yaml, yml]) {
      const e = JSON.parse(cli('estimate', file, '--format', 'json').out).workflows[0];
      assert.ok(e.ok && e.per_run.cost_usd, JSON.stringify(e.errors));
    }
  });

  it('writes neither where two workflows sharing a sidecar calibrate one step differently', () => {
    const dir = tmp();
    const [yaml, yml] = [path.join(dir, 'a.agentflow.yaml'), path.join(dir, 'a.agentflow.yml')];
    fs.writeFileSync(yaml, SUPPORT);
    fs.writeFileSync(yml, SUPPORT.replace('Support', 'Other').replace(/triage/g, 'summarise').replace('mistral-small-4', 'gpt-4o-mini'));
    fs.writeFileSync(path.join(dir, 'calls.csv'), `${CALLS}\nc,answer,gpt-4.1-mini,9000,900\nd,answer,gpt-4.1-mini,9100,910`);
    const r = cli('calibrate', yaml, yml, '--observed', path.join(dir, 'calls.csv'));
    assert.equal(r.code, 2, r.out);
    assert.match(r.err, /share a sidecar and calibrate steps\.answer\.input_tokens differently: calibrate them one at a time/);
    assert.match(r.err, /nothing written/);
    assert.equal(fs.existsSync(path.join(dir, 'a.agentflow.agentcost.yaml')), false);
  });

  it('refuses a sidecar hard-linked to a file elsewhere, leaving that file untouched', () => {
    const dir = tmp();
    const elsewhere = tmp();
    const target = path.join(elsewhere, 'settings.yaml');
    fs.writeFileSync(target, 'budget:\n  usd_per_run: 1\n');
    fs.linkSync(target, path.join(dir, 'support.agentflow.agentcost.yaml'));
    fs.writeFileSync(path.join(dir, 'support.agentflow.yaml'), SUPPORT);
    fs.writeFileSync(path.join(dir, 'calls.csv'), CALLS);
    const r = cli('calibrate', path.join(dir, 'support.agentflow.yaml'), '--observed', path.join(dir, 'calls.csv'));
    assert.equal(r.code, 2);
    assert.match(r.err, /2 hard links .*not written through/);
    assert.equal(fs.readFileSync(target, 'utf8'), 'budget:\n  usd_per_run: 1\n');
    assert.equal(writeFileAtomic(target, 'x')?.error.includes('hard links'), true, 'the write itself refuses it too');
  });

  it('writes observations past the format\'s limits at the limits, so the calibrated workflow still estimates', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'promptfooconfig.yaml'), 'prompts: [\'Answer: {{q}}\']\nproviders:\n  - id: openai:gpt-4.1-mini\n    label: small\ntests:\n  - vars: { q: a }\n');
    const results = JSON.parse(promptfooResults([{ provider: { id: 'openai:gpt-4.1-mini', label: 'small' }, prompt: 'Answer: {{q}}', input: LIMITS.tokens, output: LIMITS.tokens, cost: 1, latencyMs: 10 }]));
    results.results.results[0].response.tokenUsage.numRequests = 100_000_000;
    fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify(results));
    const r = cli('calibrate', path.join(dir, 'promptfooconfig.yaml'), '--observed', path.join(dir, 'results.json'));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /turns a run: 100,000,000 observed, above the format's limit of 100,000: written as 100,000/);
    assert.equal(parse(fs.readFileSync(path.join(dir, 'promptfooconfig.agentcost.yaml'), 'utf8')).steps.small.turns, LIMITS.turns);
    const e = cli('estimate', path.join(dir, 'promptfooconfig.yaml'), '--format', 'json');
    assert.equal(e.code, 0, e.err);
    const w = JSON.parse(e.out).workflows[0];
    assert.deepEqual(w.errors.filter((p: { severity: string }) => p.severity === 'error'), []);
    assert.ok(w.per_run.cost_usd);
  });
});

describe('writing a file whole', () => {
  it('renames a new file over the old: a reader of the old one reads it whole, nothing is left beside it, the mode is kept', () => {
    const dir = tmp();
    const file = path.join(dir, 'x.agentcost.yaml');
    fs.writeFileSync(file, 'old: text\n', { mode: 0o640 });
    const before = fs.statSync(file);
    const reader = fs.openSync(file, 'r');
    assert.equal(writeFileAtomic(file, 'new: text\n'), null);
    assert.equal(fs.readFileSync(reader, 'utf8'), 'old: text\n', 'the old file was never written into');
    fs.closeSync(reader);
    assert.equal(fs.readFileSync(file, 'utf8'), 'new: text\n');
    assert.notEqual(fs.statSync(file).ino, before.ino, 'a new file, renamed in');
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(dir), ['x.agentcost.yaml']);
  });

  it('writes nothing through a symbolic link', () => {
    const dir = tmp();
    const target = path.join(dir, 'target.yaml');
    fs.writeFileSync(target, 'kept\n');
    fs.symlinkSync(target, path.join(dir, 'link.yaml'));
    assert.match(writeFileAtomic(path.join(dir, 'link.yaml'), 'x')?.error ?? '', /not a regular file/);
    assert.equal(fs.readFileSync(target, 'utf8'), 'kept\n');
  });
});
