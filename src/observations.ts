// What runs really used, from the files `agentCost.observedFiles` names (globs in the workspace):
// read in a worker thread (readInWorker.ts), so that a 100 MB trace export never blocks the editor,
// and read again when one of them changes, or when the workspace is trusted (in Restricted Mode
// none is read). Until they are read, estimates go without them; once read, every estimate is
// made again with them.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ObservationResult, Observations } from './core/observed/readers';
import { readInWorker } from './readInWorker';
import { readWindowSettings, SECTION } from './settings';

/** Observation files read at most, whatever the globs match. */
const MAX_FILES = 50;

/**
 * The observation files that may be read: none in Restricted Mode (the files are the untrusted
 * workspace's, and like a catalog file there they are not read); otherwise those whose real path,
 * links followed, lies inside a workspace folder. Why the others are not, for the log.
 */
export function readableObservationFiles(uris: readonly vscode.Uri[]): { files: vscode.Uri[]; refused: string[] } {
  if (uris.length && !vscode.workspace.isTrusted) return { files: [], refused: [`${uris.length} observation file${uris.length === 1 ? '' : 's'}: not read in Restricted Mode (trust the workspace to read them)`] };
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return null;
    }
  };
  const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => real(f.uri.fsPath)).filter((r): r is string => r !== null);
  const inside = (p: string) => roots.some((root) => {
    const rel = path.relative(root, p);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  });
  const files: vscode.Uri[] = [];
  const refused: string[] = [];
  for (const uri of uris) {
    const target = uri.scheme === 'file' ? real(uri.fsPath) : null;
    if (target && inside(target)) files.push(uri);
    else refused.push(`${uri.fsPath}: not read: ${target ? 'its real path (links followed) is outside the workspace' : 'no such file on disk'}`);
  }
  return { files, refused };
}

export class ObservationService implements vscode.Disposable {
  private sets: Observations[] = [];
  private reading: Promise<void> | null = null;
  private generation = 0;
  private watchers: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Fires when observations have been read (again): estimates should be made again with them. */
  readonly onDidChange = this.changed.event;

  constructor(readonly workerFile: string, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.observedFiles`)) this.forget('the observedFiles setting changed');
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.forget('the workspace is trusted')),
    );
  }

  dispose(): void {
    this.watchers.forEach((w) => w.dispose());
    this.disposables.forEach((d) => d.dispose());
  }

  /** The observations read so far; the first call starts reading them. */
  available(): Observations[] {
    this.reading ??= this.readAll(this.generation);
    return this.sets;
  }

  /** Resolves once the observation files have been read. */
  async ready(): Promise<Observations[]> {
    this.available();
    await this.reading;
    return this.sets;
  }

  private forget(why: string): void {
    this.generation++;
    this.reading = null;
    this.log.info(`observations to be read again: ${why}`);
    if (this.sets.length) {
      this.sets = [];
      this.changed.fire();
    }
    this.available();
  }

  /** The files the observedFiles globs match in the workspace (on disk), at most MAX_FILES. */
  async files(): Promise<vscode.Uri[]> {
    const found = new Map<string, vscode.Uri>();
    for (const glob of readWindowSettings().observedFiles) {
      for (const uri of await vscode.workspace.findFiles(glob, undefined, MAX_FILES + 1)) if (uri.scheme === 'file') found.set(uri.fsPath, uri);
    }
    if (found.size > MAX_FILES) this.log.warn(`observedFiles match more than ${MAX_FILES} files: the first ${MAX_FILES} are read`);
    return [...found.values()].sort((a, b) => (a.fsPath < b.fsPath ? -1 : 1)).slice(0, MAX_FILES);
  }

  private async readAll(generation: number): Promise<void> {
    const globs = readWindowSettings().observedFiles;
    this.watch(globs);
    if (globs.length === 0) return;
    const found = await this.files();
    if (found.length === 0) {
      this.log.info(`observedFiles (${globs.join(', ')}) match no file in the workspace`);
      return;
    }
    const { files: uris, refused } = readableObservationFiles(found);
    for (const why of refused) this.log.warn(why);
    if (uris.length === 0) return;
    const started = performance.now();
    let results: ObservationResult[];
    try {
      results = await readInWorker(this.workerFile, uris.map((u) => u.fsPath));
    } catch (e) {
      this.log.error(`observation files could not be read: ${(e as Error).message.slice(0, 300)}`);
      return;
    }
    if (generation !== this.generation) return;
    const sets: Observations[] = [];
    results.forEach((r, i) => {
      if ('error' in r) {
        this.log.error(`observation file: ${r.error}`);
        void vscode.window.showWarningMessage(vscode.l10n.t('Agent Cost Lens: cannot read the observation file {0}.', vscode.workspace.asRelativePath(uris[i], false)));
      } else sets.push({ ...r, file: vscode.workspace.asRelativePath(uris[i], false) });
    });
    const calls = sets.reduce((n, s) => n + s.calls.length, 0);
    this.log.info(`observations: ${calls} model calls in ${sets.length} file${sets.length === 1 ? '' : 's'}, read in ${(performance.now() - started).toFixed(0)} ms`);
    this.sets = sets;
    this.changed.fire();
  }

  /** A created, changed or deleted observation file is read again. */
  private watch(globs: readonly string[]): void {
    this.watchers.forEach((w) => w.dispose());
    // a glob as a string would be matched against whole paths: each is relative to every workspace folder
    const folders = vscode.workspace.workspaceFolders ?? [];
    this.watchers = folders.flatMap((folder) => globs.map((glob) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, glob));
      const changed = (uri: vscode.Uri) => this.forget(`${path.basename(uri.fsPath)} changed`);
      watcher.onDidCreate(changed);
      watcher.onDidChange(changed);
      watcher.onDidDelete(changed);
      return watcher;
    }));
  }
}
