// What every format adapter shares: the contract, and a builder that turns what a file says into
// the core's steps, filling in (and listing) what it does not say.
import { outOfBounds, type LimitKey } from '../limits';
import { countTokens, TOKENIZER } from '../tokens';
import type { AgentSpec, Assumption, BranchCondition, Problem, Range, ReasoningSetting, ServiceTier, Severity, SourceSpan, StepSpec, Workflow } from '../types';
import { describeRange, type FormatAssumptions } from './assumptions';
import type { AdapterInput, FormatId } from './formatAdapter';
import type { SourceMap } from './sourceMap';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
/**
 * A scalar value as text, '' for a map, a list or nothing. Never `String(v)` on file data: a JSON
 * map has no prototype, and converting it throws.
 */
export const asText = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
/** A count or cap, also when written as a string ("256", as Prompt Flow files do). */
export const count = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
};

/** Model names that are filled in at run time or by the reader: `${env:X}`, `{{x}}`, `$X`, `<your-deployment>`, `your_deployment_name`. */
const PLACEHOLDER = /\$\{[^}]*\}|\{\{[^}]*\}\}|^\$[A-Z_]|^<[^>]+>$|(^|[:/])your[-_ ]/i;

export interface StepInput {
  id: string;
  model: string;
  span: SourceSpan;
  idSpan?: SourceSpan;
  modelSpan?: SourceSpan;
  after?: { id: string; span: SourceSpan }[];
  input: Range;
  output: Range;
  promptTokens?: number;
  repeat?: number;
  concurrency?: number;
  agent?: AgentSpec | null;
  reasoning?: ReasoningSetting | null;
  /** The file's cap on tokens out per call, visible and reasoning together. */
  outputCap?: number;
  serviceTier?: ServiceTier | null;
  cacheTtl?: '5m' | '1h' | null;
  modelFallbacks?: string[];
  names?: string[];
}

/** What a loop's context gains each turn besides the model's own output (other speakers' messages). */
export interface Growth {
  tokens: Range;
  why: string;
}

export class WorkflowBuilder {
  readonly workflow: Workflow;
  /** Ids given so far, and the next suffix to try for each, so that making one unique stays cheap in files of thousands of nodes. */
  private readonly ids = new Set<string>();
  private readonly nextSuffix = new Map<string, number>();

  constructor(readonly source: AdapterInput, format: FormatId, name: string) {
    this.workflow = {
      file: source.file, format, name, nameSpan: source.map.span(0, 0), runsPerDay: null,
      steps: [], budgets: [], localModels: [], problems: [], assumptions: [],
    };
  }

  get assumptions(): FormatAssumptions {
    return this.source.settings.assumptions;
  }

  get map(): SourceMap {
    return this.source.map;
  }

  span(pointer: string): SourceSpan {
    return this.map.valueSpan(pointer);
  }

  keySpan(pointer: string): SourceSpan {
    return this.map.keySpan(pointer);
  }

  /** A map entry from its key to the end of its value, so a hover on the key finds it. */
  entrySpan(pointer: string): SourceSpan {
    return { start: this.map.keySpan(pointer).start, end: this.map.valueSpan(pointer).end };
  }

  assume(step: string | null, message: string, key?: keyof FormatAssumptions): void {
    this.workflow.assumptions.push({ step, message, ...(key && { key }) } satisfies Assumption);
  }

  /** An assumption that names the key that overrides it. */
  assumeDefault(step: string | null, what: string, key: keyof FormatAssumptions, value: string): void {
    this.assume(step, `${what}: ${value} (assumption '${key}'; set it in ${this.source.settings.sidecarName})`, key);
  }

  problem(span: SourceSpan, message: string, code = 'format', severity: Severity = 'error', file = this.source.file): void {
    this.workflow.problems.push({ file, span, severity, code, message } satisfies Problem);
  }

