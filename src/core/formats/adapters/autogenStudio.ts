// AutoGen Studio component JSON: a team (or a gallery of teams) of agents, each with a
// `model_client`. Agents take turns until the team's termination condition; a cap on messages
// bounds the turns.
import type { Workflow } from '../../types';
import { asText, count, isObj, str, WorkflowBuilder, type Obj } from '../adapter';
import { readReasoning } from '../callSettings';
import { childPointer, parentPointer } from '../sourceMap';
import type { AdapterInput, FormatAdapter } from '../formatAdapter';

const isComponent = (v: unknown): boolean => isObj(v) && typeof v.provider === 'string' && typeof v.component_type === 'string' && isObj(v.config);

export const autogenStudio: FormatAdapter = {
  id: 'autogen-studio',
  claims: () => false,
  recognize(data) {
    if (isComponent(data)) return data.component_type === 'team' || data.component_type === 'agent' ? 'workflow' : { notWorkflow: `an AutoGen ${asText(data.component_type)} component, not a team or agent` };
    if (isObj(data.components) && (Array.isArray(data.components.teams) || Array.isArray(data.components.agents))) return 'workflow';
    return null;
  },
  read: readAutogen,
};

/** The largest `max_messages` in a termination condition (and/or combinations included). */
function maxMessages(v: unknown): number | undefined {
  if (!isObj(v)) return undefined;
  const config = isObj(v.config) ? v.config : {};
  const own = count(config.max_messages);
  const nested = (Array.isArray(config.conditions) ? config.conditions : []).map(maxMessages).filter((n): n is number => n !== undefined);
  return [own, ...nested].filter((n): n is number => n !== undefined).sort((a, b) => b - a)[0];
}

function readAutogen(input: AdapterInput): Workflow {
  const { data } = input;
  const b = new WorkflowBuilder(input, 'autogen-studio', str(data.label) ?? str(data.name) ?? 'AutoGen team');
  const teams: { team: Obj; pointer: string }[] = [];
  if (isComponent(data)) teams.push({ team: data, pointer: '' });
  else if (isObj(data.components)) {
    const list = Array.isArray(data.components.teams) && data.components.teams.length ? data.components.teams : [];
    list.forEach((t, i) => isComponent(t) && teams.push({ team: t as Obj, pointer: childPointer('/components/teams', i) }));
  }
  for (const { team, pointer } of teams) {
    const config = team.config as Obj;
    const agents = team.component_type === 'agent' ? [{ a: team, at: pointer }]
      : (Array.isArray(config.participants) ? config.participants : []).map((a, i) => ({ a, at: childPointer(childPointer(childPointer(pointer, 'config'), 'participants'), i) }))
        .filter((x): x is { a: Obj; at: string } => isComponent(x.a));
    const cap = maxMessages(config.termination_condition);
    const prefix = teams.length > 1 ? `${str(team.label) ?? 'team'} / ` : '';
    let previous: string | null = null;
    // A selector team asks its own model who speaks next, once per turn.
    const selector = isComponent(config.model_client) ? (config.model_client as Obj).config as Obj : null;
    if (selector) {
      const id = b.uniqueId(`${prefix}speaker selection`);
      const modelPointer = childPointer(childPointer(childPointer(childPointer(pointer, 'config'), 'model_client'), 'config'), 'model');
      const model = b.model(selector.model, b.span(modelPointer), id);
      const turns = cap !== undefined ? { min: 1, max: cap } : b.assumptions.agent_turns;
      const selectorCap = b.count(selector.max_tokens, childPointer(parentPointer(modelPointer), 'max_tokens'), 'tokens');
      if (model) {
        b.addStep({
          id, model, span: b.span(modelPointer), modelSpan: b.span(modelPointer),
          input: b.unknownInput(id, 'the conversation so far'), output: b.output(selectorCap, id), outputCap: selectorCap, reasoning: readReasoning(selector, 'the selector\'s model_client config'),
          agent: b.repeatedCalls(id, turns, 'one selection per turn'),
        });
        previous = id;
      }
    }
    for (const { a, at } of agents) {
      const ac = a.config as Obj;
      const name = b.uniqueId(`${prefix}${str(ac.name) ?? str(a.label) ?? 'agent'}`);
      const client = isComponent(ac.model_client) ? (ac.model_client as Obj).config as Obj : null;
      if (!client) {
        b.assume(name, `${str(a.label) ?? 'this agent'} has no model client (a user proxy or a code agent): not counted`);
        continue;
      }
      const modelPointer = childPointer(childPointer(childPointer(childPointer(at, 'config'), 'model_client'), 'config'), 'model');
      // A model client for Ollama (autogen_ext.models.ollama.OllamaChatCompletionClient) runs the model on your own hardware.
      const local = /ollama/i.test(asText((ac.model_client as Obj).provider)) && typeof client.model === 'string';
      const model = b.model(local ? `ollama/${client.model as string}` : client.model, b.span(modelPointer), name);
      if (!model) continue;
      const turns = cap !== undefined ? Math.max(1, Math.ceil(cap / Math.max(1, agents.length))) : undefined;
      const system = typeof ac.system_message === 'string' ? ac.system_message : '';
      const maxTokens = b.count(client.max_tokens, childPointer(parentPointer(modelPointer), 'max_tokens'), 'tokens');
      const output = b.output(maxTokens, name);
      // Every participant's context holds the whole transcript (autogen-agentchat 0.7.5,
      // _assistant_agent.py: an unbounded model context; group chat broadcasts each message):
      // between two of its turns, each other agent adds its message.
      const others = agents.length - 1;
      const growth = others > 0 ? { tokens: { min: others * output.min, max: others * output.max }, why: `the ${others} other agent${others > 1 ? 's\'' : '\'s'} messages, which every participant re-reads (autogen-agentchat 0.7.5)` } : undefined;
      b.addStep({
        id: name, model, span: b.span(at), modelSpan: b.span(modelPointer),
        input: system ? { min: 0, max: 0 } : b.unknownInput(name, 'no system message'),
        promptTokens: system ? b.promptTokens(system, 0, name) : 0,
        output, outputCap: maxTokens, reasoning: readReasoning(client, `${name}'s model_client config`),
        agent: b.loopUpTo(name, turns, cap !== undefined ? `its turns in a team capped at ${cap} messages` : 'its turns in a team that stops on a condition', growth),
        after: previous ? [{ id: previous, span: b.span(at) }] : [],
      });
      previous = name;
    }
  }
  if (teams.length > 1) b.assume(null, `a gallery of ${teams.length} teams: each is estimated as if it ran once, side by side`);
  return b.finish('No agent here has a model client.');
}
