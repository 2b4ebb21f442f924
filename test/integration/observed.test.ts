// Observed usage in the editor: traces named by agentCost.observedFiles show beside the estimate
// in the hover and the CodeLens; "Calibrate From Observations…" writes the sidecar, after which
// the estimate follows them and says so; a broken file writes nothing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { activate, hoverText, open, positionOf, setSetting, waitFor, workspaceFile } from './helpers';

const WORKFLOW = `name: Ticket triage
steps:
  - id: classify
    model: mistral-small-4
    input_tokens: 400
    output_tokens: 20
  - id: reply
    after: [classify]
    model: gpt-4.1-mini
    input_tokens: 3000
    output_tokens: 600
`;

const attribute = (key: string, v: string | number) => ({ key, value: typeof v === 'string' ? { stringValue: v } : { intValue: String(v) } });

/** One trace per line, as the OpenTelemetry Collector's file exporter writes them (GenAI semantic conventions). */
function traces(runs: { classify: [number, number]; reply: [number, number] }[]): string {
  return runs.map((r, k) => {
    const trace = `${k + 1}`.padStart(32, '0');
    const t0 = 1_764_500_000_000 + k * 60_000;
    const span = (id: number, parent: number | null, name: string, start: number, end: number, attributes: object[]) => ({
      traceId: trace, spanId: `${k + 1}${id}`.padStart(16, '0'), ...(parent === null ? {} : { parentSpanId: `${k + 1}${parent}`.padStart(16, '0') }), name,
      startTimeUnixNano: `${(t0 + start) * 1e6}`, endTimeUnixNano: `${(t0 + end) * 1e6}`, attributes,
    });
    const chat = (model: string, [input, output]: [number, number]) => [attribute('gen_ai.request.model', model), attribute('gen_ai.usage.input_tokens', input), attribute('gen_ai.usage.output_tokens', output)];
    return JSON.stringify({
      resourceSpans: [{
        resource: { attributes: [attribute('service.name', 'tickets')] },
        scopeSpans: [{
          scope: { name: 'opentelemetry.instrumentation.openai_v2' },
          spans: [
            span(1, null, 'invoke_workflow tickets', 0, 5000, []),
            span(2, 1, 'invoke_agent classify', 10, 900, [attribute('gen_ai.agent.name', 'classify')]),
            span(3, 2, 'chat mistral-small-latest', 20, 880, chat('mistral-small-latest', r.classify)),
            span(4, 1, 'invoke_agent reply', 900, 4900, [attribute('gen_ai.agent.name', 'reply')]),
            span(5, 4, 'chat gpt-4.1-mini', 910, 4880, chat('gpt-4.1-mini', r.reply)),
          ],
        }],
      }],
    });
  }).join('\n') + '\n';
}

const RUNS: { classify: [number, number]; reply: [number, number] }[] = [
  { classify: [520, 12], reply: [2100, 380] },
  { classify: [560, 14], reply: [2300, 420] },
  { classify: [600, 10], reply: [2500, 400] },
];

