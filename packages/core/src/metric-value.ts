import { invalidParameter } from "./errors.js";

/**
 * Reads a metric value as protobuf JSON allows it: a number, or a string holding one,
 * including "NaN", "Infinity" and "-Infinity". Anything else is a client error.
 */
export function parseMetricValue(value: number | string, key: string): number {
  if (typeof value === "number") return value;
  const trimmed = value.trim();
  if (trimmed === "NaN") return Number.NaN;
  if (trimmed === "Infinity" || trimmed === "inf") return Number.POSITIVE_INFINITY;
  if (trimmed === "-Infinity" || trimmed === "-inf") return Number.NEGATIVE_INFINITY;
  const n = trimmed === "" ? Number.NaN : Number(trimmed);
  if (Number.isNaN(n)) {
    throw invalidParameter(`Invalid value "${value}" for metric '${key}': send a number, or "NaN", "Infinity" or "-Infinity".`);
  }
  return n;
}
