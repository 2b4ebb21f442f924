// Agent Cost: Export Estimate Report — Markdown, CSV or JSON, to a file the user picks: the active
// workflow, or every workflow in the workspace when no workflow file is active.
import * as vscode from 'vscode';
import type { Estimate } from '../core/types';
import { core } from '../coreLoader';
import { mayBeWorkflowDocument } from '../workflowFiles';
import type { CommandContext } from './context';
import { estimateAllWorkflows } from './estimateWorkspace';

const FORMATS = {
  Markdown: { extension: 'md', render: (e: Estimate[]) => core().markdownReport(e) },
  CSV: { extension: 'csv', render: (e: Estimate[]) => core().csvReport(e) },
  JSON: { extension: 'json', render: (e: Estimate[]) => core().jsonReport(e) },
} as const;
type FormatName = keyof typeof FORMATS;

export async function exportReport(ctx: CommandContext, format?: FormatName, target?: vscode.Uri, source?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const name = (format ?? (await vscode.window.showQuickPick(Object.keys(FORMATS), { title: vscode.l10n.t('Export the estimate as') }))) as FormatName | undefined;
  if (!name || !Object.hasOwn(FORMATS, name)) return undefined;
  const active = vscode.window.activeTextEditor?.document;
  const activeWorkflow = active && mayBeWorkflowDocument(active) && (await ctx.estimates.estimateDocument(active)) ? active.uri : undefined;
  const file = source ?? activeWorkflow;
  const one = file ? await ctx.estimates.estimateUri(file) : null;
  const estimates: Estimate[] = file ? (one ? [one] : []) : await estimateAllWorkflows(ctx);
  if (estimates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Agent Cost Lens: no workflow to export.'));
    return undefined;
  }
  const { extension, render } = FORMATS[name];
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const base = file ? file.path.split('/').pop()?.replace(/\.(ya?ml|jsonc?|prompty)$/i, '') : 'agent-cost-estimate';
  const where = target ?? (await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export the estimate report'),
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${base}.estimate.${extension}`) : undefined,
    filters: { [name]: [extension] },
  }));
  if (!where) return undefined;
  await vscode.workspace.fs.writeFile(where, new TextEncoder().encode(render(estimates)));
  void vscode.window.showInformationMessage(vscode.l10n.t('Agent Cost Lens: report written to {0}.', vscode.workspace.asRelativePath(where)));
  return where;
}
