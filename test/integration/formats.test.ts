// The other formats in a real VS Code: hovers, CodeLens and diagnostics on a promptfoo config and
// a CrewAI crew read the same figures as the CLI; other YAML is left alone.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lensTitle } from '../../src/core/reports/explain';
import { seconds, usd } from '../../src/core/reports/format';
import { activate, coreEstimate, hoverText, open, positionOf, revert, waitFor, workspaceFile } from './helpers';

async function hoverAt(document: vscode.TextDocument, text: string, offset = 2): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, text, offset));
  return hoverText(hovers);
}

describe('a promptfoo config', () => {
  before(activate);

  it('shows a provider\'s calls and figures on hover, as the CLI computes them', async () => {
    const document = await open('evals/promptfooconfig.yaml');
    const core = coreEstimate(document);
    const step = core.steps.find((s) => s.id === 'openai:gpt-4.1-mini');
    assert.ok(step?.cost_usd && step.latency_s);
    assert.equal(step.calls.p50, 3, '1 test + 1 test whose question expands to 2');
    const text = await hoverAt(document, 'openai:gpt-4.1-mini');
    assert.match(text, /Step `openai:gpt-4\.1-mini`/);
    assert.ok(text.includes(`| Cost | ${usd(step.cost_usd.mean)} | ${usd(step.cost_usd.p50)} | ${usd(step.cost_usd.p95)} |`), text);
    assert.ok(text.includes(`| Wall time | | ${seconds(step.latency_s.p50)} | ${seconds(step.latency_s.p95)} |`), text);
    assert.match(text, /output tokens per call \(the cap is 300\)/, 'its assumptions are shown');
  });

  it('puts the grader\'s calls and the sidecar\'s runs per day in the workflow\'s figures', async () => {
    const document = await open('evals/promptfooconfig.yaml');
    const core = coreEstimate(document);
    assert.equal(core.per_run?.calls.p50, 8, '3 + 3 calls, and 2 grading calls');
    const text = await hoverAt(document, 'Support answers');
    assert.match(text, /\*\*Support answers\*\*/);
    assert.ok(text.includes(usd(core.per_day?.cost_usd?.mean as number)), text);
    assert.match(text, /Budget `usd_per_day` ≤ 5/);
  });

  it('has a CodeLens on each provider line', async () => {
    const document = await open('evals/promptfooconfig.yaml');
    const core = coreEstimate(document);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100);
    const mistral = core.steps.find((s) => s.id === 'mistral:mistral-small-latest');
    assert.ok(mistral);
    const lens = lenses.find((l) => l.command?.title === lensTitle(mistral));
    assert.ok(lens, lenses.map((l) => l.command?.title).join(' | '));
    assert.equal(lens.range.start.line, positionOf(document, '- mistral:mistral-small-latest').line);
  });

  it('reports an unknown provider model at its line, and offers to map it in the sidecar', async () => {
    const document = await open('evals/promptfooconfig.yaml');
    const editor = await vscode.window.showTextDocument(document);
    const line = positionOf(document, '- mistral:mistral-small-latest').line;
    await editor.edit((e) => e.replace(document.lineAt(line).range, '  - azure:chat:acme-frobnicator'));
    const diagnostic = await waitFor('the unknown model', () => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'unknown-model'));
    assert.equal(diagnostic.range.start.line, line);
    assert.match(diagnostic.message, /acme-frobnicator.*promptfooconfig\.agentcost\.yaml/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    // The deployment name is the key: promptfoo's `azure:chat:` prefix names the provider.
    const fix = actions.find((a) => /^Map 'acme-frobnicator' to '.+' in promptfooconfig\.agentcost\.yaml$/.test(a.title));
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    // Applied, it adds the mapping to the sidecar (keeping what is there, unsaved, for the user to
    // see), and the problem goes at once.
    const sidecar = workspaceFile('evals/promptfooconfig.agentcost.yaml');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const edited = vscode.workspace.textDocuments.find((d) => d.uri.toString() === sidecar.toString());
    assert.ok(edited?.isDirty, 'the sidecar is edited, not saved behind the user\'s back');
    assert.match(edited.getText(), /runs_per_day: 24/);
    assert.match(edited.getText(), /deployments:\n {2}acme-frobnicator: \S+/);
    await waitFor('the mapped model', () => !vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'unknown-model') || undefined);
    await revert(edited);
    await revert(document);
    await waitFor(() => `the diagnostic gone (v${document.version}: ${vscode.languages.getDiagnostics(document.uri).map((d) => d.message).join(' | ')}; line ${line}: ${document.lineAt(line).text})`,
      () => !vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'unknown-model') || undefined);
  });
});

