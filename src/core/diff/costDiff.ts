// What a change does to the bill: two sets of estimates (a base revision's and the working tree's,
// or two saved `estimate --format json` outputs) compared workflow by workflow and step by step,
// at their means (the figure a bill follows; wall time at its p50), with the cost's p95 beside.
// Works on the JSON shape, so that a saved estimate and a fresh one compare the same way.

/** A figure as the JSON report writes it (estimates saved before means were reported have none). */
interface JsonFigure {
  mean?: number;
  p50: number;
  p95: number;
}

/** The parts of a workflow's JSON estimate a diff reads (see reports/json.ts). */
export interface EstimatedWorkflow {
  file: string;
  name: string;
  per_run: { cost_usd: JsonFigure | null; latency_s: JsonFigure | null; energy_wh: JsonFigure | null } | null;
  per_month: { cost_usd: JsonFigure | null } | null;
  steps: { id: string; model: string; line: number; cost_usd?: JsonFigure | null }[];
}

export type Status = 'added' | 'removed' | 'changed' | 'unchanged';

export interface Change {
  base: number | null;
  head: number | null;
  /** head − base, null where either is unknown. */
  delta: number | null;
  /** The change as a share of the base (0.1 for +10%), null where the base is unknown or zero. */
  delta_pct: number | null;
  /** For a cost: its p95 on each side, beside the means compared. */
  p95?: { base: number | null; head: number | null };
}

export interface StepDiff {
  id: string;
  status: Status;
  model: { base: string | null; head: string | null };
  cost_usd: Change;
  /** Its line in the head file (the base file's for a removed step). */
  line: number;
}

export interface WorkflowDiff {
  file: string;
  /** The base file it was compared with, where it was renamed. */
  renamed_from?: string;
  name: string;
  status: Status;
  per_run: { cost_usd: Change; latency_s: Change; energy_wh: Change };
  per_month: { cost_usd: Change };
  steps: StepDiff[];
}

export interface CostDiff {
  base: string;
  head: string;
  workflows: WorkflowDiff[];
  totals: { per_run: { cost_usd: Change }; per_month: { cost_usd: Change } };
}

const mean = (f: JsonFigure | null | undefined): number | null => (f ? f.mean ?? f.p50 : null);
const p50 = (f: JsonFigure | null | undefined): number | null => (f ? f.p50 : null);
const p95 = (f: JsonFigure | null | undefined): number | null => (f ? f.p95 : null);

/** A cost's change in its mean, with its p95 on each side. */
function costChange(base: JsonFigure | null | undefined, head: JsonFigure | null | undefined, missing: 'added' | 'removed' | null): Change {
  return { ...change(mean(base), mean(head), missing), p95: { base: p95(base), head: p95(head) } };
}

/** `from` says what a side that is missing counts as: a workflow or step added costs nothing on the base side, a removed one nothing on the head side. */
function change(base: number | null, head: number | null, missing: 'added' | 'removed' | null = null): Change {
  const b = missing === 'added' ? 0 : base;
  const h = missing === 'removed' ? 0 : head;
  const delta = b !== null && h !== null ? h - b : null;
  return { base, head, delta, delta_pct: delta !== null && base ? delta / base : null };
}

/** Equal to the last digit an estimate shows: figures of the same file, estimated twice, agree to the float. */
const same = (a: number | null, b: number | null): boolean => a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a)));

function stepDiffs(base: EstimatedWorkflow | undefined, head: EstimatedWorkflow | undefined): StepDiff[] {
  const before = new Map((base?.steps ?? []).map((s) => [s.id, s]));
  const after = new Map((head?.steps ?? []).map((s) => [s.id, s]));
  const out: StepDiff[] = [];
  for (const s of head?.steps ?? []) {
    const b = before.get(s.id);
    const cost = costChange(b?.cost_usd, s.cost_usd, b ? null : 'added');
    const status: Status = !b ? 'added' : b.model !== s.model || !same(cost.base, cost.head) ? 'changed' : 'unchanged';
    out.push({ id: s.id, status, model: { base: b?.model ?? null, head: s.model }, cost_usd: cost, line: s.line });
  }
  for (const b of base?.steps ?? []) {
    if (!after.has(b.id)) out.push({ id: b.id, status: 'removed', model: { base: b.model, head: null }, cost_usd: costChange(b.cost_usd, null, 'removed'), line: b.line });
  }
  return out;
}

