// How many hidden reasoning tokens a step's calls spend: what the file sets (an effort, a number
// of tokens, a provider's thinking budget), else the model's default, per the model's reasoning
// facts (catalog/reasoning.ts). Every choice made for the user is said in words, with its source.
import { budgetRange, reasoningFor, type ReasoningSpec } from '../catalog/reasoning';
import { EFFORTS, type Effort, type ModelEntry, type Range, type StepSpec } from '../types';

export interface PlannedReasoning {
  /** Reasoning tokens per call (before the output cap). */
  tokens: Range;
  /** The effort applied, or how the tokens were set. */
  effort: string;
  source: string;
  /** What the estimate's assumptions say about it. */
  note: string;
}

const NONE: Range = { min: 0, max: 0 };
const describe = (r: Range): string => (r.min === r.max ? r.min.toLocaleString('en-US') : `${r.min.toLocaleString('en-US')}–${r.max.toLocaleString('en-US')}`);

/** The tokens of an effort the model's table lacks: the nearest effort below it that it has, else above. */
function tokensAt(spec: ReasoningSpec, effort: Effort): { effort: Effort; tokens: Range } {
  const at = EFFORTS.indexOf(effort);
  const order = [...EFFORTS.slice(0, at + 1).reverse(), ...EFFORTS.slice(at + 1)];
  const found = order.find((e) => spec.tokens[e] !== undefined) ?? effort;
  return { effort: found, tokens: spec.tokens[found] ?? NONE };
}

/**
 * The reasoning of a step on a model: null where the model does not reason and the file sets none.
 * `howToSet` tells a user where to change it (the step's `reasoning:`, or a sidecar key).
 */
export function plannedReasoning(step: StepSpec, entry: ModelEntry, howToSet: string): PlannedReasoning | null {
  const spec = reasoningFor(entry.id) ?? reasoningFor(step.model);
  const set = step.reasoning;
  const model = entry.id;
  if (set?.tokens && !set.budget) {
    const source = `set in the file (${set.from})`;
    const doubt = spec ? '' : `; ${model} is not known to reason, so these are billed as the file says`;
    return { tokens: set.tokens, effort: `${describe(set.tokens)} tokens`, source, note: `${describe(set.tokens)} reasoning tokens per call, ${source}${doubt}` };
  }
  if (!spec) {
    if (!set || set.effort === 'none' || (set.tokens && set.tokens.max === 0)) return null;
    return { tokens: NONE, effort: 'none', source: `${model} does not reason`, note: `${model} does not reason: ${set.from} has no effect` };
  }
  if (set?.tokens && set.budget) {
    const budget = set.tokens.max;
    const tokens = budgetRange(spec, budget) ?? { min: Math.min(tokensAt(spec, spec.defaultEffort).tokens.min, budget), max: Math.min(tokensAt(spec, spec.defaultEffort).tokens.max, budget) };
    const source = `a thinking budget of ${budget.toLocaleString('en-US')} tokens (${set.from}); calls use part of it (${spec.tokensSource})`;
    return { tokens, effort: `budget ${budget.toLocaleString('en-US')}`, source, note: `${describe(tokens)} reasoning tokens per call: ${source}` };
  }
  if (set?.effort) {
    const asked = set.effort;
    if (spec.efforts.length === 0) {
      const { tokens } = tokensAt(spec, spec.defaultEffort);
      return { tokens, effort: 'fixed', source: spec.tokensSource, note: `${model} always reasons at one depth (${spec.defaultSource}): ${set.from} has no effect; ${describe(tokens)} reasoning tokens per call (${spec.tokensSource})` };
    }
    if (asked === 'none' && !spec.efforts.includes('none')) {
      const { effort, tokens } = tokensAt(spec, spec.defaultEffort);
      return { tokens, effort, source: spec.tokensSource, note: `${model} cannot turn reasoning off (${spec.defaultSource}): effort ${effort}, ${describe(tokens)} reasoning tokens per call (${spec.tokensSource})` };
    }
    const { effort, tokens } = tokensAt(spec, asked);
    const read = effort === asked ? `effort ${asked}` : `effort ${asked}, which ${model} does not take: read as ${effort}`;
    return { tokens, effort, source: `${read} (${set.from}); ${spec.tokensSource}`, note: `${describe(tokens)} reasoning tokens per call at ${read} (${set.from}; ${spec.tokensSource})` };
  }
  const { effort, tokens } = tokensAt(spec, spec.defaultEffort);
  if (!spec.onByDefault) {
    return { tokens: NONE, effort: 'none', source: spec.defaultSource, note: `${model} does not reason unless asked (${spec.defaultSource}). ${howToSet}` };
  }
  return {
    tokens, effort, source: `${spec.defaultSource}; ${spec.tokensSource}`,
    note: `${model} reasons by default, effort ${effort} (${spec.defaultSource}): ${describe(tokens)} reasoning tokens per call (${spec.tokensSource}), billed and timed as output. ${howToSet}`,
  };
}
