import { it } from "node:test";
import assert from "node:assert/strict";
import { MONITOR_LIMITS, type CreateMonitorRecord, type ErrorCode } from "@cairn/core";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";
import { LIST_MERGER, WINDOW_MS, createMonitor, listDeltas, monitorConfig, monitorRecord, storedEvent } from "./monitors-fixtures.js";

describeEachDialect("monitors: lifecycle", (dialect) => {
  it("creates, reads, searches with pages, updates and deletes monitors", async () => {
    let now = 1000;
    let n = 0;
    const store = await dialect.open({ clock: () => now, newId: () => `id${n++}` });
    const churn = await createMonitor(store, "churn-drift", { description: "live traffic" });
    assert.deepEqual(churn, {
      monitor_id: "id0",
      name: "churn-drift",
      description: "live traffic",
      model_name: "churn",
      config: monitorConfig(),
      reference: { source: "reference.csv", rows: 1000, labeled_rows: 250 },
      creation_timestamp: 1000,
      last_updated_timestamp: 1000,
    });
    assert.deepEqual(await store.getMonitor("churn-drift"), churn);
    assert.deepEqual(await store.getMonitorReference(churn.monitor_id), new Uint8Array([1, 2, 3, 250]));

    now = 2000;
    await createMonitor(store, "churn-prod", { deployment: "churn-prod" });
    await createMonitor(store, "fraud", { model_name: "fraud" });
    // Code-point order: upper case sorts before lower case on both dialects.
    await createMonitor(store, "Zeta", { model_name: undefined, deployment: "fraud-prod" });
    const all = await store.searchMonitors({});
    assert.deepEqual(all.monitors.map((m) => m.name), ["Zeta", "churn-drift", "churn-prod", "fraud"]);
    assert.equal(all.next_page_token, undefined);
    assert.deepEqual((await store.searchMonitors({ model_name: "churn" })).monitors.map((m) => m.name), ["churn-drift", "churn-prod"]);
    assert.deepEqual((await store.searchMonitors({ model_name: "churn", deployment: "churn-prod" })).monitors.map((m) => m.name), ["churn-prod"]);
    assert.deepEqual((await store.searchMonitors({ deployment: "nope" })).monitors, []);
    const first = await store.searchMonitors({ max_results: 3 });
    assert.deepEqual(first.monitors.map((m) => m.name), ["Zeta", "churn-drift", "churn-prod"]);
    const rest = await store.searchMonitors({ max_results: 3, page_token: first.next_page_token });
    assert.deepEqual([rest.monitors.map((m) => m.name), rest.next_page_token], [["fraud"], undefined]);

    now = 3000;
    const changed = await store.updateMonitor("churn-drift", { description: "", config: monitorConfig({ drift_share: 0.3 }) });
    assert.deepEqual([changed.description, changed.config.drift_share, changed.last_updated_timestamp, changed.creation_timestamp], [undefined, 0.3, 3000, 1000]);
    assert.deepEqual(await store.getMonitor("churn-drift"), changed);
    const described = await store.updateMonitor("churn-drift", { description: "again" });
    assert.deepEqual([described.description, described.config.drift_share], ["again", 0.3]);

    await store.deleteMonitor("churn-drift");
    await expectCode(store.getMonitor("churn-drift"), "RESOURCE_DOES_NOT_EXIST", /Monitor 'churn-drift' does not exist\. List monitors with `cairn monitor list`\./);
    await expectCode(store.deleteMonitor("churn-drift"), "RESOURCE_DOES_NOT_EXIST", /churn-drift/);
    await expectCode(store.updateMonitor("churn-drift", { description: "x" }), "RESOURCE_DOES_NOT_EXIST");
    await expectCode(store.getMonitorReference(churn.monitor_id), "RESOURCE_DOES_NOT_EXIST", /Monitor with id 'id0' does not exist/);
    assert.deepEqual((await store.searchMonitors({})).monitors.map((m) => m.name), ["Zeta", "churn-prod", "fraud"]);
  });

  it("finds the monitors of a deployment, and of its model when they watch no deployment", async () => {
    const store = await dialect.open();
    await createMonitor(store, "model-wide");
    await createMonitor(store, "prod", { deployment: "churn-prod" });
    await createMonitor(store, "staging", { deployment: "churn-staging" });
    await createMonitor(store, "other-model", { model_name: "fraud" });
    await createMonitor(store, "by-deployment-only", { model_name: undefined, deployment: "churn-prod" });
    const names = async (input: { deployment?: string; model_name: string }) => (await store.monitorsFor(input)).map((m) => m.name);
    assert.deepEqual(await names({ deployment: "churn-prod", model_name: "churn" }), ["by-deployment-only", "model-wide", "prod"]);
    assert.deepEqual(await names({ model_name: "churn" }), ["model-wide"]);
    assert.deepEqual(await names({ deployment: "churn-canary", model_name: "churn" }), ["model-wide"]);
    assert.deepEqual(await names({ deployment: "churn-staging", model_name: "fraud" }), ["other-model", "staging"]);
    assert.deepEqual(await names({ model_name: "none" }), []);
  });

  it("refuses bad names, configs and duplicates with a message naming the problem, and writes nothing", async () => {
    const store = await dialect.open();
    await createMonitor(store, "taken");
    const features = (k: number) => Array.from({ length: k }, (_, i) => ({ name: `f${i}`, kind: "numeric" as const }));
    const bad: [CreateMonitorRecord, ErrorCode, RegExp][] = [
      [monitorRecord(""), "INVALID_PARAMETER_VALUE", /Missing value for required parameter 'name'/],
      [monitorRecord("a/b"), "INVALID_PARAMETER_VALUE", /1 to 256 characters, any except '\/' and control characters/],
      [monitorRecord("tab\there"), "INVALID_PARAMETER_VALUE", /any except '\/' and control characters/],
      [monitorRecord("x".repeat(257)), "INVALID_PARAMETER_VALUE", /1 to 256 characters/],
      [monitorRecord("ok", { description: "d".repeat(5001) }), "INVALID_PARAMETER_VALUE", /description is 5001 characters/],
      [monitorRecord("ok", { deployment: "has space" }), "INVALID_PARAMETER_VALUE", /Invalid deployment name/],
      [monitorRecord("ok", { config: monitorConfig({ window_ms: 59_999 }) }), "INVALID_PARAMETER_VALUE", /config\.window_ms.*at least 60000/],
      [monitorRecord("ok", { config: monitorConfig({ window_ms: 60_000.5 }) }), "INVALID_PARAMETER_VALUE", /config\.window_ms/],
      [monitorRecord("ok", { config: monitorConfig({ features: [] }) }), "INVALID_PARAMETER_VALUE", /list at least one feature/],
      [monitorRecord("ok", { config: monitorConfig({ features: features(MONITOR_LIMITS.featuresPerMonitor + 1) }) }), "INVALID_PARAMETER_VALUE", /at most 500 features; config\.features lists 501/],
      [monitorRecord("ok", { config: monitorConfig({ features: [...features(2), { name: "f1", kind: "categorical" }] }) }), "INVALID_PARAMETER_VALUE", /Feature 'f1' is listed twice/],
      [monitorRecord("ok", { config: monitorConfig({ raw_retention_days: 0 }) }), "INVALID_PARAMETER_VALUE", /raw_retention_days/],
      [monitorRecord("taken", { model_name: "other" }), "RESOURCE_ALREADY_EXISTS", /Monitor 'taken' already exists/],
    ];
    for (const [input, code, message] of bad) await expectCode(store.createMonitor(input), code, message);
    // 256 characters of anything but '/' and control characters is a valid name.
    const longest = `${"é ".repeat(127)}.:`;
    assert.equal((await createMonitor(store, longest, { config: monitorConfig({ features: features(MONITOR_LIMITS.featuresPerMonitor) }) })).name, longest);
    assert.deepEqual((await store.searchMonitors({})).monitors.map((m) => m.name), ["taken", longest]);
    await expectCode(store.updateMonitor("taken", { config: monitorConfig({ features: [] }) }), "INVALID_PARAMETER_VALUE", /at least one feature/);
    await expectCode(store.updateMonitor("a/b", { description: "x" }), "INVALID_PARAMETER_VALUE", /Invalid monitor name/);
    assert.deepEqual((await store.getMonitor("taken")).config, monitorConfig());
    await expectCode(store.searchMonitors({ max_results: 0 }), "INVALID_PARAMETER_VALUE", /from 1 to 1000/);
    await expectCode(store.searchMonitors({ max_results: 1001 }), "INVALID_PARAMETER_VALUE", /from 1 to 1000/);
    await expectCode(store.searchMonitors({ page_token: "garbage" }), "INVALID_PARAMETER_VALUE", /Invalid page token/);
  });

  it("round-trips a 1 MB reference profile and 1 MB window profiles byte for byte", async () => {
    const store = await dialect.open();
    const big = new Uint8Array(1 << 20);
    for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
    // A view into a larger buffer: only the viewed bytes may be stored.
    const padded = new Uint8Array(big.length + 16);
    padded.set(big, 8);
    const monitor = await createMonitor(store, "big", { reference_profile: padded.subarray(8, 8 + big.length) });
    const back = await store.getMonitorReference(monitor.monitor_id);
    assert.equal(Object.getPrototypeOf(back), Uint8Array.prototype);
    assert.equal(back.length, big.length);
    assert.ok(Buffer.from(back.buffer, back.byteOffset, back.byteLength).equals(Buffer.from(big)));

    const window = { window_start_ms: 0, events: 1, profile: big, sample: big.slice().reverse() };
    await store.ingestMonitorEvents(monitor.monitor_id, [undefined], () => [window], LIST_MERGER);
    const [stored] = await store.listMonitorWindows(monitor.monitor_id, { start_ms: 0, end_ms: WINDOW_MS, with_sample: true });
    assert.ok(stored && stored.sample);
    assert.ok(Buffer.from(stored.profile).equals(Buffer.from(big)));
    assert.ok(Buffer.from(stored.sample).equals(Buffer.from(window.sample)));
  });

  it("deletes a monitor's windows, events, rules and alerts with it", async () => {
    // The same ids again after the delete: anything left behind would show up under the new monitor.
    let n = 0;
    const store = await dialect.open({ newId: () => `id${n++}` });
    const m = await createMonitor(store, "m");
    await store.ingestMonitorEvents(m.monitor_id, [storedEvent("r1", 1000)], () => listDeltas([{ name: "r1", t: 1000 }]), LIST_MERGER);
    const rule = await store.createAlertRule({ monitor_id: m.monitor_id, name: "r", expression: "drift_share > 0.3", for_windows: 1, cooldown_ms: 0, webhook_ids: [], enabled: true });
    const alert = { rule_id: rule.rule_id, monitor_id: m.monitor_id, rule_name: "r", state: "FIRING" as const, window_start_ms: 0, value: 0.5, message: "m", timestamp_ms: 5, notified: true };
    assert.equal(await store.recordMonitorEvaluation({ monitor_id: m.monitor_id, evaluated_until_ms: WINDOW_MS, states: [], alerts: [alert], notifications: [] }), true);
    await store.deleteMonitor("m");
    await expectCode(store.listMonitorWindows(m.monitor_id, { start_ms: 0, end_ms: 1e12, with_sample: false }), "RESOURCE_DOES_NOT_EXIST");
    n = 0;
    const again = await createMonitor(store, "m");
    assert.equal(again.monitor_id, m.monitor_id);
    assert.equal(again.evaluated_until_ms, undefined);
    assert.deepEqual(await store.listMonitorWindows(m.monitor_id, { start_ms: 0, end_ms: 1e12, with_sample: false }), []);
    assert.deepEqual(await store.getMonitorEvents(m.monitor_id, ["r1"]), []);
    assert.deepEqual(await store.listAlertRules(m.monitor_id), { rules: [], states: [] });
    assert.deepEqual(await store.listAlerts(m.monitor_id, {}), []);
  });
});

