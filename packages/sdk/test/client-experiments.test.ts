import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { CairnError } from "@cairn/core";
import { createClient, type CairnClient } from "@cairn/sdk";
import { startEphemeralServer as startTestServer, type EphemeralServer as TestServer } from "@cairn/server/testing";

describe("client.experiments against a real server", () => {
  let server: TestServer;
  let client: CairnClient;
  before(async () => {
    server = await startTestServer();
    client = createClient({ trackingUri: server.url, maxRetries: 0 });
  });
  after(() => server.close());

  it("creates, reads by id and by name, with tags", async () => {
    const { experiment_id } = await client.experiments.create({ name: "exp-a", tags: [{ key: "team", value: "ml" }] });
    const byId = await client.experiments.get({ experiment_id });
    assert.equal(byId.experiment.name, "exp-a");
    assert.equal(byId.experiment.lifecycle_stage, "active");
    assert.deepEqual(byId.experiment.tags, [{ key: "team", value: "ml" }]);
    const byName = await client.experiments.getByName({ experiment_name: "exp-a" });
    assert.equal(byName.experiment.experiment_id, experiment_id);
  });

  it("searches with filter, pages and view type", async () => {
    for (const name of ["page-1", "page-2", "page-3"]) await client.experiments.create({ name });
    const first = await client.experiments.search({ filter: "name LIKE 'page-%'", max_results: 2, order_by: ["name ASC"] });
    assert.deepEqual(first.experiments.map((e) => e.name), ["page-1", "page-2"]);
    assert.ok(first.next_page_token);
    const second = await client.experiments.search({ filter: "name LIKE 'page-%'", max_results: 2, order_by: ["name ASC"], page_token: first.next_page_token });
    assert.deepEqual(second.experiments.map((e) => e.name), ["page-3"]);
    assert.equal(second.next_page_token, undefined);
    const none = await client.experiments.search({ filter: "name = 'nothing-like-this'" });
    assert.deepEqual(none.experiments, []);
  });

  it("renames, deletes and restores", async () => {
    const { experiment_id } = await client.experiments.create({ name: "to-rename" });
    await client.experiments.rename({ experiment_id, new_name: "renamed" });
    assert.equal((await client.experiments.get({ experiment_id })).experiment.name, "renamed");
    await client.experiments.delete({ experiment_id });
    assert.equal((await client.experiments.get({ experiment_id })).experiment.lifecycle_stage, "deleted");
    const deleted = await client.experiments.search({ view_type: "DELETED_ONLY" });
    assert.ok(deleted.experiments.some((e) => e.experiment_id === experiment_id));
    await client.experiments.restore({ experiment_id });
    assert.equal((await client.experiments.get({ experiment_id })).experiment.lifecycle_stage, "active");
  });

  it("sets and deletes experiment tags", async () => {
    const { experiment_id } = await client.experiments.create({ name: "tagged" });
    await client.experiments.setTag({ experiment_id, key: "owner", value: "ada" });
    assert.deepEqual((await client.experiments.get({ experiment_id })).experiment.tags, [{ key: "owner", value: "ada" }]);
    await client.experiments.deleteTag({ experiment_id, key: "owner" });
    assert.deepEqual((await client.experiments.get({ experiment_id })).experiment.tags ?? [], []);
  });

  it("rebuilds the server's errors with their codes", async () => {
    await assert.rejects(client.experiments.get({ experiment_id: "987654" }), (error: unknown) => {
      assert.ok(error instanceof CairnError);
      assert.equal(error.code, "RESOURCE_DOES_NOT_EXIST");
      assert.match(error.message, /987654/);
      return true;
    });
    await assert.rejects(client.experiments.getByName({ experiment_name: "nope" }), { code: "RESOURCE_DOES_NOT_EXIST" });
    await client.experiments.create({ name: "dup" });
    await assert.rejects(client.experiments.create({ name: "dup" }), { name: "CairnError", code: "RESOURCE_ALREADY_EXISTS" });
    await assert.rejects(client.experiments.search({ filter: "name ==" }), { code: "INVALID_PARAMETER_VALUE" });
  });

  it("resolves experiments by id or name", async () => {
    const { experiment_id } = await client.experiments.create({ name: "resolve-me" });
    assert.equal((await client.resolveExperiment(experiment_id))?.name, "resolve-me");
    assert.equal((await client.resolveExperiment("resolve-me"))?.experiment_id, experiment_id);
    assert.equal(await client.resolveExperiment("no-such-experiment"), undefined);
    assert.equal(await client.resolveExperiment("424242"), undefined);
  });

  it("refuses a tracking URI that is not http(s)", () => {
    assert.throws(() => createClient({ trackingUri: "file:///tmp/mlruns" }), { code: "INVALID_PARAMETER_VALUE" });
    assert.throws(() => createClient({ trackingUri: "not a url" }), { code: "INVALID_PARAMETER_VALUE" });
  });
});
