// The documentation's links: every relative link and anchor in the README, CONTRIBUTING, the
// changelog, docs/ and the walkthrough leads somewhere, and the README's lead to files the VSIX
// ships (the Marketplace shows the README with its links as they are).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

function markdownFiles(): string[] {
  const docs = (dir: string): string[] => fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const relative = path.join(dir, e.name);
    if (e.isDirectory()) return docs(relative);
    return e.name.endsWith('.md') ? [relative] : [];
  });
  return ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', ...docs('docs'), ...docs('media/walkthrough')];
}

/** The text outside fenced code blocks and code spans, where links and headings are. */
function prose(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, (code) => code.replace(/[[\]()]/g, ' '));
}

/** Heading anchors as GitHub makes them (github-slugger): lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const noCode = text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const m of noCode.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = m[1].replace(/`/g, '').toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

function links(file: string): { target: string; line: number }[] {
  const text = prose(fs.readFileSync(path.join(root, file), 'utf8'));
  const out: { target: string; line: number }[] = [];
  for (const m of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    out.push({ target: m[1], line: text.slice(0, m.index).split('\n').length });
  }
  return out;
}

const external = (target: string) => /^(https?:|mailto:|command:|vscode:)/.test(target);

describe('the documentation\'s links', () => {
  const files = markdownFiles();

  it('finds the pages it checks', () => {
    assert.ok(files.includes('docs/estimation.md') && files.includes('docs/architecture.md'), files.join(', '));
    assert.ok(links('README.md').filter((l) => !external(l.target)).length >= 15);
  });

  it('leads to files and headings that exist', () => {
    const broken: string[] = [];
    for (const file of files) {
      for (const { target, line } of links(file)) {
        if (external(target)) continue;
        const [where, anchor] = target.split('#');
        const resolved = where ? path.resolve(path.dirname(path.join(root, file)), decodeURI(where)) : path.join(root, file);
        if (!fs.existsSync(resolved)) {
          broken.push(`${file}:${line}: ${target} (no such file)`);
          continue;
        }
        if (anchor && resolved.endsWith('.md') && !anchors(fs.readFileSync(resolved, 'utf8')).has(anchor)) broken.push(`${file}:${line}: ${target} (no such heading)`);
      }
    }
    assert.deepEqual(broken, []);
  });

  it('links every docs page from the README', () => {
    const fromReadme = new Set(links('README.md').map((l) => l.target.split('#')[0]));
    const pages = files.filter((f) => f.startsWith('docs/'));
    assert.deepEqual(pages.filter((p) => !fromReadme.has(p)), []);
  });

  it('keeps the README\'s links to files the VSIX ships', () => {
    // .vscodeignore leaves out everything, then lets these patterns back in
    const shipped = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1).trim());
    const pattern = (glob: string) => new RegExp(`^${glob.split('**').map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('.*')}$`);
    const unshipped = links('README.md').map((l) => l.target.split('#')[0]).filter((t) => t && !external(t) && !shipped.some((g) => pattern(g).test(t)));
    assert.deepEqual(unshipped, []);
  });

  it('keeps the README short: a front page, under 1,500 words', () => {
    const words = fs.readFileSync(path.join(root, 'README.md'), 'utf8').split(/\s+/).filter((w) => /\w/.test(w)).length;
    assert.ok(words < 1500, `${words} words`);
  });
});
