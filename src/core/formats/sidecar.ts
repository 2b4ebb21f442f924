// A sidecar file, `<name>.agentcost.yaml` beside a workflow of any format: runs per day, budgets,
// deployment names, model definitions, assumptions and per-step figures the format cannot hold.
import { basename } from 'node:path';
import {
  BUDGET_KEYS, EFFORTS, type BudgetKey, type BudgetSpec, type Effort, type History, type PartialModel, type PriceWindow, type Problem, type Range, type ReasoningSetting,
  type ServiceTier, type SourceSpan, type StepSpec, type Workflow,
} from '../types';
import { LIMITS, outOfBounds } from '../limits';
import { isIsoDate } from '../dates';
import { checkAssumption, toRange } from './assumptions';
import { isObj, statedShare, type Obj } from './adapter';
import type { Companion } from './formatAdapter';
import { readModelDefinition } from './agentflow';
import { parseSourceText } from './parseSource';
import { childPointer } from './sourceMap';

/** The sidecar's name for a workflow file: `promptfooconfig.yaml` → `promptfooconfig.agentcost.yaml`. */
export function sidecarName(file: string): string {
  const name = basename(file);
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.agentcost.yaml`;
}

/** Per-step figures a sidecar may set, by step id. */
interface StepOverride {
  model?: string;
  input_tokens?: Range;
  output_tokens?: Range;
  turns?: Range;
  repeat?: number;
  reasoning?: ReasoningSetting;
  price_window?: PriceWindow;
  service_tier?: ServiceTier | null;
  tool_tokens?: Range;
  history?: History;
  cache_hit_rate?: number;
  runs_share?: number;
}

const STEP_KEYS = 'model, input_tokens, output_tokens, turns, tool_tokens, history, repeat, reasoning, cache_hit_rate, runs_share, price_window, service_tier';
const HISTORIES: readonly History[] = ['replay', 'summary', 'none'];

/** Where the step figures were calibrated from (`agent-cost calibrate`). */
export interface Calibration {
  files: string[];
  runs: number;
  date: string;
}

export interface Sidecar {
  file: string;
  runsPerDay: number | null;
  budgets: BudgetSpec[];
  deployments: Record<string, string>;
  assumptions: Record<string, unknown>;
  models: PartialModel[];
  steps: Map<string, { override: StepOverride; span: SourceSpan }>;
  calibratedFrom: Calibration | null;
  problems: Problem[];
}

export function parseSidecar(companion: Companion): Sidecar {
  const { file } = companion;
  const source = parseSourceText(file, companion.text, 'yaml');
  const sidecar: Sidecar = {
    file, runsPerDay: null, budgets: [], deployments: {}, assumptions: {}, models: [], steps: new Map(), calibratedFrom: null, problems: [...source.problems],
  };
  const root = source.value;
  const { map } = source;
  if (root === undefined || root === null) return sidecar;
  const bad = (pointer: string, message: string) => sidecar.problems.push({ file, span: map.valueSpan(pointer), severity: 'error', code: 'sidecar', message });
  if (!isObj(root)) {
    bad('', 'A sidecar file is a map: runs_per_day, budget, assumptions, deployments, models, steps, calibrated_from.');
    return sidecar;
  }
  const known = new Set(['runs_per_day', 'budget', 'assumptions', 'deployments', 'models', 'steps', 'calibrated_from']);
  for (const key of Object.keys(root)) if (!known.has(key)) bad(`/${key}`, `Unknown key '${key}': a sidecar sets ${[...known].join(', ')}.`);

  if (root.runs_per_day !== undefined) {
    if (typeof root.runs_per_day === 'number' && outOfBounds(root.runs_per_day, 'runsPerDay') === null) sidecar.runsPerDay = root.runs_per_day;
    else bad('/runs_per_day', `'runs_per_day' takes a number from 0 to ${LIMITS.runsPerDay.toLocaleString('en-US')}.`);
  }
  for (const [key, value] of entries(root.budget, '/budget', bad)) {
    if (!BUDGET_KEYS.includes(key as BudgetKey)) bad(`/budget/${key}`, `Unknown budget '${key}': use one of ${BUDGET_KEYS.join(', ')}.`);
    else if (typeof value !== 'number' || outOfBounds(value, 'budget') !== null) bad(`/budget/${key}`, `Budget '${key}' takes a number from 0 to 1e15.`);
    else sidecar.budgets.push({ key: key as BudgetKey, limit: value, span: map.keySpan(`/budget/${key}`) });
  }
  for (const [key, value] of entries(root.assumptions, '/assumptions', bad)) {
    const wrong = checkAssumption(key, value);
    if (wrong) bad(childPointer('/assumptions', key), `${wrong}.`);
    else sidecar.assumptions[key] = value;
  }
  for (const [key, value] of entries(root.deployments, '/deployments', bad)) {
    if (typeof value === 'string' && value.trim()) sidecar.deployments[key] = value.trim();
    else bad(childPointer('/deployments', key), `Deployment '${key}' maps to a model id (a string).`);
  }
  for (const [id, value] of entries(root.models, '/models', bad)) {
    if (isObj(value)) sidecar.models.push(readModelDefinition(id, value, `${basename(file)} models.${id}`));
    else bad(childPointer('/models', id), `Model '${id}' is a map of its figures (price, speed, params_b, ...).`);
  }
  if (root.calibrated_from !== undefined) {
    sidecar.calibratedFrom = readCalibration(root.calibrated_from);
    if (!sidecar.calibratedFrom) bad('/calibrated_from', "'calibrated_from' is { files: [names], runs: a whole number from 1, date: YYYY-MM-DD }, as agent-cost calibrate writes it.");
  }
  for (const [id, value] of entries(root.steps, '/steps', bad)) {
    const override = readStepOverride(value, childPointer('/steps', id), bad);
    if (override) sidecar.steps.set(id, { override, span: map.keySpan(childPointer('/steps', id)) });
  }
  return sidecar;
}

function readCalibration(v: unknown): Calibration | null {
  if (!isObj(v)) return null;
  const files = v.files === undefined ? [] : Array.isArray(v.files) && v.files.every((f) => typeof f === 'string') ? (v.files as string[]) : null;
  const runs = typeof v.runs === 'number' && Number.isInteger(v.runs) && outOfBounds(v.runs, 'calls', 1) === null ? v.runs : null;
  const date = typeof v.date === 'string' && isIsoDate(v.date) ? v.date : null;
  return files && runs && date ? { files: files.slice(0, 20).map((f) => f.slice(0, 256)), runs, date } : null;
}

function entries(v: unknown, pointer: string, bad: (p: string, m: string) => void): [string, unknown][] {
  if (v === undefined) return [];
  if (!isObj(v)) {
    bad(pointer, `'${pointer.slice(1)}' is a map.`);
    return [];
  }
  return Object.entries(v);
}

function readStepOverride(v: unknown, pointer: string, bad: (p: string, m: string) => void): StepOverride | null {
  if (!isObj(v)) {
    bad(pointer, `A step override is a map: ${STEP_KEYS}.`);
    return null;
  }
  const out: StepOverride = {};
  const o = v as Obj;
  for (const [key, value] of Object.entries(o)) {
    const at = childPointer(pointer, key);
    if (key === 'model') {
      if (typeof value === 'string' && value.trim() && value.length <= LIMITS.modelName) out.model = value.trim();
      else bad(at, "'model' takes a model id.");
    } else if (key === 'repeat') {
      if (typeof value === 'number' && Number.isInteger(value) && outOfBounds(value, 'calls', 1) === null) out.repeat = value;
      else bad(at, `'repeat' takes a whole number from 1 to ${LIMITS.calls.toLocaleString('en-US')}.`);
    } else if (key === 'input_tokens' || key === 'output_tokens' || key === 'turns' || key === 'tool_tokens') {
      const limit = key === 'turns' ? 'turns' : 'tokens';
      const r = toRange(value, limit);
      if (r && (key !== 'turns' || r.min >= 1)) out[key] = r;
      else bad(at, `'${key}' takes a number or a range [min, max] of numbers from ${key === 'turns' ? 1 : 0} to ${LIMITS[limit].toLocaleString('en-US')}.`);
    } else if (key === 'reasoning') {
      const r = readReasoning(value, pointer);
      if (r) out.reasoning = r;
      else bad(at, `'reasoning' takes { effort: ${EFFORTS.join(' | ')} } or { tokens: a number or a range [min, max] from 0 to ${LIMITS.tokens.toLocaleString('en-US')} }.`);
    } else if (key === 'history') {
      if ((HISTORIES as unknown[]).includes(value)) out.history = value as History;
      else bad(at, "'history' is replay, summary or none.");
    } else if (key === 'cache_hit_rate') {
      if (typeof value === 'number' && value >= 0 && value <= 1) out.cache_hit_rate = value;
      else bad(at, "'cache_hit_rate' takes a share from 0 to 1.");
    } else if (key === 'runs_share') {
      if (typeof value === 'number' && value >= 0 && value <= 1) out.runs_share = value;
      else bad(at, "'runs_share' takes a share of runs from 0 to 1.");
    } else if (key === 'price_window') {
      if (value === 'peak' || value === 'off-peak') out.price_window = value;
      else bad(at, "'price_window' is peak or off-peak.");
    } else if (key === 'service_tier') {
      if (value === 'flex' || value === 'priority' || value === 'standard') out.service_tier = value === 'standard' ? null : value;
      else bad(at, "'service_tier' is flex, priority or standard.");
    } else bad(at, `Unknown key '${key}': a step override sets ${STEP_KEYS}.`);
  }
  return out;
}

function readReasoning(v: unknown, pointer: string): ReasoningSetting | null {
  if (!isObj(v) || Object.keys(v).length !== 1) return null;
  const from = `${pointer.slice(1).replace(/\//g, '.')}.reasoning in the sidecar`;
  if (typeof v.effort === 'string' && (EFFORTS as readonly string[]).includes(v.effort)) return { effort: v.effort as Effort, from };
  const tokens = toRange(v.tokens, 'tokens');
  return tokens ? { tokens, from } : null;
}

/** Applies what the sidecar sets to a workflow read from its file. */
export function applySidecar(workflow: Workflow, sidecar: Sidecar): void {
  const note = (step: string | null, message: string) => workflow.assumptions.push({ step, message: `${message} (${basename(sidecar.file)})` });
  workflow.problems.push(...sidecar.problems);
  if (sidecar.runsPerDay !== null) {
    workflow.runsPerDay = sidecar.runsPerDay;
    note(null, `runs per day: ${sidecar.runsPerDay}`);
  }
  workflow.budgets.push(...sidecar.budgets);
  workflow.localModels.push(...sidecar.models);
  const byId = new Map<string, StepSpec>(workflow.steps.map((s) => [s.id, s]));
  for (const [id, { override, span }] of sidecar.steps) {
    const step = byId.get(id);
    if (!step) {
      workflow.problems.push({
        file: sidecar.file, span, severity: 'warning', code: 'sidecar',
        message: `No step '${id}' in ${basename(workflow.file)}${byId.size ? ` (steps: ${[...byId.keys()].slice(0, 8).join(', ')})` : ''}.`,
      });
      continue;
    }
    // The sidecar's figure replaces the default that was assumed for it.
    const replaced = [
      override.input_tokens && /'input_tokens'|'variable_tokens'|prompt text|input tokens/i,
      override.output_tokens && /'output_tokens'|output tokens/i,
      override.turns && /turns/,
      override.tool_tokens && /'tool_tokens'/,
    ].filter((r): r is RegExp => r instanceof RegExp);
    workflow.assumptions = workflow.assumptions.filter((a) => a.step !== id || !replaced.some((r) => r.test(a.message)));
    if (override.model) step.model = override.model;
    if (override.input_tokens) {
      step.inputTokens = override.input_tokens;
      step.promptTokens = 0;
    }
    if (override.output_tokens) step.outputTokens = override.output_tokens;
    if (override.repeat) {
      step.repeat = override.repeat;
      step.concurrency = Math.min(step.concurrency, override.repeat);
    }
    if (override.reasoning) step.reasoning = override.reasoning;
    if (override.price_window) step.priceWindow = override.price_window;
    if (override.service_tier !== undefined) step.serviceTier = override.service_tier;
    if (override.turns) {
      step.agent = step.agent ? { ...step.agent, turns: override.turns } : { turns: override.turns, toolTokens: { min: 0, max: 0 }, toolLatencyS: { min: 0, max: 0 }, history: 'replay' };
    }
    if (step.agent && override.tool_tokens) step.agent = { ...step.agent, toolTokens: override.tool_tokens };
    if (step.agent && override.history) step.agent = { ...step.agent, history: override.history };
    if (override.cache_hit_rate !== undefined) step.cacheHitRate = override.cache_hit_rate;
    // a share the user states replaces the branches the adapter read (they say how often, the file did not)
    if (override.runs_share !== undefined) step.branches = statedShare(id, override.runs_share);
    note(id, `set by the sidecar: ${Object.keys(override).join(', ')}`);
  }
  const c = sidecar.calibratedFrom;
  if (c) {
    const files = c.files.length ? ` (${c.files.slice(0, 3).join(', ')}${c.files.length > 3 ? ', …' : ''})` : '';
    note(null, `calibrated from ${c.runs.toLocaleString('en-US')} observed run${c.runs === 1 ? '' : 's'}${files} on ${c.date}: the per-call tokens and turns under steps`);
  }
}
