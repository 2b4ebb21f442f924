// Every command, run through vscode.commands.executeCommand, and the reports they open.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { usd } from '../../src/core/reports/format';
import { activate, coreEstimate, open, setSetting, waitFor, workspaceFile } from './helpers';

const text = async (uri: vscode.Uri | undefined) => {
  assert.ok(uri, 'the command returned its report');
  return (await vscode.workspace.openTextDocument(uri)).getText();
};

describe('commands', () => {
  before(activate);

  it('Estimate This Workflow opens a report with totals, steps, means and p95, per day and month, assumptions and sources', async () => {
    const document = await open('support.agentflow.yaml');
    const core = coreEstimate(document);
    const report = await text(await vscode.commands.executeCommand<vscode.Uri>('agentCost.estimateFile'));
    assert.match(report, /^# Agent Cost Lens estimate/);
    assert.match(report, /## Support fixture/);
    assert.match(report, /\| \| per run \| per day \| per month \(30 days\) \|/);
    assert.ok(report.includes(`${usd(core.per_run?.cost_usd?.mean as number)} (p95 ${usd(core.per_run?.cost_usd?.p95 as number)})`), 'the mean and p95 of a ranged figure');
    assert.match(report, /### Steps[\s\S]*\| route \| ministral-3b \|[\s\S]*\| answer \| mistral-medium-3\.5 \|/);
    assert.match(report, /### Budget/);
    assert.match(report, /### Assumptions/);
    assert.match(report, /### Sources[\s\S]*genai-prices[\s\S]*\(2026-/);
    // the report is a read-only virtual document, not a file in the workspace
    assert.equal((await vscode.workspace.findFiles('**/*.md')).length, 0);
  });

  it('Estimate All Workflows in Workspace reports every workflow file', async () => {
    const report = await text(await vscode.commands.executeCommand<vscode.Uri>('agentCost.estimateWorkspace'));
    assert.match(report, /## Support fixture/);
    assert.match(report, /## Broken fixture/);
    assert.match(report, /\| Workflow \| Cost per run/);
  });

  it('Compare Models for This Workflow reports the what-if step by step', async () => {
    const document = await open('support.agentflow.yaml');
    const report = await text(await vscode.commands.executeCommand<vscode.Uri>('agentCost.compareModels', document.uri, 'ministral-8b'));
    assert.match(report, /# What if: Support fixture on Ministral 3 8B/);
    assert.match(report, /\| answer \| mistral-medium-3\.5 → ministral-8b \|/);
    assert.match(report, /\| check \| gpt-5\.5 → ministral-8b \|/);
    assert.match(report, /p95 wall time/);
    assert.match(report, /\| 29\.9 → 9 \|/, 'quality');
    assert.match(report, /## The whole workflow/);
  });

  it('Try a smaller model compares one step with its alternative', async () => {
    const document = await open('support.agentflow.yaml');
    const alternative = coreEstimate(document).alternatives.find((a) => a.step === 'check');
    assert.ok(alternative);
    const report = await text(await vscode.commands.executeCommand<vscode.Uri>('agentCost.tryStepAlternative', document.uri, 'check'));
    assert.ok(report.includes(`| check | gpt-5.5 → ${alternative.to} |`), report);
    assert.doesNotMatch(report, /\| answer \|/);
  });

  it('Export Estimate Report writes Markdown, CSV and JSON where asked', async () => {
    const source = workspaceFile('support.agentflow.yaml');
    const folder = vscode.Uri.joinPath(workspaceFile('.'), 'exports');
    for (const [format, ext] of [['JSON', 'json'], ['CSV', 'csv'], ['Markdown', 'md']]) {
      const target = vscode.Uri.joinPath(folder, `support.${ext}`);
      const written = await vscode.commands.executeCommand<vscode.Uri>('agentCost.exportReport', format, target, source);
      assert.equal(written?.toString(), target.toString());
      const content = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      if (format === 'JSON') assert.equal(JSON.parse(content).workflows[0].name, 'Support fixture');
      if (format === 'CSV') assert.match(content, /^file,workflow,step,model/);
      if (format === 'Markdown') assert.match(content, /## Support fixture/);
    }
    await vscode.workspace.fs.delete(folder, { recursive: true });
  });

  it('Open Side Panel shows the view', async () => {
    await vscode.commands.executeCommand('agentCost.openPanel');
  });

  it('Select Model Catalog and Import LiteLLM Price File override prices', async () => {
    const document = await open('support.agentflow.yaml');
    const route = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10))
      .find((l) => l.range.start.line === 6)?.command?.title;
    assert.ok(await vscode.commands.executeCommand<number>('agentCost.selectCatalog', workspaceFile('team-catalog.yaml')));
    assert.deepEqual(vscode.workspace.getConfiguration('agentCost').get('catalogFiles'), ['team-catalog.yaml']);
    // ministral-3b at $10 per million tokens: 305 tokens cost $0.00305
    await waitFor('the new price in the CodeLens', async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10))
      .find((l) => l.range.start.line === 6 && /^\$0\.003(1)?\/run/.test(l.command?.title ?? '')));
    assert.doesNotMatch(route ?? '', /^\$0\.003(1)?\/run/);
    // editing the catalog file takes effect without a reload: ministral-3b at $20 per million
    const catalogText = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('team-catalog.yaml')));
    await vscode.workspace.fs.writeFile(workspaceFile('team-catalog.yaml'), new TextEncoder().encode(catalogText.replace('input: 10, output: 10', 'input: 20, output: 20')));
    await waitFor('the edited catalog price', async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10))
      .find((l) => l.range.start.line === 6 && /^\$0\.0061\/run/.test(l.command?.title ?? '')));
    await vscode.workspace.fs.writeFile(workspaceFile('team-catalog.yaml'), new TextEncoder().encode(catalogText));
    await waitFor('the restored catalog price', async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10))
      .find((l) => l.range.start.line === 6 && /^\$0\.003(1)?\/run/.test(l.command?.title ?? '')));
    assert.equal(await vscode.commands.executeCommand('agentCost.importLiteLLM', workspaceFile('team-catalog.yaml')), undefined, 'not a LiteLLM file');
    assert.equal(await vscode.commands.executeCommand<number>('agentCost.importLiteLLM', workspaceFile('litellm-prices.json')), 1);
    // LiteLLM at $20 per million: $0.0061
    await waitFor('the LiteLLM price', async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10))
      .find((l) => l.range.start.line === 6 && l.command?.title.startsWith('$0.0061/run')));
    await setSetting('catalogFiles', undefined);
  });

  it('Show Estimation Log and Open an Example Workflow run', async () => {
    await vscode.commands.executeCommand('agentCost.showLog');
    await vscode.commands.executeCommand('agentCost.openExample');
    await waitFor('the example', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('kyc-onprem.agentflow.yaml') || undefined);
  });
});

