// Agent Cost Lens: wiring only. The estimates come from src/core, loaded on the first file that
// looks like a workflow (src/coreLoader.ts); this file registers the commands, providers, views
// and the status bar that present them.
import { bundleStarted } from './activationClock';
import * as vscode from 'vscode';
import { registerCommands } from './commands/register';
import { PANEL_VIEW_ID } from './commands/ids';
import { coreLoaded } from './coreLoader';
import { EstimateService } from './estimates';
import { ObservationService } from './observations';
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
  /** The hover provider, for the benchmark to time in the extension host itself. */
  hovers: vscode.HoverProvider;
  /** Whether the core has been loaded: activation alone never loads it. */
  coreLoaded(): boolean;
  /** Milliseconds to evaluate the bundle's modules, and to run activate(). */
  activation: { loadMs: number; activateMs: number };
}

const loadMs = performance.now() - bundleStarted;

export function activate(context: vscode.ExtensionContext): AgentCostApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Agent Cost Lens', { log: true });
  const observations = new ObservationService(vscode.Uri.joinPath(context.extensionUri, 'dist', 'observeWorker.js').fsPath, log);
  const estimates = new EstimateService(log, observations);
  const reports = new ReportStore();
  const panel = new PanelViewProvider(context.extensionUri, estimates);
  const codeLens = new WorkflowCodeLensProvider(estimates);
  const hovers = new WorkflowHoverProvider(estimates);
  context.subscriptions.push(
    log,
    observations,
    estimates,
    reports,
    panel,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
    vscode.window.registerWebviewViewProvider(PANEL_VIEW_ID, panel),
    vscode.languages.registerHoverProvider(WORKFLOW_SELECTOR, hovers),
    codeLens,
    vscode.languages.registerCodeLensProvider(WORKFLOW_SELECTOR, codeLens),
    vscode.languages.registerCodeActionsProvider(WORKFLOW_SELECTOR, new WorkflowQuickFixes(estimates), { providedCodeActionKinds: WorkflowQuickFixes.kinds }),
    new DiagnosticsController(estimates),
    new CostStatusBar(estimates),
    ...registerCommands({ extension: context, estimates, reports }),
  );
  const activation = { loadMs, activateMs: performance.now() - started };
  log.info(`Agent Cost Lens ${context.extension.packageJSON.version} loaded in ${activation.loadMs.toFixed(1)} ms, activated in ${activation.activateMs.toFixed(1)} ms`);
  return { estimates, reports, hovers, coreLoaded, activation };
}

export function deactivate(): void {}
