// promptfoo eval configs. An eval is a flat matrix, run once per test case (after expanding
// array-valued vars), per prompt a provider is allowed, per provider, times `repeat`; model-graded
// assertions add one grader call per output (promptfoo's src/evaluator.ts).
import { parse as parseYaml } from 'yaml';
import { countTokens } from '../../tokens';
import type { SourceSpan } from '../../types';
import {
  asText, count, isObj, renderTemplate, str, WorkflowBuilder, type Obj,
} from '../adapter';
import { LIMITS } from '../../limits';
import { describeRange } from '../assumptions';
import { readCacheTtl, readReasoning, readServiceTier } from '../callSettings';
import { cite, PROMPTFOO_DEFAULTS } from '../frameworkDefaults';
import { childPointer } from '../sourceMap';
import { CLAIMED_NAMES } from '../fileNames';
import type { AdapterInput, FormatAdapter } from '../formatAdapter';

/** Assertion types that call a model to grade an output. */
const MODEL_GRADED = new Set([
  'llm-rubric', 'factuality', 'model-graded-closedqa', 'model-graded-factuality', 'g-eval', 'answer-relevance',
  'context-faithfulness', 'context-recall', 'context-relevance', 'select-best', 'search-rubric', 'conversation-relevance',
]);
/** promptfoo's grader when none is set and an OpenAI key is present. */
const DEFAULT_GRADER = PROMPTFOO_DEFAULTS.grader.value;
/**
 * Grading calls per output of the assertion types that make more than one (promptfoo's matchers:
 * g-eval writes its evaluation steps, then scores; answer-relevance asks for three candidate questions).
 */
