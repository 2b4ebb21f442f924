// The extension's settings, typed once: this mirrors `contributes.configuration` in package.json.
import * as vscode from 'vscode';

/** Settings that may differ per workspace folder (scope "resource"). */
export interface Settings {
  region: string;
  pue: number | null;
  runsPerDay: number | null;
  samples: number;
  seed: number;
  qualityMargin: number;
  hoversEnabled: boolean;
  codeLensEnabled: boolean;
  diagnosticsEnabled: boolean;
  /** Deployment or placeholder names → model ids, for formats that name deployments. */
  deployments: Record<string, string>;
  /** Overrides of the documented defaults for what a file does not say. */
  assumptions: Record<string, unknown>;
}

export const SECTION = 'agentCost';

/** Mirrors the default of agentCost.workflowGlobs in package.json. */
export const DEFAULT_WORKFLOW_GLOBS = ['**/*.{yaml,yml,json,jsonc,prompty}'];

function objectOf(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : {};
}

function stringMap(v: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(objectOf(v)).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Settings that hold for the whole window (scope "window"): one catalog, one set of globs. */
export interface WindowSettings {
  catalogFiles: string[];
  workflowGlobs: string[];
  /** The day prices are read for, YYYY-MM-DD; null for today. */
  priceDate: string | null;
  /** Globs of observation files (promptfoo results, OTLP/JSON traces, CSV or JSONL of calls). */
  observedFiles: string[];
}

/** The settings for a file, or (scope null) those of no file in particular. */
export function readSettings(scope: vscode.ConfigurationScope | null): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    region: c.get<string>('region', 'provider'),
    pue: c.get<number | null>('pue', null),
    runsPerDay: c.get<number | null>('runsPerDay', null),
    samples: c.get<number>('monteCarlo.samples', 1000),
    seed: c.get<number>('monteCarlo.seed', 1),
    qualityMargin: c.get<number>('qualityMargin', 0.2),
    hoversEnabled: c.get<boolean>('hovers.enabled', true),
    codeLensEnabled: c.get<boolean>('codeLens.enabled', true),
    diagnosticsEnabled: c.get<boolean>('diagnostics.enabled', true),
    deployments: stringMap(c.get<unknown>('deployments', {})),
    assumptions: objectOf(c.get<unknown>('assumptions', {})),
  };
}

/** A pinned day, as the setting's pattern allows it (an empty string is today). */
function dateOf(v: unknown): string | null {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
}

export function readWindowSettings(): WindowSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    catalogFiles: c.get<string[]>('catalogFiles', []),
    workflowGlobs: c.get<string[]>('workflowGlobs', DEFAULT_WORKFLOW_GLOBS),
    priceDate: dateOf(c.get<unknown>('priceDate', '')),
    observedFiles: c.get<unknown[]>('observedFiles', []).filter((g): g is string => typeof g === 'string' && g.trim() !== ''),
  };
}
