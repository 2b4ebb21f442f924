// Workspace strings in the outputs: rendered by the engines VS Code renders with (markdown-it for
// reports, marked for hovers), hostile names make no link, image or HTML, and read as written;
// in the terminal they send no control sequence.
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { mdCode, mdText, terminalText } from '../../src/core/reports/escape';
import { markdownReport } from '../../src/core/reports/markdown';
import { modelHover, stepHover, workflowHover } from '../../src/core/reports/explain';
import { estimateText, testCatalog } from './helpers';

/** Names a hostile repository could give its steps, models and workflows. */
export const HOSTILE = [
  '![x](https://attacker.example/p.png)',
  '[click](https://attacker.example)',
  '<img src=x onerror=alert(1)>',
  '<https://attacker.example/a>',
  'https://attacker.example/a.png',
  '//attacker.example/a.png',
  'www.attacker.example',
  'see attacker.com/x',
  'mail me@attacker.com',
  '`code` ``double`` ```',
  '**bold** _it_ ~~del~~',
  '| a | b |',
  '&lt;script&gt; &#x3C;b&#x3E;',
  '$x^2$ and \\(y\\)',
  '# heading\n- list\n> quote',
  '\u001b[2J\u001b]8;;https://attacker.example\u0007ALL GOOD\u001b]8;;\u0007',
  'line\r\nbreak\u2028sep',
];

const md = new MarkdownIt({ html: true, linkify: true });
/** The tags our own templates use; anything else came from a workspace string. */
const OURS = new Set(['p', 'code', 'strong', 'em', 'ul', 'li', 'h1', 'h2', 'h3', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'br', 'hr']);
const foreignTags = (html: string) => [...html.matchAll(/<\/?([a-z0-9-]+)/gi)].map((m) => m[1].toLowerCase()).filter((t) => !OURS.has(t));
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').trim();

async function renderers(): Promise<((s: string) => string)[]> {
  const { marked } = await import('marked');
  return [(s) => md.render(s), (s) => marked.parse(s, { async: false, gfm: true }) as string];
}

describe('workspace strings in Markdown', () => {
  it('make no link, image or HTML, in text and in code spans, and read as written', async () => {
    for (const render of await renderers()) {
      for (const hostile of HOSTILE) {
        // eslint-disable-next-line no-control-regex -- control characters are what this matches
        const shown = hostile.replace(/[\r\n\t\u2028\u2029]+/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
        for (const [name, markdown] of [['text', mdText(hostile)], ['code', mdCode(hostile)], ['in a sentence', `Step ${mdCode(hostile)} on ${mdText(hostile)}.`]]) {
          const html = render(markdown);
          assert.deepEqual(foreignTags(html), [], `${name}: ${JSON.stringify(hostile)} → ${html}`);
        }
        assert.equal(text(render(mdText(hostile))), shown.trim(), `reads as written: ${JSON.stringify(hostile)}`);
        assert.equal(text(render(mdCode(hostile))), shown.trim(), `code reads as written: ${JSON.stringify(hostile)}`);
      }
    }
  });

  it('keep hostile step ids and model names inert in the report and every hover', async () => {
    const steps = HOSTILE.map((id, i) => `  - { id: ${JSON.stringify(id)}, model: ${JSON.stringify(`m${i}`)}, input_tokens: 10, output_tokens: 10 }`).join('\n');
    const models = HOSTILE.map((name, i) => `  ${JSON.stringify(`m${i}`)}: { name: ${JSON.stringify(name)}, provider: ${JSON.stringify(name)}, price: { input: 1, output: 2 } }`).join('\n');
    const e = estimateText(`name: ${JSON.stringify(HOSTILE[0])}\nmodels:\n${models}\nsteps:\n${steps}\n`);
    assert.equal(e.steps.length, HOSTILE.length, JSON.stringify(e.errors));
    const catalog = testCatalog().withOverrides([]);
    const pages = [markdownReport([e]), workflowHover(e), ...e.steps.map((s) => stepHover(e, s))];
    for (const [i] of HOSTILE.entries()) {
      const entry = estimateText(`models:\n${models}\nsteps:\n  - { id: a, model: m${i}, input_tokens: 1, output_tokens: 1 }\n`);
      assert.ok(entry.ok);
      const m = catalog.resolve('gpt-5.5');
      if (m) pages.push(modelHover({ ...m, displayName: HOSTILE[i], provider: HOSTILE[i] }));
    }
    for (const render of await renderers()) {
      for (const page of pages) assert.deepEqual(foreignTags(render(page)), [], page.slice(0, 300));
    }
  });
});

describe('workspace strings in the terminal', () => {
  it('show control characters as escapes, so no sequence reaches the terminal', () => {
    const out = terminalText(HOSTILE[15]);
    // eslint-disable-next-line no-control-regex -- control characters are what this matches
    assert.doesNotMatch(out, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    assert.match(out, /\\x1b\[2J/);
  });
});
