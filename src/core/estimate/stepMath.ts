// One step's figures for one set of drawn values: spec §2 (one call) and §3 (repeats, retries,
// agent loops and the cache split), in closed form so that a Monte Carlo draw costs a few
// multiplications. Units: USD, seconds, Wh, tokens.
import { gpuCount, PREFILL, serverWh, whPerInputToken, whPerOutputTokenPerGpu } from '../energy';
import type { PreparedModel, PreparedTier } from './preparedModel';
import type { StepSpec } from '../types';

/** The values a step's ranges take in one draw. */
export interface StepDraw {
  inputTokens: number;
  outputTokens: number;
  turns: number;
  toolTokens: number;
  toolLatencyS: number;
  /** Hidden reasoning tokens per call, before the output cap. */
  reasoningTokens: number;
  /** The energy model's figures for the drawn parameter count (see energyDraw). */
  gpus: number;
  whPerOutputTokenPerGpu: number;
  whPerPrefillToken: number;
}

/** A draw to fill in. Every field starts as a double (NaN), so V8 never changes its layout mid-loop. */
export function emptyDraw(): StepDraw {
  return {
    inputTokens: NaN, outputTokens: NaN, turns: NaN, toolTokens: NaN, toolLatencyS: NaN, reasoningTokens: NaN, gpus: NaN, whPerOutputTokenPerGpu: NaN, whPerPrefillToken: NaN,
  };
}

/** Fills the energy fields of a draw for a parameter count (NaN where energy is unknown). */
export function energyDraw(d: StepDraw, activeB: number, totalB: number): void {
  d.gpus = Number.isNaN(totalB) ? NaN : gpuCount(totalB);
  d.whPerOutputTokenPerGpu = whPerOutputTokenPerGpu(activeB);
  d.whPerPrefillToken = whPerInputToken(activeB);
}

/** Slots of one step's result in a Float64Array. */
export const Slot = {
  Cost: 0,
  Latency: 1,
  Energy: 2,
  RequestWh: 3,
  PrefillWh: 4,
  InputTokens: 5,
  OutputTokens: 6,
  Calls: 7,
  ReasoningTokens: 8,
} as const;
export const SLOTS = 9;

/** Token counts of one agent loop (or one plain call) split by how they are billed. */
interface LoopTokens {
  /** uncached input, cache reads, cache writes, output (visible and reasoning) */
  i: number;
  c: number;
  w: number;
  o: number;
  /** the largest input of any one call, which picks a price tier */
  maxCallInput: number;
}

const scratch: LoopTokens = { i: 0, c: 0, w: 0, o: 0, maxCallInput: 0 };

/**
 * Token counts of one loop. `visible` is what each call writes and the next turn replays;
 * `thinking` is billed as output but not replayed (providers drop earlier turns' reasoning).
 */
function loopTokens(step: StepSpec, d: StepDraw, visible: number, thinking: number, t: LoopTokens): number {
  const c0 = d.inputTokens + step.promptTokens;
  const h = step.cacheHitRate;
  const agent = step.agent;
  if (!agent) {
    // A plain call: h is the share of its input read from the cache.
    t.c = h * c0;
    t.i = (1 - h) * c0;
    t.w = 0;
    t.o = visible + thinking;
    t.maxCallInput = c0;
    return 1;
  }
  const turns = d.turns;
  const grow = visible + d.toolTokens; // what each turn adds to the context
  t.o = turns * (visible + thinking);
  let prefix: number; // input of turns 2..T already sent in the turn before
  if (agent.history === 'replay') {
    t.maxCallInput = c0 + (turns - 1) * grow;
    if (h > 0) {
      t.w = c0 + (turns - 1) * grow;
      prefix = (turns - 1) * c0 + (grow * (turns - 1) * (turns - 2)) / 2;
    } else {
      t.i = turns * c0 + (grow * turns * (turns - 1)) / 2;
      t.c = 0;
      t.w = 0;
      return turns;
    }
  } else if (agent.history === 'summary') {
    t.maxCallInput = turns > 1 ? c0 + grow : c0;
    if (h > 0) {
      t.w = c0 + (turns - 1) * grow;
      prefix = (turns - 1) * c0;
    } else {
      t.i = turns * c0 + (turns - 1) * grow;
      t.c = 0;
      t.w = 0;
      return turns;
    }
  } else {
    t.maxCallInput = c0;
    if (h > 0) {
      t.w = c0;
      prefix = (turns - 1) * c0;
    } else {
      t.i = turns * c0;
      t.c = 0;
      t.w = 0;
      return turns;
    }
  }
  t.c = h * prefix;
  t.i = (1 - h) * prefix;
  return turns;
}

