import { Type } from "@sinclair/typebox";
import { DRIFT_METHODS, MONITOR_LIMITS, MONITOR_TASKS } from "../monitor-entities.js";

// Request schemas for Cairn's monitors (/api/2.0/cairn/monitors/...). Only the JSON shape is
// checked here; names, features, thresholds and windows are checked by the monitor package's
// config validation, which gives the messages a person can act on.

const Str = () => Type.String();
const Opt = Type.Optional;
const range = { start_time_ms: Opt(Type.Integer()), end_time_ms: Opt(Type.Integer()) };

/** One feature of a monitor's schema. */
export const MonitorFeatureBody = Type.Object({
  name: Str(),
  kind: Type.Union([Type.Literal("numeric"), Type.Literal("categorical")]),
  method: Opt(Type.Union(DRIFT_METHODS.map((m) => Type.Literal(m)))),
  threshold: Opt(Type.Number()),
});

/** The settings a caller may give; the rest take defaults. */
export const MonitorConfigBody = Type.Object({
  features: Opt(Type.Array(MonitorFeatureBody)),
  task: Opt(Type.Union(MONITOR_TASKS.map((t) => Type.Literal(t)))),
  window_ms: Opt(Type.Integer()),
  positive_class: Opt(Str()),
  drift_share: Opt(Type.Number()),
  bh_correction: Opt(Type.Boolean()),
  missing_rate_threshold: Opt(Type.Number()),
  unseen_share_threshold: Opt(Type.Number()),
  raw_retention_days: Opt(Type.Number()),
  reservoir_size: Opt(Type.Integer()),
});

/**
 * POST monitors/create. The reference comes either as rows (at most 100,000; the server profiles
 * them) or as a profile the CLI built from a file (base64 of the monitor package's encoding).
 */
export const CreateMonitor = Type.Object({
  name: Str(),
  description: Opt(Str()),
  model_name: Opt(Str()),
  deployment: Opt(Str()),
  config: Opt(MonitorConfigBody),
  reference_rows: Opt(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
  reference_profile: Opt(Str()),
  reference_source: Opt(Str()),
  /** With reference_rows: the label, prediction and score columns (excluded from features). */
  label_column: Opt(Str()),
  prediction_column: Opt(Str()),
  score_column: Opt(Str()),
});
/** GET monitors/get, POST monitors/delete, POST monitors/evaluate. */
export const MonitorName = Type.Object({ name: Str() });
/** GET monitors/search. */
export const SearchMonitors = Type.Object({
  model_name: Opt(Str()),
  deployment: Opt(Str()),
  max_results: Opt(Type.Integer({ minimum: 1, maximum: MONITOR_LIMITS.searchMax })),
  page_token: Opt(Str()),
});
/** POST monitors/update: config fields given replace the stored ones (features by name). */
export const UpdateMonitor = Type.Object({ name: Str(), description: Opt(Str()), config: Opt(MonitorConfigBody) });
/** One event of POST monitors/ingest. */
export const MonitorEventBody = Type.Object({
  request_id: Opt(Str()),
  timestamp_ms: Opt(Type.Integer()),
  features: Type.Record(Type.String(), Type.Unknown()),
  prediction: Opt(Type.Unknown()),
  score: Opt(Type.Unsafe<number | null>({ type: ["number", "null"] })),
  label: Opt(Type.Unknown()),
  variant: Opt(Str()),
  latency_ms: Opt(Type.Number()),
  status_code: Opt(Type.Integer()),
});
/** POST monitors/ingest. */
export const IngestMonitorEvents = Type.Object({ name: Str(), events: Type.Array(MonitorEventBody) });
/** POST monitors/labels. */
export const AttachMonitorLabels = Type.Object({
  name: Str(),
  labels: Type.Array(Type.Object({ request_id: Str(), label: Type.Unknown(), timestamp_ms: Opt(Type.Integer()) })),
});
/** GET monitors/report and monitors/windows and monitors/ab: a time range (start inclusive, end exclusive). */
export const MonitorRange = Type.Object({ name: Str(), ...range });
/** GET monitors/distribution: one feature's reference and current distributions. */
export const MonitorDistribution = Type.Object({ name: Str(), feature: Str(), ...range });
/** POST monitors/skew: offline rows joined to served events by id. */
export const MonitorSkew = Type.Object({
  name: Str(),
  ...range,
  rows: Opt(Type.Array(Type.Object({ id: Str(), features: Type.Record(Type.String(), Type.Unknown()) }))),
});
/** POST monitors/alert-rules/create. */
export const CreateAlertRule = Type.Object({
  name: Str(),
  rule_name: Str(),
  expression: Str(),
  for_windows: Opt(Type.Integer()),
  cooldown_ms: Opt(Type.Integer()),
  webhook_ids: Opt(Type.Array(Str())),
  enabled: Opt(Type.Boolean()),
});
/** POST monitors/alert-rules/delete. */
export const DeleteAlertRule = Type.Object({ name: Str(), rule_id: Str() });
/** GET monitors/alerts. */
export const ListMonitorAlerts = Type.Object({
  name: Str(),
  since_ms: Opt(Type.Integer()),
  max_results: Opt(Type.Integer({ minimum: 1, maximum: 10_000 })),
});
