import assert from "node:assert/strict";
import type { UiHarness } from "./browser.js";

const HOUR = 3_600_000;

/** What seedMonitor made, for tests to find it on the pages. */
export interface SeededMonitor {
  model: string;
  deployment: string;
  /** Watches the model; windows 3 and 4 drift, window 5 is back to normal. */
  monitor: string;
  /** Watches the deployment, with two variants for A/B verdicts. */
  deploymentMonitor: string;
  /** Window starts, oldest first. */
  windows: number[];
  features: string[];
}

// A fixed-seed generator, so every run sees the same data and the same drift.
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Row {
  age: number;
  income: number;
  plan: string;
  churned: number;
  score: number;
}

function makeRow(random: () => number, drifted: boolean): Row {
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const age = Math.round((drifted ? 58 : 40) + 8 * normal());
  const income = Math.round(50_000 + 12_000 * normal());
  const u = random();
  const plan = drifted ? (u < 0.15 ? "basic" : u < 0.35 ? "pro" : "enterprise") : u < 0.6 ? "basic" : u < 0.9 ? "pro" : "enterprise";
  const score = Math.min(0.99, Math.max(0.01, 1 / (1 + Math.exp(-(age - 45) / 6))));
  const churned = random() < score ? 1 : 0;
  return { age, income, plan, churned, score };
}

async function post(ui: UiHarness, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${ui.server.url}/api/2.0/cairn/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await response.text();
  assert.equal(response.status, 200, `POST ${path}: ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * Seeds through the HTTP API: a registered model with a version, a deployment of it, and two
 * monitors with six closed hourly windows of events (the last full hours), labels for the first
 * four windows, data-quality problems, and an alert rule evaluated so that it fired.
 */
export async function seedMonitor(ui: UiHarness, options: { prefix?: string; experimentId?: string } = {}): Promise<SeededMonitor> {
  const prefix = options.prefix ?? "churn";
  const model = `${prefix}-model`;
  const deployment = `${prefix}-prod`;
  // A caller with its own experiment lists may put the training run in one of them.
  const experiment_id = options.experimentId ?? (await ui.client.experiments.create({ name: `${prefix}-training` })).experiment_id;
  const { run } = await ui.client.runs.create({ experiment_id, run_name: "train" });
  await ui.client.registry.createRegisteredModel({ name: model });
  await ui.client.registry.createModelVersion({ name: model, source: `${run.info.artifact_uri}/model`, run_id: run.info.run_id });
  await ui.client.registry.createModelVersion({ name: model, source: `${run.info.artifact_uri}/model`, run_id: run.info.run_id });
  await ui.client.deployments.create({ name: deployment, model_uri: `models:/${model}/1` });
  await ui.client.deployments.ab({ name: deployment, variants: [{ model_uri: `models:/${model}/1`, weight: 50 }, { model_uri: `models:/${model}/2`, weight: 50 }] });

  const random = mulberry32(42);
  const reference = Array.from({ length: 400 }, () => makeRow(random, false));
  const features = ["age", "income", "plan"];
  const config = { window_ms: HOUR, task: "binary_classification", features: [{ name: "age", kind: "numeric" }, { name: "income", kind: "numeric" }, { name: "plan", kind: "categorical" }] };
  const monitor = `${prefix}-monitor`;
  const deploymentMonitor = `${prefix}-prod-monitor`;
  await post(ui, "monitors/create", { name: monitor, model_name: model, config, reference_rows: reference, label_column: "churned", score_column: "score", description: "Churn model inputs against its training data" });
  await post(ui, "monitors/create", { name: deploymentMonitor, deployment, config, reference_rows: reference, label_column: "churned", score_column: "score" });

  const first = Math.floor(Date.now() / HOUR) * HOUR - 6 * HOUR;
  const windows = Array.from({ length: 6 }, (_, i) => first + i * HOUR);
  for (const [w, start] of windows.entries()) {
    const drifted = w === 3 || w === 4;
    const rows = Array.from({ length: 150 }, () => makeRow(random, drifted));
    const events = rows.map((r, i) => {
      const event: Record<string, unknown> = {
        request_id: `${prefix}-${w}-${i}`,
        timestamp_ms: start + i * 20_000,
        features: { age: r.age, income: r.income, plan: r.plan } as Record<string, unknown>,
        prediction: r.score > 0.5 ? 1 : 0,
        score: r.score,
        latency_ms: 5 + (i % 10),
        variant: i % 2 === 0 ? "1" : "2",
      };
      const f = event.features as Record<string, unknown>;
      // Data-quality problems: a wrong type, a missing feature and a column not in the schema.
      if (i % 50 === 1) f.income = "n/a";
      if (i % 50 === 2) delete f.plan;
      if (i % 50 === 3) f.coupon = "SPRING";
      return event;
    });
    await post(ui, "monitors/ingest", { name: deploymentMonitor, events });
    // The model's own monitor sees one model: no variants, so no A/B verdicts.
    await post(ui, "monitors/ingest", { name: monitor, events: events.map(({ variant: _variant, ...rest }) => rest) });
    if (w < 4) {
      const labels = rows.map((r, i) => ({ request_id: `${prefix}-${w}-${i}`, label: r.churned }));
      for (const name of [monitor, deploymentMonitor]) await post(ui, "monitors/labels", { name, labels });
    }
  }
  await post(ui, "monitors/alert-rules/create", { name: monitor, rule_name: "inputs-drifted", expression: "drift_share > 0.3" });
  await post(ui, "monitors/evaluate", { name: monitor });
  return { model, deployment, monitor, deploymentMonitor, windows, features };
}
