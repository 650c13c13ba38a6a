import type { DriftMethod, MonitorFeatureKind } from "@cairn/core";

/** Methods whose statistic is a p-value (drift below the threshold); the rest are distances (drift at or above it). */
export const P_VALUE_METHODS: ReadonlySet<DriftMethod> = new Set(["ks", "chisquare", "z", "anderson", "cramer_von_mises"]);

/** Each method's default threshold, as Evidently's stattests have them. */
export const DEFAULT_THRESHOLDS: Readonly<Record<Exclude<DriftMethod, "auto">, number>> = {
  ks: 0.05,
  chisquare: 0.05,
  z: 0.05,
  wasserstein: 0.1,
  jensenshannon: 0.1,
  psi: 0.1,
  kl_div: 0.1,
  hellinger: 0.1,
  anderson: 0.1,
  cramer_von_mises: 0.1,
  energy_distance: 0.1,
};

/**
 * Evidently's default choice: a reference of at most 1000 rows gets p-value tests (KS for numeric
 * features with more than 5 unique values, chi-square for more than 2, z for binary); a larger one
 * gets distances, which do not flag every trivial shift at large n (Wasserstein over the
 * reference's standard deviation for numeric, Jensen-Shannon for categorical or few-valued).
 */
export function defaultDriftMethod(kind: MonitorFeatureKind, referenceRows: number, uniqueValues: number): Exclude<DriftMethod, "auto"> {
  if (referenceRows <= 1000) {
    if (kind === "numeric" && uniqueValues > 5) return "ks";
    return uniqueValues > 2 ? "chisquare" : "z";
  }
  if (kind === "numeric" && uniqueValues > 5) return "wasserstein";
  return "jensenshannon";
}

/** Whether a method's statistic means drift at this threshold. */
export function isDrift(method: DriftMethod, statistic: number, threshold: number): boolean {
  return P_VALUE_METHODS.has(method) ? statistic < threshold : statistic >= threshold;
}
