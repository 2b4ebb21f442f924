// What runs really used, read from the files teams already have, streamed: promptfoo results
// (`promptfoo eval -o results.json`), OpenTelemetry traces as OTLP/JSON (the collector's file
// exporter writes one export request per line; one JSON document works too) with the GenAI
// semantic conventions or OpenInference's, and a plain CSV or JSONL of calls. A file is read in
// chunks of a megabyte, never whole, each byte looked at once: a 100 MB trace export stays within
// a few hundred MB, and a field, a line, a header or a nesting past its cap (OBSERVED_CAPS) is an
// error naming the line, having held no more than the cap.
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { TokenParser, Tokenizer, TokenType, type ParsedElementInfo } from '@streamparser/json';
import { LIMITS, MAX_OBSERVATION_BYTES, MAX_OBSERVED_CALLS, OBSERVED_CAPS, QUOTED_CHARS } from '../limits';

/** One model call as observed. */
export interface ObservedCall {
  /** The run it belongs to: an eval, a trace, a run id. */
  run: string;
  /** Names to match it to a step by, most specific first (a provider label, an agent, a task, a node). */
  names: string[];
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  /** Of the input, read from a prompt cache; of the output, spent reasoning. */
  cachedTokens: number;
  reasoningTokens: number;
  costUsd: number | null;
  latencyS: number | null;
  /** When it started and ended, whole microseconds since the epoch (exact in a double), where the file says. */
  startUs?: number;
  endUs?: number;
  /** Model requests it stands for, its tokens and cost being their sums (an agent SDK's loop). */
  requests: number;
  /** A grading call (promptfoo's model-graded assertions). */
  grader: boolean;
}

export interface Observations {
  file: string;
  format: 'promptfoo' | 'otlp' | 'calls';
  calls: ObservedCall[];
  /** Wall time of each run, where the file gives it (a trace's first span to its last). */
  runLatencyS: Map<string, number>;
  /** Spans or rows that are no model call, skipped. */
  skipped: number;
}

export type ObservationResult = Observations | { error: string };

const CHUNK = 1 << 20;
const NOT_A_FILE = 'not a regular file (a device, a pipe or a socket)';

/** Reads a file in chunks, handing each to `feed`; an error names the file. */
function eachChunk(file: string, feed: (chunk: Buffer) => void): void {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    if (!fs.fstatSync(fd).isFile()) throw new Error(NOT_A_FILE);
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, CHUNK, null);
      if (n <= 0) break;
      feed(buffer.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** The first bytes of a file, to tell its format. */
function head(file: string, bytes = 4096): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    if (!fs.fstatSync(fd).isFile()) throw new Error(NOT_A_FILE);
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, fs.readSync(fd, buffer, 0, bytes, 0)).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** An input past one of OBSERVED_CAPS: its message stands as it is. */
class CapError extends Error {}

const size = (chars: number): string => (chars >= 1024 * 1024 ? `${chars / (1024 * 1024)} MB` : `${chars / 1024} KB`);
/** At most QUOTED_CHARS characters of the file's text, for an error message. */
const excerpt = (s: string): string => (s.length > QUOTED_CHARS ? `${s.slice(0, QUOTED_CHARS)}…` : s);

const VALUE_TOKENS = new Set([TokenType.LEFT_BRACE, TokenType.LEFT_BRACKET, TokenType.STRING, TokenType.NUMBER, TokenType.TRUE, TokenType.FALSE, TokenType.NULL]);

/**
 * Feeds a whole file to a streaming JSON parser that emits the values at `paths`, within the caps:
 * a string or number of more than a field, a stretch of more than a line (or of more values than
 * a line may hold) between two emitted values, which the parser holds meanwhile, or a nesting past
 * the depth is refused as it grows.
 * A document that breaks off or is not JSON is an error.
 */
