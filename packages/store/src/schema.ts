import type { Generated, Selectable } from "kysely";

/** Kysely's view of Cairn's tables; one schema for SQLite and PostgreSQL. */
export interface Database {
  experiments: ExperimentsTable;
  experiment_tags: KeyValueRow & { experiment_id: number };
  runs: RunsTable;
  run_documents: { run_key: number; json: string };
  tags: KeyValueRow & { run_uuid: string };
  params: KeyValueRow & { run_uuid: string };
  metrics: MetricRow & { run_key: number };
  latest_metrics: MetricRow & { run_uuid: string };
  datasets: DatasetsTable;
  run_inputs: RunInputsTable;
  input_tags: KeyValueRow & { run_uuid: string; dataset_uuid: string };
  run_model_inputs: { run_uuid: string; model_id: string };
  run_model_outputs: { run_uuid: string; model_id: string; step: number };
  logged_models: LoggedModelsTable;
  logged_model_tags: KeyValueRow & { model_id: string };
  logged_model_params: KeyValueRow & { model_id: string };
  logged_model_metrics: LoggedModelMetricRow;
  registered_models: RegisteredModelsTable;
  registered_model_tags: KeyValueRow & { name: string };
  model_versions: ModelVersionsTable;
  model_version_tags: KeyValueRow & { name: string; version: number };
  registered_model_aliases: { name: string; alias: string; version: number };
  webhooks: WebhooksTable;
  webhook_events: { webhook_id: string; entity: string; action: string };
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_delivery_attempts: WebhookDeliveryAttemptsTable;
  deployments: DeploymentsTable;
  deployment_revisions: DeploymentRevisionsTable;
  inference_logs: InferenceLogsTable;
  monitors: MonitorsTable;
  monitor_windows: MonitorWindowsTable;
  monitor_events: MonitorEventsTable;
  monitor_alert_rules: MonitorAlertRulesTable;
  monitor_alerts: MonitorAlertsTable;
  users: UsersTable;
  user_groups: UserGroupsTable;
  group_members: { group_id: string; user_id: string };
  credentials: CredentialsTable;
  permissions: PermissionsTable;
  audit_log: AuditLogTable;
  audit_head: { id: number; seq: number; hash: string };
  approval_policies: ApprovalPoliciesTable;
  approval_requests: ApprovalRequestsTable;
  model_cards: ModelCardsTable;
  retirement_policies: RetirementPoliciesTable;
}

export interface KeyValueRow {
  key: string;
  value: string;
}

export interface ExperimentsTable {
  experiment_id: Generated<number>;
  name: string;
  artifact_location: string;
  lifecycle_stage: string;
  creation_time: number;
  last_update_time: number;
}

/** An experiments row as read back. */
export type ExperimentRow = Selectable<ExperimentsTable>;
/** A runs row as read back. */
export type RunRow = Selectable<RunsTable>;

export interface RunsTable {
  run_key: Generated<number>;
  run_uuid: string;
  experiment_id: number;
  name: string;
  user_id: string;
  status: string;
  start_time: number;
  end_time: number | null;
  lifecycle_stage: string;
  artifact_uri: string;
  deleted_time: number | null;
}

/** A metric point; NaN is stored as value 0 with is_nan 1 because SQLite turns NaN into NULL. */
export interface MetricRow {
  key: string;
  value: number;
  timestamp: number;
  step: number;
  is_nan: number;
}

export interface DatasetsTable {
  dataset_uuid: string;
  experiment_id: number;
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema: string | null;
  profile: string | null;
}

export interface RunInputsTable {
  run_uuid: string;
  dataset_uuid: string;
}

export interface LoggedModelsTable {
  model_id: string;
  experiment_id: number;
  name: string;
  artifact_location: string;
  creation_timestamp_ms: number;
  last_updated_timestamp_ms: number;
  status: string;
  status_message: string | null;
  lifecycle_stage: string;
  model_type: string;
  source_run_id: string | null;
}

export interface LoggedModelMetricRow {
  model_id: string;
  key: string;
  value: number;
  timestamp: number;
  step: number;
  is_nan: number;
  run_uuid: string;
  experiment_id: number;
  dataset_name: string | null;
  dataset_digest: string | null;
}

/** A registered model; last_version counts every version ever created, so numbers are never reused. */
export interface RegisteredModelsTable {
  name: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  description: string;
  last_version: number;
}

/** A model version; (name, version) is its key, name following the registered model's renames. */
export interface ModelVersionsTable {
  name: string;
  version: number;
  creation_timestamp: number;
  last_updated_timestamp: number;
  description: string;
  current_stage: string;
  source: string;
  /** Where the files are when that is not source: the artifact location of the logged model registered. */
  storage_location: string | null;
  run_id: string;
  run_link: string;
  status: string;
  status_message: string | null;
  model_id: string | null;
  /** The version's MLflow JSON without aliases, rebuilt by every write to it (see registry/version-documents.ts). */
  document: string;
}

/** A registered_models row as read back. */
export type RegisteredModelRow = Selectable<RegisteredModelsTable>;
/** A model_versions row as read back. */
export type ModelVersionRow = Selectable<ModelVersionsTable>;

/** A registry webhook; its subscriptions are rows of webhook_events. */
export interface WebhooksTable {
  webhook_id: string;
  name: string;
  description: string;
  url: string;
  secret: string | null;
  status: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
}

