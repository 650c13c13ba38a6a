import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CairnError, type MonitorEventInput } from "@cairn/core";
import { createClient, ServerUnreachableError, type CairnClient } from "@cairn/sdk";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";
import { countingFetch } from "./helpers/counting-fetch.js";

const HOUR = 3_600_000;

/** A reference of n rows: age uniform on 20..59, plan 1/3 pro, label y alternating, score p on a 0.1 grid. */
function referenceRows(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({ age: 20 + (i % 40), plan: i % 3 === 0 ? "pro" : "free", y: i % 2, p: (i % 10) / 10 }));
}

/** Served events three closed hours ago onward; ages shifted up by 30, so age drifts and plan does not. */
function servedEvents(n: number, base: number, prefix = "r"): MonitorEventInput[] {
  return Array.from({ length: n }, (_, i) => ({
    request_id: `${prefix}${i}`,
    timestamp_ms: base + (i % 3) * HOUR + 1000,
    features: { age: 50 + (i % 40), plan: i % 3 === 0 ? "pro" : "free" },
    prediction: i % 2,
    score: (i % 10) / 10,
    variant: i % 2 === 0 ? "1" : "2",
    latency_ms: 5 + (i % 7),
  }));
}

const refused = async (promise: Promise<unknown>, code: string, message: RegExp) =>
  assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof CairnError, String(error));
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });

