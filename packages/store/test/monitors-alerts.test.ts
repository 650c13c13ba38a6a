import { it } from "node:test";
import assert from "node:assert/strict";
import { MONITOR_LIMITS, type AlertEvent, type CairnStore, type CreateAlertRuleRecord, type MonitorEvaluationRecord } from "@cairn/core";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";
import { createMonitor } from "./monitors-fixtures.js";

/** A rule on monitorId with the given fields replaced. */
function rule(monitorId: string, overrides: Partial<CreateAlertRuleRecord> = {}): CreateAlertRuleRecord {
  return { monitor_id: monitorId, name: "high-drift", expression: "drift_share > 0.3", for_windows: 2, cooldown_ms: 3_600_000, webhook_ids: [], enabled: true, ...overrides };
}

/** An alert of a rule in a window, recorded at t. */
function alert(monitorId: string, ruleId: string, window: number, t: number, state: AlertEvent["state"] = "FIRING"): Omit<AlertEvent, "alert_id"> {
  return { rule_id: ruleId, monitor_id: monitorId, rule_name: "high-drift", state, window_start_ms: window, value: state === "FIRING" ? 0.5 : 0.1, message: `drift_share ${state}`, timestamp_ms: t, notified: true };
}

/** The event names of a webhook's deliveries, sorted. */
async function deliveries(store: CairnStore, webhookId: string): Promise<string[]> {
  return (await store.listWebhookDeliveries(webhookId, {})).deliveries.map((d) => `${d.event.entity}.${d.event.action}`).sort();
}

describeEachDialect("monitors: alert rules", (dialect) => {
  it("creates, lists with states and deletes rules; names are unique per monitor", async () => {
    let now = 10;
    const store = await dialect.open({ clock: () => now });
    const m = await createMonitor(store, "m");
    const other = await createMonitor(store, "other");
    const hook = await store.createWebhook({ name: "retrain", url: "https://e.com/r", events: [{ entity: "MODEL_VERSION", action: "CREATED" }] });
    const created = await store.createAlertRule(rule(m.monitor_id, { webhook_ids: [hook.webhook_id, hook.webhook_id], enabled: false }));
    assert.deepEqual({ ...created, rule_id: "" }, {
      rule_id: "",
      monitor_id: m.monitor_id,
      name: "high-drift",
      expression: "drift_share > 0.3",
      for_windows: 2,
      cooldown_ms: 3_600_000,
      webhook_ids: [hook.webhook_id],
      enabled: false,
      creation_timestamp: 10,
    });
    now = 20;
    const second = await store.createAlertRule(rule(m.monitor_id, { name: "latency", expression: "p99_latency_ms > 50", for_windows: 1, cooldown_ms: 0 }));
    // The same name on another monitor is fine.
    await store.createAlertRule(rule(other.monitor_id));
    assert.deepEqual(await store.listAlertRules(m.monitor_id), {
      rules: [created, second],
      states: [
        { rule_id: created.rule_id, state: "OK", consecutive: 0 },
        { rule_id: second.rule_id, state: "OK", consecutive: 0 },
      ],
    });
    await expectCode(store.createAlertRule(rule(m.monitor_id)), "RESOURCE_ALREADY_EXISTS", /Monitor 'm' already has an alert rule named 'high-drift'/);
    await store.deleteAlertRule(m.monitor_id, created.rule_id);
    assert.deepEqual((await store.listAlertRules(m.monitor_id)).rules, [second]);
    await expectCode(store.deleteAlertRule(m.monitor_id, created.rule_id), "RESOURCE_DOES_NOT_EXIST", /Alert rule '.*' does not exist on monitor 'm'\. List its rules with `cairn monitor rule list m`\./);
    await expectCode(store.deleteAlertRule(other.monitor_id, second.rule_id), "RESOURCE_DOES_NOT_EXIST");
    await expectCode(store.listAlertRules("missing"), "RESOURCE_DOES_NOT_EXIST", /Monitor with id 'missing'/);
    // The name is free again after the delete.
    assert.equal((await store.createAlertRule(rule(m.monitor_id))).name, "high-drift");
  });

  it("refuses bad rules, unknown monitors and webhooks, and more than the limit, writing nothing", async () => {
    const store = await dialect.open();
    const m = await createMonitor(store, "m");
    const bad: [Partial<CreateAlertRuleRecord>, RegExp][] = [
      [{ name: "" }, /Missing value for required parameter 'name'/],
      [{ name: "a/b" }, /Invalid alert rule name/],
      [{ expression: " " }, /'expression'/],
      [{ for_windows: 0 }, /'for_windows'.*at least 1/],
      [{ for_windows: 1.5 }, /'for_windows'/],
      [{ cooldown_ms: -1 }, /'cooldown_ms'/],
      [{ webhook_ids: [""] }, /'webhook_ids'/],
    ];
    for (const [overrides, message] of bad) await expectCode(store.createAlertRule(rule(m.monitor_id, overrides)), "INVALID_PARAMETER_VALUE", message);
    await expectCode(store.createAlertRule(rule("missing")), "RESOURCE_DOES_NOT_EXIST", /cairn monitor list/);
    await expectCode(store.createAlertRule(rule(m.monitor_id, { webhook_ids: ["nope"] })), "RESOURCE_DOES_NOT_EXIST", /Webhook with id=nope not found/);
    assert.deepEqual((await store.listAlertRules(m.monitor_id)).rules, []);
    for (let i = 0; i < MONITOR_LIMITS.rulesPerMonitor; i++) await store.createAlertRule(rule(m.monitor_id, { name: `r${i}` }));
    await expectCode(store.createAlertRule(rule(m.monitor_id, { name: "one-more" })), "INVALID_PARAMETER_VALUE", /already has 100 alert rules, the most allowed/);
    assert.equal((await store.listAlertRules(m.monitor_id)).rules.length, MONITOR_LIMITS.rulesPerMonitor);
  });
});

