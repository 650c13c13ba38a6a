import type { MonitorConfig, RowSkew, RowSkewFeature, SkewFeature, StoredMonitorEvent } from "@cairn/core";
import type { DataProfile, ReferenceProfile } from "../profile/index.js";
import { jensenShannonDistance } from "../stats/index.js";
import { alignCategories, alignNumeric } from "../drift/counts.js";

/** TFDV's default skew thresholds: L∞ for categorical features, Jensen-Shannon for numeric. */
const SKEW_THRESHOLD = 0.1;

/**
 * Training/serving skew by feature, as TFDV compares training and serving statistics: the largest
 * share difference of any category (L∞) for categorical features, the Jensen-Shannon distance on
 * the reference's bins for numeric ones.
 */
export function distributionSkew(reference: ReferenceProfile, served: DataProfile, config: MonitorConfig): SkewFeature[] {
  const out: SkewFeature[] = [];
  for (const feature of config.features) {
    const ref = reference.data.features[feature.name];
    const cur = served.features[feature.name];
    if (!ref || !cur) continue;
    if (ref.kind === "categorical" && cur.kind === "categorical") {
      const counts = alignCategories(ref, cur);
      const refTotal = counts.reference.reduce((a, b) => a + b, 0);
      const curTotal = counts.current.reduce((a, b) => a + b, 0);
      let worst = -1;
      let statistic: number | null = null;
      if (refTotal > 0 && curTotal > 0) {
        statistic = 0;
        counts.labels.forEach((_, i) => {
          const d = Math.abs(counts.reference[i]! / refTotal - counts.current[i]! / curTotal);
          if (d > statistic!) {
            statistic = d;
            worst = i;
          }
        });
      }
      out.push({ feature: feature.name, kind: "categorical", comparator: "l_infinity", statistic, threshold: SKEW_THRESHOLD, skewed: statistic !== null && statistic > SKEW_THRESHOLD, ...(worst >= 0 ? { worst_category: counts.labels[worst]! } : {}) });
    } else if (ref.kind === "numeric" && cur.kind === "numeric") {
      const edges = reference.bins[feature.name]?.edges ?? new Float64Array(0);
      const counts = alignNumeric(ref, cur, edges);
      const statistic = ref.count > 0 && cur.count > 0 ? jensenShannonDistance(counts.reference, counts.current) : null;
      out.push({ feature: feature.name, kind: "numeric", comparator: "jensenshannon", statistic, threshold: SKEW_THRESHOLD, skewed: statistic !== null && statistic > SKEW_THRESHOLD });
    }
  }
  return out;
}

// Numbers are equal when they agree to a relative 1e-6: float32 serving of float64 training data is not skew.
const sameNumber = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/** Joins offline feature rows to the served events with the same request id and compares them feature by feature. */
export function rowSkew(config: MonitorConfig, rows: readonly { id: string; features: Record<string, unknown> }[], served: readonly StoredMonitorEvent[]): RowSkew {
  const byId = new Map(served.map((e) => [e.request_id, JSON.parse(e.features_json) as Record<string, unknown>]));
  const unmatched: string[] = [];
  const stats = config.features.map((f) => ({ feature: f.name, numeric: f.kind === "numeric", compared: 0, mismatches: 0, absDiff: 0, examples: [] as RowSkewFeature["examples"] }));
  for (const row of rows) {
    const servedRow = byId.get(row.id);
    if (!servedRow) {
      unmatched.push(row.id);
      continue;
    }
    for (const s of stats) {
      const a = row.features[s.feature];
      const b = servedRow[s.feature];
      s.compared++;
      let differs: boolean;
      if (s.numeric && typeof a === "number" && typeof b === "number") {
        s.absDiff += Math.abs(a - b);
        differs = !sameNumber(a, b);
      } else {
        differs = String(a ?? "") !== String(b ?? "");
      }
      if (differs) {
        s.mismatches++;
        if (s.examples.length < 5) s.examples.push({ id: row.id, offline: a ?? null, served: b ?? null });
      }
    }
  }
  return {
    offline_rows: rows.length,
    matched: rows.length - unmatched.length,
    unmatched_ids: unmatched.slice(0, 100),
    features: stats.map((s) => ({
      feature: s.feature,
      compared: s.compared,
      mismatches: s.mismatches,
      mismatch_rate: s.compared > 0 ? s.mismatches / s.compared : 0,
      ...(s.numeric && s.compared > 0 ? { mean_abs_diff: s.absDiff / s.compared } : {}),
      examples: s.examples,
    })),
  };
}
