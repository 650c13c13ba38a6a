import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createClient, type CairnClient } from "@cairn/sdk";
import { countingFetch } from "./helpers/counting-fetch.js";
import { startEphemeralServer as startTestServer, type EphemeralServer as TestServer } from "@cairn/server/testing";

describe("client.loggedModels against a real server", () => {
  let server: TestServer;
  let client: CairnClient;
  let experimentId: string;
  const requests = countingFetch();
  before(async () => {
    server = await startTestServer();
    client = createClient({ trackingUri: server.url, maxRetries: 0, fetch: requests.fetch });
    experimentId = (await client.experiments.create({ name: "models" })).experiment_id;
  });
  after(() => server.close());

  it("creates, gets, finalizes and searches", async () => {
    const { model } = await client.loggedModels.create({ experiment_id: experimentId, name: "clf", model_type: "sklearn", params: [{ key: "C", value: "1" }] });
    assert.equal(model.info.status, "LOGGED_MODEL_PENDING");
    assert.equal((await client.loggedModels.get({ model_id: model.info.model_id })).model.info.name, "clf");
    const { model: ready } = await client.loggedModels.finalize({ model_id: model.info.model_id, status: "LOGGED_MODEL_READY" });
    assert.equal(ready.info.status, "LOGGED_MODEL_READY");
    const found = await client.loggedModels.search({ experiment_ids: [experimentId], filter: "name = 'clf'" });
    assert.deepEqual(found.models.map((m) => m.info.model_id), [model.info.model_id]);
    const none = await client.loggedModels.search({ experiment_ids: [experimentId], filter: "name = 'other'" });
    assert.deepEqual(none.models, []);
  });

  it("sets and deletes tags (path-encoded keys) and logs params", async () => {
    const { model } = await client.loggedModels.create({ experiment_id: experimentId, name: "tagged" });
    const model_id = model.info.model_id;
    await client.loggedModels.setTags({ model_id, tags: [{ key: "a/b", value: "1" }, { key: "keep", value: "2" }] });
    await client.loggedModels.deleteTag({ model_id, tag_key: "a/b" });
    await client.loggedModels.logParams({ model_id, params: [{ key: "alpha", value: "0.5" }] });
    const { model: got } = await client.loggedModels.get({ model_id });
    assert.deepEqual(got.info.tags, [{ key: "keep", value: "2" }]);
    assert.deepEqual(got.data.params, [{ key: "alpha", value: "0.5" }]);
    // DELETE carries a JSON body, as every non-GET request does.
    const del = requests.seen.find((r) => r.method === "DELETE");
    assert.deepEqual(del?.body, {});
  });

  it("deletes, then reports the model missing", async () => {
    const { model } = await client.loggedModels.create({ experiment_id: experimentId, name: "gone" });
    await client.loggedModels.delete({ model_id: model.info.model_id });
    await assert.rejects(client.loggedModels.get({ model_id: model.info.model_id }), { code: "RESOURCE_DOES_NOT_EXIST" });
    await assert.rejects(client.loggedModels.finalize({ model_id: "m-unknown", status: "LOGGED_MODEL_READY" }), { code: "RESOURCE_DOES_NOT_EXIST" });
  });
});
