// The shared corpus of real public config files, through the CLI's JSON output: every file gives
// an estimate, or says clearly that it is no workflow, or reports an error at a line and column.
// Nothing crashes, nothing prints a stack trace, nothing hangs. The share of estimates per
// format is printed (and reported in the README).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { run } from '../../src/cli';
import { PRICE_DATE } from './helpers';
import { HANG_GUARD_MS } from './mutate';
import { CORPUS, describeWithShared } from './shared';

interface Outcome {
  file: string;
  family: string;
  kind: 'estimate' | 'not-workflow' | 'error';
  ms: number;
  detail: string;
}

function corpusFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return corpusFiles(full);
    return /\.md$/i.test(e.name) ? [] : [full];
  }).sort();
}

const STACK_TRACE = /\n\s+at .+:\d+:\d+|internal error/;

describeWithShared(CORPUS, 'the shared corpus', function () {
  this.timeout(600_000);
  const files = corpusFiles(CORPUS);
  const outcomes: Outcome[] = [];
  /** Steps that get a cost, and of them those with a measured speed and with an energy figure. */
  const coverage = { costed: 0, speed: 0, energy: 0 };
  /** What a user reads as a run's bill: its mean, beside its steps' costs and their branches. */
  const headlines: { file: string; mean: number | null; stepCosts: number[]; branched: { share: number; text: boolean }[] }[] = [];

  before(() => {
    for (const file of files) {
      let out = '';
      let err = '';
      const started = performance.now();
      const code = run(['estimate', '--format', 'json', '--price-date', PRICE_DATE, file], (s) => { out += s; }, (s) => { err += s; });
      const ms = performance.now() - started;
      assert.doesNotMatch(err, STACK_TRACE, file);
      assert.ok(code === 0 || code === 2, `${file}: exit ${code}`);
      const report = JSON.parse(out) as {
        workflows: {
          per_run: { cost_usd: { mean: number; p50: number; max: number } | null } | null;
          errors: { severity: string; line: number; column: number; message: string }[];
          steps: { cost_usd: { mean: number } | null; speed_assumed: boolean; energy_wh: unknown; runs_share: number; branches?: unknown[] }[];
        }[];
        not_workflows?: { reason: string }[];
      };
      const family = path.relative(CORPUS, file).split(path.sep)[0];
      const [w] = report.workflows;
      for (const s of (w?.steps ?? []).filter((x) => x.cost_usd !== null)) {
        coverage.costed++;
        if (!s.speed_assumed) coverage.speed++;
        if (s.energy_wh !== null) coverage.energy++;
      }
      if (w?.per_run) {
        let table = '';
        run(['estimate', '--price-date', PRICE_DATE, file], (x) => { table += x; }, () => undefined);
        headlines.push({
          file, mean: w.per_run.cost_usd?.mean ?? null, stepCosts: w.steps.map((x) => x.cost_usd?.mean ?? 0),
          branched: w.steps.filter((x) => x.branches?.length).map((x) => ({ share: x.runs_share, text: /runs in \d+ of \d+ branches of .+ \(\d+(\.\d)?% of runs\)/.test(table) })),
        });
      }
      let outcome: Outcome;
      // An estimate has a cost; a branching app whose median run takes a way with no model call has a p50 of $0 and a maximum above it.
      if (w && (w.per_run?.cost_usd?.max ?? 0) > 0) outcome = { file, family, kind: 'estimate', ms, detail: '' };
      else if (report.not_workflows?.length) outcome = { file, family, kind: 'not-workflow', ms, detail: report.not_workflows[0].reason };
      else {
        const e = w?.errors.find((x) => x.severity === 'error');
        assert.ok(e, `${file}: neither an estimate, nor no workflow, nor an error`);
        assert.ok(e.line >= 1 && e.column >= 1 && e.message.length > 20, `${file}: ${JSON.stringify(e)}`);
        assert.ok(err.includes(`:${e.line}:${e.column}: error: `), `${file}: the error is printed with its line and column`);
        outcome = { file, family, kind: 'error', ms, detail: e.message };
      }
      outcomes.push(outcome);
    }
    const families = [...new Set(outcomes.map((o) => o.family))];
    const share = (list: Outcome[]) => `${list.filter((o) => o.kind === 'estimate').length}/${list.length} (${Math.round((100 * list.filter((o) => o.kind === 'estimate').length) / list.length)}%)`;
    console.log('      estimates per format:');
    for (const f of families) console.log(`        ${f.padEnd(16)} ${share(outcomes.filter((o) => o.family === f))}`);
    console.log(`        ${'all'.padEnd(16)} ${share(outcomes)}`);
  });

  it('never shows a run\'s headline cost as $0 while a step costs money, and says each branch\'s share', () => {
    const free = headlines.filter((h) => h.mean !== null && h.mean <= 0 && h.stepCosts.some((c) => c > 0));
    assert.deepEqual(free.map((h) => h.file), []);
    const branched = headlines.filter((h) => h.branched.length > 0);
    assert.ok(branched.length >= 5, `${branched.length} corpus workflows with branches`);
    for (const h of branched) for (const b of h.branched) assert.ok(b.share > 0 && b.share < 1 && b.text, `${h.file}: ${JSON.stringify(b)}`);
  });

  it('holds the 280 files the field guide describes', () => {
    assert.equal(files.length, 280);
  });

  it('gives each file an estimate, a clear "not a workflow", or an error at its line and column, none hanging', () => {
    assert.equal(outcomes.length, files.length);
    const slow = outcomes.filter((o) => o.ms >= HANG_GUARD_MS);
    assert.deepEqual(slow.map((o) => `${o.file}: ${o.ms.toFixed(0)} ms`), []);
    for (const o of outcomes.filter((x) => x.kind === 'not-workflow')) assert.match(o.detail, /.{20,}/, o.file);
  });

  it('estimates every file that names a model the catalog or the price data know', () => {
    // A file left unestimated says why: no model, a placeholder, a name nothing prices, or bad syntax.
    const why = /calls a model|names no|no model|filled in at run time|Unknown model|own hardware|cannot be read|Python|JSON:|YAML:|no crew or agent|names a model/;
    for (const o of outcomes.filter((x) => x.kind === 'error')) assert.match(o.detail, why, o.file);
  });

  it('estimates at least 80% of the corpus', () => {
    const estimated = outcomes.filter((o) => o.kind === 'estimate').length;
    assert.ok(estimated >= 0.8 * files.length, `${estimated} of ${files.length}`);
  });

  it('gives most steps that get a cost a measured speed and an energy figure', () => {
    const share = (n: number) => n / coverage.costed;
    console.log(`      of ${coverage.costed} costed steps: ${coverage.speed} with a measured speed (${Math.round(100 * share(coverage.speed))}%), ${coverage.energy} with energy (${Math.round(100 * share(coverage.energy))}%)`);
    // The aim is 90% of each. What no source measures or sizes keeps an assumed speed or an unknown
    // energy, said as such, never invented: promptfoo's newest default grader (gpt-6-sol, newer
    // than the measurements), DeepSeek V3 behind deepseek-chat, Claude 3.5 on Bedrock and
    // OpenRouter, embeddings, older Qwen and Moonshot models. These bounds keep what is reached.
    assert.ok(share(coverage.energy) >= 0.85, 'energy for 85% of the costed steps');
    assert.ok(share(coverage.speed) >= 0.75, 'a measured speed for 75% of the costed steps');
  });

  it('reads CRLF, a byte-order mark, non-ASCII names and files without a final newline', () => {
    const byName = (end: string) => outcomes.find((o) => o.file.endsWith(end));
    assert.equal(byName('engineering_crew/config/agents.yaml')?.kind, 'estimate', 'CRLF');
    assert.equal(byName('Concepts/Resources/GenerateStory.yaml')?.detail.includes('YAML'), false, 'BOM');
    assert.equal(byName('DSL/Dify 运营一条龙.yml')?.kind, 'estimate');
  });

  it('runs as a command over the whole corpus without a stack trace', () => {
    const bin = path.resolve(__dirname, '../../../bin/agent-cost.js');
    const r = spawnSync(process.execPath, [bin, 'estimate', '--format', 'json', CORPUS], { encoding: 'utf8', timeout: 300_000, maxBuffer: 256 * 1024 * 1024 });
    assert.equal(r.status, 2, 'some corpus files cannot be estimated, and the exit code says so');
    assert.doesNotMatch(r.stderr, STACK_TRACE);
    const report = JSON.parse(r.stdout) as { workflows: { file: string }[] };
    // Folders are searched by content: each crew is counted once, from its tasks.yaml.
    assert.ok(!report.workflows.some((w) => /config[\\/]agents\.yaml$/.test(w.file) && report.workflows.some((x) => x.file === w.file.replace(/agents\.yaml$/, 'tasks.yaml'))));
    assert.ok(report.workflows.length > 200, `${report.workflows.length} workflows`);
  });
});
