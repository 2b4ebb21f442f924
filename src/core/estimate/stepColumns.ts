// Stage 2 of the Monte Carlo: each ranged step's figures in every draw, and the run's totals.
// Most steps are affine in their ranged inputs (token counts, with fixed turns and a known model
// size): those are evaluated from coefficients found once, and never need a column of their own.
// Steps on a model whose size is a range are bilinear (size terms × token terms) and keep three
// unit-size forms; the rest (turns drawn, price tiers crossed, a branch) are evaluated draw by draw.
import type { Plan } from './plan';
import { inputRanges, setInputs, type DrawColumn, type Draws, type EnergyColumns, type RangedInput } from './draws';
import { TURNS, VARS } from './stepVariables';
import type { Summary } from './quantiles';
import { emptyDraw, energyDraw, evaluateStep, Slot, SLOTS, type StepDraw } from './stepMath';

/** value[s] = base[s] + Σ_v slope[v][s]·(x_v − min_v) over the step's ranged inputs v. */
export interface AffineStep {
  base: Float64Array;
  slopes: Float64Array[];
}

/** The three unit-size evaluations of a step on a model whose size is a range (see energyForms). */
interface EnergyForms {
  output: AffineStep;
  server: AffineStep;
  prefill: AffineStep;
}

/** The slots summed over the workflow, draw by draw: not the energy terms, reported per step only. */
export const TOTALLED = Array.from({ length: SLOTS }, (_, s) => s !== Slot.RequestWh && s !== Slot.PrefillWh);
export const ENERGY_SLOTS: readonly number[] = [Slot.Energy, Slot.RequestWh, Slot.PrefillWh];