describe("client.monitors against a real server", () => {
  let server: EphemeralServer;
  let client: CairnClient;
  const counting = countingFetch();
  const base = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR;
  before(async () => {
    server = await startEphemeralServer();
    client = createClient({ trackingUri: server.url, maxRetries: 0, fetch: counting.fetch });
  });
  after(() => server.close());

  it("creates, finds, updates and deletes monitors", async () => {
    const { monitor } = await client.monitors.create({
      name: "churn",
      model_name: "churn",
      reference_rows: referenceRows(400),
      label_column: "y",
      score_column: "p",
      config: { task: "binary_classification", window_ms: HOUR },
    });
    assert.deepEqual(monitor.config.features.map((f) => [f.name, f.kind]), [["age", "numeric"], ["plan", "categorical"]]);
    assert.deepEqual([monitor.reference.rows, monitor.reference.labeled_rows, monitor.reference.source], [400, 400, "api"]);
    assert.deepEqual((await client.monitors.get({ name: "churn" })).monitor, monitor);

    await client.monitors.create({ name: "other", deployment: "churn-prod", reference_rows: referenceRows(50) });
    assert.deepEqual((await client.monitors.search()).monitors.map((m) => m.name), ["churn", "other"]);
    assert.deepEqual((await client.monitors.search({ deployment: "churn-prod" })).monitors.map((m) => m.name), ["other"]);
    const page = await client.monitors.search({ max_results: 1 });
    assert.equal(page.monitors.length, 1);
    assert.ok(page.next_page_token);

    const { monitor: updated } = await client.monitors.update({ name: "churn", config: { drift_share: 0.25, features: [{ name: "age", kind: "numeric", method: "psi", threshold: 0.2 }] } });
    assert.equal(updated.config.drift_share, 0.25);
    assert.deepEqual(updated.config.features.find((f) => f.name === "age"), { name: "age", kind: "numeric", method: "psi", threshold: 0.2 });
    assert.deepEqual(updated.config.features.find((f) => f.name === "plan")?.method, undefined);

    await client.monitors.delete({ name: "other" });
    await refused(client.monitors.get({ name: "other" }), "RESOURCE_DOES_NOT_EXIST", /cairn monitor list/);
    await refused(client.monitors.create({ name: "churn", model_name: "churn", reference_rows: referenceRows(5) }), "RESOURCE_ALREADY_EXISTS", /churn/);
    await refused(client.monitors.create({ name: "nothing", reference_rows: referenceRows(5) }), "INVALID_PARAMETER_VALUE", /model_name.*deployment/);
  });

  it("ingests in batches of 10,000, counts resent ids as duplicates, and attaches labels", async () => {
    const events = servedEvents(25_000, base);
    const before = counting.count("/api/2.0/cairn/monitors/ingest");
    const progress: [number, number][] = [];
    const result = await client.monitors.ingest({ name: "churn", events }, { onProgress: (sent, total) => progress.push([sent, total]) });
    assert.deepEqual(result, { accepted: 25_000, duplicates: 0, quality_issues: 0 });
    assert.equal(counting.count("/api/2.0/cairn/monitors/ingest") - before, 3);
    assert.deepEqual(progress, [[10_000, 25_000], [20_000, 25_000], [25_000, 25_000]]);
    const sizes = counting.seen.filter((r) => r.path === "/api/2.0/cairn/monitors/ingest").slice(-3).map((r) => (r.body as { events: unknown[] }).events.length);
    assert.deepEqual(sizes, [10_000, 10_000, 5000]);

    assert.deepEqual(await client.monitors.ingest({ name: "churn", events: events.slice(0, 10) }), { accepted: 0, duplicates: 10, quality_issues: 0 });
    // A feature of the wrong type is counted as a quality issue, not refused.
    const odd = await client.monitors.ingest({ name: "churn", events: [{ timestamp_ms: base + 1000, features: { age: "old", plan: "pro" } }] });
    assert.deepEqual([odd.accepted, odd.quality_issues > 0], [1, true]);

    const labels = await client.monitors.labels({ name: "churn", labels: [{ request_id: "r0", label: 0 }, { request_id: "r1", label: 1 }, { request_id: "nope", label: 1 }] });
    assert.deepEqual(labels, { updated: 2, unknown_request_ids: ["nope"], already_labeled: [] });
    const again = await client.monitors.labels({ name: "churn", labels: [{ request_id: "r0", label: 1 }] });
    assert.deepEqual(again, { updated: 0, unknown_request_ids: [], already_labeled: ["r0"] });
    await refused(client.monitors.ingest({ name: "missing", events: [] }), "RESOURCE_DOES_NOT_EXIST", /Monitor 'missing' does not exist/);
  });

  it("reads the report, its HTML, windows, a distribution, skew and the A/B comparison", async () => {
    const range = { name: "churn", start_time_ms: base, end_time_ms: base + 3 * HOUR };
    const report = await client.monitors.report(range);
    assert.deepEqual([report.monitor, report.windows, report.events, report.reference_rows], ["churn", 3, 25_001, 400]);
    const age = report.drift.features.find((f) => f.feature === "age");
    const plan = report.drift.features.find((f) => f.feature === "plan");
    assert.deepEqual([age?.method, age?.drifted, plan?.drifted], ["psi", true, false]);
    assert.equal(report.drift.drift_share, 0.5);
    assert.equal(report.drift.dataset_drift, true);
    assert.equal(report.performance.labeled, 2);

    const html = await client.monitors.reportHtml(range);
    assert.match(html, /<html/i);
    assert.match(html, /churn/);
    await refused(client.monitors.reportHtml({ name: "missing" }), "RESOURCE_DOES_NOT_EXIST", /missing/);

    const { windows } = await client.monitors.windows(range);
    assert.deepEqual(windows.map((w) => w.window_start_ms), [base, base + HOUR, base + 2 * HOUR]);
    assert.equal(windows.reduce((sum, w) => sum + w.events, 0), 25_001);

    const dist = await client.monitors.distribution({ ...range, feature: "plan" });
    assert.deepEqual([...dist.labels].sort(), ["free", "pro"]);
    assert.equal(dist.reference_count, 400);

    const skew = await client.monitors.skew({ ...range, rows: [{ id: "r0", features: { age: 50, plan: "pro" } }, { id: "r3", features: { age: 1, plan: "pro" } }, { id: "zz", features: {} }] });
    assert.deepEqual([skew.row_join?.offline_rows, skew.row_join?.matched, skew.row_join?.unmatched_ids], [3, 2, ["zz"]]);
    assert.deepEqual(skew.row_join?.features.find((f) => f.feature === "age")?.mismatches, 1);
    assert.deepEqual(skew.distribution.map((s) => s.feature).sort(), ["age", "plan"]);

    const ab = await client.monitors.ab(range);
    // The one event sent without a variant is counted under "default".
    assert.deepEqual(ab.variants.map((v) => [v.variant, v.events]).sort(), [["1", 12_500], ["2", 12_500], ["default", 1]]);
    assert.ok(ab.comparisons.some((c) => c.metric === "error rate" && c.variant_a !== c.variant_b), JSON.stringify(ab.comparisons));
    await refused(client.monitors.report({ name: "churn", start_time_ms: 10, end_time_ms: 5 }), "INVALID_PARAMETER_VALUE", /Empty time range/);
  });

  it("adds alert rules, evaluates closed windows into alerts, and deletes rules", async () => {
    const { rule } = await client.monitors.createAlertRule({ name: "churn", rule_name: "drift", expression: "drift_share > 0.3 for 2 windows", cooldown_ms: HOUR });
    assert.deepEqual([rule.for_windows, rule.cooldown_ms, rule.enabled, rule.webhook_ids], [2, HOUR, true, []]);
    await refused(client.monitors.createAlertRule({ name: "churn", rule_name: "bad", expression: "drift_share >" }), "INVALID_PARAMETER_VALUE", /Invalid alert expression/);

    const evaluation = await client.monitors.evaluate({ name: "churn" });
    assert.equal(evaluation.superseded, false);
    assert.ok(evaluation.evaluated_windows >= 3, JSON.stringify(evaluation));
    assert.deepEqual(evaluation.alerts.map((a) => [a.rule_name, a.state, a.window_start_ms]), [["drift", "FIRING", base + HOUR]]);
    assert.deepEqual((await client.monitors.evaluate({ name: "churn" })).evaluated_windows, 0);

    const listed = await client.monitors.listAlertRules({ name: "churn" });
    assert.deepEqual(listed.rules.map((r) => r.name), ["drift"]);
    assert.equal(listed.states.find((s) => s.rule_id === rule.rule_id)?.state, "FIRING");
    const { alerts } = await client.monitors.alerts({ name: "churn" });
    assert.deepEqual(alerts.map((a) => a.state), ["FIRING"]);
    assert.deepEqual((await client.monitors.alerts({ name: "churn", since_ms: Date.now() + HOUR })).alerts, []);

    await client.monitors.deleteAlertRule({ name: "churn", rule_id: rule.rule_id });
    assert.deepEqual((await client.monitors.listAlertRules({ name: "churn" })).rules, []);
    await refused(client.monitors.deleteAlertRule({ name: "churn", rule_id: rule.rule_id }), "RESOURCE_DOES_NOT_EXIST", /Alert rule/);
  });
});

