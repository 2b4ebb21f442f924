// The native format, *.agentflow.yaml|yml|json: parsed with positions, checked against the
// shipped schema, and turned into the core's Workflow with every default filled in and listed.
import { basename } from 'node:path';
import { countTokens, TOKENIZER, tokenizerMatches } from '../tokens';
import {
  BUDGET_KEYS, EFFORTS, type Effort, type ReasoningSetting, type AgentSpec, type Assumption, type BudgetSpec, type History, type PartialModel, type Problem, type Range, type SourceSpan,
  type StepSpec, type Workflow,
} from '../types';
import { isObj, statedShare, type Obj } from './adapter';
import { emptyWorkflow } from './emptyWorkflow';
import { parseSourceText } from './parseSource';
import { checkSchema } from './schemaCheck';
import { childPointer, type SourceMap } from './sourceMap';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function parseAgentflow(file: string, text: string): Workflow {
  const syntax = /\.json$/i.test(file) ? 'json' : 'yaml';
  const source = parseSourceText(file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, syntax);
  const { map } = source;
  const problems: Problem[] = [...source.problems];
  const workflow: Workflow = { ...emptyWorkflow(file, 'agentflow'), problems };
  if (source.value === undefined) return workflow;
  const schema = checkSchema(file, source.value, map);
  problems.push(...schema.problems);
  const root = source.value;
  if (!isObj(root)) return workflow;

  if (typeof root.name === 'string' && root.name.trim()) {
    workflow.name = root.name.trim();
    workflow.nameSpan = map.valueSpan('/name');
  }
  const runs = num(root.runs_per_day);
  if (runs !== undefined && runs >= 0) workflow.runsPerDay = runs;
  if (isObj(root.budget)) {
    for (const key of BUDGET_KEYS) {
      const limit = num(root.budget[key]);
      if (limit !== undefined && limit >= 0) workflow.budgets.push({ key, limit, span: map.keySpan(`/budget/${key}`) } satisfies BudgetSpec);
    }
  }
  if (isObj(root.models)) workflow.localModels = readModels(root.models, basename(file), schema.pointers);

  const faulty = (pointer: string) => schema.pointers.some((p) => p === pointer || p.startsWith(`${pointer}/`));
  const defaults = isObj(root.defaults) ? root.defaults : {};
  const badDefaults = Object.keys(defaults).filter((k) => faulty(`/defaults/${k}`));
  const items = Array.isArray(root.steps) ? root.steps : [];
  const excluded = new Set<string>();
  const converted: StepSpec[] = [];
  items.forEach((item, i) => {
    const pointer = `/steps/${i}`;
    if (!isObj(item)) return;
    const id = typeof item.id === 'string' ? item.id : `steps[${i}]`;
    const usesBadDefault = badDefaults.some((k) => !(k in item));
    const step = !faulty(pointer) && !usesBadDefault
      ? readStep(file, item, defaults, pointer, map, problems, workflow.assumptions)
      : null;
    if (step) converted.push(step);
    else excluded.add(id);
  });
  // Links to steps left out for their own errors are not errors of their own.
  for (const s of converted) {
    const keep = s.after.map((a) => !excluded.has(a));
    s.after = s.after.filter((_, k) => keep[k]);
    s.afterSpans = s.afterSpans.filter((_, k) => keep[k]);
  }
  workflow.steps = converted;
  if (items.length > 0 && converted.length === 0 && !problems.some((p) => p.severity === 'error')) {
    problems.push({ file, span: map.valueSpan('/steps'), severity: 'error', code: 'no-steps', message: 'No step could be estimated.' });
  }
  return workflow;
}

function readRange(v: unknown): Range | null {
  if (typeof v === 'number') return { min: v, max: v };
  if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number') return { min: v[0], max: v[1] };
  return null;
}