const same = (a: number, b: number): boolean =>
  (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** The ranged steps' figures per draw: affine forms, energy forms, or columns. */
export class StepColumns {
  readonly affine: (AffineStep | null)[];
  readonly explicit: (Float64Array | undefined)[][];
  /** Steps on a ranged-size model whose tokens are fixed: energy from the model's draw alone, columns made on demand. */
  readonly lazyEnergy: (EnergyForms | null)[];

  constructor(readonly p: Plan, readonly d: Draws) {
    const { ranged, inputs, modelOf, masks } = d;
    this.explicit = ranged.map(() => []);
    this.lazyEnergy = ranged.map(() => null);
    this.affine = ranged.map((j, k) => (modelOf[k] < 0 && !masks[k] ? affineForm(p, j, inputs[k], midSizeEnergy(p, j)) : null));
    ranged.forEach((j, k) => {
      const energy = modelOf[k] >= 0 ? d.modelEnergy[modelOf[k]] : null;
      const forms = !this.affine[k] && energy && !masks[k] ? energyForms(p, j, inputs[k]) : null;
      if (forms && inputs[k].length === 0) {
        this.affine[k] = forms.output;
        this.lazyEnergy[k] = forms;
      } else if (forms && energy) {
        this.affine[k] = forms.output;
        this.explicit[k] = energyColumns(forms, d.columns[k], energy, d.runs);
      }
      if (!this.affine[k]) this.explicit[k] = evaluateRows(p, j, inputs[k], d.columns[k], energy, midSizeEnergy(p, j), d.runs);
    });
  }

  /** Whether a slot of ranged step k is computed draw by draw (not from its affine form). */
  drawn(k: number, slot: number): boolean {
    return this.explicit[k][slot] !== undefined || (this.lazyEnergy[k] !== null && ENERGY_SLOTS.includes(slot));
  }

  /** Ranged step k's figure in `slot`, one value per draw, as if it ran in every draw. */
  column(k: number, slot: number): Float64Array {
    const forms = this.lazyEnergy[k];
    if (!this.explicit[k][slot] && forms && ENERGY_SLOTS.includes(slot)) {
      Object.assign(this.explicit[k], energyColumns(forms, this.d.columns[k], this.modelEnergy(k), this.d.runs));
    }
    return this.explicit[k][slot] ?? affineColumn(this.affine[k] as AffineStep, this.d.columns[k], slot, new Float64Array(this.d.runs));
  }

  /** The same, written into `out` (of `runs` values), for a caller that reorders it. */
  columnInto(k: number, slot: number, out: Float64Array): Float64Array {
    if (!this.drawn(k, slot)) return affineColumn(this.affine[k] as AffineStep, this.d.columns[k], slot, out);
    out.set(this.column(k, slot));
    return out;
  }

  /** p50/p95/min/max of an energy slot that grows with a model's single size draw, without a column. */
  energySummary(k: number, slot: number): Summary | null {
    const order = this.lazyEnergy[k] && ENERGY_SLOTS.includes(slot) ? this.modelEnergy(k).bySize : null;
    if (!order) return null;
    const runs = this.d.runs;
    const at = (q: number) => {
      const h = (runs - 1) * q;
      const lo = Math.floor(h);
      const low = this.lazyValue(k, slot, order[lo]);
      return lo + 1 < runs ? low + (h - lo) * (this.lazyValue(k, slot, order[lo + 1]) - low) : low;
    };
    return { p50: at(0.5), p95: at(0.95), min: this.lazyValue(k, slot, order[0]), max: this.lazyValue(k, slot, order[runs - 1]) };
  }

  private modelEnergy(k: number): EnergyColumns {
    return this.d.modelEnergy[this.d.modelOf[k]];
  }

  /** Energy slot `slot` of a fixed-token step on a ranged-size model, at draw r (see energyForms). */
  private lazyValue(k: number, slot: number, r: number): number {
    const f = this.lazyEnergy[k] as EnergyForms;
    const e = this.modelEnergy(k);
    const server = f.server.base[Slot.RequestWh];
    const request = e.gpus[r] * (e.perOutput[r] * (f.output.base[Slot.RequestWh] - server) + server);
    const prefill = e.perInput[r] * f.prefill.base[Slot.PrefillWh];
    return slot === Slot.RequestWh ? request : slot === Slot.PrefillWh ? prefill : request + prefill;
  }
}

/** The energy figures of a step's model at the middle of its size range. */
export function midSizeEnergy(p: Plan, j: number): StepDraw {
  const e = emptyDraw();
  const m = p.steps[j].model;
  energyDraw(e, (m.activeB.min + m.activeB.max) / 2, (m.totalB.min + m.totalB.max) / 2);
  return e;
}

/**
 * The run's totals per draw, slot by slot (latency excepted: see wallTime.ts), and its CO2 per
 * draw where steps sit on different grids (`gPerWh` per step; null where one grid serves all).
 * Each sum is built column by column: a constant (exact steps, and the affine steps' base), then
 * each ranged input's share; a step on a branch counts in the draws that take it.
 */
export function runTotals(
  p: Plan, sc: StepColumns, midVals: Float64Array, known: Uint8Array, gPerWh: Float64Array | null,
): { totals: Float64Array[]; co2: Float64Array | null } {
  const { d } = sc;
  const { runs, rangedIndex, columns, masks } = d;
  const n = p.steps.length;
  const constant = new Float64Array(SLOTS);
  for (let j = 0; j < n; j++) {
    if (rangedIndex[j] >= 0) continue;
    for (let s = 0; s < SLOTS; s++) if (known[j * SLOTS + s] === 1) constant[s] += midVals[j * SLOTS + s];
  }
  const co2 = gPerWh ? new Float64Array(runs) : null;
  let co2Constant = 0;
  if (gPerWh) for (let j = 0; j < n; j++) if (rangedIndex[j] < 0 && known[j * SLOTS + Slot.Energy] === 1) co2Constant += gPerWh[j] * midVals[j * SLOTS + Slot.Energy];
  const totals = Array.from({ length: SLOTS }, (_, s) => new Float64Array(TOTALLED[s] ? runs : 0));
  // fixed-token steps on a ranged-size model: their energy terms add up per model
  const perModel = p.rangedModels.map(() => ({ generation: 0, server: 0, prefill: 0 }));
  const co2PerModel = p.rangedModels.map(() => ({ generation: 0, server: 0, prefill: 0 }));
  d.ranged.forEach((j, k) => {
    const lazy = sc.lazyEnergy[k];
    if (lazy && known[j * SLOTS + Slot.Energy] === 1) {
      const add = (sums: { generation: number; server: number; prefill: number }, g: number) => {
        sums.generation += g * (lazy.output.base[Slot.RequestWh] - lazy.server.base[Slot.RequestWh]);
        sums.server += g * lazy.server.base[Slot.RequestWh];
        sums.prefill += g * lazy.prefill.base[Slot.PrefillWh];
      };
      add(perModel[d.modelOf[k]], 1);
      if (gPerWh) add(co2PerModel[d.modelOf[k]], gPerWh[j]);
    }
    const form = sc.affine[k];
    const movedBy: number[][] = form ? form.slopes.map(() => []) : [];
    for (let s = 0; s < SLOTS; s++) {
      if (!TOTALLED[s] || s === Slot.Latency || (lazy && ENERGY_SLOTS.includes(s))) continue;
      const column = sc.explicit[k][s];
      const carbon = co2 && gPerWh && s === Slot.Energy && known[j * SLOTS + s] === 1 ? gPerWh[j] : 0;
      if (column) {
        const counted = masks[k] ? masked(column, masks[k] as Float64Array) : column;
        if (known[j * SLOTS + s] === 1) addColumn(totals[s], counted, 1);
        if (carbon) addColumn(co2 as Float64Array, counted, carbon);
      } else if (form && known[j * SLOTS + s] === 1) {
        constant[s] += form.base[s];
        form.slopes.forEach((slope, v) => slope[s] !== 0 && movedBy[v].push(s));
        if (carbon) {
          co2Constant += carbon * form.base[s];
          form.slopes.forEach((slope, v) => slope[s] !== 0 && addColumn(co2 as Float64Array, columns[k][v], carbon * slope[s]));
        }
      }
    }
    movedBy.forEach((slots, v) => addScaled(totals, slots, (form as AffineStep).slopes[v], columns[k][v]));
  });
  for (let s = 0; s < SLOTS; s++) if (s !== Slot.Latency) addConstant(totals[s], 0, totals[s].length, constant[s]);
  perModel.forEach((sums, m) => {
    if (sums.generation === 0 && sums.server === 0 && sums.prefill === 0) return;
    addModelEnergy(totals[Slot.Energy], d.modelEnergy[m], sums);
    if (co2) addModelEnergy(co2, d.modelEnergy[m], co2PerModel[m]);
  });
  if (co2) addConstant(co2, 0, runs, co2Constant);
  return { totals, co2 };
}

/**
 * The step's affine form, if its figures are affine in its ranged inputs (checked, not assumed,
 * unless `verified`: the same step was checked already with other energy figures, which do not
 * change what is affine).
 */
function affineForm(p: Plan, j: number, inputs: RangedInput[], energy: StepDraw, verified = false): AffineStep | null {
  const step = p.steps[j];
  if (inputs.some((i) => i.variable === TURNS)) return null; // agent input grows with the square of the turns
  const d = emptyDraw();
  const x = new Float64Array(VARS);
  const evaluate = (corner: (i: RangedInput) => number): Float64Array => {
    inputRanges(p, j).forEach(([r], v) => (x[v] = r.min));
    for (const i of inputs) x[i.variable] = corner(i);
    setInputs(d, p, j, x);
    d.gpus = energy.gpus;
    d.whPerOutputTokenPerGpu = energy.whPerOutputTokenPerGpu;
    d.whPerPrefillToken = energy.whPerPrefillToken;
    const out = new Float64Array(SLOTS);
    evaluateStep(step.spec, step.model, d, out, 0);
    return out;
  };
  const base = evaluate((i) => i.min);
  const slopes = inputs.map((only) => {
    const hi = evaluate((i) => (i === only ? i.max : i.min));
    return base.map((b, s) => (Number.isNaN(b) ? NaN : (hi[s] - b) / (only.max - only.min)));
  });
  // Affine means the far corner and the centre are predicted exactly (price tiers and the
  // ceil of repeats would break it; such steps take the full evaluation).
  for (const t of verified ? [] : [1, 0.5, 0.37]) {
    const at = evaluate((i) => i.min + t * (i.max - i.min));
    for (let s = 0; s < SLOTS; s++) {
      let predicted = base[s];
      inputs.forEach((i, v) => (predicted += slopes[v][s] * t * (i.max - i.min)));
      if (!same(predicted, at[s])) return null;
    }
  }
  return { base, slopes: slopes.map((s) => Float64Array.from(s)) };
}

const basis = (gpus: number, perOutput: number, perInput: number): StepDraw => ({
  ...emptyDraw(), gpus, whPerOutputTokenPerGpu: perOutput, whPerPrefillToken: perInput,
});

/**
 * A step on a model whose size is a range: energy is bilinear, (size terms) × (token terms).
 * With the token terms affine, three evaluations at unit size terms give every draw's energy as
 *   request = gpus·perOutput·A(x) + gpus·B(x),  prefill = perInput·C(x);
 * the other figures do not depend on the size and keep the affine form. Null when the step is
 * not affine in its tokens (turns drawn, price tiers crossed).
 */
function energyForms(p: Plan, j: number, own: RangedInput[]): EnergyForms | null {
  const output = affineForm(p, j, own, basis(1, 1, 0)); // request: generation + server
  if (!output) return null;
  const server = affineForm(p, j, own, basis(1, 0, 0), true); // request: server only
  const prefill = affineForm(p, j, own, basis(0, 0, 1), true); // prefill per unit of Wh per token
  return output && server && prefill ? { output, server, prefill } : null;
}

/** The energy slots' columns of such a step, draw by draw. */
function energyColumns(forms: EnergyForms, draws: DrawColumn[], energy: EnergyColumns, runs: number): Float64Array[] {
  const request = new Float64Array(runs);
  const pre = new Float64Array(runs);
  const total = new Float64Array(runs);
  const slope = (f: AffineStep, slot: number) => Float64Array.from(f.slopes, (s) => s[slot]);
  const [g0, s0, p0] = [forms.output.base[Slot.RequestWh], forms.server.base[Slot.RequestWh], forms.prefill.base[Slot.PrefillWh]];
  const [gs, ss, ps] = [slope(forms.output, Slot.RequestWh), slope(forms.server, Slot.RequestWh), slope(forms.prefill, Slot.PrefillWh)];
  // one pass over the draws: the three unit-size terms, then the model's size draw applied to them
  for (let r = 0; r < runs; r++) {
    let generation = g0;
    let server = s0;
    let prefill = p0;
    for (let v = 0; v < draws.length; v++) {
      const x = draws[v][r];
      generation += gs[v] * x;
      server += ss[v] * x;
      prefill += ps[v] * x;
    }
    const g = energy.gpus[r];
    request[r] = g * energy.perOutput[r] * (generation - server) + g * server;
    pre[r] = prefill * energy.perInput[r];
    total[r] = request[r] + pre[r];
  }
  const columns: Float64Array[] = [];
  columns[Slot.Energy] = total;
  columns[Slot.RequestWh] = request;
  columns[Slot.PrefillWh] = pre;
  return columns;
}

/** A step that is not affine (turns drawn, or a ranged model size), evaluated draw by draw. */
function evaluateRows(
  p: Plan, j: number, own: RangedInput[], draws: DrawColumn[], energy: EnergyColumns | null, fixedEnergy: StepDraw, runs: number,
): Float64Array[] {
  const step = p.steps[j];
  const columns = Array.from({ length: SLOTS }, () => new Float64Array(runs));
  const values = new Float64Array(SLOTS);
  const minima = Float64Array.from(inputRanges(p, j), ([r]) => r.min);
  const x = new Float64Array(VARS);
  const d = emptyDraw();
  for (let r = 0; r < runs; r++) {
    x.set(minima);
    for (let v = 0; v < own.length; v++) x[own[v].variable] = own[v].min + draws[v][r];
    setInputs(d, p, j, x);
    d.gpus = energy ? energy.gpus[r] : fixedEnergy.gpus;
    d.whPerOutputTokenPerGpu = energy ? energy.perOutput[r] : fixedEnergy.whPerOutputTokenPerGpu;
    d.whPerPrefillToken = energy ? energy.perInput[r] : fixedEnergy.whPerPrefillToken;
    evaluateStep(step.spec, step.model, d, values, 0);
    for (let s = 0; s < SLOTS; s++) columns[s][r] = values[s];
  }
  return columns;
}

// The loops over the draws, as small functions: V8 optimizes them after a few calls, where a
// loop inside one long function (one call per estimate) would run unoptimized on small files.

export function masked(values: Float64Array, mask: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let r = 0; r < values.length; r++) out[r] = values[r] * mask[r];
  return out;
}

