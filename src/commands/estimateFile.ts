// Agent Cost: Estimate This Workflow — a report for the active (or given) workflow file.
import * as vscode from 'vscode';
import { core } from '../coreLoader';
import { type CommandContext, targetWorkflow } from './context';

export async function estimateFile(ctx: CommandContext, arg?: unknown): Promise<vscode.Uri | undefined> {
  const uri = targetWorkflow(arg);
  if (!uri) return undefined;
  const estimate = await ctx.estimates.estimateUri(uri);
  if (!estimate) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Agent Cost Lens: {0} is not a workflow file of a format it reads.', vscode.workspace.asRelativePath(uri)));
    return undefined;
  }
  return ctx.reports.show(vscode.l10n.t('Estimate of {0}', estimate.name), core().markdownReport([estimate]));
}
