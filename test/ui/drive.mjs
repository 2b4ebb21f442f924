#!/usr/bin/env node
// `npm run test:ui`: the packaged VSIX, installed in code-server, driven like a user with Debian's
// Chromium: open the panel from the activity bar, run Estimate This Workflow from the palette,
// hover a step, see traces of past runs beside the estimate, see a diagnostic. Screenshots go to test-results/screenshots/ (ignored by git).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { copyWorkspace, ensureCodeServer, launchChromium, removeTemps, root, startCodeServer } from '../../scripts/vscode/codeServer.mjs';
import { hoverWord, lastWebview, openFile, openFolder, openPanel, palette, panelFrame } from '../../scripts/vscode/workbench.mjs';

const shots = path.join(root, 'test-results/screenshots');
fs.mkdirSync(shots, { recursive: true });
const vsix = path.join(root, 'agent-cost-lens.vsix');
const checks = [];
let page;

async function shot(name) {
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

async function check(name, run) {
  const started = Date.now();
  try {
    await run();
    checks.push({ name, ok: true });
    console.log(`  ✔ ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    checks.push({ name, ok: false });
    console.log(`  ✗ ${name}\n    ${String(e.message).split('\n').slice(0, 4).join('\n    ')}`);
    await shot(`failed-${name.replace(/\W+/g, '-')}`).catch(() => {});
  }
}

if (!process.argv.includes('--no-package') || !fs.existsSync(vsix)) execFileSync('npm', ['run', 'package'], { cwd: root, stdio: 'inherit' });
execFileSync('npm', ['run', 'compile-tests'], { cwd: root, stdio: 'ignore' }); // the core's formatting, to compare figures
ensureCodeServer();
const workspace = copyWorkspace(path.join(root, 'examples'));
fs.copyFileSync(path.join(root, 'test/fixtures/workspace/broken.agentflow.yaml'), path.join(workspace, 'broken.agentflow.yaml'));
const server = await startCodeServer({ smokeTestDriver: false, installVsix: vsix, settings: { 'workbench.colorTheme': 'Default Dark Modern', 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'agentCost.observedFiles': ['observed/*.jsonl'] } });
const browser = await launchChromium();
try {
  page = browser.pages()[0] ?? (await browser.newPage());
  await openFolder(page, server.url, workspace, 'kyc-onprem.agentflow.yaml');

  await check('the activity-bar icon opens the panel, which lists the workspace\'s workflows', async () => {
    await openPanel(page);
    const panel = panelFrame(page);
    await panel.locator('li.workflow', { hasText: 'On-prem KYC review' }).waitFor({ timeout: 30000 });
    const rows = await panel.locator('li.workflow').count();
    assert.equal(rows, 8, 'seven examples (a crew counted once) and the broken file');
    // the same figures as the core (the CLI) gives for the file
    const json = JSON.parse(execFileSync(process.execPath, [path.join(root, 'bin/agent-cost.js'), 'estimate', path.join(workspace, 'kyc-onprem.agentflow.yaml'), '--format', 'json'], { encoding: 'utf8' }));
    const { usd, seconds, wh } = await import(pathToFileURL(path.join(root, 'out/src/core/reports/format.js')).href);
    const kyc = panel.locator('li.workflow', { hasText: 'On-prem KYC review' });
    const figures = json.workflows[0].per_run;
    assert.equal(await kyc.locator('.fig.cost').innerText(), `${usd(figures.cost_usd.p50)}/run`);
    assert.equal(await kyc.locator('.fig.latency').innerText(), `p95 ${seconds(figures.latency_s.p95)}`);
    assert.equal(await kyc.locator('.fig.energy').innerText(), wh(figures.energy_wh.p50));
    await panel.locator('#compound-sentence').waitFor({ timeout: 30000 });
    await page.waitForTimeout(500);
    await shot('panel');
  });

  await check('Estimate This Workflow, from the palette, shows the report', async () => {
    await openFile(page, 'kyc-onprem.agentflow.yaml');
    await page.locator('.monaco-editor .codelens-decoration', { hasText: '/run' }).first().waitFor({ timeout: 30000 });
    await shot('codelens');
    await palette(page, 'Agent Cost: Estimate This Workflow');
    const preview = lastWebview(page);
    await preview.locator('h2', { hasText: 'On-prem KYC review' }).waitFor({ timeout: 30000 });
    assert.ok(await preview.locator('h3', { hasText: 'Steps' }).count());
    await page.waitForTimeout(500);
    await shot('report');
    await page.keyboard.press('Control+W');
  });

  await check('hovering a step shows its figures', async () => {
    await openFile(page, 'kyc-onprem.agentflow.yaml');
    const hover = await hoverWord(page, 'sanctions-screening');
    const text = await hover.innerText();
    assert.match(text, /Cost/);
    assert.match(text, /\$0\.00\d+/);
    assert.match(text, /Wall time/);
    assert.match(text, /Energy/);
    await page.waitForTimeout(400);
    await shot('hover');
  });

  await check('traces of past runs show beside the estimate, in the CodeLens, the hover and the panel', async () => {
    await openFile(page, 'support-agent.agentflow.yaml');
    await page.locator('.monaco-editor .codelens-decoration', { hasText: 'observed' }).first().waitFor({ timeout: 30000 });
    const hover = await hoverWord(page, 'answer', 'Observed:');
    assert.match(await hover.innerText(), /observed \$[\d.]+ over 24 runs/);
    await page.waitForTimeout(400);
    await shot('observed');
    await page.keyboard.press('Escape');
    await panelFrame(page).locator('li.workflow', { hasText: 'Customer support with retrieval' }).locator('.note.observed', { hasText: 'over 24 runs' }).waitFor({ timeout: 30000 });
  });

  await check('a broken file shows its diagnostics', async () => {
    await openFile(page, 'broken.agentflow.yaml');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30000 });
    await page.keyboard.press('Control+Shift+M');
    const marker = page.locator('.markers-panel .monaco-list-row', { hasText: "Unknown model 'mistral-smal'" }).first();
    await marker.waitFor({ timeout: 15000 });
    await page.waitForTimeout(400);
    await shot('diagnostics');
  });
} finally {
  await browser.close().catch(() => {});
  server.kill();
  await new Promise((r) => setTimeout(r, 300));
  removeTemps();
}
const failed = checks.filter((c) => !c.ok).length;
console.log(`\nui: ${checks.length - failed} passed, ${failed} failed (screenshots in ${path.relative(root, shots)})`);
process.exitCode = failed > 0 || checks.length === 0 ? 1 : 0;
