// Agent Cost: Calibrate From Observations… — writes the workflow's sidecar with its steps'
// observed tokens per call and turns, as `agent-cost calibrate` does (the core's sidecarEdits and
// writeFileAtomic: whole, atomically, never through a link), from the files
// agentCost.observedFiles names (or files picked). Nothing is written when one cannot be read.
import * as vscode from 'vscode';
import { core } from '../coreLoader';
import type { Observations } from '../core/observed/readers';
import { readableObservationFiles } from '../observations';
import { readInWorker } from '../readInWorker';
import { type CommandContext, targetWorkflow } from './context';

export interface Calibrated {
  sidecar: vscode.Uri;
  /** Each figure set, as `steps.answer.input_tokens: [800, 1200] → [950, 1010]`. */
  changes: string[];
}

/** The observation files: those given, else those the setting names, else picked. */
async function observationFiles(ctx: CommandContext, given: vscode.Uri[] | undefined): Promise<vscode.Uri[]> {
  if (given?.length) return given;
  const configured = await ctx.estimates.observations.files();
  if (configured.length) return configured;
  return (await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Observation files: promptfoo results, OTLP/JSON traces, or a CSV or JSONL of calls'),
    canSelectMany: true,
    openLabel: vscode.l10n.t('Calibrate from these'),
    filters: { [vscode.l10n.t('Observations')]: ['json', 'jsonl', 'ndjson', 'csv'] },
  })) ?? [];
}

export async function calibrateFromObservations(ctx: CommandContext, arg?: unknown, given?: vscode.Uri[]): Promise<Calibrated | undefined> {
  const uri = targetWorkflow(arg);
  if (!uri) return undefined;
  const fail = (message: string) => {
    ctx.estimates.log.error(`calibrate ${vscode.workspace.asRelativePath(uri)}: ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Agent Cost Lens: {0} Nothing was written.', message));
    return undefined;
  };
  if (uri.scheme !== 'file') return fail(vscode.l10n.t('Only workflows on disk can be calibrated.'));
  const chosen = (await observationFiles(ctx, given)).filter((f) => f.scheme === 'file');
  if (chosen.length === 0) return undefined;
  const readable = readableObservationFiles(chosen);
  if (readable.refused.length) return fail(vscode.l10n.t('Cannot read an observation file: {0}.', readable.refused[0]));
  const { files } = readable;
  const results = await readInWorker(ctx.estimates.observations.workerFile, files.map((f) => f.fsPath));
  const broken = results.find((r): r is { error: string } => 'error' in r);
  if (broken) return fail(vscode.l10n.t('Cannot read an observation file: {0}.', broken.error));
  const estimated = await ctx.estimates.estimatedUri(uri);
  if (!estimated) return fail(vscode.l10n.t('{0} is not a workflow file of a format it reads.', vscode.workspace.asRelativePath(uri)));
  const { calibrate, sidecarEdits, sidecarName, today, writeFileAtomic } = core();
  const calibration = calibrate(estimated.workflow, estimated.estimate, results as Observations[], await ctx.estimates.catalog());
  if (calibration.steps.length === 0) return fail(vscode.l10n.t('None of the observed runs is the run of {0}: in none do more than half the kinds of call match its steps.', vscode.workspace.asRelativePath(uri)));

  const planned = sidecarEdits([{ workflow: uri.fsPath, calibration }], files.map((f) => f.fsPath), today());
  if ('errors' in planned) return fail(planned.errors[0]);
  const [edited] = planned.edits;
  const sidecar = vscode.Uri.file(edited.file);
  if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === sidecar.toString() && d.isDirty)) {
    return fail(vscode.l10n.t('{0} has unsaved changes: save or revert them before calibrating.', vscode.workspace.asRelativePath(sidecar)));
  }
  const refused = writeFileAtomic(edited.file, edited.text);
  if (refused) return fail(refused.error);

  const changes = edited.changes.map((c) => `${c.path.join('.')}: ${JSON.stringify(c.before) ?? '(unset)'} → ${JSON.stringify(c.after)}`);
  ctx.estimates.log.info(`calibrated ${vscode.workspace.asRelativePath(uri)} from ${calibration.runs} runs:\n  ${changes.join('\n  ')}`);
  for (const note of edited.notes) ctx.estimates.log.info(`  ${note}`);
  const open = vscode.l10n.t('Open Sidecar');
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Agent Cost Lens: {0} steps calibrated from {1} observed runs in {2}.', calibration.steps.length, calibration.runs, sidecarName(uri.path)), open,
  ).then((choice) => (choice === open ? vscode.window.showTextDocument(sidecar) : undefined));
  return { sidecar, changes };
}
