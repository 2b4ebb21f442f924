// The side panel's data builders against hand-computed numbers.
import assert from 'node:assert/strict';
import { CAPITAL, COMPUTE } from '../../src/core/panel/article';
import { CALLS, loopSeries, SYNTHETIC_LOOP, workflowSeries } from '../../src/core/panel/compounding';
import { ratio, runsPerDay, tokensPerDay } from '../../src/core/panel/computeGap';
import { modelFacts } from '../../src/core/panel/models';
import { panelData } from '../../src/core/panel/panelData';
import { papyriScale } from '../../src/core/panel/papyri';
import { parseAgentflow } from '../../src/core/formats/agentflow';
import { isHostMessage, isWebviewMessage } from '../../src/shared/protocol';
import { compactNumber, fitLabel } from '../../webview/labels';
import { close, estimateText, step, testCatalog } from './helpers';

describe('chart labels in a narrow sidebar', () => {
  const perChar = (t: string) => t.length * 7;

  it('are shortened with an ellipsis to the room they have, and left whole when they fit', () => {
    assert.equal(fitLabel('GPT-5.5', 100, perChar), 'GPT-5.5');
    const short = fitLabel('Mistral, lifetime funding', 70, perChar);
    assert.equal(short, 'Mistral…');
    assert.ok(perChar(short) <= 70);
    assert.equal(fitLabel('Anthropic', 3, perChar), '…');
  });

  it('write axis numbers compactly', () => {
    assert.deepEqual([1e9, 65e9, 1000, 0.001, 40].map(compactNumber), ['1B', '65B', '1K', '0.001', '40']);
  });
});

describe('the compute gap', () => {
  it('gives the article\'s ratios: about 16× the capital, 50× the 2027 compute', () => {
    close(ratio(CAPITAL[0].value, CAPITAL[1].value), 65 / 3.9, 'capital');
    assert.equal(Math.round(ratio(CAPITAL[0].value, CAPITAL[1].value)), 17);
    close(ratio(COMPUTE[1].value, COMPUTE[2].value), 50, 'compute vs the 2027 target');
    close(ratio(COMPUTE[0].value, COMPUTE[2].value), 250, 'compute today');
  });

  it('turns megawatts into tokens and runs a day', () => {
    // 40 MW for 24 h = 960,000 kWh = 9.6e8 Wh; at 0.0003 Wh a token: 3.2e12 tokens
    close(tokensPerDay(40, 0.0003), 3.2e12, 'tokens');
    close(runsPerDay(200, 0.9), (200e6 * 24) / 0.9, 'runs');
  });
});

describe('the papyri calculator', () => {
  it('reads 180,000 two-page documents at 2,000 pages a minute in 3 hours, for $1,440 at $4 per 1,000 pages', () => {
    const r = papyriScale({ documents: 180000, pagesPerDocument: 2, pricePer1000Pages: 4, pagesPerMinute: 2000 });
    assert.equal(r.pages, 360000);
    close(r.days, 360000 / 2000 / 60 / 24, 'days');
    close(r.days * 24, 3, 'hours');
    close(r.costUsd, 1440, 'cost');
    assert.equal(papyriScale({ documents: 1, pagesPerDocument: 1, pricePer1000Pages: 1, pagesPerMinute: 0 }).days, Infinity);
  });
});

describe('small vs large data', () => {
  const catalog = testCatalog();

  it('compounds the replayed loop exactly as the core estimates an agent step', () => {
    const series = loopSeries(catalog, 'mistral-small-4');
    assert.ok(series);
    assert.deepEqual(series.map((p) => p.calls), [...CALLS]);
    for (const i of [0, 5, 11, 17]) {
      const n = CALLS[i];
      const l = SYNTHETIC_LOOP;
      const e = estimateText(`steps:\n  - { id: loop, model: mistral-small-4, input_tokens: ${l.inputTokens}, output_tokens: ${l.outputTokens}, agent: { turns: ${n}, tool_tokens: ${l.toolTokens}, tool_latency_s: ${l.toolLatencyS}, history: replay } }\n`);
      close(series[i].costUsd, step(e, 'loop').cost_usd?.p50 as number, `cost at ${n}`);
      close(series[i].seconds, step(e, 'loop').latency_s?.p50 as number, `time at ${n}`);
      close(series[i].wh, step(e, 'loop').energy_wh?.p50 as number, `energy at ${n}`);
    }
    // the replayed context makes cost grow faster than the number of calls
    assert.ok((series[17].costUsd as number) / (series[11].costUsd as number) > 10);
  });

  it('compounds a workflow over its runs with every step on the model', () => {
    const w = parseAgentflow('w.agentflow.yaml', 'steps:\n  - { id: a, model: gpt-5.5, input_tokens: 1000, output_tokens: 100 }\n');
    const series = workflowSeries(w, 'ministral-8b', { catalog });
    const one = step(estimateText('steps:\n  - { id: a, model: ministral-8b, input_tokens: 1000, output_tokens: 100 }\n'), 'a').cost_usd?.p50 as number;
    close(series?.[11].costUsd, one * CALLS[11], 'cost of 100 runs');
  });

  it('gives energy per 1,000 output tokens from the energy model, unknown where size is unknown', () => {
    const facts = new Map(modelFacts(catalog, 'provider').map((m) => [m.id, m]));
    const small = step(estimateText('steps:\n  - { id: s, model: ministral-3b, input_tokens: 0, output_tokens: 1000 }\n'), 's').energy_wh?.p50;
    close(facts.get('ministral-3b')?.whPer1kOutput, small as number, 'ministral-3b');
    const unsized = testCatalog().withOverrides([{ id: 'unsized', origin: 'test', price: { input: 1, output: 1 } }]);
    assert.equal(modelFacts(unsized, 'provider').find((m) => m.id === 'unsized')?.whPer1kOutput, null);
  });

  it('posts data the webview accepts, and the webview\'s guards refuse anything else', () => {
    const data = panelData(catalog);
    assert.equal(data.defaults.small, 'mistral-small-4');
    assert.ok(isHostMessage({ type: 'data', data }));
    assert.ok(!isHostMessage({ type: 'data', data: { models: 'x' } }));
    assert.ok(!isHostMessage({ type: 'eval', code: 'x' }));
    assert.ok(isWebviewMessage({ type: 'compound', request: { small: 'a', large: 'b', workflow: null } }));
    assert.ok(!isWebviewMessage({ type: 'compound', request: { small: 1 } }));
    assert.ok(!isWebviewMessage({ type: 'openFile' }));
  });
});
