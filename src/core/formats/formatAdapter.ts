// The contract between the core and each format's adapter: what an adapter is given (the parsed
// file, its settings, a reader for the files beside it) and what it answers. Types only.
import type { Workflow } from '../types';
import type { FormatAssumptions } from './assumptions';
import type { SourceMap } from './sourceMap';

export type FormatId =
  | 'agentflow' | 'promptfoo' | 'crewai' | 'prompty' | 'promptflow' | 'dify' | 'semantic-kernel' | 'n8n' | 'autogen-studio';

/** A file next to the workflow (a crew's agents.yaml, a referenced prompt), read on request. */
export interface Companion {
  /** Its path as shown in messages, in the same form as the workflow's. */
  file: string;
  text: string;
}

/** Why a file the workflow refers to was not read: it is missing, outside the workspace, too large... */
export interface Unread {
  error: string;
}

/** Reads a path relative to the workflow's folder, inside the workspace. */
export type CompanionReader = (relativePath: string) => Companion | Unread;

export interface FormatSettings {
  assumptions: FormatAssumptions;
  /** Deployment or placeholder names mapped to model ids (Azure deployments, env variables). */
  deployments: Record<string, string>;
  /** Where the user overrides assumptions for this file, for messages. */
  sidecarName: string;
}

export interface AdapterInput {
  file: string;
  text: string;
  data: Record<string, unknown>;
  map: SourceMap;
  settings: FormatSettings;
  read: CompanionReader;
}

export type Recognition = 'workflow' | { notWorkflow: string } | null;

export interface FormatAdapter {
  id: FormatId;
  /** The file's name says it is of this format (its content is still checked). */
  claims(path: string): boolean;
  /** Raw-text signs of the format, for files that do not parse. */
  sniff?(text: string): boolean;
  /** This format's workflow, this format's file that is no workflow (and why), or not this format. */
  recognize(data: Record<string, unknown>, path: string): Recognition;
  read(input: AdapterInput): Workflow;
}

