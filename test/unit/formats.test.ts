// The other formats, on real files of the shared corpus: for each format, what a reader of the file
// finds by hand (the calls, the models, the order of the steps), and the problems it reports.
import assert from 'node:assert/strict';
import path from 'node:path';
import { estimateWorkflow } from '../../src/core/estimate/estimate';
import { readWorkflowFile } from '../../src/core/files';
import type { Estimate, Range, Workflow } from '../../src/core/types';
import { CORPUS, describeWithShared } from './shared';
import { testCatalog } from './helpers';


function read(relative: string, options: Parameters<typeof readWorkflowFile>[1] = {}): Workflow {
  const reading = readWorkflowFile(path.join(CORPUS, relative), options);
  assert.equal(reading.kind, 'workflow', `${relative}: ${reading.kind === 'not-workflow' ? reading.reason : ''}`);
  return (reading as { workflow: Workflow }).workflow;
}

function estimate(w: Workflow): Estimate {
  return estimateWorkflow(w, { catalog: testCatalog() });
}

/** Calls per step when nothing is a range: repeat × turns. */
const calls = (w: Workflow) => Object.fromEntries(w.steps.map((s) => [s.id, s.repeat * (s.agent ? s.agent.turns.max : 1)]));
const models = (e: Estimate) => Object.fromEntries(e.steps.map((s) => [s.id, s.model]));
const turns = (w: Workflow) => Object.fromEntries(w.steps.map((s) => [s.id, s.agent?.turns ?? null]));
const range = (min: number, max: number): Range => ({ min, max });
const errors = (e: Estimate) => e.errors.filter((p) => p.severity === 'error');

const PF = 'promptfoo/promptfoo__promptfoo/examples';
const CREW = 'crewai/ed-donner__agents/3_crewai';
const PROMPTY = 'prompty/microsoft__prompty/runtime';
const FLOWS = 'promptflow/microsoft__promptflow/examples/flows';
const DIFY = 'dify/svcvit__Awesome-Dify-Workflow/DSL';
const SK = 'semantic-kernel/microsoft__semantic-kernel';
const N8N = 'n8n/enescingoz__awesome-n8n-templates';
const AUTOGEN = 'autogen-studio/microsoft__autogen/python/packages/autogen-studio';