function streamJson(file: string, paths: string[], onValue: (info: ParsedElementInfo) => void): void {
  const tokenizer = new Tokenizer({ emitPartialTokens: true });
  const parser = new TokenParser({ paths, keepStack: false });
  let fed = 0;
  let depth = 0;
  let token = 0;
  let emittedAt = 0;
  let values = 0;
  parser.onValue = (info) => {
    emittedAt = token;
    values = 0;
    onValue(info);
  };
  parser.onError = tokenizer.error.bind(tokenizer);
  parser.onEnd = () => {
    if (!tokenizer.isEnded) tokenizer.end();
  };
  tokenizer.onEnd = () => {
    if (!parser.isEnded) parser.end();
  };
  tokenizer.onToken = (t) => {
    if (t.partial) {
      // a string or a number still growing at the end of a chunk
      if (fed - t.offset > OBSERVED_CAPS.field) throw new CapError(`a JSON string or number of more than ${size(OBSERVED_CAPS.field)} at byte ${t.offset}: not observations as tools write them`);
      return;
    }
    token = t.offset;
    if (t.token === TokenType.LEFT_BRACE || t.token === TokenType.LEFT_BRACKET) {
      if (++depth > OBSERVED_CAPS.depth) throw new CapError(`JSON nested more than ${OBSERVED_CAPS.depth} deep at byte ${t.offset}: not observations as tools write them`);
    } else if (t.token === TokenType.RIGHT_BRACE || t.token === TokenType.RIGHT_BRACKET) depth--;
    if (token - emittedAt > OBSERVED_CAPS.line) throw new CapError(`a record of more than ${size(OBSERVED_CAPS.line)} from byte ${emittedAt}: not observations as tools write them`);
    if (VALUE_TOKENS.has(t.token) && ++values > OBSERVED_CAPS.values) throw new CapError(`a record of more than ${OBSERVED_CAPS.values.toLocaleString('en-US')} JSON values from byte ${emittedAt}: not observations as tools write them`);
    parser.write(t);
  };
  try {
    eachChunk(file, (chunk) => {
      fed += chunk.length;
      tokenizer.write(chunk);
    });
    if (!tokenizer.isEnded) tokenizer.end();
  } catch (e) {
    // the file's own errors (unreadable, not a file) and the caps' stay as they are
    if ((e as NodeJS.ErrnoException).code || !(e instanceof Error) || e instanceof CapError || e.message === NOT_A_FILE) throw e;
    const { message } = e;
    throw new Error(/ended|end/i.test(message) ? 'the JSON document ends too early: the file may be truncated' : `not valid JSON (${excerpt(message)})`, { cause: e });
  }
}

/** A file's text in chunks, a character split between two chunks kept whole. */
function eachText(file: string, feed: (text: string) => void): void {
  const decoder = new StringDecoder('utf8');
  eachChunk(file, (chunk) => feed(decoder.write(chunk)));
  const last = decoder.end();
  if (last) feed(last);
}

/**
 * Lines of a file, streamed, with their numbers (from 1): each character is looked at once (a
 * line's pieces wait in a list, joined once it ends), and a line longer than the cap is an error.
 */
function eachLine(file: string, onLine: (line: string, number: number) => void): void {
  let pieces: string[] = [];
  let length = 0;
  let number = 0;
  const tooLong = () => new CapError(`line ${number + 1}: longer than ${size(OBSERVED_CAPS.line)}: not observations as tools write them`);
  eachText(file, (chunk) => {
    let start = 0;
    for (let at = chunk.indexOf('\n'); at >= 0; at = chunk.indexOf('\n', start)) {
      if (length + at - start > OBSERVED_CAPS.line) throw tooLong();
      const line = pieces.length ? pieces.join('') + chunk.slice(start, at) : chunk.slice(start, at);
      pieces = [];
      length = 0;
      onLine(line.endsWith('\r') ? line.slice(0, -1) : line, ++number);
      start = at + 1;
    }
    if (start < chunk.length) {
      length += chunk.length - start;
      if (length > OBSERVED_CAPS.line) throw tooLong();
      pieces.push(chunk.slice(start));
    }
  });
  const last = pieces.join('');
  if (last.trim()) onLine(last, ++number);
}

/**
 * Why JSON text is past the caps before JSON.parse holds it: nested deeper than the depth, or more
 * values (counted by their separators and containers; strings skipped whole) than a line may hold.
 */
function shapeProblem(s: string): string | null {
  let depth = 0;
  let values = 1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) {
      // on to the closing quote: one not escaped by an odd run of backslashes
      for (;;) {
        i = s.indexOf('"', i + 1);
        if (i < 0) return null;
        let b = i - 1;
        while (s.charCodeAt(b) === 92) b--;
        if ((i - 1 - b) % 2 === 0) break;
      }
    } else if (c === 91 || c === 123) {
      if (++depth > OBSERVED_CAPS.depth) return `JSON nested more than ${OBSERVED_CAPS.depth} deep`;
      values++;
    } else if (c === 93 || c === 125) depth--;
    else if (c === 44 && ++values > OBSERVED_CAPS.values) return `more than ${OBSERVED_CAPS.values.toLocaleString('en-US')} JSON values in one line`;
  }
  return null;
}

