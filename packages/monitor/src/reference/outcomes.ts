import type { MonitorTask } from "@cairn/core";

/** A class label as classification summaries compare them: numbers and booleans by String(), so 1, "1" and 1.0 agree. */
export function classLabel(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
}

/** The label a binary classifier's "not positive" gets when only a score is known. */
export function negativeClass(positive: string): string {
  if (positive === "1") return "0";
  if (positive === "true") return "false";
  return `not ${positive}`;
}

/** How predictions are profiled: by the task, else by what the reference's prediction column holds. */
export function predictionKindOf(task: MonitorTask | undefined, sample: unknown): "numeric" | "categorical" | undefined {
  if (task === "regression") return "numeric";
  if (task !== undefined) return "categorical";
  if (sample === undefined) return undefined;
  return typeof sample === "number" ? "numeric" : "categorical";
}
