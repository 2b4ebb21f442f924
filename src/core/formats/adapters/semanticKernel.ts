// Semantic Kernel prompt functions (YAML with `template` and `execution_settings`, or a plugin's
// `config.json` beside its `skprompt.txt`) and declarative agents (`type: …agent`, `model.id`).
import type { Workflow } from '../../types';
import { asText, isObj, str, templateVariables, WorkflowBuilder, type Obj } from '../adapter';
import { readReasoning, readServiceTier } from '../callSettings';
import { workflowNameFromFile } from '../fileNames';
import { childPointer } from '../sourceMap';
import type { AdapterInput, FormatAdapter } from '../formatAdapter';

/** Service ids that are not model names. */
const SERVICE_IDS = /^(default|service\d*|azure.*|openai.*|chat.*)$/i;

export const semanticKernel: FormatAdapter = {
  id: 'semantic-kernel',
  claims: () => false,
  recognize(data) {
    if (typeof data.template === 'string' && ('execution_settings' in data || 'input_variables' in data || 'template_format' in data)) return 'workflow';
    if (isObj(data.execution_settings) && ('schema' in data || 'description' in data)) return 'workflow';
    if (typeof data.type === 'string' && /agent|assistant/i.test(data.type) && isObj(data.model)) return 'workflow';
    // The older plugin format (schema 1): `completion` settings beside skprompt.txt
    if (data.schema === 1 && data.type === 'completion' && isObj(data.completion)) return 'workflow';
    return null;
  },
  read: readSemanticKernel,
};

function readSemanticKernel(input: AdapterInput): Workflow {
  const { data } = input;
  // A plugin's config.json is named by its folder (WriterPlugin/Brainstorm/config.json is Brainstorm).
  const parts = input.file.split(/[\\/]/);
  const id = str(data.name) ?? (/^config\.json$/i.test(parts[parts.length - 1]) && parts.length > 1 ? parts[parts.length - 2] : workflowNameFromFile(input.file).replace(/\.(json|ya?ml)$/i, ''));
  const b = new WorkflowBuilder(input, 'semantic-kernel', id);
  if (str(data.name)) b.workflow.nameSpan = b.span('/name');
  let template = typeof data.template === 'string' ? data.template : typeof data.instructions === 'string' ? data.instructions : '';
  const schemaOne = data.schema === 1 && isObj(data.completion);
  if (!template && (isObj(data.execution_settings) || schemaOne)) {
    const prompt = input.read('skprompt.txt');
    if ('text' in prompt) template = prompt.text;
  }
  // The model: `model.id` (agents), an entry's `model_id` (or `ai_model_id`), or an entry keyed by a model name.
  const settings = isObj(data.execution_settings) ? data.execution_settings : {};
  let modelName: unknown;
  let modelPointer = '/execution_settings';
  let entry: Obj = {};
  let entryPointer = '/execution_settings';
  for (const [key, value] of Object.entries(settings)) {
    if (!isObj(value)) continue;
    const named = value.model_id ?? value.ai_model_id;
    if (typeof named === 'string' || !SERVICE_IDS.test(key)) {
      modelName = typeof named === 'string' ? named : key;
      modelPointer = childPointer(childPointer('/execution_settings', key), typeof named === 'string' ? (value.model_id !== undefined ? 'model_id' : 'ai_model_id') : '');
      if (typeof named !== 'string') modelPointer = childPointer('/execution_settings', key);
      entry = value;
      entryPointer = childPointer('/execution_settings', key);
      break;
    }
    if (!Object.keys(entry).length) {
      entry = value;
      entryPointer = childPointer('/execution_settings', key);
    }
  }
  if (schemaOne) {
    // schema 1 names its model, if at all, in default_services (older: default_backends); its
    // settings are `completion` (Semantic Kernel's PromptTemplateConfig, schema 1)
    const services = [data.default_services, data.default_backends].find(Array.isArray) as unknown[] | undefined;
    const key = data.default_services !== undefined ? 'default_services' : 'default_backends';
    modelName = services?.find((x) => typeof x === 'string');
    modelPointer = modelName === undefined ? '/completion' : childPointer(`/${key}`, (services as unknown[]).indexOf(modelName));
    entry = data.completion as Obj;
    entryPointer = '/completion';
  }
  const model = isObj(data.model) ? data.model : null;
  if (model) {
    modelName = model.id;
    modelPointer = '/model/id';
    entry = isObj(model.options) ? model.options : {};
    entryPointer = '/model/options';
  }
  const named = Object.entries(settings).filter(([key, v]) => isObj(v) && (typeof v.model_id === 'string' || typeof v.ai_model_id === 'string' || !SERVICE_IDS.test(key)));
  if (named.length > 1 && !model) b.assume(id, `execution settings for ${named.length} models: estimated on the first, ${asText(modelName)}`);
  const resolved = b.model(modelName, b.span(modelPointer), id);
  if (!resolved) return b.workflow;
  const choice = isObj(entry.function_choice_behavior) ? entry.function_choice_behavior : null;
  const tools = Array.isArray(data.tools) && data.tools.length > 0;
  const agent = choice || tools
    ? b.agentLoop(id, b.count(choice?.maximum_auto_invoke_attempts, `${entryPointer}/function_choice_behavior/maximum_auto_invoke_attempts`, 'turns'), 'functions the model may call: a tool loop')
    : null;
  const cap = b.count(entry.max_tokens, `${entryPointer}/max_tokens`, 'tokens') ?? b.count(entry.max_completion_tokens, `${entryPointer}/max_completion_tokens`, 'tokens');
  b.addStep({
    id, model: resolved, span: b.span(''), idSpan: b.workflow.nameSpan, modelSpan: b.span(modelPointer),
    input: template ? { min: 0, max: 0 } : b.unknownInput(id, 'no template text'),
    promptTokens: template ? b.promptTokens(template.replace(/\{\{[^}]*\}\}/g, ''), templateVariables(template).length, id) : 0,
    output: b.output(cap, id), outputCap: cap, agent,
    reasoning: readReasoning(entry, entryPointer.slice(1).replace(/\//g, '.')), serviceTier: readServiceTier(entry),
  });
  return b.workflow;
}
