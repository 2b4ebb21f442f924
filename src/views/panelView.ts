// The side panel (a webview view in our activity-bar container). It waits for the webview's
// `ready`, then posts the workspace's workflows, and again whenever one is saved or settings change.
import * as vscode from 'vscode';
import { CommandId } from '../commands/ids';
import type { EstimateService } from '../estimates';
import { type HostMessage, isWebviewMessage } from '../shared/protocol';
import { findWorkflowFiles, isWorkflowDocument } from '../workflowFiles';
import { panelHtml } from './panelHtml';
import { workflowRow } from './workflowRows';

export class PanelViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly estimates: EstimateService) {
    this.disposables.push(
      vscode.workspace.onDidSaveTextDocument((d) => isWorkflowDocument(d) && this.refresh()),
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
          void vscode.window.showTextDocument(vscode.Uri.parse(message.uri));
          break;
        case 'openExample':
          void vscode.commands.executeCommand(CommandId.OpenExample);
          break;
      }
    });
    view.onDidDispose(() => {
      this.view = undefined;
      this.ready = false;
    });
  }

  private async refresh(): Promise<void> {
    if (!this.view || !this.ready) return;
    const files = await findWorkflowFiles();
    const rows = [];
    for (const uri of files) {
      try {
        rows.push(workflowRow(uri.toString(), await this.estimates.estimateUri(uri)));
      } catch (e) {
        this.estimates.log.error(`panel: cannot estimate ${uri.toString()}: ${(e as Error).message}`);
      }
    }
    const message: HostMessage = { type: 'workflows', rows };
    void this.view?.webview.postMessage(message);
  }
}
