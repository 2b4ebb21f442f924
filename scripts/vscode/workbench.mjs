// Driving code-server's workbench like a user, with playwright-core: open a folder, a file, a
// command, the side panel, a hover. Shared by the UI test (test/ui/drive.mjs) and the screenshots
// (scripts/screenshots.mjs); every wait is bounded, so a workbench that changed fails with the
// locator it waited for.

/** Opens `folder` in the workbench and waits until the explorer lists `file` (the workbench is up). */
export async function openFolder(page, serverUrl, folder, file) {
  await page.goto(`${serverUrl}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: file }).waitFor({ timeout: 90000 });
}

/** Runs a command from the palette (F1), by its title. */
export async function palette(page, command) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`>${command}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: command }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
}

/** Opens a workspace file with Quick Open (Ctrl+P), by its name, and waits for its tab. */
export async function openFile(page, name) {
  const input = page.locator('.quick-input-widget input');
  // Quick Open can miss a key press while the workbench moves focus (after a closed editor): retry.
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Control+P');
    try {
      await input.waitFor({ state: 'visible', timeout: 5000 });
      break;
    } catch (e) {
      if (attempt === 2) throw e;
      await page.locator('.editor-instance').first().click({ position: { x: 5, y: 5 } }).catch(() => {});
    }
  }
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 15000 });
}

/** The side panel's content: the first webview of the window (reports open after it). */
export function panelFrame(page) {
  return page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
}

/** The last webview opened: a report, beside the panel. */
export function lastWebview(page) {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

/** Opens the side panel from its activity-bar icon and waits for its list of workflows. */
export async function openPanel(page) {
  await page.locator('.activitybar .action-item a[aria-label^="Agent Cost Lens"], .activitybar .action-item[aria-label^="Agent Cost Lens"]').first().click();
  await panelFrame(page).locator('#workflows h2', { hasText: 'Your workflows' }).waitFor({ timeout: 60000 });
}

/** The first word of the active editor that is exactly `word` (a step's id, say), once it shows. */
export async function editorWord(page, word) {
  const exactly = new RegExp(`^${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const span = page.locator('.editor-instance .monaco-editor').first().locator('.view-line span', { hasText: exactly }).first();
  await span.waitFor({ timeout: 15000 });
  return span;
}

/** Hovers `word` in the active editor (see editorWord) and returns the hover once it shows `expected`. */
export async function hoverWord(page, word, expected = word) {
  await (await editorWord(page, word)).hover();
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: expected }).first();
  await hover.waitFor({ timeout: 20000 });
  return hover;
}