describe('observed usage and calibration', () => {
  const dir = () => workspaceFile('observed').fsPath;
  const workflow = () => workspaceFile('observed/ticket.agentflow.yaml');
  const sidecar = () => workspaceFile('observed/ticket.agentflow.agentcost.yaml');

  before(async () => {
    await activate();
    fs.mkdirSync(dir(), { recursive: true });
    fs.writeFileSync(workflow().fsPath, WORKFLOW);
    fs.writeFileSync(path.join(dir(), 'traces.jsonl'), traces(RUNS));
    await setSetting('observedFiles', ['observed/*.jsonl']);
  });

  after(async () => {
    await setSetting('observedFiles', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir(), { recursive: true, force: true });
  });

  it('shows what the traces observed beside the estimate, in the hover and the CodeLens', async () => {
    const document = await open('observed/ticket.agentflow.yaml');
    const hover = await waitFor('the observed line in the step hover', async () => {
      const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'id: reply', 4)));
      return /Observed:/.test(text) ? text : undefined;
    }, 20_000);
    assert.match(hover, /\*\*Observed:\*\* estimated \\\$[\d.]+, observed \\\$[\d.]+ over 3 runs \([\d.]+×(, (inside|outside) the estimate's range)?\) \(`observed\/traces\.jsonl`\)/);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 20);
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.some((t) => /^estimated \$[\d.]+, observed \$[\d.]+ over 3 runs/.test(t)), titles.join('\n'));
  });

  it('reads the traces again when the file changes', async () => {
    const document = await open('observed/ticket.agentflow.yaml');
    fs.appendFileSync(path.join(dir(), 'traces.jsonl'), traces([...RUNS, { classify: [580, 11], reply: [2400, 410] }]).split('\n')[3] + '\n');
    await waitFor('four runs in the CodeLens', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 20);
      return lenses.some((l) => /over 4 runs/.test(l.command?.title ?? '')) || undefined;
    }, 20_000);
    // back to the three runs the next test calibrates from
    fs.writeFileSync(path.join(dir(), 'traces.jsonl'), traces(RUNS));
    await waitFor('three runs again', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 20);
      return lenses.some((l) => /over 3 runs/.test(l.command?.title ?? '')) || undefined;
    }, 20_000);
  });

  it('calibrates the sidecar from the traces, and the estimate then follows them and says so', async () => {
    const result = await vscode.commands.executeCommand<{ sidecar: vscode.Uri; changes: string[] } | undefined>('agentCost.calibrate', workflow(), [workspaceFile('observed/traces.jsonl')]);
    assert.ok(result, 'calibrated');
    assert.ok(result.changes.some((c) => /^steps\.reply\.input_tokens: \(unset\) → \[\d+,\d+\]$/.test(c)), result.changes.join('\n'));
    const text = fs.readFileSync(sidecar().fsPath, 'utf8');
    assert.match(text, /calibrated_from:\n {2}files:\n {4}- traces\.jsonl\n {2}runs: 3\n/);

    const report = await waitFor('a report of the calibrated estimate', async () => {
      const uri = await vscode.commands.executeCommand<vscode.Uri>('agentCost.estimateFile', workflow());
      const markdown = (await vscode.workspace.openTextDocument(uri)).getText();
      return /calibrated from 3 observed runs/.test(markdown) ? markdown : undefined;
    }, 20_000);
    // per call, the reply step now reads what the traces say: 2,300 tokens in, 400 out on average
    const row = /\| reply \| gpt-4\.1-mini \| 1 \| ([\d,.k]+) \/ ([\d,.k]+) \|/.exec(report);
    assert.ok(row, report);
    const tokens = (s: string) => Number(s.replace(/,/g, '').replace(/k$/, 'e3'));
    assert.ok(Math.abs(tokens(row[1]) / 2300 - 1) <= 0.1, `input per call ${row[1]}`);
    assert.ok(Math.abs(tokens(row[2]) / 400 - 1) <= 0.1, `output per call ${row[2]}`);
  });

  it('reads no observation file whose real path is outside the workspace', async () => {
    const before = fs.readFileSync(sidecar().fsPath, 'utf8');
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-cost-elsewhere-'));
    fs.writeFileSync(path.join(elsewhere, 'traces.jsonl'), traces(RUNS));
    const link = path.join(dir(), 'linked.json');
    fs.symlinkSync(path.join(elsewhere, 'traces.jsonl'), link);
    try {
      assert.equal(await vscode.commands.executeCommand('agentCost.calibrate', workflow(), [vscode.Uri.file(link)]), undefined);
      assert.equal(fs.readFileSync(sidecar().fsPath, 'utf8'), before);
    } finally {
      fs.rmSync(link);
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('writes nothing when an observation file is broken', async () => {
    const before = fs.readFileSync(sidecar().fsPath, 'utf8');
    const broken = path.join(dir(), 'broken.jsonl');
    fs.writeFileSync(broken, traces(RUNS).slice(0, 900));
    const result = await vscode.commands.executeCommand('agentCost.calibrate', workflow(), [workspaceFile('observed/traces.jsonl'), vscode.Uri.file(broken)]);
    assert.equal(result, undefined);
    assert.equal(fs.readFileSync(sidecar().fsPath, 'utf8'), before);
  });
});
