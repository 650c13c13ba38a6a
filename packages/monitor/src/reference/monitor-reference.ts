import { invalidParameter, type MonitorConfig, type MonitorFeature } from "@cairn/core";
import { addModelLabel, emptyModelStats, fitCalibrator, type Calibrator, type ModelStats } from "../performance/index.js";
import { buildReferenceProfile, decodeReferenceProfile, encodeReferenceProfile, type ReferenceProfile } from "../profile/index.js";
import { frame, unframe } from "../window/byte-frame.js";
import { classLabel, negativeClass, predictionKindOf } from "./outcomes.js";

/** Everything a monitor keeps of its reference: the data profile, and what labels in it told. */
export interface MonitorReference {
  features: MonitorFeature[];
  profile: ReferenceProfile;
  /** Rows with a label (and a prediction, for reference performance). */
  labeled_rows: number;
  /** How predictions are profiled: numeric for regression, categorical for classifiers. */
  prediction_kind?: "numeric" | "categorical";
  /** Binary classification with scores and labels: the CBPE calibrator fitted on the reference. */
  calibrator?: Calibrator;
  /** Realised performance on the reference, when it held labels and predictions. */
  performance?: ModelStats;
}

/** The reference's label, prediction and score columns (excluded from features). */
export interface ReferenceColumns {
  labelColumn?: string;
  predictionColumn?: string;
  scoreColumn?: string;
  seed?: number;
}

const TAG = "CMR1";

/** Profiles a reference: the features of config, plus reference performance and a calibrator when labels allow. */
export function buildMonitorReference(rows: readonly Record<string, unknown>[], config: MonitorConfig, columns: ReferenceColumns = {}): MonitorReference {
  const { labelColumn, predictionColumn, scoreColumn } = columns;
  for (const column of [labelColumn, predictionColumn, scoreColumn]) {
    if (column !== undefined && config.features.some((f) => f.name === column)) throw invalidParameter(`Column '${column}' is both a feature and the label, prediction or score column: leave it out of the features.`);
  }
  const predictionKind = predictionKindOf(config.task, predictionColumn ? rows.find((r) => r[predictionColumn] != null)?.[predictionColumn] : undefined);
  const profile = buildReferenceProfile(rows, config.features, {
    reservoirSize: config.reservoir_size,
    ...(columns.seed === undefined ? {} : { seed: columns.seed }),
    ...(predictionColumn && predictionKind ? { prediction: { column: predictionColumn, kind: predictionKind } } : {}),
  });
  const reference: MonitorReference = { features: config.features, profile, labeled_rows: 0, ...(predictionKind ? { prediction_kind: predictionKind } : {}) };
  if (labelColumn === undefined) return reference;
  const labeled = rows.filter((r) => r[labelColumn] !== undefined && r[labelColumn] !== null);
  reference.labeled_rows = labeled.length;
  if (labeled.length === 0) throw invalidParameter(`The label column '${labelColumn}' has no values in the reference. Check the column name.`);
  if (config.task === undefined) throw invalidParameter(`A label column was given without a task: set --task binary_classification, multiclass_classification or regression.`);
  const positive = config.positive_class ?? "1";
  if (config.task === "binary_classification" && scoreColumn) {
    const scored = labeled.filter((r) => typeof r[scoreColumn] === "number");
    if (scored.length > 0) {
      reference.calibrator = fitCalibrator(
        scored.map((r) => r[scoreColumn] as number),
        scored.map((r) => (classLabel(r[labelColumn]) === positive ? 1 : 0)),
      );
    }
  }
  if (predictionColumn || (scoreColumn && config.task === "binary_classification")) {
    const stats = emptyModelStats(config.task);
    for (const r of labeled) {
      const score = scoreColumn && typeof r[scoreColumn] === "number" ? (r[scoreColumn] as number) : undefined;
      const raw = predictionColumn ? r[predictionColumn] : undefined;
      if (config.task === "regression") {
        if (typeof raw === "number" && typeof r[labelColumn] === "number") addModelLabel(stats, { actual: r[labelColumn] as number, predicted: raw });
        continue;
      }
      const predicted = raw != null ? classLabel(raw) : score !== undefined ? (score >= 0.5 ? positive : negativeClass(positive)) : undefined;
      if (predicted === undefined) continue;
      addModelLabel(stats, { actual: classLabel(r[labelColumn]), predicted, ...(score === undefined ? {} : { score }) }, positive);
    }
    reference.performance = stats;
  }
  return reference;
}

/** The reference as stored bytes: a JSON header (features, calibrator, performance) and the encoded profile. */
export function encodeMonitorReference(reference: MonitorReference): Uint8Array {
  const { profile, ...header } = reference;
  return frame(TAG, header, encodeReferenceProfile(profile));
}

/** Decodes what encodeMonitorReference wrote; anything else is INVALID_PARAMETER_VALUE. */
export function decodeMonitorReference(bytes: Uint8Array): MonitorReference {
  const { header, body } = unframe<Omit<MonitorReference, "profile">>(TAG, bytes, "a Cairn reference profile");
  if (!Array.isArray(header.features)) throw invalidParameter("The reference profile has no feature list: build it again.");
  return { ...header, profile: decodeReferenceProfile(body) };
}