/** One event owed to one webhook (the outbox), leased by a dispatcher while in_flight. */
export interface WebhookDeliveriesTable {
  delivery_id: string;
  webhook_id: string;
  entity: string;
  action: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: number | null;
  lease_until: number | null;
  claim_token: string | null;
  last_response_status: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

/** One POST of a delivery: its outcome and timing. */
export interface WebhookDeliveryAttemptsTable {
  delivery_id: string;
  attempt: number;
  started_at: number;
  duration_ms: number;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
}

/** A deployment with its current spec (JSON text of a DeploymentSpec) and revision number. */
export interface DeploymentsTable {
  name: string;
  model_name: string;
  description: string;
  revision: number;
  spec: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
}

/** One revision of a deployment: the action that wrote it and the spec it left. */
export interface DeploymentRevisionsTable {
  name: string;
  revision: number;
  action: string;
  spec: string;
  creation_timestamp: number;
}

/** One logged prediction; inputs, outputs and label are JSON texts, shadow is 0 or 1. */
export interface InferenceLogsTable {
  log_id: Generated<number>;
  request_id: string;
  deployment: string | null;
  model_name: string;
  model_version: string;
  timestamp_ms: number;
  latency_ms: number;
  inputs: string;
  outputs: string;
  shadow: number;
  status_code: number | null;
  label: string | null;
  label_timestamp_ms: number | null;
}

/**
 * A monitor: config and reference summary as JSON texts, the encoded reference profile as a blob
 * (a Buffer on both drivers), and how far the alert rules have been evaluated (null: never).
 */
export interface MonitorsTable {
  monitor_id: string;
  name: string;
  description: string;
  model_name: string | null;
  deployment: string | null;
  config_json: string;
  reference_json: string;
  reference_profile: Uint8Array;
  evaluated_until_ms: number | null;
  creation_timestamp: number;
  last_updated_timestamp: number;
}

/** One window of a monitor: its event count, merged profile and reservoir sample (opaque encodings). */
export interface MonitorWindowsTable {
  monitor_id: string;
  window_start_ms: number;
  events: number;
  profile: Uint8Array;
  sample: Uint8Array;
  updated_at: number;
}

/** A raw event kept for late labels and row-joined skew; the *_json columns are JSON texts. */
export interface MonitorEventsTable {
  monitor_id: string;
  request_id: string;
  timestamp_ms: number;
  window_start_ms: number;
  variant: string | null;
  features_json: string;
  prediction_json: string | null;
  score: number | null;
  label_json: string | null;
  label_timestamp_ms: number | null;
}

/** An alert rule and where it stands (state .. last_notified_ms); enabled is 0 or 1. */
export interface MonitorAlertRulesTable {
  rule_id: string;
  monitor_id: string;
  name: string;
  expression: string;
  for_windows: number;
  cooldown_ms: number;
  webhook_ids_json: string;
  enabled: number;
  creation_timestamp: number;
  state: Generated<string>;
  consecutive: Generated<number>;
  last_window_ms: number | null;
  last_notified_ms: number | null;
}

/** One entry of a monitor's alert history; notified is 0 or 1. */
export interface MonitorAlertsTable {
  alert_id: string;
  monitor_id: string;
  rule_id: string;
  rule_name: string;
  state: string;
  window_start_ms: number;
  value: number | null;
  message: string;
  timestamp_ms: number;
  notified: number;
}

export interface UsersTable {
  user_id: string;
  username: string;
  password_hash: string;
  is_admin: number;
  disabled: number;
  creation_timestamp: number;
  last_updated_timestamp: number;
}

export interface UserGroupsTable {
  group_id: string;
  name: string;
  description: string;
  creation_timestamp: number;
}

export interface CredentialsTable {
  credential_id: string;
  user_id: string;
  kind: "token" | "session";
  name: string;
  secret_hash: string;
  read_only: number;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
  creation_timestamp: number;
}

export interface PermissionsTable {
  resource_type: string;
  resource_id: string;
  principal_type: "user" | "group";
  principal_id: string;
  level: string;
  level_rank: number;
  granted_by: string;
  creation_timestamp: number;
}

export interface AuditLogTable {
  seq: number;
  timestamp_ms: number;
  actor: string;
  action: string;
  resource: string;
  request_id: string;
  client: string;
  summary_json: string;
  prev_hash: string;
  hash: string;
}

export interface ApprovalPoliciesTable {
  name: string;
  aliases_json: string;
  stages_json: string;
  four_eyes: number;
  updated_by: string;
  last_updated_timestamp: number;
}

export interface ApprovalRequestsTable {
  request_id: string;
  name: string;
  version: number;
  kind: "alias" | "stage";
  target: string;
  archive_existing_versions: number;
  status: string;
  requested_by: string;
  comment: string;
  decided_by: string | null;
  decision_comment: string | null;
  creation_timestamp: number;
  decided_timestamp: number | null;
}

export interface ModelCardsTable {
  name: string;
  version: number;
  fields_json: string;
  updated_by: string;
  last_updated_timestamp: number;
}

export interface RetirementPoliciesTable {
  policy_id: string;
  name: string;
  model_name: string | null;
  rule: "unused_for_days" | "keep_last";
  days: number | null;
  keep: number | null;
  action: "archive" | "delete";
  schedule_hours: number | null;
  last_run_at: number | null;
  created_by: string;
  creation_timestamp: number;
}
