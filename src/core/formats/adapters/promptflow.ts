// Azure Prompt Flow: `flow.dag.yaml` (nodes whose `type: llm` calls a model, edges from
// `${node.output}` references) and `flow.flex.yaml` (code entry points; a model only where
// the sample's init config names one).
import type { Workflow } from '../../types';
import { asText, count, isObj, nearestSteps, str, WorkflowBuilder, type Obj } from '../adapter';
import { readReasoning } from '../callSettings';
import { workflowNameFromFile } from '../fileNames';
import { childPointer } from '../sourceMap';
import { CLAIMED_NAMES } from '../fileNames';
import type { AdapterInput, FormatAdapter } from '../formatAdapter';

const MODEL_NODE_TYPES = new Set(['llm', 'custom_llm']);

export const promptflow: FormatAdapter = {
  id: 'promptflow',
  claims: (path) => CLAIMED_NAMES.promptflow.test(path),
  recognize(data, path) {
    if (Array.isArray(data.nodes) && (isObj(data.inputs) || isObj(data.outputs) || /flow\.dag\.ya?ml$/i.test(path)) && data.nodes.some((n) => isObj(n) && typeof n.name === 'string' && ('type' in n || 'use_variants' in n))) return 'workflow';
    if (typeof data.entry === 'string' && /flow\.flex\.ya?ml$/i.test(path)) return 'workflow';
    return null;
  },
  read: (input) => (Array.isArray(input.data.nodes) ? readDag(input) : readFlex(input)),
};

function flowName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts.length > 1 ? parts[parts.length - 2] : workflowNameFromFile(file);
}

