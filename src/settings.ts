// The extension's settings, typed once: this mirrors `contributes.configuration` in package.json.
import * as vscode from 'vscode';

export interface Settings {
  catalogFiles: string[];
  region: string;
  pue: number | null;
  runsPerDay: number | null;
  samples: number;
  seed: number;
  qualityMargin: number;
  workflowGlobs: string[];
  hoversEnabled: boolean;
  codeLensEnabled: boolean;
  diagnosticsEnabled: boolean;
}

export const SECTION = 'agentCost';

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    catalogFiles: c.get<string[]>('catalogFiles', []),
    region: c.get<string>('region', 'eu'),
    pue: c.get<number | null>('pue', null),
    runsPerDay: c.get<number | null>('runsPerDay', null),
    samples: c.get<number>('monteCarlo.samples', 1000),
    seed: c.get<number>('monteCarlo.seed', 1),
    qualityMargin: c.get<number>('qualityMargin', 0.2),
    workflowGlobs: c.get<string[]>('workflowGlobs', ['**/*.agentflow.{yaml,yml,json}', '**/agentflow.yaml']),
    hoversEnabled: c.get<boolean>('hovers.enabled', true),
    codeLensEnabled: c.get<boolean>('codeLens.enabled', true),
    diagnosticsEnabled: c.get<boolean>('diagnostics.enabled', true),
  };
}
