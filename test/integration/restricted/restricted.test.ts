// An untrusted workspace, in Restricted Mode: the extension estimates its workflow files and runs
// nothing from them; the workspace's own settings that read or map files (a catalog outside it,
// deployments, assumptions, workflow globs) are ignored, and no file outside it is read. The
// workspace is a git repository whose config would run a program: the extension runs no git at all
// (a git first on PATH logs every call), and reads none of its observation files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { coreEstimate, EXTENSION_ID, hoverText, open, positionOf, waitFor, workspaceFile } from '../helpers';
import type { AgentCostApi } from '../../../src/extension';
import { usd } from '../../../src/core/reports/format';

// Before any test opens a workflow (and the status bar might compare it): git is the logging one.
process.env.PATH = `${process.env.AGENT_COST_GIT_BIN}${path.delimiter}${process.env.PATH}`;

describe('Restricted Mode', () => {
  it('is where these tests run, with the workspace\'s hostile settings in place', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri;
    const settings = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, '.vscode/settings.json')));
    assert.match(settings, /agentCost\.catalogFiles/, 'the workspace sets a catalog file');
    const config = vscode.workspace.getConfiguration('agentCost');
    assert.deepEqual([config.get('catalogFiles'), config.get('deployments'), config.get('assumptions'), config.get('workflowGlobs')], [[], {}, {}, ['**/*.{yaml,yml,json,jsonc,prompty}']], 'VS Code keeps only the defaults');
    const api = (await vscode.extensions.getExtension<AgentCostApi>(EXTENSION_ID)?.activate()) as AgentCostApi;
    assert.ok(api.estimates);
  });

  it('ignores a catalog file and assumptions the workspace sets: the figures are the defaults', async () => {
    const document = await open('support.agentflow.yaml');
    const core = coreEstimate(document);
    const answer = core.steps.find((s) => s.id === 'answer');
    assert.ok(answer?.cost_usd);
    const text = await waitFor('the hover', async () => hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'id: answer', 5))) || undefined);
    assert.ok(text.includes(`| Cost | ${usd(answer.cost_usd.p50)} |`), text);
    assert.match(text, /300 out/, 'output tokens as the file says, not the workspace\'s assumption');
  });

  it('ignores the workspace\'s workflow globs: every workflow file is still found', async () => {
    const report = await vscode.commands.executeCommand<vscode.Uri>('agentCost.estimateWorkspace');
    assert.ok(report, 'a report');
    const text = (await vscode.workspace.openTextDocument(report)).getText();
    assert.match(text, /Untrusted fixture/);
  });

  it('reads no file outside the workspace, and says so at the reference', async () => {
    const document = await open('evals/promptfooconfig.yaml');
    const diagnostics = await waitFor('the diagnostics', () => {
      const found = vscode.languages.getDiagnostics(document.uri).filter((d) => /outside the workspace/.test(d.message));
      return found.length ? found : undefined;
    });
    assert.equal(diagnostics[0].range.start.line, 3, 'at the prompt reference');
  });
});

describe('Restricted Mode: no git, no observation file', () => {
  const folder = () => (vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri).fsPath;
  const outside = () => path.join(path.dirname(folder()), 'outside');
  const gitLog = () => fs.readFileSync(process.env.AGENT_COST_GIT_LOG as string, 'utf8').split('\n').filter(Boolean);

  it('runs no git: the status bar compares with no branch, and Compare With Branch says why', async () => {
    assert.ok(process.env.AGENT_COST_GIT_BIN && process.env.AGENT_COST_GIT_LOG, 'git calls are logged');
    execFileSync('git', ['--version']);
    assert.ok(gitLog().includes('--version'), 'the logging git is the one on PATH');
    const document = await open('support.agentflow.yaml');
    await waitFor('the estimate', async () => hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'id: answer', 5))) || undefined);
    // the status bar updates a moment after the editor changes
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(await vscode.commands.executeCommand('agentCost.compareWithBranch', 'main'), undefined);
    assert.deepEqual(gitLog().filter((line) => line.includes('core.fsmonitor=false')), [], 'none of our git calls ran');
    assert.equal(fs.existsSync(path.join(outside(), 'PWNED')), false);
  });

  it('reads no observation file of the untrusted workspace, from the setting or given to Calibrate', async () => {
    fs.mkdirSync(path.join(folder(), 'observed'), { recursive: true });
    fs.writeFileSync(path.join(folder(), 'observed/calls.csv'), 'run,step,model,input_tokens,output_tokens\na,answer,gpt-5.5,900,90\nb,answer,gpt-5.5,1100,110\n');
    const config = vscode.workspace.getConfiguration('agentCost');
    await config.update('observedFiles', ['observed/*.csv'], vscode.ConfigurationTarget.Global);
    try {
      const api = (await vscode.extensions.getExtension<AgentCostApi>(EXTENSION_ID)?.activate()) as AgentCostApi;
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepEqual(await api.estimates.observations.ready(), []);
      const calibrated = await vscode.commands.executeCommand('agentCost.calibrate', workspaceFile('support.agentflow.yaml'), [workspaceFile('observed/calls.csv')]);
      assert.equal(calibrated, undefined);
      assert.equal(fs.existsSync(path.join(folder(), 'support.agentflow.agentcost.yaml')), false);
    } finally {
      await config.update('observedFiles', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
