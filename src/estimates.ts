// One place where workflow documents become estimates: the catalog with the user's catalog
// files, the settings, and a cache per document version, so hovers, CodeLens, diagnostics, the
// status bar and the panel share one computation and answer in milliseconds.
import * as vscode from 'vscode';
import type { Catalog } from './core/catalog/catalog';
import type { EstimateOptions } from './core/estimate/estimate';
import { looksLikeWorkflow } from './core/formats/fileNames';
import { MAX_CATALOG_BYTES, MAX_FILE_BYTES } from './core/limits';
import type { CompanionReader } from './core/formats/formatAdapter';
import type { FileReading } from './core/formats/workflowFile';
import type { Estimate, PartialModel, Workflow } from './core/types';
import { core } from './coreLoader';
import type { ObservationService } from './observations';
import { readSettings, readWindowSettings, SECTION } from './settings';
import { displayPath } from './workflowFiles';

export interface Estimated {
  workflow: Workflow;
  estimate: Estimate;
}

/** What a file is, once read: a workflow with its estimate, or no workflow (and why). */
type Reading = ({ kind: 'workflow' } & Estimated) | { kind: 'not-workflow'; reason: string };

interface Cached {
  version: number;
  generation: number;
  reading: Reading;
}

export class EstimateService implements vscode.Disposable {
  private readonly cache = new Map<string, Cached>();
  private generation = 0;
  /** Counts changes to files that workflows read beside them (see read). */
  private neighbourChanges = 0;
  private catalogLoad: Promise<Catalog> | null = null;
  /** The day the loaded catalog's prices are for: a new day (or a new pinned date) reloads it. */
  private catalogDate = '';
  private catalogWatchers: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly forgotten = new vscode.EventEmitter<vscode.Uri[]>();
  private readonly disposables: vscode.Disposable[] = [this.changed, this.forgotten];

  /** Fires when settings or catalog files change, so every estimate may differ. */
  readonly onDidChange = this.changed.event;
  /**
   * Fires with the open workflows whose neighbour (agents.yaml, a sidecar) changed, as the user
   * types: only their figures may differ, so the workspace is not re-read.
   */
  readonly onDidForget = this.forgotten.event;

