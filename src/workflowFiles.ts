// Which files are workflows, and finding them in the workspace.
import * as vscode from 'vscode';
import { isAgentflowFile } from './core/formats/agentflow';
import { readSettings } from './settings';

/** Providers' selector: workflow files in any language mode and on any file system. */
export const WORKFLOW_SELECTOR: vscode.DocumentSelector = [
  { pattern: '**/*.agentflow.{yaml,yml,json}' },
  { pattern: '**/agentflow.yaml' },
];

export function isWorkflowDocument(document: vscode.TextDocument): boolean {
  return isAgentflowFile(document.uri.path);
}

/** Workflow files in the workspace, by the settings' globs, with files.exclude applied. */
export async function findWorkflowFiles(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const globs = readSettings().workflowGlobs;
  const found = new Map<string, vscode.Uri>();
  for (const glob of globs) {
    // exclude `undefined`: VS Code applies files.exclude
    for (const uri of await vscode.workspace.findFiles(glob, undefined, 5000, token)) found.set(uri.toString(), uri);
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** How a workflow file is named in reports: relative to the workspace. */
export function displayPath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}
