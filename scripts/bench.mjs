#!/usr/bin/env node
// `npm run bench`: the speed targets, measured in one run on this machine, printed as ratios.
//   1. parse + validation + estimate of a generated 200-step file without ranges, against a bare
//      yaml.parse of the same text (target: within 2x);
//   2. the Monte Carlo (1,000 draws) of a 200-step file with ranges (target: under 10 ms);
//   3. 1,000 generated workflow files estimated, against parsing them (target: within 2x);
//   4. the CLI's cold start, and the size of each bundle.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const YAML = require('yaml');
const { bundledCatalog } = require(path.join(root, 'out/src/core/catalog/catalog.js'));
const { estimateWorkflow } = require(path.join(root, 'out/src/core/estimate/estimate.js'));
const { parseAgentflow } = require(path.join(root, 'out/src/core/formats/agentflow.js'));

const MODELS = ['mistral-small', 'mistral-medium', 'gpt-5.5', 'claude-sonnet-5', 'ministral-8b', 'deepseek-v4-flash'];

/** A generated workflow; `ranged` is the share of steps whose token counts (and turns) are ranges. */
function generate(steps, ranged, seed = 1) {
  let s = seed;
  const rand = (n) => ((s = (s * 1103515245 + 12345) % 2147483648) % n);
  const lines = ['version: 1', `name: generated ${steps}`, 'runs_per_day: 500', 'budget:', '  usd_per_run: 5', 'steps:'];
  for (let i = 0; i < steps; i++) {
    const range = rand(1000) < ranged * 1000;
    lines.push(`  - id: step-${i}`);
    if (i > 0) lines.push(`    after: [step-${rand(i)}${i > 2 ? `, step-${rand(i)}` : ''}]`);
    lines.push(`    model: ${MODELS[rand(MODELS.length)]}`);
    lines.push(range ? `    input_tokens: [${500 + rand(500)}, ${2000 + rand(2000)}]` : `    input_tokens: ${500 + rand(3000)}`);
    lines.push(range ? `    output_tokens: [${50 + rand(100)}, ${300 + rand(300)}]` : `    output_tokens: ${50 + rand(500)}`);
    if (i % 7 === 3) lines.push(`    agent: { turns: ${range ? '[2, 9]' : 5}, tool_tokens: 300, tool_latency_s: 1 }`, '    cache: { hit_rate: 0.6 }');
    if (i % 11 === 5) lines.push('    repeat: 10', '    concurrency: 3', '    retry_rate: 0.02');
  }
  return `${lines.join('\n')}\n`;
}

