// Files written to speak through our output: a pull request's workflow whose name closes the
// comment's <summary> and opens a link, a folder named with `|` and Markdown, step ids that ping
// people, forge terminal rows, carry GitHub Actions workflow commands or reverse the text around
// them. Through the CLI as CI runs it, every format: the comment renders with no element the
// files wrote, and no line of any output starts a workflow command or breaks where the file did.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { csvText, ghText, htmlText, jsonText, mdCellCode, mdText, terminalLine, terminalText } from '../../src/core/reports/escape';
import { PRICE_DATE } from './helpers';
import { HANG_GUARD_MS } from './mutate';

const bin = path.resolve(__dirname, '../../../bin/agent-cost.js');

const NAME = 'x</summary><a href=https:evil%2Eexample>Click to re-authenticate</a><img src=https://evil.example/t.png><h1>Pwned</h1>';
const FOLDER = 'flows|![x](p.png) **bold** [link](evil.example) www.evil.example # h|';
const IDS = [
  'a\n::add-mask::SECRET\n::error file=x::injected',
  'line1\nline2 fake: total $0.00',
  'rtl\u202Etxt.exe',
  '@octocat and @org/team, cc @someone',
  '##[error]legacy command',
  '# heading\n===\n- item',
];

/** A step list using every hostile id, each priced (or not: an unknown model's problem quotes its id). */
const steps = (model: string) => IDS.map((id, i) => `  - { id: ${JSON.stringify(id)}, model: ${i === 5 ? 'no-such-model-xyz' : model}, input_tokens: 100, output_tokens: 10 }`).join('\n');
const workflow = (model: string) => `name: ${JSON.stringify(NAME)}\nsteps:\n${steps(model)}\n`;

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=T', ...args], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

function agentCost(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args, '--price-date', PRICE_DATE], { cwd, encoding: 'utf8', timeout: 3 * HANG_GUARD_MS });
  assert.equal(r.error, undefined, r.error?.message);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at .+:\d+:\d+/, r.stderr);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Lines a GitHub Actions runner would run as a workflow command: `::` first (after spaces), or `##[` anywhere. */
const commandLines = (text: string) => text.split('\n').filter((l) => /^\s*::/.test(l) || l.includes('##['));

const md = new MarkdownIt({ html: true, linkify: true });
/** Text outside code elements that GitHub would read as a mention: `@` beginning a word. */
const mentions = (html: string) => html.replace(/<code>[\s\S]*?<\/code>/g, '').replace(/<[^>]+>/g, ' ').match(/(^|\W)@[A-Za-z0-9][\w-]*/g) ?? [];

