// Workflow files moved between a revision and the working tree, found by content as git's rename
// detection finds them (`-M`: the same text, else at least half of it), but without running git on
// the work tree: that would run the repository's fsmonitor hook and clean filters (see git.ts).
// The base side's texts come from the revision, the working tree's are read as files.
import { byCodePoint } from '../order';
import type { RevisionWorkflows } from './atRevision';

/** git's default rename threshold: half the content the same. */
const SIMILAR = 0.5;
/** Pairs compared line by line at most (git's diff.renameLimit, squared, is of the same order); past it only exact moves are found. */
const MAX_PAIRS = 10_000;

function lineCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

/** The share of the larger text that the two have in common, counted in characters of whole lines. */
function similarity(a: Map<string, number>, aLength: number, b: Map<string, number>, bLength: number): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const [line, n] of small) common += Math.min(n, large.get(line) ?? 0) * (line.length + 1);
  return common / Math.max(aLength + 1, bLength + 1, 1);
}

/** New path → old path, for each file of `added` that is a file of `removed` moved (and perhaps edited). */
export function findRenames(removed: ReadonlyMap<string, string>, added: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  const byText = new Map<string, string[]>();
  for (const [file, text] of [...removed].sort(([a], [b]) => byCodePoint(a, b))) byText.set(text, [...(byText.get(text) ?? []), file]);
  const left: string[] = [];
  for (const file of [...added.keys()].sort(byCodePoint)) {
    const from = byText.get(added.get(file) as string)?.find((f) => !used.has(f));
    if (from) {
      out.set(file, from);
      used.add(from);
    } else left.push(file);
  }
  const sources = [...removed.keys()].filter((f) => !used.has(f)).sort(byCodePoint);
  if (left.length * sources.length > MAX_PAIRS) return out;
  const lines = new Map([...removed, ...added].map(([f, text]) => [f, lineCounts(text)]));
  const pairs: { to: string; from: string; score: number }[] = [];
  for (const to of left) {
    for (const from of sources) {
      const score = similarity(lines.get(to) as Map<string, number>, (added.get(to) as string).length, lines.get(from) as Map<string, number>, (removed.get(from) as string).length);
      if (score >= SIMILAR) pairs.push({ to, from, score });
    }
  }
  pairs.sort((a, b) => b.score - a.score || byCodePoint(a.to, b.to) || byCodePoint(a.from, b.from));
  for (const { to, from } of pairs) {
    if (out.has(to) || used.has(from)) continue;
    out.set(to, from);
    used.add(from);
  }
  return out;
}

/**
 * The working tree's workflows that are the revision's moved: new path → old path, comparing the
 * revision's files that the working tree lacks with the working tree's that the revision lacks
 * (`headText` reads one of those, by repository path; null where it cannot be read).
 */
export function renamesSince(base: RevisionWorkflows, head: readonly { file: string }[], headText: (file: string) => string | null): Map<string, string> {
  const headFiles = new Set(head.map((w) => w.file));
  const baseFiles = new Set(base.workflows.map((w) => w.file));
  const removed = new Map<string, string>();
  for (const file of baseFiles) {
    const text = base.texts.get(file);
    if (!headFiles.has(file) && text !== undefined) removed.set(file, text);
  }
  const added = new Map<string, string>();
  for (const file of headFiles) {
    const text = baseFiles.has(file) ? null : headText(file);
    if (text !== null) added.set(file, text);
  }
  return findRenames(removed, added);
}