const GRADER_CALLS: Record<string, number> = { 'g-eval': 2, 'answer-relevance': 3, similar: 2 };
/** promptfoo's embedding model for `similar` with an OpenAI key (src/providers/openai/defaults.ts). */
const DEFAULT_EMBEDDING = 'openai:embedding:text-embedding-3-large';
/** Renders sampled to measure a provider's prompt sizes; beyond this, more renders change little. */
const MAX_RENDERS = 200;
/** Provider ids that name no model, and what they call instead. */
const NO_MODEL_PROVIDERS: [RegExp, string][] = [
  [/^(https?:|https?$|webhook:|websocket:|wss?:)/i, 'an HTTP endpoint'],
  [/^(python:|exec:|golang:|ruby:|package:|file:\/\/.*\.(py|js|ts|mjs|cjs|go|rb)\b)/i, 'your own code'],
  [/^(bedrock-agent:|bedrock:agents?:|(azure|openai):assistant:)|application-inference-profile\//i, 'an agent, assistant or profile whose model is configured on the service'],
  [/^(echo|browser|sequence|manual-input|mcp|simulated-user)$/i, 'no model'],
];

/** promptfoo's extensions of prompt files (src/prompts/constants.ts, VALID_FILE_EXTENSIONS, and the processors' .md, .j2, .csv). */
const PROMPT_FILE = /\.(cjs|cts|js|json|jsonl|mjs|mts|py|ts|txt|yml|yaml|md|j2|csv)(:\w+)?$/i;

/**
 * Whether promptfoo reads a prompt string as a file path (promptfoo 0.123.0, src/prompts/utils.ts,
 * maybeFilePath): one line, and file://, a known extension, a dot near the end, or a / \\ or *.
 */
export function isFilePath(text: string): boolean {
  if (text.includes('\n') || /^(portkey|langfuse|helicone):\/\//.test(text)) return false;
  if (text.startsWith('file://')) return true;
  const t = text.trim();
  // a sentence with a slash in it is prose; a path has no spaces around its parts
  if (/\s/.test(t)) return false;
  const dot = t.lastIndexOf('.');
  return PROMPT_FILE.test(t) || (dot > 0 && dot >= t.length - 4 && dot <= t.length - 3) || /[*/\\]/.test(t);
}

const PROMPTFOO_VERSION = 'promptfoo 0.123.0';
/** Providers that run an agent loop on a model their config names. */
const AGENT_SDK = /^(anthropic:claude-agent-sdk|anthropic:claude-code|openai:agents(:|$)|openai:codex-sdk)/i;
/** promptfoo's red-team model when redteam.provider is not set (src/redteam/constants, REDTEAM_MODEL). */
const REDTEAM_MODEL = 'openai:chat:gpt-5.5-2026-04-23';

/**
 * Target calls a red-team strategy makes per test case (promptfoo 0.123.0, src/redteam/providers/*):
 * iterative strategies run up to their rounds (counted in full, an upper bound: a round that
 * succeeds ends the attack early).
 */
function strategyRounds(id: string, config: Obj): { calls: number; iterative: boolean; why: string } {
  const n = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 1 ? Math.min(Math.floor(v), LIMITS.turns) : fallback);
  switch (id) {
    case 'jailbreak': return { calls: n(config.numIterations, 4), iterative: true, why: 'up to 4 iterations, iterative.ts' };
    case 'jailbreak:tree': return { calls: n(config.maxAttempts, 250), iterative: true, why: 'up to 250 attempts, iterativeTree.ts' };
    case 'crescendo': return { calls: n(config.maxRounds ?? config.maxTurns, 10), iterative: true, why: 'up to 10 rounds, crescendo/index.ts' };
    case 'goat': return { calls: n(config.maxTurns, 5), iterative: true, why: 'up to 5 turns' };
    case 'jailbreak:hydra': return { calls: n(config.maxTurns, 10), iterative: true, why: 'up to 10 turns' };
    case 'jailbreak:meta': return { calls: n(config.numIterations, 10), iterative: true, why: 'up to 10 iterations' };
    case 'jailbreak:composite': return { calls: n(config.n, 5), iterative: false, why: '5 variations' };
    default: return { calls: 1, iterative: false, why: 'one transformed prompt' };
  }
}

function noModelReason(id: string): string | undefined {
  return NO_MODEL_PROVIDERS.find(([pattern]) => pattern.test(id))?.[1];
}
/** Keys under which providers put their output cap. */
const CAP_KEYS = ['max_tokens', 'maxTokens', 'max_output_tokens', 'max_completion_tokens', 'max_new_tokens', 'maxOutputTokens', 'max_gen_len', 'num_predict'];

interface Prompt {
  label: string;
  /** Its text, or null where it is in a file that cannot be read or is code. */
  text: string | null;
}

interface Provider {
  id: string;
  label: string;
  config: Obj;
  prompts: string[] | null;
  pointer: string;
}

interface TestCase {
  vars: Obj;
  /** Identical cases this stands for (the rows of a file that is counted, not read row by row). */
  count: number;
  /** Runs after expanding array vars. */
  expansions: number;
  graded: { type: string; provider: unknown; pointer: string }[];
}

export const promptfoo: FormatAdapter = {
  id: 'promptfoo',
  claims: (path) => CLAIMED_NAMES.promptfoo.test(path),
  recognize(data) {
    if (('providers' in data || 'targets' in data) && ('prompts' in data || 'tests' in data || 'redteam' in data)) return 'workflow';
    if (typeof data.id === 'string' && /^[\w-]+:/.test(data.id) && isObj(data.config) && Object.keys(data).every((k) => ['id', 'label', 'config', 'prompts', 'transform', 'delay'].includes(k))) {
      return { notWorkflow: `a promptfoo provider file (${data.id}): it is estimated with the promptfooconfig that names it` };
    }
    return null;
  },
  read: (input) => new PromptfooReader(input).read(),
};

class PromptfooReader {
  private readonly b: WorkflowBuilder;
  private readonly data: Obj;
  /** Attacker calls of the red team's iterative strategies, on its provider, per run. */
  private attacker: { calls: number; provider: string } | null = null;

  constructor(private readonly input: AdapterInput) {
    this.data = input.data;
    this.b = new WorkflowBuilder(input, 'promptfoo', str(input.data.description) ?? 'promptfoo eval');
    if (str(input.data.description)) this.b.workflow.nameSpan = this.b.span('/description');
  }

  read() {
    const { b, data } = this;
    const prompts = this.prompts();
    const providers = this.providers();
    const tests = this.tests();
    const options = isObj(data.evaluateOptions) ? data.evaluateOptions : {};
    const repeat = b.count(options.repeat, '/evaluateOptions/repeat', 'calls') ?? 1;
    const concurrency = b.count(options.maxConcurrency, '/evaluateOptions/maxConcurrency', 'calls') ?? PROMPTFOO_DEFAULTS.maxConcurrency.value;
    const cases = tests.reduce((sum, t) => sum + t.count, 0);
    b.assume(null, `${cases} test case${cases === 1 ? '' : 's'}${repeat > 1 ? `, repeated ${repeat} times` : ''}; at most ${concurrency} calls at once (evaluateOptions.maxConcurrency${options.maxConcurrency === undefined ? `, promptfoo's default: ${cite(PROMPTFOO_DEFAULTS.maxConcurrency)}` : ''})`);
    const runsPerTest = tests.reduce((sum, t) => sum + t.count * t.expansions, 0);
    const outputs: string[] = [];
    let totalOutputs = 0;
    for (const p of providers) {
      const allowed = p.prompts ? prompts.filter((x) => p.prompts?.includes(x.label)) : prompts;
      if (p.prompts && allowed.length === 0) {
        b.problem(b.span(childPointer(p.pointer, 'prompts')), `Provider '${p.label}' is limited to prompts (${p.prompts.join(', ')}) that none of the prompts' labels match, so it runs nothing.`, 'promptfoo', 'warning');
        continue;
      }
      const span = b.span(p.pointer);
      // Its outputs are graded whether or not its own model is known.
      totalOutputs += runsPerTest * allowed.length * repeat;
      // An HTTP provider that calls an OpenAI-style endpoint names its model in the request body.
      const body = isObj(p.config.body) ? p.config.body : {};
      const bodyModel = /^https?\b/i.test(p.id) ? str(body.model) : undefined;
      const reason = bodyModel ? undefined : noModelReason(p.id);
      if (reason && !b.mapped(p.id, p.label)) {
        b.problem(span, `Provider '${p.label}' calls ${reason} (${p.id}), which names no model here: its calls are not estimated. Name its model under 'deployments:' in ${b.source.settings.sidecarName} to include them.`, 'no-model', 'warning');
        continue;
      }
      const id = b.uniqueId(p.label);
      if (bodyModel) b.assume(id, `an HTTP endpoint whose request body names the model ${bodyModel}`);
      // An agent SDK provider (anthropic:claude-agent-sdk, openai:agents, openai:codex-sdk) runs its
      // config.model in a tool loop that config.max_turns caps (promptfoo's src/providers/*-agent*).
      const agentSdk = AGENT_SDK.test(p.id);
      const sdkModel = agentSdk ? str(p.config.model) : undefined;
      if (agentSdk && !sdkModel) b.assume(id, `${p.id} runs its SDK's default model, which the file does not name`);
      const model = b.model(bodyModel ?? sdkModel ?? this.modelName(p.id), span, id, 'provider model', [p.id, p.label]);
      if (!model) continue;
      const calls = runsPerTest * allowed.length * repeat;
      const input = this.inputRange(id, allowed, tests);
      const cap = this.cap(p.config);
      const maxTurns = agentSdk ? b.count(p.config.max_turns ?? p.config.maxTurns, childPointer(childPointer(p.pointer, 'config'), 'max_turns'), 'turns') : undefined;
      b.addStep({
        id, model, span, modelSpan: span, input, output: b.output(cap, id), outputCap: cap, repeat: calls, concurrency,
        reasoning: readReasoning(p.config, `${p.label}'s config`), serviceTier: readServiceTier(p.config), cacheTtl: readCacheTtl(p.config),
        agent: agentSdk ? b.agentLoop(id, maxTurns, `an agent SDK's tool loop (${p.id})`) : null,
      });
      b.assume(id, `${calls} calls = ${runsPerTest} test runs × ${allowed.length} prompt${allowed.length === 1 ? '' : 's'}${repeat > 1 ? ` × ${repeat} repeats` : ''}`);
      outputs.push(id);
    }
    this.graders(tests, outputs, totalOutputs / Math.max(1, runsPerTest), concurrency);
    this.attackerStep(outputs, totalOutputs / Math.max(1, runsPerTest), concurrency);
    return b.finish(`No provider of this promptfoo config names a model (they are HTTP endpoints, code, agents or assistants), so there is nothing to price. Name the model each one calls under 'deployments:' in ${b.source.settings.sidecarName}.`, b.span(this.providersKey()));
  }

  private providersKey(): string {
    return 'providers' in this.data ? '/providers' : '/targets';
  }

  /**
   * `openai:chat:gpt-4.1-mini` → `gpt-4.1-mini`; Azure and Bedrock ids keep their deployment or model part.
   * A local runtime stays named (`ollama:chat:llama3.3` → `ollama/llama3.3`): the catalog prices its weights hosted, and says so.
   */
  private modelName(id: string): string {
    const local = /^(ollama|localai|llama|vllm|jan|lmstudio)(?::(?:chat|completion|embeddings?))*:(.+)$/i.exec(id);
    if (local) return `${local[1].toLowerCase() === 'llama' ? 'llama.cpp' : local[1].toLowerCase()}/${local[2]}`;
    return id.replace(/^(openai|azure|azureopenai|anthropic|bedrock|vertex|google|mistral|groq|openrouter|deepseek|xai|togetherai|fireworks|perplexity|cohere|huggingface|litellm|cloudflare-ai|databricks|sagemaker|hyperbolic|cometapi|helicone|adaline|watsonx|replicate|portkey|voyage|ai21|alibaba|cerebras)(:(chat|completion|messages|responses|text|embedding|embeddings|assistant|realtime|image|inference-profile|live|gateway))*:/i, '');
  }

  private cap(config: Obj): number | undefined {
    for (const key of CAP_KEYS) if (count(config[key]) !== undefined) return count(config[key]);
    for (const nested of ['generationConfig', 'generation_config', 'parameters', 'options', 'inferenceConfig']) {
      const inner = config[nested];
      if (isObj(inner)) for (const key of CAP_KEYS) if (count(inner[key]) !== undefined) return count(inner[key]);
    }
    return undefined;
  }

  private prompts(): Prompt[] {
    const raw = this.data.prompts;
    if (raw === undefined) return [{ label: 'the test\'s own prompt', text: null }];
    const list = Array.isArray(raw) ? raw : isObj(raw) ? Object.entries(raw).map(([id, label]) => ({ id, label })) : [raw];
    const out: Prompt[] = [];
    list.forEach((item, i) => {
      const pointer = Array.isArray(raw) ? childPointer('/prompts', i) : '/prompts';
      if (typeof item === 'string') out.push(...this.promptSource(item, item, pointer));
      else if (isObj(item)) {
        const ref = str(item.raw) ?? str(item.id) ?? str(item.file) ?? '';
        const label = str(item.label) ?? str(item.id) ?? ref;
        out.push(...this.promptSource(ref, label, pointer));
      }
    });
    return out.length ? out : [{ label: 'prompt', text: null }];
  }

  /** One inline prompt, or the prompts of a file (separated by `---` lines). */
  private promptSource(ref: string, label: string, pointer: string): Prompt[] {
    if (!isFilePath(ref)) return [{ label, text: ref }];
    const path = ref.replace(/^file:\/\//, '').replace(/:[\w]+$/, '');
    if (!ref.startsWith('file://')) this.b.assume(null, `'${ref.slice(0, 80)}' is a path, as promptfoo reads it (src/prompts/utils.ts, maybeFilePath): its file's text is the prompt`);
    if (/\.(py|js|ts|mjs|cjs)$/i.test(path) || /[*?]/.test(path)) {
      this.b.problem(this.b.span(pointer), `Prompt ${ref} is code or a glob: its text is not known before it runs; its input tokens are assumed.`, 'promptfoo', 'info');
      return [{ label, text: null }];
    }
    const file = this.input.read(path);
    if ('error' in file) {
      this.b.problem(this.b.span(pointer), `Prompt file ${path} cannot be read (${file.error}): it counts as one prompt of assumed size.`, 'unresolved-reference', 'warning');
      return [{ label, text: null }];
    }
    const parts = /\.txt$|\.md$|\.j2$|\.jinja2?$|\.nunjucks$/i.test(path) ? file.text.split(/^---$/m).filter((p) => p.trim()) : [file.text];
    return parts.map((text) => ({ label, text }));
  }

  private providers(): Provider[] {
    const key = this.providersKey();
    const raw = this.data[key.slice(1)];
    const list = Array.isArray(raw) ? raw : [raw];
    const out: Provider[] = [];
    list.forEach((item, i) => {
      const pointer = Array.isArray(raw) ? childPointer(key, i) : key;
      let entry: unknown = item;
      if (typeof item === 'string' && item.startsWith('file://') && /\.(ya?ml|json)$/i.test(item)) {
        const path = item.slice('file://'.length);
        const file = this.input.read(path);
        if ('error' in file) {
          this.b.problem(this.b.span(pointer), `Provider file ${path} cannot be read (${file.error}), so its model is unknown.`, 'unresolved-reference');
          return;
        }
        try {
          entry = parseYaml(file.text, { maxAliasCount: 100, logLevel: 'error' });
        } catch (e) {
          this.b.problem(this.b.span(pointer), `Provider file ${path} does not parse: ${(e as Error).message.split('\n')[0]}`, 'unresolved-reference');
          return;
        }
      }
      for (const p of [entry].flat()) {
        if (typeof p === 'string') out.push({ id: p, label: p, config: {}, prompts: null, pointer });
        else if (isObj(p) && typeof p.id === 'string') {
          // `provider:` names the implementation where `id` is only a name for it.
          out.push({ id: str(p.provider) ?? p.id, label: str(p.label) ?? p.id, config: isObj(p.config) ? p.config : {}, prompts: stringList(p.prompts), pointer });
        } else if (isObj(p) && Object.keys(p).length === 1) {
          // The map form: `- openai:gpt-4.1: { config: ... }`
          const [id, body] = Object.entries(p)[0];
          const o = isObj(body) ? body : {};
          out.push({ id, label: str(o.label) ?? id, config: isObj(o.config) ? o.config : {}, prompts: stringList(o.prompts), pointer });
        }
      }
    });
    return out;
  }

  private defaultTest(): Obj {
    const d = this.data.defaultTest;
    if (typeof d === 'string') {
      this.b.assume(null, `defaultTest is in ${d}: its vars and assertions are not counted`);
      return {};
    }
    return isObj(d) ? d : {};
  }

  private tests(): TestCase[] {
    const defaults = this.defaultTest();
    const defaultVars = isObj(defaults.vars) ? defaults.vars : {};
    const defaultAsserts = Array.isArray(defaults.assert) ? defaults.assert : [];
    const defaultGrader = isObj(defaults.options) ? defaults.options.provider : undefined;
    const out: TestCase[] = [];
    const add = (t: Obj, pointer: string, count = 1) => {
      const vars = { ...defaultVars, ...(isObj(t.vars) ? t.vars : {}) };
      const options = isObj(t.options) ? t.options : {};
      const disable = options.disableVarExpansion === true;
      const expansions = disable ? 1 : Object.values(vars).reduce<number>((n, v) => n * (Array.isArray(v) && typeof v[0] === 'string' ? v.length : 1), 1);
      const graded: TestCase['graded'] = [];
      const asserts = [...defaultAsserts.map((a, k) => [a, childPointer('/defaultTest/assert', k)] as const),
        ...(Array.isArray(t.assert) ? t.assert.map((a, k) => [a, childPointer(childPointer(pointer, 'assert'), k)] as const) : [])];
      const visit = (a: unknown, at: string) => {
        if (!isObj(a)) return;
        if (a.type === 'assert-set' && Array.isArray(a.assert)) a.assert.forEach((x, k) => visit(x, childPointer(childPointer(at, 'assert'), k)));
        else if (a.type === 'similar' || a.type === 'not-similar') {
          // the output and the expected value are embedded (promptfoo's matchers: the embedding provider)
          const embedding = isObj(options.provider) && options.provider.embedding !== undefined ? options.provider.embedding : undefined;
          graded.push({ type: 'similar', provider: a.provider ?? embedding ?? DEFAULT_EMBEDDING, pointer: at });
        } else if (typeof a.type === 'string' && MODEL_GRADED.has(a.type.replace(/^not-/, ''))) {
          graded.push({ type: a.type, provider: a.provider ?? options.provider ?? defaultGrader, pointer: at });
        }
      };
      for (const [a, at] of asserts) visit(a, at);
      out.push({ vars, count, expansions, graded });
    };
    const readList = (raw: unknown, pointer: string) => {
      if (Array.isArray(raw)) {
        raw.forEach((t, i) => {
          if (isObj(t)) add(t, childPointer(pointer, i));
          else if (typeof t === 'string') this.testFile(t, childPointer(pointer, i)).forEach((x) => add(x.test, childPointer(pointer, i), x.count));
        });
      } else if (typeof raw === 'string') this.testFile(raw, pointer).forEach((x) => add(x.test, pointer, x.count));
    };
    readList(this.data.tests, '/tests');
    if (Array.isArray(this.data.scenarios)) {
      this.data.scenarios.forEach((s, i) => {
        if (!isObj(s)) return;
        const configs = Array.isArray(s.config) ? s.config.filter(isObj) : [{}];
        const before = out.length;
        readList(s.tests, childPointer(childPointer('/scenarios', i), 'tests'));
        const scenarioTests = out.splice(before);
        for (const c of configs) {
          for (const t of scenarioTests) out.push({ ...t, vars: { ...(isObj(c.vars) ? c.vars : {}), ...t.vars } });
        }
      });
    }
    if (out.length === 0 && isObj(this.data.redteam)) return this.redteamTests(this.data.redteam, defaultGrader);
    if (out.length === 0) add({}, '/tests');
    return out;
  }

  /** Rows of a test file, as cases with a count: counted where it can be read, assumed otherwise. */
  private testFile(ref: string, pointer: string): { test: Obj; count: number }[] {
    const { b } = this;
    const rows = (n: number) => (n > 0 ? [{ test: {}, count: n }] : []);
    const assumed = (why: string) => {
      b.assumeDefault(null, `test cases in ${ref} (${why})`, 'test_cases', String(b.assumptions.test_cases));
      return rows(b.assumptions.test_cases);
    };
    const limit = /[?&]limit=(\d+)/.exec(ref);
    if (/^huggingface:\/\//i.test(ref)) return limit ? rows(Math.min(Number(limit[1]), LIMITS.testCases)) : assumed('a dataset without a limit');
    // A test reference is a file with or without file:// (promptfoo's src/util/testCaseReader.ts)
    if (/^[a-z][\w+.-]*:\/\//i.test(ref) && !ref.startsWith('file://')) return assumed('a remote source');
    const path = ref.replace(/^file:\/\//, '').replace(/:[\w]+$/, '');
    if (/[*?]/.test(path) || /\.(py|js|ts)$/i.test(path)) return assumed('a glob or code');
    const file = this.input.read(path);
    if ('error' in file) {
      b.problem(b.span(pointer), `Test file ${path} cannot be read (${file.error}); its test cases are assumed.`, 'unresolved-reference', 'warning');
      return assumed('not readable');
    }
    if (/\.csv$/i.test(path)) return rows(Math.max(0, file.text.split(/\r?\n/).filter((l) => l.trim()).length - 1));
    if (/\.jsonl$/i.test(path)) return rows(file.text.split(/\r?\n/).filter((l) => l.trim()).length);
    try {
      const list = parseYaml(file.text, { maxAliasCount: 100, logLevel: 'error' }) as unknown;
      if (Array.isArray(list)) return list.map((r) => ({ test: isObj(r) ? r : {}, count: 1 }));
    } catch {
      // falls through to the assumption
    }
    return assumed('not a list of test cases');
  }

  /**
   * A red team's test cases (promptfoo 0.123.0, src/redteam): numTests per plugin (5 by default,
   * or its own); the plugin's cases themselves unless the `basic` strategy is disabled; each other
   * strategy's transformed copy of every case, in as many target calls as it makes: one for a
   * single-turn strategy, up to its rounds for an iterative one (each round also calls the
   * attacker and a judge, the judge counted as the case's grading).
   */
  private redteamTests(redteam: Obj, grader: unknown): TestCase[] {
    const { b } = this;
    const plugins = Array.isArray(redteam.plugins) ? redteam.plugins : [];
    const perPlugin = b.count(redteam.numTests, '/redteam/numTests', 'testCases') ?? PROMPTFOO_DEFAULTS.redteamTestsPerPlugin.value;
    let generated = 0;
    plugins.forEach((p, i) => {
      generated += (isObj(p) ? b.count(p.numTests, childPointer(childPointer('/redteam/plugins', i), 'numTests'), 'testCases') : undefined) ?? perPlugin;
    });
    if (generated === 0) generated = perPlugin;
    const strategies = (Array.isArray(redteam.strategies) ? redteam.strategies : []).map((st) => ({
      id: typeof st === 'string' ? st : isObj(st) ? asText(st.id) : '',
      config: isObj(st) && isObj(st.config) ? st.config : {},
    })).filter((st) => st.id);
    const basic = strategies.find((st) => st.id === 'basic');
    const keepsOriginals = !basic || basic.config.enabled !== false;
    const graded = [{ type: 'redteam', provider: grader, pointer: '/redteam' }];
    const out: TestCase[] = [];
    const parts: string[] = [];
    if (keepsOriginals) {
      out.push({ vars: {}, count: generated, expansions: 1, graded });
      parts.push(`${generated} plugin cases`);
    }
    let attackerCalls = 0;
    for (const st of strategies.filter((x) => x.id !== 'basic')) {
      const rounds = strategyRounds(st.id, st.config);
      out.push({ vars: {}, count: generated * rounds.calls, expansions: 1, graded });
      if (rounds.iterative) attackerCalls += generated * rounds.calls;
      parts.push(`${st.id}: ${generated} × ${rounds.calls} (${rounds.why})`);
    }
    b.assume(null, `red team: ${generated} generated cases (${plugins.length} plugins × ${perPlugin}${redteam.numTests === undefined ? `, promptfoo's default: ${cite(PROMPTFOO_DEFAULTS.redteamTestsPerPlugin)}` : ''}); target calls: ${parts.join('; ')}; every target call graded once; generating the cases is not counted`);
    if (attackerCalls > 0) this.attacker = { calls: attackerCalls, provider: str(isObj(redteam.provider) ? redteam.provider.id : redteam.provider) ?? REDTEAM_MODEL };
    return out.length ? out : [{ vars: {}, count: generated, expansions: 1, graded }];
  }

  /** The attacker's calls of iterative red-team strategies, one per round, on the red team's provider. */
  private attackerStep(outputs: string[], perRun: number, concurrency: number): void {
    const { b } = this;
    if (!this.attacker || outputs.length === 0 || perRun <= 0) return;
    const id = b.uniqueId(`red-team attacker ${this.attacker.provider}`);
    const span = b.span('/redteam');
    const model = b.model(this.modelName(this.attacker.provider), span, id, 'red-team provider');
    if (!model) return;
    if (this.attacker.provider === REDTEAM_MODEL) b.assume(id, `the red team's attacker: promptfoo's REDTEAM_MODEL, ${REDTEAM_MODEL} (${PROMPTFOO_VERSION}, src/redteam/constants), when redteam.provider is not set and generation is local`);
    // every provider and prompt is attacked: the rounds per case times the outputs per test run
    const calls = Math.round(this.attacker.calls * perRun);
    b.addStep({
      id, model, span, modelSpan: span, repeat: calls, concurrency,
      input: b.unknownInput(id, 'the attack so far'), output: b.output(undefined, id),
      after: [],
    });
    b.assume(id, `${calls} attacker calls: one per round of the iterative strategies`);
  }

  /** Input tokens per call to a provider: the range of its rendered prompts over the test cases. */
  private inputRange(step: string, prompts: Prompt[], tests: TestCase[]) {
    const { b } = this;
    let min = Infinity;
    let max = 0;
    let renders = 0;
    let unknown = false;
    let unset = 0;
    for (const p of prompts) {
      if (p.text === null) {
        unknown = true;
        continue;
      }
      for (const t of tests.slice(0, Math.max(1, Math.floor(MAX_RENDERS / prompts.length)))) {
        const vars = Object.fromEntries(Object.entries(t.vars).map(([k, v]) => [k, Array.isArray(v) && typeof v[0] === 'string' ? v[0] : v]));
        const rendered = renderTemplate(p.text, vars);
        const filesInVars = Object.values(vars).filter((v) => typeof v === 'string' && v.startsWith('file://')).length;
        const tokens = countTokens(rendered.text) + (rendered.unset + filesInVars) * b.assumptions.variable_tokens;
        unset += rendered.unset + filesInVars;
        min = Math.min(min, tokens);
        max = Math.max(max, tokens);
        renders++;
      }
    }
    if (renders > 0) {
      b.assume(step, `input tokens per call: ${describeRange({ min, max })}, from ${renders} rendered prompt${renders === 1 ? '' : 's'} counted with o200k_base (an approximation for other tokenizers)`);
      if (unset > 0) b.assumeDefault(step, 'each template variable without a value in the test', 'variable_tokens', `${b.assumptions.variable_tokens} tokens`);
    }
    if (!unknown) return { min, max };
    const assumed = b.unknownInput(step, 'the prompt is in a file or code that cannot be read');
    return renders > 0 ? { min: Math.min(min, assumed.min), max: Math.max(max, assumed.max) } : assumed;
  }

  /** Grader calls, one step per grader model. */
  private graders(tests: TestCase[], outputs: string[], outputsPerRun: number, concurrency: number): void {
    const { b } = this;
    if (outputsPerRun === 0) return;
    const byGrader = new Map<string, { calls: number; span: SourceSpan; types: Set<string> }>();
    for (const t of tests) {
      for (const g of t.graded) {
        const id = graderId(g.provider);
        const entry = byGrader.get(id) ?? { calls: 0, span: b.span(g.pointer), types: new Set<string>() };
        entry.calls += t.count * t.expansions * outputsPerRun * (Object.hasOwn(GRADER_CALLS, g.type) ? GRADER_CALLS[g.type] : 1);
        entry.types.add(g.type);
        byGrader.set(id, entry);
      }
    }
    for (const [grader, { calls, span, types }] of byGrader) {
      const id = b.uniqueId(`grader ${grader}`);
      const model = b.model(this.modelName(grader), span, id, 'grader model');
      if (grader === DEFAULT_GRADER) b.assume(id, `model-graded assertions without a provider use promptfoo's default grader, ${DEFAULT_GRADER} with an OpenAI key (${cite(PROMPTFOO_DEFAULTS.grader)}); another key picks another grader`);
      if (!model) continue;
      const embeds = types.size === 1 && types.has('similar');
      const input = embeds ? b.assumptions.output_tokens : { min: b.assumptions.grader_input_tokens, max: b.assumptions.grader_input_tokens };
      const output = embeds ? { min: 0, max: 0 } : { min: b.assumptions.grader_output_tokens, max: b.assumptions.grader_output_tokens };
      if (embeds) b.assumeDefault(id, 'tokens embedded per call (an output, or the value it is compared with)', 'output_tokens', describeRange(input));
      else {
        b.assumeDefault(id, 'input tokens per grading call', 'grader_input_tokens', String(input.min));
        b.assumeDefault(id, 'output tokens per grading call', 'grader_output_tokens', String(output.min));
      }
      const multi = [...types].filter((t) => Object.hasOwn(GRADER_CALLS, t)).map((t) => `${GRADER_CALLS[t]} for ${t}`);
      b.assume(id, `${Math.round(calls)} ${embeds ? 'embedding' : 'grading'} calls (${[...types].join(', ')}): one per output per model-graded assertion${multi.length ? `, ${multi.join(', ')}` : ''}`);
      b.addStep({
        id, model, span, modelSpan: span, input, output, repeat: Math.round(calls), concurrency,
        after: outputs.map((o) => ({ id: o, span })),
      });
    }
  }
}

function stringList(v: unknown): string[] | null {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null;
}

function graderId(provider: unknown): string {
  if (typeof provider === 'string') return provider;
  if (isObj(provider)) {
    if (typeof provider.id === 'string') return provider.id;
    if (isObj(provider.text) && typeof provider.text.id === 'string') return provider.text.id;
  }
  return DEFAULT_GRADER;
}
