// CodeLens above each workflow and step: "$0.031/run · p95 27 s · 0.4 Wh"; clicking opens the
// report, and "Try a smaller (or cheaper) model" runs the comparison for that step. Where
// observation files are set: "estimated $0.031, observed $0.027 over 40 runs".
import * as vscode from 'vscode';
import { CommandId } from '../commands/ids';
import { core } from '../coreLoader';
import type { EstimateService } from '../estimates';
import { toRange } from '../ranges';
import { readSettings } from '../settings';

export class WorkflowCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly estimates: EstimateService) {
    this.disposables.push(estimates.onDidChange(() => this.changed.fire()), estimates.onDidForget(() => this.changed.fire()));
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!readSettings(document.uri).codeLensEnabled) return [];
    const estimated = await this.estimates.estimateDocument(document);
    if (!estimated) return [];
    const { workflow, estimate } = estimated;
    const { lensTitle, observedLine, usd } = core();
    const observed = estimate.observed;
    /** "estimated $0.031, observed $0.027 over 40 runs (…)": opens the report, which compares them in full. */
    const observedLens = (at: vscode.Range, line: string) => new vscode.CodeLens(at, {
      title: line,
      tooltip: vscode.l10n.t('Observed in {0}: open the report', observed?.files.join(', ') ?? ''),
      command: CommandId.EstimateFile,
      arguments: [document.uri],
    });
    const lenses: vscode.CodeLens[] = [];
    const top = new vscode.Range(toRange(workflow.nameSpan).start.line, 0, toRange(workflow.nameSpan).start.line, 0);
    if (estimate.per_run) {
      lenses.push(new vscode.CodeLens(top, {
        title: `${estimate.name}: ${lensTitle(estimate.per_run)}`,
        tooltip: vscode.l10n.t('Open the estimate report'),
        command: CommandId.EstimateFile,
        arguments: [document.uri],
      }));
      if (observed) lenses.push(observedLens(top, observedLine(observed)));
    }
    for (const step of workflow.steps) {
      const figures = estimate.steps.find((s) => s.id === step.id);
      if (!figures) continue;
      const line = toRange(step.span).start.line;
      const at = new vscode.Range(line, 0, line, 0);
      lenses.push(new vscode.CodeLens(at, {
        title: lensTitle(figures),
        tooltip: vscode.l10n.t('Step {0} on {1}: open the estimate report', step.id, figures.model),
        command: CommandId.EstimateFile,
        arguments: [document.uri],
      }));
      const seen = observed?.steps[step.id];
      if (seen) lenses.push(observedLens(at, observedLine(seen)));
      const alt = estimate.alternatives.find((a) => a.step === step.id);
      if (alt) {
        lenses.push(new vscode.CodeLens(at, {
          title: alt.smaller
            ? vscode.l10n.t('Try a smaller model ({0}: {1} less a run)', alt.to, usd(-alt.delta_cost_usd))
            : vscode.l10n.t('Try a cheaper model ({0}: {1} less a run)', alt.to, usd(-alt.delta_cost_usd)),
          tooltip: vscode.l10n.t('Compare {0} with {1} for this step', alt.from, alt.to),
          command: CommandId.TryStepAlternative,
          arguments: [document.uri, step.id],
        }));
      }
    }
    return lenses;
  }
}
