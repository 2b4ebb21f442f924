// Reading workflow and catalog files from disk, for the CLI (the extension reads through VS Code).
import fs from 'node:fs';
import path from 'node:path';
import type { CompanionReader } from './formats/formatAdapter';
import { workflowNameFromFile } from './formats/agentflow';
import { MAX_FILE_BYTES } from './formats/parseSource';
import { mayBeWorkflowFile, withoutSecondViews } from './formats/fileNames';
import { readWorkflow, type FileReading, type ReadOptions } from './formats/workflowFile';
import type { Problem } from './types';

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test', '.venv', '__pycache__']);

const origin = { line: 1, column: 1, offset: 0 };
export const fileProblem = (file: string, message: string, code = 'file'): Problem => ({
  file, span: { start: origin, end: origin }, severity: 'error', code, message,
});

/**
 * Candidate workflow files under the given files and folders, in a stable order: files named
 * on the command line, and files in folders whose type may hold a workflow (their content decides).
 */
export function findWorkflowFiles(paths: readonly string[]): { files: string[]; problems: Problem[] } {
  const files: string[] = [];
  const problems: Problem[] = [];
  const visit = (dir: string, depth: number): void => {
    if (depth > 32) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push(fileProblem(dir, `Cannot read the folder: ${(e as Error).message}`));
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) visit(full, depth + 1);
      else if (entry.isFile() && mayBeWorkflowFile(entry.name)) files.push(full);
    }
  };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      problems.push(fileProblem(p, 'No such file or folder.'));
      continue;
    }
    if (stat.isDirectory()) {
      const before = files.length;
      visit(p, 0);
      files.push(...withoutSecondViews(files.splice(before), (f) => f));
    }
    else files.push(p);
  }
  return { files, problems };
}

/** Reads a text file, refusing one too large to be a workflow before reading it. */
export function readTextFile(file: string, limit = MAX_FILE_BYTES): { text: string } | { problem: Problem } {
  try {
    const size = fs.statSync(file).size;
    if (size > limit) {
      return { problem: fileProblem(file, `The file is too large to read (${(size / 1048576).toFixed(1)} MB; the limit is ${limit / 1048576} MB).`) };
    }
    return { text: fs.readFileSync(file, 'utf8') };
  } catch (e) {
    return { problem: fileProblem(file, `Cannot read the file: ${(e as Error).message}`) };
  }
}

/** Files beside `file`, read from disk. */
export function companionReader(file: string): CompanionReader {
  const dir = path.dirname(file);
  return (relative) => {
    const full = path.join(dir, relative);
    const read = readTextFile(full);
    return 'text' in read ? { file: full, text: read.text } : undefined;
  };
}

export function readWorkflowFile(file: string, options: Omit<ReadOptions, 'read'> = {}): FileReading {
  const read = readTextFile(file);
  if ('problem' in read) {
    return {
      kind: 'workflow',
      workflow: {
        file, format: 'unknown', name: workflowNameFromFile(file), nameSpan: read.problem.span, runsPerDay: null,
        steps: [], budgets: [], localModels: [], problems: [read.problem], assumptions: [],
      },
    };
  }
  return readWorkflow(file, read.text, { ...options, read: companionReader(file) });
}
