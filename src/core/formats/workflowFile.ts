// Any workflow file to the core's Workflow: detect its format by name and content, read its
// sidecar, and run the format's adapter. A file of no known format is said to be no workflow.
import { basename, extname } from 'node:path';
import type { Workflow } from '../types';
import { DEFAULT_ASSUMPTIONS, withOverrides } from './assumptions';
import { isObj } from './adapter';
import type { CompanionReader, FormatAdapter, FormatId, FormatSettings } from './formatAdapter';
import { parseAgentflow } from './agentflow';
import { emptyWorkflow } from './emptyWorkflow';
import { autogenStudio } from './adapters/autogenStudio';
import { crewai } from './adapters/crewai';
import { dify } from './adapters/dify';
import { n8n } from './adapters/n8n';
import { promptflow } from './adapters/promptflow';
import { promptfoo } from './adapters/promptfoo';
import { readPrompty } from './adapters/prompty';
import { semanticKernel } from './adapters/semanticKernel';
import { parseSourceText } from './parseSource';
import { DATA_FILE, isAgentflowFile, PROMPTY_FILE, SIDECAR_FILE } from './fileNames';
import { applySidecar, parseSidecar, sidecarName, type Sidecar } from './sidecar';

/** In the order content is tried: the most specific shapes first. */
export const ADAPTERS: readonly FormatAdapter[] = [promptfoo, dify, promptflow, crewai, n8n, autogenStudio, semanticKernel];

export const FORMAT_LABELS: Record<FormatId, string> = {
  agentflow: 'Agent Cost Lens', promptfoo: 'promptfoo', crewai: 'CrewAI', prompty: 'Prompty', promptflow: 'Prompt Flow',
  dify: 'Dify', 'semantic-kernel': 'Semantic Kernel', n8n: 'n8n', 'autogen-studio': 'AutoGen Studio',
};

export interface ReadOptions {
  /** Reads files beside the workflow (a crew's agents.yaml, prompt files, the sidecar). */
  read?: CompanionReader;
  /** From the settings; a sidecar's entries win. */
  deployments?: Record<string, string>;
  assumptions?: Record<string, unknown>;
}

export type FileReading =
  | { kind: 'workflow'; workflow: Workflow }
  | { kind: 'not-workflow'; file: string; reason: string };

const noCompanions: CompanionReader = () => ({ error: 'files beside it are not read here' });

/** Reads a file as a workflow of whatever format it is in. Never throws. */
export function readWorkflow(file: string, rawText: string, options: ReadOptions = {}): FileReading {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  if (SIDECAR_FILE.test(file)) return { kind: 'not-workflow', file, reason: 'a sidecar file: it sets figures for the workflow beside it' };
  const read = options.read ?? noCompanions;
  const sidecarFile = sidecarName(file);
  // Most YAML and JSON is no workflow: the sidecar is looked for only once the format is known.
  let sidecar: Sidecar | null | undefined;
  const loadSidecar = (): Sidecar | null => {
    if (sidecar === undefined) {
      const companion = read(sidecarFile);
      sidecar = 'text' in companion ? parseSidecar(companion) : null;
    }
    return sidecar;
  };
  const settings = (): FormatSettings => ({
    assumptions: withOverrides(withOverrides(DEFAULT_ASSUMPTIONS, validOnly(options.assumptions)), loadSidecar()?.assumptions ?? {}),
    deployments: { ...options.deployments, ...loadSidecar()?.deployments },
    sidecarName: sidecarFile,
  });
  const reading = readByFormat(file, text, settings, read);
  if (reading.kind === 'workflow') {
    const found = loadSidecar();
    if (found) applySidecar(reading.workflow, found);
  }
  return reading;
}

function validOnly(v: Record<string, unknown> | undefined): Record<string, unknown> {
  return v && isObj(v) ? v : {};
}

function readByFormat(file: string, text: string, settings: () => FormatSettings, read: CompanionReader): FileReading {
  const none = (reason: string): FileReading => ({ kind: 'not-workflow', file, reason });
  const workflow = (w: Workflow): FileReading => ({ kind: 'workflow', workflow: w });
  // An agentflow name with another format's content (a Dify export called AgentFlow.yml) is that format.
  if (isAgentflowFile(file) && !ADAPTERS.some((a) => a.sniff?.(text))) return workflow(parseAgentflow(file, text));
  if (PROMPTY_FILE.test(file)) return workflow(readPrompty(file, text, settings(), read));
  if (!DATA_FILE.test(file)) return none(`not a file type Agent Cost Lens reads (${extname(file) || 'no extension'})`);

  const syntax = /\.jsonc?$/i.test(file) ? 'json' : 'yaml';
  const source = parseSourceText(file, text, syntax, { duplicateKeys: true });
  const claimed = ADAPTERS.find((a) => a.claims(file)) ?? (source.value === undefined ? ADAPTERS.find((a) => a.sniff?.(text)) : undefined);
  if (source.value === undefined) {
    if (!claimed) return none(`its ${syntax.toUpperCase()} does not parse, and nothing in it names a workflow format`);
    return workflow(emptyWorkflow(file, claimed.id, source.problems));
  }
  const data = source.value;
  if (!isObj(data)) return none(`its top level is ${Array.isArray(data) ? 'a list' : 'not a map'}, as no workflow format has it`);
  const ordered = claimed ? [claimed, ...ADAPTERS.filter((a) => a !== claimed)] : ADAPTERS;
  for (const adapter of ordered) {
    const recognized = adapter.recognize(data, file);
    if (recognized === null) continue;
    if (recognized !== 'workflow') return none(recognized.notWorkflow);
    return workflow(adapter.read({ file, text, data, map: source.map, settings: settings(), read }));
  }
  return none(`no workflow format recognised in ${basename(file)} (${Object.values(FORMAT_LABELS).join(', ')})`);
}
