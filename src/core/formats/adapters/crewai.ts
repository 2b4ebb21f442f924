// CrewAI crews: `config/tasks.yaml` with the `agents.yaml` beside it, the JSONC layout
// (`crew.jsonc` with `agents/<name>.jsonc`), and declarative flows (`schema: crewai.flow/v1`).
// Each task is a ReAct loop of up to `max_iter` calls on its agent's `llm`.
import { parse as parseYaml } from 'yaml';
import { parse as parseJsonc } from 'jsonc-parser';
import type { ReasoningSetting, SourceSpan } from '../../types';
import { asText, count, isObj, str, WorkflowBuilder, type Obj } from '../adapter';
import { readReasoning } from '../callSettings';
import { cite, CREWAI_DEFAULTS } from '../frameworkDefaults';
import { workflowNameFromFile } from '../fileNames';
import { childPointer } from '../sourceMap';
import { CLAIMED_NAMES } from '../fileNames';
import type { AdapterInput, FormatAdapter } from '../formatAdapter';

const AGENT_KEYS = ['role', 'goal', 'backstory'];
const TASK_KEYS = ['description', 'expected_output'];

const mapOf = (data: Obj, keys: string[]): boolean => {
  const values = Object.values(data);
  return values.length > 0 && values.some(isObj) && values.every((v) => !isObj(v) || keys.some((k) => k in v));
};
const isTasksMap = (data: Obj) => mapOf(data, TASK_KEYS) && Object.values(data).some((v) => isObj(v) && 'description' in v);
const isAgentsMap = (data: Obj) => mapOf(data, AGENT_KEYS) && Object.values(data).some((v) => isObj(v) && 'role' in v);

export const crewai: FormatAdapter = {
  id: 'crewai',
  claims: (path) => CLAIMED_NAMES.crewai.test(path),
  sniff: (text) => /"(backstory|expected_output)"\s*:|^schema:\s*crewai\.flow\//m.test(text),
  recognize(data, path) {
    if (typeof data.schema === 'string' && data.schema.startsWith('crewai.flow/')) return 'workflow';
    if (Array.isArray(data.agents) && Array.isArray(data.tasks)) return 'workflow';
    if (isTasksMap(data)) return 'workflow';
    if (isAgentsMap(data)) return 'workflow';
    if (/\.jsonc$/i.test(path) && AGENT_KEYS.every((k) => k in data)) return { notWorkflow: 'a CrewAI agent: it is estimated with the crew.jsonc that lists it' };
    return null;
  },
  read: (input) => {
    const { data } = input;
    if (typeof data.schema === 'string') return readFlow(input);
    if (Array.isArray(data.tasks)) return readJsonCrew(input);
    return isAgentsMap(data) && !isTasksMap(data) ? readAgentsYaml(input) : readTasksYaml(input);
  },
};

interface Agent {
  name: string;
  llm: unknown;
  maxIter: number | undefined;
  maxTokens: number | undefined;
  reasoning: ReasoningSetting | null;
  /** Tools the file gives the agent; an empty list where it names none (crew.py may add some). */
  tools: string[];
  /** `reasoning: true`: the agent plans before each task, up to max_reasoning_attempts times. */
  plans: boolean;
  maxReasoningAttempts: number | undefined;
  /** Its role, which crewAI's traces name it by. */
  role: string | undefined;
  text: string;
}

interface Task {
  name: string;
  pointer: string;
  agent: string | undefined;
  agentSpan: SourceSpan;
  text: string;
  context: string[];
  async: boolean;
  tools: string[];
}

const toolNames = (v: unknown): string[] => (Array.isArray(v) ? v.map((t) => (typeof t === 'string' ? t : isObj(t) ? str(t.name) ?? 'a tool' : '')).filter(Boolean) : []);

function toAgent(name: string, raw: Obj): Agent {
  const settings = isObj(raw.settings) ? raw.settings : {};
  const llm = isObj(raw.llm) ? raw.llm.model : raw.llm;
  return {
    name,
    llm,
    maxIter: count(raw.max_iter) ?? count(settings.max_iter),
    maxTokens: count(raw.max_tokens) ?? count(settings.max_tokens) ?? (isObj(raw.llm) ? count(raw.llm.max_tokens) : undefined),
    reasoning: readReasoning(isObj(raw.llm) ? raw.llm : {}, `agent '${name}' llm`),
    tools: toolNames(raw.tools),
    plans: raw.reasoning === true,
    maxReasoningAttempts: count(raw.max_reasoning_attempts),
    role: typeof raw.role === 'string' && raw.role.trim() ? raw.role.trim().slice(0, 256) : undefined,
    text: AGENT_KEYS.map((k) => (typeof raw[k] === 'string' ? raw[k] : '')).join('\n'),
  };
}