describe("client.monitors.ingest retries", () => {
  let server: Server;
  let url = "";
  const bodies: { ids: boolean; size: number }[] = [];
  let failNext = 0;
  before(async () => {
    // A loopback server that reads each ingest, then drops the connection failNext times.
    server = createHttpServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        const events = (JSON.parse(body) as { events: MonitorEventInput[] }).events;
        bodies.push({ ids: events.every((e) => e.request_id !== undefined), size: events.length });
        if (failNext > 0) return void (failNext--, req.socket.destroy());
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ accepted: events.length, duplicates: 0, quality_issues: 0 }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise((resolve) => (server.close(resolve), server.closeAllConnections())));

  it("resends a batch whose events all have request ids after a network failure", async () => {
    bodies.length = 0;
    failNext = 1;
    const client = createClient({ trackingUri: url, maxRetries: 3, sleep: async () => {} });
    const result = await client.monitors.ingest({ name: "m", events: servedEvents(3, 0) });
    assert.deepEqual(result, { accepted: 3, duplicates: 0, quality_issues: 0 });
    assert.deepEqual(bodies, [{ ids: true, size: 3 }, { ids: true, size: 3 }]);
  });

  it("does not resend a batch with events lacking ids (they would be counted twice)", async () => {
    bodies.length = 0;
    failNext = 1;
    const client = createClient({ trackingUri: url, maxRetries: 3, sleep: async () => {} });
    const events = [...servedEvents(2, 0), { features: { age: 1 } }];
    await assert.rejects(client.monitors.ingest({ name: "m", events }), (error: unknown) => error instanceof ServerUnreachableError);
    assert.deepEqual(bodies, [{ ids: false, size: 3 }]);
  });
});
