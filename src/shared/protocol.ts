// Messages between the extension host and the side panel's webview, typed once for both sides.
// No `vscode`, no DOM: plain data. Every incoming message is checked with these guards; anything
// else is ignored.

/** One workflow file of the workspace, as the panel lists it. */
export interface WorkflowRow {
  /** The file's URI, to open it. */
  uri: string;
  path: string;
  name: string;
  costPerRun: number | null;
  p95LatencyS: number | null;
  energyWh: number | null;
  errors: number;
  /** The small-model what-if: every step on its alternative. */
  smaller: { costPerRun: number; saving: number; qualityGivenUp: number | null } | null;
}

/** Host → webview. */
export type HostMessage = { type: 'workflows'; rows: WorkflowRow[] };

/** Webview → host. The webview sends `ready` once it listens; the host posts nothing before. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'openFile'; uri: string }
  | { type: 'openExample' };

const isObject = (m: unknown): m is Record<string, unknown> => typeof m === 'object' && m !== null;

export function isWebviewMessage(m: unknown): m is WebviewMessage {
  if (!isObject(m)) return false;
  switch (m.type) {
    case 'ready':
    case 'openExample':
      return true;
    case 'openFile':
      return typeof m.uri === 'string';
    default:
      return false;
  }
}

const num = (v: unknown) => v === null || typeof v === 'number';

function isRow(r: unknown): r is WorkflowRow {
  return isObject(r) && typeof r.uri === 'string' && typeof r.path === 'string' && typeof r.name === 'string'
    && num(r.costPerRun) && num(r.p95LatencyS) && num(r.energyWh) && typeof r.errors === 'number'
    && (r.smaller === null || (isObject(r.smaller) && typeof r.smaller.costPerRun === 'number' && typeof r.smaller.saving === 'number' && num(r.smaller.qualityGivenUp)));
}

export function isHostMessage(m: unknown): m is HostMessage {
  return isObject(m) && m.type === 'workflows' && Array.isArray(m.rows) && m.rows.every(isRow);
}
