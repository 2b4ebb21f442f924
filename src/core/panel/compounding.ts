// How the small-vs-large case compounds over the calls of an agent workflow: a replayed agent loop
// of N turns on each model (the context grows every turn, by the core's loop model), or N runs of
// the user's own workflow with every step on each model.
import type { Catalog } from '../catalog/catalog';
import { estimateWorkflow, type EstimateOptions } from '../estimate/estimate';
import { Slot } from '../estimate/stepMath';
import type { SeriesPoint } from '../../shared/protocol';
import type { Workflow } from '../types';
import { evaluateOn, syntheticStep } from './models';

/** The synthetic loop: what each turn sends, returns and adds to the replayed context. */
export const SYNTHETIC_LOOP = { inputTokens: 2000, outputTokens: 300, toolTokens: 400, toolLatencyS: 1 } as const;

/** The calls the chart and its slider use, 1 to 1,000 on a log scale. */
export const CALLS = [1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 700, 1000] as const;

const known = (v: number) => (Number.isNaN(v) ? null : v);

/** The synthetic replayed loop with `calls` turns, on each model. */
export function loopSeries(catalog: Catalog, model: string): SeriesPoint[] | null {
  const entry = catalog.resolve(model);
  if (!entry) return null;
  const l = SYNTHETIC_LOOP;
  return CALLS.map((calls) => {
    const agent = { turns: { min: calls, max: calls }, toolTokens: { min: l.toolTokens, max: l.toolTokens }, toolLatencyS: { min: l.toolLatencyS, max: l.toolLatencyS }, history: 'replay' as const };
    const v = evaluateOn(entry, syntheticStep(entry.id, l.inputTokens, l.outputTokens, agent), true);
    return { calls, costUsd: known(v[Slot.Cost]), seconds: known(v[Slot.Latency]), wh: known(v[Slot.Energy]) };
  });
}

/** N runs of the workflow with every step on the model: a sum of runs, so mean cost and energy times N (wall time: p50 times N). */
export function workflowSeries(workflow: Workflow, model: string, options: EstimateOptions): SeriesPoint[] | null {
  const entry = options.catalog.withOverrides(workflow.localModels).resolve(model);
  if (!entry) return null;
  const e = estimateWorkflow({ ...workflow, steps: workflow.steps.map((s) => ({ ...s, model: entry.id })) }, { ...options, samples: Math.min(options.samples ?? 1000, 1000) });
  const r = e.per_run;
  return CALLS.map((calls) => ({
    calls,
    costUsd: r?.cost_usd ? r.cost_usd.mean * calls : null,
    seconds: r?.latency_s ? r.latency_s.p50 * calls : null,
    wh: r?.energy_wh ? r.energy_wh.mean * calls : null,
  }));
}
