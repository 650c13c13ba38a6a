import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestServer, type TestServer } from "./harness.js";
import { zeroed } from "./zero-timestamps.js";

const api = (path: string) => `/api/2.0/mlflow${path}`;

// Bad input always gets a 4xx with MLflow's code and a message naming the problem, and writes nothing.
describe("registry over HTTP: bad input", () => {
  let s: TestServer;
  let snapshot: () => Promise<unknown>;
  before(async () => {
    s = await startTestServer();
    await s.call("POST", api("/registered-models/create"), { name: "m", tags: [{ key: "k", value: "v" }] });
    await s.call("POST", api("/model-versions/create"), { name: "m", source: "s3://b/1" });
    await s.call("POST", api("/registered-models/alias"), { name: "m", alias: "champion", version: "1" });
    snapshot = async () => {
      const models = (await s.call("GET", api("/registered-models/search"))).json;
      const versions = (await s.call("GET", api("/model-versions/search"))).json;
      return zeroed({ models, versions, alias: (await s.call("GET", api("/registered-models/alias?name=m&alias=champion"))).json });
    };
  });
  after(() => s.close());

  const cases: [string, string, unknown, number, string, RegExp][] = [
    // wrong types
    ["POST", "/registered-models/create", { name: { a: 1 } }, 400, "INVALID_PARAMETER_VALUE", /'name'/],
    ["POST", "/registered-models/create", { name: "x", tags: "k=v" }, 400, "INVALID_PARAMETER_VALUE", /'tags\[0\]': must be object/],
    ["POST", "/model-versions/create", { name: "m", source: { uri: "s3://b" } }, 400, "INVALID_PARAMETER_VALUE", /'source'/],
    ["POST", "/model-versions/transition-stage", { name: "m", version: "1", stage: "Staging", archive_existing_versions: "maybe" }, 400, "INVALID_PARAMETER_VALUE", /archive_existing_versions/],
    ["GET", "/registered-models/search?max_results=ten", undefined, 400, "INVALID_PARAMETER_VALUE", /max_results/],
    ["GET", "/registered-models/search?max_results=1001", undefined, 400, "INVALID_PARAMETER_VALUE", /max_results/],
    ["GET", "/model-versions/search?max_results=200001", undefined, 400, "INVALID_PARAMETER_VALUE", /max_results/],
    ["POST", "/registered-models/create", "{not json", 400, "BAD_REQUEST", /not valid JSON/],
    // missing parameters
    ["POST", "/registered-models/create", {}, 400, "INVALID_PARAMETER_VALUE", /required parameter 'name'/],
    ["POST", "/registered-models/create", { name: "" }, 400, "INVALID_PARAMETER_VALUE", /'name'/],
    ["POST", "/model-versions/create", { name: "m" }, 400, "INVALID_PARAMETER_VALUE", /required parameter 'source'/],
    ["GET", "/model-versions/get?name=m", undefined, 400, "INVALID_PARAMETER_VALUE", /required parameter 'version'/],
    ["DELETE", "/registered-models/delete", {}, 400, "INVALID_PARAMETER_VALUE", /required parameter 'name'/],
    ["POST", "/registered-models/rename", { name: "m" }, 400, "INVALID_PARAMETER_VALUE", /required parameter 'new_name'/],
    ["POST", "/registered-models/alias", { name: "m", alias: "a" }, 400, "INVALID_PARAMETER_VALUE", /required parameter 'version'/],
    // unknown names and versions
    ["GET", "/registered-models/get?name=nope", undefined, 404, "RESOURCE_DOES_NOT_EXIST", /name=nope not found/],
    ["POST", "/model-versions/create", { name: "nope", source: "s3://b/1" }, 404, "RESOURCE_DOES_NOT_EXIST", /nope/],
    ["DELETE", "/registered-models/delete", { name: "nope" }, 404, "RESOURCE_DOES_NOT_EXIST", /nope/],
    ["POST", "/registered-models/rename", { name: "nope", new_name: "x" }, 404, "RESOURCE_DOES_NOT_EXIST", /nope/],
    ["DELETE", "/model-versions/delete", { name: "m", version: "7" }, 404, "RESOURCE_DOES_NOT_EXIST", /version=7/],
    ["POST", "/registered-models/alias", { name: "m", alias: "best", version: "7" }, 404, "RESOURCE_DOES_NOT_EXIST", /version=7/],
    ["POST", "/model-versions/set-tag", { name: "m", version: "7", key: "k", value: "v" }, 404, "RESOURCE_DOES_NOT_EXIST", /version=7/],
    ["POST", "/model-versions/create", { name: "m", source: "s3://b/2", model_id: "m-nope" }, 404, "RESOURCE_DOES_NOT_EXIST", /m-nope/],
    // bad values
    ["POST", "/model-versions/transition-stage", { name: "m", version: "1", stage: "Live" }, 400, "INVALID_PARAMETER_VALUE", /None, Staging, Production, Archived/],
    ["POST", "/model-versions/transition-stage", { name: "m", version: "1", stage: "Archived", archive_existing_versions: true }, 400, "INVALID_PARAMETER_VALUE", /archive_existing_versions/],
    ["POST", "/registered-models/get-latest-versions", { name: "m", stages: ["Live"] }, 400, "INVALID_PARAMETER_VALUE", /Live/],
    ["GET", "/model-versions/get?name=m&version=one", undefined, 400, "INVALID_PARAMETER_VALUE", /positive integers/],
    ["POST", "/registered-models/alias", { name: "m", alias: "latest", version: "1" }, 400, "INVALID_PARAMETER_VALUE", /reserved/],
    ["POST", "/registered-models/set-tag", { name: "m", key: "bad key!", value: "v" }, 400, "INVALID_PARAMETER_VALUE", /bad key!/],
    ["POST", "/model-versions/create", { name: "m", source: "mlflow-artifacts:/../../etc/passwd" }, 400, "INVALID_PARAMETER_VALUE", /'\.\.'/],
    ["POST", "/registered-models/create", { name: "m" }, 400, "RESOURCE_ALREADY_EXISTS", /already exists/],
    ["POST", "/registered-models/rename", { name: "m", new_name: "" }, 400, "INVALID_PARAMETER_VALUE", /'new_name'/],
    ["GET", "/registered-models/search?filter=name+%3E+%27a%27", undefined, 400, "INVALID_PARAMETER_VALUE", /'>'/],
    ["GET", "/model-versions/search?filter=run_id+%3D+1", undefined, 400, "INVALID_PARAMETER_VALUE", /quoted string/],
    ["GET", "/model-versions/search?order_by=source_path", undefined, 400, "INVALID_PARAMETER_VALUE", /source_path/],
    ["GET", "/registered-models/search?page_token=xyz", undefined, 400, "INVALID_PARAMETER_VALUE", /page token/],
  ];

  it("answers every bad request with a 4xx and MLflow's code, and writes nothing", async () => {
    const before = await snapshot();
    for (const [method, path, body, status, code, message] of cases) {
      const answer = await s.call(method, api(path), body);
      const label = `${method} ${path} ${JSON.stringify(body)}`;
      assert.equal(answer.status, status, `${label}: ${answer.text}`);
      assert.equal(answer.json.error_code, code, label);
      assert.match(answer.json.message, message, label);
    }
    assert.deepEqual(await snapshot(), before);
  });
});
