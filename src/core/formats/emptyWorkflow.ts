// A workflow with no steps yet: what a format starts from, and what a file that cannot be read is.
import type { Problem, SourceSpan, Workflow } from '../types';
import { workflowNameFromFile } from './fileNames';

const origin = { line: 1, column: 1, offset: 0 };

export function emptyWorkflow(file: string, format: string, problems: Problem[] = [], nameSpan: SourceSpan = { start: origin, end: origin }): Workflow {
  return {
    file, format, name: workflowNameFromFile(file), nameSpan, runsPerDay: null,
    steps: [], budgets: [], localModels: [], problems, assumptions: [],
  };
}
