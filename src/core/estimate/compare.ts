// "What if these steps ran on that model?": the workflow estimated twice, as written and with the
// steps switched, compared step by step.
import type { Estimate, Figure, Workflow } from '../types';
import { estimateWorkflow, type EstimateOptions } from './estimate';

export interface StepComparison {
  step: string;
  from: string;
  to: string;
  cost_usd: [Figure | null, Figure | null];
  latency_s: [Figure | null, Figure | null];
  energy_wh: [Figure | null, Figure | null];
  quality: [number | null, number | null];
}

export interface Comparison {
  model: string;
  modelName: string;
  before: Estimate;
  after: Estimate;
  steps: StepComparison[];
}

/** Null when the model is not in the catalog. `steps` limits the switch; all steps by default. */
export function compareWithModel(workflow: Workflow, model: string, options: EstimateOptions, steps?: readonly string[]): Comparison | null {
  const catalog = options.catalog.withOverrides(workflow.localModels);
  const target = catalog.resolve(model);
  if (!target) return null;
  const switched = (id: string) => !steps || steps.includes(id);
  const before = estimateWorkflow(workflow, options);
  const after = estimateWorkflow({ ...workflow, steps: workflow.steps.map((s) => (switched(s.id) ? { ...s, model: target.id } : s)) }, options);
  const quality = (id: string) => catalog.resolve(id)?.quality.intelligence ?? null;
  return {
    model: target.id,
    modelName: target.displayName,
    before,
    after,
    steps: before.steps.filter((s) => switched(s.id)).flatMap((b) => {
      const a = after.steps.find((x) => x.id === b.id);
      return a ? [{
        step: b.id, from: b.model, to: a.model,
        cost_usd: [b.cost_usd, a.cost_usd], latency_s: [b.latency_s, a.latency_s], energy_wh: [b.energy_wh, a.energy_wh],
        quality: [quality(b.model), quality(a.model)],
      } satisfies StepComparison] : [];
    }),
  };
}