/** tokens × USD per million tokens; zero tokens cost nothing even at an unknown price. */
function usd(tokens: number, perMillion: number): number {
  return tokens === 0 ? 0 : (tokens * perMillion) / 1e6;
}

function tierFor(m: PreparedModel, callInput: number): PreparedTier | null {
  let tier: PreparedTier | null = null;
  for (const t of m.tiers) if (callInput > t.above) tier = t;
  return tier;
}

/** One call's input split, as affine functions of the turn number t: value = base + slope·t. */
interface Affine {
  base: number;
  slope: number;
}
const sumAffine = (f: Affine, from: number, to: number): number =>
  to < from ? 0 : (to - from + 1) * f.base + (f.slope * (from + to) * (to - from + 1)) / 2;

/**
 * Cost of one loop whose calls fall in different price tiers. Each turn's input is affine in the
 * turn number and never shrinks, so each tier covers a run of turns, summed in closed form: a
 * 10,000-turn loop costs as little to estimate as a 3-turn one.
 */
function tieredLoopCost(step: StepSpec, m: PreparedModel, d: StepDraw, visible: number, thinking: number, turns: number): number {
  const c0 = d.inputTokens + step.promptTokens;
  const h = step.cacheHitRate;
  const o = visible + thinking;
  const history = step.agent ? step.agent.history : 'none';
  const grow = step.agent ? visible + d.toolTokens : 0;
  const priceCall = (p: PreparedModel | PreparedTier, i: number, c: number, w: number, calls: number): number =>
    usd(i, p.input) + usd(c, p.cacheRead) + usd(w, p.cacheWrite) + usd(calls * o, p.output);
  const tierOf = (input: number): PreparedModel | PreparedTier => tierFor(m, input) ?? m;

  let cost = 0;
  let first = 1;
  if (step.agent) {
    // Turn 1 sends C0 alone (and writes it to the cache): costed on its own.
    cost += h > 0 ? priceCall(tierOf(c0), 0, 0, c0, 1) : priceCall(tierOf(c0), c0, 0, 0, 1);
    first = 2;
  }
  if (turns < first) return cost;
  // Turn t's uncached input, cache reads, cache writes and its whole input (which picks the tier).
  const ctx: Affine = history === 'replay' ? { base: c0 - grow, slope: grow } : { base: c0, slope: 0 };
  let i: Affine = ctx;
  let c: Affine = { base: 0, slope: 0 };
  let w: Affine = { base: 0, slope: 0 };
  let total: Affine = ctx;
  if (!step.agent) {
    i = { base: (1 - h) * c0, slope: 0 };
    c = { base: h * c0, slope: 0 };
  } else if (history === 'summary') {
    // from turn 2 the context is C0 + O + U
    total = { base: c0 + grow, slope: 0 };
    i = h > 0 ? { base: (1 - h) * c0, slope: 0 } : total;
    c = h > 0 ? { base: h * c0, slope: 0 } : c;
    w = h > 0 ? { base: grow, slope: 0 } : w;
  } else if (h > 0) {
    const prefix: Affine = history === 'replay' ? { base: c0 - 2 * grow, slope: grow } : { base: c0, slope: 0 };
    i = { base: (1 - h) * prefix.base, slope: (1 - h) * prefix.slope };
    c = { base: h * prefix.base, slope: h * prefix.slope };
    w = history === 'replay' ? { base: grow, slope: 0 } : w;
  }
  // Tier boundaries: the first turn whose whole input exceeds each threshold.
  const starts = [first];
  for (const t of m.tiers) {
    const at = total.slope > 0 ? Math.floor((t.above - total.base) / total.slope) + 1 : total.base > t.above ? first : turns + 1;
    starts.push(Math.min(turns + 1, Math.max(first, at)));
  }
  starts.push(turns + 1);
  for (let k = 0; k + 1 < starts.length; k++) {
    const from = starts[k];
    const to = starts[k + 1] - 1;
    if (to < from) continue;
    const p = tierOf(total.base + total.slope * from);
    cost += priceCall(p, sumAffine(i, from, to), sumAffine(c, from, to), sumAffine(w, from, to), to - from + 1);
  }
  return cost;
}