/** Each non-blank line of a JSONL file, parsed; a line that is not JSON is an error naming it. */
function eachJsonLine(file: string, onValue: (value: unknown) => void): void {
  eachLine(file, (line, number) => {
    if (!line.trim()) return;
    const shape = shapeProblem(line);
    if (shape) throw new CapError(`line ${number}: ${shape}: not observations as tools write them`);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new Error(`line ${number}: not JSON (${excerpt((e as Error).message)}); the file may be truncated`, { cause: e });
    }
    onValue(value);
  });
}

/** A count or an amount: a finite number from 0 to the token limit (larger ones are no real call's). */
const num = (v: unknown): number | null => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= LIMITS.tokens ? n : null;
};
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A name from the file, cut to the length of the longest model name. */
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim().slice(0, LIMITS.modelName) : null);

/** Adds a call, refusing more than a bounded number. */
function keep<T>(calls: T[], call: T): void {
  if (calls.length >= MAX_OBSERVED_CALLS) throw new Error(`more than ${MAX_OBSERVED_CALLS.toLocaleString('en-US')} model calls: split the file`);
  calls.push(call);
}

/** Reads an observation file of any of the three kinds, told apart by their content. */
export function readObservations(file: string): ObservationResult {
  try {
    if (fs.statSync(file).size >= MAX_OBSERVATION_BYTES) return { error: `${file}: ${MAX_OBSERVATION_BYTES / 1024 ** 3} GB or larger: split it` };
    const start = head(file).trimStart();
    if (!start) return { error: `${file}: the file is empty` };
    if (!start.startsWith('{') && !start.startsWith('[')) return readCallsCsv(file);
    // A first line that is a whole JSON object: a JSONL file, or a small document on one line.
    const firstLine = start.split('\n', 1)[0];
    const first = jsonLine(firstLine);
    if (first) {
      if ('resourceSpans' in first) return readOtlp(file);
      if ('results' in first || 'evalId' in first) return readPromptfoo(file);
      return readCallsJsonl(file);
    }
    return /^\{\s*"resourceSpans"/.test(start) ? readOtlp(file) : readPromptfoo(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: `${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : excerpt((e as Error).message)}` };
  }
}

const jsonLine = (line: string): Obj | null => {
  try {
    const v: unknown = JSON.parse(line);
    return isObj(v) ? v : null;
  } catch {
    return null;
  }
};


// promptfoo: results.json is { evalId, results: { version, results: [EvaluateResult] }, config }
// (older files: { results: [...] } at the top). Each result has provider { id, label }, prompt
// { label }, response.tokenUsage { prompt, completion, cached, completionDetails.reasoning },
// cost, latencyMs, and gradingResult.tokensUsed for model-graded assertions. One file is one eval:
// one run of the workflow. (promptfoo 0.123.0, src/types/index.ts, EvaluateResult.)
function readPromptfoo(file: string): ObservationResult {
  const calls: ObservedCall[] = [];
  const run = `${file}#eval`;
  let skipped = 0;
  /** `openai:chat:gpt-4.1-mini` → `gpt-4.1-mini`. */
  const modelOf = (id: string | null) => id?.replace(/^[\w-]+(:[\w-]+)*:/, '') ?? null;
  const add = (r: Obj) => {
    const provider = isObj(r.provider) ? r.provider : {};
    const response = isObj(r.response) ? r.response : {};
    const usage = isObj(response.tokenUsage) ? response.tokenUsage : isObj(r.tokenUsage) ? r.tokenUsage : null;
    // A response from promptfoo's own cache made no request (its usage is `cached`, not prompt and
    // completion), and a custom provider may report none: the result's grading still counts.
    if (usage && (num(usage.prompt) !== null || num(usage.completion) !== null)) {
      const details = isObj(usage.completionDetails) ? usage.completionDetails : {};
      const prompt = isObj(r.prompt) ? r.prompt : {};
      const names = [text(provider.label), text(provider.id), typeof r.provider === 'string' ? r.provider : null, text(prompt.label)].filter((x): x is string => x !== null);
      keep(calls, {
        run, names, model: modelOf(text(provider.id)),
        inputTokens: num(usage.prompt) ?? 0, outputTokens: num(usage.completion) ?? 0, cachedTokens: 0, reasoningTokens: num(details.reasoning) ?? 0,
        costUsd: num(r.cost) ?? num(response.cost), latencyS: num(r.latencyMs) === null ? null : (num(r.latencyMs) as number) / 1000,
        requests: Math.max(1, num(usage.numRequests) ?? 1), grader: false,
      });
    } else skipped++;
    const grading = isObj(r.gradingResult) ? r.gradingResult : null;
    const used = grading && isObj(grading.tokensUsed) ? grading.tokensUsed : null;
    if (used && ((num(used.prompt) ?? 0) > 0 || (num(used.completion) ?? 0) > 0)) {
      // the grader a test names (testCase.options.provider), where it names one
      const options = isObj(r.testCase) && isObj(r.testCase.options) ? r.testCase.options : {};
      const graderId = text(options.provider) ?? (isObj(options.provider) ? text(options.provider.id) : null);
      keep(calls, {
        run, names: ['grader'], model: modelOf(graderId), inputTokens: num(used.prompt) ?? 0, outputTokens: num(used.completion) ?? 0, cachedTokens: 0,
        reasoningTokens: 0, costUsd: null, latencyS: null, requests: Math.max(1, num(used.numRequests) ?? 1), grader: true,
      });
    }
  };
  let found = 0;
  streamJson(file, ['$.results.results.*', '$.results.*', '$.*'], ({ value, key, stack }) => {
    // results are the objects of the results list: at $.results.results.*, or $.results.* in older files, or a top-level list
    if (!isObj(value) || typeof key !== 'number') return;
    if (!('provider' in value) && !('response' in value)) return;
    const path = stack.map((s) => s.key).filter((k) => k !== undefined).join('.');
    if (path === 'results.results' || path === 'results' || path === '') {
      found++;
      add(value);
    }
  });
  if (found === 0) {
    return { error: `${file}: no observations in it: neither promptfoo results (a list under 'results') nor OTLP/JSON traces ('resourceSpans'), nor a JSONL of calls` };
  }
  if (calls.length === 0) return { error: `${file}: none of its ${found} promptfoo results has token usage (response.tokenUsage, or gradingResult.tokensUsed)` };
  return { file, format: 'promptfoo', calls, runLatencyS: new Map(), skipped };
}

/**
 * Nanoseconds since the epoch (a string of digits in OTLP/JSON, past a double's exact range) as
 * whole microseconds, which a double holds exactly: durations come out to the microsecond.
 */
function microseconds(v: unknown): number | null {
  const us = typeof v === 'string' && /^\d{4,25}$/.test(v) ? Number(v.slice(0, -3)) : typeof v === 'number' ? Math.round(v / 1000) : NaN;
  return Number.isFinite(us) && us > 0 ? us : null;
}

/** An OTLP/JSON attribute's value (`{ stringValue }`, `{ intValue: "12" }`, `{ doubleValue }`). */
function attrValue(v: unknown): unknown {
  if (!isObj(v)) return undefined;
  if ('stringValue' in v) return v.stringValue;
  if ('intValue' in v) return Number(v.intValue);
  if ('doubleValue' in v) return Number(v.doubleValue);
  if ('boolValue' in v) return v.boolValue;
  return undefined;
}

function attributes(list: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (Array.isArray(list)) for (const a of list) if (isObj(a) && typeof a.key === 'string') out.set(a.key, attrValue(a.value));
  return out;
}

const first = (attrs: Map<string, unknown>, keys: string[]): unknown => {
  for (const k of keys) if (attrs.has(k)) return attrs.get(k);
  return undefined;
};

/** The GenAI semantic conventions' keys (current and v1.36 and earlier), OpenInference's, and others' spellings. */
const KEYS = {
  model: ['gen_ai.response.model', 'gen_ai.request.model', 'llm.model_name'],
  input: ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens', 'llm.token_count.prompt'],
  output: ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens', 'llm.token_count.completion'],
  cached: [
    'gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.input_tokens.cached', 'gen_ai.usage.cache_read_input_tokens', 'gen_ai.usage.cached_input_tokens',
    'llm.token_count.prompt_details.cache_read',
  ],
  reasoning: ['gen_ai.usage.reasoning.output_tokens', 'gen_ai.usage.output_tokens.reasoning', 'gen_ai.usage.reasoning_tokens', 'llm.token_count.completion_details.reasoning'],
  cost: ['gen_ai.usage.cost', 'llm.cost.total'],
  agent: ['gen_ai.agent.name', 'agent.name', 'crewai.agent.role', 'graph.node.id'],
  task: ['crewai.task.name', 'gen_ai.task.name'],
};

/** A model call's span name by the GenAI conventions: `{gen_ai.operation.name} {gen_ai.request.model}`. */
const MODEL_IN_NAME = /^(?:chat|text_completion|generate_content|embeddings)\s+(\S+)$/;

interface SpanNode {
  trace: string;
  parent: string;
  name: string;
  agent: string | null;
}

/** One copy of each of the few names a trace file repeats by the hundred thousand (up to a bound). */
function interner(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    const known = seen.get(s);
    if (known !== undefined) return known;
    if (seen.size < 100_000) seen.set(s, s);
    return s;
  };
}