  constructor(readonly log: vscode.LogOutputChannel, readonly observations: ObservationService) {
    this.disposables.push(
      observations.onDidChange(() => this.reset('observations read')),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) this.reset('settings changed');
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d.uri.toString())),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reset('workspace trusted')),
      // A workflow may read the files beside it (a crew's agents.yaml, a sidecar, prompt files).
      vscode.workspace.onDidChangeTextDocument((e) => this.forgetNeighbours(e.document.uri)),
      vscode.workspace.onDidSaveTextDocument((d) => this.forgetNeighbours(d.uri)),
    );
    const sidecars = vscode.workspace.createFileSystemWatcher('**/*.agentcost.{yaml,yml}');
    for (const event of [sidecars.onDidCreate, sidecars.onDidChange, sidecars.onDidDelete]) event((uri) => this.forgetNeighbours(uri), null, this.disposables);
    this.disposables.push(sidecars);
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
    const day = readWindowSettings().priceDate ?? core().today();
    if (this.catalogLoad && day !== this.catalogDate) this.reset(`prices are now read for ${day}`);
    this.catalogDate = day;
    this.catalogLoad ??= this.loadCatalog(day);
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

  private async loadCatalog(priceDate: string): Promise<Catalog> {
    const started = performance.now();
    const overrides: PartialModel[] = [];
    const files = readWindowSettings().catalogFiles;
    this.watch(files.map(resolvePath));
    for (const file of files) {
      const uri = resolvePath(file);
      // In Restricted Mode VS Code keeps only the user's own value of this setting; a path in it
      // that leads into the untrusted workspace is not read either.
      if (!vscode.workspace.isTrusted && inWorkspace(uri)) {
        this.log.warn(`catalog ${file}: not read in Restricted Mode (it is in the workspace)`);
        continue;
      }
      try {
        const text = await this.catalogText(uri);
        const { models, problems } = core().readCatalogText(uri.path, text);
        overrides.push(...models);
        for (const p of problems) this.log.error(`catalog ${file}:${p.span.start.line}:${p.span.start.column}: ${p.message}`);
        this.log.info(`catalog ${file}: ${models.length} models`);
      } catch (e) {
        this.log.error(`catalog ${file}: cannot read it (${(e as Error).message})`);
        void vscode.window.showWarningMessage(vscode.l10n.t('Agent Cost Lens: cannot read the catalog file {0}.', file));
      }
    }
    const catalog = core().bundledCatalog(priceDate).withOverrides(overrides);
    this.log.info(`catalog ready: ${catalog.models.length} models, prices as of ${priceDate}, in ${(performance.now() - started).toFixed(0)} ms`);
    return catalog;
  }

  /** A catalog file's text, refused above the catalog size limit before it is read. */
  private async catalogText(uri: vscode.Uri): Promise<string> {
    if (uri.scheme === 'file') {
      const read = core().readTextFile(uri.fsPath, MAX_CATALOG_BYTES);
      if ('problem' in read) throw new Error(read.problem.message);
      return read.text;
    }
    if ((await vscode.workspace.fs.stat(uri)).size > MAX_CATALOG_BYTES) throw new Error(`larger than ${MAX_CATALOG_BYTES / 1048576} MB`);
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  }

  options(catalog: Catalog, scope: vscode.Uri | null): EstimateOptions {
    const s = readSettings(scope);
    return {
      catalog, region: s.region, pue: s.pue, samples: s.samples, seed: s.seed, qualityMargin: s.qualityMargin, runsPerDay: s.runsPerDay,
    };
  }

  /** Estimates of other files in the same folder may have read this one: forget them. */
  private forgetNeighbours(changed: vscode.Uri): void {
    this.neighbourChanges++;
    const folder = vscode.Uri.joinPath(changed, '..').toString();
    const forgot: vscode.Uri[] = [];
    for (const key of [...this.cache.keys()]) {
      if (key !== changed.toString() && key.startsWith(`${folder}/`) && !key.slice(folder.length + 1).includes('/')) {
        this.cache.delete(key);
        forgot.push(vscode.Uri.parse(key));
      }
    }
    if (forgot.length) this.forgotten.fire(forgot);
  }

  /**
   * The reading of an open document, computed once per version. It is cached under the version,
   * generation and neighbours it was read with: a read that an edit, a reset or a changed sidecar
   * overtook while it awaited the catalog is returned to its caller but not kept, so it never
   * stands for the newer text.
   */
  async read(document: vscode.TextDocument): Promise<Reading> {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    const { version } = document;
    const generation = this.generation;
    if (hit && hit.version === version && hit.generation === generation) return hit.reading;
    const neighbours = this.neighbourChanges;
    const started = performance.now();
    const reading = await this.readAndEstimate(document.uri, document.getText());
    this.log.debug(`read ${displayPath(document.uri)} v${version} (${reading.kind}) in ${(performance.now() - started).toFixed(1)} ms`);
    if (document.version === version && this.generation === generation && this.neighbourChanges === neighbours) this.cache.set(key, { version, generation, reading });
    return reading;
  }

  /** The estimate of an open document, or null where it is not a workflow. */
  async estimateDocument(document: vscode.TextDocument): Promise<Estimated | null> {
    const reading = await this.read(document);
    return reading.kind === 'workflow' ? reading : null;
  }

  /** The estimate of a file, open or not; null where it is not a workflow (or cannot be read). */
  async estimateUri(uri: vscode.Uri): Promise<Estimate | null> {
    return (await this.estimatedUri(uri))?.estimate ?? null;
  }

  /** The workflow in a file, open or not, and its estimate; null where it is not a workflow (or cannot be read). */
  async estimatedUri(uri: vscode.Uri): Promise<Estimated | null> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return this.estimateDocument(open);
    const text = await this.fileText(uri);
    if (text === null) return null;
    const reading = await this.readAndEstimate(uri, text);
    return reading.kind === 'workflow' ? reading : null;
  }

  /** The workflow in a file, whatever its format, without estimating it. */
  async workflowOf(uri: vscode.Uri): Promise<Workflow | null> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const text = open ? open.getText() : await this.fileText(uri);
    if (text === null) return null;
    try {
      const reading = this.readText(uri, text);
      return reading.kind === 'workflow' ? reading.workflow : null;
    } catch (e) {
      this.log.error(`cannot read ${displayPath(uri)}: ${(e as Error).message}`);
      return null;
    }
  }

  /**
   * A file's text, read only when it is a regular file no larger than a workflow can be (checked
   * before reading); null, logged, otherwise. Most files of a workspace are no workflow: their
   * size alone is no error.
   */
  private async fileText(uri: vscode.Uri): Promise<string | null> {
    if (uri.scheme === 'file') {
      const read = core().readTextFile(uri.fsPath);
      if ('text' in read) return read.text;
      this.log.info(`${displayPath(uri)} is not read: ${read.problem.message}`);
      return null;
    }
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type !== vscode.FileType.File || stat.size > MAX_FILE_BYTES) {
      this.log.info(`${displayPath(uri)} is not read: not a file, or larger than ${MAX_FILE_BYTES / 1048576} MB`);
      return null;
    }
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  }

  /** Reads and estimates a text; an unexpected failure is reported at the file, as a bug. */
  private async readAndEstimate(uri: vscode.Uri, text: string): Promise<Reading> {
    try {
      // Most YAML and JSON is no workflow: the catalog is loaded only for those that are.
      const read = this.readText(uri, text);
      if (read.kind !== 'workflow') return read;
      const catalog = await this.catalog();
      const estimate = this.estimate(read.workflow, catalog, uri);
      // beside what runs really used, once the observation files are read (they are read in the background)
      const sets = this.observations.available();
      const observed = sets.length ? core().observedWorkflow(read.workflow, estimate, sets, catalog) : null;
      if (observed) estimate.observed = observed;
      return { kind: 'workflow', workflow: read.workflow, estimate };
    } catch (e) {
      this.log.error(`estimating ${displayPath(uri)} failed: ${(e as Error).stack ?? e}`);
      const estimate = core().failedEstimate(displayPath(uri), 'unknown', e);
      return { kind: 'workflow', workflow: core().emptyWorkflow(displayPath(uri), 'unknown', estimate.errors), estimate };
    }
  }

  /** Most YAML and JSON is no workflow: the core is loaded only for text that looks like one. */
  private readText(uri: vscode.Uri, text: string): FileReading {
    const file = displayPath(uri);
    if (!looksLikeWorkflow(uri.path, text)) return { kind: 'not-workflow', file, reason: 'no workflow format recognised' };
    const s = readSettings(uri);
    return core().readWorkflow(file, text, { read: companionReader(uri), deployments: s.deployments, assumptions: s.assumptions });
  }

  /** Options are per file: settings may differ between workspace folders. */
  private estimate(workflow: Workflow, catalog: Catalog, uri: vscode.Uri): Estimate {
    return core().estimateWorkflow(workflow, this.options(catalog, uri));
  }
}

