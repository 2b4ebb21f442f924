// One place where workflow documents become estimates: the catalog with the user's catalog
// files, the settings, and a cache per document version, so hovers, CodeLens, diagnostics, the
// status bar and the panel share one computation and answer in milliseconds.
import * as vscode from 'vscode';
import { bundledCatalog, type Catalog } from './core/catalog/catalog';
import { readCatalogText } from './core/catalog/userCatalog';
import { estimateWorkflow, type EstimateOptions } from './core/estimate/estimate';
import { parseAgentflow } from './core/formats/agentflow';
import type { Estimate, PartialModel, Workflow } from './core/types';
import { readSettings, SECTION } from './settings';
import { displayPath } from './workflowFiles';

interface Cached {
  version: number;
  generation: number;
  workflow: Workflow;
  estimate: Estimate;
}

export class EstimateService implements vscode.Disposable {
  private readonly cache = new Map<string, Cached>();
  private generation = 0;
  private catalogLoad: Promise<Catalog> | null = null;
  private catalogWatchers: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  /** Fires when settings or catalog files change, so every estimate may differ. */
  readonly onDidChange = this.changed.event;

  constructor(readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) this.reset('settings changed');
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d.uri.toString())),
    );
  }

  dispose(): void {
    this.catalogWatchers.forEach((d) => d.dispose());
    this.disposables.forEach((d) => d.dispose());
  }

  /** Forget every estimate (and reload the catalog files) before the next one. */
  reset(why: string): void {
    this.generation++;
    this.catalogLoad = null;
    this.cache.clear();
    this.log.info(`estimates reset: ${why}`);
    this.changed.fire();
  }

  /** The bundled catalog with the catalog files named in the settings layered on top. */
  catalog(): Promise<Catalog> {
    this.catalogLoad ??= this.loadCatalog();
    return this.catalogLoad;
  }

  /** Edits to a catalog file take effect at once, as a settings change does. */
  private watch(uris: vscode.Uri[]): void {
    this.catalogWatchers.forEach((d) => d.dispose());
    this.catalogWatchers = uris.map((uri) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), uri.path.split('/').pop() ?? ''));
      const changed = () => this.reset(`catalog file ${uri.path} changed`);
      watcher.onDidChange(changed);
      watcher.onDidCreate(changed);
      watcher.onDidDelete(changed);
      return watcher;
    });
  }

  private async loadCatalog(): Promise<Catalog> {
    const started = Date.now();
    const overrides: PartialModel[] = [];
    const files = readSettings().catalogFiles;
    this.watch(files.map(resolvePath));
    for (const file of files) {
      const uri = resolvePath(file);
      try {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        const { models, problems } = readCatalogText(uri.path, text);
        overrides.push(...models);
        for (const p of problems) this.log.error(`catalog ${file}:${p.span.start.line}:${p.span.start.column}: ${p.message}`);
        this.log.info(`catalog ${file}: ${models.length} models`);
      } catch (e) {
        this.log.error(`catalog ${file}: cannot read it (${(e as Error).message})`);
        void vscode.window.showWarningMessage(`Agent Cost Lens: cannot read the catalog file ${file}.`);
      }
    }
    const catalog = bundledCatalog().withOverrides(overrides);
    this.log.info(`catalog ready: ${catalog.models.length} models in ${Date.now() - started} ms`);
    return catalog;
  }

  options(catalog: Catalog, scope?: vscode.Uri): EstimateOptions {
    const s = readSettings(scope);
    return {
      catalog, region: s.region, pue: s.pue, samples: s.samples, seed: s.seed, qualityMargin: s.qualityMargin, runsPerDay: s.runsPerDay,
    };
  }

  /** The estimate of an open document, computed once per version. */
  async estimateDocument(document: vscode.TextDocument): Promise<{ workflow: Workflow; estimate: Estimate }> {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version && hit.generation === this.generation) return hit;
    const catalog = await this.catalog();
    const started = performance.now();
    const workflow = parseAgentflow(displayPath(document.uri), document.getText());
    const estimate = estimateWorkflow(workflow, this.options(catalog, document.uri));
    this.log.debug(`estimated ${workflow.file} v${document.version} in ${(performance.now() - started).toFixed(1)} ms`);
    const entry: Cached = { version: document.version, generation: this.generation, workflow, estimate };
    this.cache.set(key, entry);
    return entry;
  }

  /** The estimate of a file, open or not. */
  async estimateUri(uri: vscode.Uri): Promise<Estimate> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return (await this.estimateDocument(open)).estimate;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const catalog = await this.catalog();
    return estimateWorkflow(parseAgentflow(displayPath(uri), text), this.options(catalog, uri));
  }
}

/** A settings path: absolute, or relative to the first workspace folder. */
export function resolvePath(file: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (/^[a-z][a-z0-9+.-]+:/i.test(file) && !/^[a-z]:[\\/]/i.test(file)) return vscode.Uri.parse(file);
  if (file.startsWith('/') || /^[a-z]:[\\/]/i.test(file) || !folder) return vscode.Uri.file(file);
  return vscode.Uri.joinPath(folder, file);
}
