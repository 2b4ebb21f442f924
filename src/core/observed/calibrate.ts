// Calibration: each matched step's observed figures per call become its figures in the sidecar,
// so that the estimate follows what runs really used. A range is centred on the observed mean
// (the estimate draws uniformly, so its midpoint is its mean) and as wide as the middle 80% of
// the calls, narrowed where it would go below zero.
import type { Estimate, Range, Workflow } from '../types';
import { matchObservations } from './compare';
import type { ObservedCall, Observations } from './readers';
import type { Catalog } from '../catalog/catalog';

/** The sidecar figures of one step, from its observed calls. */
export interface CalibratedStep {
  id: string;
  calls: number;
  runs: number;
  input_tokens: Range;
  /** Visible output: the observed output less its reasoning. */
  output_tokens: Range;
  reasoning_tokens: Range | null;
  /** Calls per run, where the step loops (or was found to). */
  turns: Range | null;
  cache_hit_rate: number | null;
  /** What calibration leaves as the file says, and why. */
  note: string | null;
}

export interface Calibration {
  runs: number;
  steps: CalibratedStep[];
}

/** The q-quantile of sorted values, interpolated. */
function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

/** Whole numbers centred on the mean, as wide as the 10th to 90th percentile, from `floor` up. */
export function rangeAround(values: readonly number[], floor = 0): Range {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const half = Math.min(Math.max(0, mean - floor), (quantile(sorted, 0.9) - quantile(sorted, 0.1)) / 2);
  const min = Math.max(floor, Math.round(mean - half));
  return { min, max: Math.max(min, min + Math.round(mean + half - min)) };
}

/** Per call of a record that stands for `requests` calls: its tokens shared among them. */
const perCall = (calls: readonly ObservedCall[], value: (c: ObservedCall) => number): number[] =>
  calls.flatMap((c) => Array<number>(Math.min(c.requests, 1000)).fill(value(c) / c.requests));

export function calibrate(workflow: Workflow, estimate: Estimate, sets: readonly Observations[], catalog: Catalog): Calibration {
  const matching = matchObservations(workflow, estimate, sets, catalog);
  const runs = [...matching.runs.keys()];
  const steps: CalibratedStep[] = [];
  for (const spec of workflow.steps) {
    const calls = matching.byStep.get(spec.id);
    if (!calls?.length) continue;
    const reasoning = perCall(calls, (c) => Math.min(c.reasoningTokens, c.outputTokens));
    const input = perCall(calls, (c) => c.inputTokens);
    const cached = calls.reduce((s, c) => s + Math.min(c.cachedTokens, c.inputTokens), 0);
    const inputTotal = calls.reduce((s, c) => s + c.inputTokens, 0);
    const perRun = new Map<string, number>(runs.map((r) => [r, 0]));
    for (const c of calls) perRun.set(c.run, (perRun.get(c.run) ?? 0) + c.requests);
    const turnsPerRun = [...perRun.values()].map((n) => n / spec.repeat);
    const meanTurns = turnsPerRun.reduce((s, v) => s + v, 0) / turnsPerRun.length;
    // A loop's calls per run are its turns; a single call observed to repeat has become a loop.
    // Fewer calls than the file makes (a partial eval, a branch not taken) leave the count to the file.
    const loops = spec.agent !== null ? meanTurns >= 1 : meanTurns > 1.1;
    const fewer = meanTurns < 0.9
      ? `${Math.round(meanTurns * spec.repeat * 10) / 10} call${meanTurns * spec.repeat === 1 ? '' : 's'} a run observed where the file makes ${spec.repeat}${spec.agent ? ' or more' : ''}: the count follows the file`
      : null;
    const anyReasoning = reasoning.some((r) => r > 0) || (estimate.steps.find((s) => s.id === spec.id)?.reasoning ?? null) !== null;
    steps.push({
      id: spec.id,
      calls: calls.reduce((s, c) => s + c.requests, 0),
      runs: runs.length,
      input_tokens: rangeAround(input),
      output_tokens: rangeAround(perCall(calls, (c) => c.outputTokens - Math.min(c.reasoningTokens, c.outputTokens))),
      reasoning_tokens: anyReasoning ? rangeAround(reasoning) : null,
      turns: loops ? rangeAround(turnsPerRun, 1) : null,
      cache_hit_rate: cached > 0 && inputTotal > 0 ? Math.round((cached / inputTotal) * 1000) / 1000 : null,
      note: fewer,
    });
  }
  return { runs: runs.length, steps };
}

const rangeValue = (r: Range): number | [number, number] => (r.min === r.max ? r.min : [r.min, r.max]);

/**
 * What calibration writes in the sidecar: each step's per-call tokens; for a loop its turns, with
 * `history: none` and no tool tokens, since an observed call's input already holds both; and
 * `calibrated_from`, which the estimate's assumptions cite.
 */
export function calibrationSettings(cal: Calibration, files: readonly string[], date: string): { path: string[]; value: unknown }[] {
  const out: { path: string[]; value: unknown }[] = [];
  for (const s of cal.steps) {
    const at = (key: string, value: unknown) => out.push({ path: ['steps', s.id, key], value });
    at('input_tokens', rangeValue(s.input_tokens));
    at('output_tokens', rangeValue(s.output_tokens));
    if (s.reasoning_tokens) at('reasoning', { tokens: rangeValue(s.reasoning_tokens) });
    if (s.turns) {
      at('turns', rangeValue(s.turns));
      at('history', 'none');
      at('tool_tokens', 0);
    }
    if (s.cache_hit_rate !== null) at('cache_hit_rate', s.cache_hit_rate);
  }
  out.push({ path: ['calibrated_from'], value: { files: [...files], runs: cal.runs, date } });
  return out;
}
