import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { basic, startAuthTestServer, type As, type AuthTestServer } from "./auth-harness.js";
import { seedGoverned, type Seeded } from "./auth-seed.js";

const MLFLOW = "/api/2.0/mlflow";
const CAIRN = "/api/2.0/cairn";
const names = (list: { name: string }[] | undefined) => (list ?? []).map((x) => x.name).sort();

describe("authorization with default permission NO_PERMISSIONS", () => {
  let s: AuthTestServer;
  const root = basic({ username: "root", password: "root-password" });
  let owner: As;
  let bob: As;
  let carol: As;
  let mine: Seeded;
  let other: Seeded;
  const grant = (body: Record<string, string>) => s.call("POST", `${CAIRN}/permissions/set`, { as: owner, body: { principal_type: "user", ...body } });

  before(async () => {
    s = await startAuthTestServer({ defaultPermission: "NO_PERMISSIONS" });
    owner = basic(await s.user("owner"));
    bob = basic(await s.user("bob"));
    carol = basic(await s.user("carol"));
    mine = await seedGoverned(s, owner, "mine");
    other = await seedGoverned(s, owner, "other");
  });
  after(() => s.close());

  it("gives the creator MANAGE on what they create", async () => {
    const grants = await s.store.listPermissions({ principal_type: "user", principal: "owner" });
    const got = grants.map((g) => `${g.resource_type}:${g.resource_id}:${g.level}`).sort();
    for (const want of [`experiment:${mine.experimentId}:MANAGE`, `registered_model:${mine.model}:MANAGE`, `deployment:${mine.deployment}:MANAGE`, `monitor:${mine.monitor}:MANAGE`]) assert.ok(got.includes(want), want);
    // With MANAGE the creator can do what MANAGE needs, such as deleting.
    const exp = await s.call("POST", `${MLFLOW}/experiments/create`, { as: bob, body: { name: "bobs" } });
    assert.equal((await s.call("POST", `${MLFLOW}/experiments/delete`, { as: bob, body: { experiment_id: exp.json.experiment_id } })).status, 200);
  });

  it("refuses what the caller may not read with the same answer whether it exists or not", async () => {
    const pairs: [string, string, string][] = [
      [`${MLFLOW}/experiments/get?experiment_id=${mine.experimentId}`, `${MLFLOW}/experiments/get?experiment_id=987654`, `experiment '`],
      [`${MLFLOW}/experiments/get-by-name?experiment_name=${mine.experimentName}`, `${MLFLOW}/experiments/get-by-name?experiment_name=no-such-exp`, `experiment '`],
      [`${MLFLOW}/runs/get?run_id=${mine.runId}`, `${MLFLOW}/runs/get?run_id=no-such-run`, `run '`],
      [`${MLFLOW}/logged-models/${mine.loggedModelId}`, `${MLFLOW}/logged-models/m-00000000000000000000000000000000`, `logged model '`],
      [`${MLFLOW}/registered-models/get?name=${mine.model}`, `${MLFLOW}/registered-models/get?name=no-such-model`, `registered model '`],
      [`${CAIRN}/deployments/get?name=${mine.deployment}`, `${CAIRN}/deployments/get?name=no-such-dep`, `deployment '`],
      [`${CAIRN}/monitors/get?name=${mine.monitor}`, `${CAIRN}/monitors/get?name=no-such-mon`, `monitor '`],
      [`${CAIRN}/inference-logs/get?request_id=${mine.requestId}`, `${CAIRN}/inference-logs/get?request_id=no-such-request`, `inference request '`],
      [`/api/2.0/mlflow-artifacts/artifacts/${mine.artifactPath}`, `/api/2.0/mlflow-artifacts/artifacts/987654/x/artifacts/file.txt`, `experiment '`],
    ];
    for (const [existing, missing, noun] of pairs) {
      const a = await s.call("GET", existing, { as: bob });
      const b = await s.call("GET", missing, { as: bob });
      assert.equal(a.status, 403, existing);
      assert.equal(a.json.error_code, "PERMISSION_DENIED");
      assert.match(a.json.message, new RegExp(`^You may not read ${noun}.*', or it does not exist\\. Ask someone with MANAGE on it to grant you access \\(cairn permissions grant \\.\\.\\.\\)\\.$`));
      assert.equal(b.status, 403, missing);
      assert.equal(a.json.message.replace(/'[^']*'/, "'X'"), b.json.message.replace(/'[^']*'/, "'X'"), `${existing} vs ${missing}`);
      // Never the experiment id behind a run or logged model.
      if (noun === "run '" || noun === "logged model '") assert.doesNotMatch(a.json.message, new RegExp(`experiment '${mine.experimentId}'`));
    }
  });

  it("says which level is needed and which the caller has once they may read", async () => {
    assert.equal((await grant({ resource_type: "experiment", resource_id: mine.experimentId, principal: "bob", level: "READ" })).status, 200);
    assert.equal((await s.call("GET", `${MLFLOW}/runs/get?run_id=${mine.runId}`, { as: bob })).status, 200);
    const edit = await s.call("POST", `${MLFLOW}/runs/set-tag`, { as: bob, body: { run_id: mine.runId, key: "k", value: "v" } });
    assert.equal(edit.status, 403);
    assert.equal(
      edit.json.message,
      `You need EDIT on experiment '${mine.experimentId}' to call POST /api/2.0/mlflow/runs/set-tag; you have READ. Ask someone with MANAGE on it to grant it (cairn permissions grant experiments:/${mine.experimentId} --user bob --level EDIT).`,
    );
    const tags = (await s.call("GET", `${MLFLOW}/runs/get?run_id=${mine.runId}`, { as: bob })).json.run.data.tags ?? [];
    assert.equal(tags.some((t: { key: string }) => t.key === "k"), false, "nothing was tagged");
    assert.equal((await grant({ resource_type: "experiment", resource_id: mine.experimentId, principal: "bob", level: "EDIT" })).status, 200);
    assert.equal((await s.call("POST", `${MLFLOW}/runs/set-tag`, { as: bob, body: { run_id: mine.runId, key: "k", value: "v" } })).status, 200);
    assert.equal((await s.call("POST", `${MLFLOW}/experiments/delete`, { as: bob, body: { experiment_id: mine.experimentId } })).status, 403, "EDIT is not MANAGE");
    const upload = await s.app.inject({ method: "PUT", url: `/api/2.0/mlflow-artifacts/artifacts/${mine.experimentId}/${mine.runId}/artifacts/bob.txt`, headers: { authorization: `Basic ${Buffer.from("bob:bob-password").toString("base64")}` }, payload: "x" });
    assert.equal(upload.statusCode, 200, "artifacts follow the experiment in the path");
  });

  it("grants through groups, as the highest of the user's and the groups' levels", async () => {
    await s.call("POST", `${CAIRN}/groups/create`, { as: root, body: { name: "readers" } });
    await s.call("POST", `${CAIRN}/groups/add-member`, { as: root, body: { name: "readers", username: "carol" } });
    assert.equal((await s.call("GET", `${MLFLOW}/registered-models/get?name=${other.model}`, { as: carol })).status, 403);
    assert.equal((await grant({ resource_type: "registered_model", resource_id: other.model, principal_type: "group", principal: "readers", level: "EDIT" })).status, 200);
    assert.equal((await s.call("GET", `${MLFLOW}/registered-models/get?name=${other.model}`, { as: carol })).status, 200);
    assert.equal((await grant({ resource_type: "registered_model", resource_id: other.model, principal: "carol", level: "READ" })).status, 200);
    assert.equal((await s.call("PATCH", `${MLFLOW}/registered-models/update`, { as: carol, body: { name: other.model, description: "by carol" } })).status, 200, "the group's EDIT wins over her own READ");
    await s.call("POST", `${CAIRN}/groups/remove-member`, { as: root, body: { name: "readers", username: "carol" } });
    assert.equal((await s.call("PATCH", `${MLFLOW}/registered-models/update`, { as: carol, body: { name: other.model, description: "again" } })).status, 403);
  });

  it("lets administrators do anything without grants", async () => {
    assert.equal((await s.call("GET", `${MLFLOW}/runs/get?run_id=${other.runId}`, { as: root })).status, 200);
    assert.equal((await s.call("POST", `${CAIRN}/monitors/evaluate`, { as: root, body: { name: other.monitor } })).status, 200);
    assert.equal((await s.call("GET", `${CAIRN}/users/list`, { as: root })).status, 200);
  });

  it("filters searches to what the caller may read", async () => {
    const dave = basic(await s.user("dave"));
    await grant({ resource_type: "experiment", resource_id: other.experimentId, principal: "dave", level: "READ" });
    await grant({ resource_type: "registered_model", resource_id: other.model, principal: "dave", level: "READ" });
    await grant({ resource_type: "deployment", resource_id: other.deployment, principal: "dave", level: "READ" });
    await grant({ resource_type: "monitor", resource_id: other.monitor, principal: "dave", level: "READ" });
    const got = async (url: string, as: As = dave, body?: unknown) => (await s.call(body ? "POST" : "GET", url, { as, ...(body ? { body } : {}) })).json;
    assert.deepEqual(names((await got(`${MLFLOW}/experiments/search`)).experiments), [other.experimentName]);
    assert.deepEqual(names((await got(`${MLFLOW}/registered-models/search`)).registered_models), [other.model]);
    assert.deepEqual(((await got(`${MLFLOW}/model-versions/search`)).model_versions ?? []).map((v: { name: string }) => v.name), [other.model]);
    assert.deepEqual(names((await got(`${CAIRN}/deployments/search`)).deployments), [other.deployment]);
    assert.deepEqual(names((await got(`${CAIRN}/monitors/search`)).monitors), [other.monitor]);
    assert.deepEqual(((await got(`${CAIRN}/inference-logs/search`)).records ?? []).map((r: { deployment: string }) => r.deployment), [other.deployment]);
    const runs = await got(`${MLFLOW}/runs/search`, dave, { experiment_ids: [mine.experimentId, other.experimentId] });
    assert.deepEqual(runs.runs.map((r: { info: { run_id: string } }) => r.info.run_id), [other.runId], "unreadable experiments are dropped silently");
    assert.deepEqual(await got(`${MLFLOW}/runs/search`, dave, { experiment_ids: [mine.experimentId] }), {});
    const models = await got(`${MLFLOW}/logged-models/search`, dave, { experiment_ids: [mine.experimentId, other.experimentId] });
    assert.deepEqual(models.models.map((m: { info: { model_id: string } }) => m.info.model_id), [other.loggedModelId]);
    // Nothing at all for someone without grants; everything for an administrator.
    const eve = basic(await s.user("eve"));
    assert.deepEqual(await got(`${MLFLOW}/experiments/search`, eve), {});
    assert.ok(names((await got(`${MLFLOW}/experiments/search`, root)).experiments).includes(mine.experimentName));
  });

  it("needs READ on what a request points at: the model a deployment serves, the run a version comes from", async () => {
    const frank = basic(await s.user("frank"));
    const dep = await s.call("POST", `${CAIRN}/deployments/create`, { as: frank, body: { name: "franks", model_uri: `models:/${mine.model}/1` } });
    assert.equal(dep.status, 403);
    assert.match(dep.json.message, new RegExp(`registered model '${mine.model}'`));
    const model = await s.call("POST", `${MLFLOW}/registered-models/create`, { as: frank, body: { name: "franks-model" } });
    assert.equal(model.status, 200);
    const version = await s.call("POST", `${MLFLOW}/model-versions/create`, { as: frank, body: { name: "franks-model", source: `runs:/${mine.runId}/model`, run_id: mine.runId } });
    assert.equal(version.status, 403);
    assert.match(version.json.message, new RegExp(`run '${mine.runId}'`));
    const mon = await s.call("POST", `${CAIRN}/monitors/create`, { as: frank, body: { name: "franks-mon", deployment: mine.deployment, reference_rows: [{ a: 1 }] } });
    assert.equal(mon.status, 403);
    assert.equal((await s.store.searchMonitors({})).monitors.some((m) => m.name === "franks-mon"), false);
    const logs = await s.call("POST", `${CAIRN}/inference-logs`, { as: frank, body: { records: [{ request_id: "f1", deployment: mine.deployment, model_name: mine.model, model_version: "1", timestamp_ms: 1, latency_ms: 1, inputs: 1, outputs: 1 }] } });
    assert.equal(logs.status, 403);
  });
});

