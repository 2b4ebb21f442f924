// Edits to a sidecar file that keep what the user wrote (other keys, comments, order): the YAML
// document is edited in place, never rebuilt from data.
import { Document, isMap, parseDocument } from 'yaml';

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
