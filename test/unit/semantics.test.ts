// Real files read the way their frameworks run them (issue 11): small files written the way such
// files are written in the wild, each figure checked by hand against what the framework does.
import assert from 'node:assert/strict';
import { estimateWorkflow } from '../../src/core/estimate/estimate';
import type { CompanionReader } from '../../src/core/formats/formatAdapter';
import { readWorkflow, type ReadOptions } from '../../src/core/formats/workflowFile';
import { countTokens } from '../../src/core/tokens';
import type { Estimate, Workflow } from '../../src/core/types';
import { close, testCatalog } from './helpers';

function folder(files: Record<string, string>): CompanionReader {
  return (relative) => (Object.hasOwn(files, relative) ? { file: `w/${relative}`, text: files[relative] } : { error: 'no such file' });
}

function workflow(file: string, text: string, options: ReadOptions = {}): Workflow {
  const r = readWorkflow(file, text, options);
  assert.equal(r.kind, 'workflow', r.kind === 'not-workflow' ? r.reason : '');
  return (r as { workflow: Workflow }).workflow;
}

const estimate = (w: Workflow): Estimate => estimateWorkflow(w, { catalog: testCatalog() });
const stepOf = (w: Workflow, id: string) => {
  const s = w.steps.find((x) => x.id === id);
  assert.ok(s, `${id} in ${w.steps.map((x) => x.id).join(', ')}`);
  return s;
};

/** An n8n export: nodes by name and type, `main` links and `ai_*` attachments. */
function n8n(nodes: { name: string; type: string; parameters?: object; typeVersion?: number }[], main: [string, string][], ai: [string, string, string][]): string {
  const connections: Record<string, Record<string, { node: string; type: string; index: number }[][]>> = {};
  const link = (from: string, to: string, kind: string) => {
    connections[from] ??= {};
    (connections[from][kind] ??= [[]])[0].push({ node: to, type: kind, index: 0 });
  };
  for (const [from, to] of main) link(from, to, 'main');
  for (const [from, to, kind] of ai) link(from, to, kind);
  return JSON.stringify({
    name: 'Support triage',
    nodes: nodes.map((n, i) => ({ id: String(i), name: n.name, type: n.type, typeVersion: n.typeVersion ?? 1, position: [i * 200, 0], parameters: n.parameters ?? {} })),
    connections,
  }, null, 2);
}

