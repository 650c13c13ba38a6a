import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { CairnError, type InferenceRecordInput } from "@cairn/core";
import { createClient, parseModelUri, type CairnClient } from "@cairn/sdk";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";

describe("client.deployments and client.inferenceLogs against a real server", () => {
  let server: EphemeralServer;
  let client: CairnClient;
  before(async () => {
    server = await startEphemeralServer();
    client = createClient({ trackingUri: server.url, maxRetries: 0 });
    await client.registry.createRegisteredModel({ name: "churn" });
    for (let i = 1; i <= 3; i++) await client.registry.createModelVersion({ name: "churn", source: `s3://b/churn/${i}` });
    await client.registry.setRegisteredModelAlias({ name: "churn", alias: "champion", version: "1" });
  });
  after(() => server.close());

  it("runs every deployment action and reads the history", async () => {
    const { deployment } = await client.deployments.create({ name: "churn-prod", model_uri: "models:/churn@champion" });
    assert.deepEqual([deployment.revision, deployment.primary], [1, { model_uri: "models:/churn@champion", version: "1" }]);
    assert.deepEqual((await client.deployments.get({ name: "churn-prod" })).deployment, deployment);

    const canary = (await client.deployments.canary({ name: "churn-prod", model_uri: "models:/churn/2", percent: 5 })).deployment;
    assert.deepEqual(canary.canary, { model_uri: "models:/churn/2", version: "2", percent: 5 });
    const shadow = (await client.deployments.shadow({ name: "churn-prod", model_uri: "models:/churn/3", percent: 50 })).deployment;
    assert.equal(shadow.shadow?.version, "3");
    const promoted = (await client.deployments.promote({ name: "churn-prod" })).deployment;
    assert.equal(promoted.primary.model_uri, "models:/churn/2");
    const ab = (await client.deployments.ab({ name: "churn-prod", variants: [{ model_uri: "models:/churn/2", weight: 50 }, { model_uri: "models:/churn/1", weight: 50 }], sticky_key: "user" })).deployment;
    assert.deepEqual(ab.variants?.map((v) => [v.version, v.weight]), [["2", 50], ["1", 50]]);
    const winner = (await client.deployments.promote({ name: "churn-prod", model_uri: "models:/churn/1" })).deployment;
    assert.deepEqual([winner.primary.version, winner.variants, winner.sticky_key], ["1", undefined, undefined]);
    const back = (await client.deployments.rollback({ name: "churn-prod" })).deployment;
    assert.equal(back.variants?.length, 2);

    const history = await client.deployments.history({ name: "churn-prod" });
    assert.deepEqual(history.revisions.map((r) => r.action), ["rollback", "promote", "ab", "promote", "shadow", "canary", "create"]);
    const firstPage = await client.deployments.history({ name: "churn-prod", max_results: 5 });
    const secondPage = await client.deployments.history({ name: "churn-prod", max_results: 5, page_token: firstPage.next_page_token });
    assert.deepEqual(secondPage.revisions.map((r) => r.revision), [2, 1]);

    // The URIs a deployment stores parse with the SDK's own parser.
    for (const v of back.variants ?? []) assert.equal(parseModelUri(v.model_uri).name, "churn");

    await client.deployments.create({ name: "churn-b", model_uri: "models:/churn/3" });
    assert.deepEqual((await client.deployments.search()).deployments.map((d) => d.name), ["churn-b", "churn-prod"]);
    assert.deepEqual((await client.deployments.search({ filter: "name = 'churn-b'" })).deployments.map((d) => d.name), ["churn-b"]);
    await client.deployments.delete({ name: "churn-b" });
    assert.deepEqual((await client.deployments.search({ filter: "name = 'churn-b'" })).deployments, []);
  });

  it("rebuilds the server's errors as CairnErrors with code and message", async () => {
    const refused = async (promise: Promise<unknown>, code: string, message: RegExp) => {
      await assert.rejects(promise, (error: unknown) => {
        assert.ok(error instanceof CairnError, String(error));
        assert.equal(error.code, code);
        assert.match(error.message, message);
        return true;
      });
    };
    await refused(client.deployments.get({ name: "missing" }), "RESOURCE_DOES_NOT_EXIST", /Deployment 'missing' does not exist/);
    await refused(client.deployments.create({ name: "x", model_uri: "models:/churn/Production" }), "INVALID_PARAMETER_VALUE", /stage/);
    await refused(client.deployments.canary({ name: "churn-prod", model_uri: "models:/churn/3", percent: 0 }), "INVALID_PARAMETER_VALUE", /percent of 0/);
    await refused(client.inferenceLogs.log(Array.from({ length: 1001 }, () => ({}) as InferenceRecordInput)), "INVALID_PARAMETER_VALUE", /records\[0\]\.request_id/);
  });

  it("logs, labels, searches and gets inference records", async () => {
    const records: InferenceRecordInput[] = Array.from({ length: 5 }, (_, i) => ({
      request_id: `q${i}`,
      deployment: "churn-prod",
      model_name: "churn",
      model_version: "1",
      timestamp_ms: 1000 + i,
      latency_ms: 0.7,
      inputs: { x: [i] },
      outputs: [i * 2],
    }));
    assert.deepEqual(await client.inferenceLogs.log(records), { accepted: 5, duplicates: 0 });
    assert.deepEqual(await client.inferenceLogs.log(records.slice(0, 2)), { accepted: 2, duplicates: 2 });
    assert.deepEqual(await client.inferenceLogs.attachLabels([{ request_id: "q1", label: 1 }, { request_id: "zz", label: 0 }]), { updated: 1, unknown_request_ids: ["zz"] });
    const page = await client.inferenceLogs.search({ deployment: "churn-prod", max_results: 3 });
    assert.deepEqual(page.records.map((r) => r.request_id), ["q4", "q3", "q2"]);
    const rest = await client.inferenceLogs.search({ deployment: "churn-prod", max_results: 3, page_token: page.next_page_token });
    assert.deepEqual(rest.records.map((r) => r.request_id), ["q1", "q0"]);
    assert.deepEqual((await client.inferenceLogs.search({ labeled: true })).records.map((r) => [r.request_id, r.label]), [["q1", 1]]);
    assert.deepEqual((await client.inferenceLogs.search({ deployment: "none" })).records, []);
    const got = await client.inferenceLogs.get({ request_id: "q3" });
    assert.deepEqual(got.records, [{ ...records[3], shadow: false }]);
  });
});
