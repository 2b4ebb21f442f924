// Calibration's writes: the workflows that share a sidecar (`a.agentflow.yaml` and
// `a.agentflow.yml` both have `a.agentflow.agentcost.yaml`) get one text from all their
// calibrations, written once, so that none replaces another's. Each sidecar is read once and
// refused where it is a link; writeFileAtomic writes it.
import path from 'node:path';
import { readForEdit } from '../files';
import { sidecarName } from '../formats/sidecar';
import { withSettings, type SidecarChange } from '../formats/sidecarEdit';
import { calibrationSettings, type Calibration } from './calibrate';

export interface CalibratedWorkflow {
  workflow: string;
  calibration: Calibration;
}

/** A sidecar's new text, what changed in it, and what calibration left as the files say. */
export interface SidecarEdit {
  file: string;
  text: string;
  changes: SidecarChange[];
  notes: string[];
}

/**
 * The edit of each sidecar the calibrations write, naming the observation files relative to it;
 * or why some cannot be written, in which case none should be.
 */
export function sidecarEdits(calibrated: readonly CalibratedWorkflow[], observationFiles: readonly string[], date: string): { edits: SidecarEdit[] } | { errors: string[] } {
  const bySidecar = new Map<string, { file: string; group: CalibratedWorkflow[] }>();
  for (const c of calibrated) {
    const file = path.join(path.dirname(c.workflow), sidecarName(c.workflow));
    const key = path.resolve(file);
    const entry = bySidecar.get(key) ?? { file, group: [] };
    entry.group.push(c);
    bySidecar.set(key, entry);
  }
  const edits: SidecarEdit[] = [];
  const errors: string[] = [];
  for (const { file, group } of bySidecar.values()) {
    const existing = readForEdit(file);
    if (typeof existing === 'object' && existing !== null) {
      errors.push(existing.error);
      continue;
    }
    const names = observationFiles.map((o) => path.relative(path.dirname(path.resolve(file)), path.resolve(o)).split(path.sep).join('/'));
    const planned = calibrationSettings(group, names, date);
    const edited = 'error' in planned ? null : withSettings(existing, planned.settings);
    if ('error' in planned) errors.push(`${file}: ${planned.error}`);
    else if (!edited) errors.push(`${file}: not a YAML map; fix it before calibrating`);
    else edits.push({ file, ...edited, notes: group.flatMap(({ calibration }) => calibration.steps.flatMap((s) => (s.note ? [`${s.id}: ${s.note}`] : []))) });
  }
  return errors.length ? { errors } : { edits };
}
