// Registers every command; each lives in its own file.
import * as vscode from 'vscode';
import { calibrateFromObservations } from './calibrate';
import { importLiteLLM, selectCatalog } from './catalogFiles';
import { compareModels, tryStepAlternative } from './compareModels';
import { compareWithBranch } from './compareWithBranch';
import type { CommandContext } from './context';
import { estimateFile } from './estimateFile';
import { estimateWorkspace } from './estimateWorkspace';
import { exportReport } from './exportReport';
import { CommandId, PANEL_VIEW_ID } from './ids';

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const examples = vscode.Uri.joinPath(ctx.extension.extensionUri, 'examples');
  const commands: [CommandId, (...args: never[]) => unknown][] = [
    [CommandId.EstimateFile, (uri?: vscode.Uri) => estimateFile(ctx, uri)],
    [CommandId.EstimateWorkspace, () => estimateWorkspace(ctx)],
    [CommandId.CompareModels, (uri?: vscode.Uri, model?: string) => compareModels(ctx, uri, model)],
    [CommandId.TryStepAlternative, (uri?: vscode.Uri, step?: string) => tryStepAlternative(ctx, uri, step)],
    [CommandId.ExportReport, (format?: 'Markdown' | 'CSV' | 'JSON', target?: vscode.Uri, source?: vscode.Uri) => exportReport(ctx, format, target, source)],
    [CommandId.OpenPanel, () => vscode.commands.executeCommand(`${PANEL_VIEW_ID}.focus`)],
    [CommandId.SelectCatalog, (uri?: vscode.Uri) => selectCatalog(ctx, uri)],
    [CommandId.ImportLiteLLM, (uri?: vscode.Uri) => importLiteLLM(ctx, uri)],
    [CommandId.CompareWithBranch, (ref?: string) => compareWithBranch(ctx, typeof ref === 'string' ? ref : undefined)],
    [CommandId.Calibrate, (uri?: vscode.Uri, files?: vscode.Uri[]) => calibrateFromObservations(ctx, uri, files)],
    [CommandId.ShowLog, () => ctx.estimates.log.show()],
    [CommandId.OpenExample, async () => vscode.window.showTextDocument(vscode.Uri.joinPath(examples, 'kyc-onprem.agentflow.yaml'))],
  ];
  return commands.map(([id, run]) => vscode.commands.registerCommand(id, run));
}
