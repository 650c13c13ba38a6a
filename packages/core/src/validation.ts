import { invalidParameter } from "./errors.js";
import { LIMITS } from "./limits.js";
import type { LogBatchInput } from "./tracking-store.js";

// MLflow's rule for metric, param and tag names (mlflow/utils/validation.py).
const NAME_PATTERN = /^[/\w.\- :]*$/;

/** Checks a metric, param or tag key the way MLflow does: allowed characters, no "..", length. */
export function validateKey(key: string, what: "metric" | "param" | "tag"): void {
  if (key.length === 0) throw invalidParameter(`Missing value for required parameter 'key' of a ${what}.`);
  if (!NAME_PATTERN.test(key)) {
    throw invalidParameter(
      `Invalid ${what} name '${key}': names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colons (:) and slashes (/).`,
    );
  }
  if (key.split("/").some((part) => part === "..") || key.startsWith("/")) {
    throw invalidParameter(`Invalid ${what} name '${key}': names may not be absolute paths or contain '..' segments.`);
  }
  if (key.length > LIMITS.keyLength) {
    throw invalidParameter(`${capitalize(what)} key '${key.slice(0, 40)}...' is ${key.length} characters long; the limit is ${LIMITS.keyLength}.`);
  }
}

/** Checks a value against a length limit, naming the key so a person can find it. */
export function validateValueLength(what: string, key: string, value: string, limit: number): void {
  if (value.length > limit) {
    throw invalidParameter(`${capitalize(what)} '${key}' has a value of ${value.length} characters; the limit is ${limit}.`);
  }
}

/** Checks a whole log-batch request: counts, keys, value lengths and duplicate params. */
export function validateLogBatch(batch: LogBatchInput): void {
  const { metrics, params, tags } = batch;
  const tooMany = (n: number, limit: number, what: string) => {
    if (n > limit) {
      throw invalidParameter(
        `A batch logging request can contain at most ${limit} ${what}. Got ${n} ${what}. Split them across several requests and try again.`,
      );
    }
  };
  tooMany(metrics.length, LIMITS.batchMetrics, "metrics");
  tooMany(params.length, LIMITS.batchParams, "params");
  tooMany(tags.length, LIMITS.batchTags, "tags");
  tooMany(metrics.length + params.length + tags.length, LIMITS.batchEntities, "metrics, params and tags in total");
  // Batches repeat a handful of keys many times: check each distinct key once.
  const metricKeys = new Set<string>();
  for (const m of metrics) metricKeys.add(m.key);
  for (const key of metricKeys) validateKey(key, "metric");
  const seen = new Map<string, string>();
  for (const p of params) {
    validateKey(p.key, "param");
    validateValueLength("param", p.key, p.value, LIMITS.paramValueLength);
    const before = seen.get(p.key);
    if (before !== undefined && before !== p.value) {
      throw invalidParameter(`Duplicate parameter key '${p.key}' with different values ('${before}', '${p.value}') in one batch.`);
    }
    seen.set(p.key, p.value);
  }
  for (const t of tags) {
    validateKey(t.key, "tag");
    validateValueLength("tag", t.key, t.value, LIMITS.tagValueLength);
  }
}

/** Checks an experiment name: present and not too long. */
export function validateExperimentName(name: string): void {
  if (name.trim().length === 0) throw invalidParameter("Invalid experiment name: it must be a non-empty string.");
  if (name.length > LIMITS.experimentNameLength) {
    throw invalidParameter(`Experiment name is ${name.length} characters long; the limit is ${LIMITS.experimentNameLength}.`);
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
