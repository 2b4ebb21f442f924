#!/usr/bin/env node
// Writes examples/observed/support-agent.traces.jsonl: 24 runs of examples/support-agent.agentflow.yaml
// as the OpenTelemetry Collector's file exporter writes them (one OTLP/JSON export request per
// line), with the GenAI semantic conventions' attributes: an agent span per step and a chat span
// per model call, the answer loop searching one to three times. Made up, deterministically (a
// seeded generator), to try `--observed` and calibration on; no real trace is copied.
//   node scripts/build-example-traces.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let seed = 20261130;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const between = (min, max) => Math.round(min + random() * (max - min));
const hex = (n, width) => n.toString(16).padStart(width, '0');
const attribute = (key, v) => ({ key, value: typeof v === 'string' ? { stringValue: v } : { intValue: String(v) } });

const lines = [];
for (let run = 0; run < 24; run++) {
  const trace = hex(0x5a9f0000 + run, 32);
  let span = 0;
  let t = Date.UTC(2026, 10, 28, 9, 0, 0) + run * 97_000;
  const spans = [];
  const add = (name, parent, duration, attributes) => {
    const id = hex(run * 64 + ++span, 16);
    spans.push({ traceId: trace, spanId: id, ...(parent ? { parentSpanId: parent } : {}), name, kind: 1, startTimeUnixNano: `${t}000000`, endTimeUnixNano: `${t + duration}000000`, attributes, status: {} });
    return id;
  };
  const chat = (model, input, output, cached = 0) => [
    attribute('gen_ai.operation.name', 'chat'), attribute('gen_ai.provider.name', 'mistral_ai'), attribute('gen_ai.request.model', model),
    attribute('gen_ai.usage.input_tokens', input), attribute('gen_ai.usage.output_tokens', output),
    ...(cached ? [attribute('gen_ai.usage.cache_read.input_tokens', cached)] : []),
  ];
  const turns = [1, 1, 2, 1, 3, 2][run % 6];
  const answerMs = turns * 1400 + 300;
  const root = add('invoke_workflow support', null, 600 + answerMs + 700, [attribute('gen_ai.operation.name', 'invoke_workflow')]);
  const route = add('invoke_agent route', root, 450, [attribute('gen_ai.agent.name', 'route')]);
  add('chat ministral-3b-latest', route, 420, chat('ministral-3b-latest', between(230, 330), between(2, 4)));
  t += 600;
  const answer = add('invoke_agent answer', root, answerMs, [attribute('gen_ai.agent.name', 'answer')]);
  let context = between(1750, 2100);
  for (let turn = 0; turn < turns; turn++) {
    const output = between(90, 260);
    add('chat mistral-small-latest', answer, 1100, chat('mistral-small-latest', context, output, turn ? Math.round(context * 0.6) : 0));
    t += 1400;
    context += output + between(2200, 2700);
  }
  t += 300;
  const check = add('invoke_agent policy-check', root, 500, [attribute('gen_ai.agent.name', 'policy-check')]);
  add('chat ministral-8b-latest', check, 480, chat('ministral-8b-latest', between(820, 1150), between(8, 18)));
  lines.push(JSON.stringify({
    resourceSpans: [{
      resource: { attributes: [attribute('service.name', 'support-agent'), attribute('service.version', '2.4.0')] },
      scopeSpans: [{ scope: { name: 'opentelemetry.instrumentation.mistralai', version: '0.1b0' }, spans }],
    }],
  }));
}
fs.writeFileSync(path.join(root, 'examples/observed/support-agent.traces.jsonl'), `${lines.join('\n')}\n`);
