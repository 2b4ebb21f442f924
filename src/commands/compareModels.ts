// Agent Cost: Compare Models for This Workflow — pick a catalog model, then the what-if step by
// step. "Try a smaller (or cheaper) model" on a step's CodeLens runs it for that step and its alternative.
import * as vscode from 'vscode';
import type { ModelEntry } from '../core/types';
import { core } from '../coreLoader';
import { type CommandContext, targetWorkflow } from './context';

interface ModelPick extends vscode.QuickPickItem {
  model: ModelEntry;
}

function describe(m: ModelEntry): string {
  const price = m.price.input !== null && m.price.output !== null ? vscode.l10n.t('${0} / ${1} per 1M tokens', m.price.input, m.price.output) : vscode.l10n.t('price per page or unknown');
  const quality = m.quality.intelligence === null ? vscode.l10n.t('no quality index') : vscode.l10n.t('quality {0}', m.quality.intelligence);
  const speed = m.speed.outputTps === null ? vscode.l10n.t('speed not measured') : vscode.l10n.t('{0} tokens/s', m.speed.outputTps.toFixed(0));
  return `${price} · ${quality} · ${speed}`;
}

export async function compareModels(ctx: CommandContext, arg?: unknown, model?: string, steps?: string[]): Promise<vscode.Uri | undefined> {
  const uri = targetWorkflow(arg);
  if (!uri) return undefined;
  const catalog = await ctx.estimates.catalog();
  let chosen = model;
  if (!chosen) {
    const items: ModelPick[] = [...catalog.models]
      .sort((a, b) => (a.price.output ?? Infinity) - (b.price.output ?? Infinity))
      .map((m) => ({ label: m.id, description: m.displayName, detail: describe(m), model: m }));
    const pick = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Compare with which model?'), placeHolder: vscode.l10n.t('Every step switched to this model, compared with the workflow as written'), matchOnDescription: true,
    });
    if (!pick) return undefined;
    chosen = pick.model.id;
  }
  const workflow = await ctx.estimates.workflowOf(uri);
  if (!workflow) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Agent Cost Lens: {0} is not a workflow file of a format it reads.', vscode.workspace.asRelativePath(uri)));
    return undefined;
  }
  const comparison = core().compareWithModel(workflow, chosen, ctx.estimates.options(catalog, uri), steps);
  if (!comparison) {
    void vscode.window.showErrorMessage(vscode.l10n.t("Agent Cost Lens: '{0}' is not in the catalog.", chosen));
    return undefined;
  }
  return ctx.reports.show(vscode.l10n.t('{0} on {1}', workflow.name, comparison.model), core().comparisonReport(comparison));
}

/** CodeLens "Try a smaller (or cheaper) model": the step's alternative, for that step alone. */
export async function tryStepAlternative(ctx: CommandContext, arg?: unknown, step?: string): Promise<vscode.Uri | undefined> {
  const uri = targetWorkflow(arg);
  if (!uri || !step) return undefined;
  const estimate = await ctx.estimates.estimateUri(uri);
  const alternative = estimate?.alternatives.find((a) => a.step === step);
  if (!alternative) {
    void vscode.window.showInformationMessage(vscode.l10n.t("Agent Cost Lens: no cheaper model within the quality margin for step '{0}'.", step));
    return undefined;
  }
  return compareModels(ctx, uri, alternative.to, [step]);
}
