#!/usr/bin/env node
// `npm run test:webview`: the panel's bundle (dist/webview.js) in Debian's Chromium, on a test page
// that plays the host: it provides acquireVsCodeApi, answers with the core's own data (the same
// functions the extension host calls), and switches VS Code's theme classes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { launchChromium, removeTemps, root } from '../../scripts/vscode/codeServer.mjs';

const require = createRequire(import.meta.url);
const core = (p) => require(path.join(root, 'out/src/core', p));
const { bundledCatalog } = core('catalog/catalog.js');
const { panelData } = core('panel/panelData.js');
const { loopSeries } = core('panel/compounding.js');
const { usd } = core('reports/format.js');

const shots = path.join(root, 'test-results/screenshots');
fs.mkdirSync(shots, { recursive: true });
const catalog = bundledCatalog();
const data = panelData(catalog);
const rows = [
  { uri: 'file:///w/kyc.agentflow.yaml', path: 'kyc.agentflow.yaml', name: 'On-prem KYC review', costPerRun: 0.0092, costP95: 0.013, p95LatencyS: 26, energyWh: 0.9, errors: 0, reasoning: null, smaller: { costPerRun: 0.0031, saving: 0.0061, qualityGivenUp: -5.9 },
    observed: { costPerRun: 0.0071, estimatedPerRun: 0.0092, runs: 40, ratio: 0.0071 / 0.0092, inside: true } },
  { uri: 'file:///w/coding.agentflow.yaml', path: 'coding.agentflow.yaml', name: 'Coding agent with tools', costPerRun: 0.17, costP95: 0.31, p95LatencyS: 805, energyWh: 28, errors: 0, reasoning: { tokens: 12400, share: 0.62 }, smaller: null, observed: null },
];

// The theme variables VS Code sets, for its dark and light themes.
const THEMES = `
body.vscode-dark { --vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d; --vscode-charts-blue: #3794ff; --vscode-charts-orange: #d18616; --vscode-editorWidget-border: #454545; --vscode-focusBorder: #0078d4; --vscode-textLink-foreground: #4daafc; background: #181818; }
body.vscode-light { --vscode-foreground: #3b3b3b; --vscode-descriptionForeground: #717171; --vscode-charts-blue: #1a85ff; --vscode-charts-orange: #c27d1a; --vscode-editorWidget-border: #c8c8c8; --vscode-focusBorder: #005fb8; --vscode-textLink-foreground: #005fb8; background: #ffffff; }
`;
const PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self' 'nonce-test'; font-src 'self'; img-src 'self'; script-src 'nonce-test'">
<meta property="csp-nonce" content="test">
<link rel="stylesheet" href="/media/panel.css"><link rel="stylesheet" href="/themes.css"></head>
<body class="vscode-dark"><main id="app"></main><script nonce="test" src="/dist/webview.js"></script></body></html>`;

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/') return res.end(PAGE);
  if (url.pathname === '/themes.css') return res.writeHead(200, { 'content-type': 'text/css' }).end(THEMES);
  const file = path.join(root, url.pathname);
  if (!file.startsWith(root) || !fs.existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript' }).end(fs.readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;

const results = [];
async function check(name, run) {
  try {
    await run();
    results.push(true);
    console.log(`  ✔ ${name}`);
  } catch (e) {
    results.push(false);
    console.log(`  ✗ ${name}\n    ${String(e.message).split('\n').slice(0, 6).join('\n    ')}`);
  }
}

const browser = await launchChromium({ width: 300, height: 1600 });
const page = browser.pages()[0] ?? (await browser.newPage());
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
page.on('console', (m) => m.type() === 'error' && !/favicon/.test(m.location().url) && errors.push(m.text()));
const received = [];
// The host's side: answer `ready` with the data, and `compound` with the core's series.
await page.exposeFunction('toHost', async (message) => {
  received.push(message);
  const send = (m) => page.evaluate((x) => window.postMessage(x, '*'), m);
  if (message.type === 'ready') {
    await send({ type: 'workflows', rows });
    await send({ type: 'data', data });
  } else if (message.type === 'compound') {
    await send({ type: 'compounding', request: message.request, small: loopSeries(catalog, message.request.small), large: loopSeries(catalog, message.request.large) });
  }
});
await page.addInitScript(() => {
  let state;
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.toHost(m), getState: () => state, setState: (s) => { state = s; } });
});
const started = Date.now();
await page.goto(base);
const radio = (group, value) => page.locator(`#${group} vscode-radio[data-value="${value}"]`);

/**
 * The table cells (column and row headers, and the others) that break inside a word (they may wrap
 * between words, or after a word's hyphen: "On- / prem") or are wider than their cell.
 */
const brokenCells = () => page.evaluate(() => [...document.querySelectorAll('table th, table td')]
  .filter((cell) => cell.getClientRects().length > 0 && !cell.closest('.visually-hidden, [hidden]'))
  .flatMap((cell) => {
    const found = cell.scrollWidth > cell.clientWidth + 0.5 ? [`"${cell.textContent}" is wider than its cell`] : [];
    const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      for (const word of node.data.matchAll(/[^\s-]+-*/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) found.push(`"${word[0]}" breaks in "${cell.textContent}"`);
      }
    }
    return found;
  }));

