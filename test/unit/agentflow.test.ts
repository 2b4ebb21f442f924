// The native format: positions, and problems a user can act on, each at its line and column.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseAgentflow } from '../../src/core/formats/agentflow';
import { isAgentflowFile } from '../../src/core/formats/fileNames';
import type { Problem } from '../../src/core/types';
import { estimateText } from './helpers';

const only = (problems: Problem[], code?: string) => problems.filter((p) => p.severity === 'error' && (!code || p.code === code));

describe('agentflow files', () => {
  it('are recognised by name', () => {
    for (const name of ['kyc.agentflow.yaml', 'a/b/x.agentflow.yml', 'flow.AGENTFLOW.json', 'agentflow.yaml', '/w/agentflow.json']) assert.ok(isAgentflowFile(name), name);
    for (const name of ['agentflow.yaml.bak', 'myagentflow.yaml', 'flow.yaml', 'agentflow.txt']) assert.ok(!isAgentflowFile(name), name);
  });

  it('are checked by a validator compiled from the schema as it is now (npm run schema)', async () => {
    const root = path.resolve(__dirname, '../../..');
    const build = (await import(path.join(root, 'scripts/build-schema.mjs'))) as { validatorSource(): string; VALIDATOR: string };
    assert.equal(fs.readFileSync(build.VALIDATOR, 'utf8'), build.validatorSource(), 'run npm run schema after changing schemas/agentflow.schema.json');
  });

  it('keep each step\'s position for hovers and CodeLens', () => {
    const w = parseAgentflow('p.agentflow.yaml', 'name: P\nsteps:\n  - id: first\n    model: mistral-small\n    input_tokens: 10\n    output_tokens: 5\n');
    const s = w.steps[0];
    assert.deepEqual([s.span.start.line, s.span.start.column], [3, 5]);
    assert.deepEqual([s.idSpan.start.line, s.idSpan.start.column, s.idSpan.end.column], [3, 9, 14]);
    assert.deepEqual([s.modelSpan.start.line, s.modelSpan.start.column], [4, 12]);
    assert.deepEqual([w.nameSpan.start.line, w.nameSpan.start.column], [1, 7]);
  });

  it('read JSON with comments and trailing commas, with positions', () => {
    const w = parseAgentflow('p.agentflow.json', '{\n  // a comment\n  "steps": [\n    {"id": "a", "model": "gpt-5.5", "input_tokens": 1, "output_tokens": 2,},\n  ],\n}\n');
    assert.deepEqual(only(w.problems), []);
    assert.equal(w.steps[0].modelSpan.start.line, 4);
  });

  it('report broken YAML at its line', () => {
    const w = parseAgentflow('b.agentflow.yaml', 'steps:\n  - id: a\n    model: [unclosed\n');
    const [p] = only(w.problems, 'yaml');
    assert.ok(p, JSON.stringify(w.problems));
    assert.ok(p.span.start.line >= 3, `line ${p.span.start.line}`);
  });

  it('report broken JSON at its line', () => {
    const w = parseAgentflow('b.agentflow.json', '{\n  "steps": [\n    {"id": "a" "model": "x"}\n  ]\n}');
    const [p] = only(w.problems, 'json');
    assert.equal(p.span.start.line, 3);
    assert.match(p.message, /comma expected/);
  });

  it('say what a bad value should be', () => {
    const w = parseAgentflow('t.agentflow.yaml', 'steps:\n  - id: a\n    model: gpt-5.5\n    input_tokens: lots\n    output_tokens: 5\n');
    const [p] = only(w.problems, 'schema');
    assert.equal(p.span.start.line, 4);
    assert.match(p.message, /Step 'a' input_tokens: expected a token count: a number from 0 to 100,000,000, or a range \[min, max\]/);
    assert.match(p.message, /got 'lots'/);
  });

  it('refuse a negative count', () => {
    const w = parseAgentflow('n.agentflow.yaml', 'steps:\n  - id: a\n    model: gpt-5.5\n    input_tokens: 10\n    output_tokens: -5\n');
    const [p] = only(w.problems, 'schema');
    assert.equal(p.span.start.line, 5);
    assert.match(p.message, /got -5/);
    assert.equal(w.steps.length, 0, 'the step is not estimated');
  });

  it('suggest the key meant by a misspelt one, at the key', () => {
    const w = parseAgentflow('k.agentflow.yaml', 'steps:\n  - id: a\n    model: gpt-5.5\n    input_tokens: 10\n    output_tokns: 5\n');
    const p = only(w.problems, 'schema').find((x) => /output_tokns/.test(x.message));
    assert.ok(p);
    assert.match(p.message, /Did you mean 'output_tokens'\?/);
    assert.deepEqual([p.span.start.line, p.span.start.column], [5, 5]);
  });

  it('name the steps of a cycle', () => {
    const e = estimateText('steps:\n  - { id: a, after: [c], model: gpt-5.5, input_tokens: 1, output_tokens: 1 }\n  - { id: b, after: [a], model: gpt-5.5, input_tokens: 1, output_tokens: 1 }\n  - { id: c, after: [b], model: gpt-5.5, input_tokens: 1, output_tokens: 1 }\n');
    const [p] = only(e.errors, 'cycle');
    assert.ok(p);
    for (const id of ['a', 'b', 'c']) assert.match(p.message, new RegExp(`\\b${id}\\b`));
    assert.ok(p.span.start.line >= 2);
    assert.ok(e.per_run?.cost_usd, 'the rest is still estimated');
  });

  it('name the nearest catalog ids for an unknown model, at the model', () => {
    const e = estimateText('steps:\n  - id: a\n    model: mistral-smal\n    input_tokens: 1\n    output_tokens: 1\n  - { id: b, model: gpt-5.5, input_tokens: 1, output_tokens: 1 }\n');
    const [p] = only(e.errors, 'unknown-model');
    assert.deepEqual([p.span.start.line, p.span.start.column], [3, 12]);
    assert.match(p.message, /Unknown model 'mistral-smal'.*Nearest catalog ids: mistral-small-4/);
    assert.equal(p.suggestions?.[0], 'mistral-small-4');
    assert.deepEqual(e.steps.map((s) => s.id), ['b'], 'the other step is still estimated');
  });

  it('report an `after` that names no step, and a duplicate id', () => {
    const e = estimateText('steps:\n  - { id: a, model: gpt-5.5, input_tokens: 1, output_tokens: 1 }\n  - { id: a, after: [ghost], model: gpt-5.5, input_tokens: 1, output_tokens: 1 }\n');
    assert.match(only(e.errors, 'missing-step')[0].message, /'ghost', which is not a step/);
    assert.equal(only(e.errors, 'duplicate-id')[0].span.start.line, 3);
  });

  it('report a reversed range', () => {
    const w = parseAgentflow('r.agentflow.yaml', 'steps:\n  - id: a\n    model: gpt-5.5\n    input_tokens: [500, 100]\n    output_tokens: 1\n');
    const [p] = only(w.problems, 'step');
    assert.equal(p.span.start.line, 4);
    assert.match(p.message, /write it as \[100, 500\]/);
  });

  it('fill defaults from `defaults`, one level deep for agent and cache', () => {
    const w = parseAgentflow('d.agentflow.yaml', 'defaults:\n  model: mistral-small\n  agent: { turns: 3, history: summary }\n  cache: { hit_rate: 0.5 }\nsteps:\n  - { id: a, input_tokens: 1, output_tokens: 1, agent: { turns: 5 } }\n');
    const [s] = w.steps;
    assert.equal(s.model, 'mistral-small');
    assert.equal(s.agent?.turns.min, 5);
    assert.equal(s.agent?.history, 'summary');
    assert.equal(s.cacheHitRate, 0.5);
    assert.equal(s.modelSpan.start.line, 2, 'the model is located where it is written');
  });

  it('count inline prompt tokens with a real tokenizer, and say it is approximate for other models', () => {
    const w = parseAgentflow('t.agentflow.yaml', 'steps:\n  - id: a\n    model: mistral-small\n    prompt: "Hello, world! Hello, world!"\n    output_tokens: 1\n');
    assert.equal(w.steps[0].promptTokens, 8);
    assert.ok(w.assumptions.some((a) => /8 tokens with o200k_base.*approximation for mistral-small/.test(a.message)));
  });
});
