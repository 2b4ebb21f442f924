// `npm run bench`, in a real VS Code (code-server): how long activation takes, the first hover on
// an example (which loads the core, the catalog and the price data), and hovers on a 200-step
// file once it is estimated, in the provider itself and through VS Code. Writes the figures to
// AGENT_COST_RESULTS_FILE. The workspace has no workflow, so the extension is not active at start.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { AgentCostApi } from '../../../src/extension';

const EXTENSION_ID = 'agent-cost-lens.agent-cost-lens';

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function timed<T>(run: () => Thenable<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const value = await run();
  return [value, performance.now() - started];
}

export async function run(): Promise<void> {
  const resultsFile = process.env.AGENT_COST_RESULTS_FILE as string;
  const ext = vscode.extensions.getExtension<AgentCostApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  // VS Code activates it at startup in nearly every window (onLanguage:json): its own clock tells.
  const api = await ext.activate();

  const example = await vscode.workspace.openTextDocument(path.join(ext.extensionPath, 'examples/kyc-onprem.agentflow.yaml'));
  const at = example.positionAt(example.getText().indexOf('id: analyst-summary') + 5);
  const [first, firstHoverMs] = await timed(() => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', example.uri, at));

  const { generate } = require(path.join(ext.extensionPath, 'scripts/bench/generate.cjs')) as { generate(steps: number, ranged: number): string };
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath as string;
  const big = path.join(folder, 'steps-200.agentflow.yaml');
  fs.writeFileSync(big, generate(200, 1 / 3));
  const document = await vscode.workspace.openTextDocument(big);
  const positions = Array.from({ length: 200 }, (_, i) => document.positionAt(document.getText().indexOf(`id: step-${i}\n`) + 5));
  const [, estimateMs] = await timed(() => api.estimates.estimateDocument(document));
  const token = new vscode.CancellationTokenSource().token;
  const provider: number[] = [];
  const roundTrip: number[] = [];
  for (const position of positions) {
    const [hover, ms] = await timed(() => api.hovers.provideHover(document, position, token));
    if (!hover) throw new Error(`no hover at line ${position.line + 1}`);
    provider.push(ms);
  }
  for (const position of positions.slice(0, 50)) roundTrip.push((await timed(() => vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, position)))[1]);

  fs.writeFileSync(resultsFile, JSON.stringify({
    loadMs: api.activation.loadMs,
    activateMs: api.activation.activateMs,
    firstHoverMs,
    firstHoverFound: (first?.length ?? 0) > 0,
    estimate200Ms: estimateMs,
    hoverProviderP50Ms: quantile(provider, 0.5),
    hoverProviderP95Ms: quantile(provider, 0.95),
    hoverRoundTripP95Ms: quantile(roundTrip, 0.95),
  }, null, 2));
}
