// Dify DSL exports (`app:` + `workflow.graph`, or `model_config` for chat apps). Model-calling
// nodes become steps; edges come from `graph.edges`; nodes inside an iteration or a loop run once
// per item or turn.
import type { Range, Workflow } from '../../types';
import {
  asText, breakCycles, count, isObj, markBranches, str, templateVariables, WorkflowBuilder, type BranchingNode, type Obj,
} from '../adapter';
import { readReasoning } from '../callSettings';
import { selfHostedRuntime } from '../../catalog/catalog';
import { describeRange } from '../assumptions';
import { childPointer } from '../sourceMap';
import type { AdapterInput, FormatAdapter } from '../formatAdapter';

const APP_MODES = new Set(['workflow', 'advanced-chat', 'chat', 'agent-chat', 'completion']);

export const dify: FormatAdapter = {
  id: 'dify',
  claims: () => false,
  sniff: (text) => /^app:\s*$/m.test(text) && /^(workflow|model_config):\s*$/m.test(text),
  recognize(data) {
    const app = isObj(data.app) ? data.app : null;
    if (!app || !APP_MODES.has(asText(app.mode))) return null;
    return isObj(data.workflow) || isObj(data.model_config) ? 'workflow' : { notWorkflow: 'a Dify app export with neither a workflow graph nor a model config' };
  },
  read: (input) => (isObj(input.data.workflow) ? readGraph(input) : readChatApp(input)),
};

interface ModelRef {
  name: unknown;
  provider: unknown;
  params: Obj;
  pointer: string;
  /** Where max_tokens would be. */
  paramsPointer: string;
}

/** The model a node calls, where it says so, and where in the file. */
function nodeModel(data: Obj, pointer: string): ModelRef | null {
  const at = (p: string) => childPointer(pointer, p);
  if (isObj(data.model)) {
    const m = data.model;
    return { name: m.name, provider: m.provider, params: isObj(m.completion_params) ? m.completion_params : {}, pointer: childPointer(at('model'), 'name'), paramsPointer: childPointer(childPointer(at('model'), 'completion_params'), 'max_tokens') };
  }
  const agent = isObj(data.agent_parameters) && isObj(data.agent_parameters.model) ? data.agent_parameters.model : null;
  if (agent && isObj(agent.value)) {
    const v = agent.value;
    const value = childPointer(childPointer(at('agent_parameters'), 'model'), 'value');
    return { name: v.model, provider: v.provider, params: isObj(v.completion_params) ? v.completion_params : {}, pointer: childPointer(value, 'model'), paramsPointer: childPointer(childPointer(value, 'completion_params'), 'max_tokens') };
  }
  const single = isObj(data.single_retrieval_config) ? data.single_retrieval_config : null;
  if (data.type === 'knowledge-retrieval' && data.retrieval_mode === 'single' && single && isObj(single.model)) {
    const m = single.model;
    const model = childPointer(at('single_retrieval_config'), 'model');
    return { name: m.name, provider: m.provider, params: isObj(m.completion_params) ? m.completion_params : {}, pointer: childPointer(model, 'name'), paramsPointer: childPointer(childPointer(model, 'completion_params'), 'max_tokens') };
  }
  return null;
}