/** Shows every chart as its table (`on`), or as a chart again. */
async function chartsAsTables(on) {
  for (const id of await page.locator('figure.chart').evaluateAll((figures) => figures.map((f) => f.id))) {
    if ((await page.locator(`#${id} > table.data`).count() > 0) === on) continue;
    await page.locator(`#${id}-as-table`).click();
    await page.locator(on ? `#${id} > table.data` : `#${id} canvas`).waitFor({ timeout: 5000 });
  }
}

try {
  await check('first paint with data, every section, and the workflows from the host', async () => {
    await page.locator('#compound-sentence').waitFor({ timeout: 15000 });
    console.log(`    first paint with data ${Date.now() - started} ms after navigation`);
    for (const id of ['workflows', 'small-vs-large', 'compute-gap', 'narrow-models', 'readings']) assert.equal(await page.locator(`section#${id}`).count(), 1, id);
    assert.equal(await page.locator('li.workflow').count(), 2);
    assert.equal(await page.locator('li.workflow .note.reasoning').count(), 1, 'only the workflow that reasons says so');
    assert.match(await page.locator('li.workflow .note.reasoning').innerText(), /Of which reasoning: 12\.4K tokens \(62% of tokens out\)/);
    assert.equal(await page.locator('li.workflow .note.observed').count(), 1, 'only the workflow with observed runs says so');
    assert.match(await page.locator('li.workflow .note.observed').innerText(), /Observed: \$0\.0071\/run over 40 runs \(0\.77× the estimate\)/);
    assert.equal(received[0]?.type, 'ready', 'the webview says ready before anything else');
  });

  await check('flipping the metric reverses the case: the small model wins speed, energy and cost, the large one quality', async () => {
    const facts = new Map(data.models.map((m) => [m.id, m]));
    const [small, large] = [facts.get(data.defaults.small), facts.get(data.defaults.large)];
    const expected = {
      speed: small.outputTps > large.outputTps ? small.id : large.id,
      energy: small.whPer1kOutput < large.whPer1kOutput ? small.id : large.id,
      cost: 0.75 * small.priceInput + 0.25 * small.priceOutput < 0.75 * large.priceInput + 0.25 * large.priceOutput ? small.id : large.id,
      quality: small.quality > large.quality ? small.id : large.id,
    };
    assert.deepEqual(expected, { speed: small.id, energy: small.id, cost: small.id, quality: large.id }, 'the catalog data');
    for (const metric of ['speed', 'energy', 'cost', 'quality']) {
      await radio('metric', metric).click();
      await page.locator(`#winner[data-winner="${expected[metric]}"]`).waitFor({ timeout: 5000 });
      assert.match(await page.locator('#winner').innerText(), new RegExp(`wins`));
      assert.equal(await page.locator(`#scoreboard li[data-metric="${metric}"]`).getAttribute('data-winner'), expected[metric]);
      if (metric === 'energy') {
        const lca = await page.locator('#lca').innerText();
        assert.match(lca, /1\.14 gCO2e and 45 mL of water/);
        assert.match(lca, /counts inference only: the GPUs, the rest of the server and the data centre's overhead \(PUE\)/, 'the boundary beside the life-cycle figures');
        assert.match(lca, /on the grid of Sweden \(mistral's data centres\)/, "each model on its provider's grid");
      }
    }
  });

  await check('moving the calls slider gives the core\'s compounded totals', async () => {
    const small = loopSeries(catalog, data.defaults.small);
    const large = loopSeries(catalog, data.defaults.large);
    for (const index of [0, 9, 13, 17]) {
      await page.locator('#calls').evaluate((el, i) => {
        el.value = String(i);
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }, index);
      const text = await page.locator('#compound-sentence').innerText();
      const n = data.calls[index];
      assert.ok(text.includes(usd(small[index].costUsd)) && text.includes(usd(large[index].costUsd)), `${n} calls: ${text}`);
      assert.equal(small[index].calls, n);
    }
    assert.match(await page.locator('#compound-sentence').innerText(), /wins by \d+×/);
  });

  await check('"show as table" turns a chart into a table with the same numbers', async () => {
    await radio('metric', 'speed').click();
    assert.equal(await page.locator('#metric-chart canvas').count(), 1);
    await page.locator('#metric-chart-as-table').click();
    await page.locator('#metric-chart > table.data').waitFor({ timeout: 5000 });
    assert.equal(await page.locator('#metric-chart canvas').count(), 0);
    const small = data.models.find((m) => m.id === data.defaults.small);
    assert.ok((await page.locator('#metric-chart table').innerText()).includes(`${small.outputTps.toFixed(0)} tokens/s`));
    await page.locator('#metric-chart-as-table').click();
    await page.locator('#metric-chart canvas').waitFor({ timeout: 5000 });
  });

  await check('the compute gap and the papyri calculator show hand-checkable figures', async () => {
    const text = await page.locator('#compute-gap').innerText();
    assert.match(text, /16\.7×/);
    assert.match(text, /50× the 2027 target/);
    assert.match(await page.locator('#electrons').innerText(), /Output tokens a day/);
    // 180,000 documents × 2 pages = 360,000 pages; at 2,000 a minute: 3 hours; at $4 per 1,000: $1,440
    assert.match(await page.locator('#papyri-result').innerText(), /360k pages: 3\.0 hours and \$1,440/);
    await page.locator('#papyri-speed').fill('20');
    await page.locator('#papyri-speed').dispatchEvent('change');
    assert.match(await page.locator('#papyri-result').innerText(), /12\.5 days/);
  });

  await check('a section folds, and the choice is kept with setState', async () => {
    await page.locator('#readings-toggle').click();
    assert.equal(await page.locator('#readings-body').isHidden(), true);
    const state = await page.evaluate(() => window.acquireVsCodeApi().getState());
    assert.equal(state.ui.open.readings, false);
    await page.locator('#readings-toggle').press('Enter');
    assert.equal(await page.locator('#readings-body').isVisible(), true);
  });

  await check('unknown messages are ignored', async () => {
    await page.evaluate(() => window.postMessage({ type: 'rm -rf', rows: 5 }, '*'));
    await page.evaluate(() => window.postMessage({ type: 'workflows', rows: [{ uri: 1 }] }, '*'));
    assert.equal(await page.locator('li.workflow').count(), 2);
  });

  await check('switching the theme re-colours the charts', async () => {
    await page.locator('#small-vs-large').scrollIntoViewIfNeeded();
    await page.waitForTimeout(200);
    const pixels = () => page.locator('#metric-chart canvas').evaluate((c) => c.toDataURL());
    await page.screenshot({ path: path.join(shots, 'webview-300-dark.png'), fullPage: true });
    const dark = await pixels();
    await page.evaluate(() => document.body.classList.replace('vscode-dark', 'vscode-light'));
    await page.waitForTimeout(300);
    const light = await pixels();
    assert.notEqual(light, dark);
    await page.screenshot({ path: path.join(shots, 'webview-300-light.png'), fullPage: true });
  });

  // The sidebar's widths: every element inside the view, no sideways scroll, no number broken
  // across lines, every chart label inside its room, no table cell broken inside a word (the
  // charts shown as tables too); a screenshot of each.
  for (const width of [250, 300, 400]) {
    for (const theme of ['dark', 'light']) {
      await check(`fits a ${width} px sidebar in the ${theme} theme`, async () => {
        await page.setViewportSize({ width, height: 1600 });
        await page.evaluate((t) => document.body.classList.replace(t === 'dark' ? 'vscode-light' : 'vscode-dark', `vscode-${t}`), theme);
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.waitForTimeout(300); // charts resize on the next frame
        const layout = await page.evaluate(() => {
          const view = document.documentElement.clientWidth;
          const visible = (e) => e.getClientRects().length > 0 && !e.closest('.visually-hidden, [hidden]');
          const outside = [...document.querySelectorAll('body *')].filter(visible).filter((e) => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && (r.right > view + 0.5 || r.left < -0.5);
          }).map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${[...e.classList].join('.')} (${Math.round(e.getBoundingClientRect().right)} > ${view})`);
          const broken = [...document.querySelectorAll('.fig, table.data td')].filter(visible).filter((e) => {
            const range = document.createRange();
            range.selectNodeContents(e);
            return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
          }).map((e) => e.textContent);
          const labels = [...document.querySelectorAll('canvas')].filter(visible).map((c) => `${c.closest('figure')?.id}: ${c.dataset.labelsFit}`);
          return { scroll: document.documentElement.scrollWidth - view, outside: outside.slice(0, 8), broken: broken.slice(0, 8), labels };
        });
        await page.screenshot({ path: path.join(shots, `panel-${width}-${theme}.png`), fullPage: true });
        assert.deepEqual(layout.outside, [], 'elements outside the view');
        assert.equal(layout.scroll, 0, 'no sideways scroll');
        assert.deepEqual(layout.broken, [], 'numbers broken across lines');
        assert.ok(layout.labels.length >= 3, `charts drawn: ${layout.labels}`);
        assert.deepEqual(layout.labels.filter((l) => !l.endsWith('true')), [], 'chart labels that do not fit');
        assert.deepEqual(await brokenCells(), [], 'table cells broken inside a word');
        await chartsAsTables(true);
        const chartTables = await brokenCells();
        await chartsAsTables(false);
        assert.deepEqual(chartTables, [], "cells of the charts' tables (Show as table) broken inside a word");
      });
    }
  }

  await check('no errors, no CSP violations', async () => {
    assert.deepEqual(errors, []);
  });
} finally {
  await browser.close();
  server.close();
  removeTemps();
}
const failed = results.filter((r) => !r).length;
console.log(`\nwebview: ${results.length - failed} passed, ${failed} failed (screenshots in ${path.relative(root, shots)})`);
process.exitCode = failed > 0 || results.length === 0 ? 1 : 0;