describe('a sidecar file', () => {
  before(activate);

  it('has its problems reported in it, at their line, and cleared once fixed', async () => {
    const document = await open('evals/promptfooconfig.yaml');
    const sidecar = workspaceFile('evals/promptfooconfig.agentcost.yaml');
    const original = await vscode.workspace.fs.readFile(sidecar);
    await vscode.workspace.fs.writeFile(sidecar, new TextEncoder().encode('runs_per_day: 24\nbudget:\n  usd_per_fortnight: 5\n'));
    try {
      const problem = await waitFor('the sidecar problem', () => vscode.languages.getDiagnostics(sidecar).find((d) => d.code === 'sidecar'));
      assert.equal(problem.range.start.line, 2);
      assert.match(problem.message, /Unknown budget 'usd_per_fortnight'/);
      assert.ok(!vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'sidecar'), 'not on the workflow');
    } finally {
      await vscode.workspace.fs.writeFile(sidecar, original);
    }
    await waitFor('the problem gone', () => vscode.languages.getDiagnostics(sidecar).length === 0 || undefined);
  });
});

describe('a CrewAI crew', () => {
  before(activate);

  it('shows a task\'s figures on hover in tasks.yaml, on its agent\'s model', async () => {
    const document = await open('crew/config/tasks.yaml');
    const core = coreEstimate(document);
    const step = core.steps.find((s) => s.id === 'research_task');
    assert.ok(step?.cost_usd);
    assert.equal(step.model, 'gpt-4.1-mini', 'the llm of agent researcher, in agents.yaml');
    assert.equal(step.calls.max, 1, 'an agent with no tools answers in one call (max_iter only caps a tool loop)');
    const text = await hoverAt(document, 'research_task');
    assert.match(text, /Step `research_task`/);
    assert.ok(text.includes(`| Cost | ${usd(step.cost_usd.mean)} | ${usd(step.cost_usd.p50)} | ${usd(step.cost_usd.p95)} |`), text);
    assert.match(text, /no tools named for agent 'researcher': one call, its final answer; tools given in crew\\\.py make it a loop/, 'its assumptions are shown (Markdown-escaped)');
  });

  it('follows context: the writing task runs after the research', async () => {
    const document = await open('crew/config/tasks.yaml');
    const core = coreEstimate(document);
    assert.deepEqual(core.criticalPath, ['research_task', 'writing_task']);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100);
    const writing = core.steps.find((s) => s.id === 'writing_task');
    assert.ok(writing);
    assert.ok(lenses.some((l) => l.command?.title === lensTitle(writing) && l.range.start.line === 4));
  });

  it('updates tasks.yaml when agents.yaml changes, saved or not', async () => {
    const tasks = await open('crew/config/tasks.yaml');
    const before = await hoverAt(tasks, 'writing_task');
    assert.match(before, /mistral-small-4/);
    const agents = await open('crew/config/agents.yaml');
    const editor = await vscode.window.showTextDocument(agents);
    await editor.edit((e) => e.replace(agents.lineAt(positionOf(agents, 'llm: mistral').line).range, '  llm: openai/gpt-4.1'));
    await vscode.window.showTextDocument(tasks);
    const after = await waitFor('the new model', async () => {
      const text = await hoverAt(tasks, 'writing_task');
      return /`gpt-4\.1`/.test(text) ? text : undefined;
    });
    assert.doesNotMatch(after, /mistral-small-4/);
    await revert(agents);
  });
});

describe('other YAML', () => {
  it('gets no diagnostics, hovers or CodeLens', async () => {
    await activate();
    const document = await open('docker-compose.yml');
    await new Promise((r) => setTimeout(r, 800));
    assert.deepEqual(vscode.languages.getDiagnostics(document.uri), []);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100);
    assert.equal(lenses.length, 0);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'nginx'));
    assert.doesNotMatch(hoverText(hovers), /Agent Cost|Step|\$/);
  });
});
