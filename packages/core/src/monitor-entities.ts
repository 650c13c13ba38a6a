/**
 * Monitors: a registered model or a deployment watched in production. A monitor holds its
 * feature schema, a reference profile computed once, and one mergeable profile per time window;
 * reports merge window profiles and never reread raw events.
 */

/** How a feature's values are compared: numeric (ordered) or categorical (unordered). */
export type MonitorFeatureKind = "numeric" | "categorical";

/** The drift methods a feature may be given; "auto" picks by Evidently's rule (reference size, unique values). */
export const DRIFT_METHODS = [
  "auto",
  "ks",
  "chisquare",
  "z",
  "wasserstein",
  "jensenshannon",
  "psi",
  "kl_div",
  "hellinger",
  "anderson",
  "cramer_von_mises",
  "energy_distance",
] as const;
/** One of DRIFT_METHODS. */
export type DriftMethod = (typeof DRIFT_METHODS)[number];

/** What the monitored model predicts; decides which performance figures a window gets. */
export const MONITOR_TASKS = ["binary_classification", "multiclass_classification", "regression"] as const;
/** One of MONITOR_TASKS. */
export type MonitorTask = (typeof MONITOR_TASKS)[number];

/** One monitored input feature. method and threshold override the automatic choice. */
export interface MonitorFeature {
  name: string;
  kind: MonitorFeatureKind;
  method?: DriftMethod;
  threshold?: number;
}

/** A monitor's settings; defaults are filled in by the server. */
export interface MonitorConfig {
  features: MonitorFeature[];
  task?: MonitorTask;
  /** Length of one window (ms); windows start at multiples of it since the epoch. */
  window_ms: number;
  /** For binary classification: the label value that counts as positive (as a string). */
  positive_class?: string;
  /** Dataset drift is declared when at least this share of features drifted (Evidently: 0.5). */
  drift_share: number;
  /** Apply Benjamini-Hochberg across the features' p-values. */
  bh_correction: boolean;
  /** A change of missing-value rate larger than this (absolute) that is also significant flags the feature. */
  missing_rate_threshold: number;
  /** A current share of categories never seen in the reference above this flags the feature. */
  unseen_share_threshold: number;
  /** Raw events (kept for late labels and row-joined skew) are deleted after this many days. */
  raw_retention_days: number;
  /** Rows kept per window in the bounded reservoir used by exact tests. */
  reservoir_size: number;
}

/** What the reference was and how big. */
export interface MonitorReferenceSummary {
  /** Where it came from: a file name, runs:/..., or "api". */
  source: string;
  rows: number;
  /** Labeled rows (performance and the calibrator of estimated performance come from these). */
  labeled_rows: number;
}

/** A monitor as the API returns it. */
export interface Monitor {
  monitor_id: string;
  name: string;
  description?: string;
  /** The registered model watched (all its versions) when no deployment is given. */
  model_name?: string;
  /** The deployment watched; its variants are told apart by model version. */
  deployment?: string;
  config: MonitorConfig;
  reference: MonitorReferenceSummary;
  creation_timestamp: number;
  last_updated_timestamp: number;
  /** Windows ending at or before this have been evaluated against the alert rules. */
  evaluated_until_ms?: number;
}

/** One event as services send it (bulk ingest); cairn serve's inference logs are turned into these. */
export interface MonitorEventInput {
  /** Joins a later label (and the offline row for skew); events without one are profiled, not kept. */
  request_id?: string;
  /** The server's clock when absent. */
  timestamp_ms?: number;
  features: Record<string, unknown>;
  prediction?: unknown;
  /** For binary classification: the model's probability of the positive class. */
  score?: number | null;
  /** A label known at prediction time (most arrive later, through labels). */
  label?: unknown;
  /** Which model answered (a deployment's model version); A/B verdicts compare variants. */
  variant?: string;
  latency_ms?: number;
  /** A failed request (>= 400) counts toward the variant's error rate. */
  status_code?: number;
}

/** A late ground-truth label for one event. */
export interface MonitorLabelInput {
  request_id: string;
  label: unknown;
  timestamp_ms?: number;
}

/** The answer of an ingest call. */
export interface MonitorIngestResult {
  accepted: number;
  /** Events with a request_id already stored (a resent batch); not counted again. */
  duplicates: number;
  /** Events that broke the schema in some way; they are counted in the window's data quality, not dropped. */
  quality_issues: number;
}

/** The answer of a labels call. */
export interface MonitorLabelResult {
  updated: number;
  /** Ids with no stored event (never sent, sampled out, or past retention). */
  unknown_request_ids: string[];
  /** Ids that already had a label; the first label is kept. */
  already_labeled: string[];
}

/** An alert rule: `figure op threshold`, true for `for_windows` consecutive windows, fires. */
export interface AlertRule {
  rule_id: string;
  monitor_id: string;
  name: string;
  /** e.g. "drift_share > 0.3", "missing_rate(income) > 0.05", "p99_latency_ms > 50". */
  expression: string;
  for_windows: number;
  /** After a notification, the same rule notifies again only after this long. */
  cooldown_ms: number;
  /** Webhooks notified besides those subscribed to MONITOR_ALERT events (a retraining hook, say). */
  webhook_ids: string[];
  enabled: boolean;
  creation_timestamp: number;
}

/** Where a rule stands after the windows evaluated so far. */
export interface AlertRuleState {
  rule_id: string;
  state: "OK" | "FIRING";
  /** Consecutive windows, up to the last evaluated one, for which the condition held. */
  consecutive: number;
  last_window_ms?: number;
  last_notified_ms?: number;
}

/** One entry of a monitor's alert history. */
export interface AlertEvent {
  alert_id: string;
  rule_id: string;
  monitor_id: string;
  rule_name: string;
  state: "FIRING" | "RESOLVED";
  window_start_ms: number;
  /** The figure's value in that window (null when it could not be computed). */
  value: number | null;
  message: string;
  timestamp_ms: number;
  /** False when cooldown held the notification back. */
  notified: boolean;
}

/** Limits of the monitor API. */
export const MONITOR_LIMITS = {
  eventsPerCall: 10_000,
  labelsPerCall: 10_000,
  featuresPerMonitor: 500,
  searchDefault: 100,
  searchMax: 1000,
  rulesPerMonitor: 100,
  minWindowMs: 60_000,
  maxReportWindows: 10_000,
} as const;
