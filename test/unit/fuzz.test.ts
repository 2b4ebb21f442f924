// The fuzzer: 30,000 seeded cases, mutated from workflow files of every format (by text, and by
// putting hostile values where others belong), each read, estimated, and put through every report
// and every hover in-process. Not one may throw; every problem has a line and a column.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { compareWithModel } from '../../src/core/estimate/compare';
import { estimateWorkflow } from '../../src/core/estimate/estimate';
import { seededRandom, type Random } from '../../src/core/estimate/rng';
import type { CompanionReader } from '../../src/core/formats/formatAdapter';
import { readWorkflow } from '../../src/core/formats/workflowFile';
import { comparisonReport } from '../../src/core/reports/comparison';
import { csvReport } from '../../src/core/reports/csv';
import { lensTitle, modelHover, stepHover, workflowHover } from '../../src/core/reports/explain';
import { jsonReport } from '../../src/core/reports/json';
import { markdownReport } from '../../src/core/reports/markdown';
import { tableReport } from '../../src/core/reports/table';
import type { Estimate, Workflow } from '../../src/core/types';
import { workflowRow } from '../../src/views/workflowRows';
import { SEEDS, type Seed } from './fuzzSeeds';
import { HANG_GUARD_MS, mutate } from './mutate';
import { testCatalog } from './helpers';

const CASES = 30_000;
const root = path.resolve(__dirname, '../../..');

/** The examples and the test fixtures, as seeds too. */
function folderSeeds(dir: string, base: string): Seed[] {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else files[path.relative(base, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return Object.keys(files).filter((f) => /\.(ya?ml|json)$/.test(f) && !/agentcost|agents\.yaml|litellm|catalog/.test(f)).map((file) => ({ file, files }));
}

const HOSTILE_VALUES: unknown[] = [
  {}, [], null, true, 0, -1, 1e308, 123456789012, '', 'x'.repeat(5000), '\u001b[2J`*_[x](http://a.b/c.png)<img>|',
  { a: { b: { c: [1, { d: 2 }] } } }, [[[]]], '${env:MODEL}', 'file://../../../../etc/passwd', 'file:///dev/zero', '__proto__', 'gpt-4o', 'NaN',
];

/** Paths to every value of a parsed document, up to a depth. */
function paths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = [], depth = 0): (string | number)[][] {
  if (depth > 8 || typeof value !== 'object' || value === null) return out;
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  for (const [k, v] of entries) {
    out.push([...at, k]);
    paths(v, [...at, k], out, depth + 1);
  }
  return out;
}

/** A hostile value put where another belongs, in the parsed file, written back as YAML or JSON. */
function mutateData(file: string, text: string, random: Random): string {
  const json = /\.json$/.test(file);
  let data: unknown;
  try {
    data = json ? JSON.parse(text) : YAML.parse(text);
  } catch {
    return text;
  }
  const all = paths(data);
  if (all.length === 0) return text;
  for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
    const target = all[Math.floor(random() * all.length)];
    let node = data as Record<string | number, unknown> | null;
    for (const key of target.slice(0, -1)) node = typeof node === 'object' && node !== null ? node[key] as Record<string | number, unknown> : null;
    if (typeof node !== 'object' || node === null) continue;
    node[target[target.length - 1]] = structuredClone(HOSTILE_VALUES[Math.floor(random() * HOSTILE_VALUES.length)]);
  }
  return json ? JSON.stringify(data) : YAML.stringify(data);
}

function reader(files: Record<string, string>, file: string): CompanionReader {
  const dir = path.posix.dirname(file);
  return (reference) => {
    const target = path.posix.normalize(path.posix.join(dir, reference));
    return target in files ? { file: target, text: files[target] } : { error: 'no such file' };
  };
}

/** Every output a user can see for an estimate. */
function render(e: Estimate, w: Workflow, catalog: ReturnType<typeof testCatalog>, random: Random): void {
  markdownReport([e]);
  csvReport([e]);
  jsonReport([e]);
  tableReport([e]);
  workflowHover(e);
  workflowRow('file:///w', e);
  if (e.per_run) lensTitle(e.per_run);
  for (const s of e.steps.slice(0, 25)) {
    stepHover(e, s);
    lensTitle(s);
  }
  const withLocal = catalog.withOverrides(w.localModels);
  for (const s of w.steps.slice(0, 25)) {
    const entry = withLocal.resolve(s.model);
    if (entry) modelHover(entry);
  }
  if (random() < 0.02) {
    const comparison = compareWithModel(w, 'mistral-small', { catalog, samples: 64 });
    if (comparison) comparisonReport(comparison);
  }
}

describe('the fuzzer', () => {
  it(`reads, estimates, reports and hovers ${CASES.toLocaleString('en-US')} mutated files of every format without an exception`, function () {
    this.timeout(40 * HANG_GUARD_MS);
    const seeds = [...SEEDS, ...folderSeeds(path.join(root, 'examples'), path.join(root, 'examples')), ...folderSeeds(path.join(root, 'test/fixtures/workspace'), path.join(root, 'test/fixtures/workspace'))];
    assert.ok(seeds.length >= 15, `${seeds.length} seeds`);
    const random = seededRandom(20261130);
    const catalog = testCatalog();
    const outcomes = { estimated: 0, problemsOnly: 0, notWorkflows: 0 };
    const failures: string[] = [];
    for (let n = 0; n < CASES && failures.length < 5; n++) {
      const seed = seeds[n % seeds.length];
      const files = { ...seed.files };
      const kind = random();
      const target = kind < 0.15 ? Object.keys(files)[Math.floor(random() * Object.keys(files).length)] : seed.file;
      files[target] = kind < 0.5 ? mutate(files[target], random) : mutateData(target, files[target], random);
      const text = files[seed.file];
      try {
        const reading = readWorkflow(seed.file, text, { read: reader(files, seed.file) });
        if (reading.kind !== 'workflow') {
          outcomes.notWorkflows++;
          assert.ok(reading.reason.length > 10);
          continue;
        }
        const e = estimateWorkflow(reading.workflow, { catalog, samples: 64 });
        for (const p of e.errors) {
          assert.ok(p.span.start.line >= 1 && p.span.start.column >= 1 && p.message.length > 0, JSON.stringify(p));
        }
        render(e, reading.workflow, catalog, random);
        if (e.per_run) outcomes.estimated++;
        else outcomes.problemsOnly++;
      } catch (err) {
        failures.push(`case ${n} (${seed.file}): ${(err as Error).stack?.split('\n').slice(0, 4).join(' | ')}\n--- ${target} ---\n${files[target].slice(0, 1500)}`);
      }
    }
    console.log(`      ${CASES.toLocaleString('en-US')} cases: ${outcomes.estimated} estimated, ${outcomes.problemsOnly} with problems only, ${outcomes.notWorkflows} no longer workflows`);
    assert.deepEqual(failures, []);
    assert.ok(outcomes.estimated > CASES / 4, JSON.stringify(outcomes));
  });
});