// OTLP/JSON: ExportTraceServiceRequest { resourceSpans: [{ scopeSpans: [{ spans: [Span] }] }] }, a
// Span having traceId, spanId, parentSpanId, name, startTimeUnixNano, endTimeUnixNano, attributes.
// One trace is one run. A span is a model call where it has a model and token counts.
function readOtlp(file: string): ObservationResult {
  const calls: ObservedCall[] = [];
  // each call's trace and parent span, beside it, to name it by its ancestors once all are read
  const traces: string[] = [];
  const parents: string[] = [];
  // span ids are random 64-bit numbers: unique across traces in practice, and checked against the trace
  const spans = new Map<string, SpanNode>();
  const bounds = new Map<string, [number, number]>();
  const intern = interner();
  let skipped = 0;
  let requests = 0;
  const onRequest = (request: unknown) => {
    if (!isObj(request) || !Array.isArray(request.resourceSpans)) return;
    requests++;
    for (const rs of request.resourceSpans) {
      if (!isObj(rs) || !Array.isArray(rs.scopeSpans)) continue;
      for (const ss of rs.scopeSpans) {
        if (!isObj(ss) || !Array.isArray(ss.spans)) continue;
        for (const span of ss.spans) {
          if (!isObj(span)) continue;
          const trace = intern(text(span.traceId) ?? 'trace');
          const parent = text(span.parentSpanId) ?? '';
          const name = text(span.name);
          const attrs = attributes(span.attributes);
          const startUs = microseconds(span.startTimeUnixNano);
          const endUs = microseconds(span.endTimeUnixNano);
          const timed = startUs !== null && endUs !== null && endUs >= startUs;
          if (timed) {
            const b = bounds.get(trace);
            if (b) {
              if (startUs < b[0]) b[0] = startUs;
              if (endUs > b[1]) b[1] = endUs;
            } else bounds.set(trace, [startUs, endUs]);
          }
          const agentName = text(first(attrs, KEYS.agent)) ?? text(first(attrs, KEYS.task));
          const agent = agentName === null ? null : intern(agentName);
          spans.set(text(span.spanId) ?? '', { trace, parent, name: name === null ? '' : intern(name), agent });
          // a span without a model attribute may still name it, as the conventions name spans: `chat gpt-4o`
          const model = text(first(attrs, KEYS.model)) ?? (name ? (MODEL_IN_NAME.exec(name)?.[1] ?? null) : null);
          const input = num(first(attrs, KEYS.input));
          const output = num(first(attrs, KEYS.output));
          if (!model || (input === null && output === null)) {
            skipped++;
            continue;
          }
          keep(calls, {
            run: intern(`${file}#${trace}`),
            names: [agent, name === null ? null : intern(name)].filter((x): x is string => x !== null), model: intern(model),
            inputTokens: input ?? 0, outputTokens: output ?? 0, cachedTokens: num(first(attrs, KEYS.cached)) ?? 0,
            reasoningTokens: num(first(attrs, KEYS.reasoning)) ?? 0, costUsd: num(first(attrs, KEYS.cost)),
            ...(timed ? { latencyS: (endUs - startUs) / 1e6, startUs, endUs } : { latencyS: null }),
            requests: 1, grader: false,
          });
          traces.push(trace);
          parents.push(parent);
        }
      }
    }
  };
  const start = head(file, 64 * 1024).trimStart();
  const firstLine = start.split('\n', 1)[0];
  if (jsonLine(firstLine)) {
    // the collector's file exporter: one export request per line
    eachJsonLine(file, onRequest);
  } else {
    // span by span: a resource's spans are never held together
    streamJson(file, ['$.resourceSpans.*.scopeSpans.*.spans.*'], ({ value }) => onRequest({ resourceSpans: [{ scopeSpans: [{ spans: [value] }] }] }));
  }
  if (requests === 0) return { error: `${file}: no OTLP/JSON trace data in it (resourceSpans)` };
  if (calls.length === 0) {
    return {
      error: `${file}: no model call among its ${skipped} span${skipped === 1 ? '' : 's'}: none has a model (${KEYS.model.join(', ')}) and token counts (${KEYS.input.join(', ')}, or the output's)`,
    };
  }
  // Each call is also named by its ancestors' agents and names (a task or agent span above the model call).
  calls.forEach((c, i) => {
    let parent = parents[i];
    for (let depth = 0; parent && depth < 32; depth++) {
      const node = spans.get(parent);
      if (!node || node.trace !== traces[i]) break;
      for (const n of [node.agent, node.name]) if (n && !c.names.includes(n)) c.names.push(n);
      parent = node.parent;
    }
  });
  const runLatencyS = new Map([...bounds].map(([trace, [s, e]]) => [intern(`${file}#${trace}`), (e - s) / 1e6]));
  return { file, format: 'otlp', calls, runLatencyS, skipped };
}