/** The text a node sends, without its `{{#node.var#}}` variables, and how many variables it has. */
function nodePrompt(data: Obj): { text: string; variables: number } {
  const parts: string[] = [];
  const push = (v: unknown) => {
    if (typeof v === 'string') parts.push(v);
  };
  if (Array.isArray(data.prompt_template)) data.prompt_template.forEach((p) => isObj(p) && push(p.text));
  else if (isObj(data.prompt_template)) push(data.prompt_template.text);
  push(data.instruction);
  if (isObj(data.agent_parameters)) {
    const a = data.agent_parameters;
    for (const key of ['instruction', 'query']) if (isObj(a[key])) push((a[key] as Obj).value);
  }
  if (Array.isArray(data.classes)) data.classes.forEach((c) => isObj(c) && push(c.name));
  if (Array.isArray(data.parameters)) data.parameters.forEach((p) => isObj(p) && push(`${asText(p.name)}: ${asText(p.description)}`));
  if (Array.isArray(data.query_variable_selector)) parts.push('{{#query#}}');
  const text = parts.join('\n');
  const variables = templateVariables(text).length;
  return { text: text.replace(/\{\{#?[\w.$-]+#?\}\}/g, ''), variables };
}

/** The model's name, kept with its provider where that matters: Dify's `example` fixtures, and local runtimes (Ollama). */
function modelName(ref: ModelRef): unknown {
  if (typeof ref.name !== 'string' || typeof ref.provider !== 'string') return ref.name;
  // Plugin providers are written `langgenius/ollama/ollama`.
  const provider = ref.provider.toLowerCase().split('/').pop() ?? '';
  const qualified = `${provider}/${ref.name}`;
  return provider === 'example' || selfHostedRuntime(qualified) ? qualified : ref.name;
}

function readGraph(input: AdapterInput): Workflow {
  const app = input.data.app as Obj;
  const b = new WorkflowBuilder(input, 'dify', str(app.name) ?? 'Dify app');
  if (str(app.name)) b.workflow.nameSpan = b.span('/app/name');
  const graph = isObj((input.data.workflow as Obj).graph) ? (input.data.workflow as Obj).graph as Obj : {};
  const rawNodes = Array.isArray(graph.nodes) ? graph.nodes : [];
  const nodes = rawNodes.map((n, i) => ({ n, pointer: childPointer('/workflow/graph/nodes', i) }))
    .filter((x): x is { n: Obj; pointer: string } => isObj(x.n) && typeof x.n.id === 'string' && isObj(x.n.data));
  const byId = new Map(nodes.map((x) => [x.n.id as string, x]));
  const preds = new Map<string, string[]>();
  const next = new Map<string, string[]>();
  /** Branching nodes: the targets of each way out. */
  const ways = new Map<string, Map<string, string[]>>();
  for (const e of Array.isArray(graph.edges) ? graph.edges : []) {
    if (!isObj(e) || typeof e.source !== 'string' || typeof e.target !== 'string') continue;
    preds.set(e.target, [...(preds.get(e.target) ?? []), e.source]);
    next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
    if (typeof e.sourceHandle === 'string' && e.sourceHandle !== 'source') {
      const out = ways.get(e.source) ?? new Map<string, string[]>();
      out.set(e.sourceHandle, [...(out.get(e.sourceHandle) ?? []), e.target]);
      ways.set(e.source, out);
    }
  }
  const parentOf = (id: string): string | undefined => {
    const x = byId.get(id);
    if (!x) return undefined;
    const d = x.n.data as Obj;
    return str(x.n.parentId) ?? str(d.iteration_id) ?? str(d.loop_id);
  };
  const children = new Map<string, string[]>();
  for (const id of byId.keys()) {
    const p = parentOf(id);
    if (p) children.set(p, [...(children.get(p) ?? []), id]);
  }
  const stepIds = new Map<string, string>();

  // Steps first (ids from titles), then their links.
  for (const { n, pointer } of nodes) {
    const data = n.data as Obj;
    // An agent node always calls a model, even where the export left it unset.
    const ref = nodeModel(data, childPointer(pointer, 'data'))
      ?? (data.type === 'agent' ? { name: undefined, provider: undefined, params: {}, pointer: childPointer(pointer, 'data'), paramsPointer: childPointer(pointer, 'data') } : null);
    if (!ref) {
      if (data.type === 'knowledge-retrieval') b.assume(null, `'${asText(data.title) || asText(n.id)}' retrieves with embeddings and reranking: not counted (no chat model)`);
      continue;
    }
    const id = b.uniqueId(str(data.title) ?? asText(n.id));
    const span = b.span(pointer);
    const model = b.model(modelName(ref), b.span(ref.pointer), id);
    if (!model) continue;
    stepIds.set(n.id as string, id);
    const prompt = nodePrompt(data);
    const promptTokens = prompt.text.trim() ? b.promptTokens(prompt.text, prompt.variables, id) : 0;
    const input: Range = prompt.text.trim() ? { min: 0, max: 0 } : b.unknownInput(id, 'the node has no prompt text');
    const iterations = isObj(data.agent_parameters) && isObj(data.agent_parameters.maximum_iterations) ? data.agent_parameters.maximum_iterations.value : undefined;
    let agent = data.type === 'agent'
      ? b.agentLoop(id, b.count(iterations, childPointer(childPointer(childPointer(childPointer(pointer, 'data'), 'agent_parameters'), 'maximum_iterations'), 'value'), 'turns'), 'a Dify agent node')
      : null;
    const parent = parentOf(n.id as string);
    const container = parent ? byId.get(parent) : undefined;
    if (container) {
      const c = container.n.data as Obj;
      const title = asText(c.title) || parent;
      if (agent) b.assume(id, 'an agent inside a loop: its own turns are not multiplied in');
      if (c.type === 'loop') {
        const max = b.count(c.loop_count, childPointer(childPointer(container.pointer, 'data'), 'loop_count'), 'turns');
        const turns = max !== undefined && max >= 1 ? { min: 1, max } : b.assumptions.agent_turns;
        if (max === undefined) b.assumeDefault(id, `loop '${title}' sets no loop_count: turns`, 'agent_turns', describeRange(turns));
        agent = b.repeatedCalls(id, turns, `inside loop '${title}' (up to ${max ?? turns.max} turns)`);
      } else {
        b.assumeDefault(id, `items of iteration '${title}' (known only at run time)`, 'iteration_items', describeRange(b.assumptions.iteration_items));
        agent = b.repeatedCalls(id, b.assumptions.iteration_items, `inside iteration '${title}'${c.is_parallel === true ? ` (parallel in Dify, up to ${count(c.parallel_nums) ?? 10} at once; counted one after another)` : ''}`);
      }
    }
    if (isObj(data.memory) && isObj(data.memory.window) && data.memory.window.enabled === true) {
      b.assume(id, `chat memory replays up to ${count(data.memory.window.size) ?? 'all'} past turns: not counted`);
    }
    const cap = b.count(ref.params.max_tokens, ref.paramsPointer, 'tokens');
    b.addStep({
      id, model, span, idSpan: b.span(childPointer(childPointer(pointer, 'data'), 'title')), modelSpan: b.span(ref.pointer),
      input, promptTokens, output: b.output(cap, id), outputCap: cap, agent, reasoning: readReasoning(ref.params, `'${id}' completion_params`),
    });
  }

  // Links: a step runs after the nearest steps upstream, through other nodes and into containers.
  const upstream = (node: string, seen: Set<string>): string[] => {
    if (seen.has(node)) return [];
    seen.add(node);
    const ps = preds.get(node) ?? [];
    const parent = parentOf(node);
    const up = ps.length ? ps : parent ? preds.get(parent) ?? [] : [];
    return up.flatMap((p) => {
      if (stepIds.has(p)) return [stepIds.get(p) as string];
      const kids = (children.get(p) ?? []).filter((k) => stepIds.has(k)).map((k) => stepIds.get(k) as string);
      return kids.length ? kids : upstream(p, seen);
    });
  };
  for (const [node, id] of stepIds) {
    const step = b.workflow.steps.find((s) => s.id === id);
    if (!step) continue;
    const after = [...new Set(upstream(node, new Set()))].filter((a) => a !== id);
    step.after = after;
    step.afterSpans = after.map(() => step.span);
  }
  breakCycles(b, 'a Dify graph that loops back');
  markBranches(b, branchingNodes(byId, ways), next, stepIds);
  return b.finish('No node of this Dify app calls a model (llm, question-classifier, parameter-extractor, agent).', b.span('/workflow/graph/nodes'));
}

/**
 * An if-else or a question classifier sends a run one way (Dify's graph engine follows the edge
 * of the case or class that matched). Its ways are its cases and the else (if-else), or its
 * classes, whether or not an edge leaves them.
 */
function branchingNodes(byId: Map<string, { n: Obj; pointer: string }>, ways: Map<string, Map<string, string[]>>): BranchingNode[] {
  return [...ways].map(([node, out]) => {
    const data = (byId.get(node)?.n.data ?? {}) as Obj;
    const handles = [...new Set([...declaredWays(data), ...out.keys()])];
    return { group: asText(data.title) || node, ways: handles.map((h) => out.get(h) ?? []) };
  });
}

/** The ways out a branching node declares: an if-else's cases and its else, a classifier's classes. */
function declaredWays(data: Obj): string[] {
  if (data.type === 'if-else') {
    const cases = Array.isArray(data.cases) ? data.cases.filter(isObj).map((c) => asText(c.case_id)).filter(Boolean) : [];
    return cases.length ? [...cases, 'false'] : ['true', 'false'];
  }
  if (data.type === 'question-classifier' && Array.isArray(data.classes)) return data.classes.filter(isObj).map((c) => asText(c.id)).filter(Boolean);
  return [];
}

function readChatApp(input: AdapterInput): Workflow {
  const app = input.data.app as Obj;
  const b = new WorkflowBuilder(input, 'dify', str(app.name) ?? 'Dify app');
  const config = input.data.model_config as Obj;
  const m = isObj(config.model) ? config.model : {};
  const id = str(app.name) ?? 'chat';
  const pointer = '/model_config/model/name';
  const model = b.model(m.name, b.span(pointer), id);
  if (!model) return b.workflow;
  const pre = typeof config.pre_prompt === 'string' ? config.pre_prompt : '';
  const agentMode = isObj(config.agent_mode) ? config.agent_mode : {};
  const agent = app.mode === 'agent-chat' || agentMode.enabled === true ? b.agentLoop(id, b.count(agentMode.max_iteration, '/model_config/agent_mode/max_iteration', 'turns'), 'a Dify agent app') : null;
  const params = isObj(m.completion_params) ? m.completion_params : {};
  const cap = b.count(params.max_tokens, '/model_config/model/completion_params/max_tokens', 'tokens');
  b.addStep({
    id, model, span: b.span('/model_config'), modelSpan: b.span(pointer),
    input: { min: 0, max: 0 }, promptTokens: b.promptTokens(pre.replace(/\{\{[^}]*\}\}/g, ''), templateVariables(pre).length + 1, id),
    output: b.output(cap, id), outputCap: cap, agent, reasoning: readReasoning(params, 'the model\'s completion_params'),
  });
  return b.workflow;
}
