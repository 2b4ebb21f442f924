#!/usr/bin/env node
// Renders media/icon.svg to media/icon.png (128 × 128, the Marketplace's size) with Debian's
// Chromium: `node scripts/build-icon.mjs`. Run it when the SVG changes; the PNG is committed.
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium, removeTemps, root } from './vscode/codeServer.mjs';

const svg = fs.readFileSync(path.join(root, 'media/icon.svg'), 'utf8');
const browser = await launchChromium({ width: 128, height: 128 });
try {
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(root, 'media/icon.png'), omitBackground: true });
} finally {
  await browser.close();
  removeTemps();
}
console.log('wrote media/icon.png');