function workflowDiff(file: string, base: EstimatedWorkflow | undefined, head: EstimatedWorkflow | undefined, renamedFrom?: string): WorkflowDiff {
  const steps = stepDiffs(base, head);
  const missing = !base ? 'added' : !head ? 'removed' : null;
  const perRun = {
    cost_usd: costChange(base?.per_run?.cost_usd, head?.per_run?.cost_usd, missing),
    latency_s: change(p50(base?.per_run?.latency_s), p50(head?.per_run?.latency_s), missing),
    energy_wh: change(mean(base?.per_run?.energy_wh), mean(head?.per_run?.energy_wh), missing),
  };
  const perMonth = { cost_usd: costChange(base?.per_month?.cost_usd, head?.per_month?.cost_usd, missing) };
  const status: Status = !base ? 'added' : !head ? 'removed'
    : steps.some((s) => s.status !== 'unchanged') || !same(perRun.cost_usd.base, perRun.cost_usd.head) || !same(perMonth.cost_usd.base, perMonth.cost_usd.head) ? 'changed' : 'unchanged';
  return { file, ...(renamedFrom ? { renamed_from: renamedFrom } : {}), name: (head ?? base)?.name ?? file, status, per_run: perRun, per_month: perMonth, steps };
}

/** Sums of a figure over workflows, an added workflow counting 0 on the base side and a removed one 0 on the head side. */
function sum(diffs: WorkflowDiff[], pick: (w: WorkflowDiff) => Change): Change {
  let base = 0;
  let head = 0;
  for (const w of diffs) {
    const c = pick(w);
    if ((w.status !== 'added' && c.base === null) || (w.status !== 'removed' && c.head === null)) return change(null, null);
    base += c.base ?? 0;
    head += c.head ?? 0;
  }
  return change(base, head);
}

/**
 * The two sets compared by file: `renames` maps a head file to the base file it was (git's rename
 * detection); files on one side only are added or removed.
 */
export function costDiff(
  base: { label: string; workflows: readonly EstimatedWorkflow[] },
  head: { label: string; workflows: readonly EstimatedWorkflow[] },
  renames: ReadonlyMap<string, string> = new Map(),
): CostDiff {
  const before = new Map(base.workflows.map((w) => [w.file, w]));
  const matched = new Set<string>();
  const workflows: WorkflowDiff[] = [];
  for (const w of head.workflows) {
    const from = renames.get(w.file);
    const b = before.get(w.file) ?? (from ? before.get(from) : undefined);
    if (b) matched.add(b.file);
    workflows.push(workflowDiff(w.file, b, w, b && b.file !== w.file ? b.file : undefined));
  }
  for (const b of base.workflows) if (!matched.has(b.file)) workflows.push(workflowDiff(b.file, b, undefined));
  workflows.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    base: base.label,
    head: head.label,
    workflows,
    totals: { per_run: { cost_usd: sum(workflows, (w) => w.per_run.cost_usd) }, per_month: { cost_usd: sum(workflows, (w) => w.per_month.cost_usd) } },
  };
}

/** A limit on the rise: a share (`10%`) or USD (`50`), per month where every workflow has runs per day, else per run. */
export type IncreaseLimit = { share: number } | { usd: number };

export function parseIncreaseLimit(text: string): IncreaseLimit | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!m) return null;
  const value = Number(m[1]);
  return m[2] ? { share: value / 100 } : { usd: value };
}

/** The total the limit is checked on, and whether the rise goes past it (null: a total is unknown, so it cannot be checked). */
export function increaseCheck(diff: CostDiff, limit: IncreaseLimit): { period: 'month' | 'run'; change: Change; exceeded: boolean | null } {
  const monthly = diff.totals.per_month.cost_usd;
  const [period, c] = monthly.delta !== null ? ['month', monthly] as const : ['run', diff.totals.per_run.cost_usd] as const;
  if (c.delta === null) return { period, change: c, exceeded: null };
  const exceeded = 'share' in limit ? (c.base ? c.delta / c.base > limit.share : c.delta > 0) : c.delta > limit.usd;
  return { period, change: c, exceeded };
}