describeWithShared(CORPUS, 'promptfoo configs', () => {
  it('run tests × prompts per provider: getting-started is 2 tests × 2 prompts on each of 2 models', () => {
    const w = read(`${PF}/getting-started/promptfooconfig.yaml`);
    assert.equal(w.format, 'promptfoo');
    assert.deepEqual(calls(w), { 'openai:gpt-5': 4, 'openai:gpt-5-mini': 4 });
    const e = estimate(w);
    assert.deepEqual(models(e), { 'openai:gpt-5': 'gpt-5', 'openai:gpt-5-mini': 'gpt-5-mini' });
    assert.equal(e.per_run?.calls.p50, 8);
    assert.equal(e.criticalPath.length, 1, 'providers run side by side');
    // The prompts are inline, so their rendered text is counted: "Translate to French: Hello world" and the like.
    const input = w.steps[0].inputTokens;
    assert.ok(input.min >= 5 && input.max <= 15, JSON.stringify(input));
  });

  it('expand array vars and add a grader call per output for llm-rubric (multiple-translations: 5 × 5 × 3, graded)', () => {
    const w = read(`${PF}/multiple-translations/promptfooconfig.yaml`);
    assert.deepEqual(calls(w), {
      'openai:gpt-4.1-mini': 25, 'openai:gpt-4.1': 25, 'anthropic:claude-sonnet-4-20250514': 25, 'grader openai:gpt-6-sol': 75,
    });
    const e = estimate(w);
    assert.equal(e.per_run?.calls.p50, 150);
    // promptfoo's current default grader (DEFAULT_OPENAI_MODEL), with the version it was read from
    assert.equal(models(e)['grader openai:gpt-6-sol'], 'gpt-6-sol', "promptfoo's default grader");
    assert.ok(e.assumptions.some((a) => /default grader, openai:gpt-6-sol .*promptfoo 0\.123\.0.*src\/providers\/openai\/defaults\.ts/.test(a.message)));
    assert.equal(e.criticalPath.length, 2);
    assert.equal(e.criticalPath[1], 'grader openai:gpt-6-sol', 'grading follows the outputs');
    // prompts.txt is not in the corpus: said, not silently guessed.
    assert.ok(e.errors.some((p) => p.code === 'unresolved-reference' && /prompts\.txt/.test(p.message) && p.span.start.line === 6));
  });

  it('respect per-provider prompt filters (prompts-per-model: 16 tests, 2 prompts on gpt-4.1-mini, 1 on gpt-4)', () => {
    const w = read(`${PF}/prompts-per-model/promptfooconfig.yaml`);
    assert.deepEqual(calls(w), { 'openai:gpt-4.1-mini': 32, 'openai:gpt-4': 16 });
    assert.deepEqual(models(estimate(w)), { 'openai:gpt-4.1-mini': 'gpt-4.1-mini', 'openai:gpt-4': 'gpt-4' });
  });

  it('say clearly when the providers name no model', () => {
    const e = estimate(read(`${PF}/browser-existing-session/promptfooconfig.yaml`));
    const [p] = errors(e);
    assert.equal(p.code, 'no-model');
    assert.match(p.message, /names a model/);
    assert.ok(p.span.start.line > 1);
  });

  it('read the model an HTTP provider names in its request body, and say which providers name none', () => {
    const w = read(`${PF}/http-provider-tls/promptfooconfig.yaml`);
    const e = estimate(w);
    assert.deepEqual(models(e), { 'HTTPS with CA cert': 'gpt-4o-mini', 'grader openai:gpt-6-sol': 'gpt-6-sol' });
    assert.ok(w.assumptions.some((a) => /request body names the model gpt-4o-mini/.test(a.message)));
    assert.equal(e.errors.filter((p) => p.code === 'no-model' && p.severity === 'warning').length, 4, 'the other four endpoints');
  });

  it('take the output cap from the provider config', () => {
    const w = read(`${PF}/groq/promptfooconfig.yaml`);
    assert.ok(w.steps.some((s) => s.outputTokens.max <= 1024 && s.outputTokens.max < 800), JSON.stringify(w.steps.map((s) => s.outputTokens)));
  });

  it('price image models per image: openai-dalle-images is 5 images on dall-e-3 at $0.04 and 5 on dall-e-2 at $0.02', () => {
    const e = estimate(read(`${PF}/openai-dalle-images/promptfooconfig.yaml`));
    assert.deepEqual(errors(e), []);
    assert.deepEqual(models(e), { 'openai:image:dall-e-3': 'dall-e-3', 'openai:image:dall-e-2': 'dall-e-2' });
    assert.ok(Math.abs((e.per_run?.cost_usd?.p50 ?? 0) - (5 * 0.04 + 5 * 0.02)) < 1e-12, JSON.stringify(e.per_run?.cost_usd));
    assert.equal(e.per_run?.output_tokens.p95, 0, 'an image is not text');
    assert.ok(e.assumptions.some((a) => a.step === 'openai:image:dall-e-3' && /makes images, priced at \$0\.04 each: one image per call/.test(a.message)));
    assert.ok(!e.assumptions.some((a) => a.key === 'output_tokens'), 'no text output is assumed for an image model');
  });

  it('price a fal model at its own host\'s price: fal-ai/flux/schnell at $0.003 an image', () => {
    const e = estimate(read(`${PF}/fal-image-generation/promptfooconfig.yaml`));
    const schnell = e.steps.find((s) => s.id === 'fal:image:fal-ai/flux/schnell');
    assert.equal(schnell?.model, 'fal-ai/flux/schnell');
    assert.match(schnell?.priceSource ?? '', /key "fal_ai\/fal-ai\/flux\/schnell"/);
    assert.ok(Math.abs((schnell?.cost_usd?.p50 ?? 0) - 7 * 0.003) < 1e-12);
  });

  it('price local Ollama models as the same weights hosted, and say so (phi-vs-llama: 16 tests on each)', () => {
    const w = read(`${PF}/phi-vs-llama/promptfooconfig.yaml`);
    assert.deepEqual(calls(w), { 'ollama:chat:llama3.3': 16, 'ollama:chat:phi4': 16 });
    const e = estimate(w);
    assert.deepEqual(errors(e), []);
    assert.deepEqual(models(e), { 'ollama:chat:llama3.3': 'llama-3.3-70b', 'ollama:chat:phi4': 'phi-4' });
    const note = e.assumptions.find((a) => a.step === 'ollama:chat:llama3.3' && /own hardware/.test(a.message));
    assert.match(note?.message ?? '', /'ollama\/llama3\.3' runs on your own hardware \(ollama\): priced as the same weights hosted, llama-3\.3-70b .*under 'models:' in promptfooconfig\.agentcost\.yaml/);
    assert.ok(e.steps[0].energy_wh, 'the weights\' size gives the energy');
  });

  it('say which local model no host serves, and still estimate the rest (ollama-comparison)', () => {
    const e = estimate(read(`${PF}/ollama-comparison/promptfooconfig.yaml`));
    const [err] = errors(e);
    assert.match(err.message, /'ollama\/llama2-uncensored' .* runs on your own hardware, and no host in the price data serves these weights/);
    assert.equal(err.span.start.line, 16);
    assert.deepEqual(models(e), { 'ollama:chat:llama3.3': 'llama-3.3-70b', 'openai:gpt-4.1-mini': 'gpt-4.1-mini' });
  });
});

