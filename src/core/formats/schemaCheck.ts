// Validation against the JSON Schema that ships with the extension (schemas/agentflow.schema.json),
// compiled ahead of time (agentflowValidator.ts, by scripts/build-schema.mjs), with Ajv's findings
// rewritten as messages a user can act on, each at its line and column.
import type { ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import type { Problem } from '../types';
import { childPointer, parentPointer, type SourceMap } from './sourceMap';

/** The standalone validator: true or false, with the errors of the last call on itself. */
type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
let validator: Validator | undefined;

/** Loaded on the first agentflow file: the bundles map it to a chunk of its own (see esbuild.js). */
function compiled(): Validator {
  validator ??= (require('./agentflowValidator') as { validate: Validator }).validate;
  return validator;
}

/** Problems with `value` against the workflow schema; the pointers of the values at fault. */
export function checkSchema(file: string, value: unknown, map: SourceMap): { problems: Problem[]; pointers: string[] } {
  const validate = compiled();
  if (validate(value)) return { problems: [], pointers: [] };
  const errors = validate.errors ?? [];
  // A failed anyOf says it once, with its own message; its branches' errors are noise.
  const branches = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => `${e.schemaPath}/`);
  const kept = errors.filter((e) => !branches.some((prefix) => e.schemaPath.startsWith(prefix)));
  const problems: Problem[] = [];
  const pointers: string[] = [];
  const seen = new Set<string>();
  for (const e of kept) {
    if (e.keyword === 'allOf' || e.keyword === 'if') continue;
    const { pointer, message, atKey } = describe(e, value);
    const key = `${pointer}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pointers.push(pointer);
    problems.push({
      file,
      span: atKey ? map.keySpan(pointer) : map.valueSpan(pointer),
      severity: 'error',
      code: 'schema',
      message,
    });
  }
  return { problems, pointers };
}

function describe(e: ErrorObject, root: unknown): { pointer: string; message: string; atKey: boolean } {
  const where = humanPath(e.instancePath, root);
  const parent = (e.parentSchema ?? {}) as { errorMessage?: string; properties?: Record<string, unknown>; enum?: unknown[] };
  const got = describeValue(e.data);
  switch (e.keyword) {
    case 'additionalProperties': {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys(parent.properties ?? {}).filter((k) => parent.properties?.[k] !== false);
      const guess = known.length ? closest(extra, known) : null;
      const hint = guess && similar(extra, guess) ? ` Did you mean '${guess}'?` : '';
      return {
        pointer: childPointer(e.instancePath, extra),
        atKey: true,
        message: `Unknown key '${extra}' in ${where}.${hint} Expected one of: ${known.join(', ')}.`,
      };
    }
    case 'false schema':
      return { pointer: e.instancePath, atKey: true, message: `'${lastSegment(e.instancePath)}' is not allowed in ${humanPath(parentPointer(e.instancePath), root)}.` };
    case 'required':
      return { pointer: e.instancePath, atKey: false, message: `${capitalize(where)} is missing '${(e.params as { missingProperty: string }).missingProperty}'.` };
    case 'enum':
      return { pointer: e.instancePath, atKey: false, message: `${capitalize(where)}: expected ${parent.errorMessage ?? `one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`}, got ${got}.` };
    default: {
      const expected = parent.errorMessage ?? e.message ?? 'a valid value';
      return { pointer: e.instancePath, atKey: false, message: `${capitalize(where)}: expected ${expected}, got ${got}.` };
    }
  }
}

function similar(a: string, b: string): boolean {
  return a.length > 2 && (b.includes(a) || a.includes(b) || distance(a, b) / Math.max(a.length, b.length) < 0.4);
}

/** "/steps/2/agent/turns" as "step 'research' (steps[2]) agent.turns". */
export function humanPath(pointer: string, root: unknown): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (parts.length === 0) return 'the workflow';
  if (parts[0] === 'steps' && parts.length >= 2 && /^\d+$/.test(parts[1])) {
    const step = (root as { steps?: { id?: unknown }[] }).steps?.[Number(parts[1])];
    const name = step && typeof step === 'object' && typeof step.id === 'string' ? `step '${step.id}'` : `steps[${parts[1]}]`;
    return parts.length === 2 ? name : `${name} ${parts.slice(2).join('.')}`;
  }
  return parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');
}

function lastSegment(pointer: string): string {
  return pointer.slice(pointer.lastIndexOf('/') + 1);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length <= 4 ? JSON.stringify(v) : `a list of ${v.length} items`;
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return v.length > 40 ? `a text of ${v.length} characters` : `'${v}'`;
  return String(v);
}
