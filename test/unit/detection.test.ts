// Any file in, the right reading out: detection by name and content, sidecar files, deployment
// names, assumptions and their overrides, positions, and quiet "not a workflow" answers.
import assert from 'node:assert/strict';
import { estimateWorkflow } from '../../src/core/estimate/estimate';
import type { CompanionReader } from '../../src/core/formats/formatAdapter';
import { withoutSecondViews } from '../../src/core/formats/fileNames';
import { readWorkflow, type ReadOptions } from '../../src/core/formats/workflowFile';
import type { Estimate, Workflow } from '../../src/core/types';
import { testCatalog } from './helpers';

/** A folder of files in memory; `read` gives the workflow's neighbours. */
function folder(files: Record<string, string>): CompanionReader {
  return (relative) => (relative in files ? { file: `w/${relative}`, text: files[relative] } : { error: 'no such file' });
}

function workflow(file: string, text: string, options: ReadOptions = {}): Workflow {
  const r = readWorkflow(file, text, options);
  assert.equal(r.kind, 'workflow', r.kind === 'not-workflow' ? r.reason : '');
  return (r as { workflow: Workflow }).workflow;
}

const estimate = (w: Workflow): Estimate => estimateWorkflow(w, { catalog: testCatalog() });
const errors = (e: Estimate) => e.errors.filter((p) => p.severity === 'error');

const PROMPTFOO = `description: Support bot
prompts:
  - 'Answer politely: {{question}}'
providers:
  - id: azure:chat:gpt-4o-mini-deploy
    config:
      max_tokens: 300
tests:
  - vars: { question: Where is my order? }
  - vars: { question: Can I return a gift? }
`;

describe('detection', () => {
  it('says quietly that other YAML and JSON is no workflow', () => {
    for (const [file, text] of [
      ['docker-compose.yml', 'services:\n  web:\n    image: nginx\n'],
      ['package.json', '{"name": "x", "version": "1.0.0"}'],
      ['tests/tests1.yaml', '- vars: { a: 1 }\n'],
      ['broken.yaml', 'a: [unclosed\n'],
      ['notes.txt', 'hello'],
    ]) {
      const r = readWorkflow(file, text);
      assert.equal(r.kind, 'not-workflow', file);
      assert.ok(r.kind === 'not-workflow' && r.reason.length > 10);
    }
  });

  it('recognises each format by content, whatever the file is called', () => {
    const cases: [string, string, string][] = [
      ['evals.yaml', PROMPTFOO, 'promptfoo'],
      ['app.yml', 'app: { mode: workflow, name: A }\nkind: app\nworkflow:\n  graph: { nodes: [], edges: [] }\n', 'dify'],
      ['flow.dag.yaml', 'inputs: {}\nnodes:\n  - name: a\n    type: llm\n    inputs: { deployment_name: gpt-4o }\n', 'promptflow'],
      ['x.prompty', '---\nname: P\nmodel: gpt-4o\n---\nuser: hi\n', 'prompty'],
      ['wf.json', '{"nodes": [{"type": "n8n-nodes-base.openAi", "name": "A", "parameters": {"model": "gpt-4o"}}], "connections": {}}', 'n8n'],
      ['s.yaml', 'name: S\ntemplate: hi\nexecution_settings:\n  default: { model_id: gpt-4o }\n', 'semantic-kernel'],
    ];
    for (const [file, text, format] of cases) assert.equal(workflow(file, text).format, format, file);
  });

  it('takes an agentflow name with another format inside as that format', () => {
    assert.equal(workflow('AgentFlow.yml', 'app:\n  mode: workflow\nworkflow:\n  graph: { nodes: [], edges: [] }\n').format, 'dify');
  });

  it('reads a byte-order mark and CRLF line ends, with positions on the right lines', () => {
    const w = workflow('p.yaml', `\uFEFF${PROMPTFOO.replace(/\n/g, '\r\n')}`);
    assert.equal(w.steps[0].span.start.line, 5);
  });

  it('counts a crew once in a folder: agents.yaml beside tasks.yaml is the same crew', () => {
    assert.deepEqual(withoutSecondViews(['a/config/agents.yaml', 'a/config/tasks.yaml', 'b/config/agents.yaml'], (f) => f), ['a/config/tasks.yaml', 'b/config/agents.yaml']);
  });
});

