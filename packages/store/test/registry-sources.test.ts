import { it } from "node:test";
import assert from "node:assert/strict";
import { parseJsonText } from "@cairn/core";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";

describeEachDialect("model version sources", (dialect) => {
  it("accepts remote and run URIs, and local paths only inside the named run's local artifact directory", async () => {
    const store = await dialect.open();
    await store.createRegisteredModel({ name: "m" });
    const proxied = parseJsonText(await store.createRun({ experiment_id: "0", user_id: "", start_time: 1 })).info.run_id;
    const localExperiment = await store.createExperiment({ name: "local", artifact_location: "/data/mlruns/7" });
    const local = parseJsonText(await store.createRun({ experiment_id: localExperiment, user_id: "", start_time: 1 })).info;

    for (const source of [`runs:/${proxied}/model`, "s3://bucket/models/m", "mlflow-artifacts:/0/x/artifacts/model"]) {
      assert.equal((await store.createModelVersion({ name: "m", source })).source, source);
    }
    const inside = `${local.artifact_uri}/model`;
    assert.equal((await store.createModelVersion({ name: "m", source: inside, run_id: local.run_id })).source, inside);
    assert.equal((await store.createModelVersion({ name: "m", source: `file://${inside}`, run_id: local.run_id })).version, "5");

    for (const [source, runId] of [
      ["/tmp/some/local/model", undefined],
      ["file:///tmp/x", undefined],
      ["relative/model", undefined],
      ["/data/mlruns/8/model", local.run_id],
      ["/tmp/model", proxied],
    ] as const) {
      await expectCode(store.createModelVersion({ name: "m", source, run_id: runId }), "INVALID_PARAMETER_VALUE", /local artifact directory/);
    }
    assert.equal((await store.getRegisteredModel("m")).latest_versions?.[0]?.version, "5");
  });
});
