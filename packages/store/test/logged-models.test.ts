import { it } from "node:test";
import assert from "node:assert/strict";
import { parseJsonText } from "@cairn/core";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";

describeEachDialect("logged models", (dialect) => {
  it("creates PENDING, finalizes READY, tags, params, deletes", async () => {
    let now = 1000;
    const store = await dialect.open({ clock: () => now++ });
    const runId = parseJsonText(await store.createRun({ experiment_id: "0", user_id: "", start_time: 1 })).info.run_id;
    const model = await store.createLoggedModel({ experiment_id: "0", name: "clf", source_run_id: runId, params: [{ key: "depth", value: "3" }] });
    assert.match(model.info.model_id, /^m-[0-9a-f]{32}$/);
    assert.equal(model.info.status, "LOGGED_MODEL_PENDING");
    assert.equal(model.info.artifact_uri, `mlflow-artifacts:/0/models/${model.info.model_id}/artifacts`);
    assert.deepEqual(model.data, { params: [{ key: "depth", value: "3" }] });
    assert.equal((await store.createLoggedModel({ experiment_id: "0" })).info.source_run_id, "");

    const ready = await store.finalizeLoggedModel(model.info.model_id, "LOGGED_MODEL_READY");
    assert.equal(ready.info.status, "LOGGED_MODEL_READY");
    assert.ok(ready.info.last_updated_timestamp_ms > model.info.last_updated_timestamp_ms);
    await expectCode(store.finalizeLoggedModel(model.info.model_id, "LOGGED_MODEL_PENDING"), "INVALID_PARAMETER_VALUE", /READY/);

    await store.setLoggedModelTags(model.info.model_id, [{ key: "k", value: "v" }]);
    await store.logLoggedModelParams(model.info.model_id, [{ key: "depth", value: "4" }]);
    const read = await store.getLoggedModel(model.info.model_id);
    assert.deepEqual(read.info.tags, [{ key: "k", value: "v" }]);
    assert.deepEqual(read.data.params, [{ key: "depth", value: "4" }]);
    await store.deleteLoggedModelTag(model.info.model_id, "k");
    await expectCode(store.deleteLoggedModelTag(model.info.model_id, "k"), "RESOURCE_DOES_NOT_EXIST", /k/);

    await store.deleteLoggedModel(model.info.model_id);
    await expectCode(store.getLoggedModel(model.info.model_id), "RESOURCE_DOES_NOT_EXIST", /not found/);
    await expectCode(store.createLoggedModel({ experiment_id: "42" }), "RESOURCE_DOES_NOT_EXIST", /42/);
    await expectCode(store.createLoggedModel({ experiment_id: "0", source_run_id: "nope" }), "RESOURCE_DOES_NOT_EXIST", /nope/);
  });

  it("searches by attributes, params and metrics logged against the model, scoped to datasets", async () => {
    let now = 1000;
    const store = await dialect.open({ clock: () => now++ });
    const runId = parseJsonText(await store.createRun({ experiment_id: "0", user_id: "", start_time: 1 })).info.run_id;
    const a = await store.createLoggedModel({ experiment_id: "0", name: "a", model_type: "sklearn", params: [{ key: "depth", value: "3" }] });
    const b = await store.createLoggedModel({ experiment_id: "0", name: "b", model_type: "torch" });
    await store.logBatch(runId, {
      metrics: [
        { key: "acc", value: 0.9, timestamp: 1, step: 0, model_id: a.info.model_id, dataset_name: "val", dataset_digest: "x" },
        { key: "acc", value: 0.7, timestamp: 1, step: 0, model_id: b.info.model_id, dataset_name: "test", dataset_digest: "y" },
      ],
      params: [],
      tags: [],
    });
    const search = async (filter?: string, extra = {}) =>
      (await store.searchLoggedModels({ experiment_ids: ["0"], max_results: 10, filter, ...extra })).items.map((m) => m.info.name);
    assert.deepEqual(await search(), ["b", "a"]);
    assert.deepEqual(await search("name = 'a'"), ["a"]);
    assert.deepEqual(await search("model_type LIKE 'tor%'"), ["b"]);
    assert.deepEqual(await search("params.depth = '3'"), ["a"]);
    assert.deepEqual(await search("metrics.acc > 0.8"), ["a"]);
    assert.deepEqual(await search("metrics.acc > 0.5", { datasets: [{ dataset_name: "test" }] }), ["b"]);
    assert.deepEqual(await search(undefined, { order_by: [{ field_name: "metrics.acc", ascending: false }] }), ["a", "b"]);
    assert.deepEqual(await search(undefined, { order_by: [{ field_name: "name", ascending: true }] }), ["a", "b"]);
    const page = await store.searchLoggedModels({ experiment_ids: ["0"], max_results: 1 });
    assert.ok(page.next_page_token);
    const model = (await store.getLoggedModel(a.info.model_id)).data.metrics;
    assert.deepEqual(model?.map((m) => [m.key, m.value, m.dataset_name]), [["acc", 0.9, "val"]]);
    await expectCode(search("metrics.acc > 'x'"), "INVALID_PARAMETER_VALUE");
  });
});