  /**
   * The model a file names, through the deployment map; placeholders and empty names become a
   * problem (and null), as does a missing name when no default model is set.
   */
  model(raw: unknown, span: SourceSpan, step: string, what = 'model', otherNames: string[] = []): string | null {
    const name = typeof raw === 'string' ? raw.trim() : '';
    const { sidecarName, assumptions } = this.source.settings;
    const mapped = this.mapped(name, ...otherNames);
    if (mapped) {
      this.assume(step, `${what} '${name}' is mapped to ${mapped} (deployments)`);
      return mapped;
    }
    if (name && !PLACEHOLDER.test(name)) return name;
    if (assumptions.default_model) {
      this.assumeDefault(step, name ? `${what} '${name}' is set at run time` : `no ${what} in the file`, 'default_model', assumptions.default_model);
      return assumptions.default_model;
    }
    this.problem(span, name
      ? `Step '${step}': the ${what} '${name}' is filled in at run time, so it cannot be priced. Map it to a model under 'deployments:' in ${sidecarName} or in the agentCost.deployments setting.`
      : `Step '${step}' names no ${what}, so it cannot be priced. Set one in the file, or 'default_model' under 'assumptions:' in ${sidecarName}.`, 'no-model');
    return null;
  }

  /** The model the deployment map gives for any of these names (a full id, its last part, a label). */
  mapped(...names: string[]): string | undefined {
    const { deployments } = this.source.settings;
    for (const name of names.filter(Boolean)) {
      const hit = lookup(deployments, name) ?? lookup(deployments, name.replace(/^.*[/:]/, ''));
      if (hit) return hit;
    }
    return undefined;
  }

  /**
   * A count the file gives at `pointer` (a number, or a numeric string as some formats write it),
   * within the limit; a problem at its line where it is not finite or above the limit.
   */
  count(value: unknown, pointer: string, limit: LimitKey): number | undefined {
    const n = typeof value === 'number' && !Number.isFinite(value) ? value : count(value);
    if (n === undefined) return undefined;
    const wrong = outOfBounds(n, limit);
    if (!wrong) return n;
    this.problem(this.span(pointer), `${pointer.split('/').pop() ?? 'value'}: ${wrong}; it is not used.`, 'bounds');
    return undefined;
  }

  /** Output tokens per call: the assumed range, bounded by the file's cap where it gives one. */
  output(cap: number | undefined, step: string): Range {
    const r = this.assumptions.output_tokens;
    if (cap !== undefined && cap > 0) {
      const out = { min: Math.min(r.min, cap), max: Math.min(r.max, cap) };
      this.assumeDefault(step, `output tokens per call (the cap is ${cap})`, 'output_tokens', describeRange(out));
      return out;
    }
    this.assumeDefault(step, 'output tokens per call (no cap in the file)', 'output_tokens', describeRange(r));
    return r;
  }

  /** Tokens of prompt text, with `variables` unrendered template variables added at the assumed size. */
  promptTokens(text: string, variables: number, step: string): number {
    const tokens = countTokens(text);
    const vars = variables * this.assumptions.variable_tokens;
    this.assume(step, `prompt text counted as ${tokens} tokens with ${TOKENIZER} (an approximation for other tokenizers)`);
    if (variables > 0) this.assumeDefault(step, `${variables} template variable${variables > 1 ? 's' : ''} without a sample value, each`, 'variable_tokens', `${this.assumptions.variable_tokens} tokens`);
    return tokens + vars;
  }

  /** Input tokens of a prompt the file does not hold. */
  unknownInput(step: string, why: string): Range {
    this.assumeDefault(step, `input tokens per call (${why})`, 'input_tokens', describeRange(this.assumptions.input_tokens));
    return this.assumptions.input_tokens;
  }

