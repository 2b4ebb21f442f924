// The workflow files of a revision, estimated as the working tree's are: read from git (never
// checked out), with the files they refer to from the same revision. Shared by the CLI's diff and
// the editor's "Compare With Branch…".
import { readWorkflow, type ReadOptions } from '../formats/workflowFile';
import { workflowJson } from '../reports/json';
import { listWorkflowFiles, readFiles, revisionReader, type Revision } from '../revision';
import type { Estimate, Workflow } from '../types';
import { failedEstimate } from '../estimate/estimate';
import type { EstimatedWorkflow } from './costDiff';

/**
 * Every workflow file under `prefixes` (repository paths; '' for all) at the revision, estimated
 * with `estimate`; files that are no workflow are left out, as a folder search leaves them.
 */
export function estimateAtRevision(
  rev: Revision, prefixes: readonly string[], options: Omit<ReadOptions, 'read'>, estimate: (w: Workflow) => Estimate,
): EstimatedWorkflow[] {
  const { files, tree } = listWorkflowFiles(rev, prefixes);
  const texts = readFiles(rev, files);
  const out: EstimatedWorkflow[] = [];
  for (const file of files) {
    const text = texts.get(file);
    if (text === undefined) continue;
    try {
      const reading = readWorkflow(file, text, { ...options, read: revisionReader(rev, file, texts, tree) });
      if (reading.kind === 'workflow') out.push(workflowJson(estimate(reading.workflow)));
    } catch (e) {
      out.push(workflowJson(failedEstimate(file, 'unknown', e)));
    }
  }
  return out;
}