describeWithShared(CORPUS, 'CrewAI crews', () => {
  const advance = `${CREW}/community_contributions/stock-picker-advance/src/stock_picker/config`;

  it('run each task as one call on its agent when it has no tools, in file order', () => {
    const w = read(`${advance}/tasks.yaml`);
    assert.equal(w.format, 'crewai');
    // max_iter (12 to 20 here) caps a tool loop; these agents name no tools, so each task is one call
    assert.deepEqual(turns(w), {
      map_industry: null, company_discovery: null, screen_fundamentals: null, valuation_rank: null, news_and_risks: null, compile_shortlist: null,
    });
    assert.deepEqual(w.steps[5].after.sort(), ['company_discovery', 'news_and_risks', 'screen_fundamentals', 'valuation_rank']);
    const e = estimate(w);
    assert.ok(Object.values(models(e)).every((m) => m === 'gpt-4.1-mini'), "no agent sets llm: crewAI's default");
    assert.ok(e.assumptions.some((a) => /crewAI's default gpt-4\.1-mini/.test(a.message)));
    assert.deepEqual(e.criticalPath, ['map_industry', 'company_discovery', 'screen_fundamentals', 'valuation_rank', 'news_and_risks', 'compile_shortlist']);
    assert.deepEqual(e.per_run?.calls, { mean: 6, p50: 6, p95: 6, min: 6, max: 6 }, 'six tasks, six calls');
    assert.ok(e.assumptions.some((a) => /no tools named for agent/.test(a.message)));
  });

  it('run async tasks side by side, joined by context (code_converter)', () => {
    const w = read(`${CREW}/community_contributions/martinsawojide/code_converter/src/code_converter/config/tasks.yaml`);
    const after = Object.fromEntries(w.steps.map((s) => [s.id, s.after]));
    assert.deepEqual(after.generation_alpha_task, []);
    assert.deepEqual(after.generation_beta_task, []);
    assert.deepEqual(after.generation_gamma_task, []);
    assert.deepEqual(after.optimization_task.sort(), ['generation_alpha_task', 'generation_beta_task', 'generation_gamma_task']);
    assert.deepEqual(after.housekeeping_task, ['optimization_task']);
    const e = estimate(w);
    assert.equal(e.criticalPath.length, 4, 'one generator, then optimization, housekeeping and execution');
    assert.deepEqual(e.criticalPath.slice(1), ['optimization_task', 'housekeeping_task', 'execution_task']);
    assert.equal(models(e).optimization_task, 'claude-3-5-sonnet', 'openrouter/anthropic/claude-3.5-sonnet');
    // grok-4.1-fast is priced nowhere: a clear, fixable error on the task's agent line, the rest estimated.
    const unknown = errors(e).find((p) => p.code === 'unknown-model');
    assert.ok(unknown && /grok-4\.1-fast/.test(unknown.message) && unknown.span.start.line === 19);
    assert.ok((e.per_run?.cost_usd?.p50 ?? 0) > 0);
  });

  it('estimate the same crew from agents.yaml, with each task on its agent\'s lines', () => {
    const dir = `${CREW}/reference/stock_picker/src/stock_picker/config`;
    const fromTasks = estimate(read(`${dir}/tasks.yaml`));
    const fromAgents = estimate(read(`${dir}/agents.yaml`));
    assert.deepEqual(fromAgents.steps.map((s) => s.id), ['find_trending_companies', 'research_trending_companies', 'pick_best_company']);
    assert.deepEqual(models(fromAgents), models(fromTasks));
    assert.equal(fromAgents.per_run?.cost_usd?.p50, fromTasks.per_run?.cost_usd?.p50);
    assert.equal(fromAgents.steps[0].model, 'gpt-5.4-mini', 'openai/gpt-5.4-mini is the catalog model');
    assert.deepEqual(fromAgents.steps.map((s) => s.span.start.line), [1, 12, 21], 'the agents\' entries');
  });

  it('report the JSONC templates\' placeholders as parse errors at their line', () => {
    const w = read('crewai/crewAIInc__crewAI/lib/cli/src/crewai_cli/templates/json_crew/crew.jsonc');
    assert.equal(w.format, 'crewai');
    assert.equal(w.problems[0].span.start.line, 3);
    assert.match(w.problems[0].message, /^JSON: /);
  });
});

describeWithShared(CORPUS, 'Prompty files', () => {
  it('are one call on the configured deployment, capped by max_tokens (contoso-chat, classic schema)', () => {
    const w = read('prompty/Azure-Samples__contoso-chat/src/api/contoso_chat/chat.prompty');
    assert.equal(w.format, 'prompty');
    assert.deepEqual(calls(w), { 'Contoso Chat Prompt': 1 });
    assert.deepEqual(w.steps[0].outputTokens, range(128, 128));
    assert.ok(w.steps[0].promptTokens > 300, 'the body is counted');
    assert.deepEqual(models(estimate(w)), { 'Contoso Chat Prompt': 'gpt-4o-mini' });
    assert.equal(w.steps[0].modelSpan.start.line, 11, 'azure_deployment');
  });

  it('loop with tools (v2 schema, anthropic_agent)', () => {
    const w = read(`${PROMPTY}/python/prompty/tests/prompts/anthropic_agent.prompty`);
    assert.deepEqual(w.steps[0].agent?.turns, range(2, 8));
    assert.deepEqual(w.steps[0].outputTokens, range(200, 256), 'maxOutputTokens: 256');
    assert.equal(estimate(w).steps[0].model, 'claude-sonnet-4-5');
  });

  it('read the serverless model and the shorthand string', () => {
    assert.equal(estimate(read(`${PROMPTY}/prompty/tests/prompts/serverless.prompty`)).steps[0].model, 'mistral-small-4');
    assert.equal(estimate(read(`${PROMPTY}/python/prompty/tests/prompts/shorthand_model_string.prompty`)).steps[0].model, 'gpt-4o');
  });

  it('say when no model is named', () => {
    const e = estimate(read(`${PROMPTY}/python/prompty/tests/prompts/no_model.prompty`));
    assert.equal(errors(e)[0].code, 'no-model');
  });
});

describeWithShared(CORPUS, 'Prompt Flow flows', () => {
  it('run the default variant of an llm node (chat-math-variant)', () => {
    const w = read(`${FLOWS}/chat/chat-math-variant/flow.dag.yaml`);
    assert.equal(w.format, 'promptflow');
    assert.deepEqual(calls(w), { chat: 1 });
    assert.deepEqual(w.steps[0].outputTokens, range(200, 256));
    assert.equal(estimate(w).steps[0].model, 'gpt-4');
    assert.ok(w.assumptions.some((a) => /variant_0/.test(a.message)));
  });

  it('link llm nodes through ${node.output} references, also through Python nodes (web-classification)', () => {
    const w = read(`${FLOWS}/standard/web-classification/flow.dag.yaml`);
    assert.deepEqual(w.steps.map((s) => [s.id, s.after]), [['summarize_text_content', []], ['classify_with_llm', ['summarize_text_content']]]);
    const e = estimate(w);
    assert.deepEqual(e.criticalPath, ['summarize_text_content', 'classify_with_llm']);
    assert.deepEqual(Object.values(models(e)), ['gpt-3.5-turbo', 'gpt-3.5-turbo']);
  });

  it('read string caps and Python nodes given a deployment (basic)', () => {
    const w = read(`${FLOWS}/standard/basic/flow.dag.yaml`);
    assert.deepEqual(calls(w), { llm: 1 });
    assert.deepEqual(w.steps[0].outputTokens, range(120, 120), "max_tokens: '120'");
    assert.equal(estimate(w).steps[0].model, 'gpt-3.5-turbo-instruct', 'Azure spells it gpt-35-turbo-instruct');
  });

  it('say so when the model calls are in Python code', () => {
    const e = estimate(read(`${FLOWS}/evaluation/eval-classification-accuracy/flow.dag.yaml`));
    assert.equal(errors(e)[0].code, 'no-model');
    assert.match(errors(e)[0].message, /Python/);
  });
});

describeWithShared(CORPUS, 'Dify apps', () => {
  it('run the nodes of an iteration once per item, chained (全书翻译)', () => {
    const w = read(`${DIFY}/全书翻译.yml`);
    assert.equal(w.format, 'dify');
    assert.deepEqual(w.steps.map((s) => s.id), ['识别专有名词', '直接翻译', '识别问题', '意译']);
    assert.ok(w.steps.every((s) => s.agent?.history === 'none' && s.agent.turns.min === 2 && s.agent.turns.max === 10), 'iteration_items: 2–10');
    const e = estimate(w);
    assert.ok(Object.values(models(e)).every((m) => m === 'gpt-4o'));
    assert.deepEqual(e.criticalPath, ['识别专有名词', '直接翻译', '识别问题', '意译']);
  });

  it('loop an agent node on its model (MCP)', () => {
    const w = read(`${DIFY}/MCP.yml`);
    assert.deepEqual(w.steps.map((s) => s.id), ['Agent']);
    assert.deepEqual(w.steps[0].agent?.turns, range(2, 8));
    assert.equal(estimate(w).steps[0].model, 'gpt-4o-mini');
  });

  it('read each node\'s model and max_tokens, following the edges (运营一条龙)', () => {
    const w = read(`${DIFY}/Dify 运营一条龙.yml`);
    assert.equal(w.steps.length, 10);
    assert.deepEqual(w.steps[0].outputTokens, range(40, 40));
    assert.deepEqual(w.steps[1].after, [w.steps[0].id]);
    const e = estimate(w);
    // claude-3-5-sonnet was retired on 2025-10-22: priced as its replacement, and flagged
    assert.deepEqual([...new Set(Object.values(models(e)))].sort(), ['claude-sonnet-4-6', 'gpt-4o', 'moonshot-v1-32k', 'moonshot-v1-8k']);
    assert.ok(e.errors.some((p) => p.code === 'retired-model' && /claude-3-5-sonnet.*retired on 2025-10-22: requests to it fail/.test(p.message)));
    assert.equal(e.criticalPath.length, 10);
  });

  it('say so when no node calls a model', () => {
    const e = estimate(read('dify/lazeyliu__dify-dsl-generator-skills/tests/fixtures/dsl/loop-assigner-workflow.yml'));
    assert.equal(errors(e)[0].code, 'no-model');
  });
});

describeWithShared(CORPUS, 'Semantic Kernel prompts', () => {
  it('use the execution settings that name a model, with their cap (getIntent)', () => {
    const w = read(`${SK}/dotnet/samples/LearnResources/Resources/getIntent.prompt.yaml`);
    assert.equal(w.format, 'semantic-kernel');
    assert.deepEqual(w.steps[0].outputTokens, range(10, 10));
    assert.equal(estimate(w).steps[0].model, 'gpt-3.5-turbo-0613', 'model_id of the first entry that names one');
  });

  it('key settings by model name (GenerateStoryHandlebars)', () => {
    assert.equal(estimate(read(`${SK}/dotnet/samples/Concepts/Resources/GenerateStoryHandlebars.yaml`)).steps[0].model, 'gpt-4');
  });

  it('say so when the kernel chooses the model (Brainstorm config.json)', () => {
    const e = estimate(read(`${SK}/prompt_template_samples/WriterPlugin/Brainstorm/config.json`));
    assert.equal(errors(e)[0].code, 'no-model');
  });
});

describeWithShared(CORPUS, 'n8n workflows', () => {
  it('call the legacy OpenAI node once, with its cap (InboxZero)', () => {
    const w = read(`${N8N}/Gmail_and_Email_Automation/InboxZero Lite - AI Email Classifier.json`);
    assert.equal(w.format, 'n8n');
    assert.deepEqual(calls(w), { 'AI: Classify': 1 });
    assert.deepEqual(w.steps[0].outputTokens, range(200, 200));
    assert.equal(estimate(w).steps[0].model, 'gpt-4o-mini');
  });

  it('give each chain or agent the model attached to it; an agent without tools makes one call', () => {
    const w = read(`${N8N}/Gmail_and_Email_Automation/A Very Simple _Human in the Loop_ Email Response System Using AI and IMAP.json`);
    assert.deepEqual(turns(w), { 'Email Summarization Chain': null, 'Write email': null });
    assert.deepEqual(w.steps[1].after, ['Email Summarization Chain']);
    const e = estimate(w);
    assert.deepEqual(models(e), { 'Email Summarization Chain': 'deepseek-chat', 'Write email': 'gpt-4o-mini' });
    assert.deepEqual(e.criticalPath, ['Email Summarization Chain', 'Write email']);
  });

  it('read the SQL agent on gpt-4-turbo', () => {
    const e = estimate(read(`${N8N}/Database_and_Storage/Talk to your SQLite database with a LangChain AI Agent.json`));
    assert.deepEqual(models(e), { 'AI Agent': 'gpt-4-turbo' });
  });
});

describeWithShared(CORPUS, 'AutoGen Studio teams', () => {
  it('bound an agent\'s turns by the team\'s message cap (team.json: 10 messages, 1 agent)', () => {
    const w = read(`${AUTOGEN}/notebooks/team.json`);
    assert.equal(w.format, 'autogen-studio');
    assert.deepEqual(turns(w), { assistant_agent: range(1, 10) });
    assert.equal(estimate(w).steps[0].model, 'gpt-4o-mini');
  });

  it('estimate every team of a gallery, with the selector\'s own calls', () => {
    const w = read(`${AUTOGEN}/frontend/src/components/views/gallery/default_gallery.json`);
    assert.ok(w.steps.some((s) => s.id === 'Selector Team / speaker selection'));
    assert.equal(new Set(w.steps.map((s) => s.id.split(' / ')[0])).size, 4);
  });
});
