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
  /** What the estimate's assumptions say of the step. */
  note: string;
  /** What they say once of the model: where its default and its token ranges come from. */
  about: string | null;
  /**
   * Whether the tokens are a prior (the model's default, an effort's table, a budget's share), one
   * unknown for every run, rather than what the file sets per call.
   */
  prior: boolean;
}

const NONE: Range = { min: 0, max: 0 };
const grouped = new Intl.NumberFormat('en-US');
const describe = (r: Range): string => (r.min === r.max ? grouped.format(r.min) : `${grouped.format(r.min)}–${grouped.format(r.max)}`);

/** Plans by model, setting and hint: a workflow's steps (and the alternatives tried for each) share a few. */
const plans = new Map<string, PlannedReasoning | null>();

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
export function plannedReasoning(step: StepSpec, entry: ModelEntry, howToSet: string, name = step.model): PlannedReasoning | null {
  const set = step.reasoning;
  const base = entry.id + '\u0000' + name + '\u0000' + howToSet;
  const key = set ? `${base}\u0000${set.effort ?? ''}\u0000${set.tokens?.min ?? ''}\u0000${set.tokens?.max ?? ''}\u0000${set.budget ?? ''}\u0000${set.from}` : base;
  let plan = plans.get(key);
  if (plan === undefined) {
    plan = planReasoning(set, entry, name, howToSet);
    if (plans.size >= 10_000) plans.clear();
    plans.set(key, plan);
  }
  return plan;
}

/** `name` is the model's name in the file, whose family decides where the catalog's id does not. */
function planReasoning(set: StepSpec['reasoning'], entry: ModelEntry, name: string, howToSet: string): PlannedReasoning | null {
  const spec = reasoningFor(entry.id) ?? reasoningFor(name);
  const model = entry.id;
  const tokensFrom = spec ? `${model}'s reasoning tokens per call: ${spec.tokensSource}` : null;
  if (set?.tokens && !set.budget) {
    const source = `set in the file (${set.from})`;
    const doubt = spec ? '' : `; ${model} is not known to reason, so these are billed as the file says`;
    return { tokens: set.tokens, effort: `${describe(set.tokens)} tokens`, source, note: `${describe(set.tokens)} reasoning tokens per call, ${source}${doubt}`, about: null, prior: false };
  }
  if (!spec) {
    if (!set || set.effort === 'none' || (set.tokens && set.tokens.max === 0)) return null;
    return { tokens: NONE, effort: 'none', source: `${model} does not reason`, note: `${model} does not reason: ${set.from} has no effect`, about: null, prior: false };
  }
  if (set?.tokens && set.budget) {
    const budget = set.tokens.max;
    const tokens = budgetRange(spec, budget) ?? { min: Math.min(tokensAt(spec, spec.defaultEffort).tokens.min, budget), max: Math.min(tokensAt(spec, spec.defaultEffort).tokens.max, budget) };
    const source = `a thinking budget of ${grouped.format(budget)} tokens (${set.from}), of which calls use part`;
    return { tokens, effort: `budget ${grouped.format(budget)}`, source, note: `${describe(tokens)} reasoning tokens per call: ${source}`, about: tokensFrom, prior: true };
  }
  if (set?.effort) {
    const asked = set.effort;
    if (spec.efforts.length === 0) {
      const { tokens } = tokensAt(spec, spec.defaultEffort);
      return { tokens, effort: 'fixed', source: spec.tokensSource, note: `${model} always reasons at one depth: ${set.from} has no effect; ${describe(tokens)} reasoning tokens per call`, about: `${model}: ${spec.defaultSource}. ${tokensFrom}`, prior: true };
    }
    if (asked === 'none' && !spec.efforts.includes('none')) {
      const { effort, tokens } = tokensAt(spec, spec.defaultEffort);
      return { tokens, effort, source: spec.tokensSource, note: `${model} cannot turn reasoning off: effort ${effort}, ${describe(tokens)} reasoning tokens per call`, about: `${model}: ${spec.defaultSource}. ${tokensFrom}`, prior: true };
    }
    const { effort, tokens } = tokensAt(spec, asked);
    const read = effort === asked ? `effort ${asked}` : `effort ${asked}, which ${model} does not take: read as ${effort}`;
    return { tokens, effort, source: `${read} (${set.from}); ${spec.tokensSource}`, note: `${describe(tokens)} reasoning tokens per call at ${read} (${set.from})`, about: tokensFrom, prior: true };
  }
  const { effort, tokens } = tokensAt(spec, spec.defaultEffort);
  if (!spec.onByDefault) {
    return { tokens: NONE, effort: 'none', source: spec.defaultSource, note: `${model} does not reason unless asked. ${howToSet}`, about: `${model}: ${spec.defaultSource}`, prior: true };
  }
  return {
    tokens, effort, source: `${spec.defaultSource}; ${spec.tokensSource}`,
    note: `${model} reasons by default, effort ${effort}: ${describe(tokens)} reasoning tokens per call, billed and timed as output. ${howToSet}`,
    about: `${model} reasons by default, effort ${effort}: ${spec.defaultSource}. ${tokensFrom}`,
    prior: true,
  };
}
