import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestServer, type TestServer } from "./harness.js";

const API = "/api/2.0/cairn/deployments";
const MLFLOW = "/api/2.0/mlflow";

describe("deployments over HTTP", () => {
  let server: TestServer;
  let now = Date.UTC(2026, 3, 1);
  before(async () => {
    server = await startTestServer({ clock: () => now++ });
    await server.call("POST", `${MLFLOW}/registered-models/create`, { name: "churn" });
    for (let i = 1; i <= 4; i++) await server.call("POST", `${MLFLOW}/model-versions/create`, { name: "churn", source: `s3://b/churn/${i}` });
    await server.call("POST", `${MLFLOW}/registered-models/alias`, { name: "churn", alias: "champion", version: "2" });
    await server.call("POST", `${MLFLOW}/registered-models/create`, { name: "fraud" });
  });
  after(() => server.close());

  /** The deployment and its history, to show that a refused request changed neither. */
  const snapshot = async (name: string) => [(await server.call("GET", `${API}/get?name=${name}`)).json, (await server.call("GET", `${API}/history?name=${name}`)).json];

  it("runs a deployment through create, canary, shadow, promote, ab and rollback", async () => {
    const created = await server.call("POST", `${API}/create`, { name: "churn-prod", model_uri: "models:/churn@champion", description: "live traffic" });
    assert.equal(created.status, 200, created.text);
    const t0 = created.json.deployment.creation_timestamp;
    assert.deepEqual(created.json, {
      deployment: { name: "churn-prod", model_name: "churn", description: "live traffic", revision: 1, creation_timestamp: t0, last_updated_timestamp: t0, primary: { model_uri: "models:/churn@champion", version: "2" } },
    });

    const canary = await server.call("POST", `${API}/canary`, { name: "churn-prod", model_uri: "models:/churn/3", percent: 10 });
    assert.deepEqual(canary.json.deployment.canary, { model_uri: "models:/churn/3", version: "3", percent: 10 });
    const shadow = await server.call("POST", `${API}/shadow`, { name: "churn-prod", model_uri: "models:/churn/4", percent: 20 });
    assert.deepEqual(shadow.json.deployment.shadow, { model_uri: "models:/churn/4", version: "4", percent: 20 });
    const promoted = await server.call("POST", `${API}/promote`, { name: "churn-prod" });
    assert.deepEqual([promoted.json.deployment.primary, promoted.json.deployment.canary, promoted.json.deployment.revision], [{ model_uri: "models:/churn/3", version: "3" }, undefined, 4]);
    const ab = await server.call("POST", `${API}/ab`, { name: "churn-prod", variants: [{ model_uri: "models:/churn/3", weight: 90 }, { model_uri: "models:/churn@champion", weight: 10 }], sticky_key: "customer_id" });
    assert.equal(ab.status, 200, ab.text);
    assert.deepEqual(ab.json.deployment.variants, [{ model_uri: "models:/churn/3", version: "3", weight: 90 }, { model_uri: "models:/churn@champion", version: "2", weight: 10 }]);
    assert.equal(ab.json.deployment.sticky_key, "customer_id");

    // The alias moves: the next poll sees the new version without a new revision.
    await server.call("POST", `${MLFLOW}/registered-models/alias`, { name: "churn", alias: "champion", version: "1" });
    const polled = await server.call("GET", `${API}/get?name=churn-prod`);
    assert.deepEqual([polled.json.deployment.revision, polled.json.deployment.variants[1].version], [5, "1"]);

    const rolled = await server.call("POST", `${API}/rollback`, { name: "churn-prod", revision: 2 });
    assert.deepEqual([rolled.json.deployment.revision, rolled.json.deployment.primary.model_uri, rolled.json.deployment.canary?.model_uri, rolled.json.deployment.variants], [6, "models:/churn@champion", "models:/churn/3", undefined]);

    const history = await server.call("GET", `${API}/history?name=churn-prod&max_results=4`);
    assert.deepEqual(history.json.revisions.map((r: { revision: number; action: string }) => [r.revision, r.action]), [[6, "rollback"], [5, "ab"], [4, "promote"], [3, "shadow"]]);
    assert.deepEqual(history.json.revisions[0].spec, { primary: { model_uri: "models:/churn@champion" }, canary: { model_uri: "models:/churn/3", percent: 10 } });
    const older = await server.call("GET", `${API}/history?name=churn-prod&max_results=4&page_token=${encodeURIComponent(history.json.next_page_token)}`);
    assert.deepEqual([older.json.revisions.map((r: { revision: number }) => r.revision), older.json.next_page_token], [[2, 1], undefined]);

    // The web UI's mirror reaches the same routes.
    const mirrored = await server.call("GET", "/ajax-api/2.0/cairn/deployments/get?name=churn-prod");
    assert.deepEqual(mirrored.json, (await server.call("GET", `${API}/get?name=churn-prod`)).json);
    const search = await server.call("GET", `/ajax-api/2.0/cairn/deployments/search?filter=${encodeURIComponent("model_name = 'churn'")}`);
    assert.deepEqual(search.json.deployments.map((d: { name: string }) => d.name), ["churn-prod"]);

    assert.deepEqual((await server.call("POST", `${API}/delete`, { name: "churn-prod" })).json, {});
    const gone = await server.call("GET", `${API}/get?name=churn-prod`);
    assert.deepEqual([gone.status, gone.json.error_code], [404, "RESOURCE_DOES_NOT_EXIST"]);
  });

  it("answers bad requests with MLflow's envelope, a 4xx and an actionable message, and changes nothing", async () => {
    await server.call("POST", `${API}/create`, { name: "guarded", model_uri: "models:/churn/1" });
    const before = await snapshot("guarded");
    const cases: [string, string, unknown, number, string, RegExp][] = [
      ["POST", "/create", { name: "guarded", model_uri: "models:/churn/2" }, 400, "RESOURCE_ALREADY_EXISTS", /already exists/],
      ["POST", "/create", { name: "bad/name", model_uri: "models:/churn/2" }, 400, "INVALID_PARAMETER_VALUE", /1 to 63 characters/],
      ["POST", "/create", { name: "other" }, 400, "INVALID_PARAMETER_VALUE", /Missing value for required parameter 'model_uri'/],
      ["POST", "/create", { name: "other", model_uri: "models:/churn/Production" }, 400, "INVALID_PARAMETER_VALUE", /stage/],
      ["POST", "/create", { name: "other", model_uri: "models:/fraud/1" }, 404, "RESOURCE_DOES_NOT_EXIST", /has no version 1/],
      ["POST", "/canary", { name: "guarded", model_uri: "models:/churn/2", percent: 0 }, 400, "INVALID_PARAMETER_VALUE", /percent of 0 is not allowed/],
      ["POST", "/canary", { name: "guarded", model_uri: "models:/churn/2", percent: "ten" }, 400, "INVALID_PARAMETER_VALUE", /Invalid value "ten" for parameter 'percent'/],
      ["POST", "/canary", { name: "guarded", model_uri: "models:/fraud/1", percent: 5 }, 400, "INVALID_PARAMETER_VALUE", /serves model 'churn'/],
      ["POST", "/canary", { name: "guarded", model_uri: "models:/churn@ghost", percent: 5 }, 404, "RESOURCE_DOES_NOT_EXIST", /no alias 'ghost'/],
      ["POST", "/canary", { name: "nobody", model_uri: "models:/churn/2", percent: 5 }, 404, "RESOURCE_DOES_NOT_EXIST", /Deployment 'nobody' does not exist/],
      ["POST", "/ab", { name: "guarded", variants: [{ model_uri: "models:/churn/2", weight: 50 }, { model_uri: "models:/churn/3", weight: 49 }] }, 400, "INVALID_PARAMETER_VALUE", /sum to 99/],
      ["POST", "/ab", { name: "guarded", variants: [{ model_uri: "models:/churn/2" }] }, 400, "INVALID_PARAMETER_VALUE", /variants\[0\]\.weight/],
      ["POST", "/shadow", { name: "guarded", model_uri: "models:/churn/latest", percent: 5 }, 400, "INVALID_PARAMETER_VALUE", /latest version/],
      ["POST", "/promote", { name: "guarded" }, 400, "INVALID_PARAMETER_VALUE", /no canary, A\/B variants or shadow to promote/],
      ["POST", "/rollback", { name: "guarded" }, 400, "INVALID_PARAMETER_VALUE", /nothing to roll back to/],
      ["POST", "/rollback", { name: "guarded", revision: 7 }, 404, "RESOURCE_DOES_NOT_EXIST", /no revision 7/],
      ["POST", "/rollback", { name: "guarded", revision: "two" }, 400, "INVALID_PARAMETER_VALUE", /parameter 'revision'/],
      ["POST", "/delete", {}, 400, "INVALID_PARAMETER_VALUE", /Missing value for required parameter 'name'/],
      ["POST", "/canary", "{not json", 400, "BAD_REQUEST", /not valid JSON/],
      ["GET", "/get?name=", "", 400, "INVALID_PARAMETER_VALUE", /Missing value for required parameter 'name'/],
      ["GET", "/history?name=guarded&max_results=0", "", 400, "INVALID_PARAMETER_VALUE", /max_results/],
      ["GET", "/search?filter=tags.team%20%3D%20'x'", "", 400, "INVALID_PARAMETER_VALUE", /attribute|tag/],
      ["GET", "/search?page_token=zzz", "", 400, "INVALID_PARAMETER_VALUE", /page token/],
    ];
    for (const [method, path, body, status, code, message] of cases) {
      const r = await server.call(method, `${API}${path}`, method === "GET" ? undefined : body);
      assert.equal(r.status, status, `${method} ${path}: ${r.text}`);
      assert.deepEqual(Object.keys(r.json).sort(), ["error_code", "message"], r.text);
      assert.equal(r.json.error_code, code, r.text);
      assert.match(r.json.message, message);
    }
    assert.deepEqual(await snapshot("guarded"), before);
    const names = (await server.call("GET", `${API}/search`)).json.deployments.map((d: { name: string }) => d.name);
    assert.ok(!names.includes("other") && !names.includes("bad/name"), names.join(","));
  });

  it("publishes the routes in the OpenAPI document", async () => {
    const { json } = await server.call("GET", "/api/openapi.json");
    for (const path of ["create", "get", "search", "canary", "ab", "shadow", "promote", "rollback", "delete", "history"]) {
      assert.ok(json.paths[`/api/2.0/cairn/deployments/${path}`], path);
    }
    assert.ok(json.paths["/api/2.0/cairn/inference-logs"]);
  });
});
