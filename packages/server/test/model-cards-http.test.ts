import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestServer, type TestServer } from "./harness.js";

const CAIRN = "/api/2.0/cairn";
const MLFLOW = "/api/2.0/mlflow";
const HOUR = 3_600_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % HOUR);

// As PyYAML writes it for MLflow (the long inputs scalar folded over two lines).
const MLMODEL = `artifact_path: model
flavors:
  onnx:
    data: model.onnx
signature:
  inputs: '[{"type": "double", "name": "tenure", "required": true}, {"type": "string",
    "name": "plan", "required": false}]'
  outputs: '[{"type": "long", "required": true}]'
  params: null
`;

describe("model cards over HTTP", () => {
  let server: TestServer;
  let runId = "";
  let requestId = "";
  let now = T0 + 10 * HOUR;
  before(async () => {
    server = await startTestServer({ clock: () => now++ });
    const experimentId = (await server.call("POST", `${MLFLOW}/experiments/create`, { name: "churn" })).json.experiment_id;
    const tags = [
      { key: "mlflow.source.git.commit", value: "c0ffee".padEnd(40, "0") },
      { key: "mlflow.source.git.branch", value: "main" },
      { key: "mlflow.source.git.repoURL", value: "git@example.com:ml/churn.git" },
      { key: "mlflow.source.name", value: "train.ts" },
      { key: "cairn.source.git.dirty", value: "false" },
    ];
    const run = (await server.call("POST", `${MLFLOW}/runs/create`, { experiment_id: experimentId, run_name: "<i>nightly</i>", tags })).json.run;
    runId = run.info.run_id;
    await server.call("POST", `${MLFLOW}/runs/log-batch`, {
      run_id: runId,
      params: [{ key: "lr", value: "0.01" }, { key: "note", value: "<b>bold</b>" }],
      metrics: [
        { key: "auc", value: 0.8, timestamp: 1, step: 0 },
        { key: "auc", value: 0.91, timestamp: 2, step: 1 },
        { key: "loss", value: 0.3, timestamp: 2, step: 1 },
      ],
    });
    const dataset = { name: "customers", digest: "d41d8cd9", source_type: "local", source: '{"uri": "data/customers.csv"}' };
    await server.call("POST", `${MLFLOW}/runs/log-inputs`, { run_id: runId, datasets: [{ dataset, tags: [{ key: "mlflow.data.context", value: "training" }] }] });
    const path = `${run.info.artifact_uri.replace(/^mlflow-artifacts:\//, "")}/model/MLmodel`;
    const put = await server.app.inject({ method: "PUT", url: `/api/2.0/mlflow-artifacts/artifacts/${path}`, payload: MLMODEL, headers: { "content-type": "application/octet-stream" } });
    assert.equal(put.statusCode, 200, put.body);

    await server.call("POST", `${MLFLOW}/registered-models/create`, { name: "churn" });
    await server.call("POST", `${MLFLOW}/model-versions/create`, { name: "churn", source: `runs:/${runId}/model`, run_id: runId, description: "gradient boosting", tags: [{ key: "team", value: "retention" }] });
    await server.call("POST", `${MLFLOW}/model-versions/create`, { name: "churn", source: "s3://exports/churn/2" });
    await server.call("POST", `${MLFLOW}/registered-models/alias`, { name: "churn", alias: "champion", version: "1" });
    await server.call("POST", `${MLFLOW}/model-versions/transition-stage`, { name: "churn", version: "1", stage: "Production" });

    assert.equal((await server.call("POST", `${CAIRN}/deployments/create`, { name: "churn-prod", model_uri: "models:/churn@champion" })).status, 200);
    assert.equal((await server.call("POST", `${CAIRN}/deployments/canary`, { name: "churn-prod", model_uri: "models:/churn/2", percent: 10 })).status, 200);
    assert.equal((await server.call("POST", `${CAIRN}/deployments/create`, { name: "churn-shadow", model_uri: "models:/churn/2" })).status, 200);
    assert.equal((await server.call("POST", `${CAIRN}/deployments/shadow`, { name: "churn-shadow", model_uri: "models:/churn/1", percent: 25 })).status, 200);

    // A monitor on the model with a rule that fires, and one on the deployment with no rules.
    const reference = Array.from({ length: 300 }, (_, i) => ({ tenure: (i % 100) / 100 }));
    const monitor = await server.call("POST", `${CAIRN}/monitors/create`, { name: "churn-drift", model_name: "churn", config: { window_ms: HOUR }, reference_rows: reference });
    assert.equal(monitor.status, 200, monitor.text);
    await server.call("POST", `${CAIRN}/monitors/alert-rules/create`, { name: "churn-drift", rule_name: "drift", expression: "drift_share > 0.3" });
    const events = Array.from({ length: 300 }, (_, i) => ({ timestamp_ms: T0 + i * 1000, features: { tenure: 5 + (i % 100) / 100 } }));
    assert.equal((await server.call("POST", `${CAIRN}/monitors/ingest`, { name: "churn-drift", events })).status, 200);
    assert.equal((await server.call("POST", `${CAIRN}/monitors/evaluate`, { name: "churn-drift" })).status, 200);
    await server.call("POST", `${CAIRN}/monitors/create`, { name: "prod-latency", deployment: "churn-prod", config: { window_ms: HOUR }, reference_rows: reference });

    requestId = (await server.call("POST", `${CAIRN}/approvals/request`, { name: "churn", version: "1", alias: "gold", comment: "for the Q3 campaign" })).json.request.request_id;
  });
  after(() => server.close());

  it("assembles the card: fields, model, run with latest metrics and git, datasets, signature, deployments, monitors, approvals", async () => {
    const answer = await server.call("GET", `${CAIRN}/model-cards/get?name=churn&version=1`);
    assert.equal(answer.status, 200, answer.text);
    const card = answer.json.card;
    assert.deepEqual([card.name, card.version, typeof card.generated_at], ["churn", "1", "number"]);
    assert.deepEqual(card.fields, { intended_use: "", limitations: "", ethical_considerations: "", owners: [] });
    assert.deepEqual({ ...card.model, creation_timestamp: 0 }, {
      description: "gradient boosting",
      tags: { team: "retention" },
      aliases: ["champion"],
      current_stage: "Production",
      source: `runs:/${runId}/model`,
      run_id: runId,
      status: "READY",
      creation_timestamp: 0,
    });
    assert.deepEqual(card.run, {
      run_id: runId,
      experiment_id: card.run.experiment_id,
      run_name: "<i>nightly</i>",
      params: { lr: "0.01", note: "<b>bold</b>" },
      metrics: { auc: 0.91, loss: 0.3 },
      git: { commit: "c0ffee".padEnd(40, "0"), branch: "main", remote: "git@example.com:ml/churn.git", entry_point: "train.ts", dirty: false },
    });
    assert.deepEqual(card.datasets, [{ name: "customers", digest: "d41d8cd9", source: '{"uri": "data/customers.csv"}', context: "training" }]);
    assert.deepEqual(card.signature, {
      inputs: [{ type: "double", name: "tenure", required: true }, { type: "string", name: "plan", required: false }],
      outputs: [{ type: "long", required: true }],
    });
    assert.deepEqual(card.deployments, [{ name: "churn-prod", role: "primary", percent: 90 }, { name: "churn-shadow", role: "shadow", percent: 25 }]);
    assert.equal(card.monitors.length, 2);
    const [drift, latency] = card.monitors;
    assert.deepEqual([drift.name, drift.model_name, drift.alert_status, drift.firing_rules, drift.last_alert?.state, drift.last_alert?.rule_name], ["churn-drift", "churn", "FIRING", ["drift"], "FIRING", "drift"]);
    assert.deepEqual(latency, { name: "prod-latency", deployment: "churn-prod", alert_status: "NO_RULES", firing_rules: [] });
    assert.deepEqual(card.approvals.map((r: any) => [r.request_id, r.target, r.status]), [[requestId, "gold", "PENDING"]]);
  });

  it("a version from outside any run has no run, datasets or signature; its deployments say its share", async () => {
    const card = (await server.call("GET", `${CAIRN}/model-cards/get?name=churn&version=2`)).json.card;
    assert.deepEqual([card.run, card.signature, card.datasets, card.approvals], [undefined, undefined, [], []]);
    assert.deepEqual(card.deployments, [{ name: "churn-prod", role: "canary", percent: 10 }, { name: "churn-shadow", role: "primary", percent: 100 }]);
    assert.deepEqual(card.monitors.map((m: any) => m.name), ["churn-drift", "prod-latency"]);
  });

  it("updates only the fields given, recording who and when", async () => {
    const first = await server.call("POST", `${CAIRN}/model-cards/update`, { name: "churn", version: "1", intended_use: "Rank customers for retention offers.\nNot for pricing.", owners: ["ana@example.com", "ml-team"] });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.json.card.fields.intended_use, "Rank customers for retention offers.\nNot for pricing.");
    assert.deepEqual([first.json.card.fields.owners, first.json.card.fields.updated_by], [["ana@example.com", "ml-team"], "anonymous"]);
    const second = await server.call("POST", `${CAIRN}/model-cards/update`, { name: "churn", version: "1", limitations: "Trained on 2025 EU customers only." });
    const fields = second.json.card.fields;
    assert.deepEqual([fields.intended_use, fields.limitations, fields.ethical_considerations, fields.owners], ["Rank customers for retention offers.\nNot for pricing.", "Trained on 2025 EU customers only.", "", ["ana@example.com", "ml-team"]]);
    assert.ok(fields.last_updated_timestamp >= first.json.card.fields.last_updated_timestamp);
    assert.deepEqual((await server.call("GET", `${CAIRN}/model-cards/get?name=churn&version=1`)).json.card.fields, fields);
    assert.equal((await server.call("GET", `${CAIRN}/model-cards/get?name=churn&version=2`)).json.card.fields.limitations, "");
  });

  it("renders self-contained HTML with every section and every value escaped", async () => {
    await server.call("POST", `${CAIRN}/model-cards/update`, {
      name: "churn",
      version: "1",
      ethical_considerations: `<script>alert("x")</script> & 'quotes'`,
      owners: ["<img src=x onerror=alert(1)>"],
    });
    const page = await server.app.inject({ method: "GET", url: `${CAIRN}/model-cards/html?name=churn&version=1` });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(String(page.headers["content-type"]), /^text\/html; charset=utf-8/);
    assert.match(String(page.headers["content-security-policy"]), /default-src 'none'/);
    const html = page.body;
    assert.match(html, /^<!doctype html>/);
    for (const section of ["Intended use", "Limitations", "Ethical considerations", "Owners", "Model", "Training run", "Datasets", "Signature", "Deployments", "Monitors", "Approvals"]) {
      assert.match(html, new RegExp(`<h2>${section}</h2>`), section);
    }
    assert.ok(html.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;"));
    assert.ok(html.includes("&lt;img src=x onerror=alert(1)&gt;"));
    assert.ok(html.includes("&lt;b&gt;bold&lt;/b&gt;"), "param values are escaped");
    assert.ok(html.includes("&lt;i&gt;nightly&lt;/i&gt;"), "the run name is escaped");
    for (const raw of ["<script", "<img", "<b>bold", "<i>nightly"]) assert.ok(!html.includes(raw), raw);
    for (const external of ["<link", "<script", "src=\"", "href=", "@import", "url("]) assert.ok(!html.includes(external), `no external asset: ${external}`);
    for (const value of ["Trained on 2025 EU customers only.", "customers", "d41d8cd9", "tenure", "churn-prod", "churn-drift", "FIRING", "gold", "for the Q3 campaign", "c0ffee"]) {
      assert.ok(html.includes(value), value);
    }
  });

  it("refuses unknown versions and bad fields with 4xx, writing nothing", async () => {
    const before = (await server.call("GET", `${CAIRN}/model-cards/get?name=churn&version=1`)).json.card.fields;
    const cases: [string, string, unknown, number, RegExp][] = [
      ["GET", "/model-cards/get?name=churn&version=9", undefined, 404, /version=9/],
      ["GET", "/model-cards/get?name=nope&version=1", undefined, 404, /nope/],
      ["GET", "/model-cards/get?name=churn&version=x", undefined, 400, /'version'/],
      ["GET", "/model-cards/get?name=churn", undefined, 400, /'version'/],
      ["GET", "/model-cards/html?name=churn&version=9", undefined, 404, /version=9/],
      ["POST", "/model-cards/update", { name: "churn", version: "9", intended_use: "x" }, 404, /version=9/],
      ["POST", "/model-cards/update", { name: "churn", version: "1", owners: [{ name: "ana" }] }, 400, /owners/],
      ["POST", "/model-cards/update", { name: "churn", version: "1", owners: [""] }, 400, /non-empty/],
      ["POST", "/model-cards/update", { name: "churn", version: "1", limitations: "x".repeat(20_001) }, 400, /20000/],
      ["POST", "/model-cards/update", { name: "churn", version: "1", intended_use: { text: "x" } }, 400, /intended_use/],
    ];
    for (const [method, path, body, status, message] of cases) {
      const answer = await server.call(method, `${CAIRN}${path}`, body);
      assert.equal(answer.status, status, `${method} ${path}: ${answer.text}`);
      assert.match(answer.json.message, message, path);
    }
    assert.deepEqual((await server.call("GET", `${CAIRN}/model-cards/get?name=churn&version=1`)).json.card.fields, before);
  });
});
