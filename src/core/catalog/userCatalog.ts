// Catalog files a user names (settings, --catalog): a LiteLLM price map, or our own format,
// `models: { <id>: { price, speed, params_b, energy, quality, ... } }` as in a workflow file.
import { basename } from 'node:path';
import { readModelDefinition } from '../formats/agentflow';
import { parseSourceText } from '../formats/parseSource';
import { MAX_CATALOG_BYTES } from '../limits';
import type { PartialModel, Problem } from '../types';
import { importLiteLLM, looksLikeLiteLLM } from './litellm';

export function readCatalogText(file: string, text: string): { models: PartialModel[]; problems: Problem[] } {
  const syntax = /\.ya?ml$/i.test(file) ? 'yaml' : 'json';
  const parsed = parseSourceText(file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, syntax, { limit: MAX_CATALOG_BYTES });
  const origin = basename(file);
  if (parsed.value === undefined) return { models: [], problems: parsed.problems };
  const data = parsed.value;
  if (looksLikeLiteLLM(data)) return { models: importLiteLLM(data, origin), problems: [] };
  const section = typeof data === 'object' && data !== null && 'models' in data ? (data as { models: unknown }).models : data;
  if (typeof section !== 'object' || section === null || Array.isArray(section)) {
    return {
      models: [],
      problems: [{ file, span: parsed.map.valueSpan(''), severity: 'error', code: 'catalog', message: 'A catalog file is a LiteLLM price map, or a mapping `models: { <id>: { price, speed, params_b, ... } }`.' }],
    };
  }
  const models = Object.entries(section as Record<string, unknown>)
    .filter(([, v]) => typeof v === 'object' && v !== null && !Array.isArray(v))
    .map(([id, v]) => readModelDefinition(id, v as Record<string, unknown>, `${origin} models.${id}`));
  return { models, problems: [] };
}
