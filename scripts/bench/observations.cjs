// Child process of `npm run bench`: an OTLP/JSON trace export of about the size asked (the
// collector's file exporter: one export request per line, each a trace of a two-step workflow
// with a root span, an agent span per step and a model call under each), then, in a fresh process,
// either a bare JSON.parse of each line or reading, matching and summarising the file against the
// workflow's estimate. Prints { ms, maxRssMb, runs }.
//   node observations.cjs write FILE MEGABYTES | node observations.cjs bare|observe FILE
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const [what, file, megabytes] = process.argv.slice(2);

const WORKFLOW = `name: Support
steps:
  - { id: triage, model: mistral-small-4, input_tokens: 800, output_tokens: 100 }
  - { id: answer, after: [triage], model: gpt-4.1-mini, input_tokens: 2000, output_tokens: 400 }
`;

const attr = (key, v) => ({ key, value: typeof v === 'string' ? { stringValue: v } : { intValue: String(v) } });
const span = (trace, id, parent, name, start, end, attrs) => ({
  traceId: trace, spanId: id, ...(parent ? { parentSpanId: parent } : {}), name, kind: 1,
  startTimeUnixNano: String(start * 1e6), endTimeUnixNano: String(end * 1e6), attributes: attrs, status: {},
});

function writeTraces(out, bytes) {
  const fd = fs.openSync(out, 'w');
  let written = 0;
  for (let k = 0; written < bytes; k++) {
    const trace = k.toString(16).padStart(32, '0');
    const t0 = 1764500000000 + k * 10000;
    const id = (n) => (k * 8 + n).toString(16).padStart(16, '0');
    const chat = (model, input, output) => [
      attr('gen_ai.operation.name', 'chat'), attr('gen_ai.provider.name', 'openai'), attr('gen_ai.request.model', model),
      attr('gen_ai.usage.input_tokens', input), attr('gen_ai.usage.output_tokens', output), attr('server.address', 'api.example.com'),
    ];
    const line = JSON.stringify({
      resourceSpans: [{
        resource: { attributes: [attr('service.name', 'support-agent'), attr('deployment.environment', 'production')] },
        scopeSpans: [{
          scope: { name: 'opentelemetry.instrumentation.openai_v2', version: '0.3b0' },
          spans: [
            span(trace, id(0), null, 'invoke_workflow support', t0, t0 + 6000, [attr('gen_ai.operation.name', 'invoke_workflow')]),
            span(trace, id(1), id(0), 'invoke_agent triage', t0 + 10, t0 + 1500, [attr('gen_ai.agent.name', 'triage')]),
            span(trace, id(2), id(1), 'chat mistral-small-latest', t0 + 20, t0 + 1400, chat('mistral-small-latest', 800 + (k % 400), 80 + (k % 50))),
            span(trace, id(3), id(0), 'invoke_agent answer', t0 + 1500, t0 + 5900, [attr('gen_ai.agent.name', 'answer')]),
            span(trace, id(4), id(3), 'chat gpt-4.1-mini', t0 + 1600, t0 + 5800, chat('gpt-4.1-mini', 2000 + (k % 700), 300 + (k % 200))),
            span(trace, id(5), id(3), 'GET /orders', t0 + 1550, t0 + 1590, [attr('http.request.method', 'GET'), attr('url.full', `https://shop.example.com/orders/${k}`)]),
          ],
        }],
      }],
    });
    written += fs.writeSync(fd, `${line}\n`);
  }
  fs.closeSync(fd);
}

function bare(input) {
  // the same lines, streamed the same way, each given to JSON.parse and nothing more
  const fd = fs.openSync(input, 'r');
  const buffer = Buffer.allocUnsafe(1 << 20);
  let rest = '';
  let lines = 0;
  for (let n; (n = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0;) {
    const text = rest + buffer.toString('utf8', 0, n);
    let start = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', start)) {
      JSON.parse(text.slice(start, at));
      lines++;
      start = at + 1;
    }
    rest = text.slice(start);
  }
  fs.closeSync(fd);
  return lines;
}

function observe(input) {
  const { bundledCatalog } = require(path.join(root, 'out/src/core/catalog/catalog.js'));
  const { estimateWorkflow } = require(path.join(root, 'out/src/core/estimate/estimate.js'));
  const { parseAgentflow } = require(path.join(root, 'out/src/core/formats/agentflow.js'));
  const { readObservations } = require(path.join(root, 'out/src/core/observed/readers.js'));
  const { observedWorkflow } = require(path.join(root, 'out/src/core/observed/compare.js'));
  const catalog = bundledCatalog('2026-11-30');
  const workflow = parseAgentflow('support.agentflow.yaml', WORKFLOW);
  const estimate = estimateWorkflow(workflow, { catalog });
  const start = performance.now();
  const read = readObservations(input);
  if ('error' in read) throw new Error(read.error);
  const observed = observedWorkflow(workflow, estimate, [read], catalog);
  return { ms: performance.now() - start, runs: observed.runs };
}

if (what === 'write') writeTraces(file, Number(megabytes) * 1024 * 1024);
else {
  const start = performance.now();
  const result = what === 'bare' ? { runs: bare(file) } : observe(file);
  const ms = result.ms ?? performance.now() - start;
  console.log(JSON.stringify({ ms, runs: result.runs, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}
