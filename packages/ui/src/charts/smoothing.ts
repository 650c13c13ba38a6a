/**
 * TensorBoard's smoothing: an exponential moving average debiased for its zero start, so the first
 * points are not dragged toward 0. Gaps (null) and non-finite values pass through untouched and do
 * not feed the average. weight 0 returns the values as they are; it is clamped below 1.
 */
export function emaSmooth(values: readonly (number | null)[], weight: number): (number | null)[] {
  const w = Math.min(Math.max(weight, 0), 0.999);
  if (w === 0) return values.slice();
  let last = 0;
  let steps = 0;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return v;
    last = last * w + (1 - w) * v;
    steps++;
    return last / (1 - w ** steps);
  });
}
