// Which runs a step runs in: the branches it lies on, as a set of ways per branching node, and the
// exact share of runs that take a set, or two sets at once (stage 5 needs both, for a run's mean
// and for the covariance its branches add to its variance).
import type { BranchCondition } from '../types';

/**
 * The distinct sets of branches steps run on, and the exact chance that a run takes one set, or
 * two at once: each branching node takes one of its ways per run, in its weights' proportions,
 * independently of the other nodes.
 */
export class BranchShares {
  /** Per signature: by branching node, the ways it runs on. */
  readonly list: Map<string, Set<number>>[] = [new Map()];
  private readonly keys = new Map<string, number>([['', 0]]);

  constructor(private readonly groups: ReadonlyMap<string, readonly number[]>) {}

  index(conditions: readonly BranchCondition[]): number {
    const ways = new Map<string, Set<number>>();
    for (const c of conditions) {
      const taken = new Set(c.taken);
      const before = ways.get(c.group);
      ways.set(c.group, before ? new Set([...before].filter((w) => taken.has(w))) : taken);
    }
    const key = [...ways].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([g, w]) => `${g}\u0000${[...w].sort((x, y) => x - y).join(',')}`).join('\u0001');
    let at = this.keys.get(key);
    if (at === undefined) {
      at = this.list.length;
      this.list.push(ways);
      this.keys.set(key, at);
    }
    return at;
  }

  /** The chance that a run takes every branch of signatures a (and b). */
  share(a: number, b = 0): number {
    const x = this.list[a];
    const y = this.list[b];
    let p = 1;
    for (const group of new Set([...x.keys(), ...y.keys()])) {
      const weights = this.groups.get(group) ?? [];
      const wx = x.get(group);
      const wy = y.get(group);
      let sum = 0;
      weights.forEach((w, way) => {
        if ((!wx || wx.has(way)) && (!wy || wy.has(way))) sum += w;
      });
      p *= sum;
    }
    return p;
  }

  /** (g, h, P(g and h) − P(g)·P(h)) for the pairs of signatures on branches whose covariance is not 0. */
  covariances(): [number, number, number][] {
    const out: [number, number, number][] = [];
    for (let g = 1; g < this.list.length; g++) {
      for (let h = 1; h < this.list.length; h++) {
        const c = this.share(g, h) - this.share(g) * this.share(h);
        if (Math.abs(c) > 1e-15) out.push([g, h, c]);
      }
    }
    return out;
  }
}
