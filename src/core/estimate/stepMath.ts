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
  activeB: number;
  totalB: number;
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
} as const;
export const SLOTS = 8;

/** Token counts of one agent loop (or one plain call) split by how they are billed. */
interface LoopTokens {
  /** uncached input, cache reads, cache writes, output */
  i: number;
  c: number;
  w: number;
  o: number;
  /** the largest input of any one call, which picks a price tier */
  maxCallInput: number;
}

const scratch: LoopTokens = { i: 0, c: 0, w: 0, o: 0, maxCallInput: 0 };

function loopTokens(step: StepSpec, d: StepDraw, t: LoopTokens): number {
  const c0 = d.inputTokens + step.promptTokens;
  const h = step.cacheHitRate;
  const agent = step.agent;
  if (!agent) {
    // A plain call: h is the share of its input read from the cache.
    t.c = h * c0;
    t.i = (1 - h) * c0;
    t.w = 0;
    t.o = d.outputTokens;
    t.maxCallInput = c0;
    return 1;
  }
  const turns = d.turns;
  const grow = d.outputTokens + d.toolTokens; // what each turn adds to the context
  t.o = turns * d.outputTokens;
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

/** Cost of one loop when its calls fall in different price tiers: turn by turn. */
function tieredLoopCost(step: StepSpec, m: PreparedModel, d: StepDraw, turns: number): number {
  const c0 = d.inputTokens + step.promptTokens;
  const grow = d.outputTokens + d.toolTokens;
  const h = step.cacheHitRate;
  const history = step.agent?.history ?? 'none';
  let cost = 0;
  for (let t = 1; t <= turns; t++) {
    let i: number;
    let c = 0;
    let w = 0;
    const context = history === 'replay' ? c0 + (t - 1) * grow : history === 'summary' && t > 1 ? c0 + grow : c0;
    if (!step.agent) {
      c = h * c0;
      i = (1 - h) * c0;
    } else if (h > 0 && t === 1) {
      i = 0;
      w = c0;
    } else if (h > 0) {
      const prefix = history === 'replay' ? c0 + (t - 2) * grow : c0;
      c = h * prefix;
      i = (1 - h) * prefix;
      w = context - prefix;
    } else {
      i = context;
    }
    const tier = tierFor(m, i + c + w);
    const p = tier ?? m;
    cost += usd(i, p.input) + usd(c, p.cacheRead) + usd(w, p.cacheWrite) + usd(d.outputTokens, p.output);
  }
  return cost;
}

/** Writes one step's figures for draw `d` into `out` at `at`. */
export function evaluateStep(step: StepSpec, m: PreparedModel, d: StepDraw, out: Float64Array, at: number): void {
  const t = scratch;
  const turns = loopTokens(step, d, t);
  const callLatency = m.ttftS + d.outputTokens / m.outputTps;

  let loopCost: number;
  if (m.tiers.length > 0 && t.maxCallInput > m.tiers[0].above) loopCost = tieredLoopCost(step, m, d, turns);
  else loopCost = usd(t.i, m.input) + usd(t.c, m.cacheRead) + usd(t.w, m.cacheWrite) + usd(t.o, m.output);
  const pages = step.pages ?? 0;
  if (pages > 0) loopCost += turns * pages * m.perPage;

  const loopLatency = turns * callLatency + (step.agent ? turns * d.toolLatencyS : 0);

  let requestWh: number;
  let prefillWh: number;
  const prefillTokens = t.i + t.w + t.c * PREFILL.cachedShare;
  if (m.energyKind === 'params') {
    const gpus = gpuCount(d.totalB);
    requestWh = m.pue * (gpus * t.o * whPerOutputTokenPerGpu(d.activeB) + serverWh(turns * callLatency, gpus));
    prefillWh = m.pue * prefillTokens * whPerInputToken(d.activeB);
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
}