/** Writes one step's figures for draw `d` into `out` at `at`. */
export function evaluateStep(step: StepSpec, m: PreparedModel, d: StepDraw, out: Float64Array, at: number): void {
  const t = scratch;
  // The output cap bounds what a call bills, thinking first: a model that thinks past it cuts its answer short.
  const cap = step.outputCap;
  let thinking = d.reasoningTokens;
  let visible = d.outputTokens;
  if (cap !== null) {
    if (thinking > cap) thinking = cap;
    if (visible + thinking > cap) visible = cap - thinking;
  }
  const turns = loopTokens(step, d, visible, thinking, t);
  const callLatency = m.ttftS + (visible + thinking) / m.outputTps;

  let loopCost: number;
  if (m.tiers.length > 0 && t.maxCallInput > m.tiers[0].above) loopCost = tieredLoopCost(step, m, d, visible, thinking, turns);
  else loopCost = usd(t.i, m.input) + usd(t.c, m.cacheRead) + usd(t.w, m.cacheWrite) + usd(t.o, m.output);
  // A reasoning price of its own (rare) replaces the output price for the thinking.
  if (thinking > 0 && m.reasoning !== m.output) loopCost += usd(turns * thinking, m.reasoning - m.output);
  const pages = step.pages ?? 0;
  if (pages > 0) loopCost += turns * pages * m.perPage;
  loopCost += turns * m.perImage;

  const loopLatency = turns * callLatency + (step.agent ? turns * d.toolLatencyS : 0);

  let requestWh: number;
  let prefillWh: number;
  const prefillTokens = t.i + t.w + t.c * PREFILL.cachedShare;
  if (m.energyKind === 'params') {
    const gpus = d.gpus;
    requestWh = m.pue * (gpus * t.o * d.whPerOutputTokenPerGpu + serverWh(turns * callLatency, gpus));
    prefillWh = m.pue * prefillTokens * d.whPerPrefillToken;
  } else if (m.energyKind === 'metered') {
    requestWh = t.o * m.whPerOutputToken;
    prefillWh = prefillTokens * m.whPerInputToken;
  } else {
    requestWh = NaN;
    prefillWh = NaN;
  }

  // repeat n, at most k at a time; a share r of calls fails and is made once more
  const n = step.repeat;
  const r = step.retryRate;
  const times = n * (1 + r);
  out[at + Slot.Cost] = times * loopCost;
  out[at + Slot.Latency] = Math.ceil(n / step.concurrency) * loopLatency + r * callLatency;
  out[at + Slot.RequestWh] = times * requestWh;
  out[at + Slot.PrefillWh] = times * prefillWh;
  out[at + Slot.Energy] = times * (requestWh + prefillWh);
  out[at + Slot.InputTokens] = times * (t.i + t.c + t.w);
  out[at + Slot.OutputTokens] = times * t.o;
  out[at + Slot.Calls] = times * turns;
  out[at + Slot.ReasoningTokens] = times * turns * thinking;
}
