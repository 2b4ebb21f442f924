// The step graph: `after` edges, checked for missing targets and cycles, in topological order.
import type { Problem, StepSpec } from '../types';

export interface StepGraph {
  /** Step indices, each after all of its predecessors. */
  order: number[];
  /** Predecessor indices of each step (edges that would close a cycle are left out). */
  preds: number[][];
}

/** `written` lists every step id of the file, for messages (some steps may not be estimable). */
export function buildGraph(file: string, steps: readonly StepSpec[], problems: Problem[], written: readonly string[] = steps.map((s) => s.id)): StepGraph {
  const index = new Map<string, number>();
  steps.forEach((s, i) => {
    if (index.has(s.id)) {
      problems.push({
        file, span: s.idSpan, severity: 'error', code: 'duplicate-id',
        message: `Duplicate step id '${s.id}': each step needs its own id.`,
      });
    } else index.set(s.id, i);
  });
  const ids = [...new Set(written)];
  const listed = ids.length > 12 ? `${ids.slice(0, 12).join(', ')} and ${ids.length - 12} more` : ids.join(', ');
  const linkSpan = new Map<string, Problem['span']>();
  const preds: number[][] = steps.map((s, i) => {
    const out: number[] = [];
    for (const [k, name] of s.after.entries()) {
      const j = index.get(name);
      const span = s.afterSpans[k] ?? s.span;
      if (j !== undefined) linkSpan.set(`${i}:${j}`, span);
      if (j === undefined) {
        problems.push({
          file, span, severity: 'error', code: 'missing-step', suggestions: [name],
          message: `Step '${s.id}' runs after '${name}', which is not a step of this workflow${ids.length ? ` (steps: ${listed})` : ''}.`,
        });
      } else if (!out.includes(j)) out.push(j);
    }
    return out;
  });

  // Depth-first search without recursion (files can be long); an edge back into the current
  // path closes a cycle and is left out, so the rest can still be estimated.
  const state = new Uint8Array(steps.length); // 0 new, 1 on the path, 2 done
  const kept: number[][] = steps.map(() => []);
  const order: number[] = [];
  const path: number[] = [];
  const next: number[] = [];
  for (let root = 0; root < steps.length; root++) {
    if (state[root] !== 0) continue;
    state[root] = 1;
    path.push(root);
    next.push(0);
    while (path.length > 0) {
      const v = path[path.length - 1];
      const k = next[next.length - 1];
      if (k < preds[v].length) {
        next[next.length - 1] = k + 1;
        const u = preds[v][k];
        if (state[u] === 1) {
          // in run order: each step runs after the one before it
          const cycle = path.slice(path.indexOf(u)).map((x) => steps[x].id).reverse();
          problems.push({
            file, span: linkSpan.get(`${v}:${u}`) ?? steps[v].span, severity: 'error', code: 'cycle',
            message: `The steps form a cycle: ${[...cycle, cycle[0]].join(' → ')}. Steps must form a directed acyclic graph: remove one of these 'after' links.`,
          });
          continue;
        }
        kept[v].push(u);
        if (state[u] === 0) {
          state[u] = 1;
          path.push(u);
          next.push(0);
        }
      } else {
        state[v] = 2;
        order.push(v);
        path.pop();
        next.pop();
      }
    }
  }
  return { order, preds: kept };
}

/** Finish times along the graph for the given step latencies; returns the workflow's latency. */
export function longestPath(graph: StepGraph, latency: (i: number) => number, finish: Float64Array): number {
  let end = 0;
  for (const v of graph.order) {
    let start = 0;
    for (const u of graph.preds[v]) if (finish[u] > start) start = finish[u];
    const f = start + latency(v);
    finish[v] = f;
    if (f > end) end = f;
  }
  return end;
}

/** The steps on the longest path, first to last. */
export function criticalPath(graph: StepGraph, finish: Float64Array, latency: (i: number) => number): number[] {
  if (graph.order.length === 0) return [];
  let v = graph.order.reduce((best, i) => (finish[i] > finish[best] ? i : best), graph.order[0]);
  const path = [v];
  for (;;) {
    const start = finish[v] - latency(v);
    const prev = graph.preds[v].find((u) => Math.abs(finish[u] - start) <= 1e-9 * Math.max(1, start));
    if (prev === undefined || start <= 0) break;
    path.push(prev);
    v = prev;
  }
  return path.reverse();
}