/**
 * Files a document refers to, read synchronously (the core's adapters read as they parse): only
 * inside the document's folder or its workspace folder (the core's rule, symlinks included); an
 * open document's current text first, else the file on disk, bounded. On other file systems only
 * open documents beside it are read.
 */
function companionReader(uri: vscode.Uri): CompanionReader {
  const openText = (target: vscode.Uri) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  if (uri.scheme !== 'file') {
    return (reference) => {
      if (reference.split(/[\\/]/).includes('..') || /^([\\/]|[a-z]:)/i.test(reference)) return { error: 'it is outside the workflow\'s folder' };
      const target = vscode.Uri.joinPath(uri, '..', reference);
      const open = openText(target);
      return open ? { file: displayPath(target), text: open.getText() } : { error: 'not open in the editor (files on this file system are read only when open)' };
    };
  }
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const roots = folder?.uri.scheme === 'file' ? [folder.uri.fsPath] : [];
  const dir = vscode.Uri.joinPath(uri, '..').fsPath;
  return (reference) => {
    const resolved = core().resolveReference(dir, reference, roots);
    if ('error' in resolved) return resolved;
    const target = vscode.Uri.file(resolved.path);
    const open = openText(target);
    if (open) return { file: displayPath(target), text: open.getText() };
    const read = core().readTextFile(resolved.path);
    return 'text' in read ? { file: displayPath(target), text: read.text } : { error: read.problem.message };
  };
}

function inWorkspace(uri: vscode.Uri): boolean {
  return vscode.workspace.getWorkspaceFolder(uri) !== undefined;
}

/** A settings path: absolute, or relative to the first workspace folder. */
export function resolvePath(file: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (/^[a-z][a-z0-9+.-]+:/i.test(file) && !/^[a-z]:[\\/]/i.test(file)) return vscode.Uri.parse(file);
  if (file.startsWith('/') || /^[a-z]:[\\/]/i.test(file) || !folder) return vscode.Uri.file(file);
  return vscode.Uri.joinPath(folder, file);
}
