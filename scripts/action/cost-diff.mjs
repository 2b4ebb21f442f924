#!/usr/bin/env node
// The GitHub Action's entry: diff the pull request's workflow files against its base, print
// annotations on the lines whose cost rose, and post (or update) one comment with the Markdown:
// its own, found by its marker and its author, never a person's.
// Locally, or with AGENT_COST_DRY_RUN=1, the comment goes to stdout (or AGENT_COST_COMMENT_FILE)
// instead of GitHub. Exit code: the diff's (1 when the rise passes fail-on-increase), 2 where the
// comment cannot be posted.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'bin/agent-cost.js');
const input = (name, fallback = '') => (process.env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? fallback).trim();
/** One comment per pull request, found again by this marker. */
const MARKER = '<!-- agent-cost-lens-diff -->';

function agentCost(format) {
  const args = ['diff', '--base', input('base', 'origin/main'), ...input('paths', '.').split(/\s+/).filter(Boolean), '--format', format];
  const limit = input('fail-on-increase');
  if (limit) args.push('--fail-on-increase', limit);
  const priceDate = input('price-date');
  if (priceDate) args.push('--price-date', priceDate);
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: process.env.GITHUB_WORKSPACE || process.cwd(), maxBuffer: 64 * 1024 * 1024 });
  if (r.stderr) process.stderr.write(r.stderr);
  return { code: r.status ?? 2, out: r.stdout };
}

/** Pages of comments read at most (100 a page): a pull request with more is not looked through further. */
const MAX_PAGES = 100;

/** The `rel="next"` page of a `Link` header, where it is on the API's own origin (the token goes nowhere else). */
function nextPage(link, origin) {
  for (const part of (link ?? '').split(/,\s*(?=<)/)) {
    const m = /^<([^>]+)>\s*;\s*rel="?next"?\s*$/.exec(part.trim());
    if (!m) continue;
    const url = new URL(m[1]);
    return url.origin === origin ? url.href : null;
  }
  return null;
}

/**
 * Our comment: the first whose author is the token's identity (`comment-author`: github-actions[bot]
 * for the default token; a PAT's user, or an App's `<slug>[bot]`) and whose body begins with the
 * marker, looked for on every page. A person's comment, even one quoting the marker, is never ours.
 */
async function findOwnComment(api, number, headers, author) {
  const origin = new URL(api).origin;
  let url = `${api}/issues/${number}/comments?per_page=100`;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`GitHub answered ${response.status} to the list of comments`);
    const comments = await response.json();
    const mine = Array.isArray(comments) ? comments.find((c) => c?.user?.login === author && typeof c.body === 'string' && c.body.startsWith(MARKER)) : undefined;
    if (mine) return mine;
    url = nextPage(response.headers.get('link'), origin);
  }
  return undefined;
}

async function postComment(body) {
  const token = process.env.GITHUB_TOKEN;
  const event = process.env.GITHUB_EVENT_PATH ? JSON.parse(fs.readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8')) : {};
  const number = event.pull_request?.number;
  const repo = process.env.GITHUB_REPOSITORY;
  if (!token || !number || !repo) {
    console.log('agent-cost: not a pull request with a token: the comment is not posted');
    return;
  }
  const api = `${process.env.GITHUB_API_URL || 'https://api.github.com'}/repos/${repo}`;
  const headers = { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', 'content-type': 'application/json' };
  const mine = await findOwnComment(api, number, headers, input('comment-author') || 'github-actions[bot]');
  const url = mine ? `${api}/issues/comments/${mine.id}` : `${api}/issues/${number}/comments`;
  const response = await fetch(url, { method: mine ? 'PATCH' : 'POST', headers, body: JSON.stringify({ body }) });
  if (!response.ok) throw new Error(`GitHub answered ${response.status} to the comment`);
}

const markdown = agentCost('markdown');
if (markdown.code === 2) process.exit(2);
// Workflow commands on stdout become annotations on the pull request's changed lines.
process.stdout.write(agentCost('github').out);
const body = `${MARKER}\n${markdown.out}`;
if (process.env.AGENT_COST_DRY_RUN === '1' || !process.env.GITHUB_ACTIONS) {
  if (process.env.AGENT_COST_COMMENT_FILE) fs.writeFileSync(process.env.AGENT_COST_COMMENT_FILE, body);
  else process.stdout.write(body);
} else {
  try {
    await postComment(body);
  } catch (e) {
    console.error(`agent-cost: the comment is not posted: ${e.message}`);
    process.exit(2);
  }
}
process.exit(markdown.code);
