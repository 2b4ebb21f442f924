#!/usr/bin/env node
// `npm run test:integration`: the extension-host suites (test/integration/*.test.ts, compiled to
// out/) in a real VS Code. Where VS Code desktop can be downloaded, @vscode/test-electron runs
// them as usual; here, code-server does (installed on first use, as in CI). A run that does not
// finish, or reports no result, fails: a suite that did not run never counts as passed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  codeServerInstalled, copyWorkspace, ensureCodeServer, removeTemps, root, runInExtensionHost, tempDir,
} from '../../scripts/vscode/codeServer.mjs';

const testsPath = path.join(root, 'out/test/integration/index');
const fixtures = path.join(root, 'test/fixtures/workspace');
const TIMEOUT_MS = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 300000);

async function withElectron() {
  const { runTests } = await import('@vscode/test-electron');
  const workspace = copyWorkspace(fixtures);
  const resultsFile = path.join(tempDir('results-'), 'results.json');
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: testsPath,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { AGENT_COST_RESULTS_FILE: resultsFile },
  });
  return JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
}

const onConsole = (text) => {
  if (process.env.VERBOSE || /^\s*(✔|✓|\d+\) |\[integration\]|[0-9]+ passing|[0-9]+ failing)|Error|assert/.test(text) || /^\s{2,}\S/.test(text)) console.log(text);
};

async function withCodeServer() {
  ensureCodeServer();
  return runInExtensionHost({ testsPath, workspace: copyWorkspace(fixtures), timeoutMs: TIMEOUT_MS, onConsole });
}

/**
 * A `git` that logs each call's arguments to `log`, then runs the real one, for the Restricted Mode
 * suite to put first on the extension host's PATH (code-server resolves the host's PATH from a
 * login shell) and check that the extension ran none (its calls all carry its `-c` settings).
 */
function loggingGit(log) {
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const bin = tempDir('git-bin-');
  fs.writeFileSync(path.join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> ${JSON.stringify(log)}\nexec ${JSON.stringify(real)} "$@"\n`, { mode: 0o755 });
  return { AGENT_COST_GIT_BIN: bin, AGENT_COST_GIT_LOG: log };
}

/**
 * The Restricted Mode suites, in code-server with workspace trust on: an untrusted copy of
 * test/fixtures/untrusted whose settings point at a catalog outside it, next to a secret file; a
 * git repository on a branch off main, whose config would run a program for git.
 */
async function restrictedRun() {
  const workspace = copyWorkspace(path.join(root, 'test/fixtures/untrusted'));
  const outside = path.join(path.dirname(workspace), 'outside');
  fs.mkdirSync(outside, { recursive: true });
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'A SECRET OUTSIDE THE WORKSPACE '.repeat(1000));
  fs.writeFileSync(path.join(outside, 'catalog.yaml'), 'models:\n  gpt-5.5: { price: { input: 1000000, output: 1000000 } }\n');
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(workspace, '.vscode/settings.json'), JSON.stringify({
    'agentCost.catalogFiles': [path.join(outside, 'catalog.yaml')],
    'agentCost.deployments': { 'gpt-5.5': 'claude-opus-5' },
    'agentCost.assumptions': { output_tokens: 99999 },
    'agentCost.workflowGlobs': ['**/*.never'],
  }, null, 2));
  const git = (...args) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=T', ...args], { cwd: workspace, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'base');
  git('checkout', '-qb', 'feature');
  git('config', 'core.fsmonitor', `touch ${JSON.stringify(path.join(outside, 'PWNED'))}; false`);
  const env = loggingGit(path.join(outside, 'git.log'));
  return runInExtensionHost({ testsPath: path.join(root, 'out/test/integration/restricted/index'), workspace, timeoutMs: TIMEOUT_MS, onConsole, restricted: true, env });
}

let results;
try {
  if (codeServerInstalled() || process.env.AGENT_COST_VSCODE === 'code-server') {
    results = await withCodeServer();
    const restricted = await restrictedRun();
    results = { passed: [...results.passed, ...restricted.passed], failed: [...results.failed, ...restricted.failed], pending: [...results.pending, ...restricted.pending] };
  }
  else {
    try {
      results = await withElectron();
    } catch (e) {
      console.log(`VS Code desktop is not available (${e.message.split('\n')[0]}); using code-server.`);
      results = await withCodeServer();
    }
  }
} catch (e) {
  console.error(`integration tests could not run: ${e.message}`);
  process.exitCode = 1;
}
if (results) {
  for (const f of results.failed) console.log(`✗ ${f.title}\n  ${f.error.split('\n').slice(0, 6).join('\n  ')}`);
  console.log(`\nintegration: ${results.passed.length} passed, ${results.failed.length} failed`);
  if (results.failed.length > 0 || results.passed.length === 0 || results.pending.length > 0) process.exitCode = 1;
}
await new Promise((r) => setTimeout(r, 300));
removeTemps();
