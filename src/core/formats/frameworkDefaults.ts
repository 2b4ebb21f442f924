// What frameworks do when a file leaves a setting out, in one table: each value with the framework
// version and the source file it was read from (gathered in ../shared/data/framework-defaults.json,
// read 2026-11-30). Estimates name the version assumed, so a user on another version knows to check.

export interface FrameworkDefault<T> {
  value: T;
  /** The framework and version the value was read from. */
  version: string;
  /** The file (and constant) it was read from. */
  source: string;
}

const fact = <T>(value: T, version: string, source: string): FrameworkDefault<T> => ({ value, version, source });

/** "promptfoo 0.123.0 (src/providers/openai/defaults.ts, DEFAULT_OPENAI_MODEL)": how assumptions cite a default. */
export const cite = (d: FrameworkDefault<unknown>): string => `${d.version}, ${d.source}`;

const PROMPTFOO = 'promptfoo 0.123.0 (the newest version read)';
const CREWAI = 'crewAI 1.15.17';
const N8N = 'n8n (nodes read at commit 01526fc8)';

export const PROMPTFOO_DEFAULTS = {
  /** The grader of model-graded assertions with no provider set, with an OpenAI key (earlier: gpt-5.5-2026-04-23, gpt-4.1-2025-04-14). */
  grader: fact('openai:gpt-6-sol', PROMPTFOO, 'src/providers/openai/defaults.ts, DEFAULT_OPENAI_MODEL'),
  maxConcurrency: fact(4, PROMPTFOO, 'src/constants.ts, DEFAULT_MAX_CONCURRENCY'),
  redteamTestsPerPlugin: fact(5, PROMPTFOO, 'src/redteam/constants/plugins.ts, DEFAULT_NUM_TESTS_PER_PLUGIN'),
};

export const CREWAI_DEFAULTS = {
  /** When an agent sets no llm and the environment no MODEL (earlier: gpt-4o-mini, before 1.2.0). */
  llm: fact('gpt-4.1-mini', CREWAI, 'lib/crewai/src/crewai/constants.py, DEFAULT_LLM_MODEL'),
  maxIter: fact(25, CREWAI, 'lib/crewai/src/crewai/agents/agent_builder/base_agent.py, max_iter'),
};

/** A chat-model node's default model, by the node's typeVersion (the first entry whose `from` it reaches, newest first). */
type Versioned = { from: number; model: string }[];

const n8nNode = (file: string, models: Versioned): FrameworkDefault<Versioned> => fact(models, N8N, `packages/@n8n/nodes-langchain/nodes/llms/${file}`);

export const N8N_DEFAULTS = {
  models: {
    lmChatOpenAi: n8nNode('LMChatOpenAi/LmChatOpenAi.node.ts', [{ from: 0, model: 'gpt-5-mini' }]),
    openAi: n8nNode('LMChatOpenAi/LmChatOpenAi.node.ts', [{ from: 0, model: 'gpt-5-mini' }]),
    lmOpenAi: n8nNode('LMOpenAi/LmOpenAi.node.ts', [{ from: 0, model: 'gpt-3.5-turbo-instruct' }]),
    lmChatAnthropic: n8nNode('LMChatAnthropic/LmChatAnthropic.node.ts', [
      { from: 1.3, model: 'claude-sonnet-4-5-20250929' }, { from: 1.2, model: 'claude-3-5-sonnet-20240620' },
      { from: 1.1, model: 'claude-3-sonnet-20240229' }, { from: 0, model: 'claude-2' },
    ]),
    lmChatGoogleGemini: n8nNode('LmChatGoogleGemini/LmChatGoogleGemini.node.ts', [{ from: 0, model: 'gemini-2.5-flash' }]),
    lmChatGoogleVertex: n8nNode('LmChatGoogleVertex/LmChatGoogleVertex.node.ts', [{ from: 0, model: 'gemini-1.5-flash' }]),
    lmChatMistralCloud: n8nNode('LmChatMistralCloud/LmChatMistralCloud.node.ts', [{ from: 0, model: 'mistral-small' }]),
    lmChatGroq: n8nNode('LmChatGroq/LmChatGroq.node.ts', [{ from: 0, model: 'llama3-8b-8192' }]),
    lmChatOllama: n8nNode('LMOllama/description.ts', [{ from: 0, model: 'ollama/llama3.2' }]),
    lmChatOpenRouter: n8nNode('LmChatOpenRouter/LmChatOpenRouter.node.ts', [{ from: 0, model: 'openai/gpt-4.1-mini' }]),
    lmChatDeepSeek: n8nNode('LmChatDeepSeek/LmChatDeepSeek.node.ts', [{ from: 0, model: 'deepseek-chat' }]),
    lmChatXAiGrok: n8nNode('LmChatXAiGrok/LmChatXAiGrok.node.ts', [{ from: 0, model: 'grok-2-vision-1212' }]),
  } as Record<string, FrameworkDefault<Versioned>>,
  maxIterations: fact(10, N8N, 'packages/@n8n/nodes-langchain/nodes/agents/Agent/agents/ToolsAgent/options.ts, maxIterations'),
};

/** The default model of an n8n chat-model node at its typeVersion, or undefined for a node without one. */
export function n8nDefaultModel(kind: string, typeVersion: number): { model: string; cited: string } | undefined {
  const d = Object.hasOwn(N8N_DEFAULTS.models, kind) ? N8N_DEFAULTS.models[kind] : undefined;
  const hit = d?.value.find((v) => typeVersion >= v.from);
  return d && hit ? { model: hit.model, cited: cite(d) } : undefined;
}
