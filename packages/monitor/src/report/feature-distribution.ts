import { notFound, type MonitorConfig } from "@cairn/core";
import type { DataProfile, ReferenceProfile } from "../profile/index.js";
import { alignCategories, alignNumeric } from "../drift/counts.js";
import { PREDICTION } from "../drift/dataset-drift.js";
import type { FeatureDistribution } from "./report-types.js";

/** Categories shown one by one; the rest are summed as "(other)". */
const SHOWN_CATEGORIES = 30;

const shares = (counts: Float64Array) => {
  const total = counts.reduce((a, b) => a + b, 0);
  return Array.from(counts, (c) => (total > 0 ? c / total : 0));
};

/** One feature's (or the prediction's) reference and current distributions, as shares on common bins or categories. */
export function featureDistribution(reference: ReferenceProfile, config: MonitorConfig, current: DataProfile, feature: string): FeatureDistribution {
  const isPrediction = feature === PREDICTION && !config.features.some((f) => f.name === PREDICTION);
  const ref = isPrediction ? reference.data.prediction : reference.data.features[feature];
  const cur = (isPrediction ? current.prediction : current.features[feature]) ?? ref;
  if (!ref || !cur) {
    throw notFound(`Monitor has no feature '${feature}'. Its features: ${config.features.map((f) => f.name).join(", ")}${reference.data.prediction ? ", prediction" : ""}.`);
  }
  const empty = current.features[feature] === undefined && !(isPrediction && current.prediction);
  if (ref.kind === "numeric" && cur.kind === "numeric") {
    const edges = reference.bins[isPrediction ? PREDICTION : feature]?.edges ?? new Float64Array(0);
    const counts = alignNumeric(ref, cur, edges);
    return {
      feature,
      kind: "numeric",
      labels: counts.labels,
      edges: Array.from(edges),
      reference: shares(counts.reference),
      current: empty ? Array.from(counts.current, () => 0) : shares(counts.current),
      reference_count: ref.count,
      current_count: empty ? 0 : cur.count,
    };
  }
  if (ref.kind === "categorical" && cur.kind === "categorical") {
    const counts = alignCategories(ref, cur);
    const order = counts.labels.map((_, i) => i).sort((a, b) => counts.reference[b]! + counts.current[b]! - (counts.reference[a]! + counts.current[a]!));
    const shown = order.slice(0, SHOWN_CATEGORIES);
    const rest = order.slice(SHOWN_CATEGORIES);
    const pick = (side: Float64Array) => {
      const values = shown.map((i) => side[i]!);
      if (rest.length > 0) values.push(rest.reduce((s, i) => s + side[i]!, 0));
      return shares(Float64Array.from(values));
    };
    return {
      feature,
      kind: "categorical",
      labels: [...shown.map((i) => counts.labels[i]!), ...(rest.length > 0 ? ["(other)"] : [])],
      reference: pick(counts.reference),
      current: empty ? pick(counts.reference).map(() => 0) : pick(counts.current),
      reference_count: ref.count,
      current_count: empty ? 0 : cur.count,
    };
  }
  throw notFound(`Feature '${feature}' was profiled as ${ref.kind} in the reference but arrived as ${cur.kind}.`);
}