describeEachDialect("monitors: evaluation", (dialect) => {
  it("advances evaluated_until with a compare-and-set and writes states and alerts only when it wins", async () => {
    let n = 0;
    const store = await dialect.open({ newId: () => `id${String(n++).padStart(4, "0")}` });
    const m = await createMonitor(store, "m");
    const r = await store.createAlertRule(rule(m.monitor_id));
    const step = (expected: number | undefined, until: number, alerts: Omit<AlertEvent, "alert_id">[] = []): MonitorEvaluationRecord => ({
      monitor_id: m.monitor_id,
      ...(expected === undefined ? {} : { expected_evaluated_until_ms: expected }),
      evaluated_until_ms: until,
      states: [{ rule_id: r.rule_id, state: alerts.at(-1)?.state === "FIRING" ? "FIRING" : "OK", consecutive: until / 100, last_window_ms: until - 100, last_notified_ms: 7 }],
      alerts,
      notifications: [],
    });
    assert.equal(await store.recordMonitorEvaluation(step(undefined, 200, [alert(m.monitor_id, r.rule_id, 100, 1000)])), true);
    assert.equal((await store.getMonitor("m")).evaluated_until_ms, 200);
    // A stale step (it read "never evaluated", or an older value) loses and writes nothing.
    assert.equal(await store.recordMonitorEvaluation(step(undefined, 300, [alert(m.monitor_id, r.rule_id, 200, 2000)])), false);
    assert.equal(await store.recordMonitorEvaluation(step(100, 300, [alert(m.monitor_id, r.rule_id, 200, 2000)])), false);
    assert.equal((await store.getMonitor("m")).evaluated_until_ms, 200);
    assert.deepEqual((await store.listAlertRules(m.monitor_id)).states, [{ rule_id: r.rule_id, state: "FIRING", consecutive: 2, last_window_ms: 100, last_notified_ms: 7 }]);
    assert.equal((await store.listAlerts(m.monitor_id, {})).length, 1);

    assert.equal(await store.recordMonitorEvaluation(step(200, 400, [alert(m.monitor_id, r.rule_id, 300, 3000, "RESOLVED"), alert(m.monitor_id, r.rule_id, 200, 3000)])), true);
    assert.deepEqual((await store.listAlertRules(m.monitor_id)).states, [{ rule_id: r.rule_id, state: "FIRING", consecutive: 4, last_window_ms: 300, last_notified_ms: 7 }]);
    const all = await store.listAlerts(m.monitor_id, {});
    // Newest first: by time, then by window.
    assert.deepEqual(all.map((a) => [a.timestamp_ms, a.window_start_ms, a.state]), [[3000, 300, "RESOLVED"], [3000, 200, "FIRING"], [1000, 100, "FIRING"]]);
    assert.deepEqual(all[2], { alert_id: all[2]!.alert_id, ...alert(m.monitor_id, r.rule_id, 100, 1000) });
    assert.deepEqual((await store.listAlerts(m.monitor_id, { since_ms: 3000 })).length, 2);
    assert.deepEqual((await store.listAlerts(m.monitor_id, { since_ms: 3001 })).length, 0);
    assert.deepEqual((await store.listAlerts(m.monitor_id, { max_results: 1 })).map((a) => a.state), ["RESOLVED"]);
    await expectCode(store.listAlerts(m.monitor_id, { max_results: 0 }), "INVALID_PARAMETER_VALUE", /max_results/);
    await expectCode(store.recordMonitorEvaluation({ ...step(400, 500), monitor_id: "missing" }), "RESOURCE_DOES_NOT_EXIST", /Monitor with id 'missing'/);
    // A value that could not be computed is stored as null; a state without optional fields comes back without them.
    const nullValue = { ...alert(m.monitor_id, r.rule_id, 400, 4000), value: null, notified: false };
    assert.equal(await store.recordMonitorEvaluation({ ...step(400, 500, [nullValue]), states: [{ rule_id: r.rule_id, state: "OK", consecutive: 0 }] }), true);
    assert.deepEqual((await store.listAlerts(m.monitor_id, { max_results: 1 }))[0], { alert_id: (await store.listAlerts(m.monitor_id, {}))[0]!.alert_id, ...nullValue });
    assert.deepEqual((await store.listAlertRules(m.monitor_id)).states, [{ rule_id: r.rule_id, state: "OK", consecutive: 0 }]);
  });

  it("lets exactly one of two racing evaluations with the same expected value win", async () => {
    const store = await dialect.open();
    const m = await createMonitor(store, "m");
    const r = await store.createAlertRule(rule(m.monitor_id));
    const hook = await store.createWebhook({ name: "pager", url: "https://e.com/p", events: [{ entity: "MONITOR_ALERT", action: "FIRED" }] });
    for (let round = 0; round < 5; round++) {
      const expected = round === 0 ? undefined : round * 1000;
      const record = (tag: string): MonitorEvaluationRecord => ({
        monitor_id: m.monitor_id,
        ...(expected === undefined ? {} : { expected_evaluated_until_ms: expected }),
        evaluated_until_ms: (round + 1) * 1000,
        states: [{ rule_id: r.rule_id, state: "FIRING", consecutive: round + 1 }],
        alerts: [{ ...alert(m.monitor_id, r.rule_id, round * 1000, round), message: tag }],
        notifications: [{ action: "FIRED", webhook_ids: [], data: { tag } }],
      });
      const results = await Promise.all([store.recordMonitorEvaluation(record("a")), store.recordMonitorEvaluation(record("b"))]);
      assert.equal(results.filter(Boolean).length, 1, `round ${round}: ${results}`);
    }
    assert.equal((await store.getMonitor("m")).evaluated_until_ms, 5000);
    assert.equal((await store.listAlerts(m.monitor_id, {})).length, 5);
    assert.equal((await deliveries(store, hook.webhook_id)).length, 5);
  });

  it("owes a webhook delivery per notification to MONITOR_ALERT subscribers and the rule's own ACTIVE webhooks, once each", async () => {
    const store = await dialect.open({ clock: () => Date.UTC(2026, 0, 2) });
    const m = await createMonitor(store, "m");
    const fired = await store.createWebhook({ name: "fired", url: "https://e.com/f", events: [{ entity: "MONITOR_ALERT", action: "FIRED" }] });
    const both = await store.createWebhook({ name: "both", url: "https://e.com/b", events: [{ entity: "MONITOR_ALERT", action: "FIRED" }, { entity: "MONITOR_ALERT", action: "RESOLVED" }], secret: "k" });
    const retrain = await store.createWebhook({ name: "retrain", url: "https://e.com/r", events: [{ entity: "MODEL_VERSION", action: "CREATED" }] });
    const off = await store.createWebhook({ name: "off", url: "https://e.com/o", events: [{ entity: "MONITOR_ALERT", action: "FIRED" }] });
    const registry = await store.createWebhook({ name: "registry", url: "https://e.com/g", events: [{ entity: "REGISTERED_MODEL", action: "CREATED" }] });
    const r = await store.createAlertRule(rule(m.monitor_id, { webhook_ids: [retrain.webhook_id, both.webhook_id, off.webhook_id] }));
    await store.updateWebhook(off.webhook_id, { status: "DISABLED" });
    const data = { monitor: "m", rule: "high-drift", value: 0.5 };
    const ids = [retrain.webhook_id, both.webhook_id, off.webhook_id, "deleted-webhook"];
    const won = await store.recordMonitorEvaluation({
      monitor_id: m.monitor_id,
      evaluated_until_ms: 100,
      states: [{ rule_id: r.rule_id, state: "FIRING", consecutive: 2 }],
      alerts: [alert(m.monitor_id, r.rule_id, 0, 50)],
      notifications: [
        { action: "FIRED", webhook_ids: ids, data },
        { action: "RESOLVED", webhook_ids: [], data: { ...data, value: 0.1 } },
      ],
    });
    assert.equal(won, true);
    assert.deepEqual(await deliveries(store, fired.webhook_id), ["MONITOR_ALERT.FIRED"]);
    assert.deepEqual(await deliveries(store, both.webhook_id), ["MONITOR_ALERT.FIRED", "MONITOR_ALERT.RESOLVED"]);
    assert.deepEqual(await deliveries(store, retrain.webhook_id), ["MONITOR_ALERT.FIRED"]);
    assert.deepEqual(await deliveries(store, off.webhook_id), []);
    assert.deepEqual(await deliveries(store, registry.webhook_id), []);
    const claimed = await store.claimWebhookDeliveries({ now: Date.UTC(2026, 0, 2), limit: 100, leaseMs: 30_000 });
    const toBoth = claimed.filter((c) => c.webhook_id === both.webhook_id).map((c) => ({ secret: c.secret, payload: JSON.parse(c.payload) }));
    assert.deepEqual(toBoth.find((c) => c.payload.action === "fired"), {
      secret: "k",
      payload: { entity: "monitor_alert", action: "fired", timestamp: "2026-01-02T00:00:00.000Z", data },
    });
    assert.equal(claimed.length, 4);

    // A lost compare-and-set owes nothing.
    const lost = await store.recordMonitorEvaluation({ monitor_id: m.monitor_id, evaluated_until_ms: 200, states: [], alerts: [], notifications: [{ action: "FIRED", webhook_ids: ids, data }] });
    assert.equal(lost, false);
    assert.deepEqual(await deliveries(store, fired.webhook_id), ["MONITOR_ALERT.FIRED"]);
  });
});