/** The columns a plain file of calls may have, and their names in it. */
const COLUMNS: Record<keyof Omit<ObservedCall, 'names' | 'grader' | 'startUs' | 'endUs' | 'requests'> | 'step', string[]> = {
  run: ['run', 'run_id', 'trace', 'trace_id'],
  step: ['step', 'agent', 'task', 'node', 'name'],
  model: ['model'],
  inputTokens: ['input_tokens', 'prompt_tokens', 'input'],
  outputTokens: ['output_tokens', 'completion_tokens', 'output'],
  cachedTokens: ['cached_tokens', 'cache_read_tokens', 'cached'],
  reasoningTokens: ['reasoning_tokens', 'reasoning'],
  costUsd: ['cost_usd', 'cost'],
  latencyS: ['latency_s', 'latency', 'duration_s'],
};

function callFromRow(row: Obj, file: string): ObservedCall | null {
  const pick = (key: keyof typeof COLUMNS): unknown => COLUMNS[key].map((k) => row[k]).find((v) => v !== undefined && v !== '');
  const input = num(pick('inputTokens'));
  const output = num(pick('outputTokens'));
  if (input === null && output === null) return null;
  const latencyMs = num(row.latency_ms);
  return {
    run: `${file}#${text(pick('run')) ?? 'run'}`, names: [text(pick('step'))].filter((x): x is string => x !== null), model: text(pick('model')),
    inputTokens: input ?? 0, outputTokens: output ?? 0, cachedTokens: num(pick('cachedTokens')) ?? 0, reasoningTokens: num(pick('reasoningTokens')) ?? 0,
    costUsd: num(pick('costUsd')), latencyS: num(pick('latencyS')) ?? (latencyMs === null ? null : latencyMs / 1000), requests: 1, grader: false,
  };
}