describe("authorization with the default permission READ", () => {
  it("lets everyone read, lets nobody but grantees change, and lets unknown references say they do not exist", async () => {
    const s = await startAuthTestServer();
    try {
      const owner = basic(await s.user("owner"));
      const bob = basic(await s.user("bob"));
      const seeded = await seedGoverned(s, owner, "r");
      assert.equal((await s.call("GET", `${MLFLOW}/runs/get?run_id=${seeded.runId}`, { as: bob })).status, 200);
      assert.equal((await s.call("GET", `${MLFLOW}/experiments/search`, { as: bob })).json.experiments.length, 2, "Default and r-exp");
      const edit = await s.call("POST", `${MLFLOW}/runs/set-tag`, { as: bob, body: { run_id: seeded.runId, key: "k", value: "v" } });
      assert.equal(edit.status, 403);
      assert.match(edit.json.message, /you have READ/);
      const missing = await s.call("POST", `${MLFLOW}/runs/set-tag`, { as: bob, body: { run_id: "no-such-run", key: "k", value: "v" } });
      assert.equal(missing.status, 404, "with READ for everyone, existence is no secret");
      const outside = await s.app.inject({ method: "PUT", url: "/api/2.0/mlflow-artifacts/artifacts/not-an-experiment/x.txt", headers: { authorization: `Basic ${Buffer.from("bob:bob-password").toString("base64")}` }, payload: "x" });
      assert.equal(outside.statusCode, 403, "paths outside every experiment need the default to allow it");
    } finally {
      await s.close();
    }
  });
});
