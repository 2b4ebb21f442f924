// Hostile and broken input: every case gives an estimate or problems, never an exception, and
// never hangs. How fast is measured by `npm run bench`; here a case only has to finish (a hang guard).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { estimateWorkflow } from '../../src/core/estimate/estimate';
import { seededRandom } from '../../src/core/estimate/rng';
import { parseAgentflow } from '../../src/core/formats/agentflow';
import { readWorkflow } from '../../src/core/formats/workflowFile';
import { companionReader } from '../../src/core/files';
import { countTokens } from '../../src/core/tokens';
import { HANG_GUARD_MS, mutate } from './mutate';
import { CORPUS, describeWithShared } from './shared';
import { testCatalog } from './helpers';

const examples = path.resolve(__dirname, '../../../examples');
const sources = fs.readdirSync(examples).filter((f) => f.endsWith('.yaml')).map((f) => fs.readFileSync(path.join(examples, f), 'utf8'));

describe('robustness', () => {
  before(() => countTokens('warm the tokenizer up once, as the first inline prompt would'));

  it('gives an estimate or problems for 2,000 mutated examples', function () {
    this.timeout(120000);
    const random = seededRandom(2026);
    const catalog = testCatalog();
    let estimated = 0;
    let slowest = 0;
    for (let n = 0; n < 2000; n++) {
      const text = mutate(sources[n % sources.length], random);
      const started = performance.now();
      let result;
      try {
        result = estimateWorkflow(parseAgentflow(`fuzz-${n}.agentflow.yaml`, text), { catalog });
      } catch (e) {
        assert.fail(`case ${n} threw ${(e as Error).stack}\n--- input ---\n${text}`);
      }
      const took = performance.now() - started;
      slowest = Math.max(slowest, took);
      assert.ok(took < HANG_GUARD_MS, `case ${n} hung (${took.toFixed(0)} ms)\n--- input ---\n${text}`);
      assert.ok(result.per_run !== null || result.errors.length > 0, `case ${n}: neither an estimate nor a problem`);
      for (const p of result.errors) assert.ok(p.span.start.line >= 1 && p.span.start.column >= 1 && p.message.length > 0);
      if (result.per_run) estimated++;
    }
    assert.ok(estimated > 200, `${estimated} of 2,000 mutated files still estimated`);
    console.log(`      2,000 cases, ${estimated} estimated, slowest ${slowest.toFixed(1)} ms`);
  });

  it('stops a YAML alias bomb with a clear error', () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    bomb.push('steps: *j');
    const started = performance.now();
    const w = parseAgentflow('bomb.agentflow.yaml', bomb.join('\n'));
    assert.ok(performance.now() - started < HANG_GUARD_MS);
    assert.match(w.problems[0].message, /too many aliases/);
    assert.equal(w.steps.length, 0);
  });

  it('refuses a 10 MB file with a clear error, without parsing it', () => {
    const huge = `steps:\n${'  - { id: s, model: gpt-5.5, input_tokens: 1, output_tokens: 1 }\n'.repeat(170000)}`;
    assert.ok(huge.length > 10 * 1048576);
    const started = performance.now();
    const w = parseAgentflow('huge.agentflow.yaml', huge);
    assert.ok(performance.now() - started < HANG_GUARD_MS);
    assert.match(w.problems[0].message, /too large to read \(10\.\d MB; the limit is 1 MB\)/);
  });

  it('survives deep nesting', () => {
    const deep = `steps: ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
    const w = parseAgentflow('deep.agentflow.yaml', deep);
    assert.ok(w.problems.length > 0);
  });

  it('bounds the Monte Carlo on a file with very many ranged steps', function () {
    // a hang guard, not a speed test (speed is npm run bench's): far above what it takes on a busy machine
    this.timeout(3 * HANG_GUARD_MS);
    const steps = Array.from({ length: 15000 }, (_, i) => `- {id: s${i}, model: m, input_tokens: [1,9], output_tokens: 1}`).join('\n');
    const e = estimateWorkflow(parseAgentflow('many.agentflow.yaml', `models: {m: {price: {input: 1, output: 1}}}\nsteps:\n${steps}\n`), { catalog: testCatalog() });
    assert.deepEqual(e.errors, []);
    assert.ok(e.settings.samples < 1000 && e.settings.samples >= 50, `${e.settings.samples} samples`);
  });
});

describeWithShared(CORPUS, 'robustness on real files of every format', () => {
  before(() => countTokens('warm the tokenizer up once, as the first inline prompt would'));

  it('reads 2,000 mutated files of the other formats without an exception', function () {
    this.timeout(180000);
    const files = [
      'promptfoo/promptfoo__promptfoo/examples/multiple-translations/promptfooconfig.yaml',
      'promptfoo/promptfoo__promptfoo/examples/amazon-bedrock/promptfooconfig.inference-profiles.yaml',
      'crewai/ed-donner__agents/3_crewai/community_contributions/stock-picker-advance/src/stock_picker/config/tasks.yaml',
      'crewai/ed-donner__agents/3_crewai/reference/stock_picker/src/stock_picker/config/agents.yaml',
      'crewai/crewAIInc__crewAI/lib/crewai/src/crewai/flow/templates/flow_definition_example.yaml',
      'prompty/Azure-Samples__contoso-chat/src/api/contoso_chat/chat.prompty',
      'prompty/microsoft__prompty/runtime/python/prompty/tests/prompts/anthropic_agent.prompty',
      'promptflow/microsoft__promptflow/examples/flows/standard/web-classification/flow.dag.yaml',
      'promptflow/microsoft__promptflow/examples/flows/chat/chat-math-variant/flow.dag.yaml',
      'dify/svcvit__Awesome-Dify-Workflow/DSL/全书翻译.yml',
      'dify/svcvit__Awesome-Dify-Workflow/DSL/MCP.yml',
      'semantic-kernel/microsoft__semantic-kernel/dotnet/samples/LearnResources/Resources/getIntent.prompt.yaml',
      'n8n/enescingoz__awesome-n8n-templates/Gmail_and_Email_Automation/A Very Simple _Human in the Loop_ Email Response System Using AI and IMAP.json',
      'autogen-studio/microsoft__autogen/python/packages/autogen-studio/notebooks/team.json',
    ].map((f) => path.join(CORPUS, f));
    const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
    const random = seededRandom(5);
    const catalog = testCatalog();
    const kinds = { estimated: 0, problems: 0, none: 0 };
    let slowest = 0;
    for (let n = 0; n < 2000; n++) {
      const k = n % files.length;
      const text = mutate(texts[k], random);
      const started = performance.now();
      let reading;
      let result;
      try {
        reading = readWorkflow(files[k], text, { read: companionReader(files[k]) });
        if (reading.kind === 'workflow') result = estimateWorkflow(reading.workflow, { catalog });
      } catch (e) {
        assert.fail(`case ${n} (${files[k]}) threw ${(e as Error).stack}\n--- input ---\n${text}`);
      }
      const took = performance.now() - started;
      slowest = Math.max(slowest, took);
      assert.ok(took < HANG_GUARD_MS, `case ${n} (${files[k]}) hung (${took.toFixed(0)} ms)`);
      if (!result) {
        kinds.none++;
        continue;
      }
      assert.ok(result.per_run !== null || result.errors.length > 0, `case ${n}: neither an estimate nor a problem\n${text}`);
      for (const p of result.errors) assert.ok(p.span.start.line >= 1 && p.span.start.column >= 1 && p.message.length > 0);
      if (result.per_run) kinds.estimated++;
      else kinds.problems++;
    }
    assert.ok(kinds.estimated > 500, JSON.stringify(kinds));
    console.log(`      2,000 cases: ${kinds.estimated} estimated, ${kinds.problems} with problems only, ${kinds.none} no longer workflows; slowest ${slowest.toFixed(1)} ms`);
  });
});
