// Hovers on workflow files: a step's figures, the workflow's totals, a model's catalog entry.
import * as vscode from 'vscode';
import { core } from '../coreLoader';
import type { EstimateService } from '../estimates';
import { toRange } from '../ranges';
import { readSettings } from '../settings';

export class WorkflowHoverProvider implements vscode.HoverProvider {
  constructor(private readonly estimates: EstimateService) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!readSettings(document.uri).hoversEnabled) return undefined;
    const estimated = await this.estimates.estimateDocument(document);
    if (!estimated) return undefined;
    const { workflow, estimate } = estimated;
    const { modelHover, stepHover, workflowHover } = core();
    const markdown = (text: string) => {
      const md = new vscode.MarkdownString(text);
      md.supportHtml = false;
      return md;
    };
    for (const spec of workflow.steps) {
      const modelRange = toRange(spec.modelSpan);
      // Where the model's text is the whole step (a promptfoo provider), the step's figures win.
      const ownText = !modelRange.isEqual(toRange(spec.span));
      if (ownText && modelRange.contains(position) && modelRange.start.line === position.line) {
        const entry = (await this.estimates.catalog()).withOverrides(workflow.localModels).resolve(spec.model);
        if (entry) return new vscode.Hover(markdown(modelHover(entry)), modelRange);
      }
    }
    // the innermost step whose text holds the position
    const step = workflow.steps.filter((s) => toRange(s.span).contains(position)).pop();
    const figures = step && estimate.steps.find((s) => s.id === step.id);
    if (step && figures) return new vscode.Hover(markdown(stepHover(estimate, figures)), toRange(step.idSpan));
    const name = toRange(workflow.nameSpan);
    const firstStep = workflow.steps[0] ? toRange(workflow.steps[0].span).start.line : document.lineCount;
    if (name.contains(position) || position.line < Math.min(firstStep, 1)) {
      return new vscode.Hover(markdown(workflowHover(estimate)), name.isEmpty ? undefined : name);
    }
    return undefined;
  }
}
