// A small seeded generator (sfc32, seeded through splitmix32): the same seed gives the same draws
// on every platform, so the same file gives the same figures, byte for byte.

export type Random = () => number;

export interface SeededRandom {
  next: Random;
  /** Fills `out` with the next out.length draws, as `next` would give them, but faster. */
  fill(out: Float64Array, count?: number): void;
}

export function seeded(seed: number): SeededRandom {
  let s = seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  const state = new Int32Array([split(), split(), split(), split()]);
  const fill = (out: Float64Array, count = out.length): void => {
    // the state lives in locals inside the loop: several times faster than a draw per call
    let a = state[0];
    let b = state[1];
    let c = state[2];
    let d = state[3];
    for (let i = 0; i < count; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      out[i] = (t >>> 0) / 4294967296;
    }
    state[0] = a;
    state[1] = b;
    state[2] = c;
    state[3] = d;
  };
  const one = new Float64Array(1);
  fill(new Float64Array(12)); // let the state mix before the first draw
  return {
    next: () => {
      fill(one);
      return one[0];
    },
    fill,
  };
}

export function seededRandom(seed: number): Random {
  return seeded(seed).next;
}
