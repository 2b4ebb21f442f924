// Builds dist/: the extension's activation bundle (the wiring only), the core it loads on the first
// workflow (dist/core.js), the worker thread that reads observation files (dist/observeWorker.js),
// the webview bundle, the CLI, and what the core loads only when it needs it: the schema check
// (agentflow files only), the tokenizer's rank table, the price library, and the catalog data as
// plain JSON. `node esbuild.js [--production] [--watch]`
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Modules the core requires lazily, each bundled on its own: `require(module)` becomes `require('./file')`. */
const CHUNKS = [
  { module: /^gpt-tokenizer\/encoding\/o200k_base$/, file: 'tokenizer.js', entry: 'src/core/chunks/tokenizer.js' },
  { module: /^@pydantic\/genai-prices$/, file: 'prices.js', entry: 'src/core/chunks/prices.js' },
  { module: /^\.\/agentflowValidator$/, file: 'schema.js', entry: 'src/core/formats/agentflowValidator.ts' },
];
/** Data the core requires as JSON, copied beside the bundles (JSON.parse is faster than a JS object literal). */
const DATA = ['src/core/catalog/models.json', 'src/core/catalog/litellm-snapshot.json', 'src/core/catalog/measured.json'];

const lazyChunks = {
  name: 'lazy-chunks',
  setup(build) {
    for (const chunk of CHUNKS) build.onResolve({ filter: chunk.module }, () => ({ path: `./${chunk.file}`, external: true }));
    const names = new Set(DATA.map((f) => path.basename(f)));
    build.onResolve({ filter: /\.json$/ }, (args) => (names.has(path.basename(args.path)) ? { path: `./${path.basename(args.path)}`, external: true } : undefined));
  },
};

/** The activation bundle requires the core lazily, from its own chunk (see src/coreLoader.ts). */
const lazyCore = {
  name: 'lazy-core',
  setup(build) {
    build.onResolve({ filter: /^\.\/core\/api$/ }, () => ({ path: './core.js', external: true }));
  },
};

/**
 * `vscode` as one ES module of the names the extension uses: esbuild then reads each name once,
 * instead of copying the whole API object into every module that imports it (20 modules × some
 * 250 getters at activation). The names come from @types/vscode; unused ones are tree-shaken.
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    const declared = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
    const names = [...new Set([...declared.matchAll(/^\t(?:export )?(?:namespace|class|enum|const|let|function) (\w+)/gm)].map((m) => m[1]))];
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({
      contents: `import * as api from 'vscode';\n${names.map((n) => `export const ${n} = api.${n};`).join('\n')}`,
      loader: 'js',
    }));
  },
};

/** Prints build start and end, in the shape VS Code's esbuild problem matcher reads. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/** Writes the catalog data into dist/ on every build, without its indentation. */
const copyData = {
  name: 'copy-data',
  setup(build) {
    build.onEnd(() => {
      for (const f of DATA) {
        const data = JSON.parse(fs.readFileSync(path.join(__dirname, f), 'utf8'));
        fs.writeFileSync(path.join(__dirname, 'dist', path.basename(f)), JSON.stringify(data));
      }
    });
  },
};

function packageVersion(name) {
  const entry = require.resolve(name);
  const manifest = path.join(entry.slice(0, entry.lastIndexOf(`node_modules${path.sep}${name.replace('/', path.sep)}`)), 'node_modules', name, 'package.json');
  return JSON.parse(fs.readFileSync(manifest, 'utf8')).version;
}

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // jsonc-parser's "main" is a UMD build that esbuild cannot follow; its ESM build bundles cleanly
  mainFields: ['module', 'main'],
  // yaml's ES module build, the same code as its CommonJS one, lets esbuild leave out what the core never calls
  alias: { yaml: './node_modules/yaml/browser/dist/index.js' },
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [problemMatcher],
};

const builds = [
  { ...node, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', plugins: [lazyChunks, problemMatcher, copyData] },
  ...CHUNKS.map((chunk) => ({
    ...node,
    entryPoints: [chunk.entry],
    outfile: `dist/${chunk.file}`,
    define: chunk.file === 'prices.js' ? { 'process.env.GENAI_PRICES_VERSION': JSON.stringify(packageVersion('@pydantic/genai-prices')) } : undefined,
  })),
];
if (fs.existsSync(path.join(__dirname, 'src/extension.ts'))) {
  builds.push(
    { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [vscodeOnce, lazyCore, problemMatcher] },
    { ...node, entryPoints: ['src/core/api.ts'], outfile: 'dist/core.js', plugins: [lazyChunks, problemMatcher] },
    { ...node, entryPoints: ['src/observeWorker.ts'], outfile: 'dist/observeWorker.js' },
  );
}
if (fs.existsSync(path.join(__dirname, 'webview/main.ts'))) {
  builds.push({
    bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: production, sourcemap: !production,
    sourcesContent: false, logLevel: 'silent', entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js', plugins: [problemMatcher],
  });
}

async function main() {
  fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  const results = await Promise.all(contexts.map((ctx) => ctx.rebuild().catch((e) => e)));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  if (results.some((r) => r instanceof Error || (r.errors && r.errors.length))) process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
