/** Seeded data for the profile tests (never imported by library code). */
import { createRng } from "./rng.js";

/** A seeded standard-normal generator (Box-Muller). */
export function normalGenerator(seed: number): () => number {
  const u = createRng(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/** Sorted copy. */
export function sorted(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** Exact empirical CDF: share of values <= x. */
export function exactCdf(sortedValues: Float64Array, x: number): number {
  let lo = 0;
  let hi = sortedValues.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sortedValues[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo / sortedValues.length;
}
