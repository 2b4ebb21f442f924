// Stage 3 of the Monte Carlo: the wall time of each draw, the longest path through the step graph.
// Steps whose latency never varies, and whose predecessors all finish at a fixed time, finish at a
// fixed time too: only the others are walked per draw, column by column (tight loops over the
// draws). A step that another follows finishes before that one does, so only the last steps bound
// the wall time.
import type { Plan } from './plan';
import { addAffine, addConstant, masked, type AffineStep, type StepColumns } from './stepColumns';
import { Slot, SLOTS } from './stepMath';

/** Finish times of the varying steps, one column each: one buffer, reused by every run. */
let finishBuffer = new Float64Array(0);
function finishScratch(size: number): Float64Array {
  if (finishBuffer.length < size) finishBuffer = new Float64Array(size);
  return finishBuffer;
}

/** Writes each draw's wall time into `wall`; batch steps (flagged in `batch`) take no wall time. */
export function walkCriticalPath(p: Plan, sc: StepColumns, midVals: Float64Array, batch: Uint8Array, wall: Float64Array): void {
  const { runs, ranged, masks, columns: draws, rangedIndex } = sc.d;
  const n = p.steps.length;
  const latency = new Float64Array(n);
  for (let j = 0; j < n; j++) latency[j] = batch[j] ? 0 : midVals[j * SLOTS + Slot.Latency];
  const varying = new Uint8Array(n);
  const latencyColumn: (Float64Array | null)[] = Array.from({ length: n }, () => null);
  const latencyForm: (AffineStep | null)[] = Array.from({ length: n }, () => null);
  ranged.forEach((j, k) => {
    if (batch[j] === 1) return;
    const form = sc.affine[k];
    const own = sc.explicit[k][Slot.Latency];
    if (own) {
      // a step on a branch takes time in the draws that take it
      const column = masks[k] ? masked(own, masks[k] as Float64Array) : own;
      if (column.some((v) => v !== column[0])) {
        varying[j] = 1;
        latencyColumn[j] = column;
      } else latency[j] = column[0];
    } else if (form && form.slopes.some((slope) => slope[Slot.Latency] !== 0)) {
      varying[j] = 1;
      latencyForm[j] = form;
    } else if (form) latency[j] = form.base[Slot.Latency];
  });
  const finish = new Float64Array(n);
  const dynamic: number[] = [];
  let fixedEnd = 0;
  for (const v of p.graph.order) {
    let start = 0;
    let moves = varying[v] === 1;
    for (const u of p.graph.preds[v]) {
      if (varying[u] === 1) moves = true;
      else if (finish[u] > start) start = finish[u];
    }
    if (moves) {
      varying[v] = 1;
      dynamic.push(v);
    } else {
      finish[v] = start + latency[v];
      if (finish[v] > fixedEnd) fixedEnd = finish[v];
    }
  }
  wall.fill(fixedEnd);
  const at = new Int32Array(n).fill(-1);
  dynamic.forEach((v, i) => (at[v] = i));
  const followed = new Uint8Array(n);
  for (const v of dynamic) for (const u of p.graph.preds[v]) followed[u] = 1;
  const finishes = finishScratch(dynamic.length * runs);
  for (let i = 0; i < dynamic.length; i++) {
    const v = dynamic[i];
    const base = i * runs;
    let fixedStart = 0;
    const drawnPreds: number[] = [];
    for (const u of p.graph.preds[v]) {
      if (at[u] >= 0) drawnPreds.push(at[u] * runs);
      else if (finish[u] > fixedStart) fixedStart = finish[u];
    }
    if (drawnPreds.length === 0) finishes.fill(fixedStart, base, base + runs);
    else {
      startAfter(finishes, base, drawnPreds[0], fixedStart, runs);
      for (let q = 1; q < drawnPreds.length; q++) raiseTo(finishes, base, finishes, drawnPreds[q], runs);
    }
    const own = latencyColumn[v];
    const form = latencyForm[v];
    if (own) addColumnAt(finishes, base, own, runs);
    else if (form) addAffine(finishes, base, form, draws[rangedIndex[v]], Slot.Latency, runs);
    else addConstant(finishes, base, runs, latency[v]);
    if (followed[v] === 0) raiseTo(wall, 0, finishes, base, runs);
  }
}

function addColumnAt(out: Float64Array, at: number, values: Float64Array, runs: number): void {
  for (let r = 0; r < runs; r++) out[at + r] += values[r];
}

/** out[at + r] = max(fixed, columns[from + r]): a step's start after its first drawn predecessor. */
function startAfter(columns: Float64Array, at: number, from: number, fixed: number, runs: number): void {
  for (let r = 0; r < runs; r++) {
    const t = columns[from + r];
    columns[at + r] = t > fixed ? t : fixed;
  }
}

/** out[at + r] = max(out[at + r], values[from + r]). */
function raiseTo(out: Float64Array, at: number, values: Float64Array, from: number, runs: number): void {
  for (let r = 0; r < runs; r++) if (values[from + r] > out[at + r]) out[at + r] = values[from + r];
}