describeEachDialect("monitors: webhook subscriptions", (dialect) => {
  it("accepts MONITOR_ALERT FIRED and RESOLVED subscriptions and refuses other actions for it", async () => {
    const store = await dialect.open();
    const hook = await store.createWebhook({ name: "pager", url: "https://e.com/p", events: [{ entity: "monitor_alert", action: "fired" } as never, { entity: "MONITOR_ALERT", action: "RESOLVED" }] });
    assert.deepEqual(hook.events, [
      { entity: "MONITOR_ALERT", action: "FIRED" },
      { entity: "MONITOR_ALERT", action: "RESOLVED" },
    ]);
    assert.deepEqual((await store.getWebhook(hook.webhook_id)).events, hook.events);
    await expectCode(
      store.createWebhook({ name: "x", url: "https://e.com", events: [{ entity: "MONITOR_ALERT", action: "CREATED" }] }),
      "INVALID_PARAMETER_VALUE",
      /Invalid action 'CREATED' for entity 'MONITOR_ALERT'. Valid actions are: FIRED, RESOLVED/,
    );
    await expectCode(store.createWebhook({ name: "x", url: "https://e.com", events: [{ entity: "MODEL_VERSION", action: "FIRED" }] }), "INVALID_PARAMETER_VALUE", /Valid actions are: CREATED, UPDATED/);
    const updated = await store.updateWebhook(hook.webhook_id, { events: [{ entity: "MONITOR_ALERT", action: "FIRED" }, { entity: "MODEL_VERSION", action: "CREATED" }] });
    assert.deepEqual(updated.events, [
      { entity: "MODEL_VERSION", action: "CREATED" },
      { entity: "MONITOR_ALERT", action: "FIRED" },
    ]);
  });
});
