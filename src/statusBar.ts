// The status bar while a workflow file is active: its cost per run, and its change against the base
// branch (the remote's default branch, else main or master) when the work is on another branch;
// a click opens the report. In Restricted Mode it runs no git, so compares with no branch, and says so.
import path from 'node:path';
import * as vscode from 'vscode';
import type { Revision } from './core/revision';
import { CommandId } from './commands/ids';
import { core } from './coreLoader';
import type { EstimateService } from './estimates';
import { readSettings } from './settings';
import { mayBeWorkflowDocument } from './workflowFiles';

export class CostStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('agentCost.cost', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The base revision of each workspace folder (null: none, or on the base branch itself), found once. */
  private readonly bases = new Map<string, Revision | null>();
  /** A file's cost per run at the base revision (null: not there), by commit and path. */
  private readonly baseCosts = new Map<string, number | null>();

  constructor(private readonly estimates: EstimateService) {
    this.item.name = 'Agent Cost Lens';
    this.item.command = CommandId.EstimateFile;
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeTextDocument((e) => e.document === vscode.window.activeTextEditor?.document && this.schedule()),
      estimates.onDidChange(() => {
        this.bases.clear();
        this.baseCosts.clear();
        void this.update();
      }),
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
    const trusted = vscode.workspace.isTrusted;
    const base = cost && trusted ? await this.baseCost(document) : null;
    if (document !== vscode.window.activeTextEditor?.document) return;
    const change = base && cost ? against(base, cost.mean) : '';
    const p95 = cost && usd(cost.p95) !== usd(cost.mean) ? vscode.l10n.t(' · p95 {0}', usd(cost.p95)) : '';
    this.item.text = `$(pulse) ${cost ? vscode.l10n.t('{0}/run', usd(cost.mean)) : vscode.l10n.t('cost unknown')}${p95}${change}`;
    this.item.tooltip = cost
      ? vscode.l10n.t('{0}: {1} a run on average (p95 {2}). Click for the report.', estimate.name, usd(cost.mean), usd(cost.p95))
        + (base ? ` ${base.cost === null ? vscode.l10n.t('The file is new since {0}.', base.ref) : vscode.l10n.t('At {0}: {1} a run.', base.ref, usd(base.cost))}` : '')
      : vscode.l10n.t('{0}: no cost estimate. Click for the report.', estimate.name);
    if (!trusted) this.item.tooltip += ` ${vscode.l10n.t('Not compared with the base branch: in Restricted Mode Agent Cost Lens runs no git.')}`;
    this.item.show();
  }

  /** The file's cost per run at its folder's base branch, read with git; null where there is no base to compare with. */
  private async baseCost(document: vscode.TextDocument): Promise<{ ref: string; cost: number | null } | null> {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder || document.uri.scheme !== 'file') return null;
    const c = core();
    let rev = this.bases.get(folder.uri.fsPath);
    if (rev === undefined) {
      const ref = c.defaultBase(folder.uri.fsPath);
      const opened = ref ? c.openRevision(folder.uri.fsPath, ref) : null;
      rev = opened && !('error' in opened) ? opened : null;
      this.bases.set(folder.uri.fsPath, rev);
    }
    if (!rev) return null;
    const file = path.relative(rev.root, document.uri.fsPath).split(path.sep).join('/');
    const key = `${rev.commit}\u0000${file}`;
    if (!this.baseCosts.has(key)) {
      const options = this.estimates.options(await this.estimates.catalog(), document.uri);
      const { deployments, assumptions } = readSettings(document.uri);
      const [w] = c.estimateAtRevision(rev, [file], { deployments, assumptions }, (workflow) => c.estimateWorkflow(workflow, options)).workflows;
      this.baseCosts.set(key, w?.per_run?.cost_usd?.mean ?? null);
    }
    return { ref: rev.ref, cost: this.baseCosts.get(key) ?? null };
  }
}

/** " (+12% vs main)", " (new since main)", or nothing where the cost did not move. */
function against(base: { ref: string; cost: number | null }, now: number): string {
  if (base.cost === null) return vscode.l10n.t(' (new since {0})', base.ref);
  if (Math.abs(now - base.cost) <= 1e-12 * Math.max(1, base.cost)) return '';
  const pct = base.cost > 0 ? Math.round(((now - base.cost) / base.cost) * 100) : null;
  return pct === null ? '' : vscode.l10n.t(' ({0}{1}% vs {2})', pct >= 0 ? '+' : '−', Math.abs(pct), base.ref);
}