describe('settings', () => {
  before(activate);
  afterEach(async () => {
    for (const key of ['region', 'codeLens.enabled', 'diagnostics.enabled', 'hovers.enabled', 'runsPerDay']) await setSetting(key, undefined);
  });

  it('region changes the CO2 of the hover', async () => {
    const document = await open('support.agentflow.yaml');
    const at = new vscode.Position(6, 10);
    const co2 = async () => (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at))
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('').match(/\| CO2e \| ([^|]+) \|/)?.[1];
    const eu = await co2();
    await setSetting('region', 'france');
    const france = await waitFor('a new CO2 figure', async () => ((await co2()) !== eu ? co2() : undefined));
    assert.notEqual(france, eu);
  });

  it('codeLens.enabled: false removes the CodeLens', async () => {
    const document = await open('support.agentflow.yaml');
    await setSetting('codeLens.enabled', false);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    assert.equal(lenses.length, 0);
  });

  it('hovers.enabled: false removes the hovers', async () => {
    const document = await open('support.agentflow.yaml');
    await setSetting('hovers.enabled', false);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(6, 10));
    assert.equal(hovers.filter((h) => h.contents.some((c) => typeof c !== 'string' && 'value' in c && c.value.includes('Step'))).length, 0);
  });

  it('diagnostics.enabled: false clears the Problems panel', async () => {
    const document = await open('broken.agentflow.yaml');
    await waitFor('diagnostics', () => vscode.languages.getDiagnostics(document.uri).length > 0 || undefined);
    await setSetting('diagnostics.enabled', false);
    await waitFor('no diagnostics', () => vscode.languages.getDiagnostics(document.uri).length === 0 || undefined);
  });

  it('runsPerDay gives per-day figures to a file without runs_per_day', async () => {
    const document = await open('broken.agentflow.yaml');
    await setSetting('runsPerDay', 500);
    const hover = async () => (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(0, 8)))
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('');
    await waitFor('per-day figures', async () => ((await hover()).includes('per day') ? true : undefined));
  });
});