  /**
   * A tool-calling loop. A limit the file or the framework sets (crewAI's max_iter, n8n's
   * maxIterations) is a cap, not the number of turns an agent takes: the turns are the
   * `agent_turns` assumption within it.
   */
  agentLoop(step: string, cap: number | undefined, why: string): AgentSpec {
    const assumed = this.assumptions.agent_turns;
    const turns = cap !== undefined && cap >= 1 ? { min: Math.min(assumed.min, cap), max: Math.min(assumed.max, cap) } : assumed;
    this.assumeDefault(step, `${why}${cap !== undefined && cap >= 1 ? `, at most ${cap} turns` : ', unbounded in the file'}: turns`, 'agent_turns', describeRange(turns));
    return this.loop(step, turns);
  }

  /** A loop of 1 to `max` turns, where the file fixes the most a conversation can take (AutoGen's MaxMessageTermination). */
  loopUpTo(step: string, max: number | undefined, why: string, growth?: Growth): AgentSpec {
    const turns = max === undefined || max < 1 ? this.assumptions.agent_turns : { min: 1, max };
    if (max === undefined || max < 1) this.assumeDefault(step, `${why}, unbounded in the file: turns`, 'agent_turns', describeRange(turns));
    else this.assume(step, `${why}: 1 to ${max} turns (the file's bound)`);
    return this.loop(step, turns, growth);
  }

  /** A replayed loop; each turn adds the output and, unless `growth` says what else, a tool result. */
  private loop(step: string, turns: Range, growth?: Growth): AgentSpec {
    const toolTokens = growth?.tokens ?? this.assumptions.tool_tokens;
    if (growth) this.assume(step, `each turn's context also grows by ${describeRange(toolTokens)} tokens: ${growth.why}`);
    else this.assumeDefault(step, 'tokens each tool result adds', 'tool_tokens', describeRange(toolTokens));
    this.assume(step, "agent history 'replay' (every turn resends the conversation so far)");
    return { turns, toolTokens, toolLatencyS: { min: 0, max: 0 }, history: 'replay' };
  }

  /** Independent calls over a run-time list (an iteration): calls without a growing history. */
  repeatedCalls(step: string, items: Range, why: string): AgentSpec {
    this.assume(step, `${why}: ${describeRange(items)} calls, one per item, run one after another`);
    return { turns: items, toolTokens: { min: 0, max: 0 }, toolLatencyS: { min: 0, max: 0 }, history: 'none' };
  }

  /** Adds a step, unless a figure computed for it (tests × prompts × repeats, say) is out of bounds. */
  addStep(s: StepInput): StepSpec | null {
    const repeat = s.repeat ?? 1;
    const tooLarge = [
      [repeat, 'calls', 'calls'], [s.input.max, 'tokens', 'input tokens per call'], [s.output.max, 'tokens', 'output tokens per call'],
      [s.promptTokens ?? 0, 'tokens', 'prompt tokens'], [s.agent?.turns.max ?? 1, 'turns', 'turns'], [s.agent?.toolTokens.max ?? 0, 'tokens', 'tool tokens'],
    ] as const;
    for (const [value, limit, what] of tooLarge) {
      const wrong = outOfBounds(value, limit);
      if (wrong) {
        this.problem(s.span, `Step '${s.id.slice(0, 80)}' comes to ${wrong.replace(/^\S+ is /, `${value.toLocaleString('en-US')} ${what}: `)}, so it is not estimated.`, 'bounds');
        return null;
      }
    }
    const step: StepSpec = {
      id: s.id,
      model: s.model,
      after: (s.after ?? []).map((a) => a.id),
      afterSpans: (s.after ?? []).map((a) => a.span),
      inputTokens: s.input,
      outputTokens: s.output,
      promptTokens: s.promptTokens ?? 0,
      repeat,
      concurrency: Math.max(1, Math.min(s.concurrency ?? 1, repeat)),
      retryRate: 0,
      cacheHitRate: 0,
      mode: 'sync',
      agent: s.agent ?? null,
      pages: null,
      reasoning: s.reasoning ?? null,
      outputCap: s.outputCap ?? null,
      priceWindow: null,
      serviceTier: s.serviceTier ?? null,
      cacheTtl: s.cacheTtl ?? null,
      ...(s.modelFallbacks?.length ? { modelFallbacks: s.modelFallbacks } : {}),
      ...(s.names?.length ? { names: s.names } : {}),
      branches: [],
      alternatives: [],
      span: s.span,
      idSpan: s.idSpan ?? s.span,
      modelSpan: s.modelSpan ?? s.span,
    };
    this.workflow.steps.push(step);
    this.ids.add(step.id);
    return step;
  }

