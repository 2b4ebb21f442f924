// Observation files an attacker (or a broken exporter) would hand over: a sparse file of exactly
// 2 GiB and one a byte short, a 100 MB CSV of NUL bytes, a 500 MB JSONL line (after a good one, or
// alone) and a JSON document whose one string is 500 MB, values by the million and nesting in a short line. Each is read by
// the CLI as a child process (its heap capped, its peak resident memory measured) and ends within
// the hang guard, under 500 MB, with a one-line error naming the file and line: never a native
// stack trace. The extension's worker gives the same errors, and its own limits hold.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readInWorker } from '../../src/readInWorker';
import { MAX_OBSERVATION_BYTES } from '../../src/core/limits';
import { HANG_GUARD_MS } from './mutate';

const root = path.resolve(__dirname, '../../..');
const bin = path.join(root, 'bin/agent-cost.js');
const MB = 1024 * 1024;

/** A file of `size` bytes: `head` first, `tail` last, a hole between (read as NUL bytes, on no disk). */
function sparse(file: string, size: number, head = '', tail = ''): string {
  const fd = fs.openSync(file, 'w');
  try {
    if (head) fs.writeSync(fd, head, 0);
    fs.ftruncateSync(fd, size);
    if (tail) fs.writeSync(fd, tail, size - Buffer.byteLength(tail));
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

describe('hostile observation files, in bounded memory and time', function () {
  this.timeout(20 * HANG_GUARD_MS);
  let dir: string;
  let workflow: string;
  let preload: string;
  const files: Record<string, string> = {};

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-cost-big-'));
    workflow = path.join(dir, 'support.agentflow.yaml');
    fs.writeFileSync(workflow, 'steps:\n  - { id: answer, model: gpt-4.1-mini, input_tokens: 100, output_tokens: 10 }\n');
    // the child's peak resident set, written where the test reads it when it exits
    preload = path.join(dir, 'peak.cjs');
    fs.writeFileSync(preload, "process.on('exit', () => require('fs').writeFileSync(process.env.PEAK_FILE, String(process.resourceUsage().maxRSS * 1024)));\n");
    const call = `${JSON.stringify({ run: 'a', step: 'answer', model: 'gpt-4.1-mini', input_tokens: 100, output_tokens: 10 })}\n`;
    files.exactly2GiB = sparse(path.join(dir, 'exactly-2GiB.csv'), MAX_OBSERVATION_BYTES);
    files.under2GiB = sparse(path.join(dir, 'under-2GiB.csv'), MAX_OBSERVATION_BYTES - 1);
    files.nulCsv = sparse(path.join(dir, 'nul.csv'), 100 * MB);
    files.nulRow = sparse(path.join(dir, 'nul-row.csv'), 100 * MB, 'run,step,input_tokens,output_tokens\n', '\n');
    // past what is read before the cap, the rest may as well be a hole
    files.longLine = sparse(path.join(dir, 'long-line.jsonl'), 500 * MB, `${call}{"x":"${'a'.repeat(80 * MB)}`, '"}\n');
    files.singleLine = sparse(path.join(dir, 'single-line.jsonl'), 500 * MB, `{"x":"${'a'.repeat(32 * MB)}`, '"}\n');
    files.longString = sparse(path.join(dir, 'long-string.json'), 500 * MB, `{"resourceSpans":[{"name":"${'a'.repeat(32 * MB)}`, '"}]}');
    fs.writeFileSync(path.join(dir, 'values.jsonl'), `${call}[${'{},'.repeat(3_000_000)}{}]\n`);
    fs.writeFileSync(path.join(dir, 'deep.json'), `{"results":${'['.repeat(5000)}`);
    files.values = path.join(dir, 'values.jsonl');
    files.deep = path.join(dir, 'deep.json');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function estimate(file: string) {
    const peakFile = path.join(dir, 'peak.txt');
    fs.rmSync(peakFile, { force: true });
    const r = spawnSync(process.execPath, ['--max-old-space-size=400', '--require', preload, bin, 'estimate', workflow, '--observed', file], {
      encoding: 'utf8', timeout: HANG_GUARD_MS, env: { ...process.env, PEAK_FILE: peakFile },
    });
    assert.equal(r.error, undefined, `${path.basename(file)}: ${r.error?.message}`);
    return { code: r.status, err: r.stderr, peak: Number(fs.readFileSync(peakFile, 'utf8')) };
  }

  const cases: [keyof typeof files, RegExp][] = [
    ['exactly2GiB', /: 2 GB or larger: split it$/],
    ['under2GiB', /: line 1: a header row longer than 64 KB: not a CSV of calls$/],
    ['nulCsv', /: line 1: a header row longer than 64 KB: not a CSV of calls$/],
    ['nulRow', /: line 2: a field longer than 16 MB: not a CSV of calls$/],
    ['longLine', /: line 2: longer than 64 MB: not observations as tools write them$/],
    ['singleLine', /: a JSON string or number of more than 16 MB at byte 5: not observations as tools write them$/],
    ['longString', /: a JSON string or number of more than 16 MB at byte 26: not observations as tools write them$/],
    ['values', /: line 2: more than 2,000,000 JSON values in one line: not observations as tools write them$/],
    ['deep', /: JSON nested more than 512 deep at byte \d+: not observations as tools write them$/],
  ];

  for (const [name, message] of cases) {
    it(`ends ${name} with a one-line error, under 500 MB resident`, () => {
      const r = estimate(files[name]);
      assert.equal(r.code, 2, r.err);
      const lines = r.err.trimEnd().split('\n');
      assert.equal(lines.length, 1, r.err.slice(0, 2000));
      assert.ok(lines[0].startsWith(`agent-cost: ${files[name]}: `), lines[0]);
      assert.match(lines[0], message);
      assert.ok(lines[0].length < 600, 'the error quotes a few hundred characters at most');
      assert.ok(r.peak < 500 * MB, `${name}: ${(r.peak / MB).toFixed(0)} MB resident`);
    });
  }

  it('gives the extension\'s worker the same errors, and none of the input', async () => {
    const worker = path.join(root, 'dist/observeWorker.js');
    const names = ['exactly2GiB', 'nulCsv', 'longLine', 'singleLine'] as const;
    const results = await readInWorker(worker, names.map((n) => files[n]));
    results.forEach((r, i) => {
      assert.ok('error' in r, names[i]);
      assert.match(r.error, cases.find(([n]) => n === names[i])?.[1] as RegExp);
      assert.ok(r.error.length < 600);
    });
  });

  it('stops the worker past its heap or its time, with an error for each file', async () => {
    const worker = path.join(root, 'dist/observeWorker.js');
    const many = path.join(dir, 'many.jsonl');
    fs.writeFileSync(many, Array.from({ length: 300_000 }, (_, i) => JSON.stringify({ run: `r${i}`, step: `s${i}`, model: 'gpt-4.1-mini', input_tokens: i, output_tokens: 1 })).join('\n'));
    const [heap] = await readInWorker(worker, [many], { heapMb: 16, timeoutMs: 60_000 });
    assert.match('error' in heap ? heap.error : '', /many\.jsonl: reading it would take more than 16 MB: split the file/);
    const [slow] = await readInWorker(worker, [many], { heapMb: 1024, timeoutMs: 1 });
    assert.match('error' in slow ? slow.error : '', /many\.jsonl: not read within 0\.001 s: split the file/);
  });
});
