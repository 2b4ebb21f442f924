// n8n workflow exports. A chat-model node (lmChatOpenAi, ...) is attached to the chain or agent
// that calls it by an `ai_languageModel` connection; that caller is the step. Agents loop up to
// `maxIterations`; `main` connections order the nodes.
import type { Workflow } from '../../types';
import { asText, breakCycles, isObj, markBranches, nearestSteps, str, WorkflowBuilder, type BranchingNode, type Obj } from '../adapter';
import { readReasoning } from '../callSettings';
import { cite, N8N_DEFAULTS, n8nDefaultModel } from '../frameworkDefaults';
import { childPointer } from '../sourceMap';
import type { AdapterInput, FormatAdapter } from '../formatAdapter';

const CAP_KEYS = ['maxTokens', 'maxTokensToSample', 'maxOutputTokens', 'max_tokens'];

const nodeKind = (type: string): string => type.replace(/^.*\./, '');
const isChatModel = (type: string) => /^lm(Chat)?[A-Z]/.test(nodeKind(type));
/** Nodes that call OpenAI themselves, with no model node attached. */
const isDirectCall = (type: string) => /(^|\.)openAi$/.test(type);

export const n8n: FormatAdapter = {
  id: 'n8n',
  claims: () => false,
  recognize(data) {
    if (!Array.isArray(data.nodes) || !isObj(data.connections)) return null;
    if (!data.nodes.every((n) => isObj(n) && typeof n.type === 'string')) return null;
    const models = data.nodes.some((n) => isObj(n) && (isChatModel(asText(n.type)) || isDirectCall(asText(n.type))));
    return models ? 'workflow' : { notWorkflow: 'an n8n workflow with no model node' };
  },
  read: readN8n,
};

function modelParam(p: Obj): unknown {
  const m = p.model ?? p.modelId ?? p.modelName;
  return isObj(m) ? m.value : m;
}

