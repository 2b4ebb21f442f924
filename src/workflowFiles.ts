// Which files may be workflows, and finding them in the workspace. A file's content decides
// (see src/core/formats/workflowFile.ts): a YAML or JSON file of no known format is left alone.
import * as vscode from 'vscode';
import { mayBeWorkflowFile, withoutSecondViews } from './core/formats/fileNames';
import { byCodePoint } from './core/order';
import { readWindowSettings } from './settings';

/** Providers' selector: files that may hold a workflow, in any language mode and on any file system. */
export const WORKFLOW_SELECTOR: vscode.DocumentSelector = [
  { pattern: '**/*.{yaml,yml,json,jsonc,prompty}' },
];

/** Folders never searched for workflows (files.exclude applies as well). */
const EXCLUDED = '**/{node_modules,.git,.venv,venv,__pycache__,dist,out,.vscode-test}/**';
const MAX_FILES = 2000;

/** A cheap test by name; whether the document is a workflow is known once it is read (see EstimateService.read). */
export function mayBeWorkflowDocument(document: vscode.TextDocument): boolean {
  return mayBeWorkflowFile(document.uri.path);
}

/** Files the settings' globs match, in a stable order; their content decides which are workflows. */
export async function findWorkflowFiles(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const globs = readWindowSettings().workflowGlobs;
  const found = new Map<string, vscode.Uri>();
  for (const glob of globs) {
    for (const uri of await vscode.workspace.findFiles(glob, EXCLUDED, MAX_FILES, token)) {
      if (mayBeWorkflowFile(uri.path)) found.set(uri.toString(), uri);
    }
  }
  const sorted = [...found.values()].sort((a, b) => byCodePoint(a.path, b.path));
  return withoutSecondViews(sorted, (uri) => uri.path);
}

/** How a workflow file is named in reports: relative to the workspace. */
export function displayPath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}
