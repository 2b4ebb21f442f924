// Child process of `npm run bench`: times `require(dist/extension.js)` + `activate()` against a
// stand-in for the `vscode` module (every name @types/vscode declares, each a no-op that returns
// another stand-in), or a bare `require('yaml')` for comparison, after a garbage collection so
// that setting up the stand-in is not counted. Prints the milliseconds.
// `node --expose-gc activation.cjs extension|yaml`
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

/** A value that is every function, constructor, event and object the extension touches at activation. */
function standIn() {
  const target = function () {};
  return new Proxy(target, {
    get(_t, key) {
      if (key === Symbol.iterator) return function* () {};
      if (key === 'then' || key === '__esModule') return undefined;
      if (key === Symbol.toPrimitive) return () => '';
      if (key === 'length') return 0;
      return standIn();
    },
    set: () => true,
    apply: () => standIn(),
    construct: () => standIn(),
  });
}

const what = process.argv[2];
const root = path.resolve(__dirname, '../..');
if (what === 'yaml') {
  global.gc?.();
  const t = performance.now();
  require(require.resolve('yaml', { paths: [root] }));
  console.log(performance.now() - t);
} else {
  const declared = fs.readFileSync(require.resolve('@types/vscode/index.d.ts', { paths: [root] }), 'utf8');
  const names = new Set([...declared.matchAll(/^\t(?:export )?(?:namespace|class|enum|const|let|function) (\w+)/gm)].map((m) => m[1]));
  const vscode = Object.fromEntries([...names].map((name) => [name, standIn()]));
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };
  const context = { subscriptions: [], extensionUri: standIn(), extension: { packageJSON: { version: 'bench' } } };
  global.gc?.();
  const t = performance.now();
  const extension = require(path.join(root, 'dist/extension.js'));
  extension.activate(context);
  const ms = performance.now() - t;
  if (Object.keys(require.cache).some((f) => f.endsWith(`${path.sep}core.js`))) throw new Error('activation loaded the core');
  console.log(ms);
}
