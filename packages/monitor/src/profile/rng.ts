/**
 * xoshiro128** seeded through splitmix32: a fast seeded generator with a 2^128 period, so the
 * priority keys of billions of rows never cycle. Doubles carry 53 random bits.
 */

/** A seeded source of doubles uniform in [0, 1). */
export type Rng = () => number;

/** Creates a generator; equal seeds give equal sequences. */
export function createRng(seed: number): Rng {
  let s = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  const next32 = (): number => {
    // splitmix32, only to spread the seed over the 128-bit state.
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = next32();
  let b = next32();
  let c = next32();
  let d = next32();
  if ((a | b | c | d) === 0) a = 1;
  const step = (): number => {
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return r;
  };
  return () => ((step() >>> 5) * 67108864 + (step() >>> 6)) / 9007199254740992;
}

/** 32-bit left rotation. */
function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A seed for callers that gave none: differs between profilers so their samples stay independent. */
export function freshSeed(): number {
  return Math.floor(Math.random() * 0x100000000);
}