function toTask(name: string, raw: Obj, pointer: string, b: WorkflowBuilder): Task {
  return {
    name,
    pointer,
    agent: str(raw.agent),
    agentSpan: b.span(childPointer(pointer, 'agent')),
    text: TASK_KEYS.map((k) => (typeof raw[k] === 'string' ? raw[k] : '')).join('\n'),
    context: Array.isArray(raw.context) ? raw.context.filter((c): c is string => typeof c === 'string') : [],
    async: raw.async_execution === true,
    tools: toolNames(raw.tools),
  };
}

/** A sibling YAML file of the crew, parsed as crewAI does (PyYAML keeps a repeated key's last value). */
function readSibling(b: WorkflowBuilder, names: string[]): Obj | null {
  const sibling = names.map((n) => b.source.read(n)).find((f) => 'text' in f);
  if (!sibling || !('text' in sibling)) return null;
  try {
    const parsed = parseYaml(sibling.text.replace(/^\uFEFF/, ''), { maxAliasCount: 100, uniqueKeys: false, logLevel: 'error' }) as unknown;
    if (isObj(parsed)) return parsed;
  } catch (e) {
    b.problem(b.span(''), `${sibling.file} does not parse (${(e as Error).message.split('\n')[0]}).`, 'unresolved-reference');
    return {};
  }
  return {};
}

function agentsOf(data: Obj): Map<string, Agent> {
  const agents = new Map<string, Agent>();
  for (const [name, raw] of Object.entries(data)) if (isObj(raw)) agents.set(name, toAgent(name, raw));
  return agents;
}

function readTasksYaml(input: AdapterInput) {
  const b = new WorkflowBuilder(input, 'crewai', crewName(input.file));
  const siblings = readSibling(b, ['agents.yaml', 'agents.yml']);
  if (!siblings) b.problem(b.span(''), "No agents.yaml beside this tasks.yaml: every task is estimated on crewAI's default model with its default max_iter.", 'unresolved-reference', 'warning');
  const tasks = Object.entries(input.data).filter(([, v]) => isObj(v)).map(([name, raw]) => toTask(name, raw as Obj, childPointer('', name), b));
  addCrew(b, tasks, agentsOf(siblings ?? {}), []);
  return b.finish('This tasks.yaml has no tasks.');
}

/** The same crew seen from agents.yaml: each task's figures land on the agent that runs it. */
function readAgentsYaml(input: AdapterInput) {
  const b = new WorkflowBuilder(input, 'crewai', crewName(input.file));
  const siblings = readSibling(b, ['tasks.yaml', 'tasks.yml']);
  if (!siblings) {
    b.problem(b.span(''), 'No tasks.yaml beside this agents.yaml, so the crew\'s work is unknown: the agents are estimated when their tasks are.', 'no-model');
    return b.workflow;
  }
  const agents = agentsOf(input.data);
  const tasks = Object.entries(siblings).filter(([, v]) => isObj(v)).map(([name, raw]): Task => {
    const task = toTask(name, raw as Obj, '', b);
    const at = task.agent && agents.has(task.agent) ? childPointer('', task.agent) : '';
    return { ...task, pointer: at, agentSpan: b.span(at && 'llm' in (input.data[task.agent as string] as Obj) ? childPointer(at, 'llm') : at) };
  });
  addCrew(b, tasks, agents, []);
  return b.finish('The tasks.yaml beside this file has no tasks.');
}

function readJsonCrew(input: AdapterInput) {
  const { data } = input;
  const b = new WorkflowBuilder(input, 'crewai', str(data.name) ?? crewName(input.file));
  const agents = new Map<string, Agent>();
  (data.agents as unknown[]).forEach((name, i) => {
    if (typeof name !== 'string') return;
    const file = input.read(`agents/${name}.jsonc`);
    const parsed = 'text' in file ? parseJsonc(file.text, [], { allowTrailingComma: true }) as unknown : undefined;
    if (isObj(parsed)) agents.set(name, toAgent(name, parsed));
    else b.problem(b.span(childPointer('/agents', i)), `agents/${name}.jsonc cannot be read (${'error' in file ? file.error : 'not a JSON object'}): agent '${name}' runs on crewAI's defaults.`, 'unresolved-reference', 'warning');
  });
  const tasks = (data.tasks as unknown[]).map((raw, i) => (isObj(raw) ? toTask(str(raw.name) ?? `task ${i + 1}`, raw, childPointer('/tasks', i), b) : null))
    .filter((t): t is Task => t !== null);
  if (data.process === 'hierarchical') b.assume(null, 'hierarchical process: the manager agent\'s delegation calls are not counted');
  addCrew(b, tasks, agents, []);
  return b.finish('This crew has no tasks.');
}

