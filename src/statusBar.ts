// The status bar while a workflow file is active: its cost per run; a click opens the report.
import * as vscode from 'vscode';
import { CommandId } from './commands/ids';
import { core } from './coreLoader';
import type { EstimateService } from './estimates';
import { mayBeWorkflowDocument } from './workflowFiles';

export class CostStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('agentCost.cost', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly estimates: EstimateService) {
    this.item.name = 'Agent Cost Lens';
    this.item.command = CommandId.EstimateFile;
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeTextDocument((e) => e.document === vscode.window.activeTextEditor?.document && this.schedule()),
      estimates.onDidChange(() => this.update()),
      estimates.onDidForget((uris) => uris.some((u) => u.toString() === vscode.window.activeTextEditor?.document.uri.toString()) && this.schedule()),
    );
    void this.update();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.disposables.forEach((d) => d.dispose());
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), 300);
  }

  private async update(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    const estimated = document && mayBeWorkflowDocument(document) ? await this.estimates.estimateDocument(document) : null;
    if (!document || !estimated) {
      this.item.hide();
      return;
    }
    const { estimate } = estimated;
    if (document !== vscode.window.activeTextEditor?.document) return;
    const cost = estimate.per_run?.cost_usd;
    const { usd } = core();
    this.item.text = `$(pulse) ${cost ? vscode.l10n.t('{0}/run', usd(cost.p50)) : vscode.l10n.t('cost unknown')}`;
    this.item.tooltip = cost
      ? vscode.l10n.t('{0}: {1} a run (p95 {2}). Click for the report.', estimate.name, usd(cost.p50), usd(cost.p95))
      : vscode.l10n.t('{0}: no cost estimate. Click for the report.', estimate.name);
    this.item.show();
  }
}
