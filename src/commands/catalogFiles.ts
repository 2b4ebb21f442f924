// Agent Cost: Select Model Catalog / Import LiteLLM Price File — add a catalog file to the
// `agentCost.catalogFiles` setting after checking that it reads.
import * as vscode from 'vscode';
import { core } from '../coreLoader';
import { SECTION } from '../settings';
import type { CommandContext } from './context';

async function addCatalog(ctx: CommandContext, title: string, liteLLMOnly: boolean, given?: vscode.Uri): Promise<number | undefined> {
  const uri = given ?? (await vscode.window.showOpenDialog({
    title, canSelectMany: false, openLabel: vscode.l10n.t('Use this catalog'), filters: { Catalogs: ['json', 'yaml', 'yml'] },
  }))?.[0];
  if (!uri) return undefined;
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  if (liteLLMOnly) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    if (!core().looksLikeLiteLLM(data)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Agent Cost Lens: this is not a LiteLLM price file (model_prices_and_context_window.json).'));
      return undefined;
    }
  }
  const { models, problems } = core().readCatalogText(uri.path, text);
  if (problems.length || models.length === 0) {
    const first = problems[0];
    void vscode.window.showErrorMessage(first
      ? vscode.l10n.t('Agent Cost Lens: cannot use this catalog: line {0}: {1}', first.span.start.line, first.message)
      : vscode.l10n.t('Agent Cost Lens: cannot use this catalog: it defines no model.'));
    return undefined;
  }
  const config = vscode.workspace.getConfiguration(SECTION);
  const path = vscode.workspace.getWorkspaceFolder(uri) ? vscode.workspace.asRelativePath(uri, false) : uri.fsPath;
  const files = config.get<string[]>('catalogFiles', []).filter((f) => f !== path);
  const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('catalogFiles', [...files, path], target);
  ctx.estimates.log.info(`catalog added: ${path} (${models.length} models)`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Agent Cost Lens: {0} models from {1} now override the catalog.', models.length, path));
  return models.length;
}

export function selectCatalog(ctx: CommandContext, uri?: vscode.Uri): Promise<number | undefined> {
  return addCatalog(ctx, vscode.l10n.t('Select a model catalog (LiteLLM price map, or Agent Cost Lens models file)'), false, uri);
}

export function importLiteLLM(ctx: CommandContext, uri?: vscode.Uri): Promise<number | undefined> {
  return addCatalog(ctx, vscode.l10n.t('Import a LiteLLM price file (model_prices_and_context_window.json)'), true, uri);
}