describe('deployment names and provider prefixes', () => {
  it('map an Azure deployment through the settings', () => {
    const unmapped = estimate(workflow('promptfooconfig.yaml', PROMPTFOO));
    const guess = unmapped.errors.find((p) => p.code === 'guessed-model');
    assert.ok(guess, 'without a mapping, the name is read as gpt-4o-mini and flagged');
    assert.equal(guess.severity, 'warning');
    assert.equal(guess.span.start.line, 5);
    const mapped = estimate(workflow('promptfooconfig.yaml', PROMPTFOO, { deployments: { 'gpt-4o-mini-deploy': 'mistral-small-latest' } }));
    assert.equal(mapped.steps[0].model, 'mistral-small-4');
    assert.ok(!mapped.errors.some((p) => p.code === 'guessed-model'));
    assert.ok(mapped.assumptions.some((a) => /mapped to mistral-small-latest \(deployments\)/.test(a.message)));
  });

  it('understand provider prefixes', () => {
    const ids = ['openai:gpt-4.1-mini', 'openai:chat:gpt-4.1-mini', 'mistral:mistral-small-latest', 'anthropic:messages:claude-haiku-4-5', 'bedrock:us.anthropic.claude-3-5-sonnet-20240620-v1:0', 'vertex:gemini-2.5-pro', 'openrouter/anthropic/claude-sonnet-4'];
    const text = `prompts: [hi]\nproviders:\n${ids.map((id) => `  - ${id}`).join('\n')}\n`;
    const e = estimate(workflow('promptfooconfig.yaml', text));
    assert.deepEqual(e.errors.filter((p) => p.severity === 'error'), []);
    assert.deepEqual(e.steps.map((s) => s.model), ['gpt-4.1-mini', 'gpt-4.1-mini (2)', 'mistral-small-4', 'claude-haiku-4.5', 'claude-3-5-sonnet', 'gemini-2.5-pro', 'claude-sonnet-4-0'].map((m) => m.replace(' (2)', '')));
  });

  it('name the nearest ids for a name nothing prices, and estimate the rest', () => {
    const e = estimate(workflow('promptfooconfig.yaml', 'prompts: [hi]\nproviders:\n  - openai:gpt-5-mini\n  - acme:frobnicator-9000\n'));
    const [p] = e.errors.filter((x) => x.code === 'unknown-model');
    assert.match(p.message, /Unknown model 'acme:frobnicator-9000'.*Nearest catalog ids: .*deployments:.*promptfooconfig\.agentcost\.yaml/);
    assert.deepEqual([p.span.start.line, p.span.start.column], [4, 5]);
    assert.ok((e.per_run?.cost_usd?.p50 ?? 0) > 0, 'the other provider is still estimated');
  });

  it('price a retired model as the replacement its provider named, and say so', () => {
    const e = estimate(workflow('s.yaml', 'name: S\ntemplate: hi\nexecution_settings:\n  text-davinci-003: { max_tokens: 10 }\n'));
    assert.equal(e.steps[0].model, 'gpt-3.5-turbo-instruct');
    const [w] = e.errors.filter((p) => p.code === 'retired-model');
    assert.equal(w.severity, 'warning');
    assert.match(w.message, /retired on 2024-01-04: requests to it fail\. Priced as gpt-3\.5-turbo-instruct, the replacement its provider names: .*\(OpenAI, Deprecations/);
  });

  it('report a run-time placeholder as such', () => {
    const e = estimate(workflow('x.prompty', '---\nname: P\nmodel:\n  api: chat\n  configuration:\n    azure_deployment: ${env:AZURE_DEPLOYMENT}\n---\nuser: hi\n'));
    const [p] = e.errors;
    assert.equal(p.code, 'no-model');
    assert.match(p.message, /filled in at run time.*deployments:/);
    assert.equal(p.span.start.line, 6);
    const mapped = estimate(workflow('x.prompty', '---\nname: P\nmodel:\n  configuration:\n    azure_deployment: ${env:AZURE_DEPLOYMENT}\n---\nuser: hi\n', { deployments: { '${env:AZURE_DEPLOYMENT}': 'gpt-4o' } }));
    assert.equal(mapped.steps[0].model, 'gpt-4o');
  });
});

describe('assumptions and sidecar files', () => {
  it('list every default filled in, with the key that overrides it', () => {
    const w = workflow('promptfooconfig.yaml', PROMPTFOO);
    const messages = w.assumptions.map((a) => a.message).join('\n');
    assert.match(messages, /output tokens per call \(the cap is 300\): 200–300 \(assumption 'output_tokens'; set it in promptfooconfig\.agentcost\.yaml\)/);
    assert.match(messages, /input tokens per call: \d+–\d+, from 2 rendered prompts/);
  });

  it('take runs per day, budgets, deployments, assumptions and step figures from the sidecar', () => {
    const sidecar = `runs_per_day: 200
budget: { usd_per_day: 0.01 }
deployments: { gpt-4o-mini-deploy: gpt-4o-mini }
assumptions: { output_tokens: 100 }
steps:
  azure:chat:gpt-4o-mini-deploy: { input_tokens: 2000 }
`;
    const w = workflow('promptfooconfig.yaml', PROMPTFOO, { read: folder({ 'promptfooconfig.agentcost.yaml': sidecar }) });
    assert.equal(w.runsPerDay, 200);
    assert.deepEqual(w.steps[0].outputTokens, { min: 100, max: 100 });
    assert.deepEqual(w.steps[0].inputTokens, { min: 2000, max: 2000 });
    assert.ok(!w.assumptions.some((a) => a.step === w.steps[0].id && /input tokens per call/.test(a.message)), 'the replaced default is no longer listed');
    const e = estimate(w);
    assert.equal(e.steps[0].model, 'gpt-4o-mini');
    // 2 calls × (2,000 × 0.15 + 100 × 0.6) / 1e6 = $0.00072 a run; × 200 = $0.144 a day.
    assert.ok(Math.abs((e.per_run?.cost_usd?.p50 ?? 0) - 0.00072) < 1e-12);
    const [b] = e.budget;
    assert.equal(b.holds, false);
    assert.ok(e.errors.some((p) => p.code === 'budget-exceeded'));
  });

  it('report a bad sidecar entry in the sidecar, at its line, and keep the good ones', () => {
    const w = workflow('promptfooconfig.yaml', PROMPTFOO, { read: folder({ 'promptfooconfig.agentcost.yaml': 'runs_per_day: 10\nassumptions:\n  agent_turns: lots\nsteps:\n  nope: { turns: 3 }\n' }) });
    const bad = w.problems.find((p) => p.code === 'sidecar' && p.severity === 'error');
    assert.ok(bad);
    assert.equal(bad.file, 'w/promptfooconfig.agentcost.yaml');
    assert.equal(bad.span.start.line, 3);
    assert.match(bad.message, /agent_turns' takes a number or a range/);
    const missing = w.problems.find((p) => p.code === 'sidecar' && p.severity === 'warning');
    assert.match(missing?.message ?? '', /No step 'nope'/);
    assert.equal(w.runsPerDay, 10);
  });

  it('take assumptions from the settings, the sidecar winning', () => {
    const settings = { assumptions: { output_tokens: [10, 20] } };
    assert.deepEqual(workflow('promptfooconfig.yaml', PROMPTFOO, settings).steps[0].outputTokens, { min: 10, max: 20 });
    const both = workflow('promptfooconfig.yaml', PROMPTFOO, { ...settings, read: folder({ 'promptfooconfig.agentcost.yaml': 'assumptions: { output_tokens: 50 }\n' }) });
    assert.deepEqual(both.steps[0].outputTokens, { min: 50, max: 50 });
  });

  it('give a file with no model a default model only when asked', () => {
    const text = '---\nname: P\n---\nuser: hi {{name}}\n';
    assert.equal(estimate(workflow('x.prompty', text)).errors[0].code, 'no-model');
    const w = workflow('x.prompty', text, { assumptions: { default_model: 'mistral-small' } });
    assert.equal(estimate(w).steps[0].model, 'mistral-small-4');
    assert.ok(w.assumptions.some((a) => /default_model/.test(a.message)));
  });

  it('price a local model at the user\'s own figures when the sidecar gives them', () => {
    const config = 'prompts:\n  - hi {{x}}\nproviders: [ollama:chat:llama2-uncensored, ollama:chat:llama3.3]\ntests: [{ vars: { x: a } }]\n';
    assert.equal(errors(estimate(workflow('promptfooconfig.yaml', config)))[0].code, 'unknown-model');
    const own = 'models:\n  ollama/llama2-uncensored: { price: { input: 0, output: 0 }, params_b: { total: 7, active: 7 } }\n  ollama/llama3.3: { price: { input: 0.1, output: 0.1 } }\n';
    const e = estimate(workflow('promptfooconfig.yaml', config, { read: folder({ 'promptfooconfig.agentcost.yaml': own }) }));
    assert.deepEqual(errors(e), []);
    assert.equal(e.steps[0].cost_usd?.p50, 0, 'no bill');
    assert.ok(e.steps[0].energy_wh, 'energy from the size given');
    assert.ok(!e.assumptions.some((a) => /own hardware/.test(a.message)), 'the figures are the user\'s, not a host\'s');
  });

  it('is itself no workflow', () => {
    assert.equal(readWorkflow('promptfooconfig.agentcost.yaml', 'runs_per_day: 3\n').kind, 'not-workflow');
  });
});

describe('CrewAI pairs', () => {
  const agents = 'researcher:\n  role: R\n  goal: G\n  backstory: B\n  llm: openai/gpt-4o-mini\n  max_iter: 5\nwriter:\n  role: W\n  goal: G\n  backstory: B\n';
  const tasks = 'research:\n  description: Find facts\n  expected_output: Facts\n  agent: researcher\nwrite:\n  description: Write it up\n  expected_output: A post\n  agent: writer\n  context: [research]\n';

  it('read tasks.yaml with its agents.yaml, and the other way round', () => {
    const fromTasks = workflow('crew/config/tasks.yaml', tasks, { read: folder({ 'agents.yaml': agents }) });
    // no tools in agents.yaml: each task is one call (crewAI's loop ends at the first final answer)
    assert.deepEqual(fromTasks.steps.map((s) => [s.id, s.model, s.agent]), [['research', 'openai/gpt-4o-mini', null], ['write', 'gpt-4.1-mini', null]]);
    assert.deepEqual(fromTasks.steps[1].after, ['research']);
    assert.equal(fromTasks.steps[1].afterSpans[0].start.line, 9, 'the context entry');
    assert.equal(fromTasks.name, 'crew');
    const fromAgents = workflow('crew/config/agents.yaml', agents, { read: folder({ 'tasks.yaml': tasks }) });
    assert.deepEqual(fromAgents.steps.map((s) => s.span.start.line), [1, 7]);
  });

  it('loop an agent with tools over the assumed turns, capped by its max_iter', () => {
    const tooled = agents.replace('  max_iter: 5\n', '  max_iter: 5\n  tools: [SerperDevTool, ScrapeWebsiteTool]\n');
    const w = workflow('crew/config/tasks.yaml', tasks, { read: folder({ 'agents.yaml': tooled }) });
    assert.deepEqual(w.steps[0].agent?.turns, { min: 2, max: 5 }, 'agent_turns 2–8, capped at max_iter 5');
    assert.equal(w.steps[1].agent, null);
    const capless = workflow('crew/config/tasks.yaml', tasks, { read: folder({ 'agents.yaml': tooled.replace('  max_iter: 5\n', '') }) });
    assert.deepEqual(capless.steps[0].agent?.turns, { min: 2, max: 8 }, "crewAI's max_iter 25 caps nothing here");
  });

  it('price tasks without an agent on the model every agent names', () => {
    const shared = 'a:\n  role: R\n  goal: G\n  backstory: B\n  llm: groq/llama-3.3-70b-versatile\nb:\n  role: W\n  goal: G\n  backstory: B\n  llm: groq/llama-3.3-70b-versatile\n';
    const agentless = 'one:\n  description: D\n  expected_output: O\ntwo:\n  description: D\n  expected_output: O\nthree:\n  description: D\n  expected_output: O\n';
    const w = workflow('crew/config/tasks.yaml', agentless, { read: folder({ 'agents.yaml': shared }) });
    assert.deepEqual(w.steps.map((s) => s.model), ['groq/llama-3.3-70b-versatile', 'groq/llama-3.3-70b-versatile', 'groq/llama-3.3-70b-versatile']);
    const e = estimate(w);
    assert.equal(e.per_run?.calls.p50, 3, 'a crew of three tool-less tasks: three calls');
    assert.ok(e.assumptions.some((a) => /names no agent \(crew\.py assigns it\): every agent of the crew uses groq/.test(a.message)));
  });

  it('add the planning calls of an agent that reasons first', () => {
    const planner = agents.replace('  max_iter: 5\n', '  max_iter: 5\n  reasoning: true\n  max_reasoning_attempts: 2\n');
    const w = workflow('crew/config/tasks.yaml', tasks, { read: folder({ 'agents.yaml': planner }) });
    assert.deepEqual(w.steps.map((s) => s.id), ['research', 'research (planning)', 'write']);
    assert.deepEqual(w.steps[1].agent?.turns, { min: 1, max: 2 });
    assert.deepEqual(w.steps[0].after, ['research (planning)'], 'the task waits for its plan');
  });

  it('warn when agents.yaml is missing, and run on the defaults', () => {
    const w = workflow('crew/config/tasks.yaml', tasks);
    assert.ok(w.problems.some((p) => p.severity === 'warning' && /No agents\.yaml/.test(p.message)));
    assert.ok(w.steps.every((s) => s.model === 'gpt-4.1-mini'));
  });
});
