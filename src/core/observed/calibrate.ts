// Calibration: each matched step's observed figures per call become its figures in the sidecar,
// so that the estimate follows what runs really used. A range is centred on the observed mean
// (the estimate draws uniformly, so its midpoint is its mean) and as wide as the middle 80% of
// the calls, narrowed where it would go below zero, and kept within the format's limits (so a
// calibrated sidecar always reads: a figure past a limit is written at the limit, and said).
import { LIMITS } from '../limits';
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
  /** The observed runs it comes from, so that calibrations sharing a sidecar count theirs once. */
  runIds: string[];
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

/** A range within 0 (or `floor`) and a limit of the format; what was cut, where it was. */
function withinLimit(r: Range, limit: number, what: string, floor = 0): { range: Range; note: string | null } {
  const range = { min: Math.min(Math.max(r.min, floor), limit), max: Math.min(Math.max(r.max, floor), limit) };
  const cut = range.max !== r.max || range.min !== r.min;
  return { range, note: cut ? `${what}: ${r.max.toLocaleString('en-US')} observed, above the format's limit of ${limit.toLocaleString('en-US')}: written as ${limit.toLocaleString('en-US')}` : null };
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
    const tokens = (values: number[], what: string) => withinLimit(rangeAround(values), LIMITS.tokens, what);
    const inputTokens = tokens(input, 'input tokens a call');
    const outputTokens = tokens(perCall(calls, (c) => c.outputTokens - Math.min(c.reasoningTokens, c.outputTokens)), 'output tokens a call');
    const reasoningTokens = anyReasoning ? tokens(reasoning, 'reasoning tokens a call') : null;
    const turns = loops ? withinLimit(rangeAround(turnsPerRun, 1), LIMITS.turns, 'turns a run', 1) : null;
    const notes = [fewer, inputTokens.note, outputTokens.note, reasoningTokens?.note ?? null, turns?.note ?? null].filter((n): n is string => n !== null);
    steps.push({
      id: spec.id,
      calls: calls.reduce((s, c) => s + c.requests, 0),
      runs: runs.length,
      input_tokens: inputTokens.range,
      output_tokens: outputTokens.range,
      reasoning_tokens: reasoningTokens?.range ?? null,
      turns: turns?.range ?? null,
      cache_hit_rate: cached > 0 && inputTotal > 0 ? Math.round((cached / inputTotal) * 1000) / 1000 : null,
      note: notes.length ? notes.join('; ') : null,
    });
  }
  return { runs: runs.length, runIds: runs, steps };
}

const rangeValue = (r: Range): number | [number, number] => (r.min === r.max ? r.min : [r.min, r.max]);

/** Settings for one sidecar, or why the calibrations that share it cannot both be written. */
export type SidecarSettings = { settings: { path: string[]; value: unknown }[] } | { error: string };

/**
 * What calibration writes in a sidecar, for every workflow beside it that shares it: each step's
 * per-call tokens; for a loop its turns, with `history: none` and no tool tokens, since an
 * observed call's input already holds both; and one `calibrated_from`, which the estimate's
 * assumptions cite, counting the runs of all. Two calibrations that set one figure differently
 * (two workflows with a step of the same id) are refused: neither is written.
 */
export function calibrationSettings(calibrations: readonly { workflow: string; calibration: Calibration }[], files: readonly string[], date: string): SidecarSettings {
  const settings: { path: string[]; value: unknown }[] = [];
  const setBy = new Map<string, { workflow: string; value: string }>();
  for (const { workflow, calibration } of calibrations) {
    for (const { path, value } of calibration.steps.flatMap(stepSettings)) {
      const key = path.join('\u0000');
      const json = JSON.stringify(value);
      const earlier = setBy.get(key);
      if (!earlier) {
        setBy.set(key, { workflow, value: json });
        settings.push({ path, value });
      } else if (earlier.value !== json) {
        return { error: `${earlier.workflow} and ${workflow} share a sidecar and calibrate ${path.join('.')} differently: calibrate them one at a time` };
      }
    }
  }
  const runs = new Set(calibrations.flatMap((c) => c.calibration.runIds)).size;
  settings.push({ path: ['calibrated_from'], value: { files: [...files], runs, date } });
  return { settings };
}

/** One step's figures, as calibration writes them under `steps.<id>`. */
function stepSettings(s: CalibratedStep): { path: string[]; value: unknown }[] {
  const out: { path: string[]; value: unknown }[] = [];
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
  return out;
}
