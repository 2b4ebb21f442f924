// The workflow files of a revision, estimated as the working tree's are: read from git (never
// checked out), with the files they refer to from the same revision. Shared by the CLI's diff and
// the editor's "Compare With Branch…".
import { readWorkflow, type ReadOptions } from '../formats/workflowFile';
import { workflowJson } from '../reports/json';
import { listWorkflowFiles, readFiles, revisionReader, type Revision } from '../revision';
import type { Estimate, Workflow } from '../types';
import { failedEstimate } from '../estimate/estimate';
import type { EstimatedWorkflow } from './costDiff';

/** The revision's workflows, estimated, and the texts of its candidate files (for rename detection). */
export interface RevisionWorkflows {
  workflows: EstimatedWorkflow[];
  texts: ReadonlyMap<string, string>;
}

/**
 * Every workflow file under `prefixes` (repository paths; '' for all) at the revision, estimated
 * with `estimate`; files that are no workflow are left out, as a folder search leaves them.
 */
export function estimateAtRevision(
  rev: Revision, prefixes: readonly string[], options: Omit<ReadOptions, 'read'>, estimate: (w: Workflow) => Estimate,
): RevisionWorkflows {
  const { files, tree } = listWorkflowFiles(rev, prefixes);
  const texts = readFiles(rev, files, tree);
  const workflows: EstimatedWorkflow[] = [];
  for (const file of files) {
    const text = texts.get(file);
    if (text === undefined) continue;
    try {
      const reading = readWorkflow(file, text, { ...options, read: revisionReader(rev, file, texts, tree) });
      if (reading.kind === 'workflow') workflows.push(workflowJson(estimate(reading.workflow)));
    } catch (e) {
      workflows.push(workflowJson(failedEstimate(file, 'unknown', e)));
    }
  }
  return { workflows, texts };
}