/** `${node.output}` and `${node.output.x}` references in a value, by node name. */
function references(v: unknown, out: Set<string>): void {
  if (typeof v === 'string') for (const m of v.matchAll(/\$\{([\w-]+)\.output\b/g)) out.add(m[1]);
  else if (Array.isArray(v)) v.forEach((x) => references(x, out));
  else if (isObj(v)) Object.values(v).forEach((x) => references(x, out));
}

/** The model a Python node is given as an input (its code calls it), if any. */
function codeModel(node: Obj): string | undefined {
  const inputs = isObj(node.inputs) ? node.inputs : {};
  for (const key of ['deployment_name', 'model_or_deployment_name', 'model', 'model_name']) {
    const v = str(inputs[key]);
    if (v && !v.startsWith('${')) return v;
  }
  return undefined;
}

/**
 * A flow whose Python code calls a model named in the flow's inputs (chat-with-pdf's
 * `config.default.CHAT_MODEL_DEPLOYMENT_NAME`): one call a run, as a stated lower bound.
 */
function flowConfigModel(b: WorkflowBuilder, data: Obj): void {
  const inputs = isObj(data.inputs) ? data.inputs : {};
  for (const [name, spec] of Object.entries(inputs)) {
    const defaults = isObj(spec) && isObj(spec.default) ? spec.default : null;
    if (!defaults) continue;
    const key = Object.keys(defaults).find((k) => /CHAT.*(MODEL|DEPLOYMENT)|(MODEL|DEPLOYMENT).*NAME/i.test(k) && !/EMBED/i.test(k) && typeof defaults[k] === 'string');
    if (!key) continue;
    const pointer = childPointer(childPointer(childPointer('/inputs', name), 'default'), key);
    const id = `${name}.${key}`;
    const model = b.model(defaults[key], b.span(pointer), id, 'deployment');
    if (!model) return;
    const cap = count(Object.entries(defaults).find(([k]) => /MAX.*(COMPLETION|OUTPUT).*TOKENS/i.test(k))?.[1]);
    b.assume(id, `the flow's Python nodes call ${asText(defaults[key])}, named in its inputs: counted as one call a run (a lower bound; the code decides)`);
    b.addStep({ id, model, span: b.span(pointer), modelSpan: b.span(pointer), input: b.unknownInput(id, 'the prompt is built in code'), output: b.output(cap, id) });
    return;
  }
}

function readDag(input: AdapterInput): Workflow {
  const b = new WorkflowBuilder(input, 'promptflow', flowName(input.file));
  const variants = isObj(input.data.node_variants) ? input.data.node_variants : {};
  const nodes = (input.data.nodes as unknown[]).map((raw, i) => ({ raw, pointer: childPointer('/nodes', i) }))
    .filter((n): n is { raw: Obj; pointer: string } => isObj(n.raw) && typeof n.raw.name === 'string')
    .map((n) => {
      const name = n.raw.name as string;
      if (n.raw.use_variants !== true) return { name, node: n.raw, pointer: n.pointer, nodePointer: n.pointer };
      // One variant runs: the default one.
      const v = isObj(variants[name]) ? variants[name] as Obj : {};
      const all = isObj(v.variants) ? v.variants : {};
      const chosen = str(v.default_variant_id) ?? Object.keys(all)[0];
      const variant = chosen && isObj(all[chosen]) && isObj((all[chosen] as Obj).node) ? (all[chosen] as Obj).node as Obj : {};
      b.assume(name, `variants: the default, '${chosen ?? 'none'}', of ${Object.keys(all).length} runs`);
      return { name, node: variant, pointer: n.pointer, nodePointer: childPointer(childPointer(childPointer(childPointer('/node_variants', name), 'variants'), chosen ?? ''), 'node') };
    });
  const preds = new Map<string, string[]>();
  for (const n of nodes) {
    const refs = new Set<string>();
    references(n.node.inputs, refs);
    references(n.node.activate, refs);
    preds.set(n.name, [...refs]);
  }
  const isModelNode = (node: Obj) => (MODEL_NODE_TYPES.has(asText(node.type)) && (node.type === 'llm' || isObj(node.inputs) && ('deployment_name' in node.inputs || 'model' in node.inputs)))
    || (node.type === 'python' && codeModel(node) !== undefined);
  const modelNodes = new Set(nodes.filter((n) => isModelNode(n.node)).map((n) => n.name));
  for (const n of nodes) {
    if (!modelNodes.has(n.name)) {
      if (n.node.type === 'python' && isObj(n.node.inputs) && 'connection' in n.node.inputs) {
        b.assume(n.name, 'a Python node with a connection may call a model in its code: not counted');
      }
      continue;
    }
    const inputs = isObj(n.node.inputs) ? n.node.inputs : {};
    const inputsPointer = childPointer(n.nodePointer, 'inputs');
    if (n.node.type === 'python') b.assume(n.name, 'a Python node given a model: counted as one call to it');
    const deployment = str(inputs.deployment_name) ?? codeModel(n.node);
    // With both, promptflow-tools sends `model` to OpenAI and `deployment_name` to Azure: the
    // connection decides. Whichever the price data knows is priced, `model` first.
    const named = str(inputs.model);
    const raw = deployment && deployment in b.source.settings.deployments ? deployment : named && !/\$\{/.test(named) ? named : deployment ?? named;
    const fallbacks = [named, deployment].filter((x): x is string => x !== undefined && x !== raw);
    const modelKey = raw === str(inputs.model) && inputs.model ? 'model' : Object.keys(inputs).find((k) => inputs[k] === raw) ?? 'deployment_name';
    const modelPointer = childPointer(inputsPointer, modelKey);
    const model = b.model(raw ?? '', b.span(modelPointer), n.name, 'deployment');
    if (!model) continue;
    const source = isObj(n.node.source) ? n.node.source : {};
    const path = str(source.path);
    let promptTokens = 0;
    let input = { min: 0, max: 0 };
    const templateFile = path && /\.(jinja2?|j2|txt|md)$/i.test(path) ? b.source.read(path) : { error: 'no template file' };
    const variables = Object.entries(inputs).filter(([k, v]) => !['deployment_name', 'model', 'max_tokens', 'temperature', 'top_p', 'stop', 'response_format', 'presence_penalty', 'frequency_penalty', 'logit_bias', 'user', 'suffix', 'echo', 'logprobs', 'best_of', 'n', 'stream', 'seed', 'tools', 'tool_choice', 'detail'].includes(k) && typeof v === 'string').length;
    if ('text' in templateFile) promptTokens = b.promptTokens(templateFile.text.replace(/\{\{[^}]*\}\}/g, ''), variables, n.name);
    else input = b.unknownInput(n.name, path ? `the prompt template ${path} cannot be read: ${templateFile.error}` : 'the node has no prompt template');
    if (n.node.activate) b.assume(n.name, 'runs only when its activate condition holds: counted as always running (an upper bound)');
    if (n.node.aggregation === true) b.assume(n.name, 'an aggregation node: runs once per batch, counted once per run');
    const cap = b.count(inputs.max_tokens, childPointer(inputsPointer, 'max_tokens'), 'tokens') ?? b.count(inputs.max_completion_tokens, childPointer(inputsPointer, 'max_completion_tokens'), 'tokens');
    // promptflow-tools' embedding tool returns a vector: no tokens out
    const embedding = /embedding/i.test(asText(source.tool)) || /embed/i.test(model);
    if (embedding) b.assume(n.name, 'an embedding call: no output tokens');
    b.addStep({
      id: n.name, model, span: b.span(n.pointer), idSpan: b.span(childPointer(n.pointer, 'name')), modelSpan: b.span(modelPointer),
      input, promptTokens, output: embedding ? { min: 0, max: 0 } : b.output(cap, n.name), outputCap: embedding ? undefined : cap,
      reasoning: embedding ? null : readReasoning(inputs, `'${n.name}' inputs`), modelFallbacks: fallbacks,
      after: nearestSteps(n.name, preds, (x) => modelNodes.has(x)).map((id) => ({ id, span: b.span(childPointer(n.nodePointer, 'inputs')) })),
    });
  }
  if (b.workflow.steps.length === 0) flowConfigModel(b, input.data);
  return b.finish("No node of this flow calls a model directly (type: llm): its model calls, if any, are in Python code, which is not read. Describe them in an agentflow file to estimate them.", b.span('/nodes'));
}

function readFlex(input: AdapterInput): Workflow {
  const b = new WorkflowBuilder(input, 'promptflow', flowName(input.file));
  const sample = isObj(input.data.sample) ? input.data.sample : {};
  const init = isObj(sample.init) ? sample.init : {};
  const config = isObj(init.model_config) ? init.model_config : {};
  const raw = str(config.azure_deployment) ?? str(config.model);
  const id = asText(input.data.entry);
  if (!raw) {
    b.problem(b.span('/entry'), `This flex flow names no model: it is set in code (${id}) or in its .prompty file. Estimate the .prompty file, or name the model in the sample's init.model_config.`, 'no-model');
    return b.workflow;
  }
  const pointer = str(config.azure_deployment) ? '/sample/init/model_config/azure_deployment' : '/sample/init/model_config/model';
  const model = b.model(raw, b.span(pointer), id, 'deployment');
  if (!model) return b.workflow;
  const cap = b.count(init.max_total_token, '/sample/init/max_total_token', 'tokens');
  b.addStep({
    id, model, span: b.span('/entry'), modelSpan: b.span(pointer),
    input: b.unknownInput(id, 'the prompt is built in code'), output: b.output(cap, id),
  });
  return b.workflow;
}
