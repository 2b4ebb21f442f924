// What every command gets: the shared services, and the workflow a command acts on.
import * as vscode from 'vscode';
import type { EstimateService } from '../estimates';
import type { ReportStore } from '../report/reports';
import { mayBeWorkflowDocument } from '../workflowFiles';

export interface CommandContext {
  extension: vscode.ExtensionContext;
  estimates: EstimateService;
  reports: ReportStore;
}

/** The workflow a command was invoked on: its argument, else the active editor's file. */
export function targetWorkflow(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const editor = vscode.window.activeTextEditor;
  if (editor && mayBeWorkflowDocument(editor.document)) return editor.document.uri;
  void vscode.window.showInformationMessage(vscode.l10n.t('Agent Cost Lens: open a workflow file (an agentflow, promptfoo, CrewAI, Prompty, Prompt Flow, Dify, Semantic Kernel, n8n or AutoGen Studio file) first, or run "Estimate All Workflows in Workspace".'));
  return undefined;
}
