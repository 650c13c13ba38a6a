import { invalidParameter, type AlertEvent, type AlertRule, type AlertRuleState } from "@cairn/core";
import { compareFigure, parseAlertExpression } from "./alert-expression.js";
import { firingMessage, resolvedMessage } from "./alert-message.js";

/** One closed window's figures, as the evaluator reads them. */
export interface AlertWindow {
  window_start_ms: number;
  figures: Record<string, number | null>;
}

/**
 * A rule's state with the start of the current run of holding windows. since_ms is optional: when a
 * store keeps only AlertRuleState's fields, messages simply leave out "(since ...)" for runs that
 * began in an earlier evaluation.
 */
export interface AlertEvaluationState extends AlertRuleState {
  since_ms?: number;
}

/** An alert the evaluation produced; the caller adds alert_id and monitor_id. */
export type AlertEventDraft = Omit<AlertEvent, "alert_id" | "monitor_id">;

/** The new state of a rule and the alerts (firing and resolved) it produced. */
export interface AlertEvaluation {
  state: AlertEvaluationState;
  alerts: AlertEventDraft[];
}

/**
 * Runs one rule over the windows closed since its last evaluation (oldest first; windows at or before
 * state.last_window_ms are skipped, so re-running a step changes nothing).
 * - The rule fires when its condition held for for_windows consecutive windows (the rule's
 *   for_windows as stored; the expression's "for N windows" when the rule has none), and does not
 *   fire again while firing.
 * - It resolves on the first window with a value where the condition does not hold.
 * - A missing figure (null, absent or NaN: no labels yet, a feature absent that window) neither holds
 *   nor breaks a run: the window is passed over, so a gap in labels does not resolve an alert or
 *   restart a count.
 * - Every alert is recorded; notified is false when the rule's last notification was less than
 *   cooldown_ms before now (resolutions included, so a flapping rule cannot flood a webhook).
 * - A disabled rule passes over the windows without alerting and restarts its count, so enabling it
 *   later does not alert on stale windows.
 */
export function evaluateAlertRule(rule: AlertRule, state: AlertRuleState | undefined, windows: readonly AlertWindow[], now: number): AlertEvaluation {
  const expression = parseAlertExpression(rule.expression);
  const forWindows = Number.isInteger(rule.for_windows) && rule.for_windows >= 1 ? rule.for_windows : (expression.for_windows ?? 1);
  const next: AlertEvaluationState = state ? { ...state, rule_id: rule.rule_id } : { rule_id: rule.rule_id, state: "OK", consecutive: 0 };
  const alerts: AlertEventDraft[] = [];
  const record = (kind: "FIRING" | "RESOLVED", window: AlertWindow, value: number, message: string): void => {
    const notified = next.last_notified_ms === undefined || now - next.last_notified_ms >= rule.cooldown_ms;
    if (notified) next.last_notified_ms = now;
    alerts.push({ rule_id: rule.rule_id, rule_name: rule.name, state: kind, window_start_ms: window.window_start_ms, value, message, timestamp_ms: now, notified });
  };
  if (!rule.enabled) {
    const last = windows.at(-1);
    if (last !== undefined && (next.last_window_ms === undefined || last.window_start_ms > next.last_window_ms)) next.last_window_ms = last.window_start_ms;
    next.consecutive = 0;
    delete next.since_ms;
    return { state: next, alerts };
  }
  let previous = -Infinity;
  for (const window of windows) {
    if (window.window_start_ms <= previous) {
      throw invalidParameter(`Alert windows must be given oldest first, each once: ${window.window_start_ms} follows ${previous}.`);
    }
    previous = window.window_start_ms;
    if (next.last_window_ms !== undefined && window.window_start_ms <= next.last_window_ms) continue;
    next.last_window_ms = window.window_start_ms;
    const raw = window.figures[expression.figure];
    if (raw === undefined || raw === null || Number.isNaN(raw)) continue;
    if (compareFigure(raw, expression.op, expression.threshold)) {
      if (next.consecutive === 0) next.since_ms = window.window_start_ms;
      next.consecutive += 1;
      if (next.state === "OK" && next.consecutive >= forWindows) {
        next.state = "FIRING";
        record("FIRING", window, raw, firingMessage(expression.figure, raw, expression.op, expression.threshold, next.consecutive, next.since_ms));
      }
      continue;
    }
    if (next.state === "FIRING") {
      next.state = "OK";
      record("RESOLVED", window, raw, resolvedMessage(expression.figure, raw, expression.op, expression.threshold, next.since_ms));
    }
    next.consecutive = 0;
    delete next.since_ms;
  }
  return { state: next, alerts };
}
