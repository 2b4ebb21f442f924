// Small vs large (spec §6): for each step, the cheapest catalog model whose quality is within the
// margin of the step's model (or that the file names in `alternatives:`), and what switching saves.
// Compared at range midpoints, so the ranking does not depend on Monte Carlo noise.
import type { Alternative, ModelEntry, WhatIf } from '../types';
import { DEFAULTS, midpointDraw, purchaseOf, type EstimateOptions, type Plan } from './plan';
import { longestPath } from './graph';
import { preparedModel } from './preparedModel';
import { plannedReasoning } from './reasoningPlan';
import { emptyDraw, evaluateStep, Slot, SLOTS } from './stepMath';

/**
 * Whether a model is smaller than another: fewer active parameters, with their ranges apart. A
 * cheaper model of unknown or overlapping size is only cheaper.
 */
export function hasFewerActiveParams(model: ModelEntry, than: ModelEntry): boolean {
  const a = model.params?.active;
  const b = than.params?.active;
  return a !== undefined && b !== undefined && a.max < b.min;
}

/** An alternative must save at least this share of the step's cost, or it is noise. */
export const MIN_SAVING = 0.05;

const pools = new WeakMap<readonly ModelEntry[], ModelEntry[]>();

/** Models that can stand in for a chat step: priced per token, with a quality figure. */
function candidates(models: readonly ModelEntry[]): ModelEntry[] {
  let pool = pools.get(models);
  if (!pool) {
    pool = models.filter((m) => m.price.input !== null && m.price.output !== null && m.quality.intelligence !== null);
    pools.set(models, pool);
  }
  return pool;
}

export function findAlternatives(
  plan: Plan,
  options: EstimateOptions,
  midVals: Float64Array,
  runsPerDay: number | null,
): { alternatives: Alternative[]; whatIf: WhatIf | null } {
  const catalog = plan.catalog;
  const margin = options.qualityMargin ?? DEFAULTS.qualityMargin;
  const pool = candidates(catalog.models);
  const out = new Float64Array(SLOTS);
  const d = emptyDraw();
  const alternatives: Alternative[] = [];
  const swapped = new Float64Array(midVals);

  plan.steps.forEach((step, j) => {
    const own = step.model.entry;
    const baseCost = midVals[j * SLOTS + Slot.Cost];
    if (Number.isNaN(baseCost)) return;
    const quality = own.quality.intelligence;
    const named = step.spec.alternatives.map((a) => catalog.resolve(a)).filter((m): m is ModelEntry => m !== undefined);
    const within = quality === null ? [] : pool.filter((m) => (m.quality.intelligence as number) >= quality * (1 - margin));
    let best: { entry: ModelEntry; vals: Float64Array; reason: string } | null = null;
    for (const entry of new Set([...within, ...named])) {
      if (entry.id === own.id) continue;
      const model = preparedModel(entry, purchaseOf(step.spec), options.pue ?? null);
      midpointDraw(step.spec, model, plannedReasoning(step.spec, entry, ''), d);
      evaluateStep(step.spec, model, d, out, 0);
      const cost = out[Slot.Cost];
      if (Number.isNaN(cost) || cost > baseCost * (1 - MIN_SAVING)) continue;
      if (!best || cost < best.vals[Slot.Cost]) {
        const reason = named.includes(entry) ? 'named in the file\'s alternatives' : `quality within ${Math.round(margin * 100)}% of ${own.id}`;
        best = { entry, vals: out.slice(), reason };
      }
    }
    if (!best) return;
    const v = best.vals;
    const batch = step.spec.mode === 'batch';
    const ownEnergy = midVals[j * SLOTS + Slot.Energy];
    swapped.set(v, j * SLOTS);
    alternatives.push({
      step: step.spec.id,
      from: own.id,
      to: best.entry.id,
      toName: best.entry.displayName,
      smaller: hasFewerActiveParams(best.entry, own),
      quality_from: quality,
      quality_to: best.entry.quality.intelligence,
      delta_cost_usd: v[Slot.Cost] - baseCost,
      delta_latency_s: batch ? null : v[Slot.Latency] - midVals[j * SLOTS + Slot.Latency],
      delta_energy_wh: Number.isNaN(ownEnergy) || Number.isNaN(v[Slot.Energy]) ? null : v[Slot.Energy] - ownEnergy,
      delta_cost_usd_per_day: runsPerDay === null ? null : (v[Slot.Cost] - baseCost) * runsPerDay,
      reason: best.reason,
    });
  });
  if (plan.steps.length === 0) return { alternatives, whatIf: null };

  const sum = (vals: Float64Array, slot: number): number | null => {
    let total = 0;
    let any = false;
    for (let j = 0; j < plan.steps.length; j++) {
      const own = midVals[j * SLOTS + slot];
      if (Number.isNaN(own)) continue; // unknown before the swap: left out on both sides
      const v = vals[j * SLOTS + slot];
      if (Number.isNaN(v)) return null;
      total += v;
      any = true;
    }
    return any ? total : null;
  };
  const latency = (vals: Float64Array): number | null => {
    if (plan.steps.every((s) => s.spec.mode === 'batch')) return null;
    const finish = new Float64Array(plan.steps.length);
    return longestPath(plan.graph, (j) => (plan.steps[j].spec.mode === 'batch' ? 0 : vals[j * SLOTS + Slot.Latency]), finish);
  };
  const cost = sum(swapped, Slot.Cost);
  const baseline = sum(midVals, Slot.Cost);
  const saving = cost !== null && baseline !== null && runsPerDay !== null ? (baseline - cost) * runsPerDay : null;
  return {
    alternatives,
    whatIf: {
      cost_usd: cost,
      latency_s: latency(swapped),
      energy_wh: sum(swapped, Slot.Energy),
      baseline_cost_usd: baseline,
      baseline_latency_s: latency(midVals),
      baseline_energy_wh: sum(midVals, Slot.Energy),
      saving_usd_per_day: saving,
      saving_usd_per_month: saving === null ? null : saving * 30,
    },
  };
}
