// Quick fixes where one is obvious: an unknown model becomes one of the nearest catalog ids (in
// other formats, where the name is a deployment or a provider id, it is mapped in the sidecar
// file instead); an `after` that names no step becomes the nearest step id, or is removed.
import * as vscode from 'vscode';
import { core } from '../coreLoader';
import type { EstimateService } from '../estimates';
import { toRange } from '../ranges';

const MODEL_CODES = new Set(['unknown-model', 'guessed-model']);

export class WorkflowQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly estimates: EstimateService) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => MODEL_CODES.has(String(d.code)) || d.code === 'missing-step');
    if (ours.length === 0) return [];
    const estimated = await this.estimates.estimateDocument(document);
    if (!estimated) return [];
    const { workflow, estimate } = estimated;
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
      const step = workflow.steps.find((x) => toRange(x.modelSpan).isEqual(diagnostic.range));
      if (MODEL_CODES.has(problem.code) && workflow.format !== 'agentflow') {
        for (const [i, id] of step ? (problem.suggestions ?? []).entries() : []) {
          const action = await mapInSidecar(document.uri, step?.model ?? '', id, diagnostic, i === 0);
          if (action) actions.push(action);
        }
      } else if (problem.code === 'unknown-model') {
        (problem.suggestions ?? []).forEach((id, i) => replace(vscode.l10n.t("Use the catalog model '{0}'", id), `${quote}${id}${quote}`, i === 0));
      } else if (problem.code === 'missing-step') {
        const ids = workflow.steps.map((s) => s.id);
        const missing = problem.suggestions?.[0] ?? '';
        if (ids.length) {
          const nearest = core().nearestName(missing, ids);
          replace(vscode.l10n.t("Run after '{0}' instead", nearest), `${quote}${nearest}${quote}`, true);
        }
        const remove = new vscode.CodeAction(vscode.l10n.t("Remove '{0}' from after", missing), vscode.CodeActionKind.QuickFix);
        remove.edit = new vscode.WorkspaceEdit();
        remove.edit.delete(document.uri, afterEntryRange(document, diagnostic.range));
        remove.diagnostics = [diagnostic];
        actions.push(remove);
      }
    }
    return actions;
  }
}

/** "Map 'gpt-4o-deploy' to 'gpt-4o'": adds the name under `deployments:` in the sidecar, creating it if needed. */
async function mapInSidecar(uri: vscode.Uri, name: string, model: string, diagnostic: vscode.Diagnostic, preferred: boolean): Promise<vscode.CodeAction | null> {
  const { readForEdit, sidecarName, withDeployment } = core();
  const sidecar = vscode.Uri.joinPath(uri, '..', sidecarName(uri.path));
  let existing: string | null;
  if (sidecar.scheme === 'file') {
    // a sidecar that is a link (symbolic or hard) is not written through: no fix offered
    const read = readForEdit(sidecar.fsPath);
    if (typeof read === 'object' && read !== null) return null;
    existing = read;
  } else {
    try {
      existing = new TextDecoder().decode(await vscode.workspace.fs.readFile(sidecar));
    } catch {
      existing = null;
    }
  }
  // A sidecar that does not parse as a map is the user's to fix: it is not rewritten.
  const text = withDeployment(existing, name, model);
  if (text === null) return null;
  const action = new vscode.CodeAction(vscode.l10n.t("Map '{0}' to '{1}' in {2}", name, model, sidecarName(uri.path)), vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  if (existing === null) action.edit.createFile(sidecar, { ignoreIfExists: true, contents: new TextEncoder().encode(text) });
  else action.edit.replace(sidecar, new vscode.Range(0, 0, Number.MAX_SAFE_INTEGER, 0), text);
  action.diagnostics = [diagnostic];
  action.isPreferred = preferred;
  return action;
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
