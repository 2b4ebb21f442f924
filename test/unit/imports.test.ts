// The import graph of the extension, the CLI and the panel: no circles (shared types live in
// their own modules), and the core, the shared protocol and the webview never import `vscode`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every module a file names: imports (type-only ones too), re-exports and requires. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) {
    found.push(m[1] ?? m[2] ?? m[3]);
  }
  return found;
}

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(candidate)) return candidate;
  return null;
}

const files = [...sources(path.join(root, 'src')), ...sources(path.join(root, 'webview'))];
const graph = new Map(files.map((f) => {
  const text = fs.readFileSync(f, 'utf8');
  return [f, { text, deps: specifiers(text).map((s) => resolve(f, s)).filter((d): d is string => d !== null) }];
}));

/** Strongly connected components of more than one module (Tarjan), as relative paths. */
function cycles(): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.deps ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, order.get(w) as number));
    }
    if (low.get(v) === order.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(path.relative(root, w));
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.deps.includes(v)) found.push(component.sort());
    }
  };
  for (const f of files) if (!order.has(f)) visit(f);
  return found;
}

describe('the import graph', () => {
  it('reads the modules it checks', () => {
    assert.ok(files.length > 60, `${files.length} modules`);
    const estimate = graph.get(path.join(root, 'src/core/estimate/estimate.ts'));
    assert.ok(estimate && estimate.deps.length > 3, 'imports are found');
  });

  it('has no circles in src/ or webview/', () => {
    assert.deepEqual(cycles(), []);
  });

  it('keeps vscode out of the core, the shared protocol and the panel', () => {
    const pure = files.filter((f) => /[\\/](src[\\/]core|src[\\/]shared|webview)[\\/]/.test(f));
    assert.ok(pure.length > 40);
    const offenders = pure.filter((f) => specifiers(graph.get(f)?.text ?? '').includes('vscode'));
    assert.deepEqual(offenders.map((f) => path.relative(root, f)), []);
  });
});
