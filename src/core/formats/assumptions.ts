// What a workflow file does not say, filled in by documented defaults. Every use is listed in the
// estimate's assumptions; each can be overridden in a sidecar file or in the settings.
import { LIMITS, outOfBounds, type LimitKey } from '../limits';
import type { Range } from '../types';

export interface FormatAssumptions {
  /** Input tokens of a prompt the file does not hold (a prompt file elsewhere, code). */
  input_tokens: Range;
  /** Output tokens per call; a cap in the file (max_tokens and the like) bounds it. */
  output_tokens: Range;
  /** Tokens a template variable expands to when the file gives no sample value. */
  variable_tokens: number;
  /** Turns of a tool-calling loop the file does not bound. */
  agent_turns: Range;
  /** Tokens each tool result adds to a loop's context. */
  tool_tokens: Range;
  /** Items of a loop over data known only at run time (a Dify iteration). */
  iteration_items: Range;
  /** Rounds of a workflow that loops back on itself (an n8n evaluator-optimizer, a Dify loop without a count). */
  loop_rounds: Range;
  /** Rows of a test or data file that cannot be read. */
  test_cases: number;
  /** Input and output tokens of one model-graded assertion (promptfoo's llm-rubric, ...). */
  grader_input_tokens: number;
  grader_output_tokens: number;
  /** Instructions an agent framework adds to each call (crewAI's ReAct prompt). */
  framework_prompt_tokens: number;
  /** A model for steps whose file names none; null leaves them unestimated. */
  default_model: string | null;
}

export const DEFAULT_ASSUMPTIONS: Readonly<FormatAssumptions> = {
  input_tokens: { min: 500, max: 1500 },
  output_tokens: { min: 200, max: 800 },
  variable_tokens: 100,
  agent_turns: { min: 2, max: 8 },
  tool_tokens: { min: 200, max: 600 },
  iteration_items: { min: 2, max: 10 },
  loop_rounds: { min: 1, max: 3 },
  test_cases: 10,
  grader_input_tokens: 1000,
  grader_output_tokens: 150,
  framework_prompt_tokens: 600,
  default_model: null,
};

export type AssumptionKey = keyof FormatAssumptions;

const RANGE_KEYS = new Set<AssumptionKey>(['input_tokens', 'output_tokens', 'agent_turns', 'tool_tokens', 'iteration_items', 'loop_rounds']);
/** The bound each assumption's numbers stay within. */
const BOUND: Record<Exclude<AssumptionKey, 'default_model'>, LimitKey> = {
  input_tokens: 'tokens', output_tokens: 'tokens', variable_tokens: 'tokens', agent_turns: 'turns', tool_tokens: 'tokens', iteration_items: 'turns', loop_rounds: 'turns',
  test_cases: 'testCases', grader_input_tokens: 'tokens', grader_output_tokens: 'tokens', framework_prompt_tokens: 'tokens',
};

const inBounds = (x: unknown, limit: LimitKey): x is number => typeof x === 'number' && outOfBounds(x, limit) === null;

/** `[a, b]` or `a` as a range of finite numbers from 0 to the limit; null where the value is neither. */
export function toRange(v: unknown, limit: LimitKey = 'tokens'): Range | null {
  if (inBounds(v, limit)) return { min: v, max: v };
  if (Array.isArray(v) && v.length === 2 && inBounds(v[0], limit) && inBounds(v[1], limit) && v[0] <= v[1]) return { min: v[0], max: v[1] };
  return null;
}

/** What is wrong with an override, or null when it is well formed. */
export function checkAssumption(key: string, value: unknown): string | null {
  if (!Object.hasOwn(DEFAULT_ASSUMPTIONS, key)) return `'${key}' is not an assumption; the keys are ${Object.keys(DEFAULT_ASSUMPTIONS).join(', ')}`;
  if (key === 'default_model') return value === null || (typeof value === 'string' && value.length <= LIMITS.modelName) ? null : `'default_model' takes a model id`;
  const limit = BOUND[key as keyof typeof BOUND];
  const most = LIMITS[limit].toLocaleString('en-US');
  if (RANGE_KEYS.has(key as AssumptionKey)) return toRange(value, limit) ? null : `'${key}' takes a number or a range [min, max] of numbers from 0 to ${most}`;
  return inBounds(value, limit) ? null : `'${key}' takes a number from 0 to ${most}`;
}

/** The defaults with well-formed overrides applied (check them with checkAssumption first). */
export function withOverrides(base: Readonly<FormatAssumptions>, overrides: Record<string, unknown>): FormatAssumptions {
  const out: FormatAssumptions = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (checkAssumption(key, value) !== null) continue;
    const k = key as AssumptionKey;
    if (RANGE_KEYS.has(k)) (out as unknown as Record<string, unknown>)[k] = toRange(value, BOUND[k as keyof typeof BOUND]);
    else (out as unknown as Record<string, unknown>)[k] = value;
  }
  return out;
}

export function describeRange(r: Range): string {
  return r.min === r.max ? String(r.min) : `${r.min}–${r.max}`;
}
