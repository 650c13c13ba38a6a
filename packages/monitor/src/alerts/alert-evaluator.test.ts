import assert from "node:assert/strict";
import { test } from "node:test";
import type { AlertRule } from "@cairn/core";
import { evaluateAlertRule, type AlertWindow } from "./alert-evaluator.js";

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 1, 10, 0);

function rule(overrides: Partial<AlertRule> = {}): AlertRule {
  return {
    rule_id: "r1",
    monitor_id: "m1",
    name: "drift",
    expression: "drift_share > 0.3 for 2 windows",
    for_windows: 2,
    cooldown_ms: 0,
    webhook_ids: [],
    enabled: true,
    creation_timestamp: 0,
    ...overrides,
  };
}

/** Hourly windows from T0 with drift_share values (null: figure missing, undefined: key absent). */
function windows(values: (number | null | undefined)[], start = 0): AlertWindow[] {
  return values.map((v, i): AlertWindow => {
    const figures: Record<string, number | null> = {};
    if (v !== undefined) figures.drift_share = v;
    return { window_start_ms: T0 + (start + i) * HOUR, figures };
  });
}

test("fires after for_windows consecutive windows, with a plain message", () => {
  const r = evaluateAlertRule(rule(), undefined, windows([0.45, 0.5]), T0 + 3 * HOUR);
  assert.equal(r.alerts.length, 1);
  const alert = r.alerts[0]!;
  assert.deepEqual(alert, {
    rule_id: "r1",
    rule_name: "drift",
    state: "FIRING",
    window_start_ms: T0 + HOUR,
    value: 0.5,
    message: "drift_share = 0.5 > 0.3 for 2 windows (since 2026-12-01T10:00Z)",
    timestamp_ms: T0 + 3 * HOUR,
    notified: true,
  });
  assert.equal(r.state.state, "FIRING");
  assert.equal(r.state.consecutive, 2);
  assert.equal(r.state.last_window_ms, T0 + HOUR);
  assert.equal(r.state.last_notified_ms, T0 + 3 * HOUR);
});

test("one window is not enough for 'for 2 windows'; the run carries over to the next evaluation", () => {
  const first = evaluateAlertRule(rule(), undefined, windows([0.45]), T0 + HOUR);
  assert.deepEqual(first.alerts, []);
  assert.equal(first.state.state, "OK");
  assert.equal(first.state.consecutive, 1);
  const second = evaluateAlertRule(rule(), first.state, windows([0.6], 1), T0 + 2 * HOUR);
  assert.equal(second.alerts.length, 1);
  assert.equal(second.alerts[0]!.message, "drift_share = 0.6 > 0.3 for 2 windows (since 2026-12-01T10:00Z)");
  // A store that keeps only AlertRuleState's fields loses since_ms: the message leaves "since" out.
  const { since_ms: _dropped, ...stored } = first.state;
  const third = evaluateAlertRule(rule(), stored, windows([0.6], 1), T0 + 2 * HOUR);
  assert.equal(third.alerts[0]!.message, "drift_share = 0.6 > 0.3 for 2 windows");
});

test("no duplicate while firing; resolves on the first window where the condition fails; fires again after", () => {
  const r = evaluateAlertRule(rule(), undefined, windows([0.4, 0.4, 0.4, 0.4, 0.1, 0.5, 0.5]), T0 + 8 * HOUR);
  assert.deepEqual(
    r.alerts.map((a) => [a.state, a.window_start_ms - T0]),
    [
      ["FIRING", HOUR],
      ["RESOLVED", 4 * HOUR],
      ["FIRING", 6 * HOUR],
    ],
  );
  assert.equal(r.alerts[1]!.message, "drift_share = 0.1, no longer > 0.3 (firing since 2026-12-01T10:00Z)");
  assert.equal(r.alerts[2]!.message, "drift_share = 0.5 > 0.3 for 2 windows (since 2026-12-01T15:00Z)");
  assert.equal(r.state.state, "FIRING");
});