  /** Makes ids unique (formats repeat names); the first keeps its name. */
  uniqueId(id: string): string {
    if (!this.ids.has(id)) return id;
    let k = this.nextSuffix.get(id) ?? 2;
    while (this.ids.has(`${id} (${k})`)) k++;
    this.nextSuffix.set(id, k);
    return `${id} (${k})`;
  }

  /** The workflow, with a clear problem where nothing in it calls a model. */
  finish(noModelMessage: string, span: SourceSpan = this.span('')): Workflow {
    const w = this.workflow;
    if (w.steps.length === 0 && !w.problems.some((p) => p.severity === 'error')) this.problem(span, noModelMessage, 'no-model');
    return w;
  }
}

function lookup(map: Record<string, string>, key: string): string | undefined {
  if (Object.hasOwn(map, key)) return map[key];
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(map)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** `{{ var }}` (Jinja, Mustache, promptfoo, Prompty) and `{{#node.var#}}` (Dify) variables. */
export function templateVariables(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\{\{\s*#?([\w.$-]+)#?\s*(?:\|[^}]*)?\}\}/g)) out.push(m[1]);
  return out;
}

/** Renders `{{ var }}` with the given values; returns the text and the variables left unset. */
export function renderTemplate(text: string, vars: Obj): { text: string; unset: number } {
  let unset = 0;
  const rendered = text.replace(/\{\{\s*#?([\w.$-]+)#?\s*(?:\|[^}]*)?\}\}/g, (_whole, name: string) => {
    const v = vars[name];
    if (v === undefined || v === null) {
      unset++;
      return '';
    }
    return typeof v === 'string' ? v : JSON.stringify(v);
  });
  return { text: rendered, unset };
}

/**
 * For formats whose graphs mix model calls with other nodes (code, conditions, tools): the
 * nearest model-calling ancestors of a node, following edges through the other nodes.
 */
export function nearestSteps(node: string, preds: ReadonlyMap<string, readonly string[]>, isStep: (n: string) => boolean): string[] {
  const found = new Set<string>();
  const seen = new Set<string>([node]);
  const stack = [...(preds.get(node) ?? [])];
  while (stack.length) {
    const n = stack.pop() as string;
    if (seen.has(n)) continue;
    seen.add(n);
    if (isStep(n)) found.add(n);
    else stack.push(...(preds.get(n) ?? []));
  }
  return [...found];
}

/**
 * Graphs that may loop back (an n8n evaluator-optimizer, a Dify loop): each link back to a step
 * already on the path is dropped, and the steps of its cycle run `loop_rounds` times, with a
 * warning at the step the loop returns to. The other steps keep their order.
 */
export function breakCycles(b: WorkflowBuilder, what: string): void {
  const steps = b.workflow.steps;
  const index = new Map(steps.map((s, i) => [s.id, i]));
  const next: number[][] = steps.map(() => []);
  steps.forEach((s, v) => s.after.forEach((a) => index.has(a) && next[index.get(a) as number].push(v)));
  const state = new Uint8Array(steps.length); // 0 unseen, 1 on the path, 2 done
  const onCycle = new Set<number>();
  for (let root = 0; root < steps.length; root++) {
    if (state[root]) continue;
    const path: number[] = [root];
    const cursor: number[] = [0];
    state[root] = 1;
    while (path.length) {
      const u = path[path.length - 1];
      const k = cursor[cursor.length - 1]++;
      if (k >= next[u].length) {
        state[u] = 2;
        path.pop();
        cursor.pop();
        continue;
      }
      const v = next[u][k];
      if (state[v] === 0) {
        state[v] = 1;
        path.push(v);
        cursor.push(0);
      } else if (state[v] === 1) {
        // u → v goes back to a step on the path: drop it; v … u is the loop
        const head = steps[v];
        const at = head.after.indexOf(steps[u].id);
        head.after.splice(at, 1);
        head.afterSpans.splice(at, 1);
        const members = path.slice(path.indexOf(v));
        members.forEach((m) => onCycle.add(m));
        const rounds = b.assumptions.loop_rounds;
        b.problem(head.span, `${what}: '${steps[u].id}' leads back to '${head.id}'. The ${members.length} step${members.length > 1 ? 's' : ''} of the loop are counted as ${describeRange(rounds)} rounds (assumption 'loop_rounds'; set it in ${b.source.settings.sidecarName}).`, 'loop', 'warning');
      }
    }
  }
  const rounds = b.assumptions.loop_rounds;
  for (const m of onCycle) {
    const s = steps[m];
    if (s.agent) {
      s.agent = { ...s.agent, turns: { min: s.agent.turns.min * rounds.min, max: s.agent.turns.max * rounds.max } };
      b.assume(s.id, `in a loop of ${describeRange(rounds)} rounds: its own loop counted as one of ${describeRange(s.agent.turns)} turns (an upper bound on the replayed context)`, 'loop_rounds');
    } else {
      s.agent = { turns: rounds, toolTokens: { min: 0, max: 0 }, toolLatencyS: { min: 0, max: 0 }, history: 'none' };
      b.assume(s.id, `in a loop: ${describeRange(rounds)} rounds, one call each`, 'loop_rounds');
    }
  }
}

/** A node that sends each run one of several ways (an if-else, a question classifier, a switch). */
export interface BranchingNode {
  /** Its name, as reports say it: "1 of 3 branches of '<group>'". */
  group: string;
  /** The nodes each way leads to first (a way may lead nowhere). */
  ways: string[][];
}

/**
 * Marks the steps that only some ways of a branching node reach: they run in those ways' share
 * of runs (each way equally likely, the file saying nothing of how often), and the estimate's mean
 * counts them by it. `next` follows the graph's links; `stepIds` names each node's step.
 */
export function markBranches(b: WorkflowBuilder, branching: readonly BranchingNode[], next: ReadonlyMap<string, readonly string[]>, stepIds: ReadonlyMap<string, string>): void {
  const reach = (starts: readonly string[]): Set<string> => {
    const seen = new Set<string>();
    const stack = [...starts];
    while (stack.length) {
      const node = stack.pop() as string;
      if (seen.has(node)) continue;
      seen.add(node);
      stack.push(...(next.get(node) ?? []));
    }
    return seen;
  };
  const byId = new Map(b.workflow.steps.map((s) => [s.id, s]));
  for (const { group, ways } of branching) {
    if (ways.length < 2) continue;
    const reached = ways.map(reach);
    for (const [node, id] of stepIds) {
      const taken = ways.map((_, i) => i).filter((i) => reached[i].has(node));
      if (taken.length === 0 || taken.length === ways.length) continue;
      byId.get(id)?.branches.push({ group, taken, of: ways.length });
    }
  }
}

/** A step's `runs_share: r` as a branch of its own: it runs in a share r of runs, independently of other steps. */
export function statedShare(id: string, share: number | undefined): BranchCondition[] {
  if (share === undefined || share >= 1) return [];
  return [{ group: `runs_share of '${id}'`, taken: [0], of: 2, weights: [share, 1 - share] }];
}
