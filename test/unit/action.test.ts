// The GitHub Action's entry script against a mock GitHub API (a local server): it edits only its
// own comment, found by its marker and its author on whatever page it is (`Link: rel="next"`),
// never a person's that quotes the marker, and sends the token nowhere but the API.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PRICE_DATE } from './helpers';
import { HANG_GUARD_MS } from './mutate';

const script = path.resolve(__dirname, '../../../scripts/action/cost-diff.mjs');
const MARKER = '<!-- agent-cost-lens-diff -->';

interface Comment { id: number; user: { login: string }; body: string }
interface Request { method: string; url: string; token: string | undefined; body: string }

/** A GitHub API for pull request 7 of o/r whose comments come in pages of `pages`. */
async function mockApi(pages: Comment[][], foreignNext = false): Promise<{ url: string; requests: Request[]; close: () => Promise<void> }> {
  const requests: Request[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', token: req.headers.authorization, body });
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const list = /^\/repos\/o\/r\/issues\/7\/comments\?per_page=100(?:&page=(\d+))?$/.exec(req.url ?? '');
      if (req.method === 'GET' && list) {
        const page = Number(list[1] ?? 1);
        const next = foreignNext ? 'http://elsewhere.invalid/steal?page=2' : `${base}/repos/o/r/issues/7/comments?per_page=100&page=${page + 1}`;
        const links = [page < pages.length ? `<${next}>; rel="next"` : '', `<${base}/repos/o/r/issues/7/comments?per_page=100&page=${pages.length}>; rel="last"`].filter(Boolean);
        res.writeHead(200, { 'content-type': 'application/json', link: links.join(', ') });
        res.end(JSON.stringify(pages[page - 1] ?? []));
      } else if ((req.method === 'PATCH' && /^\/repos\/o\/r\/issues\/comments\/\d+$/.test(req.url ?? '')) || (req.method === 'POST' && req.url === '/repos/o/r/issues/7/comments')) {
        res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
        res.end('{}');
      } else {
        res.writeHead(404);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function repository(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-cost-action-'));
  const git = (...args: string[]) => assert.equal(spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=T', ...args], { cwd: dir }).status, 0);
  fs.mkdirSync(path.join(dir, 'flows'));
  fs.writeFileSync(path.join(dir, 'flows/a.agentflow.yaml'), 'name: A\nsteps:\n  - { id: s, model: gpt-4.1-mini, input_tokens: 100, output_tokens: 10 }\n');
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'base');
  fs.writeFileSync(path.join(dir, 'flows/a.agentflow.yaml'), 'name: A\nsteps:\n  - { id: s, model: gpt-4.1, input_tokens: 100, output_tokens: 10 }\n');
  fs.writeFileSync(path.join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 7 } }));
  return dir;
}

/** The entry script as the action runs it, against the mock API (asynchronously: the server answers meanwhile). */
function runAction(dir: string, api: string, env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], {
      cwd: dir,
      env: {
        ...process.env, GITHUB_ACTIONS: 'true', AGENT_COST_DRY_RUN: '', GITHUB_TOKEN: 'the-token', GITHUB_EVENT_PATH: path.join(dir, 'event.json'),
        GITHUB_REPOSITORY: 'o/r', GITHUB_API_URL: api, INPUT_BASE: 'HEAD', INPUT_PATHS: 'flows', INPUT_PRICE_DATE: PRICE_DATE, ...env,
      },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const person = (id: number, body: string): Comment => ({ id, user: { login: 'alice' }, body });
const bot = (id: number, login = 'github-actions[bot]', body = `${MARKER}\nthe last diff`): Comment => ({ id, user: { login }, body });
const writes = (requests: Request[]) => requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`);

describe('the GitHub Action\'s comment, against a mock API', function () {
  this.timeout(6 * HANG_GUARD_MS);
  let dir: string;
  before(() => (dir = repository()));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('edits only its own comment, found on page two, never the person\'s that quotes the marker', async () => {
    const api = await mockApi([
      [person(1, `> ${MARKER}\n> what the bot said`), person(2, `${MARKER}\npasted first`), bot(3, 'github-actions[bot]', 'another workflow\'s comment')],
      [person(4, 'thanks'), bot(42)],
    ]);
    try {
      const r = await runAction(dir, api.url);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(writes(api.requests), ['PATCH /repos/o/r/issues/comments/42']);
      assert.equal(api.requests.filter((q) => q.method === 'GET').length, 2, 'both pages read');
      assert.ok(JSON.parse(api.requests.find((q) => q.method === 'PATCH')?.body ?? '{}').body.startsWith(`${MARKER}\n### Agent Cost Lens`));
      assert.ok(api.requests.every((q) => q.token === 'Bearer the-token'));
    } finally {
      await api.close();
    }
  });

  it('posts a new comment where only people\'s carry the marker, and finds an App\'s own by its login', async () => {
    const api = await mockApi([[person(1, `${MARKER}\nmine, says alice`)], [bot(9, 'github-actions[bot]')], [bot(10, 'cost-app[bot]')]]);
    try {
      assert.equal((await runAction(dir, api.url, { INPUT_COMMENT_AUTHOR: 'someone-else[bot]' })).code, 0);
      assert.deepEqual(writes(api.requests), ['POST /repos/o/r/issues/7/comments']);
      api.requests.length = 0;
      assert.equal((await runAction(dir, api.url, { INPUT_COMMENT_AUTHOR: 'cost-app[bot]' })).code, 0);
      assert.deepEqual(writes(api.requests), ['PATCH /repos/o/r/issues/comments/10']);
    } finally {
      await api.close();
    }
  });

  it('follows no next page off the API\'s origin, and says in one line when GitHub refuses', async () => {
    const api = await mockApi([[person(1, 'hi')], [bot(42)]], true);
    try {
      const r = await runAction(dir, api.url);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(writes(api.requests), ['POST /repos/o/r/issues/7/comments'], 'page two is on another origin: not read, the token not sent there');
    } finally {
      await api.close();
    }
    const refusing = await mockApi([[bot(42)]]);
    try {
      const r = await runAction(dir, `${refusing.url}/nowhere`);
      assert.equal(r.code, 2);
      assert.match(r.err, /^agent-cost: the comment is not posted: GitHub answered 404 to the list of comments$/m);
      assert.doesNotMatch(r.err, /\n\s+at /);
    } finally {
      await refusing.close();
    }
  });
});