function readCallsJsonl(file: string): ObservationResult {
  const calls: ObservedCall[] = [];
  let skipped = 0;
  eachJsonLine(file, (row) => {
    const call = isObj(row) ? callFromRow(row, file) : null;
    if (call) keep(calls, call);
    else skipped++;
  });
  if (calls.length === 0) return { error: `${file}: no observations in it: no line has input_tokens or output_tokens (nor is it promptfoo results or OTLP/JSON traces)` };
  return { file, format: 'calls', calls, runLatencyS: new Map(), skipped };
}

/**
 * RFC 4180 records of a CSV file, streamed: quoted fields may hold commas, quotes ("") and line
 * breaks. The text between special characters is taken in slices (found natively), never a
 * character at a time; a field, a row or the header (the first record) past its cap is an error
 * naming its line, and a row's fields past the header's count are not kept.
 */
function csvRecords(file: string, onRecord: (fields: string[]) => void): void {
  let field = '';
  let fields: string[] = [];
  let columns = Infinity;
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let recordLine = 1;
  let rowLength = 0;
  const SPECIAL = /[",\n\r]/g;
  const UNKEPT = /["\n]/g;
  const push = () => {
    if (fields.length < columns) fields.push(field);
    field = '';
  };
  const end = () => {
    push();
    if (fields.length > 1 || fields[0] !== '') {
      onRecord(fields);
      if (columns === Infinity) columns = fields.length;
    }
    fields = [];
    rowLength = 0;
    recordLine = line;
  };
  /** Counts characters of the row, within the caps of a row and of the header. */
  const grow = (n: number) => {
    rowLength += n;
    if (columns === Infinity && rowLength > OBSERVED_CAPS.header) throw new CapError(`line ${recordLine}: a header row longer than ${size(OBSERVED_CAPS.header)}: not a CSV of calls`);
    if (rowLength > OBSERVED_CAPS.line) throw new CapError(`line ${recordLine}: a row longer than ${size(OBSERVED_CAPS.line)}: not a CSV of calls`);
  };
  /** Adds s[from, to) to the field, within the caps. */
  const take = (s: string, from: number, to: number) => {
    field += s.slice(from, to);
    grow(to - from);
    if (field.length > OBSERVED_CAPS.field) throw new CapError(`line ${recordLine}: a field longer than ${size(OBSERVED_CAPS.field)}: not a CSV of calls`);
  };
  eachText(file, (s) => {
    let i = 0;
    while (i < s.length) {
      if (quoted) {
        const close = s.indexOf('"', i);
        const to = close < 0 ? s.length : close;
        for (let nl = s.indexOf('\n', i); nl >= 0 && nl < to; nl = s.indexOf('\n', nl + 1)) line++;
        take(s, i, to);
        if (close < 0) return;
        quoted = false;
        afterQuote = true;
        i = close + 1;
        continue;
      }
      // past the header's columns, fields are not kept: on to the row's end (or a quote) at once
      const special = fields.length >= columns ? UNKEPT : SPECIAL;
      special.lastIndex = i;
      const m = special.exec(s);
      const at = m ? m.index : s.length;
      if (at > i) {
        afterQuote = false;
        if (special === UNKEPT) grow(at - i);
        else take(s, i, at);
      }
      if (!m) return;
      const c = s[at];
      i = at + 1;
      if (c === '"') {
        if (afterQuote) take('"', 0, 1);
        quoted = true;
        afterQuote = false;
        continue;
      }
      afterQuote = false;
      if (c === ',') {
        grow(1);
        push();
      } else if (c === '\n') {
        line++;
        end();
      }
    }
  });
  if (quoted) throw new Error(`line ${recordLine}: a quoted field never ends; the file may be truncated`);
  if (field !== '' || fields.length) end();
}

function readCallsCsv(file: string): ObservationResult {
  let header: string[] | null = null;
  const calls: ObservedCall[] = [];
  let skipped = 0;
  csvRecords(file, (fields) => {
    if (!header) {
      header = fields.map((f) => f.trim().toLowerCase());
      if (!header.some((h) => COLUMNS.inputTokens.includes(h) || COLUMNS.outputTokens.includes(h))) {
        throw new Error(`line 1: no input_tokens or output_tokens column (the columns are ${excerpt(header.join(', '))})`);
      }
      return;
    }
    const row: Obj = {};
    (header as string[]).forEach((h, i) => (row[h] = fields[i]));
    const call = callFromRow(row, file);
    if (call) keep(calls, call);
    else skipped++;
  });
  if (!header) return { error: `${file}: the file is empty` };
  if (calls.length === 0) return { error: `${file}: no calls in it (rows with input_tokens and output_tokens)` };
  return { file, format: 'calls', calls, runLatencyS: new Map(), skipped };
}

/** Every file's observations, or the reasons some cannot be read (then none is used). */
export function readObservationFiles(files: readonly string[]): { sets: Observations[] } | { errors: string[] } {
  const sets: Observations[] = [];
  const errors: string[] = [];
  for (const file of files) {
    const read = readObservations(file);
    if ('error' in read) errors.push(read.error);
    else sets.push(read);
  }
  return errors.length ? { errors } : { sets };
}