/** The step with `defaults` under it (one level deep for agent and cache); null if it cannot be estimated. */
function readStep(
  file: string, item: Obj, defaults: Obj, pointer: string, map: SourceMap, problems: Problem[], assumptions: Assumption[],
): StepSpec | null {
  const merged: Obj = { ...defaults, ...item };
  for (const key of ['agent', 'cache']) {
    if (isObj(defaults[key]) && isObj(item[key])) merged[key] = { ...defaults[key], ...item[key] };
  }
  const id = typeof item.id === 'string' ? item.id : `steps[${pointer.split('/').pop()}]`;
  const span = map.valueSpan(pointer);
  const at = (key: string): string => (key in item ? childPointer(pointer, key) : `/defaults/${key}`);
  const problem = (message: string, where: SourceSpan = span): null => {
    problems.push({ file, span: where, severity: 'error', code: 'step', message });
    return null;
  };
  const note = (message: string) => assumptions.push({ step: id, message });

  if (typeof merged.model !== 'string') return problem(`Step '${id}' has no model: set 'model' on the step, or in 'defaults'.`, map.keySpan(childPointer(pointer, 'id')));
  const output = readRange(merged.output_tokens);
  if (!output) return problem(`Step '${id}' has no output_tokens: say how many tokens each call returns (a number, or a range [min, max]).`, map.keySpan(childPointer(pointer, 'id')));
  const prompt = typeof merged.prompt === 'string' ? merged.prompt : '';
  let input = readRange(merged.input_tokens);
  if (!input) {
    if (!prompt) return problem(`Step '${id}' has no input_tokens: give the input size of each call, or its prompt text.`, map.keySpan(childPointer(pointer, 'id')));
    input = { min: 0, max: 0 };
  }
  const ranges: [string, Range][] = [['input_tokens', input], ['output_tokens', output]];
  let agent: AgentSpec | null = null;
  if (isObj(merged.agent)) {
    const a = merged.agent;
    const turns = readRange(a.turns);
    if (!turns) return problem(`Step '${id}' is an agent loop without 'turns': give the number of turns, or a range [min, max].`, map.keySpan(at('agent')));
    agent = {
      turns,
      toolTokens: readRange(a.tool_tokens) ?? { min: 0, max: 0 },
      toolLatencyS: readRange(a.tool_latency_s) ?? { min: 0, max: 0 },
      history: (a.history as History | undefined) ?? 'replay',
    };
    if (a.history === undefined) note(`agent history not set: 'replay' (every turn resends the whole history)`);
    if (a.tool_tokens === undefined) note('agent tool_tokens not set: tools add no tokens to the context');
    ranges.push(['agent.turns', turns], ['agent.tool_tokens', agent.toolTokens], ['agent.tool_latency_s', agent.toolLatencyS]);
  }
  const reasoning = readReasoning(merged.reasoning, at('reasoning'));
  if (reasoning?.tokens) ranges.push(['reasoning.tokens', reasoning.tokens]);
  for (const [key, r] of ranges) {
    if (r.min > r.max) {
      const [head, sub] = key.split('.');
      const ptr = sub ? childPointer(at(head), sub) : at(head);
      return problem(`Step '${id}' ${key}: the range [${r.min}, ${r.max}] has its minimum above its maximum; write it as [${r.max}, ${r.min}].`, map.valueSpan(ptr));
    }
  }

  let promptTokens = 0;
  if (prompt) {
    promptTokens = countTokens(prompt);
    const model = merged.model;
    note(`inline prompt counted as ${promptTokens} tokens with ${TOKENIZER}${tokenizerMatches(model.replace(/^.*[/:]/, '')) ? '' : `: an approximation for ${model}, whose tokenizer differs`}`);
  }
  const after: [string, number][] = Array.isArray(item.after)
    ? item.after.map((a, k): [unknown, number] => [a, k]).filter((e): e is [string, number] => typeof e[0] === 'string')
    : [];
  const repeat = num(merged.repeat) ?? 1;
  const concurrency = Math.min(num(merged.concurrency) ?? 1, repeat);
  return {
    id,
    model: merged.model,
    after: after.map(([name]) => name),
    afterSpans: after.map(([, k]) => map.valueSpan(childPointer(childPointer(pointer, 'after'), k))),
    inputTokens: input,
    outputTokens: output,
    promptTokens,
    repeat,
    concurrency,
    retryRate: num(merged.retry_rate) ?? 0,
    cacheHitRate: isObj(merged.cache) ? (num(merged.cache.hit_rate) ?? 0) : 0,
    mode: merged.mode === 'batch' ? 'batch' : 'sync',
    agent,
    pages: num(merged.pages) ?? null,
    reasoning,
    outputCap: num(merged.max_output_tokens) ?? null,
    priceWindow: merged.price_window === 'peak' || merged.price_window === 'off-peak' ? merged.price_window : null,
    serviceTier: merged.service_tier === 'flex' || merged.service_tier === 'priority' ? merged.service_tier : null,
    cacheTtl: isObj(merged.cache) && (merged.cache.ttl === '1h' || merged.cache.ttl === '5m') ? merged.cache.ttl : null,
    branches: statedShare(id, num(item.runs_share)),
    alternatives: Array.isArray(merged.alternatives) ? merged.alternatives.filter((a): a is string => typeof a === 'string') : [],
    span,
    idSpan: map.valueSpan(childPointer(pointer, 'id')),
    modelSpan: map.valueSpan(at('model')),
  };
}

