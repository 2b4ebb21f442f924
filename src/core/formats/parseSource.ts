// YAML and JSON(C) text to plain data plus the position of every value. Bad input comes back as
// problems with line and column: nothing here throws, loops or explodes on hostile input.
import { parseTree, getNodeValue, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { MAX_FILE_BYTES } from '../limits';
import type { Problem } from '../types';
import { childPointer, SourceMap } from './sourceMap';

/** Alias expansions allowed when building the data (guards against "billion laughs"). */
const MAX_ALIAS_COUNT = 100;
/** Positions are recorded this deep; anything deeper is still parsed, just not located. */
const MAX_DEPTH = 64;

export interface ParsedSource {
  /** The data, or undefined where the text could not be read. */
  value: unknown;
  map: SourceMap;
  problems: Problem[];
}

export interface ParseOptions {
  limit?: number;
  /** Other tools' files may repeat a key (PyYAML keeps the last): accept that there. */
  duplicateKeys?: boolean;
}

export function parseSourceText(file: string, text: string, syntax: 'yaml' | 'json', options: ParseOptions = {}): ParsedSource {
  const limit = options.limit ?? MAX_FILE_BYTES;
  const map = new SourceMap(text.length > limit ? '' : text);
  const problems: Problem[] = [];
  const fail = (message: string, start = 0, end = 0): ParsedSource => {
    problems.push({ file, span: map.span(start, end), severity: 'error', code: syntax, message });
    return { value: undefined, map, problems };
  };
  if (text.length > limit) {
    return fail(`The file is too large to read (${(text.length / 1048576).toFixed(1)} MB; the limit is ${limit / 1048576} MB).`);
  }
  try {
    return syntax === 'json' ? parseJson(file, text, map, problems) : parseYaml(file, text, map, problems, options.duplicateKeys === true);
  } catch (e) {
    // Deep nesting can exhaust the parser's stack: report it like any other unreadable file.
    return fail(`The file could not be read: ${e instanceof Error ? e.message : String(e)}.`);
  }
}

function parseYaml(file: string, text: string, map: SourceMap, problems: Problem[], duplicateKeys: boolean): ParsedSource {
  // logLevel 'error': the library's warnings (a map used as a key) would reach the user's terminal.
  const doc = parseDocument(text, { uniqueKeys: !duplicateKeys, prettyErrors: false, logLevel: 'error' });
  for (const e of doc.errors) {
    problems.push({ file, span: map.span(e.pos[0], e.pos[1]), severity: 'error', code: 'yaml', message: `YAML: ${firstLine(e.message)}` });
  }
  if (doc.errors.length > 0) return { value: undefined, map, problems };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    problems.push({
      file, span: map.span(0, 0), severity: 'error', code: 'yaml',
      message: `YAML: the file expands too many aliases (${firstLine(e instanceof Error ? e.message : String(e))}); write the values out instead of nesting aliases.`,
    });
    return { value: undefined, map, problems };
  }
  if (doc.contents) locateYaml(doc.contents as YamlNode, '', map, 0);
  return { value, map, problems };
}

function locateYaml(node: YamlNode, pointer: string, map: SourceMap, depth: number): void {
  if (depth > MAX_DEPTH || isAlias(node) || isScalar(node)) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      const keyName = key && isScalar(key) ? String(key.value) : String(key);
      const ptr = childPointer(pointer, keyName);
      const value = pair.value as YamlNode | null;
      const keySpan = key?.range ? map.span(key.range[0], key.range[1]) : undefined;
      const valueSpan = value?.range ? map.span(value.range[0], value.range[1]) : keySpan;
      if (valueSpan) map.set(ptr, { key: keySpan, value: valueSpan });
      if (value) locateYaml(value, ptr, map, depth + 1);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const child = item as YamlNode;
      if (!child?.range) return;
      const ptr = childPointer(pointer, i);
      map.set(ptr, { value: map.span(child.range[0], child.range[1]) });
      locateYaml(child, ptr, map, depth + 1);
    });
  }
  if (depth === 0 && node.range) map.set('', { value: map.span(node.range[0], node.range[1]) });
}

function parseJson(file: string, text: string, map: SourceMap, problems: Problem[]): ParsedSource {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors) {
    problems.push({ file, span: map.span(e.offset, e.offset + e.length), severity: 'error', code: 'json', message: `JSON: ${describeJsonError(printParseErrorCode(e.error))}` });
  }
  if (errors.length > 0 || !root) {
    if (!root && errors.length === 0) problems.push({ file, span: map.span(0, 0), severity: 'error', code: 'json', message: 'JSON: the file is empty.' });
    return { value: undefined, map, problems };
  }
  map.set('', { value: map.span(root.offset, root.offset + root.length) });
  locateJson(root, '', map, 0);
  return { value: getNodeValue(root), map, problems };
}

function locateJson(node: JsonNode, pointer: string, map: SourceMap, depth: number): void {
  if (depth > MAX_DEPTH || !node.children) return;
  if (node.type === 'object') {
    for (const prop of node.children) {
      const [key, value] = prop.children ?? [];
      if (!key) continue;
      const ptr = childPointer(pointer, String(key.value));
      const keySpan = map.span(key.offset, key.offset + key.length);
      map.set(ptr, { key: keySpan, value: value ? map.span(value.offset, value.offset + value.length) : keySpan });
      if (value) locateJson(value, ptr, map, depth + 1);
    }
  } else if (node.type === 'array') {
    node.children.forEach((child, i) => {
      const ptr = childPointer(pointer, i);
      map.set(ptr, { value: map.span(child.offset, child.offset + child.length) });
      locateJson(child, ptr, map, depth + 1);
    });
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/** jsonc-parser's codes ("CommaExpected") as words ("comma expected"). */
function describeJsonError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
