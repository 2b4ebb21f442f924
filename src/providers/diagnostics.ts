// Problems of workflow files in the Problems panel, with exact ranges, updated as the user types
// (debounced) and when settings or catalogs change.
import path from 'node:path';
import * as vscode from 'vscode';
import type { Problem } from '../core/types';
import type { EstimateService } from '../estimates';
import { toRange } from '../ranges';
import { readSettings } from '../settings';
import { mayBeWorkflowDocument } from '../workflowFiles';

const DEBOUNCE_MS = 300;
const SOURCE = 'Agent Cost Lens';

const SEVERITY: Record<Problem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toDiagnostic(p: Problem): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(p.span), p.message, SEVERITY[p.severity]);
  d.source = SOURCE;
  d.code = p.code;
  return d;
}

export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('agent-cost');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Files beside a workflow (its sidecar) that hold problems reported while reading it. */
  private readonly companions = new Map<string, vscode.Uri[]>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(private readonly estimates: EstimateService) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)),
      estimates.onDidChange(() => this.refreshAll()),
      estimates.onDidForget((uris) => {
        for (const uri of uris) {
          const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
          if (document) this.schedule(document, DEBOUNCE_MS);
        }
      }),
    );
    this.refreshAll();
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.disposables.forEach((d) => d.dispose());
  }

  private refreshAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (!mayBeWorkflowDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.update(document);
    }, delay));
  }

  private clear(uri: vscode.Uri): void {
    clearTimeout(this.timers.get(uri.toString()));
    this.collection.delete(uri);
    this.publishCompanions(uri, []);
  }

  /** Problems found in a companion file go on that file, and leave it when they are fixed. */
  private publishCompanions(uri: vscode.Uri, found: [vscode.Uri, Problem[]][]): void {
    const key = uri.toString();
    for (const old of this.companions.get(key) ?? []) if (!found.some(([u]) => u.toString() === old.toString())) this.collection.delete(old);
    for (const [companion, problems] of found) this.collection.set(companion, problems.map(toDiagnostic));
    if (found.length) this.companions.set(key, found.map(([u]) => u));
    else this.companions.delete(key);
  }

  private async update(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    if (!readSettings(document.uri).diagnosticsEnabled) {
      this.clear(document.uri);
      return;
    }
    try {
      // A file that is no workflow gets no diagnostics: it is not an error to have other YAML.
      const { version } = document;
      const estimated = await this.estimates.estimateDocument(document);
      // an edit while it was estimated has scheduled a newer update: this one is stale
      if (document.isClosed || document.version !== version) return;
      const errors = estimated?.estimate.errors ?? [];
      const own = estimated?.estimate.file;
      this.collection.set(document.uri, errors.filter((p) => p.file === own).map(toDiagnostic));
      const byFile = new Map<string, Problem[]>();
      for (const p of errors) if (p.file !== own) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
      // Problem files are named as the workflow is (relative to the workspace): resolve them beside it.
      const folder = path.posix.dirname(own ?? '');
      this.publishCompanions(document.uri, [...byFile].map(([file, problems]) => [vscode.Uri.joinPath(document.uri, '..', path.posix.relative(folder, file)), problems]));
    } catch (e) {
      this.estimates.log.error(`diagnostics for ${document.uri.toString()}: ${(e as Error).message}`);
    }
  }
}
