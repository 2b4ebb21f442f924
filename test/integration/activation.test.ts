// Activation in a real VS Code: it registers everything and loads nothing else. The core (parsers,
// catalog, estimator) loads on the first file that looks like a workflow, never for other YAML or
// JSON. This file runs first, before any other suite opens a workflow.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AgentCostApi } from '../../src/extension';
import { activate, EXTENSION_ID, hoverText, open, positionOf, waitFor } from './helpers';

describe('activation', () => {
  it('activates and registers every command of the manifest', async () => {
    await activate();
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.equal(ext?.isActive, true);
    const contributed = (ext?.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    const registered = await vscode.commands.getCommands(true);
    for (const id of contributed) assert.ok(registered.includes(id), id);
  });
});

describe('the core, loaded on demand', () => {
  it('is not loaded by activation, nor by YAML and JSON that is no workflow', async () => {
    const api = (await vscode.extensions.getExtension<AgentCostApi>(EXTENSION_ID)?.activate()) as AgentCostApi;
    assert.equal(api.coreLoaded(), false, 'activation loads only the wiring');
    const other = await open('docker-compose.yml');
    await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', other.uri, new vscode.Position(0, 2));
    await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', other.uri);
    await new Promise((r) => setTimeout(r, 500)); // the diagnostics' debounce
    assert.equal(api.coreLoaded(), false, 'a docker-compose file is no workflow');
  });

  it('loads on the first workflow, and answers its hover', async () => {
    const api = (await vscode.extensions.getExtension<AgentCostApi>(EXTENSION_ID)?.activate()) as AgentCostApi;
    const document = await open('support.agentflow.yaml');
    const text = await waitFor('the hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'id: answer', 5));
      return hoverText(hovers) || undefined;
    });
    assert.match(text, /Step `answer`/);
    assert.equal(api.coreLoaded(), true);
  });
});
