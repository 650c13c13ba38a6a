import type { ReadScope } from "./auth-entities.js";
import type { AlertEvent, AlertRule, AlertRuleState, Monitor, MonitorConfig, MonitorReferenceSummary } from "./monitor-entities.js";
import type { WebhookAction } from "./webhook-entities.js";

/** What POST monitors/create stores: the monitor and its reference profile, encoded by the monitor package. */
export interface CreateMonitorRecord {
  name: string;
  description?: string;
  model_name?: string;
  deployment?: string;
  config: MonitorConfig;
  reference: MonitorReferenceSummary;
  reference_profile: Uint8Array;
}

/** One window's profile delta (or stored value): an opaque encoded profile and reservoir sample. */
export interface MonitorWindowData {
  window_start_ms: number;
  events: number;
  profile: Uint8Array;
  sample: Uint8Array;
}

/** A stored window; sample is present only when asked for (it is the large part). */
export interface StoredMonitorWindow {
  window_start_ms: number;
  events: number;
  profile: Uint8Array;
  sample?: Uint8Array;
  updated_at: number;
}

/** How stored and new window data combine; the monitor package supplies it (the store never decodes profiles). */
export interface MonitorWindowMerger {
  profile(stored: Uint8Array, delta: Uint8Array): Uint8Array;
  sample(stored: Uint8Array, delta: Uint8Array): Uint8Array;
}

/** A raw event kept for late labels and row-joined skew (only events with a request_id). JSON fields are JSON text. */
export interface StoredMonitorEvent {
  request_id: string;
  timestamp_ms: number;
  window_start_ms: number;
  variant?: string;
  features_json: string;
  prediction_json?: string;
  score?: number;
  label_json?: string;
  label_timestamp_ms?: number;
}

/** A label to attach; label_json is JSON text. */
export interface MonitorLabelRecord {
  request_id: string;
  label_json: string;
  timestamp_ms: number;
}

/** A webhook event the evaluation owes: to the subscribers of MONITOR_ALERT/action plus the rule's own webhooks. */
export interface MonitorNotification {
  action: Extract<WebhookAction, "FIRED" | "RESOLVED">;
  webhook_ids: string[];
  data: Record<string, unknown>;
}

/** One evaluation step's outcome, written in one transaction if evaluated_until still equals expected. */
export interface MonitorEvaluationRecord {
  monitor_id: string;
  /** The evaluated_until_ms the evaluator read (undefined: never evaluated). */
  expected_evaluated_until_ms?: number;
  evaluated_until_ms: number;
  states: AlertRuleState[];
  alerts: Omit<AlertEvent, "alert_id">[];
  notifications: MonitorNotification[];
}

/** Input of createAlertRule: a rule but for what the store assigns. */
export type CreateAlertRuleRecord = Omit<AlertRule, "rule_id" | "creation_timestamp">;

/**
 * Persistence for monitors, their window profiles, raw events, alert rules and alert history.
 * Unknown monitors and rules are RESOURCE_DOES_NOT_EXIST; a taken monitor name is
 * RESOURCE_ALREADY_EXISTS. Every method is one transaction.
 */
export interface MonitorStore {
  createMonitor(input: CreateMonitorRecord): Promise<Monitor>;
  getMonitor(name: string): Promise<Monitor>;
  /** The encoded reference profile of a monitor. */
  getMonitorReference(monitorId: string): Promise<Uint8Array>;
  /** Ordered by name; filters are exact matches. */
  /** readable_by: only monitors the user may read (a READ grant or more); absent: no filter. */
  searchMonitors(input: { model_name?: string; deployment?: string; max_results?: number; page_token?: string; readable_by?: ReadScope }): Promise<{ monitors: Monitor[]; next_page_token?: string }>;
  /** Monitors watching a deployment, or a model with no deployment given (for inference logs flowing in). */
  monitorsFor(input: { deployment?: string; model_name: string }): Promise<Monitor[]>;
  updateMonitor(name: string, patch: { description?: string; config?: MonitorConfig }): Promise<Monitor>;
  /** Deletes the monitor with its windows, events, rules and alerts. */
  deleteMonitor(name: string): Promise<void>;

  /**
   * Ingests one batch in one transaction: stores the events that carry a request_id (ignoring ids
   * already stored), then asks build for the window deltas of the fresh events (by their index in
   * the batch; events without an id, given as undefined, are always fresh; an id repeated within the
   * batch is fresh only at its first index) and merges them into the stored windows. If build or
   * the merger throws, nothing is written.
   */
  ingestMonitorEvents(
    monitorId: string,
    events: readonly (StoredMonitorEvent | undefined)[],
    build: (fresh: readonly number[]) => MonitorWindowData[],
    merger: MonitorWindowMerger,
  ): Promise<{ fresh: number; duplicates: number }>;
  /**
   * Attaches labels in one transaction: events already labeled (also earlier in the same call)
   * keep their first label; build gets the newly labeled events (with label_json set), in the
   * order of labels, and returns window deltas, merged as in ingest.
   */
  attachMonitorLabels(
    monitorId: string,
    labels: readonly MonitorLabelRecord[],
    build: (labeled: readonly StoredMonitorEvent[]) => MonitorWindowData[],
    merger: MonitorWindowMerger,
  ): Promise<{ updated: number; unknown_request_ids: string[]; already_labeled: string[] }>;
  /** Windows with start in [start_ms, end_ms), oldest first. */
  listMonitorWindows(monitorId: string, input: { start_ms: number; end_ms: number; with_sample: boolean }): Promise<StoredMonitorWindow[]>;
  /** Stored raw events by request id (for row-joined skew); unknown ids are left out. */
  getMonitorEvents(monitorId: string, requestIds: readonly string[]): Promise<StoredMonitorEvent[]>;
  /** Deletes raw events older than each monitor's raw_retention_days; the number deleted. */
  pruneMonitorEvents(now: number): Promise<number>;

  createAlertRule(input: CreateAlertRuleRecord): Promise<AlertRule>;
  listAlertRules(monitorId: string): Promise<{ rules: AlertRule[]; states: AlertRuleState[] }>;
  deleteAlertRule(monitorId: string, ruleId: string): Promise<void>;
  /** Newest first; since_ms inclusive. */
  listAlerts(monitorId: string, input: { since_ms?: number; max_results?: number }): Promise<AlertEvent[]>;
  /**
   * Writes an evaluation step if no other replica advanced the monitor first: rule states, alert
   * history, webhook deliveries (HMAC-signed and retried by the outbox) and the new
   * evaluated_until_ms, all or nothing. False when the compare-and-set lost.
   */
  recordMonitorEvaluation(record: MonitorEvaluationRecord): Promise<boolean>;
}
