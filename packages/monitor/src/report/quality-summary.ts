import type { DataProfile } from "../profile/index.js";
import type { QualitySummary } from "./report-types.js";

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** A range's data-quality problems: missing features, wrong types and unknown columns, counted per name. */
export function qualitySummary(data: DataProfile): QualitySummary {
  const { missing_feature, wrong_type, unknown_column } = data.quality;
  const issues = total(missing_feature) + total(wrong_type) + total(unknown_column);
  return { events: data.events, issues, issue_rate: data.events > 0 ? issues / data.events : 0, missing_feature, wrong_type, unknown_column };
}
