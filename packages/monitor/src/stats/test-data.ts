// Data for the stats tests: a seeded PRNG and the iris measurements. Only tests import this file.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** mulberry32: a tiny seeded 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}


/** n draws from N(mean, sd²) by Box–Muller on mulberry32(seed). */
export function normalSample(seed: number, n: number, mean = 0, sd = 1): Float64Array {
  const rand = mulberry32(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const u1 = 1 - rand();
    const u2 = rand();
    const r = Math.sqrt(-2 * Math.log(u1));
    out[i] = mean + sd * r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < n) out[i + 1] = mean + sd * r * Math.sin(2 * Math.PI * u2);
  }
  return out;
}

/** n draws of round(x·scale)/scale from N(mean, 1): normal data with many ties. */
export function roundedNormalSample(seed: number, n: number, mean: number, scale: number): Float64Array {
  return normalSample(seed, n, mean).map((v) => Math.round(v * scale) / scale);
}

const IRIS = fileURLToPath(new URL("../../../serve/test/datasets/iris.csv", import.meta.url));

/** Iris petal lengths split by row parity: even rows as reference, odd rows (+shift) as current. */
export function irisPetalLength(shift: number): { reference: Float64Array; current: Float64Array } {
  // sklearn's iris.csv: a "150,4,names..." header, then sepal_length,sepal_width,petal_length,petal_width,target.
  const rows = readFileSync(IRIS, "utf8").trim().split("\n").slice(1);
  const ref: number[] = [];
  const cur: number[] = [];
  rows.forEach((line, i) => {
    const petal = Number(line.split(",")[2]);
    if (i % 2 === 0) ref.push(petal);
    else cur.push(petal + shift);
  });
  return { reference: Float64Array.from(ref), current: Float64Array.from(cur) };
}

/** Asserts |actual − expected| ≤ max(rtol·|expected|, atol), naming both numbers on failure. */
export function assertClose(actual: number | undefined, expected: number, rtol = 1e-9, atol = 0): void {
  if (actual === undefined || !(Math.abs(actual - expected) <= Math.max(rtol * Math.abs(expected), atol))) {
    throw new Error(`expected ${expected} (rtol ${rtol}, atol ${atol}), got ${actual}`);
  }
}

/** Asserts that run throws a CairnError INVALID_PARAMETER_VALUE whose message matches pattern. */
export function assertInvalid(run: () => unknown, pattern: RegExp): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  if (!(thrown instanceof Error) || thrown.name !== "CairnError" || (thrown as { code?: string }).code !== "INVALID_PARAMETER_VALUE") {
    throw new Error(`expected a CairnError INVALID_PARAMETER_VALUE, got ${String(thrown)}`);
  }
  if (!pattern.test(thrown.message)) throw new Error(`message "${thrown.message}" does not match ${pattern}`);
}

/** The empirical CDF of an ascending sample at each point (share of values ≤ point). */
export function empiricalCdf(sorted: Float64Array, points: ArrayLike<number>): Float64Array {
  const out = new Float64Array(points.length);
  for (let k = 0; k < points.length; k++) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! <= points[k]!) lo = mid + 1;
      else hi = mid;
    }
    out[k] = lo / sorted.length;
  }
  return out;
}

/** Quantiles of an ascending sample at the m midpoints (i + ½)/m, by linear interpolation (numpy's default). */
export function midpointQuantiles(sorted: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const h = ((i + 0.5) / m) * (sorted.length - 1);
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, sorted.length - 1);
    out[i] = sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
  }
  return out;
}
