// Helpers for the extension-host suites: the fixture workspace, the core's own figures to compare
// the editor with, and waiting for what VS Code does asynchronously.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { bundledCatalog } from '../../src/core/catalog/catalog';
import { estimateWorkflow } from '../../src/core/estimate/estimate';
import { readWorkflowFile } from '../../src/core/files';
import type { Estimate } from '../../src/core/types';

export const EXTENSION_ID = 'agent-cost-lens.agent-cost-lens';

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function activate(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
  await ext.activate();
}

export async function open(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(document);
  return document;
}

/** The core's estimate of a saved document, in any format, with the default settings, as the CLI computes it. */
export function coreEstimate(document: vscode.TextDocument, region = 'provider'): Estimate {
  const reading = readWorkflowFile(document.uri.fsPath);
  assert.equal(reading.kind, 'workflow', `${document.uri.path} is a workflow`);
  return estimateWorkflow((reading as Extract<typeof reading, { kind: 'workflow' }>).workflow, { catalog: bundledCatalog(), region });
}

/** Polls `probe` until it gives a value; `what` names what is awaited (a function: said as things stand when it times out). */
export async function waitFor<T>(what: string | (() => string), probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > timeoutMs) assert.fail(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Reverts a document to its saved text and waits until the editor has it: the revert command acts
 * on the active editor, so the document is shown first, and the wait makes a missed revert fail
 * here, by name, not later as a figure that never updates.
 */
export async function revert(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(`${document.uri.path} reverted`, () => !document.isDirty || undefined);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

/** Position of the first occurrence of `text` in a document (plus `offset` characters). */
export function positionOf(document: vscode.TextDocument, text: string, offset = 0): vscode.Position {
  const at = document.getText().indexOf(text);
  assert.ok(at >= 0, `${text} in ${document.uri.path}`);
  return document.positionAt(at + offset);
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('agentCost').update(key, value, vscode.ConfigurationTarget.Workspace);
}