describe('a pull request that writes into our output', function () {
  this.timeout(10 * HANG_GUARD_MS);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-cost-output-'));
    fs.mkdirSync(path.join(dir, FOLDER));
    fs.writeFileSync(path.join(dir, FOLDER, 'support.agentflow.yaml'), workflow('gpt-4.1-mini'));
    fs.writeFileSync(path.join(dir, '::error::named.agentflow.yaml'), workflow('gpt-4.1-mini'));
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    for (const file of [path.join(FOLDER, 'support.agentflow.yaml'), '::error::named.agentflow.yaml']) fs.writeFileSync(path.join(dir, file), workflow('gpt-4.1'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gets a comment that renders with no link, image, heading or mention the files wrote', () => {
    const r = agentCost(dir, 'diff', '--base', 'HEAD', '--format', 'markdown');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /<details><summary>x&lt;\/summary&gt;&lt;a href=https:evil%2Eexample&gt;/, 'the name is text in the summary');
    const html = md.render(r.out);
    assert.doesNotMatch(html, /<a[\s>]|<img[\s>]|<h[124-6][\s>]/, html);
    assert.equal(html.match(/<h3>/g)?.length, 1, 'our own heading only');
    assert.equal(html.match(/<summary>x&lt;\/summary&gt;&lt;a href/g)?.length, 2, 'each changed workflow\'s summary holds its name as text');
    assert.equal(html.match(/<\/summary>/g)?.length, 2, 'and ends where ours does');
    assert.deepEqual(mentions(html), [], 'nobody is pinged');
    assert.ok(html.includes(`<code>${FOLDER}/support.agentflow.yaml</code>`), 'the folder reads as written, in its code span');
    assert.match(html, /Click to re-authenticate/, 'the name reads as written');
    // the table row is one row of five cells: the folder's pipes split nothing
    const row = html.split('<tr>').find((t) => t.includes('support.agentflow.yaml')) ?? '';
    assert.equal(row.match(/<td/g)?.length, 5, row);
  });

  it('prints no workflow command, forged row or reversed text in any format, on stdout or stderr', () => {
    const runs = [
      ...['table', 'json', 'markdown', 'csv'].map((format) => agentCost(dir, 'estimate', '.', '--format', format)),
      ...['table', 'json', 'markdown'].map((format) => agentCost(dir, 'diff', '--base', 'HEAD', '--format', format)),
    ];
    for (const r of runs) {
      assert.deepEqual(commandLines(r.out + r.err), [], r.out.slice(0, 3000));
      assert.doesNotMatch(r.out + r.err, /[\u202e\u2028\u2029\u0085]/);
      assert.doesNotMatch(r.out + r.err, /^line2 fake/m, 'no forged row');
    }
    const table = runs[0].out.split('\n');
    // one row per step: the first id's row holds it (cut at the column's width), and the next row is the next step's
    const first = table.findIndex((l) => /^ {2}a\\n::add-mask::SE/.test(l));
    assert.ok(first > 0, runs[0].out);
    assert.match(table[first + 1], /^ {2}line1\\nline2 fake/);
    assert.ok(table.some((l) => l.includes('rtl\\u202etxt.exe')), 'U+202E shown as written in code');
    const json = JSON.parse(runs[1].out);
    assert.deepEqual(json.workflows[0].steps.map((s: { id: string }) => s.id), IDS.slice(0, 5), 'JSON reads back the same ids (the unknown model\'s step is a problem)');
  });

  it('annotates for GitHub with one command a line, none of them the files\'', () => {
    const r = agentCost(dir, 'diff', '--base', 'HEAD', '--format', 'github');
    const lines = r.out.trimEnd().split('\n');
    for (const line of lines) assert.match(line, /^::(warning file=[^:\n]*,line=\d+,title=Cost per run rose|notice title=Agent Cost Lens)::/, line);
    assert.equal(lines.filter((l) => l.startsWith('::notice')).length, 1);
    assert.ok(lines.every((l) => !l.includes('##[')), r.out);
  });
});

describe('escaping, one function per place', () => {
  it('shows hidden characters in the terminal, breaks workflow commands, and is idempotent', () => {
    assert.equal(terminalText('a\nb\r\tc\u001b[2J\u202eZ\u2028'), 'a\\nb\\r\\tc\\x1b[2J\\u202eZ\\u2028');
    assert.equal(terminalLine('  ::error::x'), '  \\x3a:error::x');
    assert.equal(terminalLine('ok ::error::x'), 'ok ::error::x', 'only at the start of a line');
    assert.equal(terminalText('see ##[error]x'), 'see \\x23#[error]x');
    for (const s of ['::a\n::b', '##[x]\u202e', '\u0000\u0085']) assert.equal(terminalLine(terminalLine(s)), terminalLine(s));
  });

  it('writes CSV and JSON with the same controls neutralised, and reads JSON back the same', () => {
    assert.equal(csvText('::error::x'), '\\x3a:error::x');
    assert.equal(csvText('a\nb, "c"'), '"a\\nb, ""c"""');
    assert.equal(csvText('=1+1'), "'=1+1");
    const value = { id: 'a\u202e\u2028\u0085##[error]b' };
    const text = jsonText(JSON.stringify(value));
    assert.doesNotMatch(text, /[\u202e\u2028\u0085]|##\[/);
    assert.deepEqual(JSON.parse(text), value);
  });

  it('keeps HTML, table cells and mentions inert in Markdown', async () => {
    assert.equal(htmlText('<b>&"\'@user'), '&lt;b&gt;&amp;&quot;&#39;@\u200duser');
    assert.equal(ghText('@user me@example.com'), '@\u200duser me@example\\.com');
    assert.equal(mdText('@user'), '@user', 'outside GitHub, a name reads as written');
    const { marked } = await import('marked');
    const table = (cell: string) => `| a | b |\n|---|---|\n| ${cell} | 2 |\n`;
    // markdown-it as VS Code renders, marked as GitHub splits a row (backslashes in pairs)
    for (const render of [(t: string) => md.render(t), (t: string) => marked.parse(t, { async: false, gfm: true }) as string]) {
      for (const s of ['a|b', 'a\\|b ![i](https://e.x/p.png)', 'a\\\\|b', '|`|']) {
        const html = render(table(mdCellCode(s)));
        assert.equal(html.match(/<td/g)?.length, 2, `${s}: ${html}`);
        assert.doesNotMatch(html, /<img/);
      }
      assert.match(render(table(mdCellCode('a|b'))), /<code>a\|b<\/code>/);
    }
  });
});