export function addColumn(column: Float64Array, values: DrawColumn, factor: number): void {
  for (let r = 0; r < values.length; r++) column[r] += factor * values[r];
}

export function addConstant(out: Float64Array, at: number, runs: number, value: number): void {
  for (let r = 0; r < runs; r++) out[at + r] += value;
}

/** The energy of the fixed-token steps on one ranged-size model, draw by draw. */
function addModelEnergy(energy: Float64Array, e: EnergyColumns, sums: { generation: number; server: number; prefill: number }): void {
  for (let r = 0; r < energy.length; r++) energy[r] += e.gpus[r] * (e.perOutput[r] * sums.generation + sums.server) + e.perInput[r] * sums.prefill;
}

/** Adds slope[s]·values to totals[s] for each slot s: one pass over the draws for two slots. */
function addScaled(totals: Float64Array[], slots: number[], slope: Float64Array, values: DrawColumn): void {
  let q = 0;
  for (; q + 1 < slots.length; q += 2) {
    const [a, b] = [totals[slots[q]], totals[slots[q + 1]]];
    const [fa, fb] = [slope[slots[q]], slope[slots[q + 1]]];
    for (let r = 0; r < values.length; r++) {
      const x = values[r];
      a[r] += fa * x;
      b[r] += fb * x;
    }
  }
  if (q < slots.length) addColumn(totals[slots[q]], values, slope[slots[q]]);
}

/** Adds an affine slot's value per draw to `out[at..at+runs)`, summed as affineColumn sums it. */
export function addAffine(out: Float64Array, at: number, form: AffineStep, draws: DrawColumn[], slot: number, runs: number): void {
  const moving = form.slopes.map((slope, v) => [slope[slot], v] as const).filter(([slope]) => slope !== 0);
  const b = form.base[slot];
  if (moving.length === 1) {
    const [slope, v] = moving[0];
    const d = draws[v];
    for (let r = 0; r < runs; r++) out[at + r] += b + slope * d[r];
    return;
  }
  for (let r = 0; r < runs; r++) {
    let value = b;
    for (const [slope, v] of moving) value += slope * draws[v][r];
    out[at + r] += value;
  }
}

function affineColumn(form: AffineStep, draws: DrawColumn[], slot: number, out: Float64Array): Float64Array {
  out.fill(form.base[slot]);
  form.slopes.forEach((slope, v) => slope[slot] !== 0 && addColumn(out, draws[v], slope[slot]));
  return out;
}
