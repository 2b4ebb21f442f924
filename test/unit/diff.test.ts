// `agent-cost diff`: git repositories built in temporary folders (commit, change a model, add a
// workflow, rename one), every output format, saved estimates, limits and bad input.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli';
import { close, PRICE_DATE } from './helpers';

const SUPPORT = `name: Support
runs_per_day: 100
steps:
  - { id: triage, model: mistral-small-4, input_tokens: 1000, output_tokens: 200 }
  - { id: answer, after: [triage], model: gpt-4.1-mini, input_tokens: 2000, output_tokens: 400 }
`;
const DIGEST = `name: Digest
runs_per_day: 10
steps:
  - { id: summarise, model: gpt-4o-mini, input_tokens: 3000, output_tokens: 300 }
`;

function sh(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
}

/** A repository with two workflows committed; `change` edits the working tree after the commit. */
function repository(change: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-cost-diff-'));
  fs.mkdirSync(path.join(dir, 'flows'));
  fs.writeFileSync(path.join(dir, 'flows/support.agentflow.yaml'), SUPPORT);
  fs.writeFileSync(path.join(dir, 'flows/digest.agentflow.yaml'), DIGEST);
  sh(dir, 'init', '-q');
  sh(dir, '-c', 'user.email=t@example.com', '-c', 'user.name=T', 'add', '-A');
  sh(dir, '-c', 'user.email=t@example.com', '-c', 'user.name=T', 'commit', '-qm', 'base');
  change(dir);
  return dir;
}

function cli(cwd: string, ...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = run([...args, '--price-date', PRICE_DATE], (s) => { out += s; }, (s) => { err += s; });
    return { code, out, err };
  } finally {
    process.chdir(before);
  }
}

/** The p50 cost per run and per month of a workflow file, estimated on its own. */
function estimated(cwd: string, file: string): { run: number; month: number | null } {
  const w = JSON.parse(cli(cwd, 'estimate', file, '--format', 'json').out).workflows[0];
  return { run: w.per_run.cost_usd.p50, month: w.per_month?.cost_usd.p50 ?? null };
}

const swapModel = (dir: string) => {
  fs.writeFileSync(path.join(dir, 'flows/support.agentflow.yaml'), SUPPORT.replace('gpt-4.1-mini', 'gpt-4.1'));
  fs.writeFileSync(path.join(dir, 'flows/new.agentflow.yaml'), 'name: New\nruns_per_day: 5\nsteps:\n  - { id: s, model: gpt-4o-mini, input_tokens: 500, output_tokens: 100 }\n');
};