test("a missing figure neither holds nor breaks the run, and does not resolve", () => {
  const r = evaluateAlertRule(rule(), undefined, windows([0.4, null, undefined, 0.4]), T0 + 5 * HOUR);
  assert.equal(r.alerts.length, 1);
  assert.equal(r.alerts[0]!.window_start_ms, T0 + 3 * HOUR);
  assert.equal(r.state.last_window_ms, T0 + 3 * HOUR);
  const firing = evaluateAlertRule(rule(), r.state, windows([null, Number.NaN], 4), T0 + 6 * HOUR);
  assert.deepEqual(firing.alerts, []);
  assert.equal(firing.state.state, "FIRING");
  assert.equal(firing.state.last_window_ms, T0 + 5 * HOUR);
});

test("cooldown records the alert but holds back the notification", () => {
  const r = rule({ cooldown_ms: 2 * HOUR, expression: "drift_share > 0.3", for_windows: 1 });
  const fired = evaluateAlertRule(r, undefined, windows([0.5]), T0 + HOUR);
  assert.equal(fired.alerts[0]!.notified, true);
  const resolved = evaluateAlertRule(r, fired.state, windows([0.1], 1), T0 + 2 * HOUR);
  assert.equal(resolved.alerts[0]!.state, "RESOLVED");
  assert.equal(resolved.alerts[0]!.notified, false);
  const again = evaluateAlertRule(r, resolved.state, windows([0.6], 2), T0 + 2 * HOUR + 30 * 60_000);
  assert.equal(again.alerts[0]!.state, "FIRING");
  assert.equal(again.alerts[0]!.notified, false);
  assert.equal(again.state.last_notified_ms, T0 + HOUR, "a held-back alert does not restart the cooldown");
  const later = evaluateAlertRule(r, again.state, windows([0.1, 0.7], 3), T0 + 3 * HOUR);
  assert.deepEqual(later.alerts.map((a) => [a.state, a.notified]), [["RESOLVED", true], ["FIRING", false]]);
});

test("already evaluated windows are skipped; out-of-order windows are rejected", () => {
  const first = evaluateAlertRule(rule(), undefined, windows([0.4, 0.4]), T0 + 2 * HOUR);
  const rerun = evaluateAlertRule(rule(), first.state, windows([0.4, 0.4]), T0 + 2 * HOUR);
  assert.deepEqual(rerun.alerts, []);
  assert.deepEqual(rerun.state, first.state);
  const swapped = [...windows([0.4, 0.4])].reverse();
  assert.throws(() => evaluateAlertRule(rule(), undefined, swapped, T0), /oldest first/);
});

test("for_windows comes from the rule, falling back to the expression; features and operators work", () => {
  const byRule = evaluateAlertRule(rule({ for_windows: 3 }), undefined, windows([0.4, 0.4]), T0);
  assert.deepEqual(byRule.alerts, []);
  const byExpression = evaluateAlertRule(rule({ for_windows: 0 }), undefined, windows([0.4, 0.4]), T0);
  assert.equal(byExpression.alerts.length, 1);
  const f1 = rule({ expression: "missing_rate(income) >= 0.05", for_windows: 1 });
  const w = [{ window_start_ms: T0, figures: { "missing_rate(income)": 0.05, "missing_rate(age)": 0.9 } }];
  const r = evaluateAlertRule(f1, undefined, w, T0);
  assert.equal(r.alerts[0]!.message, "missing_rate(income) = 0.05 >= 0.05 for 1 window (since 2026-12-01T10:00Z)");
  assert.throws(() => evaluateAlertRule(rule({ expression: "bogus > 1" }), undefined, w, T0), /Unknown figure 'bogus'/);
});

test("a disabled rule passes over windows without alerting", () => {
  const r = evaluateAlertRule(rule({ enabled: false }), { rule_id: "r1", state: "OK", consecutive: 1 }, windows([0.9, 0.9, 0.9]), T0);
  assert.deepEqual(r.alerts, []);
  assert.deepEqual(r.state, { rule_id: "r1", state: "OK", consecutive: 0, last_window_ms: T0 + 2 * HOUR });
});
