// Prompty files: YAML front matter between `---` lines, then the prompt body. Both schemas:
// classic (`model.api` + `model.configuration` + `model.parameters`) and v2 (`model.id` +
// `model.options`). One file is one call; `tools` make it a tool-calling loop.
import { parse as parseJsonc } from 'jsonc-parser';
import type { Workflow } from '../../types';
import {
  isObj, renderTemplate, str, WorkflowBuilder, type Obj,
} from '../adapter';
import { readReasoning } from '../callSettings';
import type { CompanionReader, FormatSettings } from '../formatAdapter';
import { workflowNameFromFile } from '../fileNames';
import { parseSourceText } from '../parseSource';

/** The front matter's end: the first line that is `---` after the opening one. */
function splitFrontMatter(text: string): { front: string; body: string } {
  const open = /^\s*---[ \t]*\r?\n/.exec(text);
  if (!open) return { front: '', body: text };
  const close = /^---[ \t]*$/m.exec(text.slice(open[0].length));
  if (!close) return { front: '', body: text };
  const end = open[0].length + close.index;
  // The opening marker is blanked, not cut, so offsets (and lines) match the file's.
  return { front: open[0].slice(0, -1).replace(/[^\r\n]/g, ' ') + text.slice(open[0].length - 1, end), body: text.slice(end + close[0].length) };
}

export function readPrompty(file: string, text: string, settings: FormatSettings, read: CompanionReader): Workflow {
  const { front, body } = splitFrontMatter(text);
  const source = parseSourceText(file, front, 'yaml', { duplicateKeys: true });
  const data: Obj = isObj(source.value) ? source.value : {};
  const name = str(data.name) ?? workflowNameFromFile(file).replace(/\.prompty$/i, '');
  const b = new WorkflowBuilder({ file, text, data, map: source.map, settings, read }, 'prompty', name);
  b.workflow.problems.push(...source.problems);
  if (source.problems.length) return b.workflow;
  if (str(data.name)) b.workflow.nameSpan = b.span('/name');

  const model = isObj(data.model) ? data.model : {};
  let configuration = isObj(model.configuration) ? model.configuration : {};
  const ref = typeof model.configuration === 'string' ? /^\$\{file:(.+)\}$/.exec(model.configuration) : null;
  if (ref) {
    const companion = read(ref[1]);
    const parsed = 'text' in companion ? parseJsonc(companion.text) as unknown : undefined;
    if (isObj(parsed)) configuration = parsed;
    else b.problem(b.span('/model/configuration'), `${ref[1]} cannot be read (${'error' in companion ? companion.error : 'not a JSON object'}), so the model it configures is unknown.`, 'unresolved-reference', 'warning');
  }
  const parameters = isObj(model.parameters) ? model.parameters : {};
  const options = isObj(model.options) ? model.options : {};
  const id = name;
  const [modelName, modelPointer] = typeof data.model === 'string'
    ? [data.model, '/model']
    : str(model.id) ? [model.id, '/model/id']
      : str(configuration.azure_deployment) ? [configuration.azure_deployment, '/model/configuration/azure_deployment']
        : str(configuration.model) ? [configuration.model, '/model/configuration/model']
          : str(configuration.name) ? [configuration.name, '/model/configuration/name']
            : [undefined, '/model'];
  const span = b.span(modelPointer);
  const resolved = b.model(modelName, span, id);
  if (!resolved) return b.workflow;

  const api = str(model.api) ?? str(model.apiType) ?? 'chat';
  const vars: Obj = {};
  if (isObj(data.inputs)) {
    for (const [k, v] of Object.entries(data.inputs)) {
      if (isObj(v) && (v.default !== undefined || v.sample !== undefined)) vars[k] = v.sample ?? v.default;
      else if (!isObj(v) && v !== null) vars[k] = v;
    }
  }
  if (isObj(data.sample)) Object.assign(vars, data.sample);
  const rendered = renderTemplate(body, vars);
  const promptTokens = b.promptTokens(rendered.text, rendered.unset, id);
  const embedding = api === 'embedding';
  const cap = b.count(parameters.max_tokens, '/model/parameters/max_tokens', 'tokens') ?? b.count(parameters.max_completion_tokens, '/model/parameters/max_completion_tokens', 'tokens')
    ?? b.count(options.maxOutputTokens, '/model/options/maxOutputTokens', 'tokens') ?? b.count(options.max_tokens, '/model/options/max_tokens', 'tokens');
  const output = embedding ? { min: 0, max: 0 } : b.output(cap, id);
  if (embedding) b.assume(id, 'an embedding call: no output tokens');
  const tools = Array.isArray(data.tools) ? data.tools : Array.isArray(parameters.tools) ? parameters.tools : [];
  b.addStep({
    id, model: resolved, span: b.span(''), idSpan: b.workflow.nameSpan, modelSpan: span,
    input: { min: 0, max: 0 }, promptTokens, output, outputCap: embedding ? undefined : cap,
    reasoning: embedding ? null : readReasoning(parameters, 'model.parameters') ?? readReasoning(options, 'model.options'),
    agent: tools.length ? b.agentLoop(id, undefined, `${tools.length} tool${tools.length > 1 ? 's' : ''}: a tool-calling loop`) : null,
  });
  return b.workflow;
}
