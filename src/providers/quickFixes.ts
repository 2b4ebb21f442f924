// Quick fixes where one is obvious: an unknown model becomes one of the nearest catalog ids; an
// `after` that names no step becomes the nearest step id, or is removed.
import { closest } from 'fastest-levenshtein';
import * as vscode from 'vscode';
import type { EstimateService } from '../estimates';
import { toRange } from '../ranges';

export class WorkflowQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly estimates: EstimateService) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.code === 'unknown-model' || d.code === 'missing-step');
    if (ours.length === 0) return [];
    const { workflow, estimate } = await this.estimates.estimateDocument(document);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const problem = estimate.errors.find((p) => p.code === diagnostic.code && toRange(p.span).isEqual(diagnostic.range));
      if (!problem) continue;
      const quote = document.getText(diagnostic.range).match(/^["']/)?.[0] ?? '';
      const replace = (title: string, text: string, preferred: boolean) => {
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, diagnostic.range, text);
        action.diagnostics = [diagnostic];
        action.isPreferred = preferred;
        actions.push(action);
      };
      if (problem.code === 'unknown-model') {
        (problem.suggestions ?? []).forEach((id, i) => replace(`Use the catalog model '${id}'`, `${quote}${id}${quote}`, i === 0));
      } else {
        const ids = workflow.steps.map((s) => s.id);
        const missing = problem.suggestions?.[0] ?? '';
        if (ids.length) {
          const nearest = closest(missing, ids);
          replace(`Run after '${nearest}' instead`, `${quote}${nearest}${quote}`, true);
        }
        const remove = new vscode.CodeAction(`Remove '${missing}' from after`, vscode.CodeActionKind.QuickFix);
        remove.edit = new vscode.WorkspaceEdit();
        remove.edit.delete(document.uri, afterEntryRange(document, diagnostic.range));
        remove.diagnostics = [diagnostic];
        actions.push(remove);
      }
    }
    return actions;
  }
}

/** The entry with its separating comma and spaces, so `[a, ghost]` becomes `[a]`. */
function afterEntryRange(document: vscode.TextDocument, entry: vscode.Range): vscode.Range {
  const line = document.lineAt(entry.start.line).text;
  const after = line.slice(entry.end.character).match(/^\s*,\s*/)?.[0];
  if (after) return new vscode.Range(entry.start, entry.end.translate(0, after.length));
  const before = line.slice(0, entry.start.character).match(/\s*,\s*$/)?.[0];
  if (before) return new vscode.Range(entry.start.translate(0, -before.length), entry.end);
  return entry;
}