/** A declarative flow: methods that run crews or single agents, linked by `listen`. */
function readFlow(input: AdapterInput) {
  const { data } = input;
  const b = new WorkflowBuilder(input, 'crewai', str(data.name) ?? crewName(input.file));
  const methods = isObj(data.methods) ? data.methods : {};
  const ends = new Map<string, string[]>();
  const routes = new Map<string, string>();
  for (const [name, m] of Object.entries(methods)) {
    if (isObj(m) && Array.isArray(m.emit)) for (const e of m.emit) if (typeof e === 'string') routes.set(e, name);
  }
  // Methods in file order; a listener runs after the method (or the router emitting the route) it listens to.
  for (const [name, m] of Object.entries(methods)) {
    if (!isObj(m)) continue;
    const pointer = childPointer('/methods', name);
    const listen = typeof m.listen === 'string' ? [m.listen] : Array.isArray(m.listen) ? m.listen.filter((x): x is string => typeof x === 'string') : [];
    const after = listen.flatMap((l) => ends.get(l) ?? ends.get(routes.get(l) ?? '') ?? []);
    if (listen.some((l) => routes.has(l))) b.assume(null, `'${name}' runs on a router's route: counted as if it always runs (an upper bound)`);
    const call = isObj(m.do) ? m.do : {};
    const args = isObj(call.with) ? call.with : {};
    const at = childPointer(childPointer(pointer, 'do'), 'with');
    if (call.call === 'crew') {
      const agents = new Map<string, Agent>();
      if (isObj(args.agents)) for (const [n, raw] of Object.entries(args.agents)) if (isObj(raw)) agents.set(n, toAgent(n, raw));
      const tasks = (Array.isArray(args.tasks) ? args.tasks : []).map((raw, i) => (isObj(raw) ? toTask(str(raw.name) ?? `${name} task ${i + 1}`, raw, childPointer(childPointer(at, 'tasks'), i), b) : null))
        .filter((t): t is Task => t !== null);
      ends.set(name, addCrew(b, tasks, agents, after));
    } else if (call.call === 'agent') {
      const agent = toAgent(name, args);
      const task: Task = { name, pointer, agent: name, agentSpan: b.keySpan(pointer), text: typeof args.input === 'string' ? args.input : '', context: [], async: false, tools: [] };
      ends.set(name, addCrew(b, [task], new Map([[name, agent]]), after));
    } else {
      ends.set(name, after);
    }
  }
  return b.finish('This flow calls no crew or agent.');
}