/** `reasoning: { effort: high }` or `{ tokens: 2000 }` / `{ tokens: [500, 3000] }` (checked by the schema). */
function readReasoning(v: unknown, pointer: string): ReasoningSetting | null {
  if (!isObj(v)) return null;
  const from = pointer.startsWith('/defaults') ? 'reasoning under defaults' : 'the step\'s reasoning';
  if (typeof v.effort === 'string' && (EFFORTS as readonly string[]).includes(v.effort)) return { effort: v.effort as Effort, from: `${from}.effort` };
  const tokens = readRange(v.tokens);
  return tokens ? { tokens, from: `${from}.tokens` } : null;
}

/** The file's `models:` section as catalog overrides (entries with schema errors are left out). */
function readModels(models: Obj, origin: string, faultyPointers: string[]): PartialModel[] {
  const out: PartialModel[] = [];
  for (const [id, raw] of Object.entries(models)) {
    const pointer = childPointer('/models', id);
    if (!isObj(raw) || faultyPointers.some((p) => p === pointer || p.startsWith(`${pointer}/`))) continue;
    out.push(readModelDefinition(id, raw, `${origin} models.${id}`));
  }
  return out;
}

/** One model definition in our format (a workflow's `models:` entry, or a user catalog file's). */
export function readModelDefinition(id: string, raw: Obj, origin: string): PartialModel {
  const price = isObj(raw.price) ? raw.price : {};
  const speed = isObj(raw.speed) ? raw.speed : {};
  const params = isObj(raw.params_b) ? raw.params_b : null;
  const energy = isObj(raw.energy) ? raw.energy : null;
  const active = params ? readRange(params.active) : null;
  const total = params ? (readRange(params.total) ?? active) : null;
  const model: PartialModel = { id, origin };
  if (typeof raw.name === 'string') model.displayName = raw.name;
  if (typeof raw.provider === 'string') model.provider = raw.provider;
  if (typeof raw.open_weights === 'boolean') model.openWeights = raw.open_weights;
  if (Array.isArray(raw.aliases)) model.aliases = raw.aliases.filter((a): a is string => typeof a === 'string').map((a) => a.toLowerCase());
  if (num(raw.quality) !== undefined) model.quality = num(raw.quality);
  if (num(raw.pue) !== undefined) model.pue = num(raw.pue);
  const p = {
    input: num(price.input), output: num(price.output), cacheRead: num(price.cache_read), cacheWrite: num(price.cache_write),
    batchInput: num(price.batch_input), batchOutput: num(price.batch_output), perPage: num(price.per_page), perImage: num(price.per_image),
  };
  if (Object.values(p).some((v) => v !== undefined)) model.price = { ...p, source: origin, asOf: null };
  if (num(speed.ttft_s) !== undefined || num(speed.output_tps) !== undefined) {
    model.speed = { ttftS: num(speed.ttft_s), outputTps: num(speed.output_tps), source: origin, asOf: null } as PartialModel['speed'];
  }
  if (active && total) model.params = { total, active, architecture: null, source: origin, estimate: false };
  if (energy && num(energy.wh_per_1k_output) !== undefined) {
    model.energy = { whPer1kOutput: num(energy.wh_per_1k_output) as number, whPer1kInput: num(energy.wh_per_1k_input) ?? 0, source: origin };
  }
  return model;
}
