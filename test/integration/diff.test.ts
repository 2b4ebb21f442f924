// "Agent Cost: Compare With Branch…": the workspace made a git repository, a model changed after
// the commit, and the command's report read as a user reads it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import * as vscode from 'vscode';
import { activate, waitFor, workspaceFile } from './helpers';

const git = (cwd: string, ...args: string[]) => {
  const r = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=T', ...args], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
};

describe('Compare With Branch…', () => {
  const folder = () => workspaceFile('').fsPath;
  const file = () => workspaceFile('support.agentflow.yaml').fsPath;
  let original = '';

  before(async () => {
    await activate();
    original = fs.readFileSync(file(), 'utf8');
    git(folder(), 'init', '-q');
    git(folder(), 'add', '-A');
    git(folder(), 'commit', '-qm', 'base');
    assert.match(original, /model: mistral-medium/, 'the fixture names the model this test swaps');
    const changed = original.replace('model: mistral-medium', 'model: gpt-5.5');
    fs.writeFileSync(file(), changed);
    // an open copy of the file (an earlier suite's) follows the disk asynchronously, and the working tree is read through it
    await waitFor('the changed file in the editor', () => {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file());
      return !open || open.getText() === changed ? true : undefined;
    });
  });

  after(async () => {
    fs.writeFileSync(file(), original);
    fs.rmSync(`${folder()}/.git`, { recursive: true, force: true });
    // an open copy of the file follows the disk asynchronously: the next suites read it
    await waitFor('the restored file in the editor', () => {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file());
      return !open || open.getText() === original ? true : undefined;
    });
  });

  it('opens a report of what the change does to the bill, naming the step and both models', async () => {
    const report = await vscode.commands.executeCommand<vscode.Uri>('agentCost.compareWithBranch', 'HEAD');
    assert.ok(report, 'a report');
    const text = (await vscode.workspace.openTextDocument(report)).getText();
    assert.match(text, /### Agent Cost Lens: what this change does to the bill/);
    assert.match(text, /`support\.agentflow\.yaml` \| changed \|/);
    assert.match(text, /\| answer \| changed \| mistral-medium-3\.5 → gpt-5\.5 \|/);
    assert.match(text, /`HEAD` → `working tree`/);
  });

  it('names an unknown revision', async () => {
    const report = await vscode.commands.executeCommand<vscode.Uri | undefined>('agentCost.compareWithBranch', 'no-such-branch');
    assert.equal(report, undefined);
  });
});
