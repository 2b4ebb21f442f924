// Agent Cost: Estimate All Workflows in Workspace — with a cancellable progress notification.
import * as vscode from 'vscode';
import type { Estimate } from '../core/types';
import { core } from '../coreLoader';
import { findWorkflowFiles } from '../workflowFiles';
import type { CommandContext } from './context';

export async function estimateAllWorkflows(ctx: CommandContext, progress?: vscode.Progress<{ message?: string; increment?: number }>, token?: vscode.CancellationToken): Promise<Estimate[]> {
  const files = await findWorkflowFiles(token);
  const estimates: Estimate[] = [];
  for (const uri of files) {
    if (token?.isCancellationRequested) break;
    progress?.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / files.length });
    try {
      const estimate = await ctx.estimates.estimateUri(uri);
      if (estimate) estimates.push(estimate);
    } catch (e) {
      ctx.estimates.log.error(`cannot estimate ${uri.toString()}: ${(e as Error).message}`);
    }
  }
  return estimates;
}

export async function estimateWorkspace(ctx: CommandContext): Promise<vscode.Uri | undefined> {
  const estimates = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Agent Cost Lens: estimating workflows'), cancellable: true },
    async (progress, token) => {
      const all = await estimateAllWorkflows(ctx, progress, token);
      return token.isCancellationRequested ? null : all;
    },
  );
  if (estimates === null) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Agent Cost Lens: estimate cancelled.'));
    return undefined;
  }
  if (estimates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Agent Cost Lens: no workflow files in this workspace (agentflow, promptfoo, CrewAI, Prompty, Prompt Flow, Dify, Semantic Kernel, n8n, AutoGen Studio).'), vscode.l10n.t('Open an Example'))
      .then((choice) => choice && vscode.commands.executeCommand('agentCost.openExample'));
    return undefined;
  }
  return ctx.reports.show(vscode.l10n.t('Estimate of all workflows'), core().markdownReport(estimates));
}
