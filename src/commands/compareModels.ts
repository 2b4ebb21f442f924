// Agent Cost: Compare Models for This Workflow — pick a catalog model, then the what-if step by
// step. "Try a smaller model" on a step's CodeLens runs it for that step and its alternative.
import * as vscode from 'vscode';
import type { ModelEntry } from '../core/types';
import { core } from '../coreLoader';
import { type CommandContext, targetWorkflow } from './context';

interface ModelPick extends vscode.QuickPickItem {
  model: ModelEntry;
}

function describe(m: ModelEntry): string {
  const price = m.price.input !== null && m.price.output !== null ? `$${m.price.input} / $${m.price.output} per 1M tokens` : 'price per page or unknown';
  const quality = m.quality.intelligence === null ? 'no quality index' : `quality ${m.quality.intelligence}`;
  const speed = m.speed.outputTps === null ? 'speed not measured' : `${m.speed.outputTps.toFixed(0)} tokens/s`;
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
      title: 'Compare with which model?', placeHolder: 'Every step switched to this model, compared with the workflow as written', matchOnDescription: true,
    });
    if (!pick) return undefined;
    chosen = pick.model.id;
  }
  const workflow = await ctx.estimates.workflowOf(uri);
  if (!workflow) {
    void vscode.window.showInformationMessage(`Agent Cost Lens: ${vscode.workspace.asRelativePath(uri)} is not a workflow file of a format it reads.`);
    return undefined;
  }
  const comparison = core().compareWithModel(workflow, chosen, ctx.estimates.options(catalog, uri), steps);
  if (!comparison) {
    void vscode.window.showErrorMessage(`Agent Cost Lens: '${chosen}' is not in the catalog.`);
    return undefined;
  }
  return ctx.reports.show(`${workflow.name} on ${comparison.model}`, core().comparisonReport(comparison));
}

/** CodeLens "Try a smaller model": the step's alternative, for that step alone. */
export async function tryStepAlternative(ctx: CommandContext, arg?: unknown, step?: string): Promise<vscode.Uri | undefined> {
  const uri = targetWorkflow(arg);
  if (!uri || !step) return undefined;
  const estimate = await ctx.estimates.estimateUri(uri);
  const alternative = estimate?.alternatives.find((a) => a.step === step);
  if (!alternative) {
    void vscode.window.showInformationMessage(`Agent Cost Lens: no cheaper model within the quality margin for step '${step}'.`);
    return undefined;
  }
  return compareModels(ctx, uri, alternative.to, [step]);
}
