// The side panel (a webview view in our activity-bar container). It waits for the webview's
// `ready`, then posts the catalog facts and the workspace's workflows, again whenever a workflow
// is saved or settings change, and answers the panel's requests for compounding series.
import * as vscode from 'vscode';
import { CommandId } from '../commands/ids';
import type { EstimateService } from '../estimates';
import { core } from '../coreLoader';
import { type CompoundRequest, type HostMessage, isWebviewMessage, type SeriesPoint } from '../shared/protocol';
import { readSettings } from '../settings';
import { findWorkflowFiles, mayBeWorkflowDocument } from '../workflowFiles';
import { panelHtml } from './panelHtml';
import { workflowRow } from './workflowRows';

export class PanelViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  /** The workflow files the panel was sent: the only ones it may ask to open or compound. */
  private readonly sent = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly estimates: EstimateService) {
    this.disposables.push(
      vscode.workspace.onDidSaveTextDocument((d) => mayBeWorkflowDocument(d) && this.refresh()),
      vscode.workspace.onDidCreateFiles(() => this.refresh()),
      vscode.workspace.onDidDeleteFiles(() => this.refresh()),
      estimates.onDidChange(() => this.refresh()),
    );
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    view.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    view.webview.html = panelHtml(view.webview, this.extensionUri);
    view.webview.onDidReceiveMessage((message: unknown) => {
      if (!isWebviewMessage(message)) return; // unknown messages are ignored
      switch (message.type) {
        case 'ready':
          this.ready = true;
          void this.refresh();
          break;
        case 'openFile':
          if (this.sent.has(message.uri)) void vscode.window.showTextDocument(vscode.Uri.parse(message.uri));
          break;
        case 'openExample':
          void vscode.commands.executeCommand(CommandId.OpenExample);
          break;
        case 'compound':
          void this.compound(message.request);
          break;
      }
    });
    view.onDidDispose(() => {
      this.view = undefined;
      this.ready = false;
    });
  }

  /** The compounding series for two models: the synthetic loop, or the runs of a workflow. */
  private async compound(request: CompoundRequest): Promise<void> {
    const catalog = await this.estimates.catalog();
    const { loopSeries, workflowSeries } = core();
    let small: SeriesPoint[] | null;
    let large: SeriesPoint[] | null;
    if (request.workflow) {
      if (!this.sent.has(request.workflow)) return;
      const uri = vscode.Uri.parse(request.workflow);
      const workflow = await this.estimates.workflowOf(uri);
      if (!workflow) return;
      const options = this.estimates.options(catalog, uri);
      small = workflowSeries(workflow, request.small, options);
      large = workflowSeries(workflow, request.large, options);
    } else {
      small = loopSeries(catalog, request.small);
      large = loopSeries(catalog, request.large);
    }
    if (!small || !large) return;
    this.post({ type: 'compounding', request, small, large });
  }

  private post(message: HostMessage): void {
    void this.view?.webview.postMessage(message);
  }

  private async refresh(): Promise<void> {
    if (!this.view || !this.ready) return;
    this.post({ type: 'data', data: core().panelData(await this.estimates.catalog(), readSettings(null).region) });
    const files = await findWorkflowFiles();
    const rows = [];
    for (const uri of files) {
      try {
        const estimate = await this.estimates.estimateUri(uri);
        if (estimate) rows.push(workflowRow(uri.toString(), estimate));
      } catch (e) {
        this.estimates.log.error(`panel: cannot estimate ${uri.toString()}: ${(e as Error).message}`);
      }
    }
    this.sent.clear();
    for (const row of rows) this.sent.add(row.uri);
    this.post({ type: 'workflows', rows });
  }
}
