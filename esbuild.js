// Builds dist/: the extension host bundle, the webview bundle, the CLI, and two chunks loaded on
// demand (the tokenizer's rank table and the price library) so that activation stays fast.
// `node esbuild.js [--production] [--watch]`
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Large libraries the core requires lazily: the main bundles load them from their own files. */
const lazyChunks = {
  name: 'lazy-chunks',
  setup(build) {
    build.onResolve({ filter: /^gpt-tokenizer\/encoding\/o200k_base$/ }, () => ({ path: './tokenizer.js', external: true }));
    build.onResolve({ filter: /^@pydantic\/genai-prices$/ }, () => ({ path: './prices.js', external: true }));
    build.onResolve({ filter: /litellm-snapshot\.json$/ }, () => ({ path: './prices.js', external: true }));
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
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [problemMatcher],
};

const builds = [
  { ...node, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', plugins: [lazyChunks, problemMatcher] },
  { ...node, entryPoints: ['src/core/chunks/tokenizer.js'], outfile: 'dist/tokenizer.js' },
  {
    ...node,
    entryPoints: ['src/core/chunks/prices.js'],
    outfile: 'dist/prices.js',
    define: { 'process.env.GENAI_PRICES_VERSION': JSON.stringify(packageVersion('@pydantic/genai-prices')) },
  },
];
if (fs.existsSync(path.join(__dirname, 'src/extension.ts'))) {
  builds.push({ ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [lazyChunks, problemMatcher] });
}
if (fs.existsSync(path.join(__dirname, 'webview/main.ts'))) {
  builds.push({
    bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: production, sourcemap: !production,
    sourcesContent: false, logLevel: 'silent', entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js', plugins: [problemMatcher],
  });
}

async function main() {
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
