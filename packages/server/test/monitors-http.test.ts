import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestServer, type TestServer } from "./harness.js";

const API = "/api/2.0/cairn/monitors";
const HOUR = 3_600_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % HOUR);

/** mulberry32: seeded, so every run sees the same data. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const normal = (random: () => number) => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/** A customer row: age, income, plan; the model's score and prediction; the true label. */
function row(random: () => number, drift: boolean) {
  const age = 40 + 10 * normal(random);
  const income = (drift ? 65_000 : 50_000) + 10_000 * normal(random);
  const plan = drift && random() < 0.3 ? "platinum" : ["basic", "gold", "silver"][Math.floor(random() * 3)]!;
  const score = 1 / (1 + Math.exp(-(age - 40) / 10));
  const label = random() < score ? 1 : 0;
  return { age: drift && random() < 0.25 ? null : age, income, plan, score, prediction: score >= 0.5 ? 1 : 0, label };
}

describe("monitors over HTTP", () => {
  let server: TestServer;
  let now = T0 + 3 * HOUR;
  const random = prng(7);
  const reference = Array.from({ length: 2000 }, () => row(random, false));
  const calm = Array.from({ length: 600 }, () => row(random, false));
  const drifted = Array.from({ length: 600 }, () => row(random, true));
  const events = (rows: ReturnType<typeof row>[], start: number, prefix: string, variant?: (i: number) => string) =>
    rows.map((r, i) => ({
      request_id: `${prefix}-${i}`,
      timestamp_ms: start + i * 1000,
      features: { age: r.age, income: r.income, plan: r.plan },
      prediction: r.prediction,
      score: r.score,
      latency_ms: 2 + (i % 10) / 10,
      ...(variant ? { variant: variant(i) } : {}),
    }));

  before(async () => {
    server = await startTestServer({ clock: () => now });
  });
  after(() => server.close());

  it("creates a monitor from reference rows, inferring the features, and refuses bad definitions without storing them", async () => {
    const created = await server.call("POST", `${API}/create`, {
      name: "churn",
      model_name: "churn",
      config: { task: "binary_classification", window_ms: HOUR },
      reference_rows: reference,
      label_column: "label",
      prediction_column: "prediction",
      score_column: "score",
    });
    assert.equal(created.status, 200, created.text);
    const m = created.json.monitor;
    assert.deepEqual(
      m.config.features.map((f: any) => [f.name, f.kind]),
      [
        ["age", "numeric"],
        ["income", "numeric"],
        ["plan", "categorical"],
      ],
    );
    assert.deepEqual(m.reference, { source: "api", rows: 2000, labeled_rows: 2000 });
    assert.equal(m.config.positive_class, "1");

    const bad: [unknown, number, string, RegExp][] = [
      [{ name: "x", reference_rows: reference }, 400, "INVALID_PARAMETER_VALUE", /registered model or a deployment/],
      [{ name: "x", model_name: "churn" }, 400, "INVALID_PARAMETER_VALUE", /either as 'reference_rows'/],
      [{ name: "x", model_name: "churn", reference_rows: [] }, 400, "INVALID_PARAMETER_VALUE", /empty/],
      [{ name: "x", model_name: "churn", reference_rows: reference, config: { window_ms: 5 } }, 400, "INVALID_PARAMETER_VALUE", /window_ms/],
      [{ name: "x", model_name: "churn", reference_profile: "bm9wZQ==" }, 400, "INVALID_PARAMETER_VALUE", /not a Cairn reference profile/],
      [{ name: "bad/name", model_name: "churn", reference_rows: reference }, 400, "INVALID_PARAMETER_VALUE", /Invalid monitor name/],
      [{ name: "churn", model_name: "churn", reference_rows: reference }, 400, "RESOURCE_ALREADY_EXISTS", /churn/],
    ];
    for (const [body, status, code, message] of bad) {
      const r = await server.call("POST", `${API}/create`, body);
      assert.deepEqual([r.status, r.json.error_code], [status, code], r.text);
      assert.match(r.json.message, message);
    }
    const list = await server.call("GET", `${API}/search`);
    assert.deepEqual(list.json.monitors.map((x: any) => x.name), ["churn"]);
    const missing = await server.call("GET", `${API}/get?name=nope`);
    assert.deepEqual([missing.status, missing.json.error_code], [404, "RESOURCE_DOES_NOT_EXIST"]);
  });

  it("ingests events into windows, ignores a resent batch, and counts schema problems instead of refusing them", async () => {
    const first = await server.call("POST", `${API}/ingest`, { name: "churn", events: events(calm, T0, "calm") });
    assert.deepEqual(first.json, { accepted: 600, duplicates: 0, quality_issues: 0 }, first.text);
    const again = await server.call("POST", `${API}/ingest`, { name: "churn", events: events(calm, T0, "calm") });
    assert.deepEqual(again.json, { accepted: 0, duplicates: 600, quality_issues: 0 });
    const second = await server.call("POST", `${API}/ingest`, { name: "churn", events: events(drifted, T0 + HOUR, "drift") });
    assert.equal(second.json.accepted, 600, second.text);
    const messy = await server.call("POST", `${API}/ingest`, {
      name: "churn",
      events: [
        { timestamp_ms: T0 + HOUR + 5, features: { age: "old", income: 1, plan: "gold" } },
        { timestamp_ms: T0 + HOUR + 6, features: { income: 2, plan: "gold", colour: "red" } },
      ],
    });
    assert.deepEqual(messy.json, { accepted: 2, duplicates: 0, quality_issues: 3 });
    const refused = await server.call("POST", `${API}/ingest`, { name: "churn", events: [{ timestamp_ms: T0, features: {} }, { timestamp_ms: -5, features: {} }] });
    assert.deepEqual([refused.status, refused.json.error_code], [400, "INVALID_PARAMETER_VALUE"]);
    assert.match(refused.json.message, /Event 1: timestamp_ms -5/);
    const windows = await server.call("GET", `${API}/windows?name=churn&start_time_ms=${T0}&end_time_ms=${T0 + 2 * HOUR}`);
    assert.deepEqual(windows.json.windows.map((w: any) => [w.window_start_ms, w.events]), [
      [T0, 600],
      [T0 + HOUR, 602],
    ]);
  });

  it("reports drift per feature: value drift, missing-rate drift and unseen categories, and none in the calm window", async () => {
    const calmReport = (await server.call("GET", `${API}/report?name=churn&start_time_ms=${T0}&end_time_ms=${T0 + HOUR}`)).json;
    assert.equal(calmReport.events, 600);
    assert.deepEqual(calmReport.drift.features.map((f: any) => [f.feature, f.method, f.drifted]), [
      ["age", "wasserstein", false],
      ["income", "wasserstein", false],
      ["plan", "jensenshannon", false],
    ]);
    assert.equal(calmReport.drift.dataset_drift, false);

    const r = await server.call("GET", `${API}/report?name=churn&start_time_ms=${T0 + HOUR}&end_time_ms=${T0 + 2 * HOUR}`);
    assert.equal(r.status, 200, r.text);
    const byName = Object.fromEntries(r.json.drift.features.map((f: any) => [f.feature, f]));
    assert.equal(byName.income.value_drifted, true, "income moved by 1.5 standard deviations");
    assert.ok(byName.income.statistic > 1 && byName.income.statistic < 2, `income W1/σ ${byName.income.statistic}`);
    assert.equal(byName.age.missing.drifted, true, "a quarter of ages went missing");
    assert.ok(byName.age.missing.current_rate > 0.2);
    assert.equal(byName.plan.unseen.drifted, true);
    assert.deepEqual(byName.plan.unseen.categories, ["platinum"]);
    assert.equal(r.json.drift.dataset_drift, true);
    assert.deepEqual(r.json.quality.wrong_type, { age: 1, income: 0, plan: 0 });
    assert.deepEqual(r.json.quality.unknown_column, { colour: 1 });
    assert.match(r.json.summary.join(" "), /3 of 3 features drifted/);
    const html = await server.call("GET", `${API}/report.html?name=churn&start_time_ms=${T0 + HOUR}&end_time_ms=${T0 + 2 * HOUR}`);
    assert.match(html.text, /<h1>Monitor report: churn<\/h1>/);
    assert.match(html.text, /<tr class="drifted"><th scope="row">income/);
  });

  it("estimates performance before labels and computes it once they arrive", async () => {
    const before = (await server.call("GET", `${API}/report?name=churn&start_time_ms=${T0}&end_time_ms=${T0 + HOUR}`)).json.performance;
    assert.equal(before.labeled, 0);
    assert.equal(before.realised.accuracy, null);
    assert.ok(before.estimated.estimated_accuracy > 0.5, JSON.stringify(before.estimated));
    const labels = calm.map((r, i) => ({ request_id: `calm-${i}`, label: r.label }));
    const attached = await server.call("POST", `${API}/labels`, { name: "churn", labels: [...labels, { request_id: "never-sent", label: 1 }] });
    assert.deepEqual(attached.json, { updated: 600, unknown_request_ids: ["never-sent"], already_labeled: [] }, attached.text);
    const twice = await server.call("POST", `${API}/labels`, { name: "churn", labels: labels.slice(0, 2) });
    assert.deepEqual(twice.json.already_labeled, ["calm-0", "calm-1"]);
    const after = (await server.call("GET", `${API}/report?name=churn&start_time_ms=${T0}&end_time_ms=${T0 + HOUR}`)).json.performance;
    const expected = calm.filter((r) => r.prediction === r.label).length / calm.length;
    assert.equal(after.labeled, 600);
    assert.ok(Math.abs(after.realised.accuracy - expected) < 1e-12, `${after.realised.accuracy} vs ${expected}`);
    assert.ok(Math.abs(after.estimated.estimated_accuracy - expected) < 0.06, "calibrated scores estimate accuracy closely");
    assert.ok(after.reference.accuracy > 0.5);
  });

  it("fires an alert as a window closes, notifies the webhooks, and exports gauges for Prometheus", async () => {
    const hook = await server.call("POST", "/api/2.0/mlflow/webhooks", { name: "retrain", url: "http://127.0.0.1:9/hook", events: [{ entity: "MONITOR_ALERT", action: "FIRED" }] });
    assert.equal(hook.status, 200, hook.text);
    const badRule = await server.call("POST", `${API}/alert-rules/create`, { name: "churn", rule_name: "x", expression: "drift_shre > 0.3" });
    assert.deepEqual([badRule.status, badRule.json.error_code], [400, "INVALID_PARAMETER_VALUE"]);
    assert.match(badRule.json.message, /drift_shre/);
    const rule = await server.call("POST", `${API}/alert-rules/create`, { name: "churn", rule_name: "drift", expression: "drift_share > 0.3" });
    assert.equal(rule.status, 200, rule.text);
    now = T0 + 2 * HOUR + 1;
    const evaluated = await server.call("POST", `${API}/evaluate`, { name: "churn" });
    assert.equal(evaluated.status, 200, evaluated.text);
    assert.equal(evaluated.json.evaluated_windows, 2);
    assert.deepEqual(evaluated.json.alerts.map((a: any) => [a.state, a.window_start_ms]), [["FIRING", T0 + HOUR]]);
    const again = await server.call("POST", `${API}/evaluate`, { name: "churn" });
    assert.equal(again.json.evaluated_windows, 0, "closed windows are evaluated once");
    const history = await server.call("GET", `${API}/alerts?name=churn`);
    assert.equal(history.json.alerts.length, 1);
    const deliveries = await server.call("GET", `/api/2.0/cairn/webhooks/${hook.json.webhook.webhook_id}/deliveries`);
    assert.deepEqual(deliveries.json.deliveries.map((d: any) => d.event), [{ entity: "MONITOR_ALERT", action: "FIRED" }]);
    const metrics = await server.call("GET", "/metrics");
    assert.match(metrics.text, /cairn_monitor_alert_firing\{monitor="churn",rule="drift"\} 1/);
    assert.match(metrics.text, /cairn_monitor_drift_detected\{monitor="churn",feature="income"\} 1/);
    assert.match(metrics.text, /cairn_monitor_drift_share\{monitor="churn"\} 1/);
  });

  it("shows distributions, skew joined by id, and A/B verdicts", async () => {
    const dist = await server.call("GET", `${API}/distribution?name=churn&feature=plan&start_time_ms=${T0 + HOUR}&end_time_ms=${T0 + 2 * HOUR}`);
    assert.equal(dist.status, 200, dist.text);
    assert.ok(dist.json.labels.includes("platinum"));
    assert.ok(Math.abs(dist.json.current.reduce((a: number, b: number) => a + b, 0) - 1) < 1e-9);
    const unknown = await server.call("GET", `${API}/distribution?name=churn&feature=zip`);
    assert.deepEqual([unknown.status, unknown.json.error_code], [404, "RESOURCE_DOES_NOT_EXIST"]);

    const offline = calm.slice(0, 10).map((r, i) => ({ id: `calm-${i}`, features: { age: r.age, income: i < 3 ? r.income + 100 : r.income, plan: r.plan } }));
    const skew = await server.call("POST", `${API}/skew`, { name: "churn", start_time_ms: T0, end_time_ms: T0 + HOUR, rows: [...offline, { id: "nobody", features: {} }] });
    assert.equal(skew.status, 200, skew.text);
    assert.equal(skew.json.row_join.matched, 10);
    assert.deepEqual(skew.json.row_join.unmatched_ids, ["nobody"]);
    const income = skew.json.row_join.features.find((f: any) => f.feature === "income");
    assert.deepEqual([income.compared, income.mismatches], [10, 3]);

    await server.call("POST", `${API}/create`, { name: "churn-ab", deployment: "churn-api", config: { task: "binary_classification" }, reference_rows: reference.slice(0, 500), label_column: "label", prediction_column: "prediction" });
    const ab = events(calm, T0 + 2 * HOUR, "ab", (i) => (i % 2 === 0 ? "7" : "8")).map((e, i) => ({ ...e, status_code: i % 2 === 1 && i % 5 === 0 ? 500 : 200, latency_ms: i % 2 === 0 ? 2 + (i % 7) / 10 : 4 + (i % 7) / 10 }));
    assert.equal((await server.call("POST", `${API}/ingest`, { name: "churn-ab", events: ab })).json.accepted, 600);
    const verdicts = await server.call("GET", `${API}/ab?name=churn-ab&start_time_ms=${T0}&end_time_ms=${T0 + 3 * HOUR}`);
    assert.equal(verdicts.status, 200, verdicts.text);
    assert.deepEqual(verdicts.json.variants.map((v: any) => [v.variant, v.events]), [
      ["7", 300],
      ["8", 300],
    ]);
    const latency = verdicts.json.comparisons.find((c: any) => c.metric === "latency");
    assert.equal(latency.significant, true);
    assert.equal(latency.winner, "7");
    const errors = verdicts.json.comparisons.find((c: any) => c.metric === "error rate");
    assert.equal(errors.significant, true);
    assert.ok(errors.effect > 0.15 && errors.effect < 0.25, `error-rate difference ${errors.effect}`);
  });

  it("profiles cairn serve's inference logs for the monitors of their deployment", async () => {
    const records = calm.slice(0, 20).map((r, i) => ({
      request_id: `log-${i}`,
      deployment: "churn-api",
      model_name: "churn",
      model_version: "7",
      timestamp_ms: T0 + 2 * HOUR + 100 + i,
      latency_ms: 3,
      inputs: { dataframe_split: { columns: ["age", "income", "plan"], data: [[r.age, r.income, r.plan]] } },
      outputs: [{ label: r.prediction, probabilities: [1 - r.score, r.score] }],
      status_code: 200,
    }));
    const logged = await server.call("POST", "/api/2.0/cairn/inference-logs", { records });
    assert.equal(logged.status, 200, logged.text);
    const windows = (await server.call("GET", `${API}/windows?name=churn-ab&start_time_ms=${T0 + 2 * HOUR}&end_time_ms=${T0 + 3 * HOUR}`)).json.windows;
    assert.equal(windows[0].events, 620);
    const labeled = await server.call("POST", "/api/2.0/cairn/inference-logs/labels", { labels: [{ request_id: "log-0", label: calm[0]!.label }] });
    assert.equal(labeled.status, 200, labeled.text);
    const report = (await server.call("GET", `${API}/report?name=churn-ab&start_time_ms=${T0 + 2 * HOUR}&end_time_ms=${T0 + 3 * HOUR}`)).json;
    assert.equal(report.performance.labeled, 1);
  });

  it("deletes a monitor with its windows", async () => {
    assert.equal((await server.call("POST", `${API}/delete`, { name: "churn-ab" })).status, 200);
    const gone = await server.call("GET", `${API}/windows?name=churn-ab`);
    assert.equal(gone.status, 404);
  });
});
