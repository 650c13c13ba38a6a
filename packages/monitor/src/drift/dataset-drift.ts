import type { DatasetDrift, FeatureDrift, MonitorConfig } from "@cairn/core";
import type { DataProfile, ReferenceProfile, Sample } from "../profile/index.js";
import { benjaminiHochberg } from "../stats/index.js";
import { featureDrift } from "./feature-drift.js";
import { isDrift, P_VALUE_METHODS } from "./method-selection.js";

/** The prediction's pseudo-feature name in profiles and bins. */
export const PREDICTION = "prediction";

/** Drift of the current data (a merged profile and sample) against the reference, feature by feature. */
export function datasetDrift(reference: ReferenceProfile, current: DataProfile, currentSample: Sample | undefined, config: MonitorConfig): DatasetDrift {
  // The reference's sample holds it whole up to its capacity; then exact tests may use it.
  const refWhole = reference.rows <= reference.sample.capacity;
  const common = { referenceRows: reference.rows, missingRateThreshold: config.missing_rate_threshold, unseenShareThreshold: config.unseen_share_threshold };
  const features: FeatureDrift[] = [];
  for (const feature of config.features) {
    const ref = reference.data.features[feature.name];
    const cur = current.features[feature.name];
    if (!ref || !cur) continue;
    features.push(
      featureDrift({
        ...common,
        feature,
        reference: ref,
        current: cur,
        ...(reference.bins[feature.name] ? { edges: reference.bins[feature.name]!.edges } : {}),
        ...(reference.sample.columns[feature.name] ? { referenceSample: reference.sample.columns[feature.name]!, referenceWhole: refWhole } : {}),
        ...(currentSample?.columns[feature.name] ? { currentSample: currentSample.columns[feature.name]! } : {}),
      }),
    );
  }
  if (config.bh_correction) applyBenjaminiHochberg(features);
  const measured = features.filter((f) => f.status !== "empty_reference" && f.status !== "no_current_data");
  const drifted = measured.filter((f) => f.drifted).length;
  const share = measured.length > 0 ? drifted / measured.length : 0;
  let prediction: FeatureDrift | undefined;
  const refPrediction = reference.data.prediction;
  if (refPrediction && current.prediction && refPrediction.kind === current.prediction.kind) {
    prediction = featureDrift({
      ...common,
      feature: { name: PREDICTION, kind: refPrediction.kind },
      reference: refPrediction,
      current: current.prediction,
      ...(reference.bins[PREDICTION] ? { edges: reference.bins[PREDICTION]!.edges } : {}),
    });
  }
  return {
    features,
    measured_features: measured.length,
    drifted_features: drifted,
    drift_share: share,
    dataset_drift: measured.length > 0 && share >= config.drift_share,
    ...(prediction ? { prediction } : {}),
    bh_correction: config.bh_correction,
  };
}

/** Replaces p-value statistics by BH-adjusted ones across the features tested, and redecides value drift. */
function applyBenjaminiHochberg(features: FeatureDrift[]): void {
  const tested = features.filter((f) => f.status === "ok" && P_VALUE_METHODS.has(f.method) && f.p_value !== undefined);
  const adjusted = benjaminiHochberg(tested.map((f) => f.p_value!));
  tested.forEach((f, i) => {
    const statistic = adjusted[i] ?? f.p_value!;
    f.statistic = statistic;
    const wasSignal = f.drifted && !f.value_drifted;
    f.value_drifted = isDrift(f.method, statistic, f.threshold);
    f.drifted = f.value_drifted || wasSignal || f.missing.drifted || (f.unseen?.drifted ?? false);
  });
}

/** Whether drift over this reference needs the windows' samples: exact tests run when the reference is held whole or a feature asks for a sample-only method. */
export function needsSamples(reference: ReferenceProfile, config: MonitorConfig): boolean {
  if (reference.rows <= reference.sample.capacity) return true;
  return config.features.some((f) => f.method === "anderson" || f.method === "cramer_von_mises" || f.method === "energy_distance");
}