function promptText(p: Obj): string {
  const parts: string[] = [];
  const visit = (v: unknown, key: string) => {
    if (typeof v === 'string' && /text|prompt|message|content|systemMessage|systemPromptTemplate/i.test(key)) parts.push(v.replace(/^=/, ''));
    else if (Array.isArray(v)) v.forEach((x) => visit(x, key));
    else if (isObj(v)) for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  visit(p, '');
  return parts.join('\n');
}

function readN8n(input: AdapterInput): Workflow {
  const { data } = input;
  const b = new WorkflowBuilder(input, 'n8n', str(data.name) ?? 'n8n workflow');
  if (str(data.name)) b.workflow.nameSpan = b.span('/name');
  const nodes = (data.nodes as Obj[]).map((n, i) => ({ n, pointer: childPointer('/nodes', i), name: asText(n.name) || `node ${i + 1}` }));
  const byName = new Map(nodes.map((x) => [x.name, x]));
  const preds = new Map<string, string[]>();
  const next = new Map<string, string[]>();
  /** By node: the targets of each of its `main` outputs, in order. */
  const outputs = new Map<string, string[][]>();
  const modelFor = new Map<string, string>(); // caller node → model node
  const toolsOf = new Map<string, number>(); // agent node → tools attached to it
  for (const [source, links] of Object.entries(data.connections as Obj)) {
    if (!isObj(links)) continue;
    for (const [kind, lists] of Object.entries(links)) {
      (Array.isArray(lists) ? lists : []).forEach((list, output) => {
        for (const link of Array.isArray(list) ? list : []) {
          if (!isObj(link) || typeof link.node !== 'string') continue;
          if (kind === 'main') {
            preds.set(link.node, [...(preds.get(link.node) ?? []), source]);
            next.set(source, [...(next.get(source) ?? []), link.node]);
            const ways = outputs.get(source) ?? [];
            (ways[output] ??= []).push(link.node);
            outputs.set(source, ways);
          }
          else if (kind === 'ai_languageModel' && !modelFor.has(link.node)) modelFor.set(link.node, source);
          else if (kind === 'ai_tool') toolsOf.set(link.node, (toolsOf.get(link.node) ?? 0) + 1);
        }
      });
    }
  }
  const callers = nodes.filter((x) => modelFor.has(x.name) || isDirectCall(asText(x.n.type)));
  // First each caller's model, so that a caller left out (no model) is passed through by the edges.
  const priced = callers.flatMap((caller) => {
    const modelNode = byName.get(modelFor.get(caller.name) ?? '') ?? caller;
    const params = isObj(modelNode.n.parameters) ? modelNode.n.parameters : {};
    const kind = nodeKind(asText(modelNode.n.type));
    let raw = modelParam(params);
    const modelPointer = childPointer(modelNode.pointer, 'parameters');
    const typeVersion = typeof modelNode.n.typeVersion === 'number' ? modelNode.n.typeVersion : 1;
    const byDefault = raw === undefined ? n8nDefaultModel(kind, typeVersion) : undefined;
    if (byDefault) {
      raw = byDefault.model;
      b.assume(caller.name, `'${modelNode.name}' leaves its model at the default of its node (${kind}, version ${typeVersion}): ${raw} (${byDefault.cited})`);
    }
    const model = b.model(raw, b.span(modelPointer), caller.name);
    return model ? [{ caller, modelNode, params, modelPointer, model }] : [];
  });
  const stepNames = new Set(priced.map((x) => x.caller.name));
  for (const { caller, modelNode, params, modelPointer, model } of priced) {
    const options = isObj(params.options) ? params.options : {};
    const callerParams = isObj(caller.n.parameters) ? caller.n.parameters : {};
    const text = promptText(callerParams);
    const variables = (text.match(/\{\{[^}]*\}\}/g) ?? []).length;
    const optionsPointer = childPointer(modelPointer, 'options');
    const cap = CAP_KEYS.map((k) => b.count(options[k], childPointer(optionsPointer, k), 'tokens')).find((v) => v !== undefined);
    const isAgent = /\.agent$/.test(asText(caller.n.type));
    if (/outputParserAutofixing$/.test(asText(caller.n.type))) b.assume(caller.name, 'an auto-fixing output parser calls its model only when parsing fails: counted as one call (an upper bound)');
    const callerOptions = isObj(callerParams.options) ? callerParams.options : {};
    const tools = toolsOf.get(caller.name) ?? 0;
    // An agent loops only to call tools: without one attached (ai_tool), it answers in one call.
    if (isAgent && tools === 0) b.assume(caller.name, 'an AI Agent with no tool attached: one call');
    const maxIterations = b.count(callerOptions.maxIterations, childPointer(childPointer(childPointer(caller.pointer, 'parameters'), 'options'), 'maxIterations'), 'turns') ?? N8N_DEFAULTS.maxIterations.value;
    b.addStep({
      id: caller.name, model, span: b.span(caller.pointer), idSpan: b.span(childPointer(caller.pointer, 'name')), modelSpan: b.span(modelPointer),
      input: text.trim() ? { min: 0, max: 0 } : b.unknownInput(caller.name, 'the node has no prompt text'),
      promptTokens: text.trim() ? b.promptTokens(text.replace(/\{\{[^}]*\}\}/g, ''), variables, caller.name) : 0,
      output: b.output(cap, caller.name), outputCap: cap, reasoning: readReasoning(options, `'${modelNode.name}' options`),
      agent: isAgent && tools > 0
        ? b.agentLoop(caller.name, maxIterations, `an agent with ${tools} tool${tools > 1 ? 's' : ''}, capped by maxIterations${callerOptions.maxIterations === undefined ? ` (n8n's default: ${cite(N8N_DEFAULTS.maxIterations)})` : ''}`)
        : null,
      after: nearestSteps(caller.name, preds, (x) => stepNames.has(x) && x !== caller.name).map((id) => ({ id, span: b.span(caller.pointer) })),
    });
  }
  breakCycles(b, 'a workflow that loops back');
  markBranches(b, branchingNodes(nodes, outputs), next, new Map([...stepNames].map((name) => [name, name])));
  return b.finish('No node of this n8n workflow calls a model through a chat-model node.', b.span('/nodes'));
}

/**
 * Nodes that send each item one way: an If (true or false), a Switch (one output per rule, and the
 * fallback where it has its own), a Text Classifier (one per category, and "other"). A run of one
 * item takes one of them; an output with no link still counts as a way.
 */
function branchingNodes(nodes: { n: Obj; name: string }[], outputs: Map<string, string[][]>): BranchingNode[] {
  const found: BranchingNode[] = [];
  for (const { n, name } of nodes) {
    const kind = nodeKind(asText(n.type));
    const p = isObj(n.parameters) ? n.parameters : {};
    const options = isObj(p.options) ? p.options : {};
    const declared = declaredWays(kind, p, options);
    if (declared === null) continue;
    const linked = outputs.get(name) ?? [];
    const ways = Array.from({ length: Math.min(64, Math.max(declared, linked.length)) }, (_, i) => linked[i] ?? []);
    found.push({ group: name, ways });
  }
  return found;
}

/** The ways a branching node declares, whether or not a link leaves them; null for a node that does not branch. */
function declaredWays(kind: string, p: Obj, options: Obj): number | null {
  if (kind === 'if') return 2;
  if (kind === 'switch') {
    const rules = isObj(p.rules) && Array.isArray(p.rules.values) ? p.rules.values.length : Array.isArray(p.rules) ? p.rules.length : 0;
    const outputsParam = typeof p.numberOutputs === 'number' ? p.numberOutputs : 0;
    return Math.max(rules + (options.fallbackOutput === 'extra' ? 1 : 0), outputsParam);
  }
  if (kind === 'textClassifier') {
    const categories = isObj(p.categories) && Array.isArray(p.categories.categories) ? p.categories.categories.length : 0;
    return categories + (options.fallback === 'other' ? 1 : 0);
  }
  return null;
}