describe('agent-cost diff', function () {
  this.timeout(60_000);

  it('says changed with the exact delta of estimating both versions, names the models, and added for a new file', () => {
    const dir = repository(swapModel);
    const before = (() => {
      const old = path.join(dir, 'old.agentflow.yaml');
      fs.writeFileSync(old, SUPPORT);
      const e = estimated(dir, old);
      fs.rmSync(old);
      return e;
    })();
    const after = estimated(dir, 'flows/support.agentflow.yaml');
    const r = cli(dir, 'diff', '--base', 'HEAD', '--format', 'json');
    assert.equal(r.code, 0, r.err);
    const d = JSON.parse(r.out);
    assert.deepEqual([d.base, d.head], ['HEAD', 'working tree']);
    const support = d.workflows.find((w: { file: string }) => w.file === 'flows/support.agentflow.yaml');
    assert.equal(support.status, 'changed');
    close(support.per_run.cost_usd.delta, after.run - before.run, 'per run, as estimating both');
    close(support.per_month.cost_usd.delta, (after.month as number) - (before.month as number), 'per month');
    const answer = support.steps.find((s: { id: string }) => s.id === 'answer');
    assert.deepEqual([answer.status, answer.model], ['changed', { base: 'gpt-4.1-mini', head: 'gpt-4.1' }]);
    assert.equal(support.steps.find((s: { id: string }) => s.id === 'triage').status, 'unchanged');
    assert.equal(d.workflows.find((w: { file: string }) => w.file === 'flows/new.agentflow.yaml').status, 'added');
    assert.equal(d.workflows.find((w: { file: string }) => w.file === 'flows/digest.agentflow.yaml').status, 'unchanged');
  });

  it('gates the rise with --fail-on-increase, as a share or in USD a month', () => {
    const dir = repository(swapModel);
    const rise = JSON.parse(cli(dir, 'diff', '--base', 'HEAD', '--format', 'json').out).totals.per_month.cost_usd;
    assert.ok(rise.delta_pct > 0.05, JSON.stringify(rise));
    assert.equal(cli(dir, 'diff', '--base', 'HEAD', '--fail-on-increase', '5%').code, 1);
    assert.equal(cli(dir, 'diff', '--base', 'HEAD', '--fail-on-increase', `${Math.ceil(rise.delta_pct * 100) + 1}%`).code, 0);
    assert.equal(cli(dir, 'diff', '--base', 'HEAD', '--fail-on-increase', `${Math.ceil(rise.delta) + 1}`).code, 0, 'a USD limit per month the rise stays under');
    assert.equal(cli(dir, 'diff', '--base', 'HEAD', '--fail-on-increase', 'lots').code, 2);
  });

  it('writes a pull-request comment that names the workflow and the new model', () => {
    const dir = repository(swapModel);
    const md = cli(dir, 'diff', '--base', 'HEAD', '--format', 'markdown').out;
    assert.match(md, /^### Agent Cost Lens: what this change does to the bill/);
    assert.match(md, /\| Support<br>`flows\/support\.agentflow\.yaml` \| changed \|/);
    assert.match(md, /\| answer \| changed \| gpt-4\.1-mini → gpt-4\.1 \|/);
    assert.match(md, /\| New<br>`flows\/new\.agentflow\.yaml` \| added \|/);
    assert.doesNotMatch(md, /Digest/, 'unchanged workflows are left out');
  });

  it('annotates the changed line for GitHub Actions', () => {
    const dir = repository(swapModel);
    const gh = cli(dir, 'diff', '--base', 'HEAD', '--format', 'github').out;
    // the answer step is on line 5 of the file
    assert.match(gh, /^::warning file=flows\/support\.agentflow\.yaml,line=5,title=Cost per run rose::Agent Cost Lens: step 'answer' costs more: .*\(model gpt-4\.1-mini → gpt-4\.1\)$/m);
    assert.match(gh, /^::warning file=flows\/new\.agentflow\.yaml,line=\d+,/m);
    assert.match(gh, /^::notice title=Agent Cost Lens::/m);
    assert.match(cli(dir, 'diff', '--base', 'HEAD').out, /changed +Support \(flows\/support\.agentflow\.yaml\)/);
  });

  it('follows a renamed file, and reads the base revision never checked out', () => {
    const dir = repository((d) => {
      sh(d, 'mv', 'flows/digest.agentflow.yaml', 'flows/daily-digest.agentflow.yaml');
    });
    const d = JSON.parse(cli(dir, 'diff', '--base', 'HEAD', '--format', 'json').out);
    const renamed = d.workflows.find((w: { file: string }) => w.file === 'flows/daily-digest.agentflow.yaml');
    assert.deepEqual([renamed.status, renamed.renamed_from], ['unchanged', 'flows/digest.agentflow.yaml']);
    assert.ok(!d.workflows.some((w: { status: string }) => w.status === 'removed'));
    assert.ok(fs.existsSync(path.join(dir, 'flows/daily-digest.agentflow.yaml')), 'the working tree is untouched');
  });

  it('compares two saved estimates to the same delta', () => {
    const dir = repository(swapModel);
    const fromGit = JSON.parse(cli(dir, 'diff', '--base', 'HEAD', '--format', 'json').out);
    const head = cli(dir, 'estimate', 'flows', '--format', 'json').out;
    sh(dir, 'stash', '-u', '-q');
    const base = cli(dir, 'estimate', 'flows', '--format', 'json').out;
    fs.writeFileSync(path.join(dir, 'base.json'), base);
    fs.writeFileSync(path.join(dir, 'head.json'), head);
    const saved = JSON.parse(cli(dir, 'diff', 'base.json', 'head.json', '--format', 'json').out);
    const pick = (d: { workflows: { file: string; per_run: { cost_usd: { delta: number } } }[] }) => d.workflows.find((w) => w.file.endsWith('support.agentflow.yaml'))?.per_run.cost_usd.delta;
    close(pick(saved), pick(fromGit) as number, 'the same delta');
  });

  it("runs the GitHub Action's entry script against a repository: annotations, one comment, the gate", () => {
    const dir = repository(swapModel);
    const comment = path.join(dir, 'comment.md');
    const script = path.resolve(__dirname, '../../../scripts/action/cost-diff.mjs');
    const env = { ...process.env, GITHUB_ACTIONS: '', AGENT_COST_DRY_RUN: '1', AGENT_COST_COMMENT_FILE: comment, INPUT_BASE: 'HEAD', INPUT_PATHS: 'flows', INPUT_PRICE_DATE: PRICE_DATE };
    const failing = spawnSync(process.execPath, [script], { cwd: dir, encoding: 'utf8', env: { ...env, INPUT_FAIL_ON_INCREASE: '5%' } });
    assert.equal(failing.status, 1, failing.stderr);
    assert.match(failing.stdout, /^::warning file=flows\/support\.agentflow\.yaml,line=5,/m);
    const body = fs.readFileSync(comment, 'utf8');
    assert.match(body, /^<!-- agent-cost-lens-diff -->\n### Agent Cost Lens: what this change does to the bill/);
    assert.match(body, /gpt-4\.1-mini → gpt-4\.1/);
    const passing = spawnSync(process.execPath, [script], { cwd: dir, encoding: 'utf8', env: { ...env, INPUT_FAIL_ON_INCREASE: '100000%' } });
    assert.equal(passing.status, 0, passing.stderr);
  });

  it('exits 2 on an unknown revision or a broken saved estimate, naming it', () => {
    const dir = repository(() => {});
    const unknown = cli(dir, 'diff', '--base', 'no-such-branch');
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /unknown revision 'no-such-branch'/);
    fs.writeFileSync(path.join(dir, 'broken.json'), '{ "workflows": [');
    const broken = cli(dir, 'diff', 'broken.json', 'broken.json');
    assert.equal(broken.code, 2);
    assert.match(broken.err, /broken\.json: not JSON/);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-cost-nogit-'));
    assert.match(cli(outside, 'diff', '--base', 'HEAD').err, /not in a git repository/);
  });
});
