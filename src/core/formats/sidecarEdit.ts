// Edits to a sidecar file that keep what the user wrote (other keys, comments, order): the YAML
// document is edited in place, never rebuilt from data.
import { Document, isMap, isNode, parseDocument } from 'yaml';

/**
 * The sidecar's text with `deployments.<name>: <model>` set, creating the file's content where
 * there is none; null where the sidecar does not parse as a map (it is the user's to fix).
 */
export function withDeployment(existing: string | null, name: string, model: string): string | null {
  const doc: Document = existing === null ? new Document({}) : parseDocument(existing);
  if (doc.errors.length > 0 || (existing !== null && existing.trim() !== '' && !isMap(doc.contents))) return null;
  if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as Document['contents'];
  doc.setIn(['deployments', name], model);
  return doc.toString();
}

/** One figure calibration sets: where, what it was (undefined where unset), what it becomes. */
export interface SidecarChange {
  path: string[];
  before: unknown;
  after: unknown;
}

/**
 * The sidecar's text with each value set at its path (calibration's `steps.<id>.input_tokens`,
 * `calibrated_from`), the rest of the file (other keys, comments, order) kept; null where the
 * sidecar does not parse as a map. Returns what changed, figure by figure.
 */
export function withSettings(existing: string | null, settings: readonly { path: string[]; value: unknown }[]): { text: string; changes: SidecarChange[] } | null {
  const doc: Document = existing === null ? new Document({}) : parseDocument(existing);
  if (doc.errors.length > 0 || (existing !== null && existing.trim() !== '' && !isMap(doc.contents))) return null;
  if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as Document['contents'];
  const changes: SidecarChange[] = [];
  for (const { path, value } of settings) {
    const old = doc.getIn(path);
    const before: unknown = isNode(old) ? old.toJSON() : old;
    if (JSON.stringify(before) === JSON.stringify(value)) continue;
    // ranges read best on one line: [800, 1200]
    doc.setIn(path, doc.createNode(value, { flow: Array.isArray(value) || (typeof value === 'object' && value !== null && path[path.length - 1] !== 'calibrated_from') }));
    changes.push({ path, before, after: value });
  }
  return { text: doc.toString(), changes };
}
