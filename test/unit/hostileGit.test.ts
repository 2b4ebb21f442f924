// A repository written to make git run its programs, and to make a file's base text come from the
// pull request: `agent-cost diff --base` run in it, as CI runs it (the CLI as a child process),
// runs none of them, and the newline-named file hides no rise from the gate.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runGit } from '../../src/core/git';
import { findRenames } from '../../src/core/diff/renames';
import { PRICE_DATE } from './helpers';
import { HANG_GUARD_MS } from './mutate';

const bin = path.resolve(__dirname, '../../../bin/agent-cost.js');
const CHEAP = 'name: Good\nsteps:\n  - { id: answer, model: gpt-4.1-mini, input_tokens: 100, output_tokens: 10 }\n';
const DEAR = CHEAP.replace('input_tokens: 100, output_tokens: 10', 'input_tokens: 90000, output_tokens: 9000');

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=T', ...args], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

function agentCost(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args, '--price-date', PRICE_DATE], { cwd, encoding: 'utf8', timeout: 3 * HANG_GUARD_MS });
  assert.equal(r.error, undefined, r.error?.message);
  assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+|internal error/i, r.stderr);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

describe('a repository that wants git to run its programs', function () {
  this.timeout(10 * HANG_GUARD_MS);
  let dir: string;
  let marks: string;
  const ran = () => fs.readdirSync(marks);

  beforeEach(() => {
    dir = tmp('agent-cost-git-');
    marks = tmp('agent-cost-marks-');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(marks, { recursive: true, force: true });
  });

  it('runs no fsmonitor, filter, textconv, external diff, pager or hook of its config, dirty tree and renames included', () => {
    fs.mkdirSync(path.join(dir, 'flows'));
    fs.writeFileSync(path.join(dir, 'flows/support.agentflow.yaml'), CHEAP);
    fs.writeFileSync(path.join(dir, 'flows/digest.agentflow.yaml'), CHEAP.replace('Good', 'Digest'));
    fs.writeFileSync(path.join(dir, '.gitattributes'), '* filter=evil diff=evil\n');
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    const touch = (name: string) => `touch ${JSON.stringify(path.join(marks, name))}`;
    const hooks = path.join(dir, 'evil-hooks');
    fs.mkdirSync(hooks);
    for (const hook of ['post-index-change', 'reference-transaction', 'post-checkout', 'pre-auto-gc']) {
      fs.writeFileSync(path.join(hooks, hook), `#!/bin/sh\n${touch(hook)}\n`, { mode: 0o755 });
    }
    fs.appendFileSync(path.join(dir, '.git/config'), [
      '[core]', `\tfsmonitor = ${touch('fsmonitor')}; false`, `\thooksPath = ${hooks}`, `\tpager = ${touch('pager')}; cat`,
      '[filter "evil"]', `\tclean = ${touch('clean')}; cat`, `\tsmudge = ${touch('smudge')}; cat`, `\tprocess = ${touch('process')}`,
      '[diff "evil"]', `\ttextconv = ${touch('textconv')}; cat`, `\tcommand = ${touch('diff-command')}`,
      '[diff]', `\texternal = ${touch('external')}`, '',
    ].join('\n'));
    // a dirty tree, a file moved and edited, a new one: what makes git compare with the work tree
    fs.writeFileSync(path.join(dir, 'flows/support.agentflow.yaml'), DEAR);
    fs.renameSync(path.join(dir, 'flows/digest.agentflow.yaml'), path.join(dir, 'flows/daily.agentflow.yaml'));
    fs.appendFileSync(path.join(dir, 'flows/daily.agentflow.yaml'), '# moved\n');
    for (const format of ['table', 'json', 'markdown', 'github']) {
      const r = agentCost(dir, 'diff', '--base', 'HEAD', '--format', format);
      assert.equal(r.code, 0, r.err);
    }
    assert.deepEqual(ran(), [], 'no program of the repository ran');
    const d = JSON.parse(agentCost(dir, 'diff', '--base', 'HEAD', '--format', 'json').out);
    const daily = d.workflows.find((w: { file: string }) => w.file === 'flows/daily.agentflow.yaml');
    assert.deepEqual([daily.status, daily.renamed_from], ['unchanged', 'flows/digest.agentflow.yaml'], 'a moved and edited file is still followed');
    assert.equal(d.workflows.find((w: { file: string }) => w.file === 'flows/support.agentflow.yaml').status, 'changed');
    assert.deepEqual(ran(), []);
  });

  it('fetches nothing for a partial clone\'s missing objects: no upload-pack or ssh of its config runs', () => {
    const origin = path.join(dir, 'origin');
    fs.mkdirSync(origin);
    fs.writeFileSync(path.join(origin, 'good.agentflow.yaml'), CHEAP);
    git(origin, 'init', '-q');
    git(origin, 'add', '-A');
    git(origin, 'commit', '-qm', 'base');
    git(origin, 'config', 'uploadpack.allowFilter', 'true');
    git(dir, 'clone', '-q', '--filter=blob:none', '--no-checkout', `file://${origin}`, 'clone');
    const clone = path.join(dir, 'clone');
    git(clone, 'config', 'remote.origin.uploadpack', `touch ${JSON.stringify(path.join(marks, 'upload-pack'))}; git-upload-pack`);
    git(clone, 'config', 'core.sshCommand', `touch ${JSON.stringify(path.join(marks, 'ssh'))}`);
    const r = agentCost(clone, 'diff', '--base', 'HEAD', '--format', 'json');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(ran(), [], 'the blob was not fetched');
  });

  it('reads a base file by its object id: a name holding a newline cannot ask for the pull request\'s text', () => {
    const trick = 'a\nHEAD:good.agentflow.yaml';
    fs.writeFileSync(path.join(dir, 'good.agentflow.yaml'), CHEAP);
    fs.writeFileSync(path.join(dir, trick), CHEAP.replace('Good', 'Trick'));
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    const base = git(dir, 'rev-parse', 'HEAD');
    fs.writeFileSync(path.join(dir, 'good.agentflow.yaml'), DEAR);
    git(dir, 'commit', '-qam', 'a 900-fold rise');
    const d = JSON.parse(agentCost(dir, 'diff', '--base', base, '--format', 'json').out);
    const good = d.workflows.find((w: { file: string }) => w.file === 'good.agentflow.yaml');
    assert.equal(good.status, 'changed');
    assert.ok(good.per_run.cost_usd.delta_pct > 100, `the rise shows: ${JSON.stringify(good.per_run.cost_usd)}`);
    assert.equal(d.workflows.find((w: { file: string }) => w.file === trick).status, 'unchanged', 'the newline-named file is read as itself');
    const gate = agentCost(dir, 'diff', '--base', base, '--fail-on-increase', '10%');
    assert.equal(gate.code, 1, `the gate fails: ${gate.out}`);
  });

  it('runs only the commands that read objects and refs', () => {
    assert.throws(() => runGit(dir, ['diff', '--name-status']), /not one of the commands/);
    assert.throws(() => runGit(dir, ['status']), /not one of the commands/);
  });
});

describe('rename detection by content', () => {
  it('pairs an exact move, then a moved file at least half the same, and leaves the rest', () => {
    const long = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const renames = findRenames(
      new Map([['old/a.yaml', 'same text'], ['old/b.yaml', long], ['old/c.yaml', 'nothing alike']]),
      new Map([['new/a.yaml', 'same text'], ['new/b.yaml', `${long}\nedited`], ['new/d.yaml', 'completely different']]),
    );
    assert.deepEqual([...renames], [['new/a.yaml', 'old/a.yaml'], ['new/b.yaml', 'old/b.yaml']]);
  });
});
