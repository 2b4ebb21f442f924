// Files as they were at a git revision, read with git itself (never checked out): the candidate
// workflow files under some folders, listed with `ls-tree -z` and read by their object ids in
// `git cat-file --batch` (a path never goes through a line protocol, so a name holding a newline
// cannot ask for another file), and the files a workflow refers to on demand, resolved inside the
// repository. Bounded as files on disk are (MAX_FILE_BYTES). Git runs through runGit (git.ts).
import path from 'node:path';
import { mayBeWorkflowFile, withoutSecondViews } from './formats/fileNames';
import type { CompanionReader } from './formats/formatAdapter';
import { runGit } from './git';
import { MAX_FILE_BYTES } from './limits';
import { byCodePoint } from './order';

const SKIPPED_DIRS = /(^|\/)(node_modules|\.git|dist|out|\.vscode-test|\.venv|__pycache__)\//;
/** Files read in one `cat-file --batch` at most, in bytes: a large revision is read in several. */
const BATCH_BYTES = 64 * 1024 * 1024;

export interface Revision {
  /** The revision as the user named it, and the commit it is. */
  ref: string;
  commit: string;
  /** The repository's top folder on disk, and its git folder (every later command reads that one). */
  root: string;
  gitDir: string;
}

/** A file of the revision's tree: its blob and size. */
export interface TreeFile {
  oid: string;
  size: number;
}

const firstLine = (b: Buffer): string => b.toString('utf8').replace(/\r?\n$/, '');

/** The revision `ref` of the repository `cwd` is in, or why it cannot be read. */
export function openRevision(cwd: string, ref: string): Revision | { error: string } {
  if (!ref || ref.startsWith('-')) return { error: `'${ref}' is not a revision` };
  const top = runGit(cwd, ['rev-parse', '--show-toplevel']);
  const dir = runGit(cwd, ['rev-parse', '--absolute-git-dir']);
  if (!top.ok || !dir.ok) return { error: `${cwd} is not in a git repository (${top.stderr || dir.stderr || 'git failed'})` };
  const gitDir = firstLine(dir.stdout);
  const commit = runGit({ gitDir }, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!commit.ok) return { error: `unknown revision '${ref}'` };
  return { ref, commit: firstLine(commit.stdout), root: firstLine(top.stdout), gitDir };
}

/** Regular files (not links, submodules or folders) of the revision's tree, by repository path. */
function treeFiles(rev: Revision): Map<string, TreeFile> {
  const r = runGit({ gitDir: rev.gitDir }, ['ls-tree', '-r', '-z', '-l', '--full-tree', rev.commit]);
  const out = new Map<string, TreeFile>();
  if (!r.ok) return out;
  for (const entry of r.stdout.toString('utf8').split('\0')) {
    const m = /^10(?:0644|0755) blob ([0-9a-f]{40,64}) +(\d+)\t([\s\S]+)$/.exec(entry);
    if (m) out.set(m[3], { oid: m[1], size: Number(m[2]) });
  }
  return out;
}

/**
 * Repository paths (with /) of the candidate workflow files under `prefixes` at the revision, and
 * every file there (so that a reference to a file the revision lacks costs no call to git).
 */
export function listWorkflowFiles(rev: Revision, prefixes: readonly string[]): { files: string[]; tree: Map<string, TreeFile> } {
  const tree = treeFiles(rev);
  const under = (file: string) => prefixes.some((p) => p === '' || file === p || file.startsWith(`${p}/`));
  const files = [...tree.keys()].filter((f) => under(f) && !SKIPPED_DIRS.test(f) && mayBeWorkflowFile(path.posix.basename(f))).sort(byCodePoint);
  return { files: withoutSecondViews(files, (f) => f), tree };
}

/** Blobs' texts by object id, from one `cat-file --batch` fed object ids only. */
function readBlobs(rev: Revision, oids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const r = runGit({ gitDir: rev.gitDir }, ['cat-file', '--batch'], oids.map((oid) => `${oid}\n`).join(''));
  if (!r.ok) return out;
  const buf = r.stdout;
  let at = 0;
  while (at < buf.length) {
    const eol = buf.indexOf(10, at);
    if (eol < 0) break;
    const m = /^([0-9a-f]+) (\w+) (\d+)$/.exec(buf.subarray(at, eol).toString('latin1'));
    at = eol + 1;
    if (!m) continue; // "<object> missing"
    const size = Number(m[3]);
    if (m[2] === 'blob') out.set(m[1], buf.subarray(at, at + size).toString('utf8'));
    at += size + 1;
  }
  return out;
}

/** The text of these files at the revision, by path; a file over the size limit, or not in the tree, is left out. */
export function readFiles(rev: Revision, files: readonly string[], tree: ReadonlyMap<string, TreeFile>): Map<string, string> {
  const wanted = files.flatMap((file) => {
    const entry = tree.get(file);
    return entry && entry.size <= MAX_FILE_BYTES ? [{ file, ...entry }] : [];
  });
  const texts = new Map<string, string>();
  for (let i = 0; i < wanted.length;) {
    const batch: string[] = [];
    for (let bytes = 0; i < wanted.length && (batch.length === 0 || bytes + wanted[i].size <= BATCH_BYTES); i++) {
      bytes += wanted[i].size;
      batch.push(wanted[i].oid);
    }
    for (const [oid, text] of readBlobs(rev, [...new Set(batch)])) texts.set(oid, text);
  }
  const out = new Map<string, string>();
  for (const w of wanted) {
    const text = texts.get(w.oid);
    if (text !== undefined) out.set(w.file, text);
  }
  return out;
}

/**
 * The files a workflow at the revision refers to, read from the same revision: paths relative to
 * the workflow's folder, resolved inside the repository (no absolute path, no `..` out of it).
 */
export function revisionReader(rev: Revision, workflow: string, known: ReadonlyMap<string, string>, tree: ReadonlyMap<string, TreeFile>): CompanionReader {
  const folder = path.posix.dirname(workflow);
  return (reference) => {
    if (path.isAbsolute(reference) || /^[a-z]:[\\/]/i.test(reference)) return { error: 'it is outside the workspace' };
    const target = path.posix.normalize(path.posix.join(folder, reference.replace(/\\/g, '/')));
    if (target.startsWith('../') || target === '..') return { error: 'it is outside the workspace' };
    const text = known.get(target) ?? (tree.has(target) ? readFiles(rev, [target], tree).get(target) : undefined);
    return text === undefined ? { error: `no such file at ${rev.ref}` } : { file: target, text };
  };
}

/**
 * The branch a change is compared with by default: the remote's default branch (origin/HEAD),
 * else a local main or master; null on that branch itself, or outside a repository.
 */
export function defaultBase(cwd: string): string | null {
  const current = runGit(cwd, ['rev-parse', '--abbrev-ref', 'HEAD']);
  if (!current.ok) return null;
  const branch = current.stdout.toString('utf8').trim();
  const remote = runGit(cwd, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']);
  const candidates = [remote.ok ? remote.stdout.toString('utf8').trim() : '', 'main', 'master'].filter(Boolean);
  for (const base of candidates) {
    if (base === branch || base.replace(/^origin\//, '') === branch) return null;
    if (runGit(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${base}^{commit}`]).ok) return base;
  }
  return null;
}
