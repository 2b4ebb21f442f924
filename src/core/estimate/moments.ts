// Exact moments of one step's figures over what differs from run to run (the file's own ranges),
// for given values of what is the same in every run (assumed defaults, reasoning priors, a
// model's size). A bill sums many runs, and a sum follows these means and variances (spec §3,
// Totals over many runs), so they are computed, not sampled: sampled, their noise would show up
// as spread in a month's total.
//
// A step's figures are affine in each token count and tool latency and at most quadratic in its
// turns (the replayed context), and its inputs are independent uniform draws. Products of one-
// dimensional rules (nodes and weights) that match enough moments of each input are then exact:
//   - the mean needs E[x] of each token input (one node, at its mean) and E[T], E[T²] of the
//     turns (two nodes, μ ± σ);
//   - the variance needs E[f²]: quadratic in each token input (two nodes, μ ± σ: moments 1-3 of
//     a symmetric distribution) and quartic in the turns (three nodes, μ and μ ± c, matching the
//     second and fourth central moments).
// A step whose output cap or price tier may bind within its ranges is not polynomial: it takes a
// grid of equal-weight nodes at its inputs' quantiles (every value, where a whole-number range is
// short), an approximation that no seed moves.
import type { Plan } from './plan';
import { inputRanges, setInputs, type RangedInput } from './draws';
import { TURNS, VARS } from './stepVariables';
import { emptyDraw, evaluateStep, Slot, SLOTS } from './stepMath';

/** A one-dimensional rule: E[g(x)] = Σ weights[i]·g(nodes[i]). */
interface Rule {
  nodes: number[];
  weights: number[];
}

/** Mean, variance and fourth central moment of a uniform input (whole numbers, or continuous). */
function uniformMoments(i: RangedInput): { mean: number; variance: number; fourth: number } {
  const mean = (i.min + i.max) / 2;
  if (i.integer) {
    const n2 = i.width * i.width;
    return { mean, variance: (n2 - 1) / 12, fourth: ((n2 - 1) * (3 * n2 - 7)) / 240 };
  }
  const w2 = i.width * i.width;
  return { mean, variance: w2 / 12, fourth: (w2 * w2) / 80 };
}

/** Exact for E[g] with g affine in token inputs and quadratic in the turns. */
function meanRule(i: RangedInput): Rule {
  const { mean, variance } = uniformMoments(i);
  if (i.variable !== TURNS) return { nodes: [mean], weights: [1] };
  const sd = Math.sqrt(variance);
  return { nodes: [mean - sd, mean + sd], weights: [0.5, 0.5] };
}

/** Exact for E[g²] with g affine in token inputs and quadratic in the turns. */
function squareRule(i: RangedInput): Rule {
  const { mean, variance, fourth } = uniformMoments(i);
  const sd = Math.sqrt(variance);
  if (i.variable !== TURNS) return { nodes: [mean - sd, mean + sd], weights: [0.5, 0.5] };
  const c = Math.sqrt(fourth / variance);
  const side = (variance * variance) / (2 * fourth);
  return { nodes: [mean - c, mean, mean + c], weights: [side, 1 - 2 * side, side] };
}

/** Equal-weight nodes at the input's quantiles, or every whole value of a short range. */
function gridRule(i: RangedInput, size: number): Rule {
  if (i.integer && i.width <= size) {
    return { nodes: Array.from({ length: i.width }, (_, k) => i.min + k), weights: Array.from({ length: i.width }, () => 1 / i.width) };
  }
  const nodes = Array.from({ length: size }, (_, k) => (i.integer ? i.min + Math.floor(((k + 0.5) / size) * i.width) : i.min + ((k + 0.5) / size) * i.width));
  return { nodes, weights: nodes.map(() => 1 / size) };
}

/** Nodes of the non-polynomial grid, in all: at most this many evaluations per moment. */
const GRID_NODES = 256;

/** The nodes of a step's run-to-run inputs: values (in the order of VARIABLES) and weights. */
export interface NodeSet {
  /** The inputs it integrates over (their variables), and the values of each node, node by node. */
  inputs: RangedInput[];
  values: Float64Array[];
  weights: Float64Array;
}

function tensor(inputs: RangedInput[], rules: Rule[]): NodeSet {
  let values: number[][] = [[]];
  let weights = [1];
  rules.forEach((rule) => {
    const nextValues: number[][] = [];
    const nextWeights: number[] = [];
    values.forEach((v, a) => rule.nodes.forEach((x, b) => {
      nextValues.push([...v, x]);
      nextWeights.push(weights[a] * rule.weights[b]);
    }));
    values = nextValues;
    weights = nextWeights;
  });
  return { inputs, values: values.map((v) => Float64Array.from(v)), weights: Float64Array.from(weights) };
}

/**
 * Whether the step's figures are polynomial over its ranges: no output cap that a long answer (or
 * long thinking) reaches, and no price tier that a large input reaches.
 */
