import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { CairnStore } from "@cairn/core";
import { RetirementScheduler } from "../src/governance/retirement-scheduler.js";
import { startTestServer, type TestServer } from "./harness.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const P = "/api/2.0/cairn/retirement-policies";
const M = "/api/2.0/mlflow";

/** Every version of a model as the registry answers it, to compare before and after. */
async function registryState(s: TestServer, name: string): Promise<unknown> {
  const model = await s.call("GET", `${M}/registered-models/get?name=${name}`);
  const versions = await s.call("GET", `${M}/model-versions/search?filter=${encodeURIComponent(`name = '${name}'`)}&max_results=1000`);
  return { model: model.json, versions: versions.json };
}

async function ok(s: TestServer, method: string, path: string, body?: unknown): Promise<any> {
  const response = await s.call(method, path, body);
  assert.equal(response.status, 200, response.text);
  return response.json;
}

describe("retirement policies over HTTP", () => {
  let s: TestServer;
  let now = 1_000 * DAY;
  let store: CairnStore;
  before(async () => {
    s = await startTestServer({ clock: () => now });
    store = s.store as unknown as CairnStore;
    // churn 1..6: 6 aliased, 5 a deployment's canary, 4 in Production, 3 in Staging, 2 served lately, 1 idle.
    await ok(s, "POST", `${M}/registered-models/create`, { name: "churn" });
    for (let i = 1; i <= 6; i++) await ok(s, "POST", `${M}/model-versions/create`, { name: "churn", source: `s3://models/churn/${i}` });
    await ok(s, "POST", `${M}/registered-models/alias`, { name: "churn", alias: "champion", version: "6" });
    await ok(s, "POST", "/api/2.0/cairn/deployments/create", { name: "churn-prod", model_uri: "models:/churn@champion" });
    await ok(s, "POST", "/api/2.0/cairn/deployments/canary", { name: "churn-prod", model_uri: "models:/churn/5", percent: 10 });
    await ok(s, "POST", `${M}/model-versions/transition-stage`, { name: "churn", version: "4", stage: "Production" });
    await ok(s, "POST", `${M}/model-versions/transition-stage`, { name: "churn", version: "3", stage: "Staging" });
    now += 100 * DAY;
    await store.logInferences([{ request_id: "r1", deployment: null, model_name: "churn", model_version: "2", timestamp_ms: now - DAY, latency_ms: 1, inputs: {}, outputs: {} }]);
  });
  after(() => s.close());

  it("a dry run lists the changes and changes nothing; applying makes exactly them, with webhooks", async () => {
    const webhook = await store.createWebhook({ name: "mv", url: "http://127.0.0.1:9/hook", events: [{ entity: "MODEL_VERSION", action: "UPDATED" }] });
    const created = await ok(s, "POST", `${P}/create`, { name: "archive-stale", model_name: "churn", rule: "unused_for_days", days: 90, action: "archive" });
    assert.deepEqual(created.policy, {
      policy_id: created.policy.policy_id,
      name: "archive-stale",
      model_name: "churn",
      rule: "unused_for_days",
      days: 90,
      action: "archive",
      created_by: "anonymous",
      creation_timestamp: now,
    });

    const beforeState = await registryState(s, "churn");
    const dry = await ok(s, "POST", `${P}/run`, { name: "archive-stale" });
    assert.deepEqual(dry, {
      policy: created.policy,
      dry_run: true,
      changes: [{ name: "churn", version: "1", action: "archive", reason: "not aliased, deployed or served for 100 days" }],
    });
    assert.deepEqual(await registryState(s, "churn"), beforeState, "a dry run changes nothing");
    assert.equal((await store.listWebhookDeliveries(webhook.webhook_id, {})).deliveries.length, 0);

    const applied = await ok(s, "POST", `${P}/run`, { name: "archive-stale", dry_run: false });
    assert.deepEqual(applied.changes, dry.changes);
    assert.equal(applied.dry_run, false);
    assert.equal(applied.policy.last_run_at, now);
    const stages = (await ok(s, "GET", `${M}/model-versions/search?filter=${encodeURIComponent("name = 'churn'")}`)).model_versions.map((v: any) => [v.version, v.current_stage]);
    assert.deepEqual(new Map(stages), new Map([["1", "Archived"], ["2", "None"], ["3", "Staging"], ["4", "Production"], ["5", "None"], ["6", "None"]]));
    assert.equal((await store.listWebhookDeliveries(webhook.webhook_id, {})).deliveries.length, 1, "the archive fired MODEL_VERSION.UPDATED");

    // Nothing left to do: archived versions are not archived again.
    assert.deepEqual((await ok(s, "POST", `${P}/run`, { name: "archive-stale", dry_run: false })).changes, []);
    await store.deleteWebhook(webhook.webhook_id);
  });

  it("keep_last with delete removes the versions beyond the newest N but not protected ones", async () => {
    await ok(s, "POST", `${M}/registered-models/create`, { name: "fraud" });
    for (let i = 1; i <= 5; i++) await ok(s, "POST", `${M}/model-versions/create`, { name: "fraud", source: `s3://models/fraud/${i}` });
    await ok(s, "POST", `${M}/registered-models/alias`, { name: "fraud", alias: "legacy", version: "1" });
    await ok(s, "POST", `${P}/create`, { name: "fraud-keep-2", model_name: "fraud", rule: "keep_last", keep: 2, action: "delete" });
    const dry = await ok(s, "POST", `${P}/run`, { name: "fraud-keep-2", dry_run: true });
    assert.deepEqual(dry.changes.map((c: any) => [c.version, c.action, c.reason]), [
      ["2", "delete", "beyond the newest 2 versions"],
      ["3", "delete", "beyond the newest 2 versions"],
    ]);
    assert.equal((await s.call("GET", `${M}/model-versions/get?name=fraud&version=2`)).status, 200);
    const applied = await ok(s, "POST", `${P}/run`, { name: "fraud-keep-2", dry_run: false });
    assert.deepEqual(applied.changes, dry.changes);
    for (const [version, status] of [["1", 200], ["2", 404], ["3", 404], ["4", 200], ["5", 200]] as const) {
      assert.equal((await s.call("GET", `${M}/model-versions/get?name=fraud&version=${version}`)).status, status, `version ${version}`);
    }
  });

  it("a policy over every model leaves prompts alone, and lists filter by model", async () => {
    await ok(s, "POST", `${M}/registered-models/create`, { name: "prompt", tags: [{ key: "mlflow.prompt.is_prompt", value: "true" }] });
    await ok(s, "POST", `${M}/model-versions/create`, { name: "prompt", source: "s3://p/1", tags: [{ key: "mlflow.prompt.is_prompt", value: "true" }] });
    await ok(s, "POST", `${P}/create`, { name: "global-keep-1", rule: "keep_last", keep: 1, action: "archive" });
    const dry = await ok(s, "POST", `${P}/run`, { name: "global-keep-1" });
    assert.deepEqual(dry.changes.map((c: any) => `${c.name}/${c.version}`), ["churn/2", "fraud/4"]);
    assert.equal(dry.policy.model_name, undefined);

    const all = await ok(s, "GET", `${P}/list`);
    assert.deepEqual(all.policies.map((p: any) => p.name), ["archive-stale", "fraud-keep-2", "global-keep-1"]);
    assert.deepEqual((await ok(s, "GET", `${P}/list?model_name=fraud`)).policies.map((p: any) => p.name), ["fraud-keep-2"]);
    await ok(s, "POST", `${P}/delete`, { name: "global-keep-1" });
    assert.deepEqual((await ok(s, "GET", `/ajax-api/2.0/cairn/retirement-policies/list`)).policies.map((p: any) => p.name), ["archive-stale", "fraud-keep-2"]);
  });

  it("the scheduler applies a due policy once, counting schedule_hours from the last run", async () => {
    await ok(s, "POST", `${M}/registered-models/create`, { name: "sched" });
    for (let i = 1; i <= 3; i++) await ok(s, "POST", `${M}/model-versions/create`, { name: "sched", source: `s3://models/sched/${i}` });
    const created = (await ok(s, "POST", `${P}/create`, { name: "sched-keep-1", model_name: "sched", rule: "keep_last", keep: 1, action: "archive", schedule_hours: 24 })).policy;
    assert.equal(created.schedule_hours, 24);
    const failures: unknown[] = [];
    const clockOf = (at: () => number) => new RetirementScheduler(store, at, (error) => failures.push(error));
    const createdAt = now;
    assert.deepEqual(await clockOf(() => createdAt + 23 * HOUR).tick(), []);
    const stages = async () => (await ok(s, "GET", `${M}/model-versions/search?filter=${encodeURIComponent("name = 'sched'")}`)).model_versions.map((v: any) => v.current_stage);
    assert.deepEqual(await stages(), ["None", "None", "None"]);

    const [first, second] = await Promise.all([clockOf(() => createdAt + 24 * HOUR).tick(), clockOf(() => createdAt + 24 * HOUR).tick()]);
    const runs = [...first!, ...second!];
    assert.deepEqual(runs.map((r) => [r.policy.name, r.changes.map((c) => c.version)]), [["sched-keep-1", ["1", "2"]]]);
    assert.deepEqual(await stages(), ["None", "Archived", "Archived"]);
    assert.equal((await ok(s, "GET", `${P}/list?model_name=sched`)).policies[0].last_run_at, createdAt + 24 * HOUR);
    assert.deepEqual(await clockOf(() => createdAt + 47 * HOUR).tick(), []);
    assert.deepEqual((await clockOf(() => createdAt + 48 * HOUR).tick()).map((r) => r.changes.length), [0]);
    assert.deepEqual(failures, []);
  });

  it("refuses bad input with a 4xx and writes nothing", async () => {
    const before = (await ok(s, "GET", `${P}/list`)).policies;
    const bad: [unknown, number, string, RegExp][] = [
      [{ name: "x", rule: "oldest", action: "archive", days: 3 }, 400, "INVALID_PARAMETER_VALUE", /'rule': use unused_for_days or keep_last/],
      [{ name: "x", rule: "unused_for_days", action: "archive" }, 400, "INVALID_PARAMETER_VALUE", /Missing value for parameter 'days'/],
      [{ name: "x", rule: "keep_last", keep: 2, days: 3, action: "delete" }, 400, "INVALID_PARAMETER_VALUE", /'days' does not apply/],
      [{ name: "x", rule: "keep_last", keep: "two", action: "delete" }, 400, "INVALID_PARAMETER_VALUE", /keep/],
      [{ name: "x", rule: "keep_last", keep: 2, action: "shred" }, 400, "INVALID_PARAMETER_VALUE", /'action'/],
      [{ name: "x", rule: "keep_last", keep: 2, action: "delete", schedule_hours: 0 }, 400, "INVALID_PARAMETER_VALUE", /schedule_hours/],
      [{ rule: "keep_last", keep: 2, action: "delete" }, 400, "INVALID_PARAMETER_VALUE", /'name'/],
      [{ name: "a b", rule: "keep_last", keep: 2, action: "delete" }, 400, "INVALID_PARAMETER_VALUE", /Invalid retirement policy name/],
      [{ name: "x", model_name: "nope", rule: "keep_last", keep: 2, action: "delete" }, 404, "RESOURCE_DOES_NOT_EXIST", /Registered model 'nope'/],
      [{ name: "archive-stale", model_name: "churn", rule: "keep_last", keep: 2, action: "delete" }, 400, "RESOURCE_ALREADY_EXISTS", /already exists/],
    ];
    for (const [body, status, code, message] of bad) {
      const response = await s.call("POST", `${P}/create`, body);
      assert.equal(response.status, status, `${JSON.stringify(body)}: ${response.text}`);
      assert.equal(response.json.error_code, code);
      assert.match(response.json.message, message);
    }
    assert.deepEqual((await ok(s, "GET", `${P}/list`)).policies, before);

    const runBad: [unknown, number, RegExp][] = [
      [{ name: "missing" }, 404, /Retirement policy 'missing' does not exist/],
      [{ name: "archive-stale", dry_run: "maybe" }, 400, /dry_run/],
      [{}, 400, /'name'/],
    ];
    for (const [body, status, message] of runBad) {
      const response = await s.call("POST", `${P}/run`, body);
      assert.equal(response.status, status, response.text);
      assert.match(response.json.message, message);
    }
    assert.equal((await s.call("POST", `${P}/delete`, { name: "missing" })).status, 404);
    assert.equal((await s.call("GET", `${P}/list?model_name=`)).status, 400);

    // A policy whose model was deleted says so when run, instead of reporting nothing to do.
    await ok(s, "POST", `${M}/registered-models/create`, { name: "doomed" });
    await ok(s, "POST", `${P}/create`, { name: "doomed-policy", model_name: "doomed", rule: "keep_last", keep: 1, action: "delete" });
    await ok(s, "DELETE", `${M}/registered-models/delete`, { name: "doomed" });
    const orphan = await s.call("POST", `${P}/run`, { name: "doomed-policy" });
    assert.equal(orphan.status, 404, orphan.text);
    assert.match(orphan.json.message, /doomed/);
  });
});
