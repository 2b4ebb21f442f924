// Activation, hovers, CodeLens, diagnostics and quick fixes, in a real VS Code, asserted against
// the core's own figures.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lensTitle } from '../../src/core/reports/explain';
import { seconds, usd, wh } from '../../src/core/reports/format';
import { coreEstimate, hoverText, open, positionOf, revert, waitFor } from './helpers';

describe('hovers', () => {
  it('show a step\'s figures, its share and its smaller model, as the core computes them', async () => {
    const document = await open('support.agentflow.yaml');
    const core = coreEstimate(document);
    const answer = core.steps.find((s) => s.id === 'answer');
    assert.ok(answer?.cost_usd && answer.latency_s && answer.energy_wh);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'id: answer', 5));
    const text = hoverText(hovers);
    assert.match(text, /Step `answer`/);
    assert.ok(text.includes(`| Cost | ${usd(answer.cost_usd.mean)} | ${usd(answer.cost_usd.p50)} | ${usd(answer.cost_usd.p95)} |`), text);
    assert.ok(text.includes(`| Wall time | | ${seconds(answer.latency_s.p50)} | ${seconds(answer.latency_s.p95)} |`), text);
    assert.ok(text.includes(`| Energy | ${wh(answer.energy_wh.mean)} | ${wh(answer.energy_wh.p50)} |`), text);
    assert.match(text, /of the workflow's cost/);
    assert.match(text, /Prices: .*as of/);
    const alternative = core.alternatives.find((a) => a.step === 'answer');
    if (alternative) assert.ok(text.includes(`\`${alternative.to}\` saves`), text);
  });

  it('show the workflow\'s totals per run, day and month, and its budget, on its name', async () => {
    const document = await open('support.agentflow.yaml');
    const core = coreEstimate(document);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'Support fixture', 2));
    const text = hoverText(hovers);
    assert.match(text, /\*\*Support fixture\*\*/);
    assert.match(text, /per day \| per month/);
    assert.ok(text.includes(`${usd(core.per_month?.cost_usd?.mean as number)} (p95 ${usd(core.per_month?.cost_usd?.p95 as number)})`), text);
    assert.match(text, /Budget `usd_per_run` ≤ 0\.05/);
  });

  it('show a model\'s catalog entry on its id', async () => {
    const document = await open('support.agentflow.yaml');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'mistral-medium', 3));
    const text = hoverText(hovers);
    assert.match(text, /Mistral Medium 3\.5/);
    assert.match(text, /open weights/);
    assert.match(text, /Intelligence Index 29\.9/);
    assert.match(text, /128B total/);
    assert.match(text, /Prices: .*genai-prices/);
  });
});

describe('CodeLens', () => {
  it('sits above the workflow and each step with the core\'s figures, and offers a smaller model', async () => {
    const document = await open('support.agentflow.yaml');
    const core = coreEstimate(document);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100);
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.includes(`Support fixture: ${lensTitle(core.per_run!)}`), titles.join('\n'));
    for (const s of core.steps) {
      const lens = lenses.find((l) => l.command?.title === lensTitle(s));
      assert.ok(lens, `${s.id}: ${lensTitle(s)} in ${titles.join(' | ')}`);
      assert.equal(lens.command?.command, 'agentCost.estimateFile');
      assert.equal(lens.range.start.line, positionOf(document, `id: ${s.id}`).line);
    }
    const tries = lenses.filter((l) => l.command?.command === 'agentCost.tryStepAlternative');
    assert.equal(tries.length, core.alternatives.length);
    assert.match(lensTitle(core.per_run!), /^\$[\d.]+\/run \(p95 \$[\d.]+\) · p95 [\d.]+ s · [\d.]+ Wh$/, 'the mean a run, with its p95 beside it');
  });
});

describe('diagnostics', () => {
  it('report an unknown model and a missing step with exact ranges', async () => {
    const document = await open('broken.agentflow.yaml');
    const diagnostics = await waitFor('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(document.uri);
      return d.length >= 2 ? d : undefined;
    });
    const model = diagnostics.find((d) => d.code === 'unknown-model');
    assert.ok(model);
    assert.deepEqual([model.range.start.line, model.range.start.character, model.range.end.line, model.range.end.character], [3, 11, 3, 23]);
    assert.equal(model.severity, vscode.DiagnosticSeverity.Error);
    assert.match(model.message, /Unknown model 'mistral-smal'.*mistral-small-4/);
    const after = diagnostics.find((d) => d.code === 'missing-step');
    assert.ok(after);
    assert.deepEqual([after.range.start.line, after.range.start.character, after.range.end.character], [7, 12, 17]);
  });

  it('offer quick fixes: the nearest model id, and the nearest step id', async () => {
    const document = await open('broken.agentflow.yaml');
    const model = await waitFor('the model diagnostic', () => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'unknown-model'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, model.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === "Use the catalog model 'mistral-small-4'");
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    const after = vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'missing-step');
    assert.ok(after);
    const afterActions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, after.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(afterActions.some((a) => a.title === "Run after 'first' instead"), afterActions.map((a) => a.title).join(', '));
    // applying the model fix clears that problem as the document changes
    assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)));
    await waitFor('the fixed diagnostics', () => !vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'unknown-model') || undefined);
    await revert(document);
  });

  it('update as the user types', async () => {
    const document = await open('support.agentflow.yaml');
    const editor = await vscode.window.showTextDocument(document);
    assert.equal(vscode.languages.getDiagnostics(document.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length, 0);
    await editor.edit((e) => e.replace(document.lineAt(7).range, '    model: not-a-model'));
    await waitFor('a new diagnostic', () => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'unknown-model'));
    await revert(document);
    await waitFor('the diagnostic gone', () => !vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'unknown-model') || undefined);
  });
});
