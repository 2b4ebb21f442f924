// The seeded Monte Carlo over a planned workflow: each draw samples every ranged input (integers
// for tokens and turns), evaluates the ranged steps, and walks the graph for the wall time. Typed
// arrays and no allocation in the loop: 1,000 draws of a 200-step file take a few milliseconds.
import type { Range } from '../types';
import type { Plan } from './estimate';
import type { PreparedModel } from './preparedModel';
import { seededRandom } from './rng';
import { emptyDraw, energyDraw, evaluateStep, Slot, SLOTS } from './stepMath';

export interface Samples {
  runs: number;
  /** Step j's index among the ranged steps, or -1 for a step with exact figures. */
  rangedIndex: Int32Array;
  /** Ranged step k, draw r, slot s at ((k·runs + r)·SLOTS + s): one draw's figures side by side. */
  stepValues: Float64Array;
  /** Workflow totals per slot (latency: the critical path), one value per draw. */
  totals: Float64Array[];
}

const VARS = 5; // input tokens, output tokens, turns, tool tokens, tool latency

/** Lower bound, width and integer flag of each ranged input, flat: (k·VARS + v)·3. */
function drawPlan(p: Plan, ranged: number[]): Float64Array {
  const out = new Float64Array(ranged.length * VARS * 3);
  ranged.forEach((j, k) => {
    const s = p.steps[j].spec;
    const a = s.agent;
    const one: Range = { min: 1, max: 1 };
    const zero: Range = { min: 0, max: 0 };
    const vars: [Range, boolean][] = [
      [s.inputTokens, true], [s.outputTokens, true], [a ? a.turns : one, true], [a ? a.toolTokens : zero, true], [a ? a.toolLatencyS : zero, false],
    ];
    vars.forEach(([r, integer], v) => {
      const at = (k * VARS + v) * 3;
      const whole = integer && Number.isInteger(r.min) && Number.isInteger(r.max);
      out[at] = r.min;
      out[at + 1] = r.max > r.min ? (whole ? r.max - r.min + 1 : r.max - r.min) : 0;
      out[at + 2] = whole ? 1 : 0;
    });
  });
  return out;
}

export function runMonteCarlo(p: Plan, midVals: Float64Array, known: Uint8Array, batch: Uint8Array, runs: number, seed: number): Samples {
  const n = p.steps.length;
  const ranged: number[] = [];
  const rangedIndex = new Int32Array(n).fill(-1);
  p.steps.forEach((s, j) => {
    if (s.random) {
      rangedIndex[j] = ranged.length;
      ranged.push(j);
    }
  });
  const totals = Array.from({ length: SLOTS }, () => new Float64Array(runs));
  const stepValues = new Float64Array(ranged.length * SLOTS * runs);

  // What the exact steps add to every draw.
  const fixed = new Float64Array(SLOTS);
  for (let j = 0; j < n; j++) {
    if (rangedIndex[j] >= 0) continue;
    for (let s = 0; s < SLOTS; s++) if (known[j * SLOTS + s]) fixed[s] += midVals[j * SLOTS + s];
  }
  // The graph, flat: predecessors of order[i] are preds[predStart[i] .. predStart[i+1]).
  const order = Int32Array.from(p.graph.order);
  const predStart = new Int32Array(n + 1);
  const preds: number[] = [];
  order.forEach((v, i) => {
    predStart[i] = preds.length;
    preds.push(...p.graph.preds[v]);
  });
  predStart[n] = preds.length;
  const latency = new Float64Array(n);
  for (let j = 0; j < n; j++) latency[j] = batch[j] ? 0 : midVals[j * SLOTS + Slot.Latency];
  const finish = new Float64Array(n);

  const plan = drawPlan(p, ranged);
  const rangedModels: PreparedModel[] = p.rangedModels;
  const modelOf = ranged.map((j) => rangedModels.indexOf(p.steps[j].model));
  // Energy figures per ranged model for the current draw, and per exact model once.
  const drawn = rangedModels.map(() => emptyDraw());
  const exactEnergy = ranged.map((j) => {
    const e = emptyDraw();
    const m = p.steps[j].model;
    energyDraw(e, (m.activeB.min + m.activeB.max) / 2, (m.totalB.min + m.totalB.max) / 2);
    return e;
  });
  const values = new Float64Array(SLOTS);
  const d = emptyDraw();
  const random = seededRandom(seed);
  const draw = (at: number): number => {
    const width = plan[at + 1];
    if (width === 0) return plan[at];
    const u = random();
    return plan[at] + (plan[at + 2] ? Math.floor(u * width) : u * width);
  };

  for (let r = 0; r < runs; r++) {
    // each ranged model's parameter count, once per draw (dense models: total = active)
    for (let m = 0; m < rangedModels.length; m++) {
      const model = rangedModels[m];
      const active = model.activeB.min + random() * (model.activeB.max - model.activeB.min);
      const dense = model.totalB.min === model.activeB.min && model.totalB.max === model.activeB.max;
      energyDraw(drawn[m], active, dense ? active : model.totalB.min + random() * (model.totalB.max - model.totalB.min));
    }
    for (let s = 0; s < SLOTS; s++) totals[s][r] = fixed[s];
    for (let k = 0; k < ranged.length; k++) {
      const j = ranged[k];
      const step = p.steps[j];
      const at = k * VARS * 3;
      d.inputTokens = draw(at);
      d.outputTokens = draw(at + 3);
      d.turns = draw(at + 6);
      d.toolTokens = draw(at + 9);
      d.toolLatencyS = draw(at + 12);
      const energy = modelOf[k] >= 0 ? drawn[modelOf[k]] : exactEnergy[k];
      d.gpus = energy.gpus;
      d.whPerOutputTokenPerGpu = energy.whPerOutputTokenPerGpu;
      d.whPerPrefillToken = energy.whPerPrefillToken;
      evaluateStep(step.spec, step.model, d, values, 0);
      const base = (k * runs + r) * SLOTS;
      for (let s = 0; s < SLOTS; s++) {
        const v = values[s];
        stepValues[base + s] = v;
        if (known[j * SLOTS + s]) totals[s][r] += v;
      }
      if (!batch[j]) latency[j] = values[Slot.Latency];
    }
    // the critical path of this draw
    let end = 0;
    for (let i = 0; i < n; i++) {
      const v = order[i];
      let start = 0;
      for (let e = predStart[i]; e < predStart[i + 1]; e++) if (finish[preds[e]] > start) start = finish[preds[e]];
      const f = start + latency[v];
      finish[v] = f;
      if (f > end) end = f;
    }
    totals[Slot.Latency][r] = end;
  }
  return { runs, rangedIndex, stepValues, totals };
}
