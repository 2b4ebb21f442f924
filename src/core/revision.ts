// Files as they were at a git revision, read with git itself (never checked out): the candidate
// workflow files under some folders in one `git cat-file --batch`, and the files a workflow refers
// to on demand, resolved inside the repository. Bounded as files on disk are (MAX_FILE_BYTES).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { mayBeWorkflowFile, withoutSecondViews } from './formats/fileNames';
import type { CompanionReader } from './formats/formatAdapter';
import { MAX_FILE_BYTES } from './limits';
import { byCodePoint } from './order';

const SKIPPED_DIRS = /(^|\/)(node_modules|\.git|dist|out|\.vscode-test|\.venv|__pycache__)\//;
/** Git's output is read whole: the listing and the batch of candidate files stay under this. */
const MAX_GIT_OUTPUT = 512 * 1024 * 1024;

export interface Revision {
  /** The revision as the user named it, and the commit it is. */
  ref: string;
  commit: string;
  /** The repository's top folder on disk. */
  root: string;
}

function git(cwd: string, args: string[], input?: string): { ok: boolean; stdout: Buffer; stderr: string } {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: MAX_GIT_OUTPUT, windowsHide: true });
  return { ok: r.status === 0 && !r.error, stdout: r.stdout ?? Buffer.alloc(0), stderr: r.error ? r.error.message : (r.stderr ?? Buffer.alloc(0)).toString('utf8').trim() };
}

/** The revision `ref` of the repository `cwd` is in, or why it cannot be read. */
export function openRevision(cwd: string, ref: string): Revision | { error: string } {
  if (!ref || ref.startsWith('-')) return { error: `'${ref}' is not a revision` };
  const top = git(cwd, ['rev-parse', '--show-toplevel']);
  if (!top.ok) return { error: `${cwd} is not in a git repository (${top.stderr || 'git failed'})` };
  const commit = git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!commit.ok) return { error: `unknown revision '${ref}'` };
  return { ref, commit: commit.stdout.toString('utf8').trim(), root: top.stdout.toString('utf8').trim() };
}

/**
 * Repository paths (with /) of the candidate workflow files under `prefixes` at the revision, and
 * of every file there (so that a reference to a file the revision lacks costs no call to git).
 */
export function listWorkflowFiles(rev: Revision, prefixes: readonly string[]): { files: string[]; tree: Set<string> } {
  const r = git(rev.root, ['ls-tree', '-r', '-z', '--name-only', rev.commit]);
  if (!r.ok) return { files: [], tree: new Set() };
  const all = r.stdout.toString('utf8').split('\0').filter(Boolean);
  const under = (file: string) => prefixes.some((p) => p === '' || file === p || file.startsWith(`${p}/`));
  const files = all.filter((f) => under(f) && !SKIPPED_DIRS.test(f) && mayBeWorkflowFile(path.posix.basename(f))).sort(byCodePoint);
  return { files: withoutSecondViews(files, (f) => f), tree: new Set(all) };
}

/** The text of these files at the revision, by path; a file over the size limit or not UTF-8 text is left out. */
export function readFiles(rev: Revision, files: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (files.length === 0) return out;
  const r = git(rev.root, ['cat-file', '--batch'], files.map((f) => `${rev.commit}:${f}`).join('\n') + '\n');
  if (!r.ok) return out;
  const buf = r.stdout;
  let at = 0;
  for (const file of files) {
    const eol = buf.indexOf(10, at);
    if (eol < 0) break;
    const header = buf.subarray(at, eol).toString('utf8');
    at = eol + 1;
    const m = /^\S+ (\w+) (\d+)$/.exec(header);
    if (!m) continue; // "<object> missing"
    const size = Number(m[2]);
    if (m[1] === 'blob' && size <= MAX_FILE_BYTES) out.set(file, buf.subarray(at, at + size).toString('utf8'));
    at += size + 1;
  }
  return out;
}

/**
 * The files a workflow at the revision refers to, read from the same revision: paths relative to
 * the workflow's folder, resolved inside the repository (no absolute path, no `..` out of it).
 */
export function revisionReader(rev: Revision, workflow: string, known: ReadonlyMap<string, string>, tree: ReadonlySet<string>): CompanionReader {
  const folder = path.posix.dirname(workflow);
  return (reference) => {
    if (path.isAbsolute(reference) || /^[a-z]:[\\/]/i.test(reference)) return { error: 'it is outside the workspace' };
    const target = path.posix.normalize(path.posix.join(folder, reference.replace(/\\/g, '/')));
    if (target.startsWith('../') || target === '..') return { error: 'it is outside the workspace' };
    const text = known.get(target) ?? (tree.has(target) ? readFiles(rev, [target]).get(target) : undefined);
    return text === undefined ? { error: `no such file at ${rev.ref}` } : { file: target, text };
  };
}

/** Files git sees as renamed between the revision and the working tree: new path → old path. */
export function renamesSince(rev: Revision, prefixes: readonly string[]): Map<string, string> {
  const r = git(rev.root, ['diff', '-M', '--name-status', '-z', rev.commit, '--', ...(prefixes.length ? prefixes.map((p) => p || '.') : ['.'])]);
  const out = new Map<string, string>();
  if (!r.ok) return out;
  const parts = r.stdout.toString('utf8').split('\0');
  for (let i = 0; i < parts.length; i++) {
    if (/^R\d*$/.test(parts[i]) && i + 2 < parts.length) {
      out.set(parts[i + 2], parts[i + 1]);
      i += 2;
    }
  }
  return out;
}

/**
 * The branch a change is compared with by default: the remote's default branch (origin/HEAD),
 * else a local main or master; null on that branch itself, or outside a repository.
 */
export function defaultBase(cwd: string): string | null {
  const current = git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD']);
  if (!current.ok) return null;
  const branch = current.stdout.toString('utf8').trim();
  const remote = git(cwd, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']);
  const candidates = [remote.ok ? remote.stdout.toString('utf8').trim() : '', 'main', 'master'].filter(Boolean);
  for (const base of candidates) {
    if (base === branch || base.replace(/^origin\//, '') === branch) return null;
    if (git(cwd, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]).ok) return base;
  }
  return null;
}
