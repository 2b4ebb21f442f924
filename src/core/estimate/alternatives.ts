// Small vs large (spec §6): for each step, the cheapest catalog model whose quality is within the
// margin of the step's model (or that the file names in `alternatives:`), and what switching saves.
// Compared at range midpoints, so the ranking does not depend on Monte Carlo noise.
import type { Alternative, ModelEntry, WhatIf } from '../types';
import { DEFAULTS, midpointDraw, purchaseOf, type EstimateOptions, type Plan, type PlannedStep } from './plan';
import { longestPath } from './graph';
import { preparedModel, type PreparedModel } from './preparedModel';
import { plannedReasoning, type PlannedReasoning } from './reasoningPlan';
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

/**
 * Whether a candidate cannot cost less than the step's own model: every rate it bills at least as
 * high, and at least as many reasoning tokens. Saves evaluating most of the catalog for every step.
 */
function neverCheaper(candidate: PreparedModel, reasoning: PlannedReasoning | null, step: PlannedStep): boolean {
  const own = step.model;
  if (own.tiers.length || candidate.tiers.length || own.perPage || candidate.perPage || own.perImage || candidate.perImage) return false;
  const mid = (r: PlannedReasoning | null) => (r ? r.tokens.min + r.tokens.max : 0);
  return candidate.input >= own.input && candidate.output >= own.output && candidate.reasoning >= own.reasoning
    && candidate.cacheRead >= own.cacheRead && candidate.cacheWrite >= own.cacheWrite && mid(reasoning) >= mid(step.reasoning);
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

  // Steps without reasoning or purchase settings of their own share each candidate's prepared model and reasoning.
  const shared = new Map<ModelEntry, [PreparedModel, PlannedReasoning | null]>();
  const prepare = (step: PlannedStep, entry: ModelEntry): [PreparedModel, PlannedReasoning | null] => {
    const plain = step.spec.reasoning === null && step.spec.mode === 'sync' && step.spec.priceWindow === null && step.spec.serviceTier === null && step.spec.cacheTtl === null;
    const hit = plain ? shared.get(entry) : undefined;
    if (hit) return hit;
    const made: [PreparedModel, PlannedReasoning | null] = [preparedModel(entry, purchaseOf(step.spec), options.pue ?? null), plannedReasoning(step.spec, entry, '', entry.id)];
    if (plain) shared.set(entry, made);
    return made;
  };
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
      const [model, reasoning] = prepare(step, entry);
      if (neverCheaper(model, reasoning, step)) continue;
      midpointDraw(step.spec, model, reasoning, d);
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
