#!/usr/bin/env node
// `npm run screenshots`: every picture in docs/screenshots/, taken in the real workbench: the
// packaged VSIX installed in code-server, driven by Chromium, on a copy of examples/, in a window
// of 1400 × 900 with the side bar 300 px wide. Prices are read as of one fixed day, so a picture
// changes only when the product does. The pictures are written only once all of them are taken.
// `--no-package` reuses agent-cost-lens.vsix; code-server comes from CS_DIR (see codeServer.mjs).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { codeServerInstalled, copyWorkspace, launchChromium, removeTemps, root, startCodeServer, tempDir } from './vscode/codeServer.mjs';
import { editorWord, hoverWord, lastWebview, openFile, openFolder, openPanel, palette, panelFrame } from './vscode/workbench.mjs';

const OUT = path.join(root, 'docs/screenshots');
const WINDOW = { width: 1400, height: 900 };
const SIDEBAR_WIDTH = 300;
const THEMES = { dark: 'Default Dark Modern', light: 'Default Light Modern' };
const SETTINGS = {
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'remote.autoForwardPorts': false, // other programs' ports on this machine are none of the pictures' business
  'agentCost.priceDate': '2026-12-01',
  'agentCost.observedFiles': ['observed/*.jsonl'], // the traces beside the support agent
};

/**
 * The pictures, in the order they are taken (the typo last: it leaves a problem behind). A picture
 * taken in both themes has the theme in its name (panel-300-dark.png); one taken in the dark theme
 * only does not (hover.png). `take` leaves the window as the picture shows it, and may return the
 * part of the window to keep.
 */
const SHOTS = [
  { name: 'panel-300', themes: ['dark', 'light'], take: sideBar },
  { name: 'panel', themes: ['dark'], take: panelCharts },
  { name: 'codelens', themes: ['dark'], take: codeLens },
  { name: 'hover', themes: ['dark'], take: (page) => hoverStep(page, 'kyc-onprem.agentflow.yaml', 'sanctions-screening') },
  { name: 'report', themes: ['dark'], take: report },
  { name: 'hover-crewai', themes: ['dark'], take: (page) => hoverStep(page, 'tasks.yaml', 'research_task') },
  { name: 'observed', themes: ['dark'], take: (page) => hoverStep(page, 'support-agent.agentflow.yaml', 'answer', 'Observed:') },
  { name: 'diagnostics', themes: ['dark'], take: diagnostics },
];

/** Moves the mouse where it hovers nothing (the status bar's empty middle) and waits for every tooltip to go. */
async function mouseAway(page) {
  await page.mouse.move(WINDOW.width / 2, WINDOW.height - 8);
  await page.waitForFunction(() => ![...document.querySelectorAll('.workbench-hover-container, .monaco-hover:not(.hidden)')].some((e) => e.getClientRects().length > 0), null, { timeout: 10000 })
    .catch(() => { throw new Error('a tooltip still shows 10 s after the mouse moved away'); });
}

/** The panel alone: the side bar, its sash dragged to make it 300 px wide (VS Code's default today, not a promise). */
async function sideBar(page) {
  const sidebar = page.locator('.part.sidebar');
  const box = await sidebar.boundingBox();
  const sash = await page.locator('.monaco-sash.vertical.primary-sidebar-sash').boundingBox();
  const [x, y] = [sash.x + sash.width / 2, sash.y + sash.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + SIDEBAR_WIDTH - box.width, y, { steps: 5 });
  await page.mouse.up();
  await mouseAway(page);
  const clip = await sidebar.boundingBox();
  if (Math.round(clip.width) !== SIDEBAR_WIDTH) throw new Error(`the side bar is ${clip.width} px wide after dragging its sash, not ${SIDEBAR_WIDTH}`);
  return clip;
}

/** Opens `file` as the only editor, so the tabs show what the picture is about, beside the panel's top. */
async function openAlone(page, file) {
  await palette(page, 'View: Close All Editors');
  await page.locator('.editor-instance').waitFor({ state: 'detached', timeout: 10000 });
  await openFile(page, file);
  await panelFrame(page).locator('body').evaluate(() => window.scrollTo(0, 0));
}

/** The panel's charts (small vs large, and over many calls) beside a workflow. */
async function panelCharts(page) {
  await openAlone(page, 'kyc-onprem.agentflow.yaml');
  await panelFrame(page).locator('section#small-vs-large').evaluate((e) => e.scrollIntoView());
  await mouseAway(page);
}

async function codeLens(page) {
  await openAlone(page, 'kyc-onprem.agentflow.yaml');
  await page.locator('.monaco-editor .codelens-decoration', { hasText: '(p95' }).first().waitFor({ timeout: 30000 });
  await mouseAway(page);
}

/**
 * Scrolls the active editor until `word` is near its top, so that a hover or a menu opens below it
 * (and leaves the CodeLens above it in sight); returns the word.
 */