export function polynomial(p: Plan, j: number): boolean {
  const { spec, model, reasoning } = p.steps[j];
  const ranges = inputRanges(p, j).map(([r]) => r);
  const thinking = reasoning ? reasoning.tokens.max : 0;
  if (spec.outputCap !== null && ranges[1].max + thinking > spec.outputCap) return false;
  if (model.tiers.length === 0) return true;
  const a = spec.agent;
  const c0 = ranges[0].max + spec.promptTokens;
  const grow = ranges[1].max + (a ? a.toolTokens.max : 0);
  const largest = !a || a.history === 'none' ? c0 : a.history === 'summary' ? c0 + grow : c0 + (a.turns.max - 1) * grow;
  return largest <= model.tiers[0].above;
}

/** The node sets of a step's run-to-run inputs: one for means, one for variances. */
export function nodeSets(perRun: RangedInput[], exact: boolean): { forMean: NodeSet; forVariance: NodeSet } {
  if (!exact) {
    const size = Math.max(2, Math.floor(GRID_NODES ** (1 / Math.max(1, perRun.length))));
    const grid = tensor(perRun, perRun.map((i) => gridRule(i, size)));
    return { forMean: grid, forVariance: grid };
  }
  return { forMean: tensor(perRun, perRun.map(meanRule)), forVariance: tensor(perRun, perRun.map(squareRule)) };
}

/** Scratch for integrate, which runs once per draw for some steps: no allocation per call. */
const buffers = { d: emptyDraw(), x: new Float64Array(VARS), out: new Float64Array(SLOTS), square: new Float64Array(SLOTS) };

/** The energy fields a step is evaluated with (a model size's figures). */
export interface SizeTerms {
  gpus: number;
  perOutput: number;
  perInput: number;
}

/**
 * Mean (and, where `variance` is given, variance) of each slot of step j over `nodes`, its other
 * inputs at `fixed` (values in the order of VARIABLES) and its energy at `size`.
 */
export function integrate(p: Plan, j: number, nodes: NodeSet, fixed: Float64Array, size: SizeTerms, mean: Float64Array, variance: Float64Array | null): void {
  const step = p.steps[j];
  const { d, x, out, square } = buffers;
  mean.fill(0);
  square.fill(0);
  for (let q = 0; q < nodes.values.length; q++) {
    x.set(fixed);
    const at = nodes.values[q];
    for (let v = 0; v < nodes.inputs.length; v++) x[nodes.inputs[v].variable] = at[v];
    setInputs(d, p, j, x);
    d.gpus = size.gpus;
    d.whPerOutputTokenPerGpu = size.perOutput;
    d.whPerPrefillToken = size.perInput;
    evaluateStep(step.spec, step.model, d, out, 0);
    const w = nodes.weights[q];
    for (let s = 0; s < SLOTS; s++) {
      mean[s] += w * out[s];
      square[s] += w * out[s] * out[s];
    }
  }
  if (!variance) return;
  for (let s = 0; s < SLOTS; s++) variance[s] = Math.max(0, square[s] - mean[s] * mean[s]);
}

/**
 * For a step on a model whose size is a range: the means and covariances, over `nodes`, of the
 * three terms its energy is made of, E = gpus·perOutput·A + gpus·B + perInput·C (see
 * stepColumns.ts, energyForms), so that each size draw's mean and variance follow in closed form.
 */
export function energyTermMoments(p: Plan, j: number, nodes: NodeSet, fixed: Float64Array): { mean: Float64Array; covariance: Float64Array } {
  const bases: SizeTerms[] = [{ gpus: 1, perOutput: 1, perInput: 0 }, { gpus: 1, perOutput: 0, perInput: 0 }, { gpus: 0, perOutput: 0, perInput: 1 }];
  const step = p.steps[j];
  const d = emptyDraw();
  const x = new Float64Array(VARS);
  const out = new Float64Array(SLOTS);
  const term = new Float64Array(3);
  const mean = new Float64Array(3);
  const second = new Float64Array(9);
  for (let q = 0; q < nodes.values.length; q++) {
    x.set(fixed);
    const at = nodes.values[q];
    for (let v = 0; v < nodes.inputs.length; v++) x[nodes.inputs[v].variable] = at[v];
    setInputs(d, p, j, x);
    bases.forEach((b, t) => {
      d.gpus = b.gpus;
      d.whPerOutputTokenPerGpu = b.perOutput;
      d.whPerPrefillToken = b.perInput;
      evaluateStep(step.spec, step.model, d, out, 0);
      term[t] = t === 2 ? out[Slot.PrefillWh] : out[Slot.RequestWh];
    });
    term[0] -= term[1]; // generation alone: (generation + server) − server
    const w = nodes.weights[q];
    for (let a = 0; a < 3; a++) {
      mean[a] += w * term[a];
      for (let b = 0; b < 3; b++) second[a * 3 + b] += w * term[a] * term[b];
    }
  }
  const covariance = new Float64Array(9);
  for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) covariance[a * 3 + b] = second[a * 3 + b] - mean[a] * mean[b];
  return { mean, covariance };
}