/** Adds a crew's tasks as steps; returns the ids the crew ends with. */
function addCrew(b: WorkflowBuilder, tasks: Task[], agents: Map<string, Agent>, start: string[]): string[] {
  const { framework_prompt_tokens: framework } = b.assumptions;
  let previousSync: string[] = start;
  const added: string[] = [];
  const pendingAsync: string[] = [];
  for (const [i, task] of tasks.entries()) {
    const id = b.uniqueId(task.name);
    const span = b.entrySpan(task.pointer);
    const agent = task.agent ? agents.get(task.agent) : undefined;
    if (task.agent && agents.size > 0 && !agent) {
      b.problem(task.agentSpan, `Task '${task.name}' runs on agent '${task.agent}', which agents.yaml does not define (agents: ${[...agents.keys()].join(', ')}).`, 'crewai', 'warning');
    }
    let model: string | null;
    const shared = task.agent ? undefined : sharedLlm(agents);
    if (agent && agent.llm !== undefined) model = b.model(agent.llm, task.agentSpan, id, 'agent llm');
    else if (shared !== undefined) {
      model = b.model(shared, task.agentSpan, id, 'agent llm');
      b.assume(id, `the task names no agent (crew.py assigns it): every agent of the crew uses ${asText(shared)}`);
    } else {
      model = CREWAI_DEFAULTS.llm.value;
      b.assume(id, task.agent || agents.size === 0
        ? `agent '${task.agent ?? '(none)'}' sets no llm: crewAI's default ${model} (${cite(CREWAI_DEFAULTS.llm)}), unless MODEL or OPENAI_MODEL_NAME is set in the environment`
        : `the task names no agent (crew.py assigns it) and the agents use different models: crewAI's default ${model} (${cite(CREWAI_DEFAULTS.llm)}); name the model under steps.'${id}' in ${b.source.settings.sidecarName}`);
    }
    // crewAI's agent loop runs until the model gives a final answer: without tools, one call;
    // with tools, a ReAct loop that max_iter only caps (crewAI 1.15.17, agents/crew_agent_executor.py).
    const tools = [...(agent?.tools ?? []), ...task.tools];
    const maxIter = agent?.maxIter ?? CREWAI_DEFAULTS.maxIter.value;
    const cappedBy = agent?.maxIter === undefined ? `crewAI's default max_iter ${maxIter} (${cite(CREWAI_DEFAULTS.maxIter)})` : `max_iter ${maxIter}`;
    const loop = tools.length > 0 ? b.agentLoop(id, maxIter, `a ReAct loop over ${tools.length} tool${tools.length > 1 ? 's' : ''} (${tools.slice(0, 3).join(', ')}${tools.length > 3 ? ', …' : ''}), capped by ${cappedBy}`) : null;
    if (!loop) b.assume(id, `no tools named for ${agent ? `agent '${agent.name}'` : 'this task'}: one call, its final answer; tools given in crew.py make it a loop (set turns under steps.'${id}' in ${b.source.settings.sidecarName})`);
    const contextIds = task.context.length ? task.context : i > 0 ? [tasks[i - 1].name] : [];
    const outputMid = (b.assumptions.output_tokens.min + b.assumptions.output_tokens.max) / 2;
    const promptTokens = b.promptTokens(`${agent?.text ?? ''}\n${task.text}`, 0, id) + framework + contextIds.length * outputMid;
    b.assumeDefault(id, "crewAI's own instructions per call", 'framework_prompt_tokens', `${framework} tokens`);
    if (contextIds.length) b.assume(id, `context from ${contextIds.map((c) => `'${c}'`).join(', ')}: ${outputMid} tokens each (the output assumption's midpoint)`);
    const after = [...new Set([...previousSync, ...task.context.filter((c) => added.includes(c) || tasks.some((t) => t.name === c))])]
      .map((a) => ({ id: a, span: task.context.includes(a) ? b.span(childPointer(childPointer(task.pointer, 'context'), task.context.indexOf(a))) : span }));
    if (model) {
      b.addStep({
        id, model, span, idSpan: b.keySpan(task.pointer), modelSpan: task.agentSpan, after,
        input: { min: 0, max: 0 }, promptTokens, output: b.output(agent?.maxTokens, id), outputCap: agent?.maxTokens, reasoning: agent?.reasoning,
        agent: loop, names: agent ? [agent.name, ...(agent.role ? [agent.role] : [])] : [],
      });
      added.push(id);
      if (agent?.plans) addPlanning(b, id, model, agent, promptTokens, span);
      if (task.async) {
        pendingAsync.push(id);
        b.assume(id, 'async_execution: runs beside the tasks after it');
      } else previousSync = [id];
    }
  }
  return [...new Set([...previousSync, ...pendingAsync])];
}

/** The llm every agent of the crew names, if they all name the same one. */
function sharedLlm(agents: Map<string, Agent>): unknown {
  const llms = [...agents.values()].map((a) => a.llm);
  if (llms.length === 0 || llms.some((l) => typeof l !== 'string')) return undefined;
  return llms.every((l) => l === llms[0]) ? llms[0] : undefined;
}

/**
 * `reasoning: true`: before its task the agent writes a plan and refines it until the planner says
 * it is ready, at most max_reasoning_attempts times (crewAI 1.15.17, agent/core.py; unbounded when
 * unset, so the agent_turns assumption applies). Counted as calls beside the task's.
 */
function addPlanning(b: WorkflowBuilder, task: string, model: string, agent: Agent, promptTokens: number, span: SourceSpan): void {
  const id = b.uniqueId(`${task} (planning)`);
  const step = b.addStep({
    id, model, span, input: { min: 0, max: 0 }, promptTokens, output: b.output(agent.maxTokens, id), outputCap: agent.maxTokens, reasoning: agent.reasoning,
    agent: b.repeatedCalls(id, agent.maxReasoningAttempts !== undefined ? { min: 1, max: agent.maxReasoningAttempts } : b.assumptions.agent_turns,
      `agent '${agent.name}' reasons before its task (reasoning: true)${agent.maxReasoningAttempts === undefined ? ', refining until ready (max_reasoning_attempts unset)' : ''}`),
  });
  const taskStep = b.workflow.steps.find((s) => s.id === task);
  if (step && taskStep) {
    // the plan comes first: it waits for what the task waited for, and the task waits for it
    [step.after, step.afterSpans] = [taskStep.after, taskStep.afterSpans];
    [taskStep.after, taskStep.afterSpans] = [[...taskStep.after, id], [...taskStep.afterSpans, span]];
  }
}

function crewName(file: string): string {
  const parts = file.split(/[\\/]/);
  const config = parts.lastIndexOf('config');
  return config > 0 ? parts[config - 1] : workflowNameFromFile(file);
}
