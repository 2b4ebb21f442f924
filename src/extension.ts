// Agent Cost Lens: wiring only. The estimates come from src/core; this file registers the
// commands, providers, views and the status bar that present them.
import * as vscode from 'vscode';
import { registerCommands } from './commands/register';
import { PANEL_VIEW_ID } from './commands/ids';
import { EstimateService } from './estimates';
import { WorkflowCodeLensProvider } from './providers/codeLens';
import { DiagnosticsController } from './providers/diagnostics';
import { WorkflowHoverProvider } from './providers/hover';
import { WorkflowQuickFixes } from './providers/quickFixes';
import { REPORT_SCHEME, ReportStore } from './report/reports';
import { CostStatusBar } from './statusBar';
import { PanelViewProvider } from './views/panelView';
import { WORKFLOW_SELECTOR } from './workflowFiles';

export interface AgentCostApi {
  estimates: EstimateService;
  reports: ReportStore;
}

export function activate(context: vscode.ExtensionContext): AgentCostApi {
  const log = vscode.window.createOutputChannel('Agent Cost Lens', { log: true });
  const estimates = new EstimateService(log);
  const reports = new ReportStore();
  const panel = new PanelViewProvider(context.extensionUri, estimates);
  const codeLens = new WorkflowCodeLensProvider(estimates);
  context.subscriptions.push(
    log,
    estimates,
    reports,
    panel,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
    vscode.window.registerWebviewViewProvider(PANEL_VIEW_ID, panel),
    vscode.languages.registerHoverProvider(WORKFLOW_SELECTOR, new WorkflowHoverProvider(estimates)),
    codeLens,
    vscode.languages.registerCodeLensProvider(WORKFLOW_SELECTOR, codeLens),
    vscode.languages.registerCodeActionsProvider(WORKFLOW_SELECTOR, new WorkflowQuickFixes(estimates), { providedCodeActionKinds: WorkflowQuickFixes.kinds }),
    new DiagnosticsController(estimates),
    new CostStatusBar(estimates),
    ...registerCommands({ extension: context, estimates, reports }),
  );
  log.info(`Agent Cost Lens ${context.extension.packageJSON.version} activated`);
  return { estimates, reports };
}

export function deactivate(): void {}
