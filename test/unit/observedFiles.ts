// Observation files as the tools that produce them write them, for the observed-usage tests:
// promptfoo's results.json (promptfoo 0.123.0, src/types/index.ts: EvaluateSummaryV3 and
// EvaluateResult; src/types/shared.ts: TokenUsage), OTLP/JSON export requests (opentelemetry-proto
// v1.5, trace/v1/trace.proto in its JSON mapping: ids as hex, times as strings of nanoseconds,
// attribute values as { stringValue } or { intValue: "12" }) with the GenAI semantic conventions'
// attributes (semantic-conventions v1.37, docs/gen-ai/gen-ai-spans.md) or OpenInference's
// (openinference-semantic-conventions, spec/semantic_conventions.md).

export interface PromptfooResult {
  provider: { id: string; label?: string };
  prompt: string;
  input: number;
  output: number;
  reasoning?: number;
  cost: number;
  latencyMs: number;
  grading?: { prompt: number; completion: number };
}

export function promptfooResults(results: PromptfooResult[]): string {
  return JSON.stringify({
    evalId: 'eval-7Kp-2026-11-30T09:12:44',
    results: {
      version: 3,
      timestamp: '2026-11-30T09:12:44.512Z',
      prompts: [{ raw: 'Reply to {{message}}', label: 'Reply to {{message}}', provider: results[0]?.provider.id }],
      results: results.map((r, i) => ({
        id: `r${i}`,
        promptIdx: 0,
        testIdx: i,
        provider: r.provider,
        prompt: { raw: r.prompt, label: r.prompt },
        vars: { message: `message ${i}` },
        response: {
          output: 'Thanks for writing in.',
          tokenUsage: {
            total: r.input + r.output, prompt: r.input, completion: r.output, cached: 0, numRequests: 1,
            ...(r.reasoning ? { completionDetails: { reasoning: r.reasoning } } : {}),
          },
          cached: false,
        },
        success: true,
        score: 1,
        latencyMs: r.latencyMs,
        namedScores: {},
        cost: r.cost,
        ...(r.grading
          ? { gradingResult: { pass: true, score: 1, reason: 'All assertions passed', tokensUsed: { total: r.grading.prompt + r.grading.completion, ...r.grading, cached: 0, numRequests: 1 } } }
          : {}),
      })),
      stats: { successes: results.length, failures: 0, errors: 0, tokenUsage: {} },
    },
    config: { description: 'Support reply eval' },
    shareableUrl: null,
  }, null, 2);
}

type AttributeValue = string | number;

const attributes = (attrs: Record<string, AttributeValue>) =>
  Object.entries(attrs).map(([key, v]) => ({ key, value: typeof v === 'string' ? { stringValue: v } : Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v } }));

export interface SpanSpec {
  trace: string;
  id: string;
  parent?: string;
  name: string;
  startMs: number;
  endMs: number;
  attrs?: Record<string, AttributeValue>;
}

const hex = (s: string, length: number) => Buffer.from(s).toString('hex').padEnd(length, '0').slice(0, length);

/** One ExportTraceServiceRequest holding the spans, as the collector's file exporter writes a line. */
export function otlpRequest(spans: SpanSpec[], service = 'support-agent'): object {
  const base = 1_764_500_000_000; // ms since the epoch
  return {
    resourceSpans: [{
      resource: { attributes: attributes({ 'service.name': service }) },
      scopeSpans: [{
        scope: { name: 'opentelemetry.instrumentation.openai_v2', version: '0.3b0' },
        spans: spans.map((s) => ({
          traceId: hex(s.trace, 32),
          spanId: hex(s.id, 16),
          ...(s.parent ? { parentSpanId: hex(s.parent, 16) } : {}),
          name: s.name,
          kind: 3,
          startTimeUnixNano: String((base + s.startMs) * 1_000_000),
          endTimeUnixNano: String((base + s.endMs) * 1_000_000),
          attributes: attributes(s.attrs ?? {}),
          status: {},
        })),
      }],
    }],
  };
}
