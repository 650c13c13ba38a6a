import { dataColumn } from "./column-ids";

// Enough params to tell runs apart at a glance without pushing metrics off screen.
const DEFAULT_PARAMS = 3;

/** The columns shown before anyone chooses: every metric and the first few params. */
export function defaultColumns(keys: { params: readonly string[]; metrics: readonly string[] }): string[] {
  return [...keys.metrics.map((k) => dataColumn("metrics", k).id), ...keys.params.slice(0, DEFAULT_PARAMS).map((k) => dataColumn("params", k).id)];
}