async function scrollNearTop(page, word) {
  const editor = await page.locator('.editor-instance .monaco-editor').first().boundingBox();
  const span = await editorWord(page, word);
  // Ctrl+Down scrolls a line at a time (a mouse wheel's step is the browser's to choose)
  for (let lines = 0; (await span.boundingBox()).y > editor.y + 120; lines++) {
    if (lines === 100) throw new Error(`'${word}' did not scroll to the editor's top`);
    await page.keyboard.press('Control+ArrowDown');
  }
  return span;
}

async function hoverStep(page, file, step, expected = step) {
  await openAlone(page, file);
  await mouseAway(page); // the new editor may have opened under the mouse
  await scrollNearTop(page, step);
  await hoverWord(page, step, expected);
}

async function report(page) {
  await openAlone(page, 'kyc-onprem.agentflow.yaml');
  await palette(page, 'Agent Cost: Estimate This Workflow');
  await lastWebview(page).locator('h2', { hasText: 'On-prem KYC review' }).waitFor({ timeout: 30000 });
  await mouseAway(page);
}

/** A typo in a model's name, as it is typed (unsaved): the problem, and the quick fix it offers. */
async function diagnostics(page) {
  await openAlone(page, 'eval-sweep.agentflow.yaml');
  await mouseAway(page);
  // near the top before the Problems panel takes the editor's lower half
  const model = await scrollNearTop(page, 'mistral-small');
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ timeout: 15000 });
  await model.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await mouseAway(page);
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30000 });
  await page.locator('.markers-panel .monaco-list-row', { hasText: "Unknown model 'mistral-smal'" }).first().waitFor({ timeout: 15000 });
  // Ctrl+. before the quick fixes are known opens nothing: the light bulb shows once they are
  await page.locator('.monaco-editor .lightBulbWidget').first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Control+.');
  await page.locator('.action-widget', { hasText: "Use the catalog model 'mistral-small-4'" }).waitFor({ timeout: 15000 });
}

/** Takes every picture of one theme in one code-server; returns the files written in `dir`. */
async function takeTheme(theme, vsix, dir) {
  const shots = SHOTS.filter((s) => s.themes.includes(theme));
  const workspace = copyWorkspace(path.join(root, 'examples'), { name: 'examples' }); // the title shows "examples"
  // the copy sits inside this repository's folder: git would call its files new on this branch
  // (and the status bar would say so)
  const env = { GIT_CEILING_DIRECTORIES: path.dirname(workspace) };
  const server = await startCodeServer({ env, smokeTestDriver: false, installVsix: vsix, settings: { ...SETTINGS, 'workbench.colorTheme': THEMES[theme] } });
  const browser = await launchChromium(WINDOW);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await openFolder(page, server.url, workspace, 'kyc-onprem.agentflow.yaml');
    await openPanel(page);
    // the panel is complete once the observed runs are read (in a worker) and the charts are drawn
    await panelFrame(page).locator('li.workflow .note.observed').waitFor({ timeout: 30000 });
    await panelFrame(page).locator('#compound-sentence').waitFor({ timeout: 30000 });
    const files = [];
    for (const shot of shots) {
      const file = shot.themes.length > 1 ? `${shot.name}-${theme}.png` : `${shot.name}.png`;
      try {
        const clip = await shot.take(page);
        await page.waitForTimeout(500); // hovers and menus fade in
        await page.screenshot({ path: path.join(dir, file), clip });
      } catch (e) {
        throw new Error(`${file}: ${e.message.split('\n').slice(0, 3).join('\n  ')}`, { cause: e });
      }
      console.log(`  ${file}`);
      files.push(file);
    }
    return files;
  } finally {
    await browser.close().catch(() => {});
    server.kill();
  }
}

const vsix = path.join(root, 'agent-cost-lens.vsix');
try {
  if (!codeServerInstalled()) throw new Error('code-server or Chromium is missing: run scripts/vscode/setup-code-server.sh, or point CS_DIR at an installed code-server');
  if (!process.argv.includes('--no-package') || !fs.existsSync(vsix)) execFileSync('npm', ['run', 'package'], { cwd: root, stdio: 'inherit' });
  const dir = tempDir('screenshots-');
  const files = [];
  for (const theme of Object.keys(THEMES)) {
    console.log(`${THEMES[theme]}:`);
    files.push(...(await takeTheme(theme, vsix, dir)));
  }
  for (const file of files) fs.copyFileSync(path.join(dir, file), path.join(OUT, file));
  console.log(`\n${files.length} pictures in ${path.relative(root, OUT)}`);
} catch (e) {
  console.error(`screenshots: ${e.message}`);
  process.exitCode = 1;
} finally {
  await new Promise((r) => setTimeout(r, 300)); // code-server lets go of its folders
  removeTemps();
}
