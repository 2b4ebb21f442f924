// Catalog models as the panel compares them: speed, energy per 1,000 output tokens (from the
// energy model), prices and quality, each with its source.
import type { Catalog } from '../catalog/catalog';
import { preparedModel, STANDARD } from '../estimate/preparedModel';
import { plannedReasoning } from '../estimate/reasoningPlan';
import { emptyDraw, energyDraw, evaluateStep, Slot, SLOTS } from '../estimate/stepMath';
import type { ModelFacts } from '../../shared/protocol';
import type { ModelEntry, StepSpec } from '../types';
import { findRegion, providerGrid, PROVIDER_GRIDS } from '../grids';

const origin = { line: 1, column: 1, offset: 0 };
const span = { start: origin, end: origin };

/** A one-step workflow step, for evaluating a model on a synthetic call or loop. */
export function syntheticStep(model: string, input: number, output: number, agent: StepSpec['agent'] = null): StepSpec {
  return {
    id: 'synthetic', model, after: [], afterSpans: [], inputTokens: { min: input, max: input }, outputTokens: { min: output, max: output },
    promptTokens: 0, repeat: 1, concurrency: 1, retryRate: 0, cacheHitRate: 0, mode: 'sync', agent, pages: null, alternatives: [],
    reasoning: null, outputCap: null, priceWindow: null, serviceTier: null, cacheTtl: null, branches: [], span, idSpan: span, modelSpan: span,
  };
}

/**
 * Figures of `step` on `entry`, at the midpoint of an estimated model size, and of the model's
 * default reasoning where `thinking` (a call's figures; per-token figures leave it out).
 */
export function evaluateOn(entry: ModelEntry, step: StepSpec, thinking: boolean): Float64Array {
  const model = preparedModel(entry, STANDARD, null);
  const reasoning = thinking ? plannedReasoning(step, entry, '') : null;
  const d = emptyDraw();
  d.reasoningTokens = reasoning ? (reasoning.tokens.min + reasoning.tokens.max) / 2 : 0;
  d.inputTokens = step.inputTokens.min;
  d.outputTokens = step.outputTokens.min;
  d.turns = step.agent ? step.agent.turns.min : 1;
  d.toolTokens = step.agent ? step.agent.toolTokens.min : 0;
  d.toolLatencyS = step.agent ? step.agent.toolLatencyS.min : 0;
  energyDraw(d, (model.activeB.min + model.activeB.max) / 2, (model.totalB.min + model.totalB.max) / 2);
  const out = new Float64Array(SLOTS);
  evaluateStep(step, model, d, out, 0);
  return out;
}

export function modelFacts(catalog: Catalog, region: string): ModelFacts[] {
  const chosen = region === PROVIDER_GRIDS ? undefined : findRegion(region);
  return catalog.models.map((m) => {
    const energy = evaluateOn(m, syntheticStep(m.id, 0, 1000), false)[Slot.Energy];
    const reasoning = plannedReasoning(syntheticStep(m.id, 0, 1000), m, '');
    const grid = chosen ?? providerGrid(m.provider);
    return {
      id: m.id,
      name: m.displayName,
      provider: m.provider,
      openWeights: m.openWeights,
      outputTps: m.speed.outputTps,
      ttftS: m.speed.ttftS,
      whPer1kOutput: Number.isNaN(energy) ? null : energy,
      priceInput: m.price.input,
      priceOutput: m.price.output,
      quality: m.quality.intelligence,
      reasoningTokens: reasoning ? (reasoning.tokens.min + reasoning.tokens.max) / 2 : 0,
      grid: { name: grid.name, gPerKwh: grid.gPerKwh },
      sources: {
        reasoning: reasoning ? reasoning.note : null,
        grid: grid.source,
        price: `${m.price.source}${m.price.asOf ? `, as of ${m.price.asOf}` : ''}`,
        speed: m.speed.source ? `${m.speed.source}${m.speed.asOf ? `, as of ${m.speed.asOf}` : ''}` : null,
        energy: m.params ? `EcoLogits method on ${m.params.source}` : null,
        quality: m.quality.source ? `${m.quality.source}${m.quality.asOf ? `, as of ${m.quality.asOf}` : ''}` : null,
      },
    };
  });
}
