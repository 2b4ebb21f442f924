// Reading files from disk, for the CLI and for the files a workflow refers to. Every file the core
// opens goes through readTextFile: only regular files (a device, a FIFO or a socket is refused
// before it can stall or flood), and never more than the limit + 1 bytes. A path a workflow names
// must resolve, symlinks included, inside the workflow's folder or the workspace. A sidecar is
// written whole and atomically, never through a link (writeFileAtomic).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { emptyWorkflow } from './formats/emptyWorkflow';
import { mayBeWorkflowFile, withoutSecondViews } from './formats/fileNames';
import type { CompanionReader } from './formats/formatAdapter';
import { MAX_FILE_BYTES } from './limits';
import { byCodePoint } from './order';
import { readWorkflow, type FileReading, type ReadOptions } from './formats/workflowFile';
import type { Problem } from './types';

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test', '.venv', '__pycache__']);
/** Files a folder search lists at most: a workspace with more is reported, not read whole. */
const MAX_FILES = 20_000;

const origin = { line: 1, column: 1, offset: 0 };
export const fileProblem = (file: string, message: string, code = 'file'): Problem => ({
  file, span: { start: origin, end: origin }, severity: 'error', code, message,
});

/**
 * Candidate workflow files under the given files and folders, in a stable order: files named
 * on the command line, and files in folders whose type may hold a workflow (their content decides).
 * Symlinked folders are not followed, so a search never leaves the folders named.
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
    for (const entry of entries.sort((a, b) => byCodePoint(a.name, b.name))) {
      if (files.length >= MAX_FILES) {
        problems.push(fileProblem(dir, `More than ${MAX_FILES} candidate files: the rest of the folder is not read. Name the folders that hold workflows.`));
        return;
      }
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
    } else files.push(p);
  }
  return { files, problems };
}

/**
 * Reads a regular file of at most `limit` bytes as UTF-8. A device, a FIFO or a socket is refused
 * (opened without blocking, checked on the open descriptor), and a larger file is refused having
 * read at most limit + 1 bytes, whatever its size claims to be.
 */
export function readTextFile(file: string, limit = MAX_FILE_BYTES): { text: string } | { problem: Problem } {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    if (!fs.fstatSync(fd).isFile()) return { problem: fileProblem(file, 'Not a regular file (a device, a pipe or a socket): it is not read.') };
    const buffer = Buffer.allocUnsafe(Math.min(limit + 1, 64 * 1024));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, Math.min(buffer.length, limit + 1 - total), null);
      if (n === 0) break;
      chunks.push(Buffer.from(buffer.subarray(0, n)));
      total += n;
      if (total > limit) {
        return { problem: fileProblem(file, `The file is too large to read (over the limit of ${Number((limit / 1048576).toPrecision(3))} MB).`) };
      }
    }
    return { text: Buffer.concat(chunks, total).toString('utf8') };
  } catch (e) {
    return { problem: fileProblem(file, `Cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`) };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

const inside = (root: string, target: string): boolean => {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

function realOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

/**
 * The file a workflow in `folder` refers to by `reference`, where it resolves inside one of
 * `roots` (the workflow's folder is always one), symlinks followed; why not, otherwise.
 */
export function resolveReference(folder: string, reference: string, roots: readonly string[]): { path: string } | { error: string } {
  if (reference.includes('\0')) return { error: 'the path holds a NUL character' };
  if (path.isAbsolute(reference) || /^[a-z]:[\\/]/i.test(reference) || reference.startsWith('\\\\')) {
    return { error: 'an absolute path; only files inside the workspace are read' };
  }
  const allowed = [folder, ...roots].map((r) => path.resolve(r));
  const target = path.resolve(folder, reference);
  if (!allowed.some((r) => inside(r, target))) return { error: 'it is outside the workspace' };
  const real = realOrSelf(target);
  if (!allowed.map(realOrSelf).some((r) => inside(r, real))) return { error: 'a link to a file outside the workspace' };
  return { path: target };
}

/** Files a workflow refers to, read from disk inside the workflow's folder or one of `roots`. */
export function companionReader(file: string, roots: readonly string[] = [process.cwd()]): CompanionReader {
  const dir = path.dirname(file);
  return (reference) => {
    const resolved = resolveReference(dir, reference, roots);
    if ('error' in resolved) return resolved;
    if (!fs.existsSync(resolved.path)) return { error: 'no such file' };
    const read = readTextFile(resolved.path);
    return 'text' in read ? { file: path.join(dir, reference), text: read.text } : { error: read.problem.message };
  };
}

export function readWorkflowFile(file: string, options: Omit<ReadOptions, 'read'> & { roots?: readonly string[] } = {}): FileReading {
  const read = readTextFile(file);
  if ('problem' in read) {
    return { kind: 'workflow', workflow: emptyWorkflow(file, 'unknown', [read.problem]) };
  }
  return readWorkflow(file, read.text, { ...options, read: companionReader(file, options.roots) });
}

/** Why a file may not be replaced by a write: a link (symbolic, or a hard link's other names would keep the old text or, written in place, get the new), or no regular file. */
function notWritable(file: string, stat: fs.Stats): string | null {
  if (!stat.isFile()) return `${file}: not a regular file (a link, a folder or a device): it is not written through`;
  if (stat.nlink > 1) return `${file}: a file with ${stat.nlink} hard links (the same file under another name): it is not written through`;
  return null;
}

/**
 * A file's text before it is edited (a sidecar calibration writes): null where there is none yet;
 * a link, a file with more than one hard link, or anything but a regular file is refused, so
 * nothing is written through it.
 */
export function readForEdit(file: string): string | null | { error: string } {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return null;
  }
  const refused = notWritable(file, stat);
  if (refused) return { error: refused };
  const read = readTextFile(file);
  return 'problem' in read ? { error: `${file}: ${read.problem.message}` } : read.text;
}

/**
 * Writes a file whole: into a new file beside it (so on the same file system), flushed, then
 * renamed over it, so that a crash leaves the old file or the new, never part of one; and never
 * through a link (checked again just before). Keeps an existing file's mode. Null, or why not.
 */
export function writeFileAtomic(file: string, text: string): { error: string } | null {
  let existing: fs.Stats | null = null;
  try {
    existing = fs.lstatSync(file);
  } catch {
    // a new file
  }
  const refused = existing && notWritable(file, existing);
  if (refused) return { error: refused };
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', existing ? existing.mode & 0o777 : 0o644);
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, file);
    return null;
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    return { error: `${file}: cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
}