/** Median time of fn in ms over enough repetitions to last ~minMs. */
function time(fn, minMs = 400) {
  fn(); // warm up
  const samples = [];
  const start = performance.now();
  while (performance.now() - start < minMs || samples.length < 5) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const catalog = bundledCatalog();
const estimate = (text, file = 'bench.agentflow.yaml') => estimateWorkflow(parseAgentflow(file, text), { catalog });
const rows = [];
const row = (what, value, target, ok) => rows.push({ what, value, target, ok });

// 1. 200 steps, no ranges
const plain = generate(200, 0);
const bare = time(() => YAML.parse(plain));
const full = time(() => estimate(plain));
row('200-step file: parse + validate + estimate vs bare yaml.parse', `${(full / bare).toFixed(2)}x (${full.toFixed(2)} ms vs ${bare.toFixed(2)} ms)`, '≤ 2x', full / bare <= 2);

// 2. 200 steps with ranges: the Monte Carlo itself (draws, step figures, critical paths, totals),
//    on a file where a third of the steps have ranges, as in the examples; and on the worst case,
//    every step a range, for information.
const { plan } = require(path.join(root, 'out/src/core/estimate/plan.js'));
const { runMonteCarlo } = require(path.join(root, 'out/src/core/estimate/monteCarlo.js'));
function monteCarlo(share) {
  const w = parseAgentflow('ranged.agentflow.yaml', generate(200, share));
  const p = plan(w, { catalog }, [], []);
  const n = p.steps.length;
  const [mid, known, batch] = [new Float64Array(n * 8), new Uint8Array(n * 8).fill(1), new Uint8Array(n)];
  // the first run, cold; then a fixed number of runs after a warm-up to the JIT's steady state
  // (a second of runs), median: the Monte Carlo is short and GC-sensitive
  let t0 = performance.now();
  runMonteCarlo(p, mid, known, batch, 1000, 1);
  const first = performance.now() - t0;
  t0 = performance.now();
  for (let i = 0; i < 100 || performance.now() - t0 < 1000; i++) runMonteCarlo(p, mid, known, batch, 1000, 1);
  const runs = [];
  for (let i = 0; i < 60; i++) {
    const t = performance.now();
    runMonteCarlo(p, mid, known, batch, 1000, 1);
    runs.push(performance.now() - t);
  }
  runs.sort((x, y) => x - y);
  const mc = runs[30];
  const whole = time(() => estimateWorkflow(w, { catalog, samples: 1000 }));
  return { mc, first, whole, ranged: p.steps.filter((s) => s.random).length };
}
const third = monteCarlo(1 / 3);
row(`200-step file, ${third.ranged} steps with ranges (energy ranges included): Monte Carlo, 1,000 draws`, `${third.mc.toFixed(2)} ms (first run: ${third.first.toFixed(1)} ms; whole estimate with p50/p95 per step: ${third.whole.toFixed(1)} ms)`, '< 10 ms', third.mc < 10);
const all = monteCarlo(1);
row(`200-step file, every step a range: Monte Carlo, 1,000 draws`, `${all.mc.toFixed(2)} ms (whole estimate: ${all.whole.toFixed(1)} ms)`, 'information', true);

// 3. 1,000 files
const files = Array.from({ length: 1000 }, (_, i) => generate(3 + (i % 12), 1 / 3, i + 7));
// "parsed" is reading them as the product does (YAML with positions, and the schema check);
// a bare yaml.parse is shown too.
// Each round times both back to back, and the ratio is the median of the rounds' ratios: on a
// shared machine whose speed drifts from second to second, pairs compare like with like.
const bareAll = time(() => files.forEach((t) => YAML.parse(t)), 1000);
const parseOnce = () => files.forEach((t, i) => parseAgentflow(`f${i}.agentflow.yaml`, t));
const estimateOnce = () => files.forEach((t, i) => estimate(t, `f${i}.agentflow.yaml`));
parseOnce();
estimateOnce();
const rounds = [];
for (let i = 0; i < 7; i++) {
  let t = performance.now();
  parseOnce();
  const parsed = performance.now() - t;
  t = performance.now();
  estimateOnce();
  rounds.push({ parsed, estimated: performance.now() - t });
}
rounds.sort((a, b) => a.estimated / a.parsed - b.estimated / b.parsed);
const { parsed: parseAll, estimated: estimateAll } = rounds[3];
const spread = `${(rounds[0].estimated / rounds[0].parsed).toFixed(2)}–${(rounds[6].estimated / rounds[6].parsed).toFixed(2)}x over 7 rounds`;
row('1,000 workflow files: parsed and estimated vs parsed', `${(estimateAll / parseAll).toFixed(2)}x (${estimateAll.toFixed(0)} ms vs ${parseAll.toFixed(0)} ms; ${spread}; a bare yaml.parse takes ${bareAll.toFixed(0)} ms)`, '≤ 2x', estimateAll / parseAll <= 2);

// 4. CLI cold start
const example = path.join(root, 'examples/kyc-onprem.agentflow.yaml');
const starts = [];
for (let i = 0; i < 7; i++) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [path.join(root, 'bin/agent-cost.js'), 'estimate', example], { encoding: 'utf8' });
  starts.push(performance.now() - t);
  if (r.status !== 0) throw new Error(r.stderr);
}
starts.sort((a, b) => a - b);
const node = [];
for (let i = 0; i < 7; i++) {
  const t = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  node.push(performance.now() - t);
}
node.sort((a, b) => a - b);
row('CLI cold start (one example, inline prompt included)', `${starts[3].toFixed(0)} ms (node itself: ${node[3].toFixed(0)} ms)`, 'information', true);

console.log('\nAgent Cost Lens benchmark\n');
for (const r of rows) console.log(`${r.ok ? 'ok  ' : 'SLOW'}  ${r.what}\n      ${r.value}   target ${r.target}`);
console.log('\nBundles (dist/):');
for (const f of fs.readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.js')).sort()) {
  console.log(`      ${f.padEnd(16)} ${(fs.statSync(path.join(root, 'dist', f)).size / 1024).toFixed(0).padStart(6)} KB`);
}
if (rows.some((r) => !r.ok)) process.exitCode = 1;
