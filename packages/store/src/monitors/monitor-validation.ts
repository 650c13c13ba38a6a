import {
  MONITOR_LIMITS,
  invalidParameter,
  validateDeploymentName,
  validateModelName,
  type CreateAlertRuleRecord,
  type MonitorConfig,
} from "@cairn/core";

/** The longest monitor or alert rule name. */
export const MONITOR_NAME_MAX = 256;
/** The longest monitor description. */
export const MONITOR_DESCRIPTION_MAX = 5000;
const DAY_MS = 86_400_000;

// Control characters would garble CLI tables and logs; "/" would split the name in a URL path.
const FORBIDDEN = /[/\u0000-\u001f\u007f]/;

/** Checks a monitor name: 1 to 256 characters, any but '/' and control characters. */
export function validateMonitorName(name: unknown, parameter = "name"): asserts name is string {
  if (typeof name !== "string" || name === "") {
    throw invalidParameter(`Missing value for required parameter '${parameter}': give the monitor's name, e.g. 'churn-prod-drift'.`);
  }
  if (name.length > MONITOR_NAME_MAX || FORBIDDEN.test(name)) {
    throw invalidParameter(
      `Invalid monitor name '${name.slice(0, 80)}': a name is 1 to ${MONITOR_NAME_MAX} characters, any except '/' and control characters, e.g. 'churn-prod-drift'.`,
    );
  }
}

/** Checks an optional description's type and length; returns it or "" when absent. */
export function validateMonitorDescription(description: unknown): string {
  if (description === undefined || description === null) return "";
  if (typeof description !== "string") throw invalidParameter("Invalid value for parameter 'description': it must be a string.");
  if (description.length > MONITOR_DESCRIPTION_MAX) {
    throw invalidParameter(`Monitor description is ${description.length} characters long; the limit is ${MONITOR_DESCRIPTION_MAX}.`);
  }
  return description;
}

/** Checks what the monitor watches: an optional registered model name and an optional deployment name. */
export function validateMonitorTarget(input: { model_name?: unknown; deployment?: unknown }): void {
  if (input.model_name !== undefined && input.model_name !== null) validateModelName(input.model_name as string, "model_name");
  if (input.deployment !== undefined && input.deployment !== null) validateDeploymentName(input.deployment, "deployment");
}

/**
 * The part of a config the store relies on: the window length (window rows are keyed by it),
 * the feature list and the raw-event retention. The server checks the rest.
 */
export function validateMonitorConfig(config: MonitorConfig): void {
  if (typeof config !== "object" || config === null) throw invalidParameter("Missing value for required parameter 'config': give the monitor's features and window_ms.");
  const { window_ms: windowMs, features, raw_retention_days: retention } = config;
  if (!Number.isSafeInteger(windowMs) || windowMs < MONITOR_LIMITS.minWindowMs) {
    throw invalidParameter(`Invalid value ${String(windowMs)} for parameter 'config.window_ms': give a whole number of milliseconds of at least ${MONITOR_LIMITS.minWindowMs} (one minute).`);
  }
  if (!Array.isArray(features) || features.length === 0) {
    throw invalidParameter("Invalid value for parameter 'config.features': list at least one feature, e.g. [{\"name\": \"age\", \"kind\": \"numeric\"}].");
  }
  if (features.length > MONITOR_LIMITS.featuresPerMonitor) {
    throw invalidParameter(`A monitor watches at most ${MONITOR_LIMITS.featuresPerMonitor} features; config.features lists ${features.length}.`);
  }
  const seen = new Set<string>();
  for (const [i, f] of features.entries()) {
    if (typeof f?.name !== "string" || f.name === "") throw invalidParameter(`Missing value for parameter 'config.features[${i}].name': give the feature's column name.`);
    if (seen.has(f.name)) throw invalidParameter(`Feature '${f.name}' is listed twice in config.features; list each feature once.`);
    seen.add(f.name);
  }
  if (typeof retention !== "number" || !Number.isFinite(retention) || retention <= 0 || retention * DAY_MS > Number.MAX_SAFE_INTEGER) {
    throw invalidParameter(`Invalid value ${String(retention)} for parameter 'config.raw_retention_days': give a positive number of days.`);
  }
}

/** Checks an alert rule's fields (the expression's grammar is the monitor package's concern). */
export function validateAlertRule(input: CreateAlertRuleRecord): void {
  const { name, expression, for_windows: forWindows, cooldown_ms: cooldown, webhook_ids: webhookIds } = input;
  if (typeof name !== "string" || name === "") throw invalidParameter("Missing value for required parameter 'name': give the alert rule a name, e.g. 'high-drift'.");
  if (name.length > MONITOR_NAME_MAX || FORBIDDEN.test(name)) {
    throw invalidParameter(`Invalid alert rule name '${name.slice(0, 80)}': a name is 1 to ${MONITOR_NAME_MAX} characters, any except '/' and control characters.`);
  }
  if (typeof expression !== "string" || expression.trim() === "") {
    throw invalidParameter("Missing value for required parameter 'expression': give a condition such as 'drift_share > 0.3'.");
  }
  if (!Number.isSafeInteger(forWindows) || forWindows < 1) {
    throw invalidParameter(`Invalid value ${String(forWindows)} for parameter 'for_windows': give a whole number of windows, at least 1.`);
  }
  if (!Number.isSafeInteger(cooldown) || cooldown < 0) {
    throw invalidParameter(`Invalid value ${String(cooldown)} for parameter 'cooldown_ms': give a whole number of milliseconds, at least 0.`);
  }
  if (!Array.isArray(webhookIds) || webhookIds.some((id) => typeof id !== "string" || id === "")) {
    throw invalidParameter("Invalid value for parameter 'webhook_ids': give a list of webhook ids (strings).");
  }
  if (typeof input.enabled !== "boolean") throw invalidParameter("Invalid value for parameter 'enabled': it must be true or false.");
}

/** Checks a page size against the monitor limits; returns the default when absent. */
export function validateMaxResults(max: number | undefined): number {
  const value = max ?? MONITOR_LIMITS.searchDefault;
  if (!Number.isSafeInteger(value) || value < 1 || value > MONITOR_LIMITS.searchMax) {
    throw invalidParameter(`Invalid value ${String(value)} for parameter 'max_results': it must be an integer from 1 to ${MONITOR_LIMITS.searchMax}.`);
  }
  return value;
}
