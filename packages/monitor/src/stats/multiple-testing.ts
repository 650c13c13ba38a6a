import { invalidStatsInput } from "./validate.js";

/**
 * Benjamini–Hochberg adjusted p-values, like scipy.stats.false_discovery_control(ps, method="bh"):
 * p_(i)·m/i made monotone from the largest down and capped at 1, returned in input order.
 * NaN and undefined entries are kept as they are and not counted in m. Throws
 * INVALID_PARAMETER_VALUE for a value outside [0, 1].
 */
export function benjaminiHochberg(pValues: readonly number[]): number[];
export function benjaminiHochberg(pValues: ReadonlyArray<number | undefined>): Array<number | undefined>;
export function benjaminiHochberg(pValues: ReadonlyArray<number | undefined>): Array<number | undefined> {
  const out: Array<number | undefined> = pValues.slice();
  const idx: number[] = [];
  pValues.forEach((p, i) => {
    if (p === undefined || Number.isNaN(p)) return;
    if (typeof p !== "number" || p < 0 || p > 1) {
      throw invalidStatsInput(`p-values must lie in [0, 1]; entry ${i} is ${String(p)}`);
    }
    idx.push(i);
  });
  idx.sort((a, b) => pValues[a]! - pValues[b]!);
  const m = idx.length;
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = idx[r]!;
    running = Math.min(running, (pValues[i]! * m) / (r + 1));
    out[i] = running;
  }
  return out;
}
