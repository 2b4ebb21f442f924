// Reports open as read-only virtual Markdown documents (scheme agent-cost-report), shown in
// the Markdown preview: nothing is written to the user's files unless they export.
import * as vscode from 'vscode';

export const REPORT_SCHEME = 'agent-cost-report';

export class ReportStore implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '# This report is gone\n\nRun the command again to estimate.\n';
  }

  /** Stores a report under a readable name and shows it; returns its URI. */
  async show(name: string, markdown: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name.replace(/[\\/:*?"<>|]+/g, '-')}.md` });
    this.contents.set(uri.toString(), markdown);
    this.changed.fire(uri);
    try {
      // the built-in Markdown extension activates on this command
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      await vscode.window.showTextDocument(uri, { preview: true });
    }
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