describe('n8n as n8n runs it', () => {
  const nodes = [
    { name: 'Webhook', type: 'n8n-nodes-base.webhook' },
    { name: 'Classify', type: '@n8n/n8n-nodes-langchain.chainLlm', parameters: { text: 'Classify this ticket: {{ $json.body }}' } },
    { name: 'OpenRouter', type: '@n8n/n8n-nodes-langchain.lmChatOpenRouter' },
    { name: 'Answer', type: '@n8n/n8n-nodes-langchain.agent', parameters: { text: 'Answer the customer: {{ $json.text }}' } },
    { name: 'GPT', type: '@n8n/n8n-nodes-langchain.lmChatOpenAi', parameters: { model: { __rl: true, value: 'gpt-4.1-mini', mode: 'list' } } },
  ];

  it('gives an agent with no tool one call, and one with tools a loop capped by maxIterations', () => {
    const text = n8n(nodes, [['Webhook', 'Classify'], ['Classify', 'Answer']], [['OpenRouter', 'Classify', 'ai_languageModel'], ['GPT', 'Answer', 'ai_languageModel']]);
    const w = workflow('triage.json', text);
    assert.equal(stepOf(w, 'Answer').agent, null, 'no ai_tool attached: one call');
    const withTool = workflow('triage.json', n8n([...nodes, { name: 'Search', type: '@n8n/n8n-nodes-langchain.toolSerpApi' }],
      [['Webhook', 'Classify'], ['Classify', 'Answer']], [['OpenRouter', 'Classify', 'ai_languageModel'], ['GPT', 'Answer', 'ai_languageModel'], ['Search', 'Answer', 'ai_tool']]));
    assert.deepEqual(stepOf(withTool, 'Answer').agent?.turns, { min: 2, max: 8 }, "agent_turns, within n8n's maxIterations of 10");
  });

  it("prices a chat-model node left at its default model, the node's default at its version", () => {
    const w = workflow('triage.json', n8n(nodes, [['Webhook', 'Classify'], ['Classify', 'Answer']], [['OpenRouter', 'Classify', 'ai_languageModel'], ['GPT', 'Answer', 'ai_languageModel']]));
    assert.equal(stepOf(w, 'Classify').model, 'openai/gpt-4.1-mini', "lmChatOpenRouter's default");
    assert.ok(w.assumptions.some((a) => /default of its node \(lmChatOpenRouter, version 1\): openai\/gpt-4\.1-mini \(n8n/.test(a.message)));
    const anthropic = workflow('a.json', n8n([{ name: 'Chain', type: '@n8n/n8n-nodes-langchain.chainLlm', parameters: { text: 'Hi' } }, { name: 'Claude', type: '@n8n/n8n-nodes-langchain.lmChatAnthropic', typeVersion: 1.3 }], [], [['Claude', 'Chain', 'ai_languageModel']]));
    assert.equal(stepOf(anthropic, 'Chain').model, 'claude-sonnet-4-5-20250929', 'lmChatAnthropic 1.3');
  });

  it('keeps the order of the steps around one that cannot be priced', () => {
    const text = n8n([...nodes, { name: 'Draft', type: '@n8n/n8n-nodes-langchain.chainLlm', parameters: { text: 'Draft' } }, { name: 'Custom', type: '@n8n/n8n-nodes-langchain.lmChatOpenAi', parameters: { model: '={{ $env.MODEL }}' } }],
      [['Webhook', 'Classify'], ['Classify', 'Draft'], ['Draft', 'Answer']], [['OpenRouter', 'Classify', 'ai_languageModel'], ['GPT', 'Answer', 'ai_languageModel'], ['Custom', 'Draft', 'ai_languageModel']]);
    const e = estimate(workflow('triage.json', text));
    assert.deepEqual(e.steps.map((s) => s.id), ['Classify', 'Answer']);
    assert.deepEqual(e.criticalPath, ['Classify', 'Answer'], 'Answer still runs after Classify, through the unpriced Draft');
    assert.ok(!e.errors.some((p) => /not a step/.test(p.message)));
  });

  it('counts a loop back (an evaluator-optimizer) as bounded rounds, with a warning at the loop', () => {
    const text = n8n([...nodes, { name: 'Judge', type: '@n8n/n8n-nodes-langchain.chainLlm', parameters: { text: 'Is this answer good? {{ $json.output }}' } }],
      [['Webhook', 'Classify'], ['Classify', 'Answer'], ['Answer', 'Judge'], ['Judge', 'Answer']],
      [['OpenRouter', 'Classify', 'ai_languageModel'], ['GPT', 'Answer', 'ai_languageModel'], ['GPT', 'Judge', 'ai_languageModel']]);
    const e = estimate(workflow('triage.json', text));
    const loop = e.errors.find((p) => p.code === 'loop');
    assert.equal(loop?.severity, 'warning');
    assert.match(loop?.message ?? '', /'Judge' leads back to 'Answer'\. The 2 steps of the loop are counted as 1–3 rounds \(assumption 'loop_rounds'/);
    assert.ok(!e.errors.some((p) => p.severity === 'error'), 'no cycle error an n8n user could not act on');
    assert.deepEqual([step(e, 'Answer').calls.min, step(e, 'Answer').calls.max], [1, 3]);
  });
});

describe('promptfoo paths as promptfoo reads them', () => {
  const prompt = 'You are a patient tutor. Explain {{topic}} to a twelve-year-old in three short paragraphs.';
  it('reads a bare prompt path as the file, and a bare tests path as its rows', () => {
    const config = 'prompts: [prompts/tutor.txt]\nproviders: [openai:gpt-4.1-mini]\ntests: tests.csv\n';
    const w = workflow('promptfooconfig.yaml', config, { read: folder({ 'prompts/tutor.txt': prompt, 'tests.csv': 'topic\nfractions\nphotosynthesis\ngravity\n' }) });
    const s = w.steps[0];
    assert.equal(s.repeat, 3, 'three rows, three calls');
    // the prompt file's own tokens; {{topic}} comes from the CSV's rows, which are counted, not read: the variable_tokens assumption
    assert.deepEqual(s.inputTokens, { min: countTokens(prompt.replace('{{topic}}', '')) + 100, max: countTokens(prompt.replace('{{topic}}', '')) + 100 });
    assert.ok(w.assumptions.some((a) => /'prompts\/tutor\.txt' is a path, as promptfoo reads it/.test(a.message)));
  });

  it('keeps prose as prompt text, and says a Python prompt is code', () => {
    const w = workflow('promptfooconfig.yaml', "prompts:\n  - 'Summarise this in one line / keep it short: {{text}}'\n  - prompts.py:make_prompt\nproviders: [openai:gpt-4.1-mini]\ntests:\n  - vars: { text: hello }\n");
    assert.equal(w.steps[0].repeat, 2, 'two prompts');
    assert.ok(w.problems.some((p) => /Prompt prompts\.py:make_prompt is code/.test(p.message)));
  });

  it('runs a red team as promptfoo does: basic off, iterative rounds, an attacker', () => {
    const config = `prompts: ['{{prompt}}']
providers: [openai:gpt-4.1-mini]
redteam:
  numTests: 4
  plugins: [harmful:hate, pii]
  strategies:
    - id: basic
      config: { enabled: false }
    - base64
    - jailbreak
`;
    const e = estimate(workflow('promptfooconfig.yaml', config));
    const target = e.steps.find((s) => s.id === 'openai:gpt-4.1-mini');
    // 2 plugins × 4 = 8 cases; basic off; base64: 8 calls; jailbreak: 8 × 4 iterations
    assert.equal(target?.calls.p50, 8 + 32);
    const attacker = e.steps.find((s) => s.id.startsWith('red-team attacker'));
    assert.equal(attacker?.calls.p50, 32, 'one attacker call per jailbreak round');
    assert.equal(attacker?.model, 'gpt-5.5');
  });

  it("runs an agent SDK provider's model in a tool loop its max_turns caps", () => {
    const config = "prompts: ['Fix the failing test']\nproviders:\n  - id: anthropic:claude-agent-sdk\n    config: { model: claude-sonnet-4-6, max_turns: 5 }\ntests:\n  - vars: {}\n";
    const s = workflow('promptfooconfig.yaml', config).steps[0];
    assert.equal(s.model, 'claude-sonnet-4-6');
    assert.deepEqual(s.agent?.turns, { min: 2, max: 5 });
  });

  it('makes two embedding calls per output for a similar assertion', () => {
    const config = "prompts: ['Define {{word}}']\nproviders: [openai:gpt-4.1-mini]\ntests:\n  - vars: { word: cat }\n    assert:\n      - type: similar\n        value: A small domesticated feline\n";
    const e = estimate(workflow('promptfooconfig.yaml', config));
    const embed = e.steps.find((s) => /embedding/.test(s.id));
    assert.equal(embed?.model, 'text-embedding-3-large');
    assert.equal(embed?.calls.p50, 2);
    assert.equal(embed?.output_tokens.max, 0);
  });
});

describe('local models as Ollama serves them', () => {
  it('reads a tag without a size as the size Ollama pulls, and deepseek-r1 sizes as its distillations', () => {
    const catalog = testCatalog();
    const cases: [string, RegExp][] = [['ollama/qwen2.5', /qwen.*2\.?5.*7b/], ['ollama:chat:llama3.2', /llama.*3\.2.*3b/], ['ollama/qwen2.5:latest', /qwen.*7b/], ['ollama/deepseek-r1:1.5b', /^deepseek-r1-distill-qwen-1\.5b$/]];
    for (const [name, id] of cases) {
      const found = catalog.lookup(name);
      assert.match(found?.entry.id ?? 'none', id, name);
      assert.ok(found?.selfHosted && found.pulled, name);
    }
  });

  it("runs AutoGen's Ollama model client on your own hardware", () => {
    const team = JSON.stringify({
      provider: 'autogen_agentchat.teams.RoundRobinGroupChat', component_type: 'team', label: 'Local pair',
      config: {
        participants: [
          { provider: 'autogen_agentchat.agents.AssistantAgent', component_type: 'agent', config: { name: 'writer', system_message: 'You write.', model_client: { provider: 'autogen_ext.models.ollama.OllamaChatCompletionClient', component_type: 'model', config: { model: 'llama3.2' } } } },
          { provider: 'autogen_agentchat.agents.AssistantAgent', component_type: 'agent', config: { name: 'critic', system_message: 'You critique.', model_client: { provider: 'autogen_ext.models.openai.OpenAIChatCompletionClient', component_type: 'model', config: { model: 'gpt-4o-mini' } } } },
        ],
        termination_condition: { provider: 'autogen_agentchat.conditions.MaxMessageTermination', component_type: 'termination', config: { max_messages: 6 } },
      },
    });
    const w = workflow('team.json', team);
    assert.equal(stepOf(w, 'writer').model, 'ollama/llama3.2');
    // every speaker re-reads the transcript: each turn's context grows by the other agent's message too
    assert.deepEqual(stepOf(w, 'writer').agent?.toolTokens, w.steps[0].outputTokens);
    assert.equal(stepOf(w, 'writer').agent?.history, 'replay');
  });
});

describe('Semantic Kernel, Dify and Prompt Flow as they run', () => {
  it('reads an older (schema 1) plugin config beside its skprompt.txt', () => {
    const config = JSON.stringify({ schema: 1, type: 'completion', description: 'Summarise', completion: { max_tokens: 256, temperature: 0.2 }, default_services: ['gpt-4o-mini'] });
    const w = workflow('SummarizePlugin/Summarize/config.json', config, { read: folder({ 'skprompt.txt': 'Summarise in three bullet points:\n{{$input}}' }) });
    assert.equal(w.format, 'semantic-kernel');
    assert.equal(w.steps[0].model, 'gpt-4o-mini');
    assert.equal(w.steps[0].outputCap, 256);
  });

  it('takes one branch of a Dify if-else per run: one call at p50, both at most', () => {
    const llm = (id: string, title: string) => ({ id, data: { type: 'llm', title, model: { provider: 'openai', name: 'gpt-4.1-mini', completion_params: { max_tokens: 100 } }, prompt_template: [{ role: 'user', text: 'Reply' }] } });
    const app = {
      app: { name: 'Router', mode: 'workflow' },
      workflow: {
        graph: {
          nodes: [
            { id: 'start', data: { type: 'start', title: 'Start' } },
            { id: 'branch', data: { type: 'if-else', title: 'Is it urgent?', cases: [{ case_id: 'true' }] } },
            llm('a', 'Urgent reply'), llm('b', 'Normal reply'),
          ],
          edges: [
            { source: 'start', target: 'branch', sourceHandle: 'source' },
            { source: 'branch', target: 'a', sourceHandle: 'true' },
            { source: 'branch', target: 'b', sourceHandle: 'false' },
          ],
        },
      },
    };
    const e = estimate(workflow('router.yml', JSON.stringify(app)));
    const calls = e.per_run?.calls;
    assert.equal(calls?.p50, 1, 'a run takes one branch');
    assert.equal(calls?.max, 2, 'the maximum counts every branch');
    // cost: each branch's one call, so the run's cost lies between the two
    const [a, b] = e.steps.map((s) => s.cost_usd?.p50 as number);
    assert.ok((e.per_run?.cost_usd?.p50 as number) >= Math.min(a, b) - 1e-12 && (e.per_run?.cost_usd?.p50 as number) <= Math.max(a, b) + 1e-12);
    close(e.per_run?.cost_usd?.max, e.steps.reduce((t, s) => t + (s.cost_usd?.max as number), 0), 'every branch at its maximum');
    assert.ok(e.assumptions.some((a) => /a run takes one way at each of 1 branching node \('Is it urgent\?'\)/.test(a.message)));
  });

  it('prices the Prompt Flow node name the price data knows, and embeds without output', () => {
    const flow = `inputs:
  question: { type: string }
nodes:
  - name: answer
    type: llm
    source: { type: code, path: answer.jinja2 }
    inputs: { deployment_name: my-team-deployment, model: gpt-4o-mini, max_tokens: 200 }
    connection: open_ai
    api: chat
  - name: embed
    type: python
    source: { type: package, tool: promptflow.tools.embedding.embedding }
    inputs:
      connection: open_ai
      deployment_name: text-embedding-ada-002
      input: \${inputs.question}
`;
    const w = workflow('flow.dag.yaml', flow, { read: folder({ 'answer.jinja2': 'Answer: {{question}}' }) });
    const e = estimate(w);
    assert.equal(e.steps.find((s) => s.id === 'answer')?.model, 'gpt-4o-mini');
    const embed = e.steps.find((s) => s.id === 'embed');
    assert.equal(embed?.output_tokens.max, 0);
  });

  it('suggests models by family for a name nothing prices', () => {
    const e = estimate(workflow('w.agentflow.yaml', 'steps:\n  - { id: a, model: gpt35, input_tokens: 10, output_tokens: 10 }\n  - { id: b, model: embedding, input_tokens: 10, output_tokens: 0 }\n'));
    const [first, second] = e.errors.filter((p) => p.code === 'unknown-model');
    assert.equal(first.suggestions?.[0], 'gpt-3.5-turbo');
    assert.match(second.suggestions?.[0] ?? '', /embedding/);
  });
});

function step(e: Estimate, id: string) {
  const s = e.steps.find((x) => x.id === id);
  assert.ok(s, id);
  return s;
}
