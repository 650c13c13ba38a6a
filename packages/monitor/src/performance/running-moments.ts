/** Count, mean and sum of squared deviations (Welford), mergeable with Chan's parallel update. */
export interface RunningMoments {
  n: number;
  mean: number;
  m2: number;
}

/** Moments of no values. */
export function emptyMoments(): RunningMoments {
  return { n: 0, mean: 0, m2: 0 };
}

/** Adds one value in place (Welford: stable where Σx² − (Σx)²/n cancels catastrophically). */
export function addMoment(acc: RunningMoments, value: number): void {
  const n = acc.n + 1;
  const delta = value - acc.mean;
  acc.mean += delta / n;
  acc.m2 += delta * (value - acc.mean);
  acc.n = n;
}

/** Moments of the union of two value sets (Chan et al.). */
export function mergeMoments(a: RunningMoments, b: RunningMoments): RunningMoments {
  // Only the three fields: callers pass bigger objects (latency stats) that carry moments.
  if (a.n === 0) return { n: b.n, mean: b.mean, m2: b.m2 };
  if (b.n === 0) return { n: a.n, mean: a.mean, m2: a.m2 };
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  return { n, mean: a.mean + (delta * b.n) / n, m2: a.m2 + b.m2 + (delta * delta * a.n * b.n) / n };
}

/** Sample variance (n − 1 in the denominator), null below two values. */
export function momentsVariance(acc: RunningMoments): number | null {
  return acc.n < 2 ? null : acc.m2 / (acc.n - 1);
}
