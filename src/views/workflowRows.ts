// The panel's list of workflows: each estimate reduced to a row of the shared protocol.
import type { Estimate } from '../core/types';
import type { WorkflowRow } from '../shared/protocol';

/** What runs really used, beside the estimate's cost per run. */
function observedOf(e: Estimate): WorkflowRow['observed'] {
  const o = e.observed;
  if (!o) return null;
  const cost = o.versus.cost_usd;
  return { costPerRun: o.figures.cost_usd?.p50 ?? null, estimatedPerRun: cost?.estimate_p50 ?? null, runs: o.runs, ratio: cost?.ratio ?? null, inside: cost ? cost.inside : null };
}

export function workflowRow(uri: string, e: Estimate): WorkflowRow {
  const w = e.whatIf;
  const qualities = e.alternatives.filter((a) => a.quality_from !== null && a.quality_to !== null);
  const givenUp = qualities.length ? Math.max(...qualities.map((a) => (a.quality_from as number) - (a.quality_to as number))) : null;
  return {
    uri,
    path: e.file,
    name: e.name,
    costPerRun: e.per_run?.cost_usd?.mean ?? null,
    costP95: e.per_run?.cost_usd?.p95 ?? null,
    p95LatencyS: e.per_run?.latency_s?.p95 ?? null,
    energyWh: e.per_run?.energy_wh?.mean ?? null,
    errors: e.errors.filter((p) => p.severity === 'error').length,
    reasoning: reasoningOf(e),
    smaller: w && e.alternatives.length && w.cost_usd !== null && w.baseline_cost_usd !== null
      ? { costPerRun: w.cost_usd, saving: w.baseline_cost_usd - w.cost_usd, qualityGivenUp: givenUp }
      : null,
    observed: observedOf(e),
  };
}

function reasoningOf(e: Estimate): WorkflowRow['reasoning'] {
  const r = e.per_run;
  if (!r || r.reasoning_tokens.mean <= 0 || r.output_tokens.mean <= 0) return null;
  return { tokens: r.reasoning_tokens.mean, share: r.reasoning_tokens.mean / r.output_tokens.mean };
}
