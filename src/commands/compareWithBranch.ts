// Agent Cost: Compare With Branch… — the workspace's workflows at a branch or tag (read with git,
// never checked out) against the working tree, as a cost-diff report. The ref is picked from the
// built-in Git extension's branches and tags. In Restricted Mode it runs no git, and says so.
import path from 'node:path';
import * as vscode from 'vscode';
import { core } from '../coreLoader';
import { readSettings } from '../settings';
import type { CommandContext } from './context';
import { estimateAllWorkflows } from './estimateWorkspace';

/** The part of the built-in Git extension's API (vscode.git, API version 1) this command reads. */
interface GitRef {
  type: number; // 0 a local branch, 1 a remote branch, 2 a tag
  name?: string;
  commit?: string;
}
interface GitRepository {
  rootUri: vscode.Uri;
  state: { refs: GitRef[] };
  getRefs?(): Promise<GitRef[]>;
}
interface GitApi {
  repositories: GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
}

async function gitRepository(folder: vscode.Uri): Promise<GitRepository | null> {
  const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
  if (!extension) return null;
  const exports = extension.isActive ? extension.exports : await extension.activate();
  const api = exports.getAPI(1);
  return api.getRepository(folder) ?? api.repositories[0] ?? null;
}

const REF_KIND = ['branch', 'remote branch', 'tag'];

/** A branch or tag, from the Git extension where it knows the repository, else typed in. */
async function pickRef(folder: vscode.Uri): Promise<string | undefined> {
  const repo = await gitRepository(folder);
  const refs = repo ? (await repo.getRefs?.()) ?? repo.state.refs : [];
  const named = refs.filter((r): r is GitRef & { name: string } => typeof r.name === 'string' && !r.name.endsWith('/HEAD'));
  if (named.length === 0) {
    return vscode.window.showInputBox({ title: vscode.l10n.t('Compare with which revision?'), prompt: vscode.l10n.t('A branch, a tag or a commit'), value: 'main' });
  }
  const picked = await vscode.window.showQuickPick(
    named.map((r) => ({ label: r.name, description: `${REF_KIND[r.type] ?? ''}${r.commit ? ` · ${r.commit.slice(0, 8)}` : ''}` })),
    { title: vscode.l10n.t('Agent Cost: compare the workflows with…'), placeHolder: vscode.l10n.t('A branch or tag') },
  );
  return picked?.label;
}

export async function compareWithBranch(ctx: CommandContext, ref?: string): Promise<vscode.Uri | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Agent Cost Lens: in Restricted Mode it runs no git, so it cannot compare with a branch. Trust the workspace to compare.'));
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Agent Cost Lens: open a folder in a git repository to compare its workflows with a branch.'));
    return undefined;
  }
  const chosen = ref ?? (await pickRef(folder.uri));
  if (!chosen) return undefined;
  const c = core();
  const rev = c.openRevision(folder.uri.fsPath, chosen);
  if ('error' in rev) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Agent Cost Lens: {0}.', rev.error));
    return undefined;
  }
  const toRepo = (file: string) => path.relative(rev.root, file).split(path.sep).join('/');
  const prefix = toRepo(folder.uri.fsPath);
  const diff = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Agent Cost Lens: comparing with {0}', chosen), cancellable: true },
    async (progress, token) => {
      const catalog = await ctx.estimates.catalog();
      const options = ctx.estimates.options(catalog, folder.uri);
      const s = readSettings(folder.uri);
      const base = c.estimateAtRevision(rev, [prefix], { deployments: s.deployments, assumptions: s.assumptions }, (w) => c.estimateWorkflow(w, options));
      const head = await estimateAllWorkflows(ctx, progress, token);
      if (token.isCancellationRequested) return null;
      const files = head.map((e) => ({ ...c.workflowJson(e), file: toRepo(path.join(folder.uri.fsPath, e.file)) }));
      const headText = (file: string) => {
        const read = c.readTextFile(path.join(rev.root, file));
        return 'text' in read ? read.text : null;
      };
      return c.costDiff({ label: chosen, workflows: base.workflows }, { label: vscode.l10n.t('working tree'), workflows: files }, c.renamesSince(base, files, headText));
    },
  );
  if (!diff) return undefined;
  return ctx.reports.show(vscode.l10n.t('Cost diff against {0}', chosen), c.diffMarkdown(diff));
}
