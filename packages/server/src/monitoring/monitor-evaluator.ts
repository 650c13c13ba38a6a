import type { AlertEvent, Monitor, MonitorNotification, MonitorStore } from "@cairn/core";
import { decodeStoredWindows, evaluateAlertRule, windowSeries } from "@cairn/monitor";
import type { MonitorService } from "./monitor-service.js";
import { PeriodicTask } from "../periodic-task.js";

/** How often the evaluator looks for closed windows by default. */
const DEFAULT_INTERVAL_MS = 15_000;
/** Raw events past retention are pruned this often. */
const PRUNE_EVERY_MS = 3_600_000;

/** The outcome of one monitor's evaluation. */
export interface EvaluationResult {
  evaluated_until_ms: number;
  evaluated_windows: number;
  alerts: Omit<AlertEvent, "alert_id">[];
  /** True when another replica evaluated the same windows first; nothing was written here. */
  superseded: boolean;
}

/**
 * Evaluates alert rules as windows close. Each step reads the windows closed since the monitor's
 * evaluated_until_ms, runs every enabled rule over their figures, and writes states, alert
 * history, webhook deliveries and the new evaluated_until_ms in one compare-and-set transaction,
 * so replicas running side by side never alert twice for one window.
 */
export class MonitorEvaluator {
  private task: PeriodicTask | undefined;
  private lastPrune = 0;

  constructor(
    private readonly store: MonitorStore,
    private readonly service: MonitorService,
    private readonly clock: () => number,
  ) {}

  /** Evaluates one monitor's newly closed windows now. */
  async evaluate(monitor: Monitor): Promise<EvaluationResult> {
    const now = this.clock();
    const windowMs = monitor.config.window_ms;
    const closedUntil = Math.floor(now / windowMs) * windowMs;
    const from = monitor.evaluated_until_ms ?? 0;
    if (closedUntil <= from) return { evaluated_until_ms: from, evaluated_windows: 0, alerts: [], superseded: false };
    const [{ rules, states }, reference, stored] = await Promise.all([
      this.store.listAlertRules(monitor.monitor_id),
      this.service.reference(monitor),
      this.store.listMonitorWindows(monitor.monitor_id, { start_ms: from, end_ms: closedUntil, with_sample: true }),
    ]);
    const series = windowSeries(reference, monitor.config, decodeStoredWindows(stored));
    const figures = series.map((w) => ({ window_start_ms: w.window_start_ms, figures: w.figures }));
    const newStates = [];
    const alerts: Omit<AlertEvent, "alert_id">[] = [];
    const notifications: MonitorNotification[] = [];
    for (const rule of rules) {
      if (!rule.enabled) continue;
      const state = states.find((s) => s.rule_id === rule.rule_id);
      const result = evaluateAlertRule(rule, state, figures, now);
      newStates.push(result.state);
      for (const alert of result.alerts) {
        const full = { ...alert, monitor_id: monitor.monitor_id };
        alerts.push(full);
        if (alert.notified) {
          notifications.push({
            action: alert.state === "FIRING" ? "FIRED" : "RESOLVED",
            webhook_ids: rule.webhook_ids,
            data: { monitor: monitor.name, model_name: monitor.model_name, deployment: monitor.deployment, rule: rule.name, expression: rule.expression, ...full },
          });
        }
      }
    }
    const won = await this.store.recordMonitorEvaluation({
      monitor_id: monitor.monitor_id,
      ...(monitor.evaluated_until_ms === undefined ? {} : { expected_evaluated_until_ms: monitor.evaluated_until_ms }),
      evaluated_until_ms: closedUntil,
      states: newStates,
      alerts,
      notifications,
    });
    if (!won) return { evaluated_until_ms: from, evaluated_windows: 0, alerts: [], superseded: true };
    return { evaluated_until_ms: closedUntil, evaluated_windows: series.length, alerts, superseded: false };
  }

  /** One round over every monitor, then pruning of raw events past retention when due. */
  async runOnce(): Promise<void> {
    let pageToken: string | undefined;
    do {
      const page = await this.store.searchMonitors({ max_results: 1000, ...(pageToken ? { page_token: pageToken } : {}) });
      for (const monitor of page.monitors) await this.evaluate(monitor);
      pageToken = page.next_page_token;
    } while (pageToken);
    const now = this.clock();
    if (now - this.lastPrune >= PRUNE_EVERY_MS) {
      this.lastPrune = now;
      await this.store.pruneMonitorEvents(now);
    }
  }

  /** Starts the timer; errors of a round go to onError and the evaluator keeps going. The timer never keeps the process alive. */
  start(onError: (error: unknown) => void, intervalMs = DEFAULT_INTERVAL_MS): void {
    this.task ??= new PeriodicTask(() => this.runOnce(), onError);
    this.task.start(intervalMs);
  }

  /** Stops the timer and waits for a round in progress. */
  async stop(): Promise<void> {
    await this.task?.stop();
  }
}
