import { DRIFT_METHODS, MONITOR_LIMITS, MONITOR_TASKS, invalidParameter, type MonitorConfig, type MonitorFeature } from "@cairn/core";

/** The settings a caller may give when creating or updating a monitor (all optional). */
export type MonitorConfigInput = Partial<MonitorConfig>;

/** Defaults: hourly windows, Evidently's dataset drift share, a month of raw events for late labels. */
export const MONITOR_DEFAULTS = {
  window_ms: 3_600_000,
  drift_share: 0.5,
  bh_correction: false,
  missing_rate_threshold: 0.02,
  unseen_share_threshold: 0.01,
  raw_retention_days: 30,
  reservoir_size: 1000,
} as const;

// Monitor names appear in URLs, metric labels and CLI arguments: the deployment-name alphabet.
const MONITOR_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/** Checks a monitor name: 1 to 63 letters, digits, '_', '.' and '-', starting with a letter or digit. */
export function validateMonitorName(name: unknown): asserts name is string {
  if (typeof name !== "string" || name === "") throw invalidParameter("Missing value for required parameter 'name': give the monitor's name, e.g. 'churn'.");
  if (!MONITOR_NAME.test(name)) {
    throw invalidParameter(`Invalid monitor name '${name.slice(0, 80)}': a name is 1 to 63 characters, letters, digits, '_', '.' and '-', starting with a letter or digit, e.g. 'churn-prod'.`);
  }
}

function checkRange(name: string, value: number | undefined, min: number, max: number, hint: string): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || value < min || value > max) throw invalidParameter(`Invalid '${name}' ${value}: it must be between ${min} and ${max} (${hint}).`);
}

/** Checks features: unique names, known methods, thresholds that are positive numbers. */
export function validateFeatures(features: readonly MonitorFeature[]): void {
  if (features.length === 0) throw invalidParameter("A monitor needs at least one feature: give config.features or a reference with feature columns.");
  if (features.length > MONITOR_LIMITS.featuresPerMonitor) throw invalidParameter(`A monitor may watch at most ${MONITOR_LIMITS.featuresPerMonitor} features; ${features.length} were given.`);
  const seen = new Set<string>();
  for (const f of features) {
    if (typeof f.name !== "string" || f.name === "") throw invalidParameter("Every feature needs a non-empty 'name'.");
    if (seen.has(f.name)) throw invalidParameter(`Feature '${f.name}' is listed twice; give each feature once.`);
    seen.add(f.name);
    if (f.kind !== "numeric" && f.kind !== "categorical") throw invalidParameter(`Feature '${f.name}' has kind '${String(f.kind)}'; use 'numeric' or 'categorical'.`);
    if (f.method !== undefined && !DRIFT_METHODS.includes(f.method)) throw invalidParameter(`Feature '${f.name}' has unknown method '${f.method}'. Methods: ${DRIFT_METHODS.join(", ")}.`);
    if (f.method !== undefined && f.kind === "categorical" && NUMERIC_ONLY.has(f.method)) {
      throw invalidParameter(`Feature '${f.name}' is categorical; method '${f.method}' needs ordered values. Use chisquare, z, jensenshannon, psi, kl_div or hellinger.`);
    }
    checkRange(`threshold of '${f.name}'`, f.threshold, Number.MIN_VALUE, 1e6, "p-value methods drift below it, distances at or above it");
  }
}

/** Methods that compare ordered values and cannot run on categories. */
export const NUMERIC_ONLY: ReadonlySet<string> = new Set(["ks", "wasserstein", "anderson", "cramer_von_mises", "energy_distance"]);

/** A full config from the caller's settings (or the stored config being updated), checked whole. */
export function resolveMonitorConfig(input: MonitorConfigInput, base?: MonitorConfig): MonitorConfig {
  if (base) {
    // Stored windows were cut and sampled with these: changing them would mix incompatible windows.
    for (const key of ["window_ms", "reservoir_size", "task"] as const) {
      if (input[key] !== undefined && input[key] !== base[key]) throw invalidParameter(`'${key}' cannot change after a monitor is created (it is ${base[key] ?? "unset"}): its windows were cut and profiled with it. Create a new monitor instead.`);
    }
  }
  const merged = { ...MONITOR_DEFAULTS, ...(base ?? {}), ...stripUndefined(input) } as MonitorConfig;
  if (input.features && base) merged.features = mergeFeatures(base.features, input.features);
  validateFeatures(merged.features ?? []);
  if (merged.task !== undefined && !MONITOR_TASKS.includes(merged.task)) throw invalidParameter(`Unknown task '${merged.task}'. Tasks: ${MONITOR_TASKS.join(", ")}.`);
  if (!Number.isInteger(merged.window_ms) || merged.window_ms < MONITOR_LIMITS.minWindowMs) {
    throw invalidParameter(`Invalid 'window_ms' ${merged.window_ms}: a window is a whole number of milliseconds, at least ${MONITOR_LIMITS.minWindowMs} (one minute); 3600000 is an hour.`);
  }
  checkRange("drift_share", merged.drift_share, 0, 1, "the share of drifted features that means dataset drift");
  checkRange("missing_rate_threshold", merged.missing_rate_threshold, 0, 1, "an absolute change of the missing-value rate");
  checkRange("unseen_share_threshold", merged.unseen_share_threshold, 0, 1, "a share of current values");
  checkRange("raw_retention_days", merged.raw_retention_days, 0, 3650, "days raw events are kept for late labels");
  checkRange("reservoir_size", merged.reservoir_size, 100, 100_000, "rows kept per window for exact tests");
  if (!Number.isInteger(merged.reservoir_size)) throw invalidParameter(`Invalid 'reservoir_size' ${merged.reservoir_size}: give a whole number of rows.`);
  if (merged.task === "binary_classification" && merged.positive_class === undefined) merged.positive_class = "1";
  return merged;
}

/** Features given in an update replace the stored ones of the same name; new names are refused (the reference has no profile for them). */
function mergeFeatures(stored: readonly MonitorFeature[], given: readonly MonitorFeature[]): MonitorFeature[] {
  const byName = new Map(stored.map((f) => [f.name, f]));
  for (const f of given) {
    const old = byName.get(f.name);
    if (!old) throw invalidParameter(`Feature '${f.name}' is not in this monitor's reference; a monitor's features are fixed when it is created. Known: ${[...byName.keys()].join(", ")}.`);
    if (f.kind !== old.kind) throw invalidParameter(`Feature '${f.name}' was profiled as ${old.kind}; its kind cannot change. Create a new monitor to profile it as ${f.kind}.`);
    byName.set(f.name, { ...old, ...stripUndefined(f) });
  }
  return [...byName.values()];
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
