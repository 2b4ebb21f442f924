// Agent Cost: Estimate This Workflow — a report for the active (or given) workflow file.
import * as vscode from 'vscode';
import { core } from '../coreLoader';
import { type CommandContext, targetWorkflow } from './context';

export async function estimateFile(ctx: CommandContext, arg?: unknown): Promise<vscode.Uri | undefined> {
  const uri = targetWorkflow(arg);
  if (!uri) return undefined;
  const estimate = await ctx.estimates.estimateUri(uri);
  if (!estimate) {
    void vscode.window.showInformationMessage(`Agent Cost Lens: ${vscode.workspace.asRelativePath(uri)} is not a workflow file of a format it reads.`);
    return undefined;
  }
  return ctx.reports.show(`Estimate of ${estimate.name}`, core().markdownReport([estimate]));
}
